/**
 * `Bokeh` and `HoloViews`: `item` (Bokeh's `json_item` of the figure) drawn by BokehJS's own
 * `Bokeh.embed.embed_item`. BokehJS is not in docsync.js: the first Bokeh pane of a page
 * loads its `files` (bokeh.min.js, then the widgets/tables/gl/mathjax parts the figure
 * needs) from `_docsync/bokeh/<version>/`, which the server fills from the installed
 * `bokeh` package of the version that made the item; a notebook output (`ctx.assetUrl`) gets
 * them from its kernel instead. Pages without a Bokeh pane fetch none of it.
 *
 * The plot container is a focusable `figure` named by `alt_text` or the figure's title.
 * Keys, for every plot in it: arrows pan, `+`/`-` zoom in and out, `0` resets. In the dark
 * theme (`data-docsync-theme="dark"` on <html>) the item is drawn with `dark`, the
 * attributes Bokeh's dark_minimal theme gives, applied over the light ones.
 */

import { BaseView, h } from "./base.js";

// Read while the bundle runs: `document.currentScript` is docsync.js only then.
const BUNDLE_URL = typeof document !== "undefined" ? (document.currentScript?.src ?? document.querySelector('script[src$="docsync.js"]')?.src ?? null) : null;

/** The URL of BokehJS file `file` of `version`: `_docsync/bokeh/` beside `_docsync/static/`
 * of the main bundle at `bundleUrl` (or of the page at `pageUrl`). */
export function bokehjsUrl(version, file, bundleUrl, pageUrl) {
  const path = `${encodeURIComponent(version)}/${encodeURIComponent(file)}`;
  if (bundleUrl) return new URL(`../bokeh/${path}`, bundleUrl).href;
  return new URL(`_docsync/bokeh/${path}`, pageUrl).href;
}

/**
 * Run the script named `name` once per page; resolves when it has run. `source()` gives its
 * URL, or a promise of it (a notebook kernel's Blob URL), and is called only by the first
 * load. Every caller with the same `name` (another Bokeh pane, another client in the page)
 * waits for that one `<script data-docsync-bokeh>`; a failed load removes it, so that a
 * later pane tries again. A `blob:` URL is revoked once its script has run.
 */
export function loadScript(name, source, doc = document) {
  let script = [...doc.querySelectorAll("script[data-docsync-bokeh]")].find((s) => s.dataset.docsyncBokeh === name);
  if (script?.dataset.docsyncLoaded === "true") return Promise.resolve();
  if (!script) {
    script = doc.createElement("script");
    script.async = false;
    script.dataset.docsyncBokeh = name;
    const done = () => {
      if (String(script.src).startsWith("blob:")) URL.revokeObjectURL(script.src);
    };
    script.addEventListener("load", () => {
      script.dataset.docsyncLoaded = "true";
      done();
    }, { once: true });
    script.addEventListener("error", done, { once: true });
    // In the page before its URL is known, so that other callers wait for this one load;
    // an inserted script without src does not run until it gets one.
    doc.head.append(script);
    Promise.resolve().then(source).then((url) => (script.src = url), (err) => {
      script.dataset.docsyncError = err?.message ?? String(err);
      script.dispatchEvent(new Event("error"));
    });
  }
  return new Promise((resolve, reject) => {
    script.addEventListener("load", () => resolve(), { once: true });
    script.addEventListener("error", () => {
      script.remove();
      reject(new Error(script.dataset.docsyncError ?? `cannot load ${name}`));
    }, { once: true });
  });
}

/** Run BokehJS `files` of `version` in order (the parts need bokeh.min.js); gives `Bokeh`.
 * `sourceOf(version, file)` gives a file's URL or a promise of it (see `loadScript`). */
