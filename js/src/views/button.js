/**
 * `Button`: a native button labelled `name`, styled by `button_type`. A click sends an
 * `event` named "click" (PROTOCOL.md §4); `clicks` is counted by the server.
 */

import { BaseView, h } from "./base.js";

export const BUTTON_TYPES = ["default", "primary", "success", "warning", "danger", "light"];

/** Give `el` the class `<prefix>-<buttonType>` (unknown types read as "default"), dropping the others. */
export function setButtonType(el, buttonType, prefix = "docsync-button") {
  const type = BUTTON_TYPES.includes(buttonType) ? buttonType : "default";
  for (const t of BUTTON_TYPES) el.classList.toggle(`${prefix}-${t}`, t === type);
}

export class ButtonView extends BaseView {
  createElement() {
    const button = h("button", { type: "button" });
    button.addEventListener("click", () => this.ctx.event(this.id, "click", {}));
    return button;
  }

  render(props, has) {
    if (has("name")) this.el.textContent = props.name ?? "";
    if (has("disabled")) this.el.disabled = Boolean(props.disabled);
    if (has("button_type")) setButtonType(this.el, props.button_type);
  }
}
