/**
 * `RadioButtonGroup`: native radio buttons, styled as a row of buttons, in a `radiogroup`
 * named by the label (arrow keys move the choice, as radios do). Client-writable: `value`,
 * the chosen option's JSON value.
 */

import { setButtonType } from "./button.js";
import { ChoiceGroupView } from "./group.js";

export class RadioButtonGroupView extends ChoiceGroupView {
  get groupRole() {
    return "radiogroup";
  }

  get inputType() {
    return "radio";
  }

  get choicesClass() {
    return "docsync-choices docsync-buttons";
  }

  changed(i) {
    if (this.inputs[i].checked) this.ctx.edit(this.id, "value", this.values[i]);
  }

  renderExtra(props, has) {
    if (has("button_type")) setButtonType(this.group, props.button_type, "docsync-buttons");
  }
}
