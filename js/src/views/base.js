/**
 * What every view shares: the layout props all models have, and small DOM helpers.
 *
 * A view subclass implements `createElement()` (called once, returns the root element) and
 * `render(props, changed)`, where `changed` is a Set of prop names or null for "all"
 * (first render). The view context `ctx` passed to every view offers:
 *
 *   ctx.child(ref)                 the element of the model named by `{"ref": id}`
 *   ctx.edit(id, name, value)      the user changed a client-writable prop
 *   ctx.event(id, name, data)      the user fired a stateless event (a click)
 *   ctx.commit(edits)              send `[id, name, value]` edits now, in one message
 *   ctx.derive(overrides)          a context for a subtree with some functions replaced
 *   ctx.changed?.(id, names)       (optional) told after a view under this context re-rendered
 *                                  because props `names` of model `id` changed
 *   ctx.page                       one object per page shared by every view: the session's
 *                                  page settings (`throttled`, notification texts, `toast`),
 *                                  written by views/page_settings.js
 *   ctx.assetUrl?.(name)           (optional) a promise of the script URL of static bundle
 *                                  `name` ("vega.js"), where the host does not serve it beside
 *                                  docsync.js (a notebook output gets it from its kernel)
 */

/** Props every model has; applied by `BaseView`, never by subclasses. */
export const COMMON_PROPS = ["visible", "loading", "css_classes", "styles", "width", "height", "margin", "sizing_mode", "box"];

const ALIGNS = ["start", "center", "end"];

/**
 * Panel's size limits and alignment (the `box` prop: null, or the ones not at their
 * default). `align` is [horizontal, vertical]: the layout's CSS (docsync.css) reads the
 * `data-align-x`/`-y` attribute along its cross axis.
 */
export function applyBox(el, box) {
  const b = box && typeof box === "object" ? box : {};
  for (const [prop, css] of [["min_width", "minWidth"], ["max_width", "maxWidth"], ["min_height", "minHeight"], ["max_height", "maxHeight"]]) {
    el.style[css] = typeof b[prop] === "number" ? px(b[prop]) : "";
  }
  const ratio = b.aspect_ratio;
  el.style.aspectRatio = typeof ratio === "number" && ratio > 0 ? String(ratio) : ratio === "auto" ? "auto" : "";
  const [x, y] = Array.isArray(b.align) ? b.align : [];
  for (const [attr, value] of [["alignX", x], ["alignY", y]]) {
    if (ALIGNS.includes(value) && value !== "start") el.dataset[attr] = value;
    else delete el.dataset[attr];
  }
}

