/**
 * `TextInput` / `PasswordInput`: a native text (or password) input with a label.
 * Client-writable: `value`, sent while typing, and `value_throttled`, sent when the user
 * commits the text (the field's `change` event: Enter, or leaving the field after an edit);
 * `max_length` caps it in the page too.
 */

import { ControlView, h } from "./base.js";

export class TextInputView extends ControlView {
  createControl() {
    const input = h("input", { type: this.type === "PasswordInput" ? "password" : "text" });
    this.listen(input);
    return input;
  }

  /** Send `value` on every keystroke and `value_throttled` on commit, from `field`. */
  listen(field) {
    field.addEventListener("input", () => this.ctx.edit(this.id, "value", field.value));
    field.addEventListener("change", () => this.ctx.edit(this.id, "value_throttled", field.value));
  }

  render(props, has) {
    this.renderLabel(props, has);
    if (has("placeholder")) this.control.placeholder = props.placeholder ?? "";
    if (has("max_length")) {
      if (Number.isInteger(props.max_length)) this.control.maxLength = props.max_length;
      else this.control.removeAttribute("maxlength");
    }
    // Only touch the DOM value when it differs, so the caret stays where the user left it.
    const value = props.value == null ? "" : String(props.value);
    if (has("value") && this.control.value !== value) this.control.value = value;
  }
}
