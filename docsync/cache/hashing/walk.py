"""One hashing pass (:class:`Walk`) and the signal a walk raises inside itself."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from docsync.app_module import stable_module_name

if TYPE_CHECKING:
    from docsync.cache.hashing.hasher import ValueHasher

__all__ = ["Handler", "HashFuncs", "Unhashable", "Walk", "qualified_name"]

#: ``{type or "module.Qualname": fn}``: ``fn(value)`` returns something that stands for
#: ``value`` in the key, itself hashed by the built-in rules.
HashFuncs = Mapping[Any, Callable[[Any], Any]]
#: A table entry: feeds one value into ``walk.h`` (calling ``walk.feed`` for parts).
Handler = Callable[["Walk", Any], None]


class Unhashable(Exception):
    """Raised inside a walk; the top of the walk turns it into
    :class:`~docsync.exceptions.UnhashableError`, after each container on the way up has
    added its part of the path."""

    # Not in docsync.exceptions: it never leaves the hashing package (ValueHasher turns it
    # into UnhashableError), and it carries a half-built path no caller could use.

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
        except Unhashable as exc:
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
