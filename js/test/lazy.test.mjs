/** views/lazy.js names, for each model type not in docsync.js, the view bundle that has it. */

import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { test } from "node:test";

import { LAZY_VIEWS, chunkGlobal } from "../src/views/lazy.js";
import { VIEW_TYPES } from "../src/views/registry.js";

const CHUNKS_DIR = new URL("../src/chunks/", import.meta.url);
const chunkNames = readdirSync(CHUNKS_DIR).filter((n) => n.endsWith(".js")).map((n) => n.slice(0, -3));

test("every lazy type is in the VIEWS of the chunk it names, and every chunk's type is listed", async () => {
  const seen = new Set();
  for (const chunk of chunkNames) {
    const { VIEWS } = await import(new URL(`${chunk}.js`, CHUNKS_DIR));
    for (const [type, View] of Object.entries(VIEWS)) {
      assert.equal(LAZY_VIEWS[type], chunk, `${type} of chunks/${chunk}.js`);
      assert.equal(typeof View, "function", type);
      seen.add(type);
    }
  }
  assert.deepEqual([...seen].sort(), Object.keys(LAZY_VIEWS).sort());
});

test("no type is both in docsync.js and in a view bundle", () => {
  for (const type of Object.keys(LAZY_VIEWS)) assert.ok(!Object.hasOwn(VIEW_TYPES, type), type);
});

test("a chunk publishes its views under a global named after it", () => {
  assert.equal(chunkGlobal("table"), "docsyncViewsTable");
  assert.equal(chunkGlobal("widgets"), "docsyncViewsWidgets");
});
