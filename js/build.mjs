/**
 * Builds docsync/static from src/ (`npm run build`). esbuild's output is deterministic, so
 * `make js-check` can rebuild and compare.
 *
 * docsync.js is the page's main bundle. Each src/chunks/NAME.js is a view bundle
 * `views-NAME.js` (views/lazy.js fetches it), published as `globalThis.docsyncViewsNAME`.
 * A module of docsync.js that a view bundle imports is not bundled again: src/shared.js
 * lists those modules, docsync.js publishes them as `globalThis.docsyncShared`, and the
 * view bundle reads them from there (one copy of each class and of its module state). A
 * view bundle that imports a module of docsync.js missing from shared.js fails the build.
 *
 * A view bundle's styles (src/chunks/NAME.css, when there is one) are not in docsync.css
 * either: the bundle adds them to the page when it runs. The notebook bundle has every
 * view, and every chunk's styles after docsync.css's.
 */

import { build } from "esbuild";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { chunkGlobal } from "./src/views/lazy.js";

const JS = dirname(fileURLToPath(import.meta.url));
const SRC = join(JS, "src");
const OUT = join(JS, "..", "docsync", "static");

const common = { bundle: true, minify: true, charset: "utf8", logLevel: "warning" };
const script = { ...common, format: "iife", target: "es2022", legalComments: "none" };

/** `views/base.js` for src/views/base.js: the key shared.js and the view bundles use. */
const key = (path) => relative(SRC, path).split("\\").join("/");

const main = await build({ ...script, entryPoints: [join(SRC, "index.js")], outfile: join(OUT, "docsync.js"), metafile: true });
const inMain = new Set(Object.keys(main.metafile.inputs).map((p) => resolve(JS, p)));
const shared = new Set(main.metafile.inputs["src/shared.js"].imports.map((i) => resolve(JS, i.path)));

/** Resolves imports of docsync.js's modules to `globalThis.docsyncShared`. */
function fromMain(chunk) {
  return {
    name: "docsync-shared",
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const path = resolve(args.resolveDir, args.path);
        if (shared.has(path)) return { path: key(path), namespace: "docsync-shared" };
        if (inMain.has(path)) {
          return { errors: [{ text: `views-${chunk}.js imports ${key(path)}, which is in docsync.js: list it in src/shared.js so that it is not bundled twice` }] };
        }
        return undefined;
      });
      b.onLoad({ filter: /.*/, namespace: "docsync-shared" }, (args) => ({
        contents: `module.exports = globalThis.docsyncShared[${JSON.stringify(args.path)}];`,
        loader: "js",
      }));
    },
  };
}

/** A `.css` import as the text of the minified stylesheet, its own imports included. */
const cssText = {
  name: "docsync-css-text",
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async (args) => {
      const out = await build({ ...common, entryPoints: [args.path], write: false });
      return { contents: out.outputFiles[0].text, loader: "text" };
    });
  },
};

/** The entry of view bundle `chunk`: publish its views, add its styles once per page. */
function chunkEntry(chunk, global) {
  const lines = [`import { VIEWS } from "./chunks/${chunk}.js";`];
  if (existsSync(join(SRC, "chunks", `${chunk}.css`))) {
    lines.push(`import css from "./chunks/${chunk}.css";`,
      `if (!document.querySelector('style[data-docsync-views="${chunk}"]')) {`,
      `  const style = document.createElement("style");`,
      `  style.dataset.docsyncViews = "${chunk}";`,
      "  style.textContent = css;",
      "  document.head.append(style);",
      "}");
  }
  lines.push(`globalThis.${global} = Object.freeze(VIEWS);`);
  return `${lines.join("\n")}\n`;
}

const chunks = readdirSync(join(SRC, "chunks")).filter((n) => n.endsWith(".js")).sort().map((n) => n.slice(0, -3));
// A view bundle whose chunk is gone must not linger in the package.
for (const name of readdirSync(OUT)) {
  if (/^views-.*\.js$/.test(name) && !chunks.includes(name.slice(6, -3))) rmSync(join(OUT, name));
}
for (const chunk of chunks) {
  const global = chunkGlobal(chunk);
  await build({
    ...script,
    stdin: { contents: chunkEntry(chunk, global), resolveDir: SRC, sourcefile: `views-${chunk}.js` },
    outfile: join(OUT, `views-${chunk}.js`),
    plugins: [fromMain(chunk), cssText],
  });
}

await build({ ...script, entryPoints: [join(SRC, "vega.js")], outfile: join(OUT, "vega.js") });
await build({ ...script, entryPoints: [join(SRC, "tabulator.js")], loader: { ".css": "text" }, outfile: join(OUT, "tabulator.js") });
await build({ ...script, entryPoints: [join(SRC, "plotly.js")], outfile: join(OUT, "plotly.js") });
await build({ ...common, entryPoints: [join(SRC, "docsync.css")], outfile: join(OUT, "docsync.css") });
await build({ ...script, format: "esm", entryPoints: [join(SRC, "notebook.js")], plugins: [cssText], outfile: join(OUT, "notebook.js") });
