/**
 * `Tabs`: the WAI-ARIA tabs pattern with automatic activation. A `tablist` of buttons
 * (`role=tab`, `aria-selected`, one tab stop: the selected tab) and one `tabpanel` per
 * child, only the active one shown. Client-writable: `active` (an index). Arrow keys move
 * to the previous/next tab (Left/Right, or Up/Down when the tabs are at the left or right),
 * Home and End to the first and last; moving selects.
 */

import { BaseView, controlId, h } from "./base.js";

/** The index a key press moves to from tab `index` of `count`, or null for other keys. */
export function tabKeyTarget(key, index, count, vertical = false) {
  if (count <= 0) return null;
  if (key === (vertical ? "ArrowUp" : "ArrowLeft")) return (index - 1 + count) % count;
  if (key === (vertical ? "ArrowDown" : "ArrowRight")) return (index + 1) % count;
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  return null;
}

const LOCATIONS = ["above", "below", "left", "right"];

export class TabsView extends BaseView {
  createElement() {
    this.list = h("div", { role: "tablist", className: "docsync-tablist" });
    this.panels = h("div", { className: "docsync-tabpanels" });
    this.list.addEventListener("keydown", (event) => this._onKey(event));
    this.tabs = [];
    this.panelEls = [];
    this.active = 0;
    this.vertical = false;
    return h("div", {}, this.list, this.panels);
  }

  render(props, has) {
    if (has("children") || has("titles")) this._build(props.children, props.titles);
    if (has("children") || has("titles") || has("active")) this._select(props.active);
    if (has("tabs_location")) {
      const where = LOCATIONS.includes(props.tabs_location) ? props.tabs_location : "above";
      for (const name of LOCATIONS) this.el.classList.toggle(`docsync-tabs-${name}`, name === where);
      this.vertical = where === "left" || where === "right";
      this.list.setAttribute("aria-orientation", this.vertical ? "vertical" : "horizontal");
    }
  }

  _build(children, titles) {
    const refs = Array.isArray(children) ? children : [];
    const names = Array.isArray(titles) ? titles : [];
    const base = controlId(this.id);
    this.tabs = refs.map((_, i) => {
      const tab = h("button", { type: "button", role: "tab", className: "docsync-tab", id: `${base}-tab-${i}`, "aria-controls": `${base}-panel-${i}` });
      tab.textContent = names[i] == null || names[i] === "" ? `Tab ${i + 1}` : String(names[i]);
      tab.addEventListener("click", () => this._pick(i));
      return tab;
    });
    this.panelEls = refs.map((ref, i) => h("div", { role: "tabpanel", className: "docsync-tabpanel", id: `${base}-panel-${i}`, "aria-labelledby": `${base}-tab-${i}` }, this.ctx.child(ref)));
    this.list.replaceChildren(...this.tabs);
    this.panels.replaceChildren(...this.panelEls);
  }

  _select(active) {
    const index = Number.isInteger(active) && active >= 0 && active < this.tabs.length ? active : 0;
    this.active = index;
    this.tabs.forEach((tab, i) => {
      tab.setAttribute("aria-selected", String(i === index));
      tab.tabIndex = i === index ? 0 : -1;
    });
    this.panelEls.forEach((panel, i) => {
      panel.hidden = i !== index;
    });
  }

  _pick(index, { focus = false } = {}) {
    if (index !== this.active) {
      this._select(index);
      this.ctx.edit(this.id, "active", index);
    }
    if (focus) this.tabs[index]?.focus();
  }

  _onKey(event) {
    const index = this.tabs.indexOf(event.target);
    if (index < 0) return;
    const target = tabKeyTarget(event.key, index, this.tabs.length, this.vertical);
    if (target === null) return;
    event.preventDefault();
    this._pick(target, { focus: true });
  }
}
