/**
 * Reloading the page when its session cannot come back (PROTOCOL.md §6, §8): for a fresh
 * session after a 4409 refusal, without looping, and once a restarting server answers
 * again. DOM-free: the caller passes storage, clock, reload and fetch-like waits.
 */

/** sessionStorage key of the time of the last reload for a fresh session. */
export const FRESH_RELOAD_KEY = "docsync-reloaded-for-4409";
/** A second reload for a fresh session sooner than this (ms) is a loop: ask the user. */
export const FRESH_RELOAD_LOOP_MS = 10000;

/**
 * PROTOCOL.md §6: a hello with last_seq null refused with 4409 means another tab holds this
 * page's token; a reload fetches a fresh one. A page that comes back from a cache with the
 * same token would reload again at once, so a second reload within
 * `FRESH_RELOAD_LOOP_MS` calls `onLoop()` instead (the caller says why and offers a button).
 *
 * `storage()` returns sessionStorage; it may throw (a sandboxed frame has none), and then
 * the page reloads anyway. `now()` is the clock in ms (Date.now).
 */
export function reloadForFreshSession({ storage, now, reload, onLoop }) {
  let last = 0;
  try {
    const store = storage();
    last = Number(store.getItem(FRESH_RELOAD_KEY) ?? 0);
    store.setItem(FRESH_RELOAD_KEY, String(now()));
  } catch {
    // No sessionStorage (sandboxed frame): reload anyway.
  }
  if (now() - last < FRESH_RELOAD_LOOP_MS) onLoop();
  else reload();
}

/** Poll `url` until it answers 200 or `timeoutMs` passes; resolves to whether it did. */
export async function waitForServer(url, { timeoutMs = 30000, intervalMs = 300, fetchImpl = fetch, now = Date.now, sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)) } = {}) {
  const deadline = now() + timeoutMs;
  while (now() < deadline) {
    try {
      const response = await fetchImpl(url, { cache: "no-store" });
      if (response.status === 200) return true;
    } catch {
      // The server is still down; keep polling.
    }
    await sleep(intervalMs);
  }
  return false;
}

/**
 * After a restart: reload once `wait(url)` resolves true (the server answers again), else
 * call `onGone()` (the caller says the server did not come back). Returns the promise.
 */
export function reloadWhenBack({ url, reload, onGone, wait = waitForServer }) {
  return wait(url).then((up) => {
    if (up) reload();
    else onGone();
  });
}
