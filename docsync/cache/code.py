"""The code part of a cache key: a function's code and what it uses from its own module.

Editing a helper the cached function calls (in the same module) changes the key, so stale
results are never served after an edit or an autoreload; editing a comment does not, since
bytecode carries no comments.
"""

from __future__ import annotations

import enum
import hashlib
import types
from collections.abc import Iterator
from typing import Any

from docsync.app_module import stable_module_name
from docsync.cache.hashing import ValueHasher, qualified_name

__all__ = ["FunctionCode", "is_constant"]

_ABSENT = object()
#: Module-level values that count as code (a threshold, a file name): immutable and cheap.
_CONSTANT_TYPES = (type(None), bool, int, float, complex, str, bytes)


def is_constant(value: Any) -> bool:
    """True for immutable values a module uses like code: numbers, strings, bytes, enum
    members, and tuples and frozensets of those."""
    if isinstance(value, _CONSTANT_TYPES):
        return True
    if isinstance(value, (tuple, frozenset)):
        return len(value) <= 64 and all(is_constant(item) for item in value)
    return isinstance(value, enum.Enum)


class FunctionCode:
    """The digest of one function's code, recomputed when a global name it reads is rebound.

    The digest covers, recursively: the function's bytecode, constants and names (nested
    functions and lambdas included); the functions and classes of the same module that it
    names (classes by their methods); module-level constants it names (numbers, strings,
    tuples of them, enum members); for a method, the methods of its class that it names.

    Not covered here: closure values and default arguments (part of each call's key),
    mutable module-level objects (mutating a global list is not detected), and code in
    other modules (a library upgrade is not detected; clear the cache).

    :meth:`digest` is cheap after the first call: it checks by identity that every global
    name the digest read is still bound to the same object. Thread-safe.
    """

    def __init__(self, fn: types.FunctionType, hasher: ValueHasher | None = None) -> None:
        self.fn = fn
        self._hasher = hasher or ValueHasher()
        self._state: tuple[bytes, tuple[tuple[dict[str, Any], str, Any], ...]] | None = None

    def digest(self) -> bytes:
        state = self._state
        if state is not None:
            digest, watched = state
            for namespace, name, value in watched:
                if namespace.get(name, _ABSENT) is not value:
                    break
            else:
                return digest
        state = self._compute()
        self._state = state
        return state[0]

    def _compute(self) -> tuple[bytes, tuple[tuple[dict[str, Any], str, Any], ...]]:
        h = hashlib.sha256()
        watched: list[tuple[dict[str, Any], str, Any]] = []
        _Digest(h, self._hasher, watched).function(self.fn)
        return h.digest(), tuple(watched)


class _Digest:
    """One computation of a function's code digest."""

    def __init__(self, h: Any, hasher: ValueHasher,
                 watched: list[tuple[dict[str, Any], str, Any]]) -> None:
        self.h = h
        self.hasher = hasher
        self.watched = watched
        self.seen: set[int] = set()

    def function(self, fn: types.FunctionType) -> None:
        self.h.update(b"F" + _name(fn).encode() + b";")
        if id(fn) in self.seen:  # recursion, or a helper already covered
            return
        self.seen.add(id(fn))
        self.code(fn.__code__)
        namespace = fn.__globals__
        names = list(dict.fromkeys(_names(fn.__code__)))
        for name in names:
            value = namespace.get(name, _ABSENT)
            self.watched.append((namespace, name, value))
            self.global_value(name, value, namespace)
        owner = _owner_class(fn)
        if owner is not None:
            for name in names:
                member = _function_of(owner.__dict__.get(name))
                if member is not None:
                    self.h.update(b"M" + name.encode() + b";")
                    self.function(member)

    def global_value(self, name: str, value: Any, namespace: dict[str, Any]) -> None:
        if value is _ABSENT:
            return
        fn = _function_of(value)
        if fn is not None and fn.__globals__ is namespace:
            self.h.update(b"G" + name.encode() + b";")
            self.function(fn)
        elif isinstance(value, type) and value.__module__ == namespace.get("__name__"):
            self.h.update(b"G" + name.encode() + b";")
            self.cls(value, namespace)
        elif is_constant(value):
            self.h.update(b"C" + name.encode() + b";")
            self.hasher.walk(self.h).feed(value)

    def cls(self, cls: type, namespace: dict[str, Any]) -> None:
        self.h.update(b"K" + qualified_name(cls).encode() + b";")
        if id(cls) in self.seen:
            return
        self.seen.add(id(cls))
        for base in cls.__bases__:
            if base.__module__ == namespace.get("__name__"):
                self.cls(base, namespace)
        for attr, member in list(vars(cls).items()):
            fn = _function_of(member)
            if fn is not None and fn.__globals__ is namespace:
                self.h.update(b"m" + attr.encode() + b";")
                self.function(fn)
            elif not attr.startswith("__") and is_constant(member):
                self.h.update(b"c" + attr.encode() + b";")
                self.hasher.walk(self.h).feed(member)

    def code(self, code: types.CodeType) -> None:
        # co_code has no line numbers or comments; the constants include nested code.
        self.h.update(b"%d,%d,%d,%d;" % (code.co_argcount, code.co_posonlyargcount,
                                         code.co_kwonlyargcount, code.co_flags))
        self.h.update(code.co_code)
        for group in (code.co_names, code.co_varnames, code.co_freevars, code.co_cellvars):
            self.h.update(("\0".join(group) + "\1").encode())
        for const in code.co_consts:
            if isinstance(const, types.CodeType):
                self.h.update(b"code")
                self.code(const)
            else:
                self.hasher.walk(self.h).feed(const)


def _name(fn: types.FunctionType) -> str:
    return f"{stable_module_name(fn.__module__)}.{fn.__qualname__}"


def _names(code: types.CodeType) -> Iterator[str]:
    """Every global or attribute name the code and its nested code objects use."""
    yield from code.co_names
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _names(const)


def _function_of(value: Any) -> types.FunctionType | None:
    """The plain function behind a function, a ds.cache or functools.wraps wrapper, a
    staticmethod, classmethod or property; None for anything else."""
    if isinstance(value, (staticmethod, classmethod)):
        value = value.__func__
    elif isinstance(value, property):
        value = value.fget
    for _ in range(8):
        wrapped = getattr(value, "__wrapped__", None)
        if not isinstance(wrapped, types.FunctionType):
            break
        value = wrapped
    return value if isinstance(value, types.FunctionType) else None


def _owner_class(fn: types.FunctionType) -> type | None:
    """The class a method is defined in, found from its qualified name (None for functions
    and for classes defined inside functions)."""
    parts = fn.__qualname__.split(".")
    if len(parts) < 2 or "<locals>" in parts:
        return None
    owner: Any = fn.__globals__.get(parts[0])
    for part in parts[1:-1]:
        owner = getattr(owner, part, None)
    return owner if isinstance(owner, type) else None