export async function loadBokeh(version, files, sourceOf, doc = document) {
  for (const file of files) {
    // BokehJS of this version already in the page (another library loaded it, as HoloViews
    // does in a notebook): its parts register into it, so it is not loaded twice.
    if (file === "bokeh.min.js" && globalThis.Bokeh?.version === version) continue;
    await loadScript(`bokeh/${version}/${file}`, () => sourceOf(version, file), doc);
  }
  if (!globalThis.Bokeh?.embed) throw new Error("BokehJS did not load");
  if (globalThis.Bokeh.version !== version) throw new Error(`the page has BokehJS ${globalThis.Bokeh.version}, the figure needs ${version}: reload the page`);
  return globalThis.Bokeh;
}

/**
 * The item to embed: `item` itself, or in the dark theme a copy whose models take the
 * attributes `dark` gives them (`{model id: {attribute: value}}`, see
 * docsync/pane/bokeh.py `dark_overrides`). `item` is never changed.
 */
export function themedItem(item, dark, isDark) {
  if (!item || !isDark || !dark || Object.keys(dark).length === 0) return item;
  const copy = structuredClone(item);
  const pending = [copy.doc];
  // Bounded by the item's size: every node is visited once.
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...node);
    } else if (node && typeof node === "object") {
      if (node.type === "object" && typeof node.id === "string" && dark[node.id]) {
        node.attributes = { ...node.attributes, ...dark[node.id] };
      }
      pending.push(...Object.values(node));
    }
  }
  return copy;
}

/** The plot container's accessible name: `alt_text`, else the figure's title, else "Plot". */
export function plotLabel(altText, title) {
  return altText || title || "Plot";
}

