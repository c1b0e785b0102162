/**
 * `MultiSelect`: a native `<select multiple>` (a listbox) with a label, `size` rows high.
 * Client-writable: `value`, the list of chosen options' JSON values in option order.
 */

import { deepEqual } from "../patch.js";
import { ControlView, h } from "./base.js";
import { optionPairs } from "./select.js";

export class MultiSelectView extends ControlView {
  createControl() {
    const select = h("select", { multiple: true });
    this.values = [];
    select.addEventListener("change", () => {
      const chosen = [...select.options].filter((o) => o.selected).map((o) => this.values[Number(o.value)]);
      this.ctx.edit(this.id, "value", chosen);
    });
    return select;
  }

  render(props, has) {
    this.renderLabel(props, has);
    if (has("size")) this.control.size = Number.isInteger(props.size) && props.size > 0 ? props.size : 10;
    if (has("options")) {
      const pairs = optionPairs(props.options);
      this.values = pairs.map(([, v]) => v);
      this.control.replaceChildren(...pairs.map(([label], i) => h("option", { value: String(i), textContent: label })));
    }
    if (has("options") || has("value")) {
      const chosen = Array.isArray(props.value) ? props.value : [];
      this.values.forEach((v, i) => {
        this.control.options[i].selected = chosen.some((c) => deepEqual(c, v));
      });
    }
  }
}
