"""The default backend: entries held as live objects in this process."""

from __future__ import annotations

import heapq
import itertools
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

from docsync.cache.backends.base import MISSING, Backend, Store
from docsync.cache.policies import make_policy
from docsync.cache.sizeof import deep_size

__all__ = ["MemoryBackend", "MemoryStore"]


class _Entry:
    __slots__ = ("expires", "serial", "size", "value")

    def __init__(self, value: Any, size: int, expires: float | None, serial: int) -> None:
        self.value = value
        self.size = size
        self.expires = expires
        self.serial = serial


class MemoryStore(Store):
    """Entries in a dict, evicted per a :mod:`~docsync.cache.policies` policy; expiry
    times on a heap, so :meth:`sweep` costs only what it frees. ``clock`` is monotonic
    seconds (injectable for tests)."""

    def __init__(self, *, max_items: int | None = None, policy: str = "lru",
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_items = max_items
        self._policy = make_policy(policy)
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[str, _Entry] = {}
        self._expiries: list[tuple[float, int, str]] = []  # (expires, serial, key)
        self._serials = itertools.count()
        self._bytes = 0

    def get(self, key: str) -> Any:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return MISSING
            if entry.expires is not None and entry.expires <= self._clock():
                self._remove(key)
                return MISSING
            self._policy.accessed(key)
            return entry.value

    def set(self, key: str, value: Any, *, ttl: float | None) -> None:
        if self.max_items == 0:
            return
        size = deep_size(value)
        with self._lock:
            expires = None if ttl is None else self._clock() + ttl
            entry = _Entry(value, size, expires, next(self._serials))
            old = self._entries.get(key)
            if old is None:
                # Make room first: the new entry is never its own victim (under lfu it
                # would be, with the fewest uses).
                while self.max_items is not None and len(self._entries) >= self.max_items:
                    self._remove(self._policy.victim())
                self._policy.inserted(key)
            else:
                self._bytes -= old.size
                self._policy.accessed(key)
            self._entries[key] = entry
            self._bytes += size
            if expires is not None:
                heapq.heappush(self._expiries, (expires, entry.serial, key))

    def delete(self, key: str) -> None:
        with self._lock:
            if key in self._entries:
                self._remove(key)

    def clear(self) -> None:
        with self._lock:
            for key in list(self._entries):
                self._remove(key)
            self._expiries.clear()

    def sweep(self) -> float | None:
        with self._lock:
            now = self._clock()
            heap = self._expiries
            while heap:
                expires, serial, key = heap[0]
                entry = self._entries.get(key)
                live = entry is not None and entry.serial == serial
                if live and expires > now:
                    break
                heapq.heappop(heap)  # expired, or stale (the key was replaced or removed)
                if live:
                    self._remove(key)
            if len(heap) > 2 * len(self._entries) + 64:  # mostly stale: overwritten keys
                heap[:] = [item for item in heap if (e := self._entries.get(item[2]))
                           is not None and e.serial == item[1]]
                heapq.heapify(heap)
            return heap[0][0] - now if heap else None

    def stats(self) -> tuple[int, int]:
        with self._lock:
            return len(self._entries), self._bytes

    def _remove(self, key: str) -> None:
        entry = self._entries.pop(key)
        self._bytes -= entry.size
        self._policy.removed(key)


class MemoryBackend(Backend):
    """Stores in this process; each :meth:`store` call makes a new, empty store."""

    name = "memory"

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._stores: weakref.WeakSet[MemoryStore] = weakref.WeakSet()
        self._lock = threading.Lock()

    def store(self, name: str, *, max_items: int | None, policy: str) -> MemoryStore:
        store = MemoryStore(max_items=max_items, policy=policy, clock=self._clock)
        with self._lock:
            self._stores.add(store)
        return store

    def clear(self) -> None:
        with self._lock:
            stores = list(self._stores)
        for store in stores:
            store.clear()
