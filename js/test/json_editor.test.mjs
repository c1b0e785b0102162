/** Pure helpers of the JSONEditor view (views/json_editor.js). */

import assert from "node:assert/strict";
import { test } from "node:test";

import { jsonKind, parseJson, pathText, setIn } from "../src/views/json_editor.js";

test("JSON text parses; anything else says why, with a hint for single quotes", () => {
  assert.deepEqual(parseJson('{"a": [1, null]}'), { ok: true, value: { a: [1, null] } });
  const bad = parseJson("{'a': 1}");
  assert.equal(bad.ok, false);
  assert.match(bad.message, /^not valid JSON: .*double quotes/);
  assert.equal(parseJson("[1,").ok, false);
});

test("setIn replaces one entry and copies only the path to it", () => {
  const value = { a: [1, { b: 2 }], c: { d: true } };
  const edited = setIn(value, ["a", 1, "b"], [3]);
  assert.deepEqual(edited, { a: [1, { b: [3] }], c: { d: true } });
  assert.deepEqual(value.a[1], { b: 2 });
  assert.equal(edited.c, value.c);
  assert.equal(setIn(value, [], "x"), "x");
});

test("kinds and paths as the messages name them", () => {
  assert.deepEqual([null, [], {}, "s", 1, true].map(jsonKind), ["null", "array", "object", "string", "number", "boolean"]);
  assert.equal(pathText(["a", "b", 2]), "a.b[2]");
  assert.equal(pathText([0, "x"]), "[0].x");
  assert.equal(pathText([]), "value");
});
