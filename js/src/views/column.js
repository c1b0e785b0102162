/** `Column`: its `children` stacked vertically; `scroll` lets what does not fit scroll. */

import { BaseView, h, renderChildren } from "./base.js";

export class ColumnView extends BaseView {
  createElement() {
    return h("div");
  }

  render(props, has) {
    if (has("children")) renderChildren(this.ctx, this.el, props.children);
    if (has("scroll")) this.el.classList.toggle("docsync-scroll", props.scroll === true);
  }
}
