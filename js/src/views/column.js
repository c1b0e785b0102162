/** `Column`: its `children` stacked vertically. */

import { BaseView, h, renderChildren } from "./base.js";

export class ColumnView extends BaseView {
  createElement() {
    return h("div");
  }

  render(props, has) {
    if (has("children")) renderChildren(this.ctx, this.el, props.children);
  }
}
