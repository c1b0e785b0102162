/**
 * `HTML`: shows `html`, which the server sanitized from `object` with nh3 (unless the app
 * opted out with `sanitize=False`, a server-only choice); `object` itself is not sent.
 */

import { BaseView, h } from "./base.js";

export class HTMLView extends BaseView {
  createElement() {
    return h("div");
  }

  render(props, has) {
    if (has("html")) this.el.innerHTML = typeof props.html === "string" ? props.html : "";
  }
}
