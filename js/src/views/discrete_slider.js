/**
 * `DiscreteSlider`: a native range input with one stop per option (`options`: a list of
 * values or a {label: value} object); the readout and assistive technology read the
 * option's label. Client-writable: `value` (the option's JSON value), sent while dragging,
 * and `value_throttled`, sent when the user lets go.
 */

import { deepEqual } from "../patch.js";
import { ControlView, h } from "./base.js";

/** `[label, value]` pairs of a DiscreteSlider's options (numbers read as their text). */
export function discreteStops(options) {
  if (Array.isArray(options)) return options.map((v) => [typeof v === "string" ? v : JSON.stringify(v) ?? String(v), v]);
  if (options && typeof options === "object") return Object.entries(options);
  return [];
}

export class DiscreteSliderView extends ControlView {
  createControl() {
    const input = h("input", { type: "range", min: "0", step: "1" });
    this.stops = [];
    const at = () => this.stops[Math.round(input.valueAsNumber)];
    input.addEventListener("input", () => {
      const stop = at();
      if (!stop) return;
      this._show(stop[0]);
      this.ctx.edit(this.id, "value", stop[1]);
    });
    input.addEventListener("change", () => {
      const stop = at();
      if (stop) this.ctx.edit(this.id, "value_throttled", stop[1]);
    });
    return input;
  }

  get hasReadout() {
    return true;
  }

  _show(label) {
    this.readout.textContent = label;
    this.control.setAttribute("aria-valuetext", label);
  }

  render(props, has) {
    this.renderLabel(props, has);
    if (has("options")) {
      this.stops = discreteStops(props.options);
      this.control.max = String(Math.max(this.stops.length - 1, 0));
    }
    if (has("options") || has("value")) {
      const i = this.stops.findIndex(([, v]) => deepEqual(v, props.value));
      if (i >= 0) {
        if (this.control.valueAsNumber !== i) this.control.value = String(i);
        this._show(this.stops[i][0]);
      } else {
        this._show(props.value == null ? "" : String(props.value));
      }
    }
  }
}
