import assert from "node:assert/strict";
import { test } from "node:test";

import { HeldEdits } from "../src/views/form.js";
import { byteLength, readEntry } from "../src/views/store.js";

test("a form holds the latest edit per prop and submits them before its counter", () => {
  const held = new HeldEdits();
  held.hold("m2", "value", 1);
  held.hold("m3", "value", "a");
  held.hold("m2", "value", 5);
  assert.equal(held.size, 2);
  assert.deepEqual(held.take("m1", 3), [["m2", "value", 5], ["m3", "value", "a"], ["m1", "submits", 4]]);
  assert.equal(held.size, 0);
  // Nothing edited: the submit still counts (the handler runs on the server's values).
  assert.deepEqual(held.take("m1", undefined), [["m1", "submits", 1]]);
});

test("a server change of a held prop drops the held edit, other props keep theirs", () => {
  const held = new HeldEdits();
  held.hold("m2", "value", 5);
  held.hold("m3", "value", "a");
  held.drop("m2", new Set(["options", "value"]));
  held.drop("m3", new Set(["name"]));
  assert.deepEqual(held.take("m1", 0), [["m3", "value", "a"], ["m1", "submits", 1]]);
});

test("a stored entry is JSON within the byte limit, counted in UTF-8", () => {
  assert.equal(byteLength("é"), 2);
  assert.equal(readEntry(null, 10), null);
  assert.deepEqual(readEntry('{"a":[1,2]}', 100), { value: { a: [1, 2] } });
  assert.match(readEntry('"éééééé"', 10).error, /14 bytes, over the limit of 10/);
  assert.match(readEntry("{nope", 100).error, /not JSON/);
});
