"""The memory backend: live objects, sizes, expiry on an injected clock."""

from __future__ import annotations

import numpy as np

from docsync.cache.backends.base import MISSING
from docsync.cache.backends.memory import MemoryBackend, MemoryStore


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_values_are_the_stored_objects_and_sizes_are_counted():
    store = MemoryStore()
    array = np.zeros(1000)
    store.set("a", array, ttl=None)
    assert store.get("a") is array
    entries, size = store.stats()
    assert entries == 1 and size >= array.nbytes
    store.set("a", np.zeros(10), ttl=None)  # replaced: the old size is given back
    assert store.stats()[1] < array.nbytes
    store.delete("a")
    assert store.stats() == (0, 0) and store.get("a") is MISSING


def test_expiry_follows_the_clock_and_sweep_says_when_to_come_back():
    clock = Clock()
    store = MemoryStore(clock=clock)
    store.set("soon", 1, ttl=5)
    store.set("later", 2, ttl=50)
    store.set("never", 3, ttl=None)
    assert store.sweep() == 5
    clock.now += 5
    assert store.get("soon") is MISSING  # expired even before a sweep
    assert store.sweep() == 45 and store.stats()[0] == 2
    store.set("later", 4, ttl=1)  # renewed with a shorter TTL: the old expiry is stale
    clock.now += 1
    assert store.sweep() is None and store.stats()[0] == 1
    assert store.get("never") == 3


def test_max_items_zero_keeps_nothing():
    store = MemoryStore(max_items=0)
    store.set("a", 1, ttl=None)
    assert store.get("a") is MISSING


def test_the_backend_clears_every_store_it_made():
    backend = MemoryBackend()
    stores = [backend.store(name, max_items=None, policy="lru") for name in "ab"]
    for store in stores:
        store.set("k", 1, ttl=None)
    backend.clear()
    assert [s.stats()[0] for s in stores] == [0, 0]
