/**
 * The Plotly chart behind the `Plotly` view (views/plotly.js), shipped in the separate
 * Plotly bundle (`src/plotly.js`) with plotly.js itself, so that a page without a Plotly
 * pane loads none of it. A `PlotlyChart` draws `figure` (`{data, layout, frames?}`) into an
 * element it is given and turns the user's actions into edits.
 *
 * The figure given to plotly.js is a copy: plotly.js writes into the objects it draws, and
 * the document's values must stay as the server sent them, since later patches change
 * them below the prop's path (a diffed prop, core/jsondiff.py).
 *
 * The user's click, hover, selection and zoom become edits of `click_data`, `hover_data`,
 * `selected_data` and `relayout_data` (plain data: plotly.js's event points hold whole
 * traces and axes, which are neither needed nor JSON). Hovers are coalesced by the edit
 * queue to one per animation frame; a zoom or pan is sent when it ends (`plotly_relayout`,
 * not `plotly_relayouting`). From the keyboard, the arrow keys move between points
 * (left/right within a trace, up/down between traces, Home/End), Enter or Space clicks the
 * focused point, Escape leaves it; a polite live region reads out the focused point, and
 * hover_data follows it.
 */

// Per-point fields of plotly.js event data that are values of the point (not whole
// traces or axes), as plotly.js names them.
const POINT_FIELDS = ["curveNumber", "pointNumber", "pointNumbers", "pointIndex", "x", "y", "z", "lat", "lon", "label", "value", "percent", "text", "hovertext", "customdata", "id", "location", "theta", "r", "a", "b", "c"];

const plainValue = (v) => (v === undefined || typeof v === "function" ? undefined : JSON.parse(JSON.stringify(v) ?? "null"));

/** The JSON form of one plotly.js event point: only its own values. */
export function plainPoint(point) {
  const out = {};
  for (const name of POINT_FIELDS) {
    if (point && point[name] !== undefined) out[name] = plainValue(point[name]);
  }
  return out;
}

/** `click_data`/`hover_data`/`selected_data` from plotly.js event data (null: none). */
export function pointsData(event) {
  if (!event || !Array.isArray(event.points)) return null;
  const out = { points: event.points.map(plainPoint) };
  if (event.range) out.range = plainValue(event.range);
  if (event.lassoPoints) out.lassoPoints = plainValue(event.lassoPoints);
  return out;
}

/** `relayout_data` from a `plotly_relayout` event (an object of layout paths → values). */
export function relayoutData(event) {
  return event && typeof event === "object" ? plainValue(event) : null;
}

const AXIS = /^(x|y)axis\d*$/;

/**
 * The layout to draw: `layout` over the page's theme (`theme`: the computed `fg`,
 * `surface`, `border` colours and `font` family). What the figure's layout sets wins;
 * the theme replaces a Python template's colours, so a figure reads in light and dark.
 */
export function themedLayout(layout, theme, { width, height, stretch } = {}) {
  const own = layout && typeof layout === "object" ? layout : {};
  const axis = { gridcolor: theme.border, zerolinecolor: theme.border, linecolor: theme.border, color: theme.fg };
  const out = {
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: theme.surface,
    ...own,
    font: { family: theme.font, color: theme.fg, ...(own.font ?? {}) },
  };
  for (const name of new Set(["xaxis", "yaxis", ...Object.keys(own).filter((k) => AXIS.test(k))])) {
    out[name] = { ...axis, ...(own[name] ?? {}) };
  }
  if (own.legend || !("legend" in own)) out.legend = { font: { color: theme.fg }, ...(own.legend ?? {}) };
  if (stretch) out.autosize = true;
  if (own.width === undefined && typeof width === "number") out.width = width;
  if (own.height === undefined && typeof height === "number") out.height = height;
  return out;
}

const DTYPES = { i1: Int8Array, u1: Uint8Array, u1c: Uint8ClampedArray, i2: Int16Array, u2: Uint16Array, i4: Int32Array, u4: Uint32Array, f4: Float32Array, f8: Float64Array };
const decoded = new WeakMap();

