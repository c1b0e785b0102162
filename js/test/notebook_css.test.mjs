import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";

import { scopeSelector, splitSelectors } from "../src/notebook_css.js";

const SCOPE = ".docsync-out";
const WHERE = { scope: SCOPE, root: ".docsync-views" };

describe("splitSelectors", () => {
  test("splits at top-level commas only", () => {
    assert.deepEqual(splitSelectors("a, b>c ,d"), ["a", "b>c", "d"]);
    assert.deepEqual(splitSelectors(':is(a, b) x, [data-x="1,2"], c'), [":is(a, b) x", '[data-x="1,2"]', "c"]);
  });
});

describe("scopeSelector", () => {
  test("page-wide rules move to the scope or are dropped", () => {
    assert.equal(scopeSelector(":root", WHERE), SCOPE);
    assert.equal(scopeSelector(':root[data-docsync-theme="dark"]', WHERE), `${SCOPE}[data-docsync-theme="dark"]`);
    assert.equal(scopeSelector("#docsync-root.docsync-disconnected", WHERE), ".docsync-views.docsync-disconnected");
    assert.equal(scopeSelector("body", WHERE), null);
    assert.equal(scopeSelector("html body .x", WHERE), null);
  });

  test("other rules stay inside the scope", () => {
    assert.equal(scopeSelector("[hidden]", WHERE), `${SCOPE} [hidden]`);
    assert.equal(scopeSelector(".docsync-banner", WHERE), ".docsync-banner");
    assert.equal(scopeSelector('input[type="range"].docsync-control', WHERE), 'input[type="range"].docsync-control');
    assert.equal(scopeSelector(".bodywork", WHERE), `${SCOPE} .bodywork`);
  });

  test("no selector of the shipped stylesheet reaches outside docsync", () => {
    const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "src", "docsync.css"), "utf8");
    const rules = css.replace(/\/\*[\s\S]*?\*\//g, "").match(/[^{}@;]+(?=\{)/g) ?? [];
    for (const selectorText of rules.map((r) => r.trim()).filter((r) => r && !/^(from|to|\d+%)/.test(r))) {
      for (const selector of splitSelectors(selectorText)) {
        const scoped = scopeSelector(selector, WHERE);
        assert.ok(scoped === null || /docsync/.test(scoped), `${selector} -> ${scoped}`);
      }
    }
  });
});
