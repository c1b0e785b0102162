/**
 * `RadioButtonGroup`: native radio buttons, styled as a row of buttons, in a `radiogroup`
 * named by the label (arrow keys move the choice, as radios do). Client-writable: `value`,
 * the chosen option's JSON value.
 */

import { deepEqual } from "../patch.js";
import { setButtonType } from "./button.js";
import { controlId, h } from "./base.js";
import { GroupView, choice } from "./group.js";
import { optionPairs } from "./select.js";

export class RadioButtonGroupView extends GroupView {
  get groupRole() {
    return "radiogroup";
  }

  createGroup() {
    this.values = [];
    this.inputs = [];
    return h("div", { className: "docsync-choices docsync-buttons" });
  }

  render(props, has) {
    this.renderLabel(props, has);
    if (has("options")) {
      const pairs = optionPairs(props.options);
      this.values = pairs.map(([, v]) => v);
      this.inputs = pairs.map((_, i) => {
        const input = h("input", { type: "radio", name: controlId(this.id), value: String(i), id: `${controlId(this.id)}-${i}` });
        input.addEventListener("change", () => {
          if (input.checked) this.ctx.edit(this.id, "value", this.values[i]);
        });
        return input;
      });
      this.group.replaceChildren(...pairs.map(([label], i) => choice(this.inputs[i], label)));
    }
    if (has("options") || has("value")) {
      this.inputs.forEach((input, i) => {
        input.checked = deepEqual(this.values[i], props.value);
      });
    }
    if (has("options") || has("disabled")) for (const input of this.inputs) input.disabled = Boolean(props.disabled);
    if (has("button_type")) setButtonType(this.group, props.button_type, "docsync-buttons");
  }
}
