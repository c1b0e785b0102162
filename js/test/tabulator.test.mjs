/**
 * The pure parts of the Tabulator view (src/table/config.js): column definitions from the
 * server's fields, rows as Tabulator data, which rows changed between two `data` props, the
 * `sorters`/`filters`/`selection` the browser asks for, and safe links. The DOM side is
 * exercised in Chromium (tests/browser/test_tabulator.py).
 */

import assert from "node:assert/strict";
import { test } from "node:test";

import { POSITION, columnDefinitions, filtersFromTable, nextSelection, orderFrozen, rowChanges, rowObjects, safeUrl, sortersFromTable, sortersToTable, toggleAll } from "../src/table/config.js";
import { applyPatch } from "../src/patch.js";

const field = (over) => ({ name: "x", label: "x", key: "c1", index: false, source: 0, kind: "int", sortable: true, editor: null, formatter: null, filter: null, width: null, frozen: null, align: null, ...over });

const FIELDS = [
  field({ name: "index", label: "", key: "c0", index: true }),
  field({ name: "n", label: "n", key: "c1", editor: { type: "number", params: { min: 0 } }, filter: { type: "number", func: "=", values: null } }),
  field({ name: "s", label: "Name", key: "c2", kind: "str", editor: { type: "input", params: {} }, filter: { type: "input", func: "like", values: null }, frozen: "right" }),
  field({ name: "k", label: "k", key: "c3", kind: "category", editor: { type: "list", params: { values: ["a", "b"] } }, frozen: "left", width: 120 }),
];

test("rows become objects keyed by field keys, with their position", () => {
  assert.deepEqual(rowObjects({ rows: [[7, 0, 1, "a", "b"]] }, FIELDS), [{ [POSITION]: 7, c0: 0, c1: 1, c2: "a", c3: "b" }]);
  assert.deepEqual(rowObjects(undefined, FIELDS), []);
});

test("column definitions follow the fields: editors, filters, widths, alignment", () => {
  const defs = columnDefinitions(FIELDS);
  assert.equal(defs[0].editor, undefined); // the index is never edited
  assert.equal(defs[0].cssClass, "docsync-tabulator-index");
  assert.deepEqual([defs[1].editor, defs[1].editorParams.min, defs[1].hozAlign], ["number", 0, "right"]);
  assert.equal(defs[1].sorter(1, 2), 0); // the server sorts: the order sent is kept
  assert.equal(defs[2].headerFilterFunc(), true); // and filters
  assert.equal(defs[2].headerFilterLiveFilter, false); // text filters apply on Enter
  assert.equal(defs[2].title, "Name");
  assert.deepEqual(defs[3].editorParams, { values: ["a", "b"] });
  assert.equal(defs[3].width, 120);
  assert.equal(columnDefinitions(FIELDS, { disabled: true })[1].editor, undefined);
  assert.deepEqual(orderFrozen(defs, FIELDS).map((d) => d.field), ["c3", "c0", "c1", "c2"]);
});

test("row changes: unchanged rows keep their identity through a patch", () => {
  const before = { rows: [[0, 1], [1, 2], [2, 3]] };
  const doc = { data: before };
  const patched = applyPatch(doc, [{ op: "replace", path: "/data/rows/1", value: [1, 9] }]).data;
  assert.deepEqual(rowChanges(before.rows, patched.rows), { kind: "update", rows: [[1, 9]] });
  const streamed = applyPatch(doc, [{ op: "add", path: "/data/rows/3", value: [3, 4] }]).data;
  assert.deepEqual(rowChanges(before.rows, streamed.rows), { kind: "append", rows: [[3, 4]] });
  assert.equal(rowChanges(before.rows, before.rows).kind, "same");
  assert.equal(rowChanges(before.rows, [[2, 3], [1, 2], [0, 1]]).kind, "replace"); // re-sorted
  assert.equal(rowChanges(before.rows, before.rows.slice(1)).kind, "replace");
});

test("sorters and filters translate between Tabulator and the server", () => {
  assert.deepEqual(sortersFromTable([{ field: "c1", dir: "desc" }, { field: "zz", dir: "asc" }], FIELDS), [{ field: "n", dir: "desc" }]);
  assert.deepEqual(sortersToTable([{ field: "s", dir: "asc" }], FIELDS), [{ column: "c2", dir: "asc" }]);
  assert.deepEqual(filtersFromTable([{ field: "c1", value: "42" }, { field: "c2", value: "ab" }, { field: "c2", value: "" }], FIELDS), [
    { field: "n", type: "=", value: 42 },
    { field: "s", type: "like", value: "ab" },
  ]);
});

test("selection: a plain pick selects one row, Ctrl adds, Shift takes a range, modes toggle", () => {
  assert.deepEqual(nextSelection([1], 3), [3]);
  assert.deepEqual(nextSelection([3], 3), []);
  assert.deepEqual(nextSelection([1], 3, { ctrl: true }), [1, 3]);
  assert.deepEqual(nextSelection([1, 3], 3, { ctrl: true }), [1]);
  assert.deepEqual(nextSelection([5], 2, { shift: true, anchor: 5, order: [9, 5, 7, 2, 4] }), [5, 7, 2]);
  assert.deepEqual(nextSelection([1], 3, { mode: "toggle" }), [1, 3]);
  assert.deepEqual(nextSelection([1], 3, { mode: false }), [1]);
  assert.deepEqual(nextSelection([1, 2], 3, { mode: 2, ctrl: true }), [2, 3]); // the oldest gives way
  assert.deepEqual(toggleAll([9], [1, 2]), [9, 1, 2]);
  assert.deepEqual(toggleAll([9, 1, 2], [1, 2]), [9]);
});

test("links are only http(s), mailto or relative", () => {
  for (const url of ["https://x.org", "http://x", "mailto:a@b", "/page", "page?x=1"]) assert.ok(safeUrl(url), url);
  for (const url of ["javascript:alert(1)", " JavaScript:x", "data:text/html,x", null]) assert.ok(!safeUrl(url), url);
});
