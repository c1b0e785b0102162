/**
 * `Number` (indicator): a big number under its label, as a `<figure>` named by its
 * caption. The server sends the formatted `text` and its `color` (docsync/indicators.py).
 */

import { BaseView, h } from "./base.js";

export class NumberView extends BaseView {
  createElement() {
    this.title = h("figcaption", { className: "docsync-number-title" });
    this.value = h("div", { className: "docsync-number-value" });
    return h("figure", {}, this.title, this.value);
  }

  render(props, has) {
    if (has("name")) {
      this.title.textContent = props.name ?? "";
      this.title.hidden = !props.name;
      if (props.name) this.el.removeAttribute("aria-label");
      else this.el.setAttribute("aria-label", this.type);
    }
    if (has("text")) this.value.textContent = props.text ?? "";
    if (has("color")) this.value.style.color = typeof props.color === "string" ? props.color : "";
    if (has("font_size")) this.value.style.fontSize = typeof props.font_size === "string" ? props.font_size : "";
    if (has("title_size")) this.title.style.fontSize = typeof props.title_size === "string" ? props.title_size : "";
  }
}
