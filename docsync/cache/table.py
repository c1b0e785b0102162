"""One cached function's entries and bookkeeping: its store, single flight, statistics,
and the keys each session added (for ``per_session=True``)."""

from __future__ import annotations

import copy as copying
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docsync.cache.backends.base import MISSING, Store
from docsync.cache.flight import Abandoned, Flight, Role, wait

if TYPE_CHECKING:
    from docsync.runtime.context import SessionContext

__all__ = ["CacheInfo", "CacheTable"]

@dataclass(frozen=True)
class CacheInfo:
    """Statistics of one cached function. ``misses`` counts computations; ``hits`` counts
    calls answered without computing (from the store, or by waiting for another caller's
    computation). ``bytes`` is approximate for the memory backend."""

    hits: int
    misses: int
    entries: int
    bytes: int


class CacheTable:
    """Get-or-compute over a :class:`Store`, with single flight. Thread-safe.

    ``on_ttl`` is called after an entry with a TTL is stored (it wakes the sweeper).
    """

    def __init__(self, name: str, store: Store, *, on_ttl: Callable[[], None]) -> None:
        self.name = name
        self.store = store
        self.flight = Flight()
        self._on_ttl = on_ttl
        self._lock = threading.Lock()
        self._hits = 0
        self._misses = 0
        self._sessions: dict[str, set[str]] = {}
        #: The code digest the entries were computed with (see CachedFunction).
        self.code_digest: bytes | None = None

    # -- the two paths ------------------------------------------------------------------------

    def get_or_compute(self, key: str, compute: Callable[[], Any], *, ttl: float | None,
                       copy: bool, session: SessionContext | None = None) -> Any:
        value = self.store.get(key)
        if value is not MISSING:
            self._count(hit=True)
            return self._give(value, copy, fresh=self.store.returns_copies)
        while True:
            role, future = self.flight.join(key)
            if role is Role.REENTRANT:
                return compute()
            if role is Role.LEADER:
                break
            try:
                value = future.result()
            except Abandoned:
                continue
            self._count(hit=True)
            return self._give(value, copy, fresh=False)
        computed, result = False, None
        try:
            value = self.store.get(key)  # the previous leader may have just stored it
            if value is MISSING:
                with self.store.lease(key) as value:
                    if value is MISSING:
                        result, computed = compute(), True
                        value = copying.deepcopy(result) if copy else result
                        self._keep(key, value, ttl, session)
        except Exception as exc:
            self.flight.fail(key, exc)
            raise
        except BaseException:
            self.flight.abandon(key)
            raise
        self.flight.finish(key, value)
        self._count(hit=not computed)
        if computed:
            return result
        return self._give(value, copy, fresh=self.store.returns_copies)

    async def aget_or_compute(self, key: str, compute: Callable[[], Awaitable[Any]], *,
                              ttl: float | None, copy: bool,
                              session: SessionContext | None = None) -> Any:
        value = await self.store.aget(key)
        if value is not MISSING:
            self._count(hit=True)
            return self._give(value, copy, fresh=self.store.returns_copies)
        while True:
            role, future = self.flight.join(key)
            if role is Role.REENTRANT:
                return await compute()
            if role is Role.LEADER:
                break
            try:
                value = await wait(future)
            except Abandoned:
                continue
            self._count(hit=True)
            return self._give(value, copy, fresh=False)
        computed, result = False, None
        try:
            value = await self.store.aget(key)
            if value is MISSING:
                async with self.store.alease(key) as value:
                    if value is MISSING:
                        result, computed = await compute(), True
                        value = copying.deepcopy(result) if copy else result
                        await self._akeep(key, value, ttl, session)
        except Exception as exc:
            self.flight.fail(key, exc)
            raise
        except BaseException:  # cancelled: a waiter takes over
            self.flight.abandon(key)
            raise
        self.flight.finish(key, value)
        self._count(hit=not computed)
        if computed:
            return result
        return self._give(value, copy, fresh=self.store.returns_copies)

    # -- bookkeeping ----------------------------------------------------------------------

    def info(self) -> CacheInfo:
        entries, size = self.store.stats()
        with self._lock:
            return CacheInfo(hits=self._hits, misses=self._misses, entries=entries,
                             bytes=size)

    def clear(self) -> None:
        """Drop every entry and reset the statistics (as ``functools.lru_cache`` does)."""
        self.store.clear()
        with self._lock:
            self._hits = self._misses = 0
            self._sessions.clear()

    def drop_session(self, session_id: str) -> None:
        """Drop the entries the session ``session_id`` added (it was destroyed)."""
        with self._lock:
            keys = self._sessions.pop(session_id, set())
        for key in keys:
            self.store.delete(key)

    def _count(self, *, hit: bool) -> None:
        with self._lock:
            if hit:
                self._hits += 1
            else:
                self._misses += 1

    @staticmethod
    def _give(value: Any, copy: bool, *, fresh: bool) -> Any:
        return copying.deepcopy(value) if copy and not fresh else value

    def _keep(self, key: str, value: Any, ttl: float | None,
              session: SessionContext | None) -> None:
        if session is not None and not self._track(key, session):
            return
        self.store.set(key, value, ttl=ttl)
        self._stored(key, ttl, session)

    async def _akeep(self, key: str, value: Any, ttl: float | None,
                     session: SessionContext | None) -> None:
        if session is not None and not self._track(key, session):
            return
        await self.store.aset(key, value, ttl=ttl)
        self._stored(key, ttl, session)

    def _track(self, key: str, session: SessionContext) -> bool:
        """Note that ``session`` adds ``key``; False if the session is already destroyed
        (then nothing is stored: no hook would ever drop it)."""
        with self._lock:
            if session.closed:
                return False
            first = session.id not in self._sessions
            self._sessions.setdefault(session.id, set()).add(key)
        if first:
            session.on_destroyed(lambda ctx: self.drop_session(ctx.id))
        return True

    def _stored(self, key: str, ttl: float | None, session: SessionContext | None) -> None:
        if ttl is not None:
            self._on_ttl()
        # destroy() runs the hooks it saw when it started: if it started while this entry
        # was stored, the hook registered above may never run, so drop it here.
        if session is not None and session.closed:
            self.drop_session(session.id)
