/** `FlexBox`: its `children` in a CSS flex container with Panel's flex options (flexStyle). */

import { BaseView, h, renderChildren } from "./base.js";
import { applyScroll } from "./list.js";

const CHOICES = {
  flex_direction: ["row", "row-reverse", "column", "column-reverse"],
  flex_wrap: ["nowrap", "wrap", "wrap-reverse"],
  justify_content: ["flex-start", "flex-end", "center", "space-between", "space-around", "space-evenly", "start", "end", "left", "right"],
  align_items: ["stretch", "flex-start", "flex-end", "center", "baseline", "first baseline", "last baseline", "start", "end", "self-start", "self-end"],
  align_content: ["normal", "flex-start", "flex-end", "center", "space-between", "space-around", "space-evenly", "stretch", "start", "end", "baseline", "first baseline", "last baseline"],
};
const CSS_NAMES = { flex_direction: "flexDirection", flex_wrap: "flexWrap", justify_content: "justifyContent", align_items: "alignItems", align_content: "alignContent" };
const GAP = /^\s*(?:(?:0|\d+(?:\.\d+)?(?:px|em|rem|%|vw|vh|vmin|vmax|ch|ex|pt))\s*){1,2}$/;

/** The inline style for a FlexBox's props: only values of the known sets ("" otherwise). */
export function flexStyle(props) {
  const style = {};
  for (const [name, allowed] of Object.entries(CHOICES)) style[CSS_NAMES[name]] = allowed.includes(props[name]) ? props[name] : "";
  style.gap = typeof props.gap === "string" && GAP.test(props.gap) ? props.gap.trim() : "";
  return style;
}

export class FlexBoxView extends BaseView {
  createElement() {
    return h("div");
  }

  render(props, has) {
    if (has("children")) renderChildren(this.ctx, this.el, props.children);
    if (["flex_direction", "flex_wrap", "justify_content", "align_items", "align_content", "gap"].some(has)) Object.assign(this.el.style, flexStyle(props));
    if (has("flex_direction")) this.el.classList.toggle("docsync-flex-column", String(props.flex_direction).startsWith("column"));
    if (has("scroll")) applyScroll(this.el, props.scroll);
  }
}
