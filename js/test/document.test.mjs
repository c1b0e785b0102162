import assert from "node:assert/strict";
import { test } from "node:test";

import { DocumentStore, EMPTY_DOC, isEmptyChanges, propPath } from "../src/document.js";
import { PatchError } from "../src/patch.js";
import { helloDoc } from "./helpers.mjs";

test("the first snapshot adds every model and sets roots and title", () => {
  const store = new DocumentStore();
  assert.equal(store.doc, EMPTY_DOC);
  const changes = store.replace(helloDoc());
  assert.deepEqual(changes.added.sort(), ["m1", "m2", "m3", "m4"]);
  assert.ok(changes.roots && changes.title);
  assert.equal(store.model("m2").props.value, 3);
});

test("a patch reports exactly the changed props", () => {
  const store = new DocumentStore(helloDoc());
  const changes = store.apply([
    { op: "replace", path: "/models/m2/props/value", value: 5 },
    { op: "replace", path: "/models/m4/props/html", value: "<p>x is 5</p>" },
  ]);
  assert.deepEqual([...changes.changed.keys()].sort(), ["m2", "m4"]);
  assert.deepEqual([...changes.changed.get("m2")], ["value"]);
  assert.deepEqual(changes.added, []);
  assert.deepEqual(changes.removed, []);
  assert.ok(!changes.roots && !changes.title);
});

test("replacing a prop with an equal value is no change", () => {
  const store = new DocumentStore(helloDoc());
  assert.ok(isEmptyChanges(store.apply([{ op: "replace", path: "/models/m2/props/name", value: "x" }])));
});

test("added and removed models (a re-rendered ParamFunction child)", () => {
  const store = new DocumentStore(helloDoc());
  const changes = store.apply([
    { op: "add", path: "/models/m5", value: { type: "Markdown", props: { object: "x is 4", html: "<p>x is 4</p>" } } },
    { op: "replace", path: "/models/m3/props/child", value: { ref: "m5" } },
    { op: "remove", path: "/models/m4" },
  ]);
  assert.deepEqual(changes.added, ["m5"]);
  assert.deepEqual(changes.removed, ["m4"]);
  assert.deepEqual([...changes.changed.get("m3")], ["child"]);
});

test("a model whose type changed is removed and added", () => {
  const store = new DocumentStore(helloDoc());
  const changes = store.apply([{ op: "replace", path: "/models/m4", value: { type: "Str", props: { object: "s" } } }]);
  assert.deepEqual(changes.added, ["m4"]);
  assert.deepEqual(changes.removed, ["m4"]);
});

test("a failing patch leaves the store unchanged", () => {
  const store = new DocumentStore(helloDoc());
  const before = store.doc;
  assert.throws(() => store.apply([
    { op: "replace", path: "/models/m2/props/value", value: 9 },
    { op: "remove", path: "/models/m9" },
  ]), PatchError);
  assert.equal(store.doc, before);
  assert.throws(() => store.apply([{ op: "remove", path: "/models" }]), TypeError);
  assert.equal(store.doc, before);
  assert.throws(() => store.replace({ roots: "m1" }), TypeError);
});

test("setProp applies optimistically and returns the client op (PROTOCOL.md §5)", () => {
  const store = new DocumentStore(helloDoc());
  const { op, changes } = store.setProp("m2", "value", 8);
  assert.deepEqual(op, { op: "replace", path: "/models/m2/props/value", value: 8 });
  assert.equal(store.model("m2").props.value, 8);
  assert.deepEqual([...changes.changed.get("m2")], ["value"]);
  assert.equal(propPath("a/b", "c~d"), "/models/a~1b/props/c~0d");
});
