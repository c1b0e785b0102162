/**
 * The DOM side of the `Tabulator` view, in the separate table bundle (tabulator.js): one
 * Tabulator instance drawing the rows the server sent (`data`), with the server's columns
 * (`fields`). The browser asks, the server decides (PROTOCOL.md §5): a header click writes
 * `sorters`, a header filter `filters`, a pager button or Tabulator's local pager `page`, a
 * row pick `selection`; an edited cell sends an `edit` event and a clicked cell a `click`
 * event (once the app listens). Sorting and filtering are the server's: the columns' sorter
 * and filter keep the order and rows sent.
 *
 * Keyboard: editable cells are in the tab order (focus edits; Enter commits, Escape
 * cancels); a sortable header is a button (Enter or Space sorts); rows that can be selected
 * take focus one at a time (arrow keys move, Space or Enter selects; Ctrl adds); with
 * `selectable="checkbox"` each row has a real checkbox. The table is a `grid` named by the
 * widget's `name`.
 */

import { POSITION, columnDefinitions, filtersFromTable, nextSelection, orderFrozen, rowChanges, rowObject, rowObjects, safeUrl, sortersFromTable, sortersToTable, toggleAll } from "./config.js";
import { pagerText } from "../views/dataframe.js";
import { h } from "../views/base.js";

const LAYOUTS = { fit_data: "fitData", fit_data_fill: "fitDataFill", fit_data_stretch: "fitDataStretch", fit_data_table: "fitDataTable", fit_columns: "fitColumns" };
/** Props that shape the table itself: a change rebuilds it. */
const STRUCTURE = ["fields", "disabled", "pagination", "page_size", "layout", "selectable"];

const same = (a, b) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/** A link formatter that refuses unsafe URLs (Tabulator's would accept `javascript:`). */
function safeLink(cell, params) {
  const value = cell.getValue();
  if (value === null || value === undefined || value === "") return "";
  const href = `${params.urlPrefix ?? ""}${value}`;
  if (!safeUrl(href)) return document.createTextNode(String(value));
  return h("a", { href, target: params.target ?? "_blank", rel: "noopener noreferrer", textContent: params.label ?? String(value) });
}

export class TableController {
  constructor({ el, ctx, id, props, Tabulator }) {
    this.el = el;
    this.ctx = ctx;
    this.id = id;
    this.Tabulator = Tabulator;
    this.props = props;
    this.table = null;
    this.anchor = null;
    this.host = h("div", { className: "docsync-tabulator-host" });
    this.pager = this._makePager();
    el.replaceChildren(this.host, this.pager);
    el.addEventListener("keydown", (event) => this._onKey(event));
    this._build();
  }

  /** Re-render after the server changed `props` (`has(name)`: whether `name` changed). */
  update(props, has) {
    const before = this.props;
    this.props = props;
    if (STRUCTURE.some(has) || !this.table) {
      this._build();
      return;
    }
    if (has("name")) this._label();
    if (has("data")) this._applyRows(before.data, props.data);
    if (has("sorters") && !same(sortersFromTable(this.table.getSorters(), this._fields()), props.sorters)) this.table.setSort(sortersToTable(props.sorters, this._fields()));
    if (has("selection") || has("data")) this._styleRows();
    if (has("page") && props.pagination === "local" && this.table.getPage() !== props.page) this.table.setPage(props.page);
    this._renderPager();
  }

  /** Show the server's values again after it refused an edit (PROTOCOL.md §5). */
  restore() {
    this._build();
  }

  destroy() {
    this.table?.destroy();
    this.table = null;
  }

  _fields() {
    return Array.isArray(this.props.fields) ? this.props.fields : [];
  }

  _data() {
    return this.props.data && typeof this.props.data === "object" ? this.props.data : {};
  }

  _selection() {
    return Array.isArray(this.props.selection) ? this.props.selection : [];
  }

  _mode() {
    return this.props.selectable ?? true;
  }

  _checkboxes() {
    return this._mode() === "checkbox" || this._mode() === "checkbox-single";
  }

