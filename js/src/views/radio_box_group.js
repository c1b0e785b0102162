/**
 * `RadioBoxGroup`: a native radio button per option in a `radiogroup` named by the label
 * (arrow keys move the choice), stacked or `inline`. Client-writable: `value`, the chosen
 * option's JSON value.
 */

import { ChoiceGroupView } from "./group.js";

export class RadioBoxGroupView extends ChoiceGroupView {
  get groupRole() {
    return "radiogroup";
  }

  get inputType() {
    return "radio";
  }

  changed(i) {
    if (this.inputs[i].checked) this.ctx.edit(this.id, "value", this.values[i]);
  }

  renderExtra(props, has) {
    if (has("inline")) this.group.classList.toggle("docsync-inline", Boolean(props.inline));
  }
}
