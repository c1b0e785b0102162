/**
 * `TextAreaInput`: a native textarea with a label, `rows` high. Client-writable: `value`,
 * sent while typing, and `value_throttled`, sent when the user leaves the field after an
 * edit (a textarea's `change`; Enter there is a new line).
 */

import { h } from "./base.js";
import { TextInputView } from "./text_input.js";

export class TextAreaInputView extends TextInputView {
  createControl() {
    const area = h("textarea");
    this.listen(area);
    return area;
  }

  render(props, has) {
    super.render(props, has);
    if (has("rows")) this.control.rows = Number.isInteger(props.rows) && props.rows > 0 ? props.rows : 2;
  }
}
