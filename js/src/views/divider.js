/** `Divider`: a horizontal rule across the width it is given. */

import { BaseView, h } from "./base.js";

export class DividerView extends BaseView {
  createElement() {
    return h("hr");
  }

  render() {}
}
