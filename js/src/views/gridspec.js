/**
 * `GridSpec`: a CSS grid of `nrows` × `ncols` equal tracks; `children` is a list of
 * `{child: ref, row, col, row_span, col_span}` (0-based), each child in a cell of that
 * region, filling it.
 */

import { BaseView, h } from "./base.js";

const count = (n) => (Number.isInteger(n) && n > 0 ? n : 0);

/** The CSS grid placement of a child region, or null when it is malformed. */
export function cellPlacement(item) {
  if (!item || typeof item !== "object") return null;
  const { row, col, row_span: rowSpan, col_span: colSpan } = item;
  if (![row, col].every((v) => Number.isInteger(v) && v >= 0) || ![rowSpan, colSpan].every((v) => Number.isInteger(v) && v > 0)) return null;
  return { gridRow: `${row + 1} / span ${rowSpan}`, gridColumn: `${col + 1} / span ${colSpan}` };
}

export class GridSpecView extends BaseView {
  createElement() {
    return h("div");
  }

  render(props, has) {
    if (has("nrows") || has("ncols")) {
      this.el.style.gridTemplateRows = count(props.nrows) ? `repeat(${count(props.nrows)}, minmax(0, 1fr))` : "";
      this.el.style.gridTemplateColumns = count(props.ncols) ? `repeat(${count(props.ncols)}, minmax(0, 1fr))` : "";
    }
    if (has("children")) {
      const items = Array.isArray(props.children) ? props.children : [];
      const cells = [];
      for (const item of items) {
        const place = cellPlacement(item);
        if (place === null || !item.child) continue;
        const cell = h("div", { className: "docsync-gridspec-cell" }, this.ctx.child(item.child));
        Object.assign(cell.style, place);
        cells.push(cell);
      }
      this.el.replaceChildren(...cells);
    }
  }
}