const PAN_KEYS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** What key `key` does to a plot: `{pan: [dx, dy]}` (a tenth of the frame per press, in
 * screen directions), `{zoom: factor}` (the frame's share shown after), `{reset: true}`,
 * or null for a key the plot leaves alone. */
export function keyAction(key) {
  if (key in PAN_KEYS) return { pan: PAN_KEYS[key] };
  if (key === "+" || key === "=") return { zoom: 0.8 };
  if (key === "-" || key === "_") return { zoom: 1.25 };
  if (key === "0") return { reset: true };
  return null;
}

/** The screen box `{x0, x1, y0, y1}` to show after `action` on the frame box `box`. */
export function actionBox(box, action) {
  const width = box.x1 - box.x0;
  const height = box.y1 - box.y0;
  if (action.pan) {
    const [dx, dy] = action.pan;
    return { x0: box.x0 + dx * width / 10, x1: box.x1 + dx * width / 10, y0: box.y0 + dy * height / 10, y1: box.y1 + dy * height / 10 };
  }
  const cx = (box.x0 + box.x1) / 2;
  const cy = (box.y0 + box.y1) / 2;
  const f = action.zoom;
  return { x0: cx - f * width / 2, x1: cx + f * width / 2, y0: cy - f * height / 2, y1: cy + f * height / 2 };
}

/** Every plot view (one with ranges to move) under the root views `roots`. */
function plotViews(roots) {
  const found = [];
  const seen = new Set();
  const pending = [...roots];
  while (pending.length > 0 && seen.size < 10_000) {
    const view = pending.pop();
    if (!view || seen.has(view)) continue;
    seen.add(view);
    if (typeof view.update_range === "function" && view.frame?.x_scales) found.push(view);
    pending.push(...(view.children_views?.() ?? []));
  }
  return found;
}

function rangesOf(scales, p0, p1) {
  const ranges = new Map();
  for (const scale of scales.values()) {
    const [start, end] = scale.r_invert(p0, p1);
    ranges.set(scale.source_range, { start, end });
  }
  return ranges;
}

const isDarkPage = () => document.documentElement.dataset.docsyncTheme === "dark";

export class BokehView extends BaseView {
  createElement() {
    this.plot = h("div", { className: "docsync-bokeh-plot", role: "figure", tabIndex: 0, "aria-roledescription": "plot", "aria-description": "Arrow keys pan, plus and minus zoom, 0 resets" });
    this.plot.addEventListener("keydown", (ev) => this._onKey(ev));
    this.message = h("div", { className: "docsync-bokeh-error", role: "alert", hidden: true });
    this._generation = 0;
    this._manager = null;
    this._props = null;
    this._dark = isDarkPage();
    this._observer = new MutationObserver(() => {
      if (isDarkPage() !== this._dark && this._props) this._draw(this._props);
    });
    this._observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-docsync-theme"] });
    return h("div", {}, this.plot, this.message);
  }

  render(props, has) {
    if (has("alt_text") || has("title")) this.plot.setAttribute("aria-label", plotLabel(props.alt_text, props.title));
    if (has("item") || has("dark") || has("files") || has("error")) {
      this._props = props;
      this._draw(props);
    }
  }

  destroy() {
    this._generation += 1;
    this._observer.disconnect();
    this._remove();
    super.destroy();
  }

  _showError(text) {
    this.message.textContent = text ?? "";
    this.message.hidden = !text;
  }

  async _draw(props) {
    const generation = ++this._generation;
    this._dark = isDarkPage();
    this._remove();
    this._showError(props.error);
    this.plot.hidden = !props.item;
    if (!props.item) return;
    this.el.setAttribute("aria-busy", "true");
    try {
      // A notebook output asks its kernel for BokehJS; a served page fetches it beside docsync.js.
      const assetUrl = this.ctx.assetUrl;
      const sourceOf = assetUrl ? (version, file) => assetUrl(`bokeh/${version}/${file}`) : (version, file) => bokehjsUrl(version, file, BUNDLE_URL, location.href);
      const Bokeh = await loadBokeh(props.item.version, props.files?.length ? props.files : ["bokeh.min.js"], sourceOf);
      // Bokeh embeds only into an element under <body>; a new view is attached right after
      // its first render. Bounded: a view still detached after 100 frames is not shown.
      for (let frame = 0; frame < 100 && !this.plot.isConnected; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
      if (generation !== this._generation || !this.plot.isConnected) return;
      const target = h("div", { className: "docsync-bokeh-root" });
      this.plot.replaceChildren(target);
      const manager = await Bokeh.embed.embed_item(themedItem(props.item, props.dark, this._dark), target);
      if (generation !== this._generation) this._removeManager(manager);
      else this._manager = manager;
    } catch (err) {
      if (generation !== this._generation) return;
      console.error("docsync: cannot draw a Bokeh plot", err);
      this._showError(`Cannot draw this Bokeh plot: ${err.message}`);
    } finally {
      if (generation === this._generation) this.el.removeAttribute("aria-busy");
    }
  }

  _onKey(ev) {
    if (ev.target !== this.plot || ev.altKey || ev.ctrlKey || ev.metaKey || !this._manager) return;
    const action = keyAction(ev.key);
    if (!action) return;
    ev.preventDefault();
    for (const view of plotViews(this._manager.roots)) {
      if (action.reset) {
        view.reset_range();
        continue;
      }
      const { bbox } = view.frame;
      const box = actionBox({ x0: bbox.x0, x1: bbox.x1, y0: bbox.y0, y1: bbox.y1 }, action);
      const options = action.pan ? { panning: true } : { scrolling: true };
      view.update_range({ xrs: rangesOf(view.frame.x_scales, box.x0, box.x1), yrs: rangesOf(view.frame.y_scales, box.y0, box.y1) }, options);
    }
  }

  _removeManager(manager) {
    const docs = globalThis.Bokeh?.documents;
    for (const root of manager.roots) {
      const doc = root.model?.document;
      const i = docs?.indexOf(doc) ?? -1;
      if (i >= 0) docs.splice(i, 1);
    }
    manager.clear();
  }

  _remove() {
    if (this._manager) this._removeManager(this._manager);
    this._manager = null;
    this.plot.replaceChildren();
  }
}
