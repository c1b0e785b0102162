import assert from "node:assert/strict";
import { test } from "node:test";

import { resolveTheme } from "../src/views/page.js";

test("an explicit theme wins over the browser's preference", () => {
  assert.equal(resolveTheme("light", true), "light");
  assert.equal(resolveTheme("dark", false), "dark");
});

test("auto follows the browser's preference", () => {
  assert.equal(resolveTheme("auto", true), "dark");
  assert.equal(resolveTheme("auto", false), "light");
  assert.equal(resolveTheme(undefined, undefined), "light");
});
