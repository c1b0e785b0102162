/**
 * views/vega.js `loadVega`: the Vega bundle is loaded once per page, from whatever source
 * the first Vega pane names (beside docsync.js, or a notebook kernel's Blob URL), every
 * other pane waiting for that one load; a failed load is forgotten so that the next pane
 * tries again. The page is played by the test: it says when a script ran or failed (the
 * browser does this in tests/browser/test_layout_panes.py and test_jupyter*.py).
 */

import assert from "node:assert/strict";
import { resolveObjectURL } from "node:buffer";
import { afterEach, test } from "node:test";

import { loadVega } from "../src/views/vega.js";

/** A `<script>` as the loader uses it: an event target with `src`, `dataset`, `remove()`. */
class Script extends EventTarget {
  constructor(page) {
    super();
    this.page = page;
    this.dataset = {};
    this.async = false;
    this._src = "";
  }
  get src() {
    return this._src;
  }
  set src(url) {
    this._src = url;
    this.page.fetched.push(url);
  }
  remove() {
    this.page.scripts = this.page.scripts.filter((s) => s !== this);
  }
}

/** The part of `document` the loader touches, and what happened to it. */
class Page {
  constructor() {
    this.scripts = [];
    this.fetched = [];
    this.head = { append: (el) => this.scripts.push(el) };
  }
  createElement(tag) {
    assert.equal(tag, "script");
    return new Script(this);
  }
  querySelector(selector) {
    assert.equal(selector, "script[data-docsync-vega]");
    return this.scripts.find((s) => "docsyncVega" in s.dataset) ?? null;
  }
  /** The browser ran the bundle: it publishes `docsyncVega`, then `load` fires. */
  run(script) {
    globalThis.docsyncVega = { embed: "the embed function" };
    script.dispatchEvent(new Event("load"));
  }
}

/** A source that counts its calls and answers when the test says. */
function deferredSource() {
  const source = () => {
    source.calls += 1;
    return new Promise((resolve, reject) => Object.assign(source, { resolve, reject }));
  };
  source.calls = 0;
  return source;
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  delete globalThis.docsyncVega;
});

test("one load per page: every pane waits for the first pane's script", async () => {
  const page = new Page();
  const source = deferredSource();
  const first = loadVega(source, page);
  const second = loadVega(() => assert.fail("a second source is not asked"), page);
  assert.equal(page.scripts.length, 1, "the script is in the page before its URL is known");
  await settled();
  assert.equal(source.calls, 1);
  assert.deepEqual(page.fetched, []);
  source.resolve("https://h/_docsync/static/vega.js");
  await settled();
  assert.deepEqual(page.fetched, ["https://h/_docsync/static/vega.js"]);
  page.run(page.scripts[0]);
  const [a, b] = await Promise.all([first, second]);
  assert.equal(a, globalThis.docsyncVega);
  assert.equal(b, globalThis.docsyncVega);
  // Loaded: a later pane takes it at once.
  assert.equal(await loadVega(() => assert.fail("no second load"), page), globalThis.docsyncVega);
  assert.equal(page.scripts.length, 1);
});

test("a source that fails fails every waiting pane with its reason; the next pane tries again", async () => {
  const page = new Page();
  const source = deferredSource();
  const first = loadVega(source, page);
  const second = loadVega(source, page);
  await settled();
  source.reject(new Error("the kernel did not send vega.js"));
  await assert.rejects(first, /the kernel did not send vega\.js/);
  await assert.rejects(second, /the kernel did not send vega\.js/);
  assert.deepEqual(page.scripts, [], "the failed script is removed");
  assert.deepEqual(page.fetched, []);

  const retry = loadVega(() => "https://h/vega.js", page);
  await settled();
  assert.equal(source.calls, 1);
  assert.deepEqual(page.fetched, ["https://h/vega.js"]);
  page.run(page.scripts[0]);
  assert.equal(await retry, globalThis.docsyncVega);
});

test("a script that does not load is reported with its URL and forgotten", async () => {
  const page = new Page();
  const loading = loadVega(() => "https://h/_docsync/static/vega.js", page);
  await settled();
  page.scripts[0].dispatchEvent(new Event("error"));
  await assert.rejects(loading, /cannot load https:\/\/h\/_docsync\/static\/vega\.js/);
  assert.deepEqual(page.scripts, []);
});

test("a Blob URL is revoked once its script has run", async () => {
  const page = new Page();
  const url = URL.createObjectURL(new Blob(["globalThis.docsyncVega = {};"], { type: "text/javascript" }));
  const loading = loadVega(async () => url, page);
  await settled();
  assert.deepEqual(page.fetched, [url]);
  assert.ok(resolveObjectURL(url), "alive while the script loads");
  page.run(page.scripts[0]);
  await loading;
  assert.equal(resolveObjectURL(url), undefined);
});
