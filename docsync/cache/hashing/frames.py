"""Handlers of pandas values: frames, series and indexes by their buffers, scalars, dtypes."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

from docsync.cache.hashing.arrays import ndarray, object_array
from docsync.cache.hashing.builtin import singleton
from docsync.cache.hashing.walk import Handler, Unhashable, Walk

__all__ = ["pandas_handler"]



def pandas_handler(cls: type) -> Handler | None:
    pd = sys.modules.get("pandas")
    if pd is None:
        return None
    table: Iterable[tuple[type, Handler]] = (
        (pd.DataFrame, _pd_frame),
        (pd.Series, _pd_series),
        (pd.Index, _pd_index),
        (pd.api.extensions.ExtensionArray, _pd_values),
        (pd.Timestamp, _pd_moment),
        (pd.Timedelta, _pd_moment),
        (pd.Period, _pd_period),
        (pd.Interval, _pd_interval),
        (type(pd.NaT), singleton(b"NaT")),
        (type(pd.NA), singleton(b"NA")),
        (pd.api.extensions.ExtensionDtype, _pd_dtype),
    )
    for base, handler in table:
        if issubclass(cls, base):
            return handler
    return None


def _pd_moment(walk: Walk, value: Any) -> None:
    # isoformat() keeps nanoseconds; the unit and zone are named as well.
    walk.h.update(b"pm" + type(value).__name__.encode() + value.isoformat().encode()
                  + b"|" + str(value.unit).encode() + b"|"
                  + repr(getattr(value, "tz", None)).encode())


def _pd_period(walk: Walk, value: Any) -> None:
    walk.h.update(b"pp%d|" % value.ordinal + str(value.freqstr).encode())


def _pd_interval(walk: Walk, value: Any) -> None:
    walk.h.update(b"pi" + str(value.closed).encode())
    walk.feed((value.left, value.right))


def _pd_dtype(walk: Walk, value: Any) -> None:
    walk.h.update(b"pdt" + str(value).encode() + b";")
    categories = getattr(value, "categories", None)
    if categories is not None:
        walk.feed(categories)
        walk.feed(bool(value.ordered))


def _pd_frame(walk: Walk, df: Any) -> None:
    walk.h.update(b"PD%d,%d;" % df.shape)
    walk.feed_at(df.columns, ".columns")
    walk.feed_at(df.index, ".index")
    for i in range(df.shape[1]):
        try:
            _pd_column(walk, df.iloc[:, i])
        except Unhashable as exc:
            exc.path.append(f"[{df.columns[i]!r}]")
            raise


def _pd_series(walk: Walk, series: Any) -> None:
    walk.h.update(b"PS")
    walk.feed_at(series.name, ".name")
    walk.feed_at(series.index, ".index")
    _pd_column(walk, series)


def _pd_column(walk: Walk, series: Any) -> None:
    import numpy as np

    if isinstance(series.dtype, np.dtype):
        ndarray(walk, series.to_numpy())  # no copy for numeric columns
    else:
        _pd_values(walk, series.array)


def _pd_index(walk: Walk, index: Any) -> None:
    import pandas as pd

    walk.h.update(b"PI" + type(index).__name__.encode())
    walk.feed_at(list(index.names), ".names")
    if isinstance(index, pd.RangeIndex):
        walk.h.update(b"%d,%d,%d;" % (index.start, index.stop, index.step))
    elif isinstance(index, pd.MultiIndex):
        for level, codes in zip(index.levels, index.codes, strict=True):
            _pd_index(walk, level)
            ndarray(walk, codes)
    elif isinstance(index.dtype, pd.api.extensions.ExtensionDtype):
        _pd_values(walk, index.array)
    else:
        ndarray(walk, index.to_numpy())


def _pd_values(walk: Walk, values: Any) -> None:
    """A pandas extension array (categorical, strings, nullable numbers, zoned datetimes,
    periods, intervals, sparse...)."""
    import numpy as np
    import pandas as pd

    dtype = values.dtype
    walk.h.update(b"EA" + str(dtype).encode() + b"%d;" % len(values))
    if isinstance(dtype, pd.CategoricalDtype):
        walk.feed(bool(dtype.ordered))
        _pd_index(walk, dtype.categories)
        ndarray(walk, np.asarray(values.codes))
        return
    mask = np.asarray(values.isna(), dtype=bool)
    walk.h.update(mask.view(np.uint8))
    missing = bool(mask.any())
    present = values[~mask] if missing else values
    numpy_dtype = getattr(dtype, "numpy_dtype", None)
    if isinstance(numpy_dtype, np.dtype) and numpy_dtype.kind in "biufc":
        ndarray(walk, present.to_numpy(dtype=numpy_dtype))
    elif hasattr(present, "asi8"):  # datetimes with a zone, timedeltas, periods
        ndarray(walk, np.asarray(present.asi8))
    else:  # strings (vectorized), or element by element
        object_array(walk, present.to_numpy(dtype=object))
    if missing:  # which kind of missing (None, NaN, NA, NaT) each one is
        nulls = list(values[mask])
        flat = np.empty(len(nulls), dtype=object)
        flat[:] = nulls
        object_array(walk, flat)

