/**
 * `DatePicker`: a native date input with a label; `start`/`end` bound it. Client-writable:
 * `value`, an ISO 8601 date string "YYYY-MM-DD" (or null when cleared), sent on `change`.
 */

import { ControlView, h } from "./base.js";

export class DatePickerView extends ControlView {
  createControl() {
    const input = h("input", { type: "date" });
    input.addEventListener("change", () => this.ctx.edit(this.id, "value", input.value === "" ? null : input.value));
    return input;
  }

  render(props, has) {
    this.renderLabel(props, has);
    const input = this.control;
    const bound = (attr, v) => (typeof v === "string" ? input.setAttribute(attr, v) : input.removeAttribute(attr));
    if (has("start")) bound("min", props.start);
    if (has("end")) bound("max", props.end);
    if (has("value")) {
      const value = typeof props.value === "string" ? props.value : "";
      if (input.value !== value) input.value = value;
    }
  }
}
