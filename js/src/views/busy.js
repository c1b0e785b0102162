/**
 * The page's busy indicator: a small spinner (role status, named "Busy", bottom left)
 * shown while either
 *  - a message this page sent has waited more than `BUSY_DELAY_MS` for the server's
 *    acknowledgement (PROTOCOL.md §6), i.e. the server is still working on it; the protocol
 *    knows the outbox and app.js tells this view when its oldest message was sent; or
 *  - the server said its session is busy: the `busy` command (§4, docsync/runtime/context.py),
 *    `{"busy": true}` once work of the session (a periodic callback, `state.execute`, an
 *    async form handler, whatever started it) has run for as long, `{"busy": false}` when
 *    it is idle again. The server sends nothing for work that ends sooner.
 */

import { h } from "./base.js";

/** How long an unacknowledged message waits before the page shows that it is busy. */
export const BUSY_DELAY_MS = 100;

/**
 * Whether the page is busy at `now` when its oldest unacknowledged message was sent at
 * `sentAt` (null: none waits), and when to look again if it is not busy yet (null: no
 * need). Times in ms on one clock.
 */
export function busyState(sentAt, now, delayMs = BUSY_DELAY_MS) {
  if (sentAt === null || sentAt === undefined) return { busy: false, recheckAt: null };
  if (now - sentAt >= delayMs) return { busy: true, recheckAt: null };
  return { busy: false, recheckAt: sentAt + delayMs };
}

/** The server's word in a `busy` command's data: true, false, or null when it says neither. */
export function serverBusy(data) {
  const busy = data?.busy;
  return typeof busy === "boolean" ? busy : null;
}

/**
 * What the indicator shows at `now`: busy when the server said so, else as `busyState`
 * says for the page's own oldest message (whose recheck time holds either way).
 */
export function indicatorState({ sentAt, server }, now, delayMs = BUSY_DELAY_MS) {
  const own = busyState(sentAt, now, delayMs);
  return server ? { busy: true, recheckAt: own.recheckAt } : own;
}

export class BusyIndicator {
  constructor(parent = document.body, { delayMs = BUSY_DELAY_MS, now = () => performance.now() } = {}) {
    this.delayMs = delayMs;
    this.now = now;
    this.timer = null;
    this.sentAt = null;
    this.server = false;
    this.el = h("div", { className: "docsync-busy", role: "status", "aria-label": "Busy", hidden: true }, h("span", { className: "docsync-spinner", "aria-hidden": "true" }));
    parent.append(this.el);
  }

  /** The oldest unacknowledged message was sent at `sentAt` (ms on `now`'s clock), or null. */
  update(sentAt) {
    this.sentAt = sentAt;
    this._show();
  }

  /** The server's session is busy (a `busy` command), or no longer (also: a snapshot). */
  setServerBusy(busy) {
    this.server = busy;
    this._show();
  }

  _show() {
    clearTimeout(this.timer);
    const now = this.now();
    const { busy, recheckAt } = indicatorState(this, now, this.delayMs);
    this.el.hidden = !busy;
    if (recheckAt !== null) this.timer = setTimeout(() => this._show(), recheckAt - now);
  }
}
