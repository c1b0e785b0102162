"""The key of one call: the function's code, its closure values, the session (when cached
per session) and every argument by content, defaults applied.

Parameters (and closure variables) whose name starts with ``_`` are left out of the key,
Streamlit's convention for connections, clients and other things with no content hash.
"""

from __future__ import annotations

import hashlib
import inspect
import threading
import types
import weakref
from collections.abc import Callable, Mapping
from typing import Any

from docsync.cache.code import FunctionCode
from docsync.cache.hashing import HashFuncs, ValueHasher, Walk

__all__ = ["Binder", "KeyMaker"]

_P = inspect.Parameter


class Binder:
    """Maps a call's arguments to ``(name, value)`` pairs in signature order, defaults
    applied, names with a leading underscore left out. A call the function would refuse
    raises the same ``TypeError`` as calling it."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self._signature = inspect.signature(fn)
        params = list(self._signature.parameters.values())
        self._kinds = {p.name: p.kind for p in params}
        # The common case (plain and keyword-only parameters) binds without
        # inspect.Signature.bind, which alone would cost more than a whole cache hit.
        self._simple = all(p.kind in (_P.POSITIONAL_OR_KEYWORD, _P.KEYWORD_ONLY)
                           for p in params)
        self._names = tuple(p.name for p in params)
        self._positional = tuple(p.name for p in params
                                 if p.kind is _P.POSITIONAL_OR_KEYWORD)
        self._defaults = {p.name: p.default for p in params if p.default is not p.empty}
        self._hashed = tuple(name for name in self._names if not name.startswith("_"))

    def bind(self, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> list[tuple[str, Any]]:
        if self._simple and len(args) <= len(self._positional):
            bound = dict(zip(self._positional, args, strict=False))
            for name, value in kwargs.items():
                if name in bound or name not in self._kinds:
                    return self._bind_slowly(args, kwargs)
                bound[name] = value
            if len(bound) < len(self._names):
                for name in self._names:
                    if name not in bound:
                        if name not in self._defaults:
                            return self._bind_slowly(args, kwargs)
                        bound[name] = self._defaults[name]
            return [(name, bound[name]) for name in self._hashed]
        return self._bind_slowly(args, kwargs)

    def _bind_slowly(self, args: tuple[Any, ...],
                     kwargs: Mapping[str, Any]) -> list[tuple[str, Any]]:
        bound = self._signature.bind(*args, **kwargs)
        bound.apply_defaults()
        pairs: list[tuple[str, Any]] = []
        for name, value in bound.arguments.items():
            if name.startswith("_"):
                continue
            if self._kinds[name] is _P.VAR_KEYWORD:
                # **kwargs: order-free, each keyword under its own name.
                pairs.extend((f"**{key}", value[key]) for key in sorted(value)
                             if not key.startswith("_"))
            else:
                pairs.append((name, value))
        return pairs


class KeyMaker:
    """Makes the keys of one cached function. Thread-safe."""

    def __init__(self, fn: types.FunctionType, *, hash_funcs: HashFuncs | None = None) -> None:
        self.fn = fn
        self.label = fn.__qualname__
        self._codes: weakref.WeakKeyDictionary[types.FunctionType, FunctionCode] = (
            weakref.WeakKeyDictionary())
        self._codes_lock = threading.Lock()
        self.hasher = ValueHasher(hash_funcs, extra={types.FunctionType: self._function_value,
                                                     _EmptyCell: _empty_cell})
        self.code = FunctionCode(fn, self.hasher)
        self._binder = Binder(fn)
        self._has_closure = bool(fn.__closure__)

    def key(self, args: tuple[Any, ...], kwargs: Mapping[str, Any], *,
            code: bytes | None = None, session_id: str | None = None) -> str:
        """The key (hex) of ``fn(*args, **kwargs)`` in the session ``session_id``;
        ``code`` is ``self.code.digest()`` if the caller has it already."""
        h = hashlib.sha256(code if code is not None else self.code.digest())
        if session_id is not None:
            h.update(b"session:" + session_id.encode() + b";")
        if self._has_closure:
            self.hasher.feed_named(h, _cells(self.fn), owner=self.label,
                                   kind="closure variable")
        self.hasher.feed_named(h, self._binder.bind(args, kwargs), owner=self.label)
        return h.hexdigest()

    def _code_of(self, fn: types.FunctionType) -> FunctionCode:
        with self._codes_lock:
            code = self._codes.get(fn)
            if code is None:
                code = self._codes[fn] = FunctionCode(fn, self.hasher)
            return code

    def _function_value(self, walk: Walk, fn: types.FunctionType) -> None:
        """A function passed as an argument (or held in a closure): its code digest, its
        defaults and its closure values, so two closures over different values differ."""
        if getattr(fn, "__docsync_cache__", None) is not None:
            fn = fn.__wrapped__  # type: ignore[attr-defined]
        if not walk.enter(fn):
            return
        try:
            walk.h.update(b"fn" + self._code_of(fn).digest())
            walk.feed_at(fn.__defaults__, ".__defaults__")
            walk.feed_at(fn.__kwdefaults__, ".__kwdefaults__")
            if fn.__closure__:
                _closure(walk, fn)
        finally:
            walk.leave(fn)


class _EmptyCell:
    """The value of a closure variable not assigned yet."""


_EMPTY_CELL = _EmptyCell()


def _cells(fn: types.FunctionType) -> list[tuple[str, Any]]:
    """``(name, value)`` of the closure variables that take part in the key."""
    cells = []
    for name, cell in zip(fn.__code__.co_freevars, fn.__closure__ or (), strict=True):
        if not name.startswith("_"):
            try:
                cells.append((name, cell.cell_contents))
            except ValueError:  # not assigned yet
                cells.append((name, _EMPTY_CELL))
    return cells


def _empty_cell(walk: Walk, value: _EmptyCell) -> None:
    walk.h.update(b"<empty>")


def _closure(walk: Walk, fn: types.FunctionType) -> None:
    for name, contents in _cells(fn):
        walk.h.update(b"cell:" + name.encode() + b"=")
        walk.feed_at(contents, f".<closure {name}>")
