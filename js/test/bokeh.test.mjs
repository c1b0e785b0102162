// Pure logic of views/bokeh.js; BokehJS itself draws in a real browser
// (tests/browser/test_bokeh.py).

import assert from "node:assert/strict";
import { test } from "node:test";

import { actionBox, bokehjsUrl, keyAction, loadScript, plotLabel, themedItem } from "../src/views/bokeh.js";

const ITEM = {
  target_id: null,
  root_id: "p1",
  version: "3.9.2",
  doc: {
    version: "3.9.2",
    roots: [{
      type: "object", name: "Figure", id: "p1",
      attributes: {
        background_fill_color: "#ffffff",
        title: { type: "object", name: "Title", id: "p2", attributes: { text: "Prices" } },
        renderers: [{ type: "object", name: "GlyphRenderer", id: "p3", attributes: {} }],
      },
    }],
  },
};

test("BokehJS is served beside the static folder, by version and file", () => {
  assert.equal(bokehjsUrl("3.9.2", "bokeh.min.js", "http://h:1/app/_docsync/static/docsync.js", "http://h:1/app"),
    "http://h:1/app/_docsync/bokeh/3.9.2/bokeh.min.js");
  assert.equal(bokehjsUrl("3.9.2", "bokeh-gl.min.js", null, "http://h:1/sub/app"),
    "http://h:1/sub/_docsync/bokeh/3.9.2/bokeh-gl.min.js");
  assert.equal(bokehjsUrl("../x", "a/b", null, "http://h:1/app"), "http://h:1/_docsync/bokeh/..%2Fx/a%2Fb");
});

test("the dark item takes the dark attributes of each model, nested ones too, and leaves the item alone", () => {
  const dark = { p1: { background_fill_color: "#20262B" }, p2: { text_color: "#E0E0E0" } };
  const themed = themedItem(ITEM, dark, true);
  assert.equal(themed.doc.roots[0].attributes.background_fill_color, "#20262B");
  assert.equal(themed.doc.roots[0].attributes.title.attributes.text_color, "#E0E0E0");
  assert.equal(themed.doc.roots[0].attributes.title.attributes.text, "Prices");
  assert.deepEqual(themed.doc.roots[0].attributes.renderers, ITEM.doc.roots[0].attributes.renderers);
  assert.equal(ITEM.doc.roots[0].attributes.background_fill_color, "#ffffff");
  assert.equal(ITEM.doc.roots[0].attributes.title.attributes.text_color, undefined);
});

test("the light theme, or no dark attributes, draws the item as sent", () => {
  assert.equal(themedItem(ITEM, { p1: { background_fill_color: "#000" } }, false), ITEM);
  assert.equal(themedItem(ITEM, null, true), ITEM);
  assert.equal(themedItem(ITEM, {}, true), ITEM);
  assert.equal(themedItem(null, {}, true), null);
});

test("the plot is named by alt_text, else its title, else 'Plot'", () => {
  assert.equal(plotLabel("Sales by month", "Sales"), "Sales by month");
  assert.equal(plotLabel("", "Sales"), "Sales");
  assert.equal(plotLabel(undefined, ""), "Plot");
});

test("keys: arrows pan, plus and minus zoom, 0 resets, others do nothing", () => {
  assert.deepEqual(keyAction("ArrowLeft"), { pan: [-1, 0] });
  assert.deepEqual(keyAction("ArrowDown"), { pan: [0, 1] });
  assert.deepEqual(keyAction("+"), { zoom: 0.8 });
  assert.deepEqual(keyAction("="), { zoom: 0.8 });
  assert.deepEqual(keyAction("-"), { zoom: 1.25 });
  assert.deepEqual(keyAction("0"), { reset: true });
  assert.equal(keyAction("a"), null);
  assert.equal(keyAction("Enter"), null);
});

test("a pan moves the box by a tenth; a zoom scales it about its centre", () => {
  const box = { x0: 0, x1: 100, y0: 0, y1: 50 };
  assert.deepEqual(actionBox(box, { pan: [1, 0] }), { x0: 10, x1: 110, y0: 0, y1: 50 });
  assert.deepEqual(actionBox(box, { pan: [0, -1] }), { x0: 0, x1: 100, y0: -5, y1: 45 });
  assert.deepEqual(actionBox(box, { zoom: 0.8 }), { x0: 10, x1: 90, y0: 5, y1: 45 });
  assert.deepEqual(actionBox(box, { zoom: 1.25 }), { x0: -12.5, x1: 112.5, y0: -6.25, y1: 56.25 });
});

/** The part of `document` loadScript touches: scripts that the test says loaded or failed. */
class Page {
  constructor() {
    this.scripts = [];
    this.head = { append: (el) => this.scripts.push(el) };
  }
  createElement(tag) {
    assert.equal(tag, "script");
    const el = new EventTarget();
    el.dataset = {};
    el.src = "";
    el.remove = () => (this.scripts = this.scripts.filter((s) => s !== el));
    return el;
  }
  querySelectorAll(selector) {
    assert.equal(selector, "script[data-docsync-bokeh]");
    return this.scripts.filter((s) => "docsyncBokeh" in s.dataset);
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test("a script is fetched once for every caller; a failed one is tried again later", async () => {
  const page = new Page();
  const asked = [];
  const source = (url) => () => {
    asked.push(url);
    return Promise.resolve(url);
  };
  const first = loadScript("a.js", source("http://h/a.js"), page);
  const second = loadScript("a.js", source("http://h/other.js"), page);
  assert.equal(page.scripts.length, 1);
  await tick();
  assert.deepEqual(asked, ["http://h/a.js"]);
  assert.equal(page.scripts[0].src, "http://h/a.js");
  page.scripts[0].dispatchEvent(new Event("load"));
  await Promise.all([first, second]);
  await loadScript("a.js", source("http://h/a.js"), page); // already run: resolves at once
  assert.equal(page.scripts.length, 1);
  assert.equal(asked.length, 1);

  const failing = loadScript("b.js", source("http://h/b.js"), page);
  await tick();
  page.scripts[1].dispatchEvent(new Event("error"));
  await assert.rejects(failing, /cannot load b.js/);
  assert.equal(page.scripts.length, 1);
  const again = loadScript("b.js", source("http://h/b.js"), page);
  assert.equal(page.scripts.length, 2);
  await tick();
  page.scripts[1].dispatchEvent(new Event("load"));
  await again;
});

test("a source that fails (a kernel without the file) rejects with its reason", async () => {
  const page = new Page();
  const loading = loadScript("c.js", () => Promise.reject(new Error("the kernel does not give out c.js")), page);
  await assert.rejects(loading, /the kernel does not give out c.js/);
  assert.equal(page.scripts.length, 0);
});
