/**
 * `IntInput` / `FloatInput`: a native number input (a spinbutton) with a label.
 * Client-writable: `value` (a number, or null when the field is emptied), sent when the
 * user commits an entry (`change`: Enter, leaving the field, arrow keys or the spin
 * buttons), so a half-typed number is never sent. The server refuses one out of
 * `start`..`end`, and the field snaps back (PROTOCOL.md §5).
 */

import { ControlView, h } from "./base.js";

export class NumberInputView extends ControlView {
  createControl() {
    const input = h("input", { type: "number" });
    input.addEventListener("change", () => {
      // Text that is not a number reads as "": show the last value again instead.
      if (input.validity.badInput) input.value = this.shown;
      else if (input.value === "") this.ctx.edit(this.id, "value", null);
      // A fraction in an IntInput is sent as is: the server refuses it with a clear message.
      else if (Number.isFinite(input.valueAsNumber)) this.ctx.edit(this.id, "value", input.valueAsNumber);
    });
    return input;
  }

  render(props, has) {
    this.renderLabel(props, has);
    const input = this.control;
    const bound = (attr, v) => (v == null ? input.removeAttribute(attr) : input.setAttribute(attr, String(v)));
    if (has("start")) bound("min", props.start);
    if (has("end")) bound("max", props.end);
    if (has("step")) input.step = props.step == null ? "any" : String(props.step);
    if (has("value")) {
      this.shown = props.value == null ? "" : String(props.value);
      if (input.value !== this.shown) input.value = this.shown;
    }
  }
}
