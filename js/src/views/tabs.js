/**
 * `Tabs`: the WAI-ARIA tabs pattern with automatic activation. A `tablist` of buttons
 * (`role=tab`, `aria-selected`, one tab stop: the selected tab) and one `tabpanel` per
 * child, only the active one shown. Client-writable: `active` (an index). Arrow keys move
 * to the previous/next tab (Left/Right, or Up/Down when the tabs are at the left or right),
 * Home and End to the first and last; moving selects.
 *
 * A `null` child (a `dynamic` Tabs sends only the shown tab's contents) is an empty panel
 * until the server sends it. With `closable`, each tab has a close button (out of the tab
 * order) and Delete closes the focused tab: both send a `close` event with the tab's index
 * and title, and the server removes it; focus then goes to the tab now at that place.
 */

import { BaseView, controlId, h } from "./base.js";
import { applyScroll } from "./list.js";

/** The index a key press moves to from tab `index` of `count`, or null for other keys. */
export function tabKeyTarget(key, index, count, vertical = false) {
  if (count <= 0) return null;
  if (key === (vertical ? "ArrowUp" : "ArrowLeft")) return (index - 1 + count) % count;
  if (key === (vertical ? "ArrowDown" : "ArrowRight")) return (index + 1) % count;
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  return null;
}

/** A tab's title as shown: its title, else "Tab N". */
export function tabTitle(titles, i) {
  const name = Array.isArray(titles) ? titles[i] : undefined;
  return name == null || name === "" ? `Tab ${i + 1}` : String(name);
}

const LOCATIONS = ["above", "below", "left", "right"];

export class TabsView extends BaseView {
  createElement() {
    this.list = h("div", { role: "tablist", className: "docsync-tablist" });
    this.panels = h("div", { className: "docsync-tabpanels" });
    this.list.addEventListener("keydown", (event) => this._onKey(event));
    this.tabs = [];
    this.panelEls = [];
    this.titles = [];
    this.active = 0;
    this.vertical = false;
    this.closable = false;
    this.focusAfterClose = null;
    return h("div", {}, this.list, this.panels);
  }

  render(props, has) {
    if (has("closable")) this.closable = props.closable === true;
    if (has("children") || has("titles") || has("closable")) this._build(props.children, props.titles);
    if (has("children") || has("titles") || has("active") || has("closable")) this._select(props.active);
    if (has("tabs_location")) {
      const where = LOCATIONS.includes(props.tabs_location) ? props.tabs_location : "above";
      for (const name of LOCATIONS) this.el.classList.toggle(`docsync-tabs-${name}`, name === where);
      this.vertical = where === "left" || where === "right";
      this.list.setAttribute("aria-orientation", this.vertical ? "vertical" : "horizontal");
    }
    if (has("scroll")) applyScroll(this.panels, props.scroll);
  }

  _build(children, titles) {
    const refs = Array.isArray(children) ? children : [];
    const base = controlId(this.id);
    this.titles = refs.map((_, i) => tabTitle(titles, i));
    this.tabs = refs.map((_, i) => {
      const tab = h("button", { type: "button", role: "tab", className: "docsync-tab", id: `${base}-tab-${i}`, "aria-controls": `${base}-panel-${i}` });
      tab.textContent = this.titles[i];
      tab.addEventListener("click", () => this._pick(i));
      return tab;
    });
    const heads = this.tabs.map((tab, i) => {
      if (!this.closable) return tab;
      const close = h("button", { type: "button", className: "docsync-tab-close", tabIndex: -1, "aria-label": `Close ${this.titles[i]}` });
      close.textContent = "×";
      close.addEventListener("click", () => this._close(i));
      return h("span", { role: "presentation", className: "docsync-tab-head" }, tab, close);
    });
    this.panelEls = refs.map((ref, i) => {
      const panel = h("div", { role: "tabpanel", className: "docsync-tabpanel", id: `${base}-panel-${i}`, "aria-labelledby": `${base}-tab-${i}` });
      if (ref) panel.append(this.ctx.child(ref));
      else panel.dataset.pending = "";
      return panel;
    });
    const before = [...this.list.querySelectorAll("[role=tab]")];
    const focused = before.indexOf(document.activeElement);
    const closed = this.tabs.length < before.length;
    this.list.replaceChildren(...heads);
    this.panels.replaceChildren(...this.panelEls);
    // The tab elements were replaced: keep the keyboard user where they were (after a
    // close, on the tab that took the closed one's place).
    let refocus = focused >= 0 ? focused : null;
    if (closed && this.focusAfterClose !== null) {
      refocus = this.focusAfterClose;
      this.focusAfterClose = null;
    }
    if (refocus !== null) this.tabs[Math.min(refocus, this.tabs.length - 1)]?.focus();
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

  _close(index) {
    if (!this.closable || index < 0 || index >= this.tabs.length) return;
    this.focusAfterClose = index;
    this.ctx.event(this.id, "close", { index, title: this.titles[index] });
  }

  _onKey(event) {
    const index = this.tabs.indexOf(event.target);
    if (index < 0) return;
    if (event.key === "Delete" && this.closable) {
      event.preventDefault();
      this._close(index);
      return;
    }
    const target = tabKeyTarget(event.key, index, this.tabs.length, this.vertical);
    if (target === null) return;
    event.preventDefault();
    this._pick(target, { focus: true });
  }
}
