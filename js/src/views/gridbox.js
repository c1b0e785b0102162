/**
 * `GridBox`: its `children` in a CSS grid of `ncols` columns (filled row by row), or of
 * `nrows` rows (filled column by column) when only `nrows` is set; with neither, as many
 * columns of at least 200px as fit.
 */

import { BaseView, h, renderChildren } from "./base.js";
import { applyScroll } from "./list.js";

const count = (n) => (Number.isInteger(n) && n > 0 ? n : null);

/** The grid's CSS properties for `ncols` and `nrows` (null when unset). */
export function gridStyle(ncols, nrows) {
  const cols = count(ncols);
  const rows = count(nrows);
  if (cols !== null) return { gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`, gridTemplateRows: "", gridAutoFlow: "row" };
  if (rows !== null) return { gridTemplateColumns: "", gridTemplateRows: `repeat(${rows}, auto)`, gridAutoFlow: "column" };
  return { gridTemplateColumns: "repeat(auto-fill, minmax(200px, 1fr))", gridTemplateRows: "", gridAutoFlow: "row" };
}

export class GridBoxView extends BaseView {
  createElement() {
    return h("div");
  }

  render(props, has) {
    if (has("children")) renderChildren(this.ctx, this.el, props.children);
    if (has("ncols") || has("nrows")) Object.assign(this.el.style, gridStyle(props.ncols, props.nrows));
    if (has("scroll")) applyScroll(this.el, props.scroll);
  }
}
