// Pure logic of the layout and pane views (the DOM parts are tested in a real browser:
// tests/browser/test_layout_panes.py).

import assert from "node:assert/strict";
import { test } from "node:test";

import { ariaSort, nextSort, pagerText } from "../src/views/dataframe.js";
import { gridStyle } from "../src/views/gridbox.js";
import { containerSummary, leafKind, leafText } from "../src/views/json.js";
import { tabKeyTarget } from "../src/views/tabs.js";
import { embedSpec, vegaBundleUrl } from "../src/views/vega.js";

test("tab keys wrap around and follow the orientation", () => {
  assert.equal(tabKeyTarget("ArrowRight", 0, 3), 1);
  assert.equal(tabKeyTarget("ArrowRight", 2, 3), 0);
  assert.equal(tabKeyTarget("ArrowLeft", 0, 3), 2);
  assert.equal(tabKeyTarget("Home", 2, 3), 0);
  assert.equal(tabKeyTarget("End", 0, 3), 2);
  assert.equal(tabKeyTarget("ArrowDown", 0, 3), null);
  assert.equal(tabKeyTarget("ArrowDown", 0, 3, true), 1);
  assert.equal(tabKeyTarget("ArrowRight", 0, 3, true), null);
  assert.equal(tabKeyTarget("Enter", 0, 3), null);
  assert.equal(tabKeyTarget("ArrowRight", 0, 0), null);
});

test("grid style: columns, else rows filled column by column, else auto-fill", () => {
  assert.equal(gridStyle(3, null).gridTemplateColumns, "repeat(3, minmax(0, 1fr))");
  assert.equal(gridStyle(3, 2).gridAutoFlow, "row");
  assert.deepEqual(gridStyle(null, 2), { gridTemplateColumns: "", gridTemplateRows: "repeat(2, auto)", gridAutoFlow: "column" });
  assert.match(gridStyle(null, null).gridTemplateColumns, /auto-fill/);
  assert.match(gridStyle(0, -1).gridTemplateColumns, /auto-fill/);
});

test("a header click cycles ascending, descending, unsorted, and replaces another sort", () => {
  assert.deepEqual(nextSort([], "x"), [{ field: "x", dir: "asc" }]);
  assert.deepEqual(nextSort([{ field: "x", dir: "asc" }], "x"), [{ field: "x", dir: "desc" }]);
  assert.deepEqual(nextSort([{ field: "x", dir: "desc" }], "x"), []);
  assert.deepEqual(nextSort([{ field: "y", dir: "desc" }], "x"), [{ field: "x", dir: "asc" }]);
  assert.deepEqual(nextSort(null, "x"), [{ field: "x", dir: "asc" }]);
});

test("aria-sort names the direction of a sorted field only", () => {
  const sort = [{ field: "a", dir: "desc" }, { field: "b", dir: "asc" }];
  assert.equal(ariaSort(sort, "a"), "descending");
  assert.equal(ariaSort(sort, "b"), "ascending");
  assert.equal(ariaSort(sort, "c"), "none");
  assert.equal(ariaSort(undefined, "a"), "none");
});

test("the pager says which rows of how many are shown", () => {
  const text = pagerText({ rows: [[], []], start: 20, total: 1000, page: 11, pages: 500 });
  assert.equal(text, `Rows 21–22 of ${(1000).toLocaleString()} · page 11 of 500`);
  assert.equal(pagerText({ rows: [], start: 0, total: 0, page: 1, pages: 1 }), "No rows");
  assert.equal(pagerText(undefined), "No rows");
});

test("JSON leaves and closed nodes", () => {
  assert.equal(leafText("a\"b"), '"a\\"b"');
  assert.equal(leafText(1.5), "1.5");
  assert.equal(leafText(null), "null");
  assert.equal(leafKind(true), "boolean");
  assert.equal(leafKind(null), "null");
  assert.equal(containerSummary([1, 2, 3]), "[3 items]");
  assert.equal(containerSummary([1]), "[1 item]");
  assert.equal(containerSummary({ a: 1, b: 2 }), "{2 keys}");
});

test("a stretching Vega-Lite spec without a width fills its container", () => {
  const spec = { $schema: "https://vega.github.io/schema/vega-lite/v5.json", mark: "bar" };
  assert.equal(embedSpec(spec, "stretch_width").width, "container");
  assert.equal(embedSpec(spec, null), spec);
  assert.equal(embedSpec({ ...spec, width: 300 }, "stretch_both").width, 300);
  const vega = { $schema: "https://vega.github.io/schema/vega/v5.json" };
  assert.equal(embedSpec(vega, "stretch_width"), vega);
  assert.equal(embedSpec(null, "stretch_width"), null);
});

test("the Vega bundle is found beside the main bundle", () => {
  assert.equal(vegaBundleUrl("http://h:1/app/_docsync/static/docsync.js", "http://h:1/app"), "http://h:1/app/_docsync/static/vega.js");
  assert.equal(vegaBundleUrl(null, "http://h:1/sub/app"), "http://h:1/sub/_docsync/static/vega.js");
});
