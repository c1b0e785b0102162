/** Shared test fixtures: the "hello" app document of tests/protocol_cases/README.md. */

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const CASES_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "tests", "protocol_cases");

/** Every `*.json` file in `tests/protocol_cases/<sub>`, parsed, with its file name. */
export function loadCases(sub) {
  const dir = join(CASES_DIR, sub);
  let names;
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".json")).sort();
  } catch {
    return [];
  }
  return names.map((file) => ({ file, ...JSON.parse(readFileSync(join(dir, file), "utf8")) }));
}

export function helloDoc(value = 3) {
  return {
    title: "hello",
    roots: ["m1"],
    models: {
      m1: { type: "Column", props: { children: [{ ref: "m2" }, { ref: "m3" }] } },
      m2: { type: "IntSlider", props: { name: "x", start: 0, end: 10, value } },
      m3: { type: "ParamFunction", props: { child: { ref: "m4" } } },
      m4: { type: "Markdown", props: { object: `x is ${value}`, html: `<p>x is ${value}</p>` } },
    },
  };
}
