/**
 * `EditableIntSlider` / `EditableFloatSlider`: a slider with a number field (a spinbutton
 * named "<name> value") in place of the readout. The field takes values past the slider's
 * ends, within `fixed_start`..`fixed_end`; the server then moves the end. `editable: false`
 * makes the field read only. Client-writable: `value` (from the slider while dragging and
 * from the field on commit) and `value_throttled` (when the handle is let go).
 */

import { h } from "./base.js";
import { SliderView } from "./slider.js";

export class EditableSliderView extends SliderView {
  createElement() {
    const el = super.createElement();
    this.readout.hidden = true;
    this.field = h("input", { type: "number", className: "docsync-editable-field" });
    this.field.addEventListener("change", () => {
      // Text that is not a number reads as "": show the last value again instead.
      if (this.field.value === "" || !Number.isFinite(this.field.valueAsNumber)) {
        this.field.value = this.shown;
        return;
      }
      this.ctx.edit(this.id, "value", this.field.valueAsNumber);
    });
    this.control.addEventListener("input", () => {
      this.field.value = this.control.value;
    });
    this.control.after(this.field);
    return el;
  }

  render(props, has) {
    super.render(props, has);
    const field = this.field;
    const bound = (attr, v) => (v == null ? field.removeAttribute(attr) : field.setAttribute(attr, String(v)));
    if (has("name")) field.setAttribute("aria-label", `${props.name || this.type} value`);
    if (has("disabled")) field.disabled = Boolean(props.disabled);
    if (has("editable")) field.readOnly = props.editable === false;
    if (has("fixed_start")) bound("min", props.fixed_start);
    if (has("fixed_end")) bound("max", props.fixed_end);
    if (has("step")) field.step = props.step == null ? "any" : String(props.step);
    if (has("value")) {
      this.shown = props.value == null ? "" : String(props.value);
      if (field.value !== this.shown) field.value = this.shown;
    }
  }
}
