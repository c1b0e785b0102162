/** The busy indicator's pure rules (js/src/views/busy.js): the page's own wait, and the server's word. */

import assert from "node:assert/strict";
import { test } from "node:test";

import { BUSY_DELAY_MS, indicatorState, serverBusy } from "../src/views/busy.js";

test("a busy command says true or false; anything else is no word at all", () => {
  assert.equal(serverBusy({ busy: true }), true);
  assert.equal(serverBusy({ busy: false }), false);
  for (const data of [null, undefined, {}, { busy: "yes" }, { busy: 1 }]) assert.equal(serverBusy(data), null);
});

test("the indicator shows while the server says busy, whether or not a message waits", () => {
  assert.deepEqual(indicatorState({ sentAt: null, server: true }, 5000), { busy: true, recheckAt: null });
  assert.deepEqual(indicatorState({ sentAt: null, server: false }, 5000), { busy: false, recheckAt: null });
  // A message just sent: busy for the server's sake now, and a recheck when its own wait is due.
  assert.deepEqual(indicatorState({ sentAt: 1000, server: true }, 1010), { busy: true, recheckAt: 1000 + BUSY_DELAY_MS });
  assert.deepEqual(indicatorState({ sentAt: 1000, server: false }, 1010), { busy: false, recheckAt: 1000 + BUSY_DELAY_MS });
  // The server idle again: the page's own long wait still shows.
  assert.deepEqual(indicatorState({ sentAt: 1000, server: false }, 1000 + BUSY_DELAY_MS), { busy: true, recheckAt: null });
  assert.deepEqual(indicatorState({ sentAt: 1000, server: false }, 1030, 20), { busy: true, recheckAt: null });
});
