"""docsync's own parameter types: Panel's ``align`` and ``aspect_ratio``, and the numeric
and date parameters of docsync's models, param's own types without the time-dependent
("dynamic") values that param's numbers support.

``param.Number`` and its subclasses accept a callable as a value and call it on every
read (param's ``Dynamic``), so each read of an ``Integer`` asks whether its value is
dynamic before returning it: about 2.5 µs for a set value and 6 µs for a default, against
0.6 and 1.8 µs for a plain ``param.Parameter``. A page reads every parameter of every
model to send its snapshot, and a client edit reads a slider's bounds and value, so these
reads were a visible part of both. A model's value is sent to the browser as JSON, so it
is never a generator of values; a callable set here is kept as it is and refused by the
model as a value it cannot send.

Everything else is param's: validation (bounds, ``allow_None``, the type checks and their
messages), ``instantiate``, watchers and references. ``isinstance(p, param.Integer)``
holds for these, so code that maps parameter types (``pn.Param``) treats them alike.
"""

from __future__ import annotations

import math
from typing import Any

import param

__all__ = ["Align", "AspectRatio", "CalendarDate", "Date", "Integer", "Number"]

_ALIGNS = ("start", "center", "end")


class Align(param.Parameter):  # type: ignore[type-arg]
    """Panel's ``align``: ``"start"``, ``"center"`` or ``"end"``, or a pair of them
    (horizontal, vertical)."""

    def _validate_value(self, val: Any, allow_None: bool) -> None:  # param's hook
        pair = val if isinstance(val, (tuple, list)) else (val, val)
        if len(pair) != 2 or any(v not in _ALIGNS for v in pair):
            raise ValueError(f"align must be 'start', 'center' or 'end', or a (horizontal, "
                             f"vertical) pair of them, not {val!r}")


class AspectRatio(param.Parameter):  # type: ignore[type-arg]
    """Panel's ``aspect_ratio``: None, ``"auto"`` or a width / height ratio above 0."""

    def _validate_value(self, val: Any, allow_None: bool) -> None:  # param's hook
        if val is None or val == "auto":
            return
        if isinstance(val, bool) or not isinstance(val, (int, float)) or not val > 0 or \
                not math.isfinite(val):
            raise ValueError(f"aspect_ratio must be None, 'auto' or a number above 0 "
                             f"(width / height), not {val!r}")


class Number(param.Number[Any]):
    """``param.Number`` read and set as a plain parameter (see the module docstring)."""

    __get__ = param.Parameter.__get__
    __set__ = param.Parameter.__set__


class Integer(param.Integer[Any]):
    """``param.Integer`` read and set as a plain parameter (see the module docstring)."""

    __get__ = param.Parameter.__get__
    __set__ = param.Parameter.__set__


class Date(param.Date[Any]):
    """``param.Date`` read and set as a plain parameter (see the module docstring)."""

    __get__ = param.Parameter.__get__
    __set__ = param.Parameter.__set__


class CalendarDate(param.CalendarDate[Any]):
    """``param.CalendarDate`` read and set as a plain parameter (see the module
    docstring)."""

    __get__ = param.Parameter.__get__
    __set__ = param.Parameter.__set__
