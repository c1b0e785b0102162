/**
 * `Card`: a header and its `children`. The header shows the `header` component, or else
 * `title`; with `collapsible`, a button in it (`aria-expanded`, `aria-controls`) toggles
 * `collapsed`, which is client-writable. `scroll` applies to the body.
 */

import { BaseView, controlId, h, renderChildren } from "./base.js";
import { applyScroll } from "./list.js";

export class CardView extends BaseView {
  createElement() {
    const bodyId = `${controlId(this.id)}-body`;
    this.headerEl = h("div", { className: "docsync-card-header" });
    this.button = h("button", { type: "button", className: "docsync-card-toggle", "aria-controls": bodyId });
    this.button.addEventListener("click", () => {
      this._setCollapsed(!this.collapsed);
      this.ctx.edit(this.id, "collapsed", this.collapsed);
    });
    this.body = h("div", { className: "docsync-card-body", id: bodyId });
    this.collapsed = false;
    return h("div", {}, this.headerEl, this.body);
  }

  render(props, has) {
    if (has("header") || has("title") || has("collapsible")) this._renderHeader(props);
    if (has("children")) renderChildren(this.ctx, this.body, props.children);
    if (has("collapsed")) this._setCollapsed(props.collapsed === true);
    if (has("scroll")) applyScroll(this.body, props.scroll, "column");
    if (has("hide_header")) this.headerEl.hidden = props.hide_header === true;
    if (has("header_background")) this.headerEl.style.background = typeof props.header_background === "string" ? props.header_background : "";
    if (has("header_color")) this.headerEl.style.color = typeof props.header_color === "string" ? props.header_color : "";
  }

  _renderHeader(props) {
    const title = typeof props.title === "string" ? props.title : "";
    const chevron = h("span", { className: "docsync-card-chevron", "aria-hidden": "true" });
    const collapsible = props.collapsible !== false;
    if (props.header) {
      // A component may hold controls of its own, which must not sit inside a button.
      const parts = [h("div", { className: "docsync-card-title" }, this.ctx.child(props.header))];
      if (collapsible) {
        this.button.replaceChildren(chevron);
        this.button.setAttribute("aria-label", title ? `Toggle ${title}` : "Toggle card");
        parts.push(this.button);
      }
      this.headerEl.replaceChildren(...parts);
    } else if (collapsible) {
      this.button.removeAttribute("aria-label");
      this.button.replaceChildren(h("span", { className: "docsync-card-title", textContent: title }), chevron);
      this.headerEl.replaceChildren(this.button);
    } else {
      this.headerEl.replaceChildren(h("div", { className: "docsync-card-title", textContent: title }));
    }
  }

  _setCollapsed(collapsed) {
    this.collapsed = collapsed;
    this.body.hidden = collapsed;
    this.button.setAttribute("aria-expanded", String(!collapsed));
    this.el.classList.toggle("docsync-card-collapsed", collapsed);
  }
}
