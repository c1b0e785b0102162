/**
 * `Accordion`: its `children` as sections under header buttons (`aria-expanded`,
 * `aria-controls`). Client-writable: `active`, the open sections' indexes; a click on a
 * header opens or closes its section (with `toggle`, opening one closes the others).
 * `scroll` applies to the whole stack.
 */

import { BaseView, controlId, h } from "./base.js";
import { applyScroll } from "./list.js";
import { tabTitle } from "./tabs.js";

/** `active` after a click on header `index` (openness read from `active`). */
export function toggled(active, index, toggle) {
  const open = Array.isArray(active) ? active.filter(Number.isInteger) : [];
  if (open.includes(index)) return open.filter((i) => i !== index);
  return toggle ? [index] : [...open, index];
}

export class AccordionView extends BaseView {
  createElement() {
    this.sections = [];
    this.props = {};
    return h("div");
  }

  render(props, has) {
    this.props = props;
    if (has("children") || has("titles")) this._build(props.children, props.titles);
    if (has("scroll")) applyScroll(this.el, props.scroll, "column");
    this._paint(props);
  }

  _build(children, titles) {
    const refs = Array.isArray(children) ? children : [];
    const base = controlId(this.id);
    this.sections = refs.map((ref, i) => {
      const button = h("button", { type: "button", className: "docsync-card-toggle docsync-accordion-toggle", id: `${base}-head-${i}`, "aria-controls": `${base}-body-${i}` },
        h("span", { className: "docsync-card-title", textContent: tabTitle(titles, i) }),
        h("span", { className: "docsync-card-chevron", "aria-hidden": "true" }));
      button.addEventListener("click", () => this.ctx.edit(this.id, "active", this._click(i)));
      const header = h("div", { className: "docsync-card-header" }, button);
      const body = h("div", { className: "docsync-card-body", id: `${base}-body-${i}`, role: "region", "aria-labelledby": `${base}-head-${i}` }, ref ? this.ctx.child(ref) : "");
      return { button, header, body, el: h("div", { className: "docsync-accordion-section docsync-card" }, header, body) };
    });
    this.el.replaceChildren(...this.sections.map((s) => s.el));
  }

  _click(index) {
    const active = toggled(this.props.active, index, this.props.toggle === true);
    this.props = { ...this.props, active };
    this._paint(this.props);
    return active;
  }

  _paint(props) {
    const open = new Set(Array.isArray(props.active) ? props.active : []);
    const color = (v) => (typeof v === "string" ? v : "");
    this.sections.forEach((s, i) => {
      const isOpen = open.has(i);
      s.button.setAttribute("aria-expanded", String(isOpen));
      s.body.hidden = !isOpen;
      s.el.classList.toggle("docsync-card-collapsed", !isOpen);
      s.header.style.background = color(isOpen && props.active_header_background ? props.active_header_background : props.header_background);
      s.header.style.color = color(props.header_color);
    });
  }
}
