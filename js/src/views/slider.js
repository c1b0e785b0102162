/**
 * `IntSlider` / `FloatSlider`: a native range input with a label and a value readout.
 * Client-writable: `value` (a number; an integer for IntSlider), sent while dragging, and
 * `value_throttled`, sent when the user lets go (the input's `change` event). With the
 * session's `pn.config.throttled` (`ctx.page.throttled`), `value` is sent only on letting go.
 */

import { ControlView, h } from "./base.js";

const WHOLE = new Set(["IntSlider", "EditableIntSlider"]);

export class SliderView extends ControlView {
  createControl() {
    const input = h("input", { type: "range" });
    const read = () => (WHOLE.has(this.type) ? Math.round(input.valueAsNumber) : input.valueAsNumber);
    input.addEventListener("input", () => {
      const value = read();
      if (!Number.isFinite(value)) return;
      this.readout.textContent = String(value);
      if (!this.ctx.page?.throttled) this.ctx.edit(this.id, "value", value);
    });
    input.addEventListener("change", () => {
      const value = read();
      if (!Number.isFinite(value)) return;
      // pn.config.throttled: `value` too only now, when the user lets go.
      if (this.ctx.page?.throttled) this.ctx.edit(this.id, "value", value);
      this.ctx.edit(this.id, "value_throttled", value);
    });
    return input;
  }

  get hasReadout() {
    return true;
  }

  render(props, has) {
    this.renderLabel(props, has);
    const input = this.control;
    // Bounds first: the browser clamps `value` to them.
    if (has("start")) input.min = String(props.start ?? 0);
    if (has("end")) input.max = String(props.end ?? 100);
    if (has("step")) input.step = props.step == null ? (WHOLE.has(this.type) ? "1" : "any") : String(props.step);
    if (has("value") || has("start") || has("end") || has("step")) {
      const value = Number(props.value);
      if (Number(input.value) !== value) input.value = String(value);
      this.readout.textContent = props.value == null ? "" : String(props.value);
    }
  }
}
