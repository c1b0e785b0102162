/**
 * `StaticText`: "name: text", read only. `text` is the server's `str()` of the value.
 */

import { BaseView, h } from "./base.js";

export class StaticTextView extends BaseView {
  createElement() {
    this.label = h("b", { className: "docsync-static-label" });
    this.sep = document.createTextNode("");
    this.text = h("span", { className: "docsync-static-value" });
    return h("div", { className: "docsync-widget" }, this.label, this.sep, this.text);
  }

  render(props, has) {
    if (has("name")) {
      this.label.textContent = props.name ?? "";
      this.label.hidden = !props.name;
      this.sep.textContent = props.name ? ": " : "";
    }
    if (has("text")) this.text.textContent = typeof props.text === "string" ? props.text : "";
  }
}
