/**
 * The Plotly chart's pure parts (plotly_chart.js, views/plotly.js): plain event data, the
 * themed layout, keyboard focus between points, the accessible name. Drawing with plotly.js
 * is exercised in Chromium (tests/browser/test_plotly.py).
 */

import assert from "node:assert/strict";
import { test } from "node:test";

import { asArray, describePoint, focusPoint, plainPoint, pointsData, relayoutData, stepFocus, themedLayout, traceLength } from "../src/plotly_chart.js";
import { chartName } from "../src/views/plotly.js";

const THEME = { fg: "#eee", surface: "#111", border: "#333", font: "system-ui" };

test("event points keep their own values, not plotly.js's traces and axes", () => {
  const trace = { y: [1, 2] };
  trace.self = trace; // plotly.js's event points reference cyclic structures
  const point = { curveNumber: 1, pointNumber: 0, pointIndex: 0, x: 5, y: 7, customdata: [1, "a"], data: trace, fullData: trace, xaxis: { _id: "x" } };
  assert.deepEqual(plainPoint(point), { curveNumber: 1, pointNumber: 0, pointIndex: 0, x: 5, y: 7, customdata: [1, "a"] });
  assert.deepEqual(pointsData({ points: [point], range: { x: [0, 1] }, event: {} }), { points: [plainPoint(point)], range: { x: [0, 1] } });
  assert.equal(pointsData(undefined), null);
  assert.deepEqual(relayoutData({ "xaxis.range[0]": 1, "xaxis.range[1]": 2 }), { "xaxis.range[0]": 1, "xaxis.range[1]": 2 });
});

test("the theme colours a figure unless its layout sets its own", () => {
  const themed = themedLayout({ title: { text: "t" }, yaxis: { gridcolor: "red" }, xaxis2: {} }, THEME, { width: 300 });
  assert.equal(themed.font.color, "#eee");
  assert.equal(themed.plot_bgcolor, "#111");
  assert.equal(themed.paper_bgcolor, "rgba(0,0,0,0)");
  assert.equal(themed.xaxis.gridcolor, "#333");
  assert.equal(themed.xaxis2.gridcolor, "#333");
  assert.equal(themed.yaxis.gridcolor, "red");
  assert.equal(themed.width, 300);
  assert.equal(themed.autosize, undefined);
  const own = themedLayout({ plot_bgcolor: "white", font: { size: 20 }, height: 200 }, THEME, { height: 500, stretch: true });
  assert.equal(own.plot_bgcolor, "white");
  assert.deepEqual(own.font, { family: "system-ui", color: "#eee", size: 20 });
  assert.equal(own.height, 200);
  assert.equal(own.autosize, true);
});

test("the keyboard moves between points, stopping at the ends and skipping empty traces", () => {
  const data = [{ y: [1, 2, 3] }, { x: [] }, { labels: ["a", "b"], values: [3, 4], type: "pie" }];
  assert.equal(traceLength(data[0]), 3);
  let focus = stepFocus(data, null, "ArrowRight");
  assert.deepEqual(focus, { curve: 0, point: 0 });
  focus = stepFocus(data, focus, "ArrowLeft");
  assert.deepEqual(focus, { curve: 0, point: 0 });
  focus = stepFocus(data, focus, "End");
  assert.deepEqual(focus, { curve: 0, point: 2 });
  focus = stepFocus(data, focus, "ArrowDown");
  assert.deepEqual(focus, { curve: 2, point: 1 });
  focus = stepFocus(data, focus, "ArrowDown");
  assert.deepEqual(focus, { curve: 2, point: 1 });
  focus = stepFocus(data, focus, "Home");
  assert.deepEqual(focus, { curve: 2, point: 0 });
  assert.equal(stepFocus([{ type: "scatter" }], null, "ArrowRight"), null);
});

test("a focused point reads and clicks like plotly.js's own point", () => {
  const data = [{ y: [10, 20], name: "sales", customdata: [["a"], ["b"]] }, { type: "pie", labels: ["x"], values: [9] }];
  const point = focusPoint(data, { curve: 0, point: 1 });
  assert.deepEqual(point, { curveNumber: 0, pointNumber: 1, pointIndex: 1, y: 20, customdata: ["b"], x: 1 });
  assert.equal(describePoint(data, point), "sales, point 2 of 2: x 1, y 20");
  const slice = focusPoint(data, { curve: 1, point: 0 });
  assert.deepEqual(slice, { curveNumber: 1, pointNumber: 0, pointIndex: 0, label: "x", value: 9 });
  assert.equal(describePoint(data, slice), "trace 2, point 1 of 1: label x, value 9");
});

test("the chart is named by the figure's title", () => {
  assert.equal(chartName({ layout: { title: { text: "<b>Sales</b> by month" } } }), "Sales by month");
  assert.equal(chartName({ layout: { title: "Plain" } }), "Plain");
  assert.equal(chartName({ layout: {} }), "Plotly chart");
  assert.equal(chartName(null), "Plotly chart");
});

test("numpy arrays sent as plotly.js base64 typed arrays are read as values", () => {
  const f8 = { dtype: "f8", bdata: Buffer.from(new Float64Array([1.5, 2.5]).buffer).toString("base64") };
  assert.deepEqual(asArray(f8), [1.5, 2.5]);
  assert.equal(asArray(f8), asArray(f8), "decoded once");
  const grid = { dtype: "i1", bdata: Buffer.from(Int8Array.from([1, 2, 3, 4, 5, 6]).buffer).toString("base64"), shape: "2, 3" };
  assert.deepEqual(asArray(grid), [[1, 2, 3], [4, 5, 6]]);
  assert.equal(asArray({ dtype: "bad", bdata: "" }), null);
  assert.deepEqual(focusPoint([{ y: f8 }], { curve: 0, point: 1 }), { curveNumber: 0, pointNumber: 1, pointIndex: 1, y: 2.5, x: 1 });
  assert.equal(traceLength({ y: f8 }), 2);
});
