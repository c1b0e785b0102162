"""Handlers of numpy values: arrays by their whole buffer, scalars, dtypes."""

from __future__ import annotations

import sys
from typing import Any

from docsync.cache.hashing.builtin import named
from docsync.cache.hashing.walk import Handler, Unhashable, Walk

__all__ = ["ndarray", "numpy_handler", "object_array"]



def numpy_handler(cls: type) -> Handler | None:
    np = sys.modules.get("numpy")
    if np is None:
        return None
    if issubclass(cls, np.ndarray):
        return ndarray
    if issubclass(cls, np.generic):
        return _np_scalar
    if issubclass(cls, np.dtype):
        return _np_dtype
    if isinstance(getattr(np, "ufunc", None), type) and issubclass(cls, np.ufunc):
        return named
    return None


def _dtype_bytes(dtype: Any) -> bytes:
    if dtype.fields is not None or dtype.subdtype is not None:
        return repr(dtype.descr).encode()
    return str(dtype.str).encode()


def _np_dtype(walk: Walk, value: Any) -> None:
    walk.h.update(b"dt" + _dtype_bytes(value) + b";")


def _np_scalar(walk: Walk, value: Any) -> None:
    walk.h.update(b"ns" + _dtype_bytes(value.dtype) + b";")
    if value.dtype.hasobject:
        walk.feed(value.item())
    else:
        walk.h.update(value.tobytes())


def ndarray(walk: Walk, value: Any) -> None:
    import numpy as np

    walk.h.update(b"nd" + _dtype_bytes(value.dtype) + repr(value.shape).encode() + b";")
    if value.dtype.hasobject:
        object_array(walk, value.reshape(-1))
    else:
        # The whole buffer, in C order; a strided view is copied first.
        walk.h.update(np.ascontiguousarray(value).reshape(-1).view(np.uint8))


def _all_strings(flat: Any) -> bool:
    pd = sys.modules.get("pandas")
    if pd is not None:
        return bool(pd.api.types.infer_dtype(flat, skipna=False) == "string")
    return all(type(x) is str for x in flat)


def object_array(walk: Walk, flat: Any) -> None:
    """A 1-d object array: strings vectorized (lengths, then the joined text), anything
    else element by element."""
    import numpy as np

    n = len(flat)
    if n and _all_strings(flat):
        lengths = np.fromiter(map(len, flat), dtype=np.int64, count=n)
        walk.h.update(b"S%d;" % n)
        walk.h.update(lengths.view(np.uint8))
        walk.h.update("".join(flat).encode("utf-8", "surrogatepass"))
        return
    walk.h.update(b"O%d;" % n)
    i = 0
    try:
        for i, item in enumerate(flat):  # noqa: B007 (i names the failing item)
            walk.feed(item)
    except Unhashable as exc:
        exc.path.append(f"[{i}]")
        raise

