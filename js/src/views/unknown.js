/** Placeholder for a model type this client has no view for; never throws. */

import { BaseView, h } from "./base.js";

export class UnknownView extends BaseView {
  createElement() {
    return h("div", { className: "docsync-unknown", textContent: `unknown model type ${this.type}` });
  }

  render() {}
}
