/**
 * `ColorPicker`: a native colour input with a label and the hex value beside it.
 * Client-writable: `value`, "#rrggbb" in lower case, sent while the user picks.
 */

import { ControlView, h } from "./base.js";

/** "#rrggbb" for a hex colour ("#abc", "ABCDEF", "#A1B2C3"), or "#000000". */
export function hexColor(value) {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(typeof value === "string" ? value.trim() : "");
  if (!m) return "#000000";
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return `#${hex.toLowerCase()}`;
}

export class ColorPickerView extends ControlView {
  createControl() {
    const input = h("input", { type: "color" });
    input.addEventListener("input", () => {
      this.readout.textContent = input.value;
      this.ctx.edit(this.id, "value", input.value);
    });
    return input;
  }

  get hasReadout() {
    return true;
  }

  render(props, has) {
    this.renderLabel(props, has);
    if (has("value")) {
      const value = hexColor(props.value);
      if (this.control.value !== value) this.control.value = value;
      this.readout.textContent = value;
    }
  }
}
