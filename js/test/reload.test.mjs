/** Reloads after a session is gone (js/src/reload.js), with a fake storage and clock. */

import assert from "node:assert/strict";
import { test } from "node:test";

import { FRESH_RELOAD_KEY, FRESH_RELOAD_LOOP_MS, reloadForFreshSession, reloadWhenBack, waitForServer } from "../src/reload.js";

function memoryStorage() {
  const items = new Map();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => items.set(k, String(v)), items };
}

test("a refusal for a fresh session reloads, and records when", () => {
  const storage = memoryStorage();
  const done = [];
  reloadForFreshSession({ storage: () => storage, now: () => 50000, reload: () => done.push("reload"), onLoop: () => done.push("loop") });
  assert.deepEqual(done, ["reload"]);
  assert.equal(storage.items.get(FRESH_RELOAD_KEY), "50000");
});

test("a second one soon after is a loop: the user is asked instead", () => {
  const storage = memoryStorage();
  const done = [];
  let t = 50000;
  const run = () => reloadForFreshSession({ storage: () => storage, now: () => t, reload: () => done.push("reload"), onLoop: () => done.push("loop") });
  run();
  t += FRESH_RELOAD_LOOP_MS - 1;
  run();
  t += FRESH_RELOAD_LOOP_MS;
  run();
  assert.deepEqual(done, ["reload", "loop", "reload"]);
});

test("without sessionStorage (a sandboxed frame) it reloads anyway", () => {
  const done = [];
  const storage = () => { throw new Error("SecurityError"); };
  reloadForFreshSession({ storage, now: () => 50000, reload: () => done.push("reload"), onLoop: () => done.push("loop") });
  assert.deepEqual(done, ["reload"]);
});

test("waitForServer polls until a 200, within its deadline", async () => {
  let t = 0;
  const answers = [new Error("refused"), { status: 502 }, { status: 200 }];
  const asked = [];
  const fetchImpl = async (url, options) => {
    asked.push([url, options.cache]);
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const up = await waitForServer("http://h/app", { timeoutMs: 1000, intervalMs: 300, fetchImpl, now: () => t, sleep: async (ms) => { t += ms; } });
  assert.equal(up, true);
  assert.deepEqual(asked, Array(3).fill(["http://h/app", "no-store"]));
});

test("waitForServer gives up at its deadline", async () => {
  let t = 0;
  let asked = 0;
  const fetchImpl = async () => { asked += 1; return { status: 503 }; };
  const up = await waitForServer("http://h/app", { timeoutMs: 1000, intervalMs: 300, fetchImpl, now: () => t, sleep: async (ms) => { t += ms; } });
  assert.equal(up, false);
  assert.equal(asked, 4); // at 0, 300, 600 and 900 ms
});

test("reloadWhenBack reloads when the server answers, else says it is gone", async () => {
  const done = [];
  await reloadWhenBack({ url: "u", reload: () => done.push("reload"), onGone: () => done.push("gone"), wait: async () => true });
  await reloadWhenBack({ url: "u", reload: () => done.push("reload"), onGone: () => done.push("gone"), wait: async () => false });
  assert.deepEqual(done, ["reload", "gone"]);
});
