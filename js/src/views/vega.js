/**
 * `Vega`: `spec` (Vega-Lite or Vega JSON) drawn with vega-embed as SVG. The Vega libraries
 * are a separate bundle (`vega.js` beside `docsync.js`, ~860 KiB, built from
 * `src/vega.js`), loaded with a <script> the first time a page shows a Vega pane; pages
 * without one never fetch it. Where the host gives the view context an `assetUrl` (a notebook
 * output, whose kernel sends the bundle over the comm), the script comes from there instead.
 * With a stretching `sizing_mode`, a Vega-Lite spec without a `width` fills the pane's width.
 */

import { BaseView, h } from "./base.js";
import { bundleSource, bundleUrl, loadBundle } from "./bundle.js";

/** The URL of the Vega bundle, beside the main bundle at `mainUrl` (or the page). */
export function vegaBundleUrl(mainUrl, pageUrl) {
  return bundleUrl("vega.js", mainUrl, pageUrl);
}

/** Load the Vega bundle once per page (see `loadBundle`); resolves to its `{embed}`. */
export function loadVega(source, doc = document) {
  return loadBundle({ key: "docsyncVega", global: "docsyncVega" }, source, doc);
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
      const vega = await loadVega(bundleSource(this.ctx, "vega.js"));
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