  _build() {
    this.table?.destroy();
    const fields = this._fields();
    const props = this.props;
    let columns = orderFrozen(columnDefinitions(fields, { disabled: props.disabled === true, linkFormatter: safeLink }), fields);
    if (this._checkboxes()) columns = [this._checkboxColumn(), ...columns];
    const local = props.pagination === "local";
    const table = new this.Tabulator(this.host, {
      data: rowObjects(props.data, fields),
      index: POSITION,
      columns,
      layout: LAYOUTS[props.layout] ?? "fitDataTable",
      initialSort: sortersToTable(props.sorters, fields),
      initialHeaderFilter: (props.filters ?? []).map((f) => ({ field: fields.find((c) => c.name === f.field)?.key, value: f.value })).filter((f) => f.field),
      pagination: local,
      paginationMode: "local",
      paginationSize: props.page_size ?? 20,
      paginationInitialPage: local ? props.page ?? 1 : 1,
      paginationCounter: local ? "rows" : false,
      rowFormatter: (row) => this._styleRow(row),
      placeholder: "No rows",
    });
    this.table = table;
    this.built = false;
    table.on("tableBuilt", () => {
      this.built = true;
      this._label();
      this._headerKeys();
      this._styleRows();
    });
    table.on("dataSorted", (sorters) => {
      if (!this.built) return;
      const wanted = sortersFromTable(sorters, this._fields());
      if (!same(wanted, this.props.sorters)) this._ask("sorters", wanted);
    });
    table.on("dataFiltered", () => {
      if (!this.built) return;
      const wanted = filtersFromTable(table.getHeaderFilters(), this._fields());
      if (!same(wanted, this.props.filters)) this._ask("filters", wanted);
    });
    table.on("pageLoaded", (page) => {
      if (this.built && local && page !== this.props.page) this.ctx.edit(this.id, "page", page);
    });
    table.on("cellEdited", (cell) => this._edited(cell));
    table.on("cellClick", (event, cell) => this._clicked(event, cell));
    table.on("renderComplete", () => this._headerKeys());
    this._renderPager();
  }

  _label() {
    const grid = this.host.matches('[role="grid"]') ? this.host : this.host.querySelector('[role="grid"]');
    (grid ?? this.host).setAttribute("aria-label", this.props.name || "Table");
  }

  /** A sortable header is a button for the keyboard too: Enter or Space sorts as a click. */
  _headerKeys() {
    for (const header of this.host.querySelectorAll(".tabulator-col.tabulator-sortable")) {
      if ("docsyncKeys" in header.dataset) continue;
      header.dataset.docsyncKeys = "";
      header.tabIndex = 0;
      header.addEventListener("keydown", (event) => {
        if (event.target !== header || (event.key !== "Enter" && event.key !== " ")) return;
        event.preventDefault();
        (header.querySelector(".tabulator-col-content") ?? header).click();
      });
    }
  }

  /** Until the server answers a request the grid says it is busy. */
  _ask(prop, value) {
    this.host.setAttribute("aria-busy", "true");
    this.ctx.edit(this.id, prop, value);
  }

  _applyRows(before, after) {
    const fields = this._fields();
    this.host.removeAttribute("aria-busy");
    const change = rowChanges(before?.rows, after?.rows);
    if (change.kind === "same") return;
    const objects = change.rows.map((row) => rowObject(row, fields));
    if (change.kind === "update") this.table.updateData(objects);
    else if (change.kind === "append") this.table.addData(objects, false);
    else this.table.replaceData(objects);
  }

  _edited(cell) {
    const field = this._fields().find((f) => f.key === cell.getField());
    if (!field) return;
    let value = cell.getValue();
    if (field.editor?.type === "number" && (value === "" || value === undefined)) value = null;
    this.ctx.event(this.id, "edit", { row: cell.getRow().getData()[POSITION], column: field.name, value });
  }

  _clicked(event, cell) {
    const field = this._fields().find((f) => f.key === cell.getField());
    const row = cell.getRow().getData()[POSITION];
    if (field && this.props.clickable) this.ctx.event(this.id, "click", { row, column: field.name });
    if (field && !this._checkboxes() && !field.editor) this._pick(row, event);
  }

  _pick(position, event) {
    const mode = this._mode();
    if (mode === false) return;
    const order = this._shownPositions();
    const next = nextSelection(this._selection(), position, { mode, ctrl: event.ctrlKey || event.metaKey, shift: event.shiftKey, anchor: this.anchor, order });
    if (!event.shiftKey) this.anchor = position;
    this._select(next);
  }

