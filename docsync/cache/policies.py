"""Eviction policies: which entry leaves when a cache holds more than ``max_items``.

``lru`` evicts the least recently used entry, ``lfu`` the least frequently used (the least
recently used among equals), ``fifo`` the oldest. Each operation is O(1).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import OrderedDict

__all__ = ["FIFO", "LFU", "LRU", "POLICIES", "Policy", "check_policy", "make_policy"]


class Policy(ABC):
    """Tracks the keys of one store; not thread-safe (the store holds its lock)."""

    @abstractmethod
    def inserted(self, key: str) -> None:
        """A new key was stored."""

    @abstractmethod
    def accessed(self, key: str) -> None:
        """A stored key was read (or stored again)."""

    @abstractmethod
    def removed(self, key: str) -> None:
        """A stored key left, for whatever reason."""

    @abstractmethod
    def victim(self) -> str:
        """The key to evict next; the store must hold at least one."""


class LRU(Policy):
    def __init__(self) -> None:
        self._order: OrderedDict[str, None] = OrderedDict()

    def inserted(self, key: str) -> None:
        self._order[key] = None

    def accessed(self, key: str) -> None:
        self._order.move_to_end(key)

    def removed(self, key: str) -> None:
        self._order.pop(key, None)

    def victim(self) -> str:
        return next(iter(self._order))


class FIFO(LRU):
    def accessed(self, key: str) -> None:
        pass  # reading does not renew an entry


class LFU(Policy):
    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        # count -> keys with that count, least recently used first
        self._buckets: dict[int, OrderedDict[str, None]] = {}
        self._least = 0

    def inserted(self, key: str) -> None:
        self._counts[key] = 1
        self._buckets.setdefault(1, OrderedDict())[key] = None
        self._least = 1

    def accessed(self, key: str) -> None:
        count = self._counts[key]
        bucket = self._buckets[count]
        del bucket[key]
        if not bucket:
            del self._buckets[count]
            if self._least == count:
                self._least = count + 1
        self._counts[key] = count + 1
        self._buckets.setdefault(count + 1, OrderedDict())[key] = None

    def removed(self, key: str) -> None:
        count = self._counts.pop(key, None)
        if count is None:
            return
        bucket = self._buckets[count]
        del bucket[key]
        if not bucket:
            del self._buckets[count]
            if self._least == count:
                self._least = min(self._buckets, default=0)

    def victim(self) -> str:
        if self._least not in self._buckets:
            self._least = min(self._buckets)
        return next(iter(self._buckets[self._least]))


POLICIES: dict[str, type[Policy]] = {"lru": LRU, "lfu": LFU, "fifo": FIFO}


def check_policy(name: str) -> str:
    """``name`` as a key of :data:`POLICIES`; Panel's upper-case names (``"LRU"``) too."""
    key = name.lower() if isinstance(name, str) else name
    if key not in POLICIES:
        raise ValueError(f"policy must be one of {', '.join(map(repr, POLICIES))} (in "
                         f"either case), not {name!r}")
    return key


def make_policy(name: str) -> Policy:
    return POLICIES[check_policy(name)]()
