/**
 * `ParamFunction` and `ParamMethod`: the latest output of a bound function or method;
 * `Param`: its form of widgets; `ReactiveExpr`: its widgets and output. Each shows its
 * `child` (a ref or null).
 */

import { BaseView, h } from "./base.js";

export class ParamFunctionView extends BaseView {
  createElement() {
    return h("div");
  }

  render(props, has) {
    if (has("child")) {
      if (props.child) this.el.replaceChildren(this.ctx.child(props.child));
      else this.el.replaceChildren();
    }
  }
}
