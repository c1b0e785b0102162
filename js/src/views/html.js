/** `HTML`: `object` is HTML from the app's own code, shown as is. */

import { BaseView, h } from "./base.js";

export class HTMLView extends BaseView {
  createElement() {
    return h("div");
  }

  render(props, has) {
    if (has("object")) this.el.innerHTML = typeof props.object === "string" ? props.object : "";
  }
}
