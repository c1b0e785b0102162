/**
 * `Vega`: `spec` (Vega-Lite or Vega JSON) drawn with vega-embed as SVG. The Vega libraries
 * are a separate bundle (`vega.js` beside `docsync.js`, ~860 KiB, built from
 * `src/vega.js`), loaded with a <script> the first time a page shows a Vega pane; pages
 * without one never fetch it. Where the host gives the view context an `assetUrl` (a notebook
 * output, whose kernel sends the bundle over the comm), the script comes from there instead.
 * With a stretching `sizing_mode`, a Vega-Lite spec without a `width` fills the pane's width.
 */

import { BaseView, h } from "./base.js";

// Read while the bundle runs: `document.currentScript` is docsync.js only then.
const BUNDLE_URL = typeof document !== "undefined" ? (document.currentScript?.src ?? document.querySelector('script[src$="docsync.js"]')?.src ?? null) : null;

/** The URL of the Vega bundle, beside the main bundle at `bundleUrl` (or the page). */
export function vegaBundleUrl(bundleUrl, pageUrl) {
  return new URL("vega.js", bundleUrl ?? new URL("_docsync/static/", pageUrl)).href;
}

/**
 * Load the Vega bundle once per page; resolves to its `{embed}`.
 *
 * `source()` gives the bundle's script URL, or a promise of it; it is called only by the
 * first load of the page. That load adds one `<script data-docsync-vega>` to `doc`; every
 * later call, from any view of any client in the page (several notebook outputs), waits for
 * that script. When the load fails the script is removed, so that a later pane tries again.
 * A `blob:` URL is revoked once its script has run.
 */
export function loadVega(source, doc = document) {
  if (globalThis.docsyncVega) return Promise.resolve(globalThis.docsyncVega);
  let script = doc.querySelector("script[data-docsync-vega]");
  if (!script) {
    script = doc.createElement("script");
    script.async = true;
    script.dataset.docsyncVega = "";
    // In the page before its URL is known, so that other views wait for this one load. An
    // inserted script without src or text does not run; setting its src later loads it
    // (HTML, "prepare the script element").
    doc.head.append(script);
    const fail = (err) => {
      script.dataset.docsyncVegaError = err?.message ?? String(err);
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
    script.addEventListener("load", () => resolve(globalThis.docsyncVega), { once: true });
    const failed = () => {
      script.remove();
      reject(new Error(script.dataset.docsyncVegaError ?? `cannot load ${script.src}`));
    };
    script.addEventListener("error", failed, { once: true });
  });
}

const STRETCH = ["stretch_width", "stretch_both", "scale_width", "scale_both"];

/** The spec to draw: a stretching Vega-Lite spec without a width fills its container. */
export function embedSpec(spec, sizingMode) {
  if (!spec || typeof spec !== "object") return null;
  const lite = typeof spec.$schema !== "string" || spec.$schema.includes("vega-lite");
  if (lite && STRETCH.includes(sizingMode) && spec.width === undefined) return { ...spec, width: "container" };
  return spec;
}

export class VegaView extends BaseView {
  createElement() {
    this.chart = h("div", { className: "docsync-vega-chart" });
    this._generation = 0;
    this._result = null;
    return h("div", {}, this.chart);
  }

  render(props, has) {
    if (has("spec") || has("show_actions") || has("sizing_mode")) this._draw(props);
  }

  destroy() {
    this._generation += 1;
    this._finalize();
    super.destroy();
  }

  async _draw(props) {
    const generation = ++this._generation;
    const spec = embedSpec(props.spec, props.sizing_mode);
    this._finalize();
    this.chart.replaceChildren();
    if (!spec) return;
    this.el.setAttribute("aria-busy", "true");
    try {
      const assetUrl = this.ctx.assetUrl;
      const vega = await loadVega(assetUrl ? () => assetUrl("vega.js") : () => vegaBundleUrl(BUNDLE_URL, location.href));
      if (generation !== this._generation) return; // a newer spec, or the view is gone
      const result = await vega.embed(this.chart, spec, { actions: props.show_actions === true, renderer: "svg" });
      if (generation !== this._generation) result.finalize();
      else this._result = result;
    } catch (err) {
      if (generation !== this._generation) return;
      console.error("docsync: cannot draw a Vega chart", err);
      this.chart.replaceChildren(h("div", { className: "docsync-vega-error", role: "alert", textContent: `Cannot draw this chart: ${err.message}` }));
    } finally {
      if (generation === this._generation) this.el.removeAttribute("aria-busy");
    }
  }

  _finalize() {
    this._result?.finalize();
    this._result = null;
  }
}
