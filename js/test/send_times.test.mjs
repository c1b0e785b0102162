/** The page's own busy wait (js/src/send_times.js): when the oldest waiting message was queued. */

import assert from "node:assert/strict";
import { test } from "node:test";

import { SendTimes } from "../src/send_times.js";

function wired() {
  const shown = [];
  const outbox = [];
  let t = 100;
  const times = new SendTimes({ busy: { update: (at) => shown.push(at) }, outbox: () => outbox, now: () => t });
  return { shown, outbox, times, advance: (ms) => { t += ms; } };
}

test("the indicator gets the time the oldest unacknowledged message was queued", () => {
  const { shown, outbox, times, advance } = wired();
  outbox.push({ cseq: 1 });
  times.queued(1);
  times.update();
  advance(50);
  outbox.push({ cseq: 2 });
  times.queued(2);
  times.update();
  assert.deepEqual(shown, [100, 100], "the oldest still waits");
  outbox.shift(); // message 1 acknowledged
  times.update();
  assert.deepEqual(shown.at(-1), 150);
  outbox.shift();
  times.update();
  assert.equal(shown.at(-1), null, "nothing waits");
  assert.equal(times.sentAt.size, 0, "acknowledged messages are forgotten");
});

test("a message resent after a resume keeps the time it was first queued", () => {
  const { shown, outbox, times, advance } = wired();
  outbox.push({ cseq: 7 });
  times.queued(7);
  advance(5000); // dropped, reconnected, the outbox resent
  times.update();
  assert.equal(shown.at(-1), 100);
});

test("an outbox message this page did not time shows no wait of its own", () => {
  const { shown, outbox, times } = wired();
  outbox.push({ cseq: 3 });
  times.update();
  assert.equal(shown.at(-1), null);
});
