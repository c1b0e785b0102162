/**
 * `Plotly`: `figure` drawn with plotly.js. plotly.js and the chart code around it
 * (plotly_chart.js: events, theme, keyboard) are a separate bundle (`plotly.js` beside
 * `docsync.js`, built from `src/plotly.js`), loaded the first time a page shows a Plotly
 * pane (bundle.js); this view is the small part every page carries. The chart is a
 * focusable `figure` named by the figure's title; `error` (a figure the server could not
 * send) is shown as an alert instead.
 */

import { BaseView, h } from "./base.js";
import { bundleSource, loadBundle } from "./bundle.js";

/** Load the Plotly bundle once per page (see `loadBundle`); resolves to `{Plotly, PlotlyChart}`. */
export function loadPlotly(source, doc = document) {
  return loadBundle({ key: "docsyncPlotly", global: "docsyncPlotly" }, source, doc);
}

/** The chart's accessible name: the figure's title as plain text, else "Plotly chart". */
export function chartName(figure) {
  const title = figure?.layout?.title;
  const text = typeof title === "string" ? title : title?.text;
  return (typeof text === "string" && text.replace(/<[^>]*>/g, "").trim()) || "Plotly chart";
}

export class PlotlyView extends BaseView {
  createElement() {
    this.chart = h("div", { className: "docsync-plotly-chart" });
    this.live = h("div", { className: "docsync-visually-hidden", "aria-live": "polite" });
    this._generation = 0;
    this._chart = null;
    return h("div", { role: "figure", tabIndex: 0, "aria-roledescription": "chart" }, this.chart, this.live);
  }

  render(props, has) {
    if (["figure", "error", "config", "sizing_mode", "width", "height"].some(has)) this._draw(props);
  }

  destroy() {
    this._generation += 1;
    this._purge();
    super.destroy();
  }

  async _draw(props) {
    const generation = ++this._generation;
    const figure = props.figure;
    this.el.setAttribute("aria-label", chartName(figure));
    if ((typeof props.error === "string" && props.error) || !figure || typeof figure !== "object") {
      this._purge();
      this._show(props.error || null);
      return;
    }
    this.el.setAttribute("aria-busy", "true");
    try {
      const lib = await loadPlotly(bundleSource(this.ctx, "plotly.js"));
      if (generation !== this._generation) return; // a newer figure, or the view is gone
      if (this.chart.querySelector(".docsync-plotly-error")) this.chart.replaceChildren();
      this._chart ??= new lib.PlotlyChart({ Plotly: lib.Plotly, el: this.el, chart: this.chart, live: this.live, edit: (name, value) => this.ctx.edit(this.id, name, value) });
      await this._chart.draw(props);
    } catch (err) {
      if (generation !== this._generation) return;
      console.error("docsync: cannot draw a Plotly chart", err);
      this._purge();
      this._show(`Cannot draw this chart: ${err.message}`);
    } finally {
      if (generation === this._generation) this.el.removeAttribute("aria-busy");
    }
  }

  _show(error) {
    this.chart.replaceChildren(...(error ? [h("div", { className: "docsync-plotly-error", role: "alert", textContent: error })] : []));
  }

  _purge() {
    this._chart?.destroy();
    this._chart = null;
  }
}
