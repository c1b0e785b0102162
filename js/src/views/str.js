/**
 * `Str`: `text`, the `str()` the server made of `object` (PROTOCOL.md §3: a derived prop),
 * as preformatted plain text. A bare `object` prop is shown the same way.
 */

import { BaseView, h } from "./base.js";

export class StrView extends BaseView {
  createElement() {
    return h("pre");
  }

  render(props, has) {
    if (!has("text") && !has("object")) return;
    const value = props.text !== undefined ? props.text : props.object;
    this.el.textContent = value == null ? "" : String(value);
  }
}
