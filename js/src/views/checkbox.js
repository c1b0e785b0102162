/** `Checkbox`: a native checkbox followed by its label. Client-writable: `value` (bool). */

import { ControlView, h } from "./base.js";

export class CheckboxView extends ControlView {
  createControl() {
    const input = h("input", { type: "checkbox" });
    input.addEventListener("change", () => this.ctx.edit(this.id, "value", input.checked));
    return input;
  }

  createElement() {
    const el = super.createElement();
    el.prepend(this.control);
    return el;
  }

  render(props, has) {
    this.renderLabel(props, has);
    if (has("value")) this.control.checked = Boolean(props.value);
  }
}