/**
 * A trace attribute's values as an array, or null: a list; a typed array; or plotly.js's
 * base64 typed array `{dtype, bdata, shape?}` (as plotly.py sends numpy arrays), decoded
 * once per value (a 2-D `shape` gives a list of rows).
 */
export function asArray(v) {
  if (Array.isArray(v)) return v;
  if (ArrayBuffer.isView(v)) return Array.from(v);
  if (!v || typeof v !== "object" || typeof v.bdata !== "string" || !DTYPES[v.dtype]) return null;
  if (!decoded.has(v)) {
    const bytes = Uint8Array.from(atob(v.bdata), (c) => c.charCodeAt(0));
    const flat = Array.from(new DTYPES[v.dtype](bytes.buffer));
    const shape = String(v.shape ?? "").split(",").map(Number).filter((n) => n > 0);
    const cols = shape.length === 2 ? shape[1] : 0;
    decoded.set(v, cols ? Array.from({ length: shape[0] }, (_, r) => flat.slice(r * cols, (r + 1) * cols)) : flat);
  }
  return decoded.get(v);
}

/** How many points trace `trace` has, for the keyboard (its longest per-point array). */
export function traceLength(trace) {
  let n = 0;
  for (const name of ["x", "y", "z", "values", "labels", "lat", "lon", "r", "theta"]) {
    n = Math.max(n, asArray(trace?.[name])?.length ?? 0);
  }
  return n;
}

/**
 * The point the keyboard focuses after `key` from `focus` (`{curve, point}` or null), in
 * `data` (the figure's traces); null when there is no point. Traces without points are
 * skipped; moves stop at the ends.
 */
export function stepFocus(data, focus, key) {
  const curves = (Array.isArray(data) ? data : []).map((t, i) => [i, traceLength(t)]).filter(([, n]) => n > 0);
  if (curves.length === 0) return null;
  let at = focus ? curves.findIndex(([i]) => i === focus.curve) : -1;
  if (at < 0) return { curve: curves[0][0], point: 0 };
  let point = focus.point;
  if (key === "ArrowRight") point += 1;
  else if (key === "ArrowLeft") point -= 1;
  else if (key === "Home") point = 0;
  else if (key === "End") point = Infinity;
  else if (key === "ArrowDown") at = Math.min(at + 1, curves.length - 1);
  else if (key === "ArrowUp") at = Math.max(at - 1, 0);
  const [curve, n] = curves[at];
  return { curve, point: Math.max(0, Math.min(point, n - 1)) };
}

/** The event point of `focus` in `data`, as plotly.js would report a click on it. */
export function focusPoint(data, focus) {
  const trace = data[focus.curve] ?? {};
  const i = focus.point;
  const point = { curveNumber: focus.curve, pointNumber: i, pointIndex: i };
  const at = (name) => {
    const values = asArray(trace[name]);
    return values && i < values.length ? plainValue(values[i]) : undefined;
  };
  for (const name of ["x", "y", "z", "lat", "lon", "text", "hovertext", "customdata", "r", "theta"]) {
    const value = at(name);
    if (value !== undefined) point[name] = value;
  }
  if (at("labels") !== undefined) point.label = at("labels");
  if (at("values") !== undefined) point.value = at("values");
  if (point.x === undefined && asArray(trace.y) && trace.type !== "pie") point.x = i; // plotly.js's default x
  return point;
}

/** What the live region reads for a focused point. */
export function describePoint(data, point) {
  const trace = data[point.curveNumber] ?? {};
  const name = typeof trace.name === "string" && trace.name ? trace.name : `trace ${point.curveNumber + 1}`;
  const parts = ["label", "x", "y", "z", "value", "text"].filter((k) => point[k] !== undefined).map((k) => `${k} ${typeof point[k] === "object" ? JSON.stringify(point[k]) : point[k]}`);
  return `${name}, point ${point.pointNumber + 1} of ${traceLength(trace)}: ${parts.join(", ")}`;
}

const STRETCH = ["stretch_width", "stretch_height", "stretch_both", "scale_width", "scale_height", "scale_both"];

