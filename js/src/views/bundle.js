/**
 * Loading a separate static bundle (`vega.js`, `plotly.js`) once per page, the first time
 * a page shows a pane that needs it. Pages without such a pane never fetch it.
 */

// Read while the bundle runs: `document.currentScript` is docsync.js only then.
const BUNDLE_URL = typeof document !== "undefined" ? (document.currentScript?.src ?? document.querySelector('script[src$="docsync.js"]')?.src ?? null) : null;

/** The URL of static bundle `name`, beside the main bundle at `bundleUrl` (or the page). */
export function bundleUrl(name, mainUrl, pageUrl) {
  return new URL(name, mainUrl ?? new URL("_docsync/static/", pageUrl)).href;
}

/**
 * Where a view gets bundle `name` from: the host's `ctx.assetUrl` when it has one (a
 * notebook output, whose kernel sends the bundle over the comm), else beside docsync.js.
 */
export function bundleSource(ctx, name) {
  const assetUrl = ctx.assetUrl;
  return assetUrl ? () => assetUrl(name) : () => bundleUrl(name, BUNDLE_URL, location.href);
}

/**
 * Load a bundle once per page; resolves to the value it publishes as `globalThis[global]`.
 *
 * `source()` gives the bundle's script URL, or a promise of it; it is called only by the
 * first load of the page. That load adds one `<script data-KEY>` to `doc` (`key` is the
 * dataset name, `docsyncVega` for `data-docsync-vega`); every later call, from any view of
 * any client in the page (several notebook outputs), waits for that script. When the load
 * fails the script is removed, so that a later pane tries again. A `blob:` URL is revoked
 * once its script has run.
 */
export function loadBundle({ key, global }, source, doc = document) {
  if (globalThis[global]) return Promise.resolve(globalThis[global]);
  const attr = `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const errorKey = `${key}Error`;
  let script = doc.querySelector(`script[${attr}]`);
  if (!script) {
    script = doc.createElement("script");
    script.async = true;
    script.dataset[key] = "";
    // In the page before its URL is known, so that other views wait for this one load. An
    // inserted script without src or text does not run; setting its src later loads it
    // (HTML, "prepare the script element").
    doc.head.append(script);
    const fail = (err) => {
      script.dataset[errorKey] = err?.message ?? String(err);
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
      reject(new Error(script.dataset[errorKey] ?? `cannot load ${script.src}`));
    };
    script.addEventListener("error", failed, { once: true });
  });
}
