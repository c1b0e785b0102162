// Pure logic of the layout and pane views (the DOM parts are tested in a real browser:
// tests/browser/test_layout_panes.py).

import assert from "node:assert/strict";
import { test } from "node:test";

import { ariaSort, nextSort, pagerText } from "../src/views/dataframe.js";
import { gridStyle } from "../src/views/gridbox.js";
import { cellPlacement } from "../src/views/gridspec.js";
import { containerSummary, leafKind, leafText } from "../src/views/json.js";
import { toggled } from "../src/views/accordion.js";
import { flexStyle } from "../src/views/flexbox.js";
import { beyond, distanceFromEnd, scrollClass, within } from "../src/views/list.js";
import { tabKeyTarget, tabTitle } from "../src/views/tabs.js";
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

test("a tab without a title is called by its place", () => {
  assert.equal(tabTitle(["A", "", null], 0), "A");
  assert.equal(tabTitle(["A", "", null], 1), "Tab 2");
  assert.equal(tabTitle(["A", "", null], 2), "Tab 3");
  assert.equal(tabTitle(undefined, 0), "Tab 1");
});

test("scroll: True follows the layout's direction; Panel's other values map one to one", () => {
  assert.equal(scrollClass(true, "column"), "docsync-scroll-y-auto");
  assert.equal(scrollClass(true, "row"), "docsync-scroll-x-auto");
  assert.equal(scrollClass(true, null), "docsync-scroll");
  assert.equal(scrollClass("both-auto", "row"), "docsync-scroll");
  assert.equal(scrollClass("x", "column"), "docsync-scroll-x");
  assert.equal(scrollClass("y-auto", "row"), "docsync-scroll-y-auto");
  assert.equal(scrollClass("both", null), "docsync-scroll-both");
  assert.equal(scrollClass(false, "column"), null);
  assert.equal(scrollClass("sideways", "column"), null);
  assert.equal(scrollClass("constructor", "column"), null);
});

test("distance from the end, and the follow limit and button threshold (0 is off)", () => {
  assert.equal(distanceFromEnd({ scrollHeight: 1000, scrollTop: 600, clientHeight: 300 }), 100);
  assert.equal(distanceFromEnd({ scrollHeight: 200, scrollTop: 0, clientHeight: 300 }), 0);
  assert.ok(within(100, 100) && !within(101, 100) && !within(0, 0) && !within(5, undefined));
  assert.ok(beyond(101, 100) && !beyond(100, 100) && !beyond(5000, 0) && !beyond(5000, null));
});

test("flex style: known values pass, anything else is dropped", () => {
  const style = flexStyle({ flex_direction: "column", flex_wrap: "nowrap", justify_content: "space-between", align_items: "center", align_content: "stretch", gap: "8px 1em" });
  assert.deepEqual(style, { flexDirection: "column", flexWrap: "nowrap", justifyContent: "space-between", alignItems: "center", alignContent: "stretch", gap: "8px 1em" });
  const bad = flexStyle({ flex_direction: "diagonal", gap: "1em; color: red" });
  assert.equal(bad.flexDirection, "");
  assert.equal(bad.gap, "");
});

test("an accordion header click opens or closes its section; toggle keeps one open", () => {
  assert.deepEqual(toggled([], 1, false), [1]);
  assert.deepEqual(toggled([1], 0, false), [1, 0]);
  assert.deepEqual(toggled([1, 0], 1, false), [0]);
  assert.deepEqual(toggled([1], 0, true), [0]);
  assert.deepEqual(toggled([0], 0, true), []);
  assert.deepEqual(toggled(null, 2, false), [2]);
});

test("a GridSpec child is placed on its region's cells (1-based CSS lines)", () => {
  assert.deepEqual(cellPlacement({ row: 0, col: 1, row_span: 1, col_span: 2 }), { gridRow: "1 / span 1", gridColumn: "2 / span 2" });
  assert.deepEqual(cellPlacement({ row: 2, col: 0, row_span: 3, col_span: 1 }), { gridRow: "3 / span 3", gridColumn: "1 / span 1" });
  assert.equal(cellPlacement({ row: -1, col: 0, row_span: 1, col_span: 1 }), null);
  assert.equal(cellPlacement({ row: 0, col: 0, row_span: 0, col_span: 1 }), null);
  assert.equal(cellPlacement(null), null);
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