function pageTheme(el) {
  const style = getComputedStyle(el);
  const v = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  return { fg: v("--docsync-fg", "#1f2328"), surface: v("--docsync-surface", "#f6f8fa"), border: v("--docsync-border", "#d0d7de"), font: v("--docsync-font", "sans-serif") };
}

const KEYS = ["ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown", "Home", "End"];

export class PlotlyChart {
  /**
   * @param {object} options
   * @param {object} options.Plotly  plotly.js
   * @param {HTMLElement} options.el  the focusable element that takes the keys
   * @param {HTMLElement} options.chart  where plotly.js draws
   * @param {HTMLElement} options.live  the live region for the focused point
   * @param {(name: string, value: unknown) => void} options.edit  a client-writable edit
   */
  constructor({ Plotly, el, chart, live, edit }) {
    Object.assign(this, { Plotly, el, chart, live, edit });
    this.data = [];
    this.focus = null;
    this.listening = false;
    this.onKey = (e) => this.key(e);
    el.addEventListener("keydown", this.onKey);
    this.props = null;
    // The page's theme switch (views/page.js) recolours the chart: draw it again.
    this.themeWatch = new MutationObserver(() => this.props && this.draw(this.props).catch((err) => console.error("docsync: cannot draw a Plotly chart", err)));
    this.themeWatch.observe(el.ownerDocument.documentElement, { attributes: true, attributeFilter: ["data-docsync-theme"] });
  }

  /** Draw `props.figure` with the pane's `config` and sizing; resolves once drawn. */
  async draw(props) {
    this.props = props;
    const figure = props.figure;
    const stretch = STRETCH.includes(props.sizing_mode);
    const data = structuredClone(Array.isArray(figure.data) ? figure.data : []);
    const layout = themedLayout(structuredClone(figure.layout ?? {}), pageTheme(this.el), { width: props.width, height: props.height, stretch });
    const config = { displaylogo: false, responsive: stretch, ...(props.config ?? {}) };
    const drawn = { data, layout, config };
    if (Array.isArray(figure.frames)) drawn.frames = structuredClone(figure.frames);
    await this.Plotly.react(this.chart, drawn);
    this.data = Array.isArray(figure.data) ? figure.data : [];
    if (this.focus && !this.data[this.focus.curve]) this.focus = null;
    if (!this.listening) this.listen();
  }

  listen() {
    this.listening = true;
    const gd = this.chart;
    gd.on("plotly_click", (e) => this.edit("click_data", pointsData(e)));
    gd.on("plotly_hover", (e) => this.edit("hover_data", pointsData(e)));
    gd.on("plotly_unhover", () => this.edit("hover_data", null));
    gd.on("plotly_selected", (e) => this.edit("selected_data", pointsData(e)));
    gd.on("plotly_deselect", () => this.edit("selected_data", null));
    gd.on("plotly_relayout", (e) => this.edit("relayout_data", relayoutData(e)));
  }

  key(e) {
    if (e.target !== this.el || !this.listening) return;
    if (e.key === "Enter" || e.key === " ") {
      if (!this.focus) return;
      e.preventDefault();
      this.edit("click_data", { points: [focusPoint(this.data, this.focus)] });
    } else if (e.key === "Escape") {
      if (!this.focus) return;
      this.focus = null;
      this.Plotly.Fx.unhover(this.chart);
      this.live.textContent = "";
      this.edit("hover_data", null);
    } else if (KEYS.includes(e.key)) {
      e.preventDefault();
      this.focus = stepFocus(this.data, this.focus, e.key);
      if (!this.focus) return;
      const point = focusPoint(this.data, this.focus);
      this.live.textContent = describePoint(this.data, point);
      // plotly.js's hover label on the point; a hover it is told to show emits no
      // plotly_hover, so hover_data is set here, as a pointer's hover would set it.
      this.Plotly.Fx.hover(this.chart, [{ curveNumber: this.focus.curve, pointNumber: this.focus.point }]);
      this.edit("hover_data", { points: [point] });
    }
  }

  /** Free plotly.js's state and stop taking keys. */
  destroy() {
    this.el.removeEventListener("keydown", this.onKey);
    this.themeWatch.disconnect();
    this.Plotly.purge(this.chart);
    this.listening = false;
  }
}
