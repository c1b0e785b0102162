"""Handlers of objects hashed by their state: ``param`` objects, in-memory files."""

from __future__ import annotations

import io
import re
import sys
from typing import Any

from docsync.cache.hashing.walk import Handler, Unhashable, Walk, qualified_name

__all__ = ["file_handler", "param_handler"]


def param_handler(cls: type) -> Handler | None:
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


def file_handler(cls: type) -> Handler | None:
    """``StringIO`` and ``BytesIO`` by their whole content and their position (what a
    function reading them sees); any other file refuses, since what it would read is on
    disk or on the wire and not in the object."""
    if issubclass(cls, (io.StringIO, io.BytesIO)):
        return _memory_file
    if issubclass(cls, io.IOBase):
        return _open_file
    return None


def _memory_file(walk: Walk, value: io.StringIO | io.BytesIO) -> None:
    walk.h.update(b"IO" + qualified_name(type(value)).encode() + b"@%d;" % value.tell())
    walk.feed(value.getvalue())


def _open_file(walk: Walk, value: io.IOBase) -> None:
    raise Unhashable(value, "an open file's content is not in the object (pass its path, "
                            "or its bytes, instead)")
