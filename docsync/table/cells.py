"""Cells of a ``Tabulator``: their JSON values, a browser's edit checked against the column's
dtype, and header filters as a row mask.

Pure functions of a frame and the columns (:mod:`docsync.table.columns`): no models, no I/O.
A refused value raises ``ValueError`` whose message says what the column takes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docsync.table.columns import FILTER_OPS, Column

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = ["coerce_edit", "coerce_filter", "filter_mask", "python_value", "rows_json"]

_KIND_TEXT = {"int": "a whole number", "float": "a number", "bool": "true or false",
              "str": "text", "datetime": "a date such as 2024-01-31"}


def _scalar(value: Any) -> Any:
    """A JSON value for one cell (numpy scalars become Python ones; missing is None)."""
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalar → Python
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, pd.Timestamp):
        return _date_text(value)
    return str(value)


def python_value(value: Any) -> Any:
    """A cell's value for a callback: numpy scalars become Python ones; pandas Timestamps
    and missing values (NaN, NaT, None) stay as they are."""
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        return value.item()
    return value


def _date_text(value: pd.Timestamp) -> str:
    if value.tzinfo is None and value == value.normalize():
        return str(value.strftime("%Y-%m-%d"))  # what <input type=date> reads and writes
    return str(value.isoformat())


def _values(frame: pd.DataFrame, column: Column, position: int) -> list[Any]:
    import pandas as pd

    if column["index"]:
        index = frame.index
        if isinstance(index, pd.MultiIndex):
            return [" / ".join(str(part) for part in entry) for entry in index]
        series: Any = index
    else:
        series = frame.iloc[:, position]
    if column["kind"] in ("int", "bool", "float") and type(series.dtype).__module__ == "numpy":
        # numpy's own conversion: Python numbers without a loop in Python.
        return [None if isinstance(v, float) and not math.isfinite(v) else v
                for v in series.tolist()] if column["kind"] == "float" else series.tolist()
    return [_scalar(v) for v in series.tolist()]


def rows_json(frame: pd.DataFrame, positions: Sequence[int] | np.ndarray,
              columns: Sequence[Column]) -> list[list[Any]]:
    """The rows sent for ``frame`` (already cut to the rows shown): each is
    ``[position, cell, cell, ...]``, cells in ``columns`` order; ``position`` is the row's
    place in the whole frame (what ``selection`` and events name)."""
    values = [_values(frame, c, c["source"]) for c in columns]
    ids = [int(p) for p in positions]
    return [[ids[r], *(col[r] for col in values)] for r in range(len(ids))]


def coerce_edit(column: Column, value: Any, dtype: Any) -> Any:
    """The Python value to store for a browser's edit of a cell of ``column``.

    Raises ``ValueError`` saying what the column takes: the column's kind decides (a whole
    number for int64, true or false for bool ...), then its editor's ``min``, ``max`` and
    list ``values``.
    """
    import pandas as pd

    kind = column["kind"]
    wanted = _KIND_TEXT.get(kind, "")
    bad = ValueError(f"column {column['name']!r} holds {dtype} values: {value!r} is not "
                     f"{wanted}")
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise bad
        if isinstance(value, float) and not value.is_integer():
            raise bad
        out: Any = int(value)
    elif kind == "float":
        if value is None:
            out = math.nan
        elif isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not math.isfinite(value):
            raise bad
        else:
            out = float(value)
    elif kind == "bool":
        if not isinstance(value, bool):
            raise bad
        out = value
    elif kind == "str":
        if not isinstance(value, str):
            raise bad
        out = value
    elif kind == "category":
        categories = list(dtype.categories)
        if value not in categories or isinstance(value, bool):
            raise ValueError(f"column {column['name']!r} is categorical: {value!r} is not "
                             f"one of {', '.join(map(repr, categories))}")
        out = value
    elif kind == "datetime":
        if not isinstance(value, str):
            raise bad
        try:
            out = pd.Timestamp(value)
        except ValueError:
            raise bad from None
        tz = getattr(dtype, "tz", None)
        if tz is not None and out.tzinfo is None:
            out = out.tz_localize(tz)
    else:
        raise ValueError(f"column {column['name']!r} ({dtype}) cannot be edited")
    _check_editor(column, out)
    return out


def _check_editor(column: Column, value: Any) -> None:
    editor = column["editor"] or {"params": {}}
    params = editor["params"]
    if "min" in params and value < params["min"]:
        raise ValueError(f"column {column['name']!r} takes values from {params['min']}, "
                         f"not {value!r}")
    if "max" in params and value > params["max"]:
        raise ValueError(f"column {column['name']!r} takes values up to {params['max']}, "
                         f"not {value!r}")
    if editor.get("type") == "list" and value not in params["values"]:
        raise ValueError(f"column {column['name']!r} takes one of "
                         f"{', '.join(map(repr, params['values']))}, not {value!r}")


def coerce_filter(column: Column, op: str, value: Any, dtype: Any) -> Any:
    """The Python value a header filter of ``column`` compares with, or ``ValueError``."""
    if op not in FILTER_OPS:
        raise ValueError(f"a filter's type must be one of {', '.join(sorted(FILTER_OPS))}, "
                         f"not {op!r}")
    if op == "like":
        if column["kind"] not in ("str", "category") or not isinstance(value, str):
            raise ValueError(f"'like' matches text in a text column; {column['name']!r} is "
                             f"{column['kind']} and {value!r} is the value")
        return value
    if column["kind"] == "category":
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise ValueError(f"a filter of {column['name']!r} compares with a category, "
                             f"not {value!r}")
        return value
    probe = Column(**{**column, "editor": None})  # the dtype's rule, not the editor's
    return coerce_edit(probe, value, dtype)


def filter_mask(frame: pd.DataFrame, filters: Sequence[tuple[Column, int, str, Any]]) -> np.ndarray:
    """The rows of ``frame`` that pass every filter, as a boolean array.

    Each filter is ``(column, source position, op, value)``, its value already coerced.
    Missing values pass no filter.
    """
    import numpy as np

    mask = np.ones(len(frame), dtype=bool)
    for column, position, op, value in filters:
        series: Any = (frame.index.to_series(index=None) if column["index"]
                       else frame.iloc[:, position])
        series = series.reset_index(drop=True)
        if op == "like":
            hit = series.astype(str).str.contains(value, case=False, regex=False)
            hit = hit & series.notna()
        else:
            hit = {"=": series.__eq__, "!=": series.__ne__, "<": series.__lt__,
                   "<=": series.__le__, ">": series.__gt__, ">=": series.__ge__}[op](value)
            hit = hit & series.notna()
        mask &= hit.to_numpy(dtype=bool, na_value=False)
    return mask
