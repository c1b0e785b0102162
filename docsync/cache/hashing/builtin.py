"""Handlers of the built-in types: numbers, text, containers, dates, and the like."""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import decimal
import enum
import fractions
import functools
import pathlib
import struct
import types
import uuid
from collections.abc import Mapping
from typing import Any

from docsync.cache.hashing.walk import Handler, Unhashable, Walk, qualified_name

__all__ = ["BUILTINS", "a_type", "dataclass", "enum_member", "named", "path", "singleton",
           "temporal", "typed"]

_DOUBLE = struct.Struct("<d")


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


def string(walk: Walk, value: str) -> None:
    data = value.encode("utf-8", "surrogatepass")
    walk.h.update(b"s%d:" % len(data))
    walk.h.update(data)


def byte_string(tag: bytes) -> Handler:
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
        except Unhashable as exc:
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
        except Unhashable as exc:
            exc.path.append(" (an element)")
            raise
        finally:
            walk.leave(value)
        walk.h.update(b"%b%d{" % (tag, len(digests)))
        walk.h.update(b"".join(digests))
    return handler


def typed(cls: type, base: Handler) -> Handler:
    """Subclasses of built-in types (namedtuples, str enums' cousins): type, then content."""
    tag = b"<" + qualified_name(cls).encode() + b">"

    def handler(walk: Walk, value: Any) -> None:
        walk.h.update(tag)
        base(walk, value)
    return handler


def enum_member(walk: Walk, value: enum.Enum) -> None:
    walk.h.update(b"E" + qualified_name(type(value)).encode() + b".")
    if value.name is not None:
        walk.h.update(value.name.encode())
    else:  # a composite Flag without a name
        walk.feed(value.value)


def dataclass(cls: type) -> Handler:
    names = tuple(f.name for f in dc.fields(cls))
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


def temporal(walk: Walk, value: dt.date | dt.time) -> None:
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


def path(walk: Walk, value: pathlib.PurePath) -> None:
    walk.h.update(b"P" + qualified_name(type(value)).encode() + b"|")
    string(walk, str(value))


def _range(walk: Walk, value: range) -> None:
    walk.h.update(b"r%d,%d,%d;" % (value.start, value.stop, value.step))


def _slice(walk: Walk, value: slice) -> None:
    walk.h.update(b"sl")
    walk.feed((value.start, value.stop, value.step))


def singleton(tag: bytes) -> Handler:
    def handler(walk: Walk, value: Any) -> None:
        walk.h.update(tag)
    return handler


def a_type(walk: Walk, value: type) -> None:
    walk.h.update(b"ty" + qualified_name(value).encode() + b";")


def named(walk: Walk, value: Any) -> None:
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


BUILTINS: dict[type, Handler] = {
    type(None): _none,
    bool: _bool,
    int: _int,
    float: _float,
    complex: _complex,
    str: string,
    bytes: byte_string(b"b"),
    bytearray: byte_string(b"ba"),
    tuple: _sequence(b"(", mutable=False),
    list: _sequence(b"[", mutable=True),
    dict: _mapping,
    set: _set(b"set"),
    frozenset: _set(b"fset"),
    range: _range,
    slice: _slice,
    type(...): singleton(b"..."),
    type(NotImplemented): singleton(b"NotImpl"),
    dt.datetime: temporal,
    dt.date: temporal,
    dt.time: temporal,
    dt.timedelta: _timedelta,
    uuid.UUID: _uuid,
    decimal.Decimal: _decimal,
    fractions.Fraction: _fraction,
    type: a_type,
    types.BuiltinFunctionType: named,
    types.ModuleType: named,
    types.MethodType: _method,
    functools.partial: _partial,
}


def _memoryview(walk: Walk, value: memoryview) -> None:
    byte_string(b"mv")(walk, value.tobytes())


BUILTINS[memoryview] = _memoryview
