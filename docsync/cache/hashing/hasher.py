"""``ValueHasher``: feeds values into a hash by content, per a table of handlers by type."""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import decimal
import enum
import fractions
import pathlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from docsync.app_module import stable_module_name
from docsync.cache.hashing.arrays import numpy_handler
from docsync.cache.hashing.builtin import (
    BUILTINS,
    a_type,
    dataclass,
    enum_member,
    path,
    temporal,
    typed,
)
from docsync.cache.hashing.frames import pandas_handler
from docsync.cache.hashing.objects import file_handler, param_handler
from docsync.cache.hashing.walk import (
    Handler,
    HashFuncs,
    Unhashable,
    Walk,
    qualified_name,
)
from docsync.exceptions import UnhashableError

__all__ = ["ValueHasher"]


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
            cls: handler for cls, handler in {**BUILTINS, **self._extra}.items()
            if self._custom(cls) is None}

    def feed(self, h: Any, value: Any, *, name: str, owner: str,
             kind: str = "argument") -> None:
        """Feed ``value`` into ``h``; on failure raise :class:`UnhashableError` naming
        ``kind`` ``name`` of ``owner`` (the cached function) and the fixes."""
        try:
            Walk(self, h).feed(value)
        except Unhashable as exc:
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
        except Unhashable as exc:
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


def _message(exc: Unhashable, *, name: str, owner: str, kind: str) -> str:
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
    raise Unhashable(value)


def _via_hash_func(fn: Callable[[Any], Any], cls: type) -> Handler:
    tag = b"H" + qualified_name(cls).encode() + b";"

    def handler(walk: Walk, value: Any) -> None:
        stand_in = fn(value)
        if stand_in is value:
            raise Unhashable(value, "its hash_funcs function returned the value itself")
        walk.h.update(tag)
        plain = Walk(walk.hasher.plain, walk.h)
        plain.active = walk.active
        plain.feed(stand_in)

    return handler



def _family(cls: type, extra: Mapping[type, Handler]) -> Handler | None:
    """The handler for a type not in the table by exact type: libraries, then the
    built-in families by subclass."""
    for resolver in (numpy_handler, pandas_handler, param_handler, file_handler):
        handler = resolver(cls)
        if handler is not None:
            return handler
    if issubclass(cls, enum.Enum):
        return enum_member
    if dc.is_dataclass(cls):
        return dataclass(cls)
    for base, handler in extra.items():
        if issubclass(cls, base):
            return handler
    if issubclass(cls, pathlib.PurePath):
        return path
    if issubclass(cls, (dt.date, dt.time)):
        return typed(cls, temporal)
    for base in (bool, int, float, complex, str, bytes, tuple, list, dict, set, frozenset,
                 dt.timedelta, decimal.Decimal, fractions.Fraction):
        if issubclass(cls, base):
            return typed(cls, BUILTINS[base])
    if issubclass(cls, type):
        return a_type
    return None
