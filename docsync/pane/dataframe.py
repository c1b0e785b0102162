"""``DataFrame``: a pandas frame shown one page at a time, sorted and paged on the server."""

from __future__ import annotations

import math
import sys
from typing import Any

import param

from docsync.core.model import JSON
from docsync.core.params import Integer
from docsync.exceptions import Invalid
from docsync.pane.base import PaneBase, set_computed
from docsync.pane.frame import SortedOrders, SortKey, fields_of, page_cells

__all__ = ["DataFrame", "is_frame"]

_DIRECTIONS = {"asc": True, "desc": False}


def is_frame(obj: Any) -> bool:
    """Whether ``obj`` is a pandas DataFrame or Series (without importing pandas)."""
    if "pandas" not in sys.modules:  # then obj cannot be one
        return False
    import pandas as pd

    return isinstance(obj, (pd.DataFrame, pd.Series))


class DataFrame(PaneBase):
    """A pandas ``DataFrame`` (or ``Series``) as a table, one page at a time.

    Only the page shown is sent (``data``: its cells as text, the total row count, the page
    number). The browser asks for another page or order by writing ``page`` (1-based) and
    ``sort`` (a list of ``{"field": name, "dir": "asc" | "desc"}``, most significant
    first; a field is a column label, or the index's name, ``"index"`` when unnamed). The
    server sorts with pandas and keeps each sorted order, so paging a 1,000,000-row frame
    costs what one page costs; only a new sort key costs a sort. Values the browser sends
    are checked here: a page out of range or an unknown column is refused.

    The frame is read when ``object`` (or an option) is set; after changing a frame in
    place, assign ``object`` again (or call ``param.trigger("object")``).
    """

    _client_writable = frozenset({"page", "sort"})
    _wire_exclude = PaneBase._wire_exclude | {"object", "index", "na_rep", "float_format",
                                              "page_size"}

    object = param.Parameter(default=None, allow_refs=True,
                             doc="A pandas DataFrame or Series.")
    page_size = Integer(default=20, bounds=(1, None), doc="Rows per page.")
    page = Integer(default=1, bounds=(1, None), doc="The page shown, from 1.")
    sort = param.List(default=[], item_type=dict,
                      doc='The order: [{"field": name, "dir": "asc" | "desc"}, ...].')
    index = param.Boolean(default=True, doc="Show the index as the first column.")
    na_rep = param.String(default="NaN", doc="Text of missing values.")
    float_format = param.Callable(default=None, allow_None=True,
                                  doc="float -> text; default: up to 6 decimals.")
    fields = param.List(default=[], constant=True, doc="Computed: the columns shown.")
    data = param.Dict(default={}, constant=True,
                      doc="Computed: the page shown: rows, start, total, page, pages, sort.")

    def __init__(self, object: Any = None, **params: Any) -> None:
        self._source: Any = None
        self._orders: SortedOrders | None = None
        super().__init__(object=object, **params)

    # -- reading the frame ---------------------------------------------------------------

    def _take_object(self) -> None:
        obj = self.object
        if obj is not None and not is_frame(obj):
            raise ValueError(f"DataFrame shows a pandas DataFrame or Series, "
                             f"not {type(obj).__name__}")
        import pandas as pd

        frame = pd.DataFrame() if obj is None else obj
        if isinstance(frame, pd.Series):
            frame = frame.to_frame()
        self._source = obj
        self._orders = SortedOrders(frame)

    @property
    def _total(self) -> int:
        return 0 if self._orders is None else len(self._orders.frame)

    @property
    def _pages(self) -> int:
        return max(1, math.ceil(self._total / self.page_size))

    def _sort_key(self, sort: Any) -> SortKey:
        """``sort`` checked against the shown fields; raises ``ValueError`` saying why."""
        usage = 'sort must be a list of {"field": name, "dir": "asc" or "desc"}'
        if not isinstance(sort, list):
            raise ValueError(usage)
        fields = {f["name"]: f for f in self.fields}
        key: list[tuple[str, bool]] = []
        for entry in sort:
            if not isinstance(entry, dict) or set(entry) != {"field", "dir"}:
                raise ValueError(usage)
            name, direction = entry["field"], entry["dir"]
            if not isinstance(name, str) or name not in fields:
                raise ValueError(f"there is no column {name!r} to sort by")
            if not fields[name]["sortable"]:
                raise ValueError(f"{name!r} names more than one column: it cannot be sorted")
            if direction not in _DIRECTIONS:
                raise ValueError(f"sort direction must be 'asc' or 'desc', not {direction!r}")
            if any(name == k for k, _ in key):
                raise ValueError(f"column {name!r} is named twice in sort")
            key.append((name, _DIRECTIONS[direction]))
        return tuple(key)

    # -- what is sent ----------------------------------------------------------------------

    @param.depends("object", "index", watch=True, on_init=True)
    def _refresh_fields(self) -> None:
        if self._orders is None or self.object is not self._source:
            self._take_object()
        assert self._orders is not None
        fields = fields_of(self._orders.frame, index=self.index)
        set_computed(self, fields=fields)
        names = {f["name"] for f in fields if f["sortable"]}
        kept = [s for s in self.sort if isinstance(s, dict) and s.get("field") in names]
        if kept != self.sort:
            self.sort = kept  # a new frame without the sorted column: its own order
        else:
            self._refresh_page()

    @param.depends("page", "page_size", "sort", "na_rep", "float_format", watch=True)
    def _refresh_page(self) -> None:
        if self._orders is None or self.object is not self._source:
            self._refresh_fields()
            return
        if self.page > self._pages:
            self.page = self._pages  # the frame shrank: show its last page
            return
        key = self._sort_key(self.sort)
        start = (self.page - 1) * self.page_size
        rows = self._orders.page(key, start, start + self.page_size)
        cells = page_cells(rows, self.fields, na_rep=self.na_rep,
                           float_format=self.float_format)
        set_computed(self, data={
            "rows": cells, "start": start, "total": self._total, "page": self.page,
            "pages": self._pages, "sort": [dict(s) for s in self.sort],
        })

    # -- what the browser may send (PROTOCOL.md §5) -----------------------------------------

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if prop == "page":
            if type(value) is not int:
                raise Invalid(f"DataFrame page must be a whole number, not {value!r}")
            if not 1 <= value <= self._pages:
                raise Invalid(f"DataFrame page must be between 1 and {self._pages}, "
                              f"not {value}")
            return value
        if prop == "sort":
            try:
                key = self._sort_key(value)
                # Sorting here, before the value is accepted, refuses a column whose
                # values cannot be compared; the order is kept for the page to use.
                if self._orders is not None:
                    self._orders.order(key)
            except ValueError as exc:
                raise Invalid(f"DataFrame: {exc}") from None
            return [{"field": name, "dir": "asc" if asc else "desc"} for name, asc in key]
        return super()._coerce_client_value(prop, value)