/** Create an element: `h("label", {className: "x", htmlFor: "y"}, child, "text")`. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith("data-") || key.startsWith("aria-") || key === "role") el.setAttribute(key, value);
    else el[key] = value;
  }
  el.append(...children);
  return el;
}

/** A DOM id for a model's form control; model ids are unique within a session (§3). */
export function controlId(modelId) {
  return `docsync-${String(modelId).replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

const px = (v) => (typeof v === "number" ? `${v}px` : "");
const kebab = (name) => (name.startsWith("--") || name.includes("-") ? name : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));

function marginValue(margin) {
  if (typeof margin === "number") return px(margin);
  if (Array.isArray(margin)) return margin.map((m) => px(m) || "0").join(" ");
  return "";
}

export class BaseView {
  constructor(ctx, id, model) {
    this.ctx = ctx;
    this.id = id;
    this.type = model.type;
    this.el = this.createElement();
    this.el.classList.add("docsync-model", `docsync-${this.type.toLowerCase()}`);
    this.el.dataset.docsyncId = id;
    this._extraClasses = [];
    this._styleKeys = [];
    this._sizingClass = null;
    this.update(model.props, null);
  }

  /** Re-render after `changed` props (a Set, or null for all) took the values in `props`. */
  update(props, changed) {
    const has = (name) => changed === null || changed.has(name);
    this._applyCommon(props, has);
    this.render(props, has);
  }

  /** Take the view out of the page. */
  destroy() {
    this.el.remove();
  }

  /** Show that the server refused an edit of this model (PROTOCOL.md §5), for a while. */
  flagError(ms = 2500) {
    this.el.classList.add("docsync-error");
    clearTimeout(this._errorTimer);
    this._errorTimer = setTimeout(() => this.el.classList.remove("docsync-error"), ms);
  }

  _applyCommon(props, has) {
    const el = this.el;
    if (has("visible")) el.hidden = props.visible === false;
    if (has("loading")) {
      // Panel's `loading`: a spinner over the component, which takes no input meanwhile.
      const on = props.loading === true;
      el.classList.toggle("docsync-loading", on);
      if (on) el.setAttribute("aria-busy", "true");
      else if (this._loading) el.removeAttribute("aria-busy");
      this._loading = on;
    }
    if (has("css_classes")) {
      el.classList.remove(...this._extraClasses);
      this._extraClasses = Array.isArray(props.css_classes) ? props.css_classes.filter((c) => typeof c === "string" && c && !/\s/.test(c)) : [];
      el.classList.add(...this._extraClasses);
    }
    if (has("styles")) {
      for (const key of this._styleKeys) el.style.removeProperty(key);
      const styles = props.styles && typeof props.styles === "object" ? props.styles : {};
      this._styleKeys = Object.keys(styles).map(kebab);
      for (const [name, value] of Object.entries(styles)) el.style.setProperty(kebab(name), String(value));
    }
    if (has("width")) el.style.width = px(props.width);
    if (has("height")) el.style.height = px(props.height);
    if (has("margin")) el.style.margin = marginValue(props.margin);
    if (has("box")) applyBox(el, props.box);
    if (has("sizing_mode")) {
      if (this._sizingClass) el.classList.remove(this._sizingClass);
      this._sizingClass = typeof props.sizing_mode === "string" ? `docsync-sizing-${props.sizing_mode.replace(/_/g, "-")}` : null;
      if (this._sizingClass) el.classList.add(this._sizingClass);
    }
  }
}

/** Put the elements of `refs` (a list of `{"ref": id}`) into `el`, in order. */
export function renderChildren(ctx, el, refs) {
  el.replaceChildren(...(Array.isArray(refs) ? refs : []).map((ref) => ctx.child(ref)));
}

/**
 * A labelled form control: `<div><label for=..>name</label> control</div>`. Native elements
 * with a `<label>` give the accessible name (role queries find them by `name`).
 */
/**
 * The value shown beside a control's label. The control itself exposes its value to
 * assistive technology; an <output> (a live region) would announce every change a second
 * time, so the readout is for the eye only.
 */
export function readout() {
  return h("output", { className: "docsync-readout", "aria-hidden": "true" });
}

export class ControlView extends BaseView {
  /** True for controls that show their value beside the label (`this.readout`). */
  get hasReadout() {
    return false;
  }

  createElement() {
    this.label = h("label", { className: "docsync-label", htmlFor: controlId(this.id) });
    this.control = this.createControl();
    this.control.id = controlId(this.id);
    this.control.classList.add("docsync-control");
    this.readout = this.hasReadout ? readout() : null;
    const parts = this.readout ? [this.label, this.readout, this.control] : [this.label, this.control];
    return h("div", { className: "docsync-widget" }, ...parts);
  }

  /** Render `name` and `disabled`; subclasses call this from `render`. */
  renderLabel(props, has) {
    if (has("name")) {
      this.label.textContent = props.name ?? "";
      this.label.hidden = !props.name;
      // Without a visible label, keep an accessible name.
      if (props.name) this.control.removeAttribute("aria-label");
      else this.control.setAttribute("aria-label", this.type);
    }
    if (has("disabled")) this.control.disabled = Boolean(props.disabled);
  }
}
