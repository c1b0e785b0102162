/**
 * `Markdown`: shows `html`, the HTML the server rendered and sanitized from `object`
 * (PROTOCOL.md §3: derived props live beside the Python parameter). Without `html`, the
 * source is shown as plain text rather than rendered unsanitized.
 */

import { BaseView, h } from "./base.js";

export class MarkdownView extends BaseView {
  createElement() {
    return h("div");
  }

  render(props, has) {
    if (!has("html") && !has("object")) return;
    if (typeof props.html === "string") this.el.innerHTML = props.html;
    else this.el.textContent = typeof props.object === "string" ? props.object : "";
  }
}
