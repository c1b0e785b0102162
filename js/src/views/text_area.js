/** `TextAreaInput`: a native textarea with a label, `rows` high. Client-writable: `value`, sent while typing. */

import { h } from "./base.js";
import { TextInputView } from "./text_input.js";

export class TextAreaInputView extends TextInputView {
  createControl() {
    const area = h("textarea");
    area.addEventListener("input", () => this.ctx.edit(this.id, "value", area.value));
    return area;
  }

  render(props, has) {
    super.render(props, has);
    if (has("rows")) this.control.rows = Number.isInteger(props.rows) && props.rows > 0 ? props.rows : 2;
  }
}
