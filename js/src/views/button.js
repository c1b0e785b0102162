/**
 * `Button`: a native button labelled `name`, styled by `button_type`. A click sends an
 * `event` named "click" (PROTOCOL.md §4); `clicks` is counted by the server.
 */

import { BaseView, h } from "./base.js";

export const BUTTON_TYPES = ["default", "primary", "success", "warning", "danger", "light"];

export class ButtonView extends BaseView {
  createElement() {
    const button = h("button", { type: "button" });
    button.addEventListener("click", () => this.ctx.event(this.id, "click", {}));
    this._typeClass = null;
    return button;
  }

  render(props, has) {
    if (has("name")) this.el.textContent = props.name ?? "";
    if (has("disabled")) this.el.disabled = Boolean(props.disabled);
    if (has("button_type")) {
      if (this._typeClass) this.el.classList.remove(this._typeClass);
      this._typeClass = `docsync-button-${BUTTON_TYPES.includes(props.button_type) ? props.button_type : "default"}`;
      this.el.classList.add(this._typeClass);
    }
  }
}
