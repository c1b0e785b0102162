/** `Spacer`, `HSpacer`, `VSpacer`: empty room, sized by the props every model has. */

import { BaseView, h } from "./base.js";

export class SpacerView extends BaseView {
  createElement() {
    return h("div", { "aria-hidden": "true" });
  }

  render() {}
}
