"""``Tabulator``: Panel's interactive table over a pandas DataFrame, paged, sorted, filtered,
selected and edited in the browser, checked on the server.

Wire form (PROTOCOL.md §3, §5): the server sends ``fields`` (the shown columns,
:class:`docsync.table.columns.Column`) and ``data`` (``rows``: ``[position, cell...]`` lists,
``start``, ``total``, ``page`` (remote only), ``pages``). With ``pagination="remote"`` the
rows are one page; otherwise every row that passes the filters, in sort order, and the
browser pages them. Sorting and filtering always happen here, with pandas (the browser
only asks), so the rows the browser shows are the rows :attr:`current_view` gives. The
browser writes ``page``, ``sorters``, ``filters`` and ``selection``, and sends ``edit``
and ``click`` events; each is checked here and refused with code ``invalid`` otherwise.

``data`` is a diffed prop (``Model._diffed_props``): when ``stream`` appends rows or
``patch`` or an edit changes a few, the patch sent holds only those rows.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import param

from docsync.core.model import JSON
from docsync.core.params import Integer
from docsync.pane.base import set_computed
from docsync.pane.dataframe import is_frame
from docsync.pane.frame import SortedOrders, SortKey
from docsync.table.cells import coerce_edit, coerce_filter, filter_mask, python_value, rows_json
from docsync.table.columns import Column, columns_of
from docsync.table.events import CellClickEvent, TableEditEvent
from docsync.table.updates import patch_cells, streamed
from docsync.widgets.base import Widget

__all__ = ["Tabulator"]

#: Above these row counts, a table without an explicit ``pagination`` pages (Panel's rule).
LOCAL_ABOVE, REMOTE_ABOVE = 200, 10_000

#: Panel Tabulator options docsync does not have, with what to do instead.
_UNSUPPORTED = {
    "theme": "the table follows the page's light or dark theme; style it with css_classes",
    "theme_classes": "use css_classes",
    "row_content": "show details of the selected row in a separate pane bound to selection",
    "embed_content": "row_content is not supported",
    "expanded": "row_content is not supported",
    "groupby": "group the DataFrame with pandas before showing it",
    "groups": "column groups are not supported",
    "hierarchical": "show a flat frame (reset_index())",
    "aggregators": "hierarchical tables are not supported",
    "buttons": "use on_click(callback, column=...) on a column",
    "configuration": "docsync sends no raw Tabulator configuration",
    "frozen_rows": "frozen rows are not supported",
    "header_align": "use text_align",
    "header_tooltips": "use titles",
    "movable_columns": "columns keep the frame's order",
    "row_height": "rows take the height of their text",
    "title_formatters": "use titles",
    "initial_page_size": "use page_size",
}

_DIRECTIONS = {"asc": True, "desc": False}
_SELECT_MODES = ("checkbox", "checkbox-single", "toggle")


class Tabulator(Widget):
    """An interactive table of a pandas ``DataFrame`` (``value``), with Panel's arguments.

    - ``pagination``: None (every row sent), ``"local"`` (every row sent, the browser
      pages) or ``"remote"`` (one page sent: a 1,000,000-row frame costs a page). Without an
      explicit value, a frame over 200 rows pages locally and one over 10,000 remotely.
    - ``selection``: positions of the selected rows in ``value`` (``value.iloc[...]``).
      ``selectable``: True (click, Ctrl/Shift-click), False, ``"checkbox"``,
      ``"checkbox-single"``, ``"toggle"`` or a maximum count; ``selectable_rows(df)`` may
      return the positions that can be selected.
    - Cells are edited with the column's editor (``editors``: a Tabulator editor name or
      ``{"type": name, **params}``, None for read-only; defaults follow the dtype); each
      edit is checked against the column's dtype and editor, stored in ``value`` (in
      place, as Panel does) and reported to ``on_edit`` callbacks.
    - ``formatters``, ``header_filters``, ``frozen_columns``, ``hidden_columns``,
      ``widths``, ``titles``, ``text_align``, ``sortable`` and ``show_index`` shape the
      columns (see :mod:`docsync.table.columns`).

    After changing ``value`` in place, call ``param.trigger("value")`` (or use
    :meth:`patch` and :meth:`stream`, which do).
    """

    _client_writable = frozenset({"page", "sorters", "filters", "selection"})
    _events = frozenset({"edit", "click"})
    _diffed_props = frozenset({"data"})
    _wire_exclude = Widget._wire_exclude | frozenset({
        "value", "editors", "formatters", "header_filters", "hidden_columns",
        "frozen_columns", "widths", "titles", "text_align", "sortable", "show_index",
        "selectable_rows"})

    value = param.Parameter(default=None, doc="The pandas DataFrame shown.")
    pagination: param.Selector[Any] = param.Selector(
        default=None, objects=[None, "local", "remote"], allow_None=True)
    page = Integer(default=1, bounds=(1, None), doc="The page shown, from 1.")
    page_size = Integer(default=20, bounds=(1, None), doc="Rows per page.")
    sorters = param.List(default=[], item_type=dict,
                         doc='The order: [{"field": name, "dir": "asc" | "desc"}, ...].')
    filters = param.List(default=[], item_type=dict,
                         doc='Header filters: [{"field": name, "type": op, "value": v}].')
    selection = param.List(default=[], item_type=int, doc="Positions of selected rows.")
    selectable = param.ClassSelector(default=True, class_=(bool, str, int))
    selectable_rows = param.Callable(default=None, allow_None=True,
                                     doc="df -> positions of the rows that can be selected.")
    show_index = param.Boolean(default=True)
    editors = param.Dict(default={})
    formatters = param.Dict(default={})
    header_filters = param.ClassSelector(default=False, class_=(bool, dict))
    frozen_columns = param.ClassSelector(default=[], class_=(list, dict))
    hidden_columns = param.List(default=[], item_type=str)
    widths = param.ClassSelector(default={}, class_=(dict, int))
    titles = param.Dict(default={})
    text_align = param.ClassSelector(default={}, class_=(dict, str))
    sortable = param.ClassSelector(default=True, class_=(bool, dict))
    layout: param.Selector[Any] = param.Selector(default="fit_data_table", objects=[
        "fit_data", "fit_data_fill", "fit_data_stretch", "fit_data_table", "fit_columns"])
    fields = param.List(default=[], constant=True, doc="Computed: the columns shown.")
    data = param.Dict(default={}, constant=True, doc="Computed: the rows shown.")
    clickable = param.Boolean(default=False, constant=True,
                              doc="Computed: whether clicks are sent (on_click was called).")

    def __init__(self, value: Any = None, **params: Any) -> None:
        for name in params.keys() & _UNSUPPORTED.keys():
            raise TypeError(f"Tabulator({name}=...) is not supported by docsync: "
                            f"{_UNSUPPORTED[name]} (see README, 'Coming from Panel')")
        on_edit, on_click = params.pop("on_edit", None), params.pop("on_click", None)
        self._orders: SortedOrders | None = None
        self._view: tuple[Any, Any] | None = None  # (key, positions or None)
        self._edit_callbacks: list[Callable[[TableEditEvent], Any]] = []
        self._click_callbacks: list[tuple[str | None, Callable[[CellClickEvent], Any]]] = []
        self._explicit_pagination = "pagination" in params
        super().__init__(value=value, **params)
        if on_edit is not None:
            self.on_edit(on_edit)
        if on_click is not None:
            self.on_click(on_click)

    # -- Python API (Panel's) ----------------------------------------------------------------

    def on_edit(self, callback: Callable[[TableEditEvent], Any]) -> None:
        """Call ``callback(TableEditEvent)`` after each cell edit the browser makes."""
        self._edit_callbacks.append(callback)

    def on_click(self, callback: Callable[[CellClickEvent], Any],
                 column: str | None = None) -> None:
        """Call ``callback(CellClickEvent)`` when a cell (of ``column``, if given) is
        clicked. The page sends clicks only once a callback is registered."""
        if column is not None and column not in {c["name"] for c in self.fields}:
            raise ValueError(f"on_click: there is no column {column!r}")
        self._click_callbacks.append((column, callback))
        set_computed(self, clickable=True)

    @property
    def current_view(self) -> Any:
        """``value`` filtered and sorted as the browser shows it (every page)."""
        positions = self._positions()
        frame = self._frame()
        return frame if positions is None else frame.iloc[positions]

    @property
    def selected_dataframe(self) -> Any:
        """The selected rows of ``value``."""
        return self._frame().iloc[list(self.selection)]

    def stream(self, stream_value: Any, rollover: int | None = None,
               reset_index: bool = True, follow: bool = True) -> None:
        """Append rows (a DataFrame, a Series for one row, or a dict of columns or of one
        row's values) to ``value``; keep only the last ``rollover`` rows if given. With
        ``follow``, show the last page. Only the new rows are sent, unless rows rolled
        over (then every shown row moved, and all are sent)."""
        self.value = streamed(self._frame(), stream_value, rollover=rollover,
                              reset_index=reset_index)
        if follow:
            self.page = self._pages()

    def patch(self, patch_value: Any, as_index: bool = True) -> None:
        """Change cells of ``value`` in place: ``{column: [(row, value), ...]}`` (a row is
        an index label with ``as_index``, else a position; a ``slice`` takes a list of
        values), a DataFrame (its columns and index name the cells) or a named Series (one
        column). Only the changed rows are sent."""
        patch_cells(self._frame(), patch_value, as_index=as_index)
        self._changed_in_place()

    # -- the rows shown ----------------------------------------------------------------------

    def _frame(self) -> Any:
        import pandas as pd

        return pd.DataFrame() if self.value is None else self.value

    def _changed_in_place(self) -> None:
        self._orders = None
        self._view = None
        self.param.trigger("value")

    @param.depends("value", watch=True, on_init=True)
    def _take_value(self) -> None:
        import pandas as pd

        if self.value is not None and not (is_frame(self.value)
                                           and isinstance(self.value, pd.DataFrame)):
            raise ValueError(f"Tabulator shows a pandas DataFrame, not "
                             f"{type(self.value).__name__}")
        self._orders = None
        self._view = None
        rows = len(self._frame())
        if not self._explicit_pagination:
            with param.parameterized.discard_events(self):
                self.pagination = ("remote" if rows > REMOTE_ABOVE
                                   else "local" if rows > LOCAL_ABOVE else None)
        kept = [p for p in self.selection if p < rows]
        if kept != self.selection:
            self.selection = kept

    @param.depends("pagination", watch=True)
    def _pagination_set(self) -> None:
        self._explicit_pagination = True

    @param.depends("selectable", watch=True, on_init=True)
    def _check_selectable(self) -> None:
        mode = self.selectable
        if isinstance(mode, str) and mode not in _SELECT_MODES:
            raise ValueError(f"selectable must be True, False, a row count or one of "
                             f"{', '.join(map(repr, _SELECT_MODES))}, not {mode!r}")

    @param.depends("value", "show_index", "hidden_columns", "editors", "formatters",
                   "header_filters", "frozen_columns", "widths", "titles", "text_align",
                   "sortable", watch=True, on_init=True)
    def _refresh_fields(self) -> None:
        columns = columns_of(
            self._frame(), show_index=self.show_index, hidden=self.hidden_columns,
            editors=self.editors, formatters=self.formatters,
            header_filters=self.header_filters, frozen_columns=self.frozen_columns,
            widths=self.widths, titles=self.titles, text_align=self.text_align,
            sortable=self.sortable)
        set_computed(self, fields=columns)
        sortable = {c["name"] for c in columns if c["sortable"]}
        filterable = {c["name"] for c in columns if c["filter"] is not None}
        sorters = [s for s in self.sorters if s.get("field") in sortable]
        filters = [f for f in self.filters if f.get("field") in filterable]
        if sorters != self.sorters or filters != self.filters:
            self.param.update(sorters=sorters, filters=filters)  # refreshes the rows
        else:
            self._refresh_rows()

    def _column(self, name: Any) -> Column:
        columns: list[Column] = self.fields
        for column in columns:
            if column["name"] == name:
                return column
        raise ValueError(f"there is no column {name!r}")

    def _source(self, column: Column) -> tuple[int, Any]:
        """(position in ``value``'s columns or -1 for the index, dtype)."""
        frame = self._frame()
        if column["index"]:
            return -1, frame.index.dtype
        return column["source"], frame.dtypes.iloc[column["source"]]

    def _sort_key(self, sorters: Any) -> SortKey:
        usage = 'sorters must be a list of {"field": name, "dir": "asc" or "desc"}'
        if not isinstance(sorters, list):
            raise ValueError(usage)
        key: list[tuple[str, bool]] = []
        for entry in sorters:
            if not isinstance(entry, dict) or set(entry) != {"field", "dir"}:
                raise ValueError(usage)
            column = self._column(entry["field"])
            if not column["sortable"]:
                raise ValueError(f"column {column['name']!r} cannot be sorted")
            if entry["dir"] not in _DIRECTIONS:
                raise ValueError(f"sort direction must be 'asc' or 'desc', not {entry['dir']!r}")
            if any(column["name"] == k for k, _ in key):
                raise ValueError(f"column {column['name']!r} is named twice in sorters")
            key.append((column["name"], _DIRECTIONS[entry["dir"]]))
        return tuple(key)

    def _filter_key(self, filters: Any) -> tuple[tuple[Column, int, str, Any], ...]:
        usage = 'filters must be a list of {"field": name, "type": op, "value": v}'
        if not isinstance(filters, list):
            raise ValueError(usage)
        out = []
        for entry in filters:
            if not isinstance(entry, dict) or set(entry) != {"field", "type", "value"}:
                raise ValueError(usage)
            column = self._column(entry["field"])
            if column["filter"] is None:
                raise ValueError(f"column {column['name']!r} has no filter")
            position, dtype = self._source(column)
            value = coerce_filter(column, entry["type"], entry["value"], dtype)
            out.append((column, position, entry["type"], value))
        return tuple(out)

    def _positions(self) -> Any:
        """Positions (in ``value``) of the rows that pass the filters, in sort order; None
        when that is every row in the frame's order."""
        key = self._sort_key(self.sorters)
        filters = self._filter_key(self.filters)
        cache_key = (key, tuple((c["name"], op, repr(v)) for c, _, op, v in filters))
        if self._view is not None and self._view[0] == cache_key:
            return self._view[1]
        if self._orders is None:
            self._orders = SortedOrders(self._frame())
        order = self._orders.order(key)
        if filters:
            import numpy as np

            mask = filter_mask(self._frame(), filters)
            order = (np.flatnonzero(mask) if order is None else order[mask[order]])
        self._view = (cache_key, order)
        return order

    def _pages(self) -> int:
        positions = self._positions()
        total = len(self._frame()) if positions is None else len(positions)
        return max(1, math.ceil(total / self.page_size))

    @param.depends("page", watch=True)
    def _turn_page(self) -> None:
        # Only remote pages are cut here; otherwise the browser holds every row and pages
        # them itself (it writes ``page`` so that Python sees it).
        if self.pagination == "remote":
            self._refresh_rows()

    @param.depends("page_size", "pagination", "sorters", "filters", watch=True)
    def _refresh_rows(self) -> None:
        frame = self._frame()
        positions = self._positions()
        total = len(frame) if positions is None else len(positions)
        pages = max(1, math.ceil(total / self.page_size))
        if self.page > pages:
            self.page = pages  # the frame shrank or a filter hid rows: its last page
            return
        start, stop = 0, total
        if self.pagination == "remote":
            start = (self.page - 1) * self.page_size
            stop = min(total, start + self.page_size)
        shown = range(start, stop) if positions is None else positions[start:stop]
        cut = frame.iloc[start:stop] if positions is None else frame.iloc[shown]
        rows = rows_json(cut, shown, self.fields)
        remote = self.pagination == "remote"
        set_computed(self, data={"rows": rows, "start": start, "total": total,
                                 "page": self.page if remote else None, "pages": pages})

    # -- what the browser may send (PROTOCOL.md §5) -----------------------------------------

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        try:
            if prop == "page":
                pages = self._pages()
                if type(value) is not int or not 1 <= value <= pages:
                    raise ValueError(f"page must be a whole number from 1 to {pages}, "
                                     f"not {value!r}")
                return value
            if prop == "sorters":
                key = self._sort_key(value)
                if self._orders is not None:  # sort now: refuse values that do not compare
                    self._orders.order(key)
                return [{"field": n, "dir": "asc" if asc else "desc"} for n, asc in key]
            if prop == "filters":
                self._filter_key(value)
                return value
            if prop == "selection":
                return self._check_selection(value)
        except ValueError as exc:
            raise self._refuse(str(exc)) from None
        return super()._coerce_client_value(prop, value)

    def _check_selection(self, value: JSON) -> list[int]:
        rows = len(self._frame())
        if not isinstance(value, list) or not all(type(v) is int for v in value):
            raise ValueError(f"selection must be a list of row positions, not {value!r}")
        if len(set(value)) != len(value):
            raise ValueError("selection names a row twice")
        bad = [v for v in value if not 0 <= v < rows]
        if bad:
            raise ValueError(f"selection: row {bad[0]} is out of range (the table has "
                             f"{rows} rows, 0 to {rows - 1})")
        if self.selectable is False and value:
            raise ValueError("rows cannot be selected (selectable=False)")
        limit = self.selectable
        if type(limit) is int and len(value) > limit:
            raise ValueError(f"at most {limit} rows can be selected")
        if self.selectable_rows is not None:
            allowed = set(self.selectable_rows(self._frame()))
            refused = [v for v in value if v not in allowed]
            if refused:
                raise ValueError(f"row {refused[0]} cannot be selected")
        return value

    def _cell(self, data: JSON, keys: set[str]) -> tuple[int, Column]:
        if not isinstance(data, dict) or set(data) != keys:
            raise self._refuse(f"a cell event needs exactly {', '.join(sorted(keys))}")
        row, name = data["row"], data["column"]
        rows = len(self._frame())
        if type(row) is not int or not 0 <= row < rows:
            raise self._refuse(f"row {row!r} is out of range (the table has {rows} rows)")
        try:
            return row, self._column(name)
        except ValueError as exc:
            raise self._refuse(str(exc)) from None

    def _handle_event(self, name: str, data: JSON) -> None:
        if name == "edit":
            self._edit(data)
        elif name == "click":
            row, column = self._cell(data, {"row", "column"})
            position, _ = self._source(column)
            frame = self._frame()
            value = frame.index[row] if position < 0 else frame.iat[row, position]
            event = CellClickEvent(column=column["name"], row=row, value=python_value(value))
            for only, callback in list(self._click_callbacks):
                if only is None or only == column["name"]:
                    callback(event)

    def _edit(self, data: JSON) -> None:
        row, column = self._cell(data, {"row", "column", "value"})
        if self.disabled:
            raise self._refuse("the table is disabled: its cells cannot be edited")
        if column["editor"] is None:
            raise self._refuse(f"column {column['name']!r} is not editable")
        position, dtype = self._source(column)
        try:
            new = coerce_edit(column, data["value"], dtype)
        except ValueError as exc:
            raise self._refuse(str(exc)) from None
        frame = self._frame()
        old = python_value(frame.iat[row, position])
        frame.iat[row, position] = new
        self._changed_in_place()
        event = TableEditEvent(column=column["name"], row=row, value=new, old=old)
        for callback in list(self._edit_callbacks):
            callback(event)
