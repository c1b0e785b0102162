/**
 * `DataFrame`: one page of a pandas frame as a table, with a pager. The server sends the
 * page (`data`: `rows` of cell texts, `start`, `total`, `page`, `pages`, `sort`) and the
 * columns (`fields`); the view asks for another page or order by writing the
 * client-writable `page` (1-based) and `sort` (`[{field, dir}]`). A column header is a
 * button that sorts by it: ascending, descending, then unsorted (`aria-sort` on the
 * header). While the server works the table is `aria-busy`.
 */

import { BaseView, h } from "./base.js";

/** `sort` after a click on the header of `field`: ascending, then descending, then none. */
export function nextSort(sort, field) {
  const first = Array.isArray(sort) && sort.length > 0 ? sort[0] : null;
  if (!first || first.field !== field) return [{ field, dir: "asc" }];
  return first.dir === "asc" ? [{ field, dir: "desc" }] : [];
}

/** The `aria-sort` value of `field`'s header under `sort`. */
export function ariaSort(sort, field) {
  const entry = Array.isArray(sort) ? sort.find((s) => s && s.field === field) : undefined;
  if (!entry) return "none";
  return entry.dir === "desc" ? "descending" : "ascending";
}

const count = (n) => Number(n).toLocaleString();

/** The pager's status line, e.g. "Rows 21–40 of 1,000 · page 2 of 50". */
export function pagerText(data) {
  const total = Number.isInteger(data?.total) ? data.total : 0;
  const start = Number.isInteger(data?.start) ? data.start : 0;
  const shown = Array.isArray(data?.rows) ? data.rows.length : 0;
  const pages = Number.isInteger(data?.pages) ? data.pages : 1;
  const page = Number.isInteger(data?.page) ? data.page : 1;
  if (total === 0) return "No rows";
  return `Rows ${count(start + 1)}–${count(start + shown)} of ${count(total)} · page ${count(page)} of ${count(pages)}`;
}

const sameSort = (a, b) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

export class DataFrameView extends BaseView {
  createElement() {
    this.table = h("table", { className: "docsync-table" });
    this.head = h("thead");
    this.body = h("tbody");
    this.table.append(this.head, this.body);
    this.status = h("span", { className: "docsync-pager-status", "aria-live": "polite" });
    const button = (label, text, onClick) => {
      const b = h("button", { type: "button", className: "docsync-pager-button", "aria-label": label, textContent: text });
      b.addEventListener("click", onClick);
      return b;
    };
    this.first = button("First page", "«", () => this._goTo(1));
    this.prev = button("Previous page", "‹", () => this._goTo(this._page() - 1));
    this.next = button("Next page", "›", () => this._goTo(this._page() + 1));
    this.last = button("Last page", "»", () => this._goTo(this._pages()));
    this.pager = h("div", { className: "docsync-pager", role: "group", "aria-label": "Pages" }, this.first, this.prev, this.status, this.next, this.last);
    this.props = {};
    this.wanted = { page: null, sort: null };
    return h("div", {}, h("div", { className: "docsync-table-scroll" }, this.table), this.pager);
  }

  render(props, has) {
    this.props = props;
    if (has("page")) this.wanted.page = null;
    if (has("sort")) this.wanted.sort = null;
    if (has("fields") || has("data") || has("sort")) this._renderHead();
    if (has("fields") || has("data")) this._renderBody();
    this._renderPager();
  }

  _data() {
    return this.props.data && typeof this.props.data === "object" ? this.props.data : {};
  }

  _fields() {
    return Array.isArray(this.props.fields) ? this.props.fields : [];
  }

  _page() {
    return this.wanted.page ?? (Number.isInteger(this.props.page) ? this.props.page : 1);
  }

  _pages() {
    return Number.isInteger(this._data().pages) ? this._data().pages : 1;
  }

  _sort() {
    return this.wanted.sort ?? this.props.sort ?? [];
  }

  _goTo(page) {
    const target = Math.min(Math.max(1, page), this._pages());
    if (target === this._page()) return;
    this.wanted.page = target;
    this.ctx.edit(this.id, "page", target);
    this._renderPager();
  }

  _sortBy(field) {
    const sort = nextSort(this._sort(), field);
    this.wanted.sort = sort;
    this.ctx.edit(this.id, "sort", sort);
    this._renderHead();
    this._renderPager();
  }

  _renderHead() {
    const sort = this._sort();
    const cells = this._fields().map((field) => {
      const th = h("th", { scope: "col", className: field.numeric ? "docsync-num" : "" });
      const label = field.label || field.name;
      if (field.sortable) {
        th.setAttribute("aria-sort", ariaSort(sort, field.name));
        const button = h("button", { type: "button", className: "docsync-sort" }, h("span", { textContent: label }), h("span", { className: "docsync-sort-mark", "aria-hidden": "true" }));
        button.addEventListener("click", () => this._sortBy(field.name));
        th.append(button);
      } else {
        th.textContent = label;
      }
      return th;
    });
    this.head.replaceChildren(h("tr", { "aria-rowindex": "1" }, ...cells));
  }

  _renderBody() {
    const data = this._data();
    const fields = this._fields();
    const rows = Array.isArray(data.rows) ? data.rows : [];
    const start = Number.isInteger(data.start) ? data.start : 0;
    this.table.setAttribute("aria-rowcount", String((Number.isInteger(data.total) ? data.total : rows.length) + 1));
    this.body.replaceChildren(
      ...rows.map((row, r) =>
        h(
          "tr",
          { "aria-rowindex": String(start + r + 2) },
          ...row.map((text, c) => {
            const field = fields[c] ?? {};
            const cell = h(field.index ? "th" : "td", { textContent: text == null ? "" : String(text) });
            if (field.index) cell.scope = "row";
            if (field.numeric) cell.className = "docsync-num";
            return cell;
          }),
        ),
      ),
    );
  }

  _renderPager() {
    const data = this._data();
    const page = this._page();
    const pages = this._pages();
    this.status.textContent = pagerText(data);
    this.first.disabled = this.prev.disabled = page <= 1;
    this.next.disabled = this.last.disabled = page >= pages;
    const waiting = page !== data.page || !sameSort(this._sort(), data.sort);
    this.table.setAttribute("aria-busy", String(waiting));
  }
}
