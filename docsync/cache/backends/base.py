"""The interface every cache backend implements: memory and disk here, Redis on top of it.

A :class:`Backend` holds the entries of many cached functions; :meth:`Backend.store` hands
out one :class:`Store` per function (its namespace, with its ``max_items`` and policy). The
cache calls a store like this on each call, from any thread::

    value = store.get(key)                 # MISSING on a miss or after expiry
    if value is MISSING:                   # (one caller per key per process gets here)
        with store.lease(key) as found:    # one caller per key across processes
            if found is MISSING:
                value = compute()
                store.set(key, value, ttl=ttl)
            else:
                value = found              # another process stored it meanwhile

and from coroutines the same with ``aget``, ``aset`` and ``alease``, whose defaults call the
synchronous methods (right for memory and a local file; a network backend overrides them).
A background sweeper calls :meth:`Store.sweep` to free expired entries as they expire.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any, Final

__all__ = ["MISSING", "Backend", "Store"]


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


#: Returned by :meth:`Store.get` for "no value", since ``None`` is a value.
MISSING: Final[Any] = _Missing()


class Store(ABC):
    """One cached function's entries in a backend. Every method is thread-safe."""

    #: True when :meth:`get` returns a new object on each call (the value is serialized),
    #: so ``copy=True`` needs no further copy.
    returns_copies: bool = False

    @abstractmethod
    def get(self, key: str) -> Any:
        """The value stored under ``key``, or :data:`MISSING` if there is none or it has
        expired. Counts as a use for the eviction policy."""

    @abstractmethod
    def set(self, key: str, value: Any, *, ttl: float | None) -> None:
        """Store ``value`` for ``ttl`` seconds (None: until evicted or cleared), evicting
        per the policy if the store now holds more than its ``max_items``."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Drop ``key`` if present."""

    @abstractmethod
    def clear(self) -> None:
        """Drop every entry of this store."""

    @abstractmethod
    def sweep(self) -> float | None:
        """Drop the entries that have expired; return the seconds until the next one
        expires, or None if no entry has a TTL (or the backend expires entries itself, as
        Redis does)."""

    @abstractmethod
    def stats(self) -> tuple[int, int]:
        """``(entries, bytes)`` held now (bytes approximate for in-memory values)."""

    @contextmanager
    def lease(self, key: str) -> Iterator[Any]:
        """Single flight across processes. Entered by the one caller in this process that
        is about to compute ``key``; yields :data:`MISSING` when the caller holds the right
        to compute (it must :meth:`set` the value before leaving the block, or raise), or
        the value another process stored while this one waited, to be used as is. An
        implementation must look for the value again once it holds the lock: the previous
        holder stores the value, then lets go.

        This default is for backends used by one process, where the in-process single
        flight already admits one caller per key: it yields MISSING at once. A shared
        backend (Redis) takes a lock that expires, and makes the others wait for the value.
        """
        yield MISSING

    async def aget(self, key: str) -> Any:
        return self.get(key)

    async def aset(self, key: str, value: Any, *, ttl: float | None) -> None:
        self.set(key, value, ttl=ttl)

    @asynccontextmanager
    async def alease(self, key: str) -> AsyncIterator[Any]:
        """:meth:`lease` for coroutines."""
        with self.lease(key) as found:
            yield found


class Backend(ABC):
    """Where the entries of a :class:`~docsync.cache.registry.Cache` live."""

    #: The name ``@ds.cache(backend=...)`` selects this backend by.
    name: str = ""

    @abstractmethod
    def store(self, name: str, *, max_items: int | None, policy: str) -> Store:
        """The store of the cached function ``name`` (``module.qualname``). Asking again
        for the same name gives a store over the same entries where the backend persists
        them (disk, Redis), a new empty one in memory."""

    @abstractmethod
    def clear(self) -> None:
        """Drop every entry of every function this backend holds."""

    def close(self) -> None:  # noqa: B027 (optional: most backends hold nothing to close)
        """Release files and connections; the backend is not used afterwards."""
