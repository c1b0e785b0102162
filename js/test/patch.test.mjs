import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { PATCH_ERROR_CODES, PatchError, applyPatch, deepEqual, escapeToken, parsePointer } from "../src/patch.js";

const codeOf = (fn) => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof PatchError, `expected PatchError, got ${err}`);
    assert.ok(PATCH_ERROR_CODES.includes(err.code), `unlisted code ${err.code}`);
    return err.code;
  }
  assert.fail("expected a PatchError");
};

describe("pointers", () => {
  test("parse and escape round trip (RFC 6901)", () => {
    assert.deepEqual(parsePointer(""), []);
    assert.deepEqual(parsePointer("/a~1b/m~0n/~01/"), ["a/b", "m~n", "~1", ""]);
    assert.equal(escapeToken("a/b~c"), "a~1b~0c");
  });

  test("bad pointers are refused", () => {
    assert.equal(codeOf(() => parsePointer("a/b")), "OPERATION_PATH_INVALID");
    assert.equal(codeOf(() => parsePointer("/a~2")), "OPERATION_PATH_INVALID");
    assert.equal(codeOf(() => parsePointer("/a~")), "OPERATION_PATH_INVALID");
  });
});

describe("applyPatch", () => {
  const doc = { a: { b: [1, 2, 3] }, c: "x" };

  test("does not mutate its input and shares untouched subtrees", () => {
    const frozen = structuredClone(doc);
    const out = applyPatch(doc, [{ op: "replace", path: "/c", value: "y" }]);
    assert.deepEqual(doc, frozen);
    assert.equal(out.c, "y");
    assert.equal(out.a, doc.a);
  });

  test("array add: index, end, '-'", () => {
    assert.deepEqual(applyPatch(doc, [{ op: "add", path: "/a/b/0", value: 0 }]).a.b, [0, 1, 2, 3]);
    assert.deepEqual(applyPatch(doc, [{ op: "add", path: "/a/b/3", value: 4 }]).a.b, [1, 2, 3, 4]);
    assert.deepEqual(applyPatch(doc, [{ op: "add", path: "/a/b/-", value: 4 }]).a.b, [1, 2, 3, 4]);
  });

  test("array index rules", () => {
    assert.equal(codeOf(() => applyPatch(doc, [{ op: "add", path: "/a/b/4", value: 0 }])), "OPERATION_VALUE_OUT_OF_BOUNDS");
    assert.equal(codeOf(() => applyPatch(doc, [{ op: "remove", path: "/a/b/3" }])), "OPERATION_VALUE_OUT_OF_BOUNDS");
    assert.equal(codeOf(() => applyPatch(doc, [{ op: "replace", path: "/a/b/-", value: 0 }])), "OPERATION_PATH_ILLEGAL_ARRAY_INDEX");
    assert.equal(codeOf(() => applyPatch(doc, [{ op: "remove", path: "/a/b/01" }])), "OPERATION_PATH_ILLEGAL_ARRAY_INDEX");
  });

  test("move, copy and the whole-document target", () => {
    assert.deepEqual(applyPatch(doc, [{ op: "move", from: "/c", path: "/d" }]), { a: { b: [1, 2, 3] }, d: "x" });
    assert.deepEqual(applyPatch(doc, [{ op: "move", from: "/a/b/0", path: "/a/b/-" }]).a.b, [2, 3, 1]);
    assert.equal(codeOf(() => applyPatch(doc, [{ op: "move", from: "/a", path: "/a/b/x" }])), "OPERATION_MOVE_INTO_ITSELF");
    const copied = applyPatch(doc, [{ op: "copy", from: "/a", path: "/e" }]);
    assert.deepEqual(copied.e, doc.a);
    assert.notEqual(copied.e, doc.a);
    assert.deepEqual(applyPatch(doc, [{ op: "replace", path: "", value: { z: 1 } }]), { z: 1 });
    assert.equal(codeOf(() => applyPatch(doc, [{ op: "remove", path: "" }])), "OPERATION_PATH_UNRESOLVABLE");
  });

  test("values are copied out of the ops", () => {
    const value = { deep: [1] };
    const out = applyPatch(doc, [{ op: "add", path: "/v", value }]);
    value.deep.push(2);
    assert.deepEqual(out.v, { deep: [1] });
  });

  test("malformed ops", () => {
    assert.equal(codeOf(() => applyPatch(doc, {})), "SEQUENCE_NOT_AN_ARRAY");
    assert.equal(codeOf(() => applyPatch(doc, [null])), "OPERATION_NOT_AN_OBJECT");
    assert.equal(codeOf(() => applyPatch(doc, [{ op: "frob", path: "/c" }])), "OPERATION_OP_INVALID");
    assert.equal(codeOf(() => applyPatch(doc, [{ op: "add", path: "/c" }])), "OPERATION_VALUE_REQUIRED");
    assert.equal(codeOf(() => applyPatch(doc, [{ op: "copy", path: "/c" }])), "OPERATION_PATH_INVALID");
  });

  test("the failing op's index is reported", () => {
    try {
      applyPatch(doc, [{ op: "replace", path: "/c", value: 1 }, { op: "test", path: "/c", value: "x" }]);
      assert.fail("expected failure");
    } catch (err) {
      assert.equal(err.code, "TEST_OPERATION_FAILED");
      assert.equal(err.index, 1);
    }
  });

  test("__proto__ is an ordinary key", () => {
    const out = applyPatch({}, [{ op: "add", path: "/__proto__", value: { polluted: true } }]);
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.keys(out), ["__proto__"]);
    assert.equal({}.polluted, undefined);
  });

  test("deepEqual ignores key order, not array/object kinds", () => {
    assert.ok(deepEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }));
    assert.ok(!deepEqual([], {}));
    assert.ok(!deepEqual({ a: undefined }, { b: undefined }));
  });
});
