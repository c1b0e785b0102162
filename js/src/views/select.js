/**
 * `Select`: a native select. `options` is a list of values (label = String(value)) or an
 * object label -> value. Client-writable: `value`, sent as the option's JSON value.
 */

import { deepEqual } from "../patch.js";
import { ControlView, h } from "./base.js";

/** `[label, value]` pairs of a Select's `options` prop. */
export function optionPairs(options) {
  if (Array.isArray(options)) return options.map((v) => [typeof v === "string" ? v : JSON.stringify(v) ?? String(v), v]);
  if (options && typeof options === "object") return Object.entries(options);
  return [];
}

export class SelectView extends ControlView {
  createControl() {
    const select = h("select");
    this.values = [];
    select.addEventListener("change", () => {
      const i = select.selectedIndex;
      if (i >= 0 && i < this.values.length) this.ctx.edit(this.id, "value", this.values[i]);
    });
    return select;
  }

  render(props, has) {
    this.renderLabel(props, has);
    if (has("options")) {
      const pairs = optionPairs(props.options);
      this.values = pairs.map(([, v]) => v);
      this.control.replaceChildren(...pairs.map(([label], i) => h("option", { value: String(i), textContent: label })));
    }
    if (has("options") || has("value")) {
      this.control.selectedIndex = this.values.findIndex((v) => deepEqual(v, props.value));
    }
  }
}
