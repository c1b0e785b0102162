import assert from "node:assert/strict";
import { test } from "node:test";

import { notifyToast, pageLocation, queryArgs } from "../src/app.js";
import { normalizeUrlPart, urlAction } from "../src/views/location.js";

test("hello args: every value of every query name, in order (PROTOCOL.md §4)", () => {
  assert.deepEqual(queryArgs("?a=1&b=x%20y&a=2&c"), { a: ["1", "2"], b: ["x y"], c: [""] });
  assert.deepEqual(queryArgs(""), {});
});

test("hello location: pathname, search, hash and href", () => {
  const loc = new URL("http://h:5006/app?a=1#top");
  assert.deepEqual(pageLocation(loc), { pathname: "/app", search: "?a=1", hash: "#top", href: "http://h:5006/app?a=1#top" });
});

test("notify: level, message and duration (ms, 0 = until dismissed)", () => {
  assert.deepEqual(notifyToast({ level: "warning", message: "Low disk", duration: 0 }), { text: "Low disk", kind: "warning", ms: 0 });
  assert.deepEqual(notifyToast({ level: "success", message: "Saved", duration: 1500 }), { text: "Saved", kind: "success", ms: 1500 });
  assert.deepEqual(notifyToast({ level: "shout", message: 3 }), { text: "3", kind: "info", ms: 3000 });
  assert.deepEqual(notifyToast({ level: "error", duration: -1 }), { text: "", kind: "error", ms: 3000 });
});

test("Location props are compared as window.location spells them", () => {
  assert.equal(normalizeUrlPart("search", "a=1"), "?a=1");
  assert.equal(normalizeUrlPart("search", "?a=1"), "?a=1");
  assert.equal(normalizeUrlPart("search", "?"), "");
  assert.equal(normalizeUrlPart("hash", "top"), "#top");
  assert.equal(normalizeUrlPart("hash", "#"), "");
  assert.equal(normalizeUrlPart("pathname", "/app"), "/app");
  assert.equal(normalizeUrlPart("pathname", ""), null, "an unknown pathname leaves the URL alone");
  assert.equal(normalizeUrlPart("search", null), null);
});

test("Location navigates only when reload is set, and never on its first render", () => {
  const at = (over) => urlAction({ first: false, reload: false, reloadChanged: false, pathOrSearch: true, next: "http://h/app?x=2", current: "http://h/app?x=1", ...over });
  assert.equal(at({}), "replace");
  assert.equal(at({ reload: true }), "load");
  assert.equal(at({ reload: true, pathOrSearch: false }), "replace", "a hash change never loads");
  assert.equal(at({ reload: true, reloadChanged: true, next: "http://h/app?x=1" }), "reload");
  assert.equal(at({ reload: false, reloadChanged: true, next: "http://h/app?x=1" }), "none");
  assert.equal(at({ first: true, reload: true }), "replace", "the snapshot never navigates");
  assert.equal(at({ first: true, reload: true, next: "http://h/app?x=1" }), "none");
});
