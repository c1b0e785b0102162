/**
 * `CheckboxGroup`: a native checkbox per option in a `group` named by the label, stacked
 * or `inline`. Client-writable: `value`, the checked options' JSON values in option order.
 */

import { deepEqual } from "../patch.js";
import { ChoiceGroupView } from "./group.js";

export class CheckboxGroupView extends ChoiceGroupView {
  isChosen(option, value) {
    return Array.isArray(value) && value.some((v) => deepEqual(v, option));
  }

  changed() {
    this.ctx.edit(this.id, "value", this.values.filter((_, j) => this.inputs[j].checked));
  }

  renderExtra(props, has) {
    if (has("inline")) this.group.classList.toggle("docsync-inline", Boolean(props.inline));
  }
}
