/**
 * Pure parts of the Tabulator view (no DOM, no Tabulator): the column definitions built from
 * the server's `fields`, the rows as Tabulator data, which rows changed between two `data`
 * props, the `sorters`/`filters` the browser asks for, and the next `selection` after a
 * click or key. The server checks everything the browser sends (PROTOCOL.md §5); these only
 * shape the requests.
 */

/** The row field holding a row's position in the server's frame (what events name). */
export const POSITION = "_pos";

const SAFE_URL = /^(https?:|mailto:|[^:]*$)/i;

/** Whether `url` may be a link's `href`: http(s), mailto, or relative (no `javascript:`). */
export function safeUrl(url) {
  return typeof url === "string" && SAFE_URL.test(url.trim());
}

/** The rows of `data` (`[position, cell...]` lists) as Tabulator row objects. */
export function rowObjects(data, fields) {
  const rows = Array.isArray(data?.rows) ? data.rows : [];
  return rows.map((row) => rowObject(row, fields));
}

/** One row (`[position, cell...]`) as a Tabulator row object keyed by the fields' keys. */
export function rowObject(row, fields) {
  const out = { [POSITION]: row[0] };
  fields.forEach((field, i) => {
    out[field.key] = row[i + 1];
  });
  return out;
}

/**
 * How the shown rows go from `before` to `after` (two `data.rows` arrays): `same`,
 * `update` (same rows in the same order, `rows` changed), `append` (`rows` added at the end)
 * or `replace`. Rows the server did not change keep their identity (patch.js copies only the
 * paths it changes), so this compares references, not contents.
 */
export function rowChanges(before, after) {
  if (!Array.isArray(before) || !Array.isArray(after)) return { kind: "replace", rows: after ?? [] };
  if (before === after) return { kind: "same", rows: [] };
  const common = Math.min(before.length, after.length);
  const changed = [];
  for (let i = 0; i < common; i++) {
    if (before[i] === after[i]) continue;
    if (!Array.isArray(before[i]) || !Array.isArray(after[i]) || before[i][0] !== after[i][0]) return { kind: "replace", rows: after };
    changed.push(after[i]);
  }
  if (after.length < before.length) return { kind: "replace", rows: after };
  if (after.length > before.length) {
    if (changed.length > 0) return { kind: "replace", rows: after };
    return { kind: "append", rows: after.slice(before.length) };
  }
  return changed.length ? { kind: "update", rows: changed } : { kind: "same", rows: [] };
}

/** Tabulator's `sorters` list (`[{field: key, dir}]`) as the server's (`[{field: name, dir}]`). */
export function sortersFromTable(sorters, fields) {
  const byKey = new Map(fields.map((f) => [f.key, f.name]));
  return (sorters ?? []).filter((s) => byKey.has(s.field)).map((s) => ({ field: byKey.get(s.field), dir: s.dir === "desc" ? "desc" : "asc" }));
}

/** The server's `sorters` as Tabulator's `setSort` list (`[{column: key, dir}]`). */
export function sortersToTable(sorters, fields) {
  const byName = new Map(fields.map((f) => [f.name, f.key]));
  return (Array.isArray(sorters) ? sorters : []).filter((s) => byName.has(s?.field)).map((s) => ({ column: byName.get(s.field), dir: s.dir }));
}

const emptyFilter = (value) => value === undefined || value === null || value === "";

/**
 * Tabulator's header filter values (`[{field: key, value}]`) as the server's `filters`
 * (`[{field: name, type, value}]`, the comparison each column's filter makes). A number
 * typed into a number filter is sent as a number; empty filters are left out.
 */
export function filtersFromTable(headerFilters, fields) {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const out = [];
  for (const { field: key, value } of headerFilters ?? []) {
    const field = byKey.get(key);
    if (!field?.filter || emptyFilter(value)) continue;
    let v = value;
    if (field.filter.type === "number" && typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) v = Number(v);
    out.push({ field: field.name, type: field.filter.func, value: v });
  }
  return out;
}

const ALIGN = new Set(["left", "center", "right"]);
const NUMERIC = new Set(["int", "float"]);

/** Tabulator's formatter and params for a field's `formatter` spec (`link` is ours: safe URLs). */
export function formatterOf(field, linkFormatter) {
  const spec = field.formatter;
  if (!spec) return {};
  if (spec.type === "link") return { formatter: linkFormatter, formatterParams: { ...spec.params } };
  return { formatter: spec.type, formatterParams: { ...spec.params } };
}

