import assert from "node:assert/strict";
import { test } from "node:test";

import { areaRefs, colorVars, resolveTheme } from "../src/views/page.js";
import { headElements, pageFlags } from "../src/views/page_settings.js";

test("an explicit theme wins over the browser's preference", () => {
  assert.equal(resolveTheme("light", true), "light");
  assert.equal(resolveTheme("dark", false), "dark");
});

test("auto follows the browser's preference", () => {
  assert.equal(resolveTheme("auto", true), "dark");
  assert.equal(resolveTheme("auto", false), "light");
  assert.equal(resolveTheme(undefined, undefined), "light");
});

test("Panel's default theme is the light one", () => {
  assert.equal(resolveTheme("default", true), "light");
});

test("an area is a list of refs or one ref to a template's Column", () => {
  assert.deepEqual(areaRefs([{ ref: "m1" }, { ref: "m2" }]), [{ ref: "m1" }, { ref: "m2" }]);
  assert.deepEqual(areaRefs({ ref: "m3" }), [{ ref: "m3" }]);
  assert.deepEqual(areaRefs(null), []);
  assert.deepEqual(areaRefs("m4"), []);
});

test("the controls' accent is accent_base_color, else accent; header colours as given", () => {
  assert.deepEqual(colorVars({ accent: "#111", accent_base_color: "#A01346", header_background: "#222", header_color: "" }), {
    "--docsync-accent": "#A01346",
    "--docsync-header-bg": "#222",
    "--docsync-header-fg": "",
  });
  assert.equal(colorVars({ accent: "#111", accent_base_color: "" })["--docsync-accent"], "#111");
});

test("head elements: stylesheets, then CSS texts, then scripts in order, then modules", () => {
  const css = "</style><script>alert(1)</script>";
  const plan = headElements({
    css: ["a { color: red }", css],
    css_files: ["x.css"],
    js_files: ["one.js", "two.js"],
    js_modules: ["m.mjs"],
  });
  assert.deepEqual(
    plan.map(({ tag }) => tag),
    ["link", "style", "style", "script", "script", "script"],
  );
  assert.deepEqual(plan[0].props, { rel: "stylesheet", href: "x.css" });
  // A CSS text is an element's text, as written: nothing in it is parsed as HTML.
  assert.deepEqual(plan[2].props, { textContent: css });
  assert.deepEqual(plan[3].props, { src: "one.js", async: false });
  assert.deepEqual(plan[5].props, { src: "m.mjs", type: "module" });
  assert.deepEqual(headElements({ css: [1, null, "b {}"] }), [{ tag: "style", props: { textContent: "b {}" } }]);
});

test("notification texts count only with notifications on", () => {
  assert.deepEqual(pageFlags({ notifications: true, ready_notification: "Ready", disconnect_notification: "Lost", throttled: true }), {
    throttled: true,
    readyNotification: "Ready",
    disconnectNotification: "Lost",
  });
  assert.deepEqual(pageFlags({ notifications: false, ready_notification: "Ready", disconnect_notification: "Lost" }), {
    throttled: false,
    readyNotification: null,
    disconnectNotification: null,
  });
});
