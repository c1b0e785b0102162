/**
 * `CheckButtonGroup`: native checkboxes styled as a row (or, `orientation: "vertical"`, a
 * column) of buttons that stay pressed, in a `group` named by the label; Tab reaches each,
 * Space toggles it. Client-writable: `value`, the pressed options' JSON values in option
 * order.
 */

import { setButtonType } from "./button.js";
import { CheckboxGroupView } from "./checkbox_group.js";

export class CheckButtonGroupView extends CheckboxGroupView {
  get choicesClass() {
    return "docsync-choices docsync-buttons";
  }

  renderExtra(props, has) {
    if (has("button_type")) setButtonType(this.group, props.button_type, "docsync-buttons");
    if (has("orientation")) this.group.classList.toggle("docsync-vertical", props.orientation === "vertical");
  }
}
