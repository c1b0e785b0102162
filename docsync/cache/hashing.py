"""Full-content hashing of values: the argument part of a cache key (DESIGN.md §5).

Every value goes into the hash by its complete content, never a sample and never ``str()``:
numbers by their bits, containers element by element, numpy arrays and pandas objects by
their buffers (vectorized), dataclasses by their fields, ``param`` objects by their
parameter values. Each value is preceded by a type tag, so ``1``, ``1.0``, ``"1"`` and
``(1,)`` never collide. A value of a type the table does not know raises
:class:`UnhashableError`, unless ``hash_funcs`` says how to hash it.

Bulk buffers go through SHA-256, which CPUs with SHA extensions (x86 SHA-NI, ARMv8) run at
about 2 GB/s, two to three times BLAKE2b; see ``tests/bench/cache.py`` for the figures.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import fractions
import functools
import hashlib
import pathlib
import re
import struct
import sys
import types
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from docsync.app_module import stable_module_name
from docsync.exceptions import DocsyncError

__all__ = ["Handler", "HashFuncs", "UnhashableError", "ValueHasher", "Walk", "qualified_name"]

#: ``{type or "module.Qualname": fn}``: ``fn(value)`` returns something that stands for
#: ``value`` in the key, itself hashed by the built-in rules.
HashFuncs = Mapping[Any, Callable[[Any], Any]]
#: A table entry: feeds one value into ``walk.h`` (calling ``walk.feed`` for parts).
Handler = Callable[["Walk", Any], None]

_DOUBLE = struct.Struct("<d")


class UnhashableError(DocsyncError, TypeError):
    """A cached function got a value with no content hash; the message names both fixes."""


class _Unhashable(Exception):
    """Raised inside a walk; the top of the walk turns it into :class:`UnhashableError`,
    after each container on the way up has added its part of the path."""

    def __init__(self, value: Any, reason: str = "") -> None:
        super().__init__(reason)
        self.value = value
        self.reason = reason
        self.path: list[str] = []  # innermost first


def qualified_name(cls: type) -> str:
    """``module.Qualname``, the spelling ``hash_funcs`` accepts as a string key (for a
    class defined in an app file, the module's name stable across sessions)."""
    return f"{stable_module_name(cls.__module__)}.{cls.__qualname__}"


class Walk:
    """One hashing pass: the hash object and the containers being hashed (for cycles).

    Handlers call :meth:`feed` for the parts of a value. Not shared between threads.
    """

    __slots__ = ("active", "h", "hasher")

    def __init__(self, hasher: ValueHasher, h: Any) -> None:
        self.hasher = hasher
        self.h = h
        self.active: set[int] = set()

    def feed(self, value: Any) -> None:
        cls = type(value)
        handler = self.hasher.table.get(cls)
        if handler is None:
            handler = self.hasher.resolve(cls)
        handler(self, value)

    def feed_at(self, value: Any, where: str) -> None:
        """:meth:`feed`, naming ``where`` in the path of an error."""
        try:
            self.feed(value)
        except _Unhashable as exc:
            exc.path.append(where)
            raise

    def digest_of(self, value: Any) -> bytes:
        """The digest of ``value`` alone (for order-free containers such as sets)."""
        sub = Walk(self.hasher, hashlib.sha256())
        sub.active = self.active
        sub.feed(value)
        return bytes(sub.h.digest())

    def enter(self, value: Any) -> bool:
        """Start hashing a container; False (and a back-reference written) on a cycle."""
        key = id(value)
        if key in self.active:
            self.h.update(b"@cycle")
            return False
        self.active.add(key)
        return True

    def leave(self, value: Any) -> None:
        self.active.discard(id(value))


class ValueHasher:
    """Feeds values into a hash by content, per a table of handlers by type.

    ``hash_funcs`` (by type or ``"module.Qualname"``, matched along the MRO) take precedence
    over the built-in table. ``extra`` adds handlers for types the caller knows better (the
    code hashing of functions, in :mod:`docsync.cache.keys`). Safe to share between threads.
    """

    def __init__(self, hash_funcs: HashFuncs | None = None, *,
                 extra: Mapping[type, Handler] | None = None) -> None:
        self._by_type: dict[type, Callable[[Any], Any]] = {}
        self._by_name: dict[str, Callable[[Any], Any]] = {}
        for key, fn in (hash_funcs or {}).items():
            if not callable(fn):
                raise TypeError(f"hash_funcs[{key!r}] must be a function of the value, "
                                f"not {type(fn).__name__}")
            if isinstance(key, type):
                self._by_type[key] = fn
            elif isinstance(key, str):
                self._by_name[stable_module_name(key)] = fn
            else:
                raise TypeError(f"hash_funcs keys are types or 'module.Qualname' strings, "
                                f"not {key!r}")
        self._extra = dict(extra or {})
        #: Hashes what a hash_funcs function returns, by the built-in rules only (so
        #: ``{float: round}`` does not recurse).
        self.plain: ValueHasher = (
            ValueHasher(extra=extra) if self._by_type or self._by_name else self)
        #: Exact type -> handler, filled in as types are met (dict writes are atomic).
        self.table: dict[type, Handler] = {
            cls: handler for cls, handler in {**_BUILTINS, **self._extra}.items()
            if self._custom(cls) is None}

    def feed(self, h: Any, value: Any, *, name: str, owner: str,
             kind: str = "argument") -> None:
        """Feed ``value`` into ``h``; on failure raise :class:`UnhashableError` naming
        ``kind`` ``name`` of ``owner`` (the cached function) and the fixes."""
        try:
            Walk(self, h).feed(value)
        except _Unhashable as exc:
            raise UnhashableError(_message(exc, name=name, owner=owner, kind=kind)) from None

    def feed_named(self, h: Any, pairs: Iterable[tuple[str, Any]], *, owner: str,
                   kind: str = "argument") -> None:
        """Feed each ``(name, value)`` of ``pairs`` (name, then value) into ``h``: the
        arguments of one call, in one pass."""
        walk, name = Walk(self, h), ""
        try:
            for name, value in pairs:
                h.update(name.encode() + b"=")
                walk.feed(value)
        except _Unhashable as exc:
            raise UnhashableError(_message(exc, name=name, owner=owner, kind=kind)) from None

    def walk(self, h: Any) -> Walk:
        return Walk(self, h)

    def resolve(self, cls: type) -> Handler:
        """The handler for ``cls`` (cached in :attr:`table`); unhashable types get one that
        raises, so the error names the path."""
        handler = self._custom(cls) or _family(cls, self._extra) or _unhashable
        self.table[cls] = handler
        return handler

    def _custom(self, cls: type) -> Handler | None:
        if not (self._by_type or self._by_name):
            return None
        for base in cls.__mro__:
            fn = self._by_type.get(base) or self._by_name.get(qualified_name(base))
            if fn is not None:
                return _via_hash_func(fn, cls)
        return None


def _message(exc: _Unhashable, *, name: str, owner: str, kind: str) -> str:
    cls = type(exc.value)
    where = name + "".join(reversed(exc.path))
    inside = f" ({where} inside it)" if exc.path else ""
    qual = qualified_name(cls)
    short = cls.__name__ if cls.__module__ == "builtins" else qual
    reason = f": {exc.reason}" if exc.reason else ", which has no content hash"
    if name.startswith("**"):  # a keyword of **kwargs
        skip = f"pass it as '_{name[2:]}'"
    elif kind == "argument":
        skip = f"rename the parameter to '_{name}'"
    else:
        skip = f"rename the variable to '_{name}'"
    return (f"ds.cache cannot hash {kind} '{name}' of {owner}(){inside}: it is a {short}"
            f"{reason}. Either say how to hash it with hash_funcs={{{short}: fn}} (or "
            f"{{'{qual}': fn}}), where fn returns something hashable that identifies the "
            f"value, or {skip} so that it is left out of the key.")


# -- handlers of the built-in table ------------------------------------------------------


def _unhashable(walk: Walk, value: Any) -> None:
    raise _Unhashable(value)


def _via_hash_func(fn: Callable[[Any], Any], cls: type) -> Handler:
    tag = b"H" + qualified_name(cls).encode() + b";"

    def handler(walk: Walk, value: Any) -> None:
        stand_in = fn(value)
        if stand_in is value:
            raise _Unhashable(value, "its hash_funcs function returned the value itself")
        walk.h.update(tag)
        plain = Walk(walk.hasher.plain, walk.h)
        plain.active = walk.active
        plain.feed(stand_in)

    return handler


def _none(walk: Walk, value: Any) -> None:
    walk.h.update(b"N")


def _bool(walk: Walk, value: bool) -> None:
    walk.h.update(b"T" if value else b"F")


def _int(walk: Walk, value: int) -> None:
    walk.h.update(b"i%d;" % value)


def _float(walk: Walk, value: float) -> None:
    walk.h.update(b"f" + _DOUBLE.pack(value))


def _complex(walk: Walk, value: complex) -> None:
    walk.h.update(b"c" + _DOUBLE.pack(value.real) + _DOUBLE.pack(value.imag))


def _str(walk: Walk, value: str) -> None:
    data = value.encode("utf-8", "surrogatepass")
    walk.h.update(b"s%d:" % len(data))
    walk.h.update(data)


def _bytes(tag: bytes) -> Handler:
    def handler(walk: Walk, value: Any) -> None:
        walk.h.update(b"%b%d:" % (tag, len(value)))
        walk.h.update(value)
    return handler


def _sequence(tag: bytes, *, mutable: bool) -> Handler:
    def handler(walk: Walk, value: Any) -> None:
        if mutable and not walk.enter(value):
            return
        walk.h.update(b"%b%d[" % (tag, len(value)))
        i = 0
        try:
            for i, item in enumerate(value):  # noqa: B007 (i names the failing item)
                walk.feed(item)
        except _Unhashable as exc:
            exc.path.append(f"[{i}]")
            raise
        finally:
            if mutable:
                walk.leave(value)
    return handler


def _mapping(walk: Walk, value: Mapping[Any, Any]) -> None:
    # Insertion order is part of the key: a function may iterate the dict.
    if not walk.enter(value):
        return
    try:
        walk.h.update(b"d%d{" % len(value))
        for key, item in value.items():
            walk.feed_at(key, f"[{key!r}] (the key)")
            walk.feed_at(item, f"[{key!r}]")
    finally:
        walk.leave(value)


def _set(tag: bytes) -> Handler:
    # Iteration order of a set depends on the process's string hash seed: hash each element
    # alone and sort the digests, so equal sets have one key in every process.
    def handler(walk: Walk, value: Any) -> None:
        if not walk.enter(value):
            return
        try:
            digests = sorted(walk.digest_of(item) for item in value)
        except _Unhashable as exc:
            exc.path.append(" (an element)")
            raise
        finally:
            walk.leave(value)
        walk.h.update(b"%b%d{" % (tag, len(digests)))
        walk.h.update(b"".join(digests))
    return handler


def _typed(cls: type, base: Handler) -> Handler:
    """Subclasses of built-in types (namedtuples, str enums' cousins): type, then content."""
    tag = b"<" + qualified_name(cls).encode() + b">"

    def handler(walk: Walk, value: Any) -> None:
        walk.h.update(tag)
        base(walk, value)
    return handler


def _enum(walk: Walk, value: enum.Enum) -> None:
    walk.h.update(b"E" + qualified_name(type(value)).encode() + b".")
    if value.name is not None:
        walk.h.update(value.name.encode())
    else:  # a composite Flag without a name
        walk.feed(value.value)


def _dataclass(cls: type) -> Handler:
    names = tuple(f.name for f in dataclasses.fields(cls))
    tag = b"D" + qualified_name(cls).encode() + b"("

    def handler(walk: Walk, value: Any) -> None:
        if not walk.enter(value):
            return
        try:
            walk.h.update(tag)
            for name in names:
                walk.h.update(name.encode() + b"=")
                walk.feed_at(getattr(value, name), f".{name}")
        finally:
            walk.leave(value)
    return handler


def _temporal(walk: Walk, value: dt.date | dt.time) -> None:
    # isoformat() is the complete value (microseconds and UTC offset included); the zone
    # itself is named too, since two zones can share an offset on one day.
    walk.h.update(b"t" + qualified_name(type(value)).encode() + b"|"
                  + value.isoformat().encode())
    tzinfo = getattr(value, "tzinfo", None)
    if tzinfo is not None:
        walk.h.update(b"|" + repr(tzinfo).encode())
    if getattr(value, "fold", 0):
        walk.h.update(b"|fold")


def _timedelta(walk: Walk, value: dt.timedelta) -> None:
    walk.h.update(b"td%d,%d,%d;" % (value.days, value.seconds, value.microseconds))


def _uuid(walk: Walk, value: uuid.UUID) -> None:
    walk.h.update(b"U" + value.bytes)


def _decimal(walk: Walk, value: decimal.Decimal) -> None:
    walk.h.update(b"Dec" + str(value).encode() + b";")  # exact: keeps digits and exponent


def _fraction(walk: Walk, value: fractions.Fraction) -> None:
    walk.h.update(b"Q%d/%d;" % (value.numerator, value.denominator))


def _path(walk: Walk, value: pathlib.PurePath) -> None:
    walk.h.update(b"P" + qualified_name(type(value)).encode() + b"|")
    _str(walk, str(value))


def _range(walk: Walk, value: range) -> None:
    walk.h.update(b"r%d,%d,%d;" % (value.start, value.stop, value.step))


def _slice(walk: Walk, value: slice) -> None:
    walk.h.update(b"sl")
    walk.feed((value.start, value.stop, value.step))


def _singleton(tag: bytes) -> Handler:
    def handler(walk: Walk, value: Any) -> None:
        walk.h.update(tag)
    return handler


def _type(walk: Walk, value: type) -> None:
    walk.h.update(b"ty" + qualified_name(value).encode() + b";")


def _named(walk: Walk, value: Any) -> None:
    """Builtin functions, modules: their qualified name is their identity."""
    module = getattr(value, "__module__", None) or ""
    name = getattr(value, "__qualname__", None) or getattr(value, "__name__", "")
    walk.h.update(b"nm" + f"{module}.{name}".encode() + b";")


def _method(walk: Walk, value: types.MethodType) -> None:
    walk.h.update(b"bm")
    walk.feed_at(value.__self__, ".__self__")
    walk.feed(value.__func__)


def _partial(walk: Walk, value: functools.partial[Any]) -> None:
    walk.h.update(b"pt")
    walk.feed(value.func)
    walk.feed_at(value.args, ".args")
    walk.feed_at(value.keywords, ".keywords")


_BUILTINS: dict[type, Handler] = {
    type(None): _none,
    bool: _bool,
    int: _int,
    float: _float,
    complex: _complex,
    str: _str,
    bytes: _bytes(b"b"),
    bytearray: _bytes(b"ba"),
    tuple: _sequence(b"(", mutable=False),
    list: _sequence(b"[", mutable=True),
    dict: _mapping,
    set: _set(b"set"),
    frozenset: _set(b"fset"),
    range: _range,
    slice: _slice,
    type(...): _singleton(b"..."),
    type(NotImplemented): _singleton(b"NotImpl"),
    dt.datetime: _temporal,
    dt.date: _temporal,
    dt.time: _temporal,
    dt.timedelta: _timedelta,
    uuid.UUID: _uuid,
    decimal.Decimal: _decimal,
    fractions.Fraction: _fraction,
    type: _type,
    types.BuiltinFunctionType: _named,
    types.ModuleType: _named,
    types.MethodType: _method,
    functools.partial: _partial,
}


def _memoryview(walk: Walk, value: memoryview) -> None:
    _bytes(b"mv")(walk, value.tobytes())


_BUILTINS[memoryview] = _memoryview


def _family(cls: type, extra: Mapping[type, Handler]) -> Handler | None:
    """The handler for a type not in the table by exact type: libraries, then the
    built-in families by subclass."""
    for resolver in (_numpy, _pandas, _param):
        handler = resolver(cls)
        if handler is not None:
            return handler
    if issubclass(cls, enum.Enum):
        return _enum
    if dataclasses.is_dataclass(cls):
        return _dataclass(cls)
    for base, handler in extra.items():
        if issubclass(cls, base):
            return handler
    if issubclass(cls, pathlib.PurePath):
        return _path
    if issubclass(cls, (dt.date, dt.time)):
        return _typed(cls, _temporal)
    for base in (bool, int, float, complex, str, bytes, tuple, list, dict, set, frozenset,
                 dt.timedelta, decimal.Decimal, fractions.Fraction):
        if issubclass(cls, base):
            return _typed(cls, _BUILTINS[base])
    if issubclass(cls, type):
        return _type
    return None


# -- numpy ---------------------------------------------------------------------------------


def _numpy(cls: type) -> Handler | None:
    np = sys.modules.get("numpy")
    if np is None:
        return None
    if issubclass(cls, np.ndarray):
        return _ndarray
    if issubclass(cls, np.generic):
        return _np_scalar
    if issubclass(cls, np.dtype):
        return _np_dtype
    if isinstance(getattr(np, "ufunc", None), type) and issubclass(cls, np.ufunc):
        return _named
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


def _ndarray(walk: Walk, value: Any) -> None:
    import numpy as np

    walk.h.update(b"nd" + _dtype_bytes(value.dtype) + repr(value.shape).encode() + b";")
    if value.dtype.hasobject:
        _object_array(walk, value.reshape(-1))
    else:
        # The whole buffer, in C order; a strided view is copied first.
        walk.h.update(np.ascontiguousarray(value).reshape(-1).view(np.uint8))


def _all_strings(flat: Any) -> bool:
    pd = sys.modules.get("pandas")
    if pd is not None:
        return bool(pd.api.types.infer_dtype(flat, skipna=False) == "string")
    return all(type(x) is str for x in flat)


def _object_array(walk: Walk, flat: Any) -> None:
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
    except _Unhashable as exc:
        exc.path.append(f"[{i}]")
        raise


# -- pandas ---------------------------------------------------------------------------------


def _pandas(cls: type) -> Handler | None:
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
        (type(pd.NaT), _singleton(b"NaT")),
        (type(pd.NA), _singleton(b"NA")),
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
        except _Unhashable as exc:
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
        _ndarray(walk, series.to_numpy())  # no copy for numeric columns
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
            _ndarray(walk, codes)
    elif isinstance(index.dtype, pd.api.extensions.ExtensionDtype):
        _pd_values(walk, index.array)
    else:
        _ndarray(walk, index.to_numpy())


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
        _ndarray(walk, np.asarray(values.codes))
        return
    mask = np.asarray(values.isna(), dtype=bool)
    walk.h.update(mask.view(np.uint8))
    missing = bool(mask.any())
    present = values[~mask] if missing else values
    numpy_dtype = getattr(dtype, "numpy_dtype", None)
    if isinstance(numpy_dtype, np.dtype) and numpy_dtype.kind in "biufc":
        _ndarray(walk, present.to_numpy(dtype=numpy_dtype))
    elif hasattr(present, "asi8"):  # datetimes with a zone, timedeltas, periods
        _ndarray(walk, np.asarray(present.asi8))
    else:  # strings (vectorized), or element by element
        _object_array(walk, present.to_numpy(dtype=object))
    if missing:  # which kind of missing (None, NaN, NA, NaT) each one is
        nulls = list(values[mask])
        flat = np.empty(len(nulls), dtype=object)
        flat[:] = nulls
        _object_array(walk, flat)


# -- param ---------------------------------------------------------------------------------


def _param(cls: type) -> Handler | None:
    param = sys.modules.get("param")
    if param is None or not issubclass(cls, param.Parameterized):
        return None
    tag = b"PZ" + qualified_name(cls).encode() + b"("
    # param names unnamed instances "ClassName00012": that is identity, not content.
    automatic = re.compile(re.escape(cls.__name__) + r"\d{5}")

    def handler(walk: Walk, value: Any) -> None:
        # Parameters named with a leading underscore are private state, left out as
        # arguments with such names are.
        if not walk.enter(value):
            return
        try:
            walk.h.update(tag)
            for name, item in value.param.values().items():
                if name.startswith("_") or (name == "name" and isinstance(item, str)
                                            and automatic.fullmatch(item)):
                    continue
                walk.h.update(name.encode() + b"=")
                walk.feed_at(item, f".{name}")
        finally:
            walk.leave(value)

    return handler
