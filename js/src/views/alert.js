/**
 * `Alert`: a highlighted message with `role=alert`, showing `html` (Markdown the server
 * rendered and sanitized), coloured by `alert_type` (Bootstrap's names, as in Panel).
 */

import { BaseView, h } from "./base.js";

export const ALERT_TYPES = ["primary", "secondary", "success", "danger", "warning", "info", "light", "dark"];

export class AlertView extends BaseView {
  createElement() {
    this._typeClass = null;
    return h("div", { role: "alert" });
  }

  render(props, has) {
    if (has("html")) this.el.innerHTML = typeof props.html === "string" ? props.html : "";
    if (has("alert_type")) {
      if (this._typeClass) this.el.classList.remove(this._typeClass);
      this._typeClass = `docsync-alert-${ALERT_TYPES.includes(props.alert_type) ? props.alert_type : "primary"}`;
      this.el.classList.add(this._typeClass);
    }
  }
}
