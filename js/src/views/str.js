/** `Str`: `object` as preformatted plain text. */

import { BaseView, h } from "./base.js";

export class StrView extends BaseView {
  createElement() {
    return h("pre");
  }

  render(props, has) {
    if (has("object")) this.el.textContent = props.object == null ? "" : String(props.object);
  }
}
