/**
 * `CheckboxGroup`: a native checkbox per option in a `group` named by the label, stacked
 * or `inline`. Client-writable: `value`, the checked options' JSON values in option order.
 */

import { deepEqual } from "../patch.js";
import { controlId, h } from "./base.js";
import { GroupView, choice } from "./group.js";
import { optionPairs } from "./select.js";

export class CheckboxGroupView extends GroupView {
  createGroup() {
    this.values = [];
    this.inputs = [];
    return h("div", { className: "docsync-choices" });
  }

  render(props, has) {
    this.renderLabel(props, has);
    if (has("options")) {
      const pairs = optionPairs(props.options);
      this.values = pairs.map(([, v]) => v);
      this.inputs = pairs.map((_, i) => {
        const input = h("input", { type: "checkbox", id: `${controlId(this.id)}-${i}` });
        input.addEventListener("change", () => {
          this.ctx.edit(this.id, "value", this.values.filter((_, j) => this.inputs[j].checked));
        });
        return input;
      });
      this.group.replaceChildren(...pairs.map(([label], i) => choice(this.inputs[i], label)));
    }
    if (has("options") || has("value")) {
      const chosen = Array.isArray(props.value) ? props.value : [];
      this.inputs.forEach((input, i) => {
        input.checked = chosen.some((c) => deepEqual(c, this.values[i]));
      });
    }
    if (has("options") || has("disabled")) for (const input of this.inputs) input.disabled = Boolean(props.disabled);
    if (has("inline")) this.group.classList.toggle("docsync-inline", Boolean(props.inline));
  }
}
