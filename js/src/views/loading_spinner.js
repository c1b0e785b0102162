/**
 * `LoadingSpinner`: a spinner in an element of role status, named by `name` (or
 * "Loading"); it turns, and the status is `aria-busy`, while `value` is true.
 */

import { BaseView, h } from "./base.js";

export class LoadingSpinnerView extends BaseView {
  createElement() {
    this.wheel = h("span", { className: "docsync-spinner", "aria-hidden": "true" });
    this.caption = h("span", { className: "docsync-spinner-label", "aria-hidden": "true" });
    return h("div", { role: "status" }, this.wheel, this.caption);
  }

  render(props, has) {
    if (has("name")) {
      this.el.setAttribute("aria-label", props.name || "Loading");
      this.caption.textContent = props.name ?? "";
    }
    if (has("value")) {
      this.el.setAttribute("aria-busy", props.value ? "true" : "false");
      this.el.classList.toggle("docsync-spinning", Boolean(props.value));
    }
    if (has("size")) {
      const size = Number.isFinite(props.size) ? `${props.size}px` : "";
      this.wheel.style.width = this.wheel.style.height = size;
    }
  }
}
