"""Approximate memory held by a cached value, for ``ds.cache.info()`` and its ``bytes``."""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["deep_size"]

_LIMIT = 10_000  # objects visited at most; past that the figure is a lower bound


def deep_size(value: Any) -> int:
    """Bytes held by ``value`` and what it contains: numpy arrays by their buffers, pandas
    objects by ``memory_usage(deep=True)``, containers and plain objects recursively. Each
    object is counted once."""
    seen: set[int] = set()
    total = 0
    stack = [value]
    while stack and len(seen) < _LIMIT:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        size = _library_size(obj)
        if size is not None:
            total += size
            continue
        total += sys.getsizeof(obj, 64)
        if isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, (list, tuple, set, frozenset)):
            stack.extend(obj)
        elif hasattr(obj, "__dict__") and not isinstance(obj, type):
            stack.append(vars(obj))
        elif hasattr(obj, "__slots__"):
            stack.extend(getattr(obj, s) for s in obj.__slots__ if hasattr(obj, s))
    return total


def _library_size(obj: Any) -> int | None:
    np = sys.modules.get("numpy")
    if np is not None and isinstance(obj, np.ndarray):
        base = sys.getsizeof(obj, 112)
        return int(base if obj.base is None and base >= obj.nbytes else base + obj.nbytes)
    pd = sys.modules.get("pandas")
    if pd is not None:
        if isinstance(obj, pd.DataFrame):
            return int(obj.memory_usage(index=True, deep=True).sum())
        if isinstance(obj, (pd.Series, pd.Index)):
            return int(obj.memory_usage(deep=True))
    return None
