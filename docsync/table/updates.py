"""``Tabulator.stream`` and ``Tabulator.patch`` on the frame itself (Panel's arguments).

Pure functions of a frame: the widget then sends what changed (``Model._diffed_props``).
Bad input raises ``ValueError`` saying what the method takes.
"""

from __future__ import annotations

from typing import Any

__all__ = ["patch_cells", "streamed"]


def streamed(frame: Any, stream_value: Any, *, rollover: int | None,
             reset_index: bool) -> Any:
    """A new frame: ``frame`` with the rows of ``stream_value`` appended (a DataFrame, a
    Series for one row, or a dict of columns or of one row's values), cast to ``frame``'s
    dtypes, keeping the last ``rollover`` rows if given. With ``reset_index`` and an
    integer index, the new rows are numbered on from ``frame``'s largest label."""
    import pandas as pd

    if isinstance(stream_value, dict):
        try:
            stream_value = pd.DataFrame(stream_value)
        except ValueError:  # scalars: one row
            stream_value = pd.DataFrame([stream_value])
    elif isinstance(stream_value, pd.Series):
        stream_value = stream_value.to_frame().T
    if not isinstance(stream_value, pd.DataFrame):
        raise ValueError("stream takes a DataFrame, a Series or a dict, not "
                         f"{type(stream_value).__name__}")
    if list(stream_value.columns) != list(frame.columns):
        raise ValueError(f"stream needs the columns {list(frame.columns)}, in that order; "
                         f"got {list(stream_value.columns)}")
    stream_value = stream_value.astype(frame.dtypes.to_dict())
    if reset_index and len(frame) and pd.api.types.is_integer_dtype(frame.index.dtype):
        start = int(frame.index.max()) + 1
        stream_value = stream_value.set_axis(pd.RangeIndex(start, start + len(stream_value)))
    combined = pd.concat([frame, stream_value]) if len(frame) else stream_value
    return combined if rollover is None else combined.iloc[-rollover:]


def patch_cells(frame: Any, patch_value: Any, *, as_index: bool) -> None:
    """Set cells of ``frame`` in place from ``{column: [(row, value), ...]}`` (``row`` an
    index label with ``as_index``, else a position; a ``slice`` of positions takes a list
    of values), from a DataFrame (its columns and index name the cells), or from a Series
    (its ``name`` is the column, its index the rows). Every entry is checked before any
    cell is set."""
    import pandas as pd

    if isinstance(patch_value, pd.Series):  # one column: its name, rows by its index
        patch_value = patch_value.to_frame()
    if isinstance(patch_value, pd.DataFrame):
        patch_value = {c: list(patch_value[c].items()) for c in patch_value.columns}
    if not isinstance(patch_value, dict):
        raise ValueError("patch takes {column: [(row, value), ...]}, a DataFrame or a "
                         f"Series, not {type(patch_value).__name__}")
    changes: list[tuple[int, int, Any]] = []
    for column, entries in patch_value.items():
        if column not in frame.columns:
            raise ValueError(f"patch: there is no column {column!r}")
        where = frame.columns.get_loc(column)
        for row, new in entries:
            if isinstance(row, slice):
                rows = range(len(frame))[row]
                if len(rows) != len(new):
                    raise ValueError(f"patch: {row} names {len(rows)} rows of {column!r} "
                                     f"but {len(new)} values were given")
                changes.extend((r, where, v) for r, v in zip(rows, new, strict=True))
                continue
            position = frame.index.get_loc(row) if as_index else row
            if not isinstance(position, int) or not 0 <= position < len(frame):
                raise ValueError(f"patch: row {row!r} names no single row")
            changes.append((position, where, new))
    for position, where, new in changes:
        frame.iat[position, where] = new
