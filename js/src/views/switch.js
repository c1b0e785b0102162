/**
 * `Switch`: a native checkbox with ARIA role `switch`, drawn as an on/off track, followed
 * by its label. Space toggles it, as it does a checkbox. Client-writable: `value` (bool).
 */

import { CheckboxView } from "./checkbox.js";

export class SwitchView extends CheckboxView {
  createControl() {
    const input = super.createControl();
    input.setAttribute("role", "switch");
    input.classList.add("docsync-switch-input");
    return input;
  }
}
