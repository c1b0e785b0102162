"""The pandas side of the ``DataFrame`` pane: its fields, sorted row orders, page cells.

Pure functions of a frame (and a small cache object): no models, no I/O. pandas is imported
only by callers that already hold a frame.
"""

from __future__ import annotations

import math
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = ["Field", "SortKey", "SortedOrders", "fields_of", "format_value", "page_cells"]

#: A sort request: (field name, ascending) pairs, most significant first.
SortKey = tuple[tuple[str, bool], ...]


class Field(TypedDict):
    """One shown column, as sent to the browser. The index, when shown, is the first."""

    name: str  # what ``sort`` entries name
    label: str  # the header text
    index: bool  # the frame's index rather than a column
    numeric: bool  # right-aligned
    sortable: bool  # False when another field has the same name


def _label(label: Any) -> str:
    if isinstance(label, tuple):  # a MultiIndex level combination
        return " / ".join(str(part) for part in label)
    return str(label)


def _index_name(frame: pd.DataFrame) -> str:
    names = [n for n in frame.index.names if n is not None]
    return " / ".join(str(n) for n in names) if names else "index"


def _numeric(dtype: Any) -> bool:
    from pandas.api import types

    return bool(types.is_numeric_dtype(dtype) and not types.is_bool_dtype(dtype))


def fields_of(frame: pd.DataFrame, *, index: bool) -> list[Field]:
    """The fields shown for ``frame``: the index first (if ``index``), then each column."""
    import pandas as pd

    fields: list[Field] = []
    if index:
        numeric = not isinstance(frame.index, pd.MultiIndex) and _numeric(frame.index.dtype)
        name = _index_name(frame)
        fields.append(Field(name=name, label="" if name == "index" else name, index=True,
                            numeric=numeric, sortable=True))
    for position, label in enumerate(frame.columns):
        text = _label(label)
        fields.append(Field(name=text, label=text, index=False,
                            numeric=_numeric(frame.dtypes.iloc[position]), sortable=True))
    counts = Counter(f["name"] for f in fields)
    for field in fields:
        field["sortable"] = counts[field["name"]] == 1
    return fields


def _sort_keys(frame: pd.DataFrame, key: SortKey) -> tuple[pd.DataFrame, list[bool]]:
    """The columns to sort by, on a fresh 0..n-1 index (so the sorted index is positions)."""
    import pandas as pd

    columns: dict[str, Any] = {}
    ascending: list[bool] = []
    index_name = _index_name(frame)
    labels = [_label(c) for c in frame.columns]
    for i, (name, asc) in enumerate(key):
        if name in labels:
            columns[f"k{i}"] = frame.iloc[:, labels.index(name)].reset_index(drop=True)
            ascending.append(asc)
        elif name == index_name:
            levels = frame.index.to_frame(index=False)
            for j in range(levels.shape[1]):
                columns[f"k{i}.{j}"] = levels.iloc[:, j]
                ascending.append(asc)
        else:
            raise ValueError(f"there is no column {name!r} to sort by")
    return pd.DataFrame(columns, copy=False), ascending


class SortedOrders:
    """The row order of one frame for each sort key, each computed once (pandas, stable,
    missing values last) and kept for the last ``keep`` keys, so paging through a sorted
    frame of any length costs one page. Thread-safe.
    """

    def __init__(self, frame: pd.DataFrame, *, keep: int = 4) -> None:
        self.frame = frame
        self._keep = keep
        self._orders: OrderedDict[SortKey, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def order(self, key: SortKey) -> np.ndarray | None:
        """Row positions in ``key`` order (None: the frame's own order, for an empty key).

        Raises ``ValueError`` naming the column when the values cannot be compared.
        """
        if not key:
            return None
        with self._lock:
            if key in self._orders:
                self._orders.move_to_end(key)
                return self._orders[key]
        keys, ascending = _sort_keys(self.frame, key)
        try:
            order = keys.sort_values(by=list(keys.columns), ascending=ascending, kind="stable",
                                     na_position="last").index.to_numpy()
        except TypeError as exc:
            names = ", ".join(repr(name) for name, _ in key)
            raise ValueError(f"cannot sort by {names}: {exc}") from None
        with self._lock:
            self._orders[key] = order
            while len(self._orders) > self._keep:
                self._orders.popitem(last=False)
        return order

    def page(self, key: SortKey, start: int, stop: int) -> pd.DataFrame:
        """Rows ``start:stop`` (positions after sorting) of the frame, sorted by ``key``."""
        order = self.order(key)
        if order is None:
            return self.frame.iloc[start:stop]
        return self.frame.iloc[order[start:stop]]


def _float_text(value: float) -> str:
    import numpy as np

    if value == 0 or 1e-4 <= abs(value) < 1e16:
        return np.format_float_positional(value, precision=6, trim="0")
    return np.format_float_scientific(value, precision=6, trim="0")


def format_value(value: Any, *, na_rep: str = "NaN",
                 float_format: Callable[[float], str] | None = None) -> str:
    """A cell's text: floats to 6 decimals (or ``float_format``), missing values as
    ``na_rep``, everything else ``str()``."""
    import pandas as pd

    if isinstance(value, float):  # numpy's float64 is a float too
        if math.isnan(value):
            return na_rep
        return float_format(value) if float_format is not None else _float_text(value)
    try:
        missing = pd.isna(value)
    except (TypeError, ValueError):
        missing = False
    if missing is True:  # a scalar NA (None, NaT, pd.NA); arrays give arrays
        return na_rep
    if hasattr(value, "dtype") and getattr(value.dtype, "kind", "") == "f":
        return format_value(float(value), na_rep=na_rep, float_format=float_format)
    return str(value)


def page_cells(page: pd.DataFrame, fields: Sequence[Field], *, na_rep: str = "NaN",
               float_format: Callable[[float], str] | None = None) -> list[list[str]]:
    """The text of every shown cell of ``page``, row by row, in ``fields`` order."""
    columns = []
    position = 0
    for field in fields:
        if field["index"]:
            values: Any = page.index
        else:
            values = page.iloc[:, position]
            position += 1
        columns.append([format_value(v, na_rep=na_rep, float_format=float_format)
                        for v in values])
    if not columns:
        return [[] for _ in range(len(page))]
    return [list(row) for row in zip(*columns, strict=True)]
