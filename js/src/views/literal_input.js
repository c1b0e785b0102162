/**
 * `LiteralInput`: a native text input. On the wire `value` is the value's text (its repr
 * or JSON, made by the server). Client-writable: `value`, the committed text (`change`:
 * Enter, or leaving the field after an edit), which the server parses; it answers with its
 * own text of the parsed value, or refuses the text and sends its text back.
 */

import { ControlView, h } from "./base.js";

export class LiteralInputView extends ControlView {
  createControl() {
    const input = h("input", { type: "text", spellcheck: false });
    input.addEventListener("change", () => this.ctx.edit(this.id, "value", input.value));
    return input;
  }

  render(props, has) {
    this.renderLabel(props, has);
    if (has("placeholder")) this.control.placeholder = props.placeholder ?? "";
    if (has("value")) {
      const text = typeof props.value === "string" ? props.value : "";
      if (this.control.value !== text) this.control.value = text;
    }
  }
}
