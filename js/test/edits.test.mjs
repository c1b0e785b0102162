import assert from "node:assert/strict";
import { test } from "node:test";

import { EditQueue } from "../src/edits.js";

test("edits coalesce per tick, latest value wins, first-edit order kept", () => {
  const ticks = [];
  const flushed = [];
  const q = new EditQueue({ schedule: (fn) => ticks.push(fn), flush: (e) => flushed.push(e) });
  q.set("m2", "value", 1);
  q.set("m5", "value", "a");
  q.set("m2", "value", 2);
  assert.equal(ticks.length, 1);
  ticks.shift()();
  assert.deepEqual(flushed, [[["m2", "value", 2], ["m5", "value", "a"]]]);
  q.set("m2", "value", 3);
  q.flush(); // an event forces the flush before the tick
  ticks.shift()(); // the scheduled tick then finds nothing
  assert.deepEqual(flushed.at(-1), [["m2", "value", 3]]);
  assert.equal(flushed.length, 2);
});
