/**
 * The page's half of the busy indicator (views/busy.js shows it): when each message still
 * waiting for its acknowledgement was queued, so the indicator can show once the oldest
 * has waited too long. DOM-free; the clock is injected.
 */

export class SendTimes {
  /**
   * `busy` has `update(sentAt | null)` (a BusyIndicator); `outbox()` returns the protocol's
   * unacknowledged messages, oldest first (each with its `cseq`); `now()` is the clock in
   * ms (performance.now).
   */
  constructor({ busy, outbox, now }) {
    this.busy = busy;
    this.outbox = outbox;
    this.now = now;
    this.sentAt = new Map(); // cseq -> now() when the message was queued
  }

  /** A message numbered `cseq` is queued now; call `update()` once it is handed on. */
  queued(cseq) {
    this.sentAt.set(cseq, this.now());
  }

  /** Forget acknowledged messages and tell the indicator when the oldest waiting one was
   * queued (null: none waits). Call after anything that may acknowledge a message. */
  update() {
    const oldest = this.outbox()[0];
    for (const cseq of this.sentAt.keys()) if (!oldest || cseq < oldest.cseq) this.sentAt.delete(cseq);
    this.busy.update(oldest ? (this.sentAt.get(oldest.cseq) ?? null) : null);
  }
}
