/**
 * `Progress`: a native `<progress>` (role progressbar) with a label. A `value` of null or
 * -1 makes it indeterminate.
 */

import { ControlView, h } from "./base.js";

export const BAR_COLORS = ["primary", "secondary", "success", "info", "warning", "danger", "light", "dark"];

export class ProgressView extends ControlView {
  createControl() {
    return h("progress");
  }

  render(props, has) {
    this.renderLabel(props, has);
    if (has("max")) this.control.max = Number.isFinite(props.max) && props.max > 0 ? props.max : 100;
    if (has("value") || has("max")) {
      if (typeof props.value === "number" && props.value >= 0) this.control.value = props.value;
      else this.control.removeAttribute("value");
    }
    if (has("bar_color")) {
      const color = BAR_COLORS.includes(props.bar_color) ? props.bar_color : "primary";
      for (const c of BAR_COLORS) this.control.classList.toggle(`docsync-progress-${c}`, c === color);
    }
  }
}
