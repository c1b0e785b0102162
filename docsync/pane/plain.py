"""``to_plain``: any Python value as plain JSON data, for panes that send data (JSON, Vega)."""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from typing import Any

__all__ = ["MAX_DEPTH", "to_plain"]

#: Nesting deeper than this (or a cycle) is cut off and shown as ``str()``.
MAX_DEPTH = 100


def to_plain(value: Any, *, depth: int = MAX_DEPTH) -> Any:
    """``value`` as JSON data: dicts (keys as strings), lists, strings, finite numbers,
    booleans and None.

    NaN and infinities become None (JSON has neither); numpy scalars and arrays become
    numbers and lists; dates become ISO 8601 strings; sets and tuples become lists; any
    other object becomes its ``str()``.
    """
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if depth <= 0:
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): to_plain(v, depth=depth - 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_plain(v, depth=depth - 1) for v in value]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if hasattr(value, "tolist") and callable(value.tolist):  # numpy arrays and scalars
        return to_plain(value.tolist(), depth=depth - 1)
    return str(value)
