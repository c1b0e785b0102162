"""Eviction order per policy, in the policy objects and in both stores."""

from __future__ import annotations

import pytest

from docsync.cache.backends.base import MISSING
from docsync.cache.backends.disk import DiskBackend
from docsync.cache.backends.memory import MemoryStore
from docsync.cache.policies import make_policy

# Insert a, b, c; use b three times, then c, then a. Then d comes in and one must go:
# lru evicts b (least recently used), lfu evicts c (b is used most; c and a tie, c is
# older), fifo evicts a (first in).
USES = ["b", "b", "b", "c", "a"]
EVICTED = {"lru": "b", "lfu": "c", "fifo": "a"}


@pytest.mark.parametrize("policy", sorted(EVICTED))
def test_policy_objects_pick_the_victim(policy):
    p = make_policy(policy)
    for key in "abc":
        p.inserted(key)
    for key in USES:
        p.accessed(key)
    assert p.victim() == EVICTED[policy]
    p.removed(EVICTED[policy])
    p.inserted("d")
    remaining = sorted(set("abcd") - {EVICTED[policy]})
    order = []
    for _ in remaining:
        victim = p.victim()
        order.append(victim)
        p.removed(victim)
    assert sorted(order) == remaining


def test_lfu_evicts_in_frequency_then_recency_order():
    p = make_policy("lfu")
    for key in "abcd":
        p.inserted(key)
    for key in ["d", "d", "d", "a", "a", "c", "b"]:
        p.accessed(key)
    order = []
    for _ in range(4):
        order.append(p.victim())
        p.removed(order[-1])
    assert order == ["c", "b", "a", "d"]


def test_unknown_policies_are_refused():
    with pytest.raises(ValueError, match="'lru', 'lfu', 'fifo'"):
        make_policy("random")


@pytest.fixture
def disk(tmp_path):
    backend = DiskBackend(tmp_path / "c.sqlite3")
    yield backend
    backend.close()


@pytest.mark.parametrize("kind", ["memory", "disk"])
@pytest.mark.parametrize("policy", sorted(EVICTED))
def test_stores_evict_per_policy(policy, kind, disk):
    store = (MemoryStore(max_items=3, policy=policy) if kind == "memory"
             else disk.store("f", max_items=3, policy=policy))
    for key in "abc":
        store.set(key, key.upper(), ttl=None)
    for key in USES:
        assert store.get(key) == key.upper()
    store.set("d", "D", ttl=None)
    assert store.stats()[0] == 3
    assert store.get(EVICTED[policy]) is MISSING
    for key in set("abcd") - {EVICTED[policy]}:
        assert store.get(key) == key.upper()
