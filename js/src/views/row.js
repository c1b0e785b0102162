/** `Row`: its `children` side by side. */

import { BaseView, h, renderChildren } from "./base.js";

export class RowView extends BaseView {
  createElement() {
    return h("div");
  }

  render(props, has) {
    if (has("children")) renderChildren(this.ctx, this.el, props.children);
  }
}
