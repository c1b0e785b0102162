/**
 * Loading a separate static bundle (`vega.js`, `tabulator.js` beside `docsync.js`) once per
 * page, the first time a view needs it. Pages that show no such view never fetch it.
 */

// Read while the bundle runs: `document.currentScript` is docsync.js only then.
const MAIN_URL = typeof document !== "undefined" ? (document.currentScript?.src ?? document.querySelector('script[src$="docsync.js"]')?.src ?? null) : null;

/** The URL of static bundle `name`, beside the main bundle at `mainUrl` (or the page's). */
export function bundleUrl(name, mainUrl, pageUrl) {
  return new URL(name, mainUrl ?? new URL("_docsync/static/", pageUrl)).href;
}

/** The URL of `name` beside this page's docsync.js. */
export function besideMain(name) {
  return bundleUrl(name, MAIN_URL, location.href);
}

/**
 * Load a separate bundle once per page; resolves to `globalThis[global]`, which the
 * bundle sets when it runs.
 *
 * `source()` gives the script's URL, or a promise of it (a notebook's Blob URL); only the
 * first load of the page calls it. That load adds one `<script data-<marker>>` to `doc`
 * (`marker` in camelCase, as `dataset` spells it: "docsyncVega" is `data-docsync-vega`);
 * every later call, from any view of any client in the page, waits for it. A failed load
 * removes the script, so that a later view tries again. A `blob:` URL is revoked once its
 * script has run.
 */
export function loadBundle({ marker, global }, source, doc = document) {
  if (globalThis[global]) return Promise.resolve(globalThis[global]);
  const attribute = `data-${marker.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  let script = doc.querySelector(`script[${attribute}]`);
  if (!script) {
    script = doc.createElement("script");
    script.async = true;
    script.dataset[marker] = "";
    // In the page before its URL is known, so that other views wait for this one load (an
    // inserted script without src does not run until its src is set: HTML, "prepare the
    // script element").
    doc.head.append(script);
    const fail = (err) => {
      script.dataset[`${marker}Error`] = err?.message ?? String(err);
      script.dispatchEvent(new Event("error"));
    };
    const done = () => {
      if (script.src.startsWith("blob:")) URL.revokeObjectURL(script.src);
    };
    script.addEventListener("load", done, { once: true });
    script.addEventListener("error", done, { once: true });
    Promise.resolve().then(source).then((url) => (script.src = url), fail);
  }
  return new Promise((resolve, reject) => {
    script.addEventListener("load", () => resolve(globalThis[global]), { once: true });
    const failed = () => {
      script.remove();
      reject(new Error(script.dataset[`${marker}Error`] ?? `cannot load ${script.src}`));
    };
    script.addEventListener("error", failed, { once: true });
  });
}
