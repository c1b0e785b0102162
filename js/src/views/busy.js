/**
 * The page's busy indicator: a small spinner (role status, named "Busy", bottom left)
 * shown while a message this page sent has waited more than `BUSY_DELAY_MS` for the
 * server's acknowledgement (PROTOCOL.md §6), i.e. while the server is still working on it.
 * The protocol knows the outbox; app.js tells this view when its oldest message was sent.
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

export class BusyIndicator {
  constructor(parent = document.body, { delayMs = BUSY_DELAY_MS, now = () => performance.now() } = {}) {
    this.delayMs = delayMs;
    this.now = now;
    this.timer = null;
    this.el = h("div", { className: "docsync-busy", role: "status", "aria-label": "Busy", hidden: true }, h("span", { className: "docsync-spinner", "aria-hidden": "true" }));
    parent.append(this.el);
  }

  /** The oldest unacknowledged message was sent at `sentAt` (ms on `now`'s clock), or null. */
  update(sentAt) {
    clearTimeout(this.timer);
    const now = this.now();
    const { busy, recheckAt } = busyState(sentAt, now, this.delayMs);
    this.el.hidden = !busy;
    if (recheckAt !== null) this.timer = setTimeout(() => this.update(sentAt), recheckAt - now);
  }
}