/** Tabulator's editor options for a field, or none when it is read-only (or `disabled`). */
export function editorOf(field, disabled) {
  const spec = field.editor;
  if (!spec || disabled || field.index) return {};
  const params = { ...spec.params };
  if (spec.type === "list") return { editor: "list", editorParams: { values: params.values ?? [] } };
  if (spec.type === "number") return { editor: "number", editorParams: { ...params, selectContents: true } };
  if (spec.type === "input" || spec.type === "textarea") return { editor: spec.type, editorParams: { selectContents: true } };
  return { editor: spec.type, editorParams: params };
}

/** Tabulator's header filter options for a field: the input; the filtering is the server's. */
export function headerFilterOf(field) {
  const spec = field.filter;
  if (!spec) return {};
  const keep = () => true; // rows come filtered from the server
  // Text and numbers apply on Enter or leaving the field, not after a typing pause: each
  // request filters the whole frame on the server.
  const params = spec.type === "list" ? { values: spec.values ?? [], clearable: true } : spec.type === "tickCross" ? { tristate: true } : {};
  return { headerFilter: spec.type, headerFilterParams: params, headerFilterFunc: keep, headerFilterPlaceholder: `Filter ${field.label || field.name}`, headerFilterLiveFilter: spec.type === "list" || spec.type === "tickCross" };
}

/**
 * Tabulator column definitions for the server's `fields` (docsync/table/columns.py). The
 * sorter keeps the order the server sent (sorting is the server's); frozen columns keep
 * their side; the index column is a row header.
 */
export function columnDefinitions(fields, { disabled = false, linkFormatter = "plaintext" } = {}) {
  return fields.map((field) => {
    const def = {
      title: field.label || (field.index ? "" : field.name),
      field: field.key,
      headerSort: Boolean(field.sortable),
      headerSortTristate: true,
      sorter: () => 0,
      ...editorOf(field, disabled),
      ...formatterOf(field, linkFormatter),
      ...headerFilterOf(field),
    };
    if (field.index) def.cssClass = "docsync-tabulator-index";
    if (typeof field.width === "number") def.width = field.width;
    else if (typeof field.width === "string" && field.width) def.width = field.width;
    if (field.frozen === "left" || field.frozen === "right") def.frozen = true;
    const align = ALIGN.has(field.align) ? field.align : NUMERIC.has(field.kind) ? "right" : undefined;
    if (align) def.hozAlign = align;
    return def;
  });
}

/**
 * Frozen columns on the right must come last for Tabulator to freeze them there: the
 * definitions in shown order, those frozen right moved to the end.
 */
export function orderFrozen(defs, fields) {
  const right = new Set(fields.filter((f) => f.frozen === "right").map((f) => f.key));
  const left = new Set(fields.filter((f) => f.frozen === "left").map((f) => f.key));
  return [...defs.filter((d) => left.has(d.field)), ...defs.filter((d) => !left.has(d.field) && !right.has(d.field)), ...defs.filter((d) => right.has(d.field))];
}

/**
 * The `selection` after the user picks the row at `position` (a click, or Space on a
 * focused row), by `selectable` mode: `true`/a number (a plain pick selects that row
 * alone; Ctrl/Cmd adds or removes it; Shift selects the range from `anchor` in the shown
 * `order`), `"toggle"`/`"checkbox"`/`"checkbox-single"` (each pick toggles), `false`
 * (nothing). A number caps the count: the oldest picks give way.
 */
export function nextSelection(selection, position, { mode = true, ctrl = false, shift = false, anchor = null, order = [] } = {}) {
  const current = Array.isArray(selection) ? selection : [];
  if (mode === false) return current;
  let next;
  const has = current.includes(position);
  if (mode === "toggle" || mode === "checkbox" || mode === "checkbox-single" || ctrl) {
    next = has ? current.filter((p) => p !== position) : [...current, position];
  } else if (shift && anchor !== null && order.includes(anchor) && order.includes(position)) {
    const [a, b] = [order.indexOf(anchor), order.indexOf(position)].sort((x, y) => x - y);
    next = order.slice(a, b + 1);
  } else {
    next = has && current.length === 1 ? [] : [position];
  }
  if (typeof mode === "number" && next.length > mode) next = next.slice(next.length - mode);
  return next;
}

/** The `selection` after the header checkbox: every shown row, or none. */
export function toggleAll(selection, shown) {
  const current = new Set(Array.isArray(selection) ? selection : []);
  const all = shown.length > 0 && shown.every((p) => current.has(p));
  if (all) return [...current].filter((p) => !shown.includes(p));
  return [...current, ...shown.filter((p) => !current.has(p))];
}