  _select(next) {
    if (same(next, this._selection())) return;
    this.ctx.edit(this.id, "selection", next);
    this.props = { ...this.props, selection: next }; // shown at once; the server may refuse
    this._styleRows();
  }

  _shownPositions() {
    return (this._data().rows ?? []).map((row) => row[0]);
  }

  _styleRow(row) {
    const el = row.getElement();
    const position = row.getData()[POSITION];
    const selected = this._selection().includes(position);
    el.classList.toggle("docsync-tabulator-selected", selected);
    el.setAttribute("aria-selected", String(selected));
    el.dataset.position = String(position);
    if (this._mode() !== false && !this._checkboxes() && !el.hasAttribute("tabindex")) el.tabIndex = -1;
    const box = el.querySelector("input.docsync-tabulator-check");
    if (box) box.checked = selected;
  }

  _styleRows() {
    if (!this.table || !this.built) return;
    for (const row of this.table.getRows()) this._styleRow(row);
    const rows = this.host.querySelectorAll(".tabulator-row[tabindex]");
    if (rows.length && ![...rows].some((r) => r.tabIndex === 0)) rows[0].tabIndex = 0; // one tab stop
    const all = this.host.querySelector("input.docsync-tabulator-check-all");
    if (all) {
      const shown = this._shownPositions();
      all.checked = shown.length > 0 && shown.every((p) => this._selection().includes(p));
    }
  }

  _checkboxColumn() {
    const box = (label, className, onChange) => {
      const input = h("input", { type: "checkbox", className, "aria-label": label });
      input.addEventListener("click", (event) => event.stopPropagation());
      input.addEventListener("change", onChange);
      return input;
    };
    return {
      title: "",
      field: "_select",
      headerSort: false,
      hozAlign: "center",
      width: 44,
      frozen: this._fields().some((f) => f.frozen === "left"),
      titleFormatter: () =>
        this._mode() === "checkbox-single" ? "" : box("Select every row shown", "docsync-tabulator-check-all", () => this._select(toggleAll(this._selection(), this._shownPositions()))),
      formatter: (cell) => {
        const position = cell.getRow().getData()[POSITION];
        const input = box(`Select row ${position}`, "docsync-tabulator-check", () => this._select(nextSelection(this._selection(), position, { mode: "toggle" })));
        input.checked = this._selection().includes(position);
        return input;
      },
    };
  }

  _onKey(event) {
    const row = event.target.closest?.(".tabulator-row");
    if (!row || event.target !== row) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const next = event.key === "ArrowDown" ? row.nextElementSibling : row.previousElementSibling;
      if (next?.classList.contains("tabulator-row")) {
        event.preventDefault();
        row.tabIndex = -1;
        next.tabIndex = 0;
        next.focus();
      }
    } else if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      const position = Number(row.dataset.position);
      if (Number.isInteger(position)) this._pick(position, event);
    }
  }

  _makePager() {
    const button = (label, text, page) => {
      const b = h("button", { type: "button", className: "docsync-pager-button", "aria-label": label, textContent: text });
      b.addEventListener("click", () => this._goTo(page()));
      return b;
    };
    const current = () => this.props.page ?? 1;
    const pages = () => this._data().pages ?? 1;
    this.status = h("span", { className: "docsync-pager-status", "aria-live": "polite" });
    this.buttons = [button("First page", "«", () => 1), button("Previous page", "‹", () => current() - 1), button("Next page", "›", () => current() + 1), button("Last page", "»", pages)];
    const [first, prev, next, last] = this.buttons;
    return h("div", { className: "docsync-pager", role: "group", "aria-label": "Pages" }, first, prev, this.status, next, last);
  }

  _goTo(page) {
    const target = Math.min(Math.max(1, page), this._data().pages ?? 1);
    if (target === this.props.page) return;
    this._ask("page", target);
  }

  _renderPager() {
    const remote = this.props.pagination === "remote";
    this.pager.hidden = !remote;
    if (!remote) return;
    const page = this.props.page ?? 1;
    const pages = this._data().pages ?? 1;
    this.status.textContent = pagerText(this._data());
    const [first, prev, next, last] = this.buttons;
    first.disabled = prev.disabled = page <= 1;
    next.disabled = last.disabled = page >= pages;
  }
}
