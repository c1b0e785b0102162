"""``ds.cache`` on Redis: shared by processes, one computation per key cluster-wide, TTLs
enforced by Redis, eviction per function (against a real redis-server)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from docsync.cache.backends.base import MISSING
from docsync.cache.backends.redis_backend import RedisBackend
from docsync.cache.registry import Cache
from tests.server.support import subprocess_env

CALLER = '''
import json, os, sys, threading, time
import redis
from docsync.cache.registry import Cache
from docsync.cache.backends.redis_backend import RedisBackend

url, callers = sys.argv[1], int(sys.argv[2])
counts = redis.Redis.from_url(url)
cache = Cache()
cache.add_backend(RedisBackend(url), default=True)


@cache(ttl=60)
def slow(key):
    counts.incr("computations")
    time.sleep(0.5)  # long enough for every other caller to arrive meanwhile
    return {"key": key, "by": os.getpid()}


results = []
def call():
    results.append(slow("the one key"))

threads = [threading.Thread(target=call) for _ in range(callers)]
counts.incr("ready")
deadline = time.monotonic() + 30
while not counts.exists("go") and time.monotonic() < deadline:  # every process at once
    time.sleep(0.005)
for t in threads:
    t.start()
for t in threads:
    t.join(60)
print(json.dumps(results))
cache.close()
'''


def test_four_processes_of_twenty_callers_compute_one_key_once(redis_url, tmp_path):
    import redis

    script = tmp_path / "caller.py"
    script.write_text(textwrap.dedent(CALLER))
    env = subprocess_env(DOCSYNC_SECRET_KEY="one secret for every process")
    procs = [subprocess.Popen([sys.executable, str(script), redis_url, "20"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    counts = redis.Redis.from_url(redis_url)
    try:
        deadline = time.monotonic() + 30
        while int(counts.get("ready") or 0) < 4:
            assert time.monotonic() < deadline, "the callers did not start"
            time.sleep(0.01)
        counts.set("go", 1)
        outputs = [p.communicate(timeout=60) for p in procs]
        assert all(p.returncode == 0 for p in procs), [err for _, err in outputs]
        results = [r for out, _ in outputs for r in json.loads(out)]
        assert len(results) == 80
        assert int(counts.get("computations")) == 1
        assert len({json.dumps(r, sort_keys=True) for r in results}) == 1
    finally:
        counts.close()
        for p in procs:
            if p.poll() is None:
                p.kill()


@pytest.fixture
def backend(redis_url):
    made = RedisBackend(redis_url, secret=b"k" * 32, lock_ttl=0.5)
    yield made
    made.close()


def test_redis_enforces_the_ttl(backend):
    store = backend.store("m.f", max_items=None, policy="lru")
    store.set("k", [1, 2], ttl=0.3)
    ttl_ms = backend.client.pttl(f"{backend.prefix}:m.f:v:k")
    assert 0 < ttl_ms <= 300
    assert store.get("k") == [1, 2] and store.get("k") is not store.get("k")  # copies
    time.sleep(0.4)
    assert store.get("k") is MISSING and store.stats() == (0, 0)
    assert store.sweep() is None


@pytest.mark.parametrize(("policy", "evicted"), [("lru", "b"), ("fifo", "a"), ("lfu", "b")])
def test_max_items_evicts_by_policy_across_processes(backend, redis_url, policy, evicted):
    store = backend.store(f"m.{policy}", max_items=2, policy=policy)
    other = RedisBackend(redis_url, secret=b"k" * 32).store(f"m.{policy}", max_items=2,
                                                             policy=policy)
    store.set("a", 1, ttl=None)
    other.set("b", 2, ttl=None)  # another process's backend, the same entries
    store.get("a")
    store.get("a")
    other.set("c", 3, ttl=None)
    kept = {k for k in "abc" if store.get(k) is not MISSING}
    assert kept == {"a", "b", "c"} - {evicted}
    assert store.stats()[0] == 2
    store.clear()
    assert store.stats() == (0, 0) and other.get("c") is MISSING


def test_values_signed_with_another_key_are_misses(backend, redis_url):
    backend.store("m.g", max_items=None, policy="lru").set("k", "mine", ttl=None)
    stranger = RedisBackend(redis_url, secret=b"x" * 32)
    assert stranger.store("m.g", max_items=None, policy="lru").get("k") is MISSING
    with pytest.raises(TypeError, match="cannot be pickled"):
        backend.store("m.g", max_items=None, policy="lru").set("l", threading.Lock(),
                                                               ttl=None)


def test_a_holder_that_dies_lets_a_waiter_compute_after_its_lock_expires(backend, redis_url):
    holder = backend.store("m.h", max_items=None, policy="lru")
    waiter = RedisBackend(redis_url, secret=b"k" * 32, lock_ttl=0.5).store(
        "m.h", max_items=None, policy="lru")
    lease = holder.lease("k")
    assert lease.__enter__() is MISSING  # computing... and never finishing (it "died")
    started = time.monotonic()
    with waiter.lease("k") as found:
        assert found is MISSING  # the lock expired: the waiter computes
        waited = time.monotonic() - started
        waiter.set("k", "from the waiter", ttl=None)
    assert waited > 0.3  # it waited for the lock to expire, not less
    lease.__exit__(None, None, None)  # the late holder must not remove another's lock
    assert holder.get("k") == "from the waiter"


def test_a_waiter_is_signalled_when_the_value_is_stored(backend, redis_url):
    holder = backend.store("m.s", max_items=None, policy="lru")
    waiter = RedisBackend(redis_url, secret=b"k" * 32, lock_ttl=30).store(
        "m.s", max_items=None, policy="lru")
    got = []
    with holder.lease("k") as found:
        assert found is MISSING
        thread = threading.Thread(target=lambda: got.append(waiter.lease("k").__enter__()))
        thread.start()
        time.sleep(0.2)
        holder.set("k", "done", ttl=None)
    thread.join(5)
    assert got == ["done"]


async def test_async_callers_share_the_flight(redis_url):
    cache = Cache()
    cache.add_backend(RedisBackend(redis_url, secret=b"k" * 32), default=True)
    runs = []

    @cache
    async def fetch(n):
        runs.append(n)
        await asyncio.sleep(0.1)
        return n * 2

    try:
        assert await asyncio.gather(*(fetch(21) for _ in range(5))) == [42] * 5
        assert runs == [21] and fetch.info().entries == 1
    finally:
        cache.close()


TABLES = '''
import os
import redis
import docsync as ds

counts = redis.Redis.from_url(os.environ["COUNTS_REDIS"])


@ds.cache  # decorated once the server runs (imported by the first session): on Redis
def table(n):
    counts.incr("computations")
    return list(range(n))
'''
APP = '''
import os
import docsync as ds
from tables import table

ds.pane.Str(f"{sum(table(100))} from {os.getpid()}").servable()
'''


async def test_with_redis_the_server_s_cache_is_shared_by_its_workers(
        docsync_serve, redis_url, redis_client, tmp_path):
    from docsync.testing import NetworkClient

    (tmp_path / "tables.py").write_text(TABLES)
    (tmp_path / "cached.py").write_text(APP)
    env = {"DOCSYNC_SECRET_KEY": "one secret", "COUNTS_REDIS": redis_url}
    servers = [docsync_serve("cached.py", "--port", "0", "--redis", redis_url, env=env)
               for _ in range(2)]
    for server in servers:
        url = (await server.wait_serving())["cached"]
        client = await NetworkClient(url).open()
        text = client.client.prop(client.client.find("Str"), "text")
        assert text == f"4950 from {server.proc.pid}"
        await client.close()
    assert int(await redis_client.get("computations")) == 1
