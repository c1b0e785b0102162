/**
 * `Toggle`: a native button labelled `name` that stays pressed while `value` is true
 * (`aria-pressed`, so it reads as a toggle button). Client-writable: `value` (bool).
 */

import { BaseView, h } from "./base.js";
import { setButtonType } from "./button.js";

export class ToggleView extends BaseView {
  createElement() {
    const button = h("button", { type: "button", className: "docsync-button" });
    button.addEventListener("click", () => {
      // Flip at once: a second click before the edit is applied must flip back.
      this.showPressed(!this.pressed);
      this.ctx.edit(this.id, "value", this.pressed);
    });
    return button;
  }

  showPressed(pressed) {
    this.pressed = pressed;
    this.el.setAttribute("aria-pressed", pressed ? "true" : "false");
  }

  render(props, has) {
    if (has("name")) this.el.textContent = props.name || this.type;
    if (has("disabled")) this.el.disabled = Boolean(props.disabled);
    if (has("value")) this.showPressed(Boolean(props.value));
    if (has("button_type")) setButtonType(this.el, props.button_type);
  }
}
