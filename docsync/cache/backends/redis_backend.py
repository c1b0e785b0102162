"""The Redis backend: entries shared by every process and machine that uses one Redis.

``@ds.cache(backend="redis")``, or every cached function when ``docsync serve --redis URL``
runs (the server makes it the default backend). Redis enforces each entry's TTL itself.

- **Single flight across processes.** Within a process the cache's own single flight lets
  one caller per key reach :meth:`RedisStore.lease`; there, one process per key takes a lock
  (``SET NX PX`` with an owner token, expiring after ``lock_ttl`` so that a dead process
  does not hold it forever) and computes; the others subscribe to the key's "done" channel
  and wait, in slices of at most a second, for its signal, looking for the value and trying
  the lock after each: a signal lost, or a holder that died, costs at most a slice.
- **Eviction.** ``max_items`` is kept per function with a sorted set of its keys, scored by
  a cluster-wide use counter (``lru``, ``fifo``) or a use count (``lfu``), in Lua scripts so
  that concurrent processes agree. Redis's own ``maxmemory`` policy still applies on top.
- Values are pickled, and signed with ``DOCSYNC_SECRET_KEY`` when there is one (see
  :mod:`docsync.cluster.codec`): a process only unpickles what a worker of the same
  deployment stored. Each read unpickles a new object, so ``copy=True`` costs nothing more.

It uses the synchronous ``redis`` client (the cache is called from worker threads and
outside any event loop); the coroutine methods run it in a thread. Scripts name keys they
compute, so this backend needs one Redis server (or a primary), not a Redis Cluster.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import secrets
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from docsync.cache.backends.base import MISSING, Backend, Store
from docsync.cache.policies import check_policy
from docsync.cluster import codec
from docsync.exceptions import BadSignature

__all__ = ["RedisBackend", "RedisStore"]

#: Longest single wait for another process's result before looking again (seconds).
WAIT_SLICE = 1.0

# KEYS: value, index, tick counter. ARGV: member, policy, track (1: keep the index up).
_GET = """
local value = redis.call('GET', KEYS[1])
if not value then
  redis.call('ZREM', KEYS[2], ARGV[1])
  return false
end
if ARGV[3] == '1' then
  if ARGV[2] == 'lru' then
    redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), ARGV[1])
  elseif ARGV[2] == 'lfu' then
    redis.call('ZINCRBY', KEYS[2], 1, ARGV[1])
  end
end
return value
"""
# KEYS: value, index, tick counter. ARGV: member, policy, value, ttl ms ('' for none),
# max items ('' for none), the prefix of value keys (victims' keys are computed here).
_SET = """
if ARGV[4] == '' then
  redis.call('SET', KEYS[1], ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
end
local score = redis.call('INCR', KEYS[3])
if ARGV[2] == 'lfu' then score = 1 end
redis.call('ZADD', KEYS[2], score, ARGV[1])
if ARGV[5] ~= '' then
  local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[5])
  local index = 0
  while excess > 0 do
    local victim = redis.call('ZRANGE', KEYS[2], index, index)[1]
    if not victim then break end
    if victim == ARGV[1] then  -- the new entry is never its own victim
      index = index + 1
    else
      redis.call('ZREM', KEYS[2], victim)
      redis.call('DEL', ARGV[6] .. victim)
      excess = excess - 1
    end
  end
end
return 1
"""
# KEYS: index. ARGV: the prefix of value keys. Drops members whose value expired.
_STATS = """
local count, size = 0, 0
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local length = redis.call('STRLEN', ARGV[1] .. member)
  if length == 0 then
    redis.call('ZREM', KEYS[1], member)
  else
    count = count + 1
    size = size + length
  end
end
return {count, size}
"""
# KEYS: index. ARGV: the prefix of value keys.
_CLEAR = """
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  redis.call('DEL', ARGV[1] .. member)
end
redis.call('DEL', KEYS[1])
return 1
"""
# KEYS: lock. ARGV: token, done channel.
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('PUBLISH', ARGV[2], '1')
return 1
"""


class RedisBackend(Backend):
    """Every function's entries in one Redis (``url``), under ``prefix``.

    ``secret`` signs values (default: ``DOCSYNC_SECRET_KEY`` if set, else values are
    plain pickles). ``lock_ttl``: seconds a computation's lock outlives a process that died
    while holding it (a longer computation may then run once more elsewhere).
    """

    name = "redis"

    def __init__(self, url: str, *, prefix: str = "docsync:cache", secret: bytes | None = None,
                 lock_ttl: float = 300.0, max_connections: int = 32) -> None:
        self.url = url
        self.prefix = prefix
        env = os.environ.get("DOCSYNC_SECRET_KEY")
        self.secret = secret if secret is not None else (env.encode() if env else None)
        self.lock_ttl = lock_ttl
        pool = redis.BlockingConnectionPool.from_url(
            url, max_connections=max_connections, timeout=30, socket_timeout=10,
            socket_connect_timeout=5, retry=Retry(NoBackoff(), 1))
        self.client: redis.Redis = redis.Redis.from_pool(pool)
        self.get_script = self.client.register_script(_GET)
        self.set_script = self.client.register_script(_SET)
        self.stats_script = self.client.register_script(_STATS)
        self.clear_script = self.client.register_script(_CLEAR)
        self.release_script = self.client.register_script(_RELEASE)

    def store(self, name: str, *, max_items: int | None, policy: str) -> RedisStore:
        return RedisStore(self, name, max_items=max_items, policy=check_policy(policy))

    def clear(self) -> None:
        """Drop every entry under this backend's prefix (other deployments' stay)."""
        batch: list[Any] = []
        for key in self.client.scan_iter(match=f"{self.prefix}:*", count=500):
            batch.append(key)
            if len(batch) >= 500:
                self.client.unlink(*batch)
                batch.clear()
        if batch:
            self.client.unlink(*batch)

    def close(self) -> None:
        """Close the connections; a later call connects again."""
        self.client.connection_pool.disconnect()

    def dumps(self, value: Any, name: str) -> bytes:
        try:
            if self.secret is None:
                return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            return codec.dumps(value, self.secret)
        except Exception as exc:
            raise TypeError(f"the Redis cache of {name}() stores results with pickle, and "
                            f"this result cannot be pickled ({exc}); use the memory backend "
                            "for it") from exc

    def loads(self, blob: bytes) -> Any:
        """The value in ``blob``, or MISSING if this deployment's key did not sign it (it
        is then computed again, and stored over)."""
        if self.secret is None:
            return pickle.loads(blob)
        try:
            return codec.loads(blob, self.secret)
        except BadSignature:
            return MISSING


class RedisStore(Store):
    """One function's entries in a :class:`RedisBackend`."""

    returns_copies = True

    def __init__(self, backend: RedisBackend, name: str, *, max_items: int | None,
                 policy: str) -> None:
        self._backend = backend
        self.name = name
        self.max_items = max_items
        self.policy = policy
        base = f"{backend.prefix}:{name}"
        self._values = f"{base}:v:"
        self._index = f"{base}:index"
        self._locks = f"{base}:lock:"
        self._done = f"{base}:done:"
        self._tick = f"{backend.prefix}:tick"

    def _keys(self, key: str) -> list[str]:
        return [self._values + key, self._index, self._tick]

    def get(self, key: str) -> Any:
        track = "1" if self.max_items is not None else "0"
        blob = self._backend.get_script(keys=self._keys(key), args=[key, self.policy, track])
        return MISSING if blob is None else self._backend.loads(blob)

    def set(self, key: str, value: Any, *, ttl: float | None) -> None:
        if self.max_items == 0:
            return
        blob = self._backend.dumps(value, self.name)
        ms = "" if ttl is None else str(max(1, int(ttl * 1000)))
        most = "" if self.max_items is None else str(self.max_items)
        self._backend.set_script(keys=self._keys(key),
                                 args=[key, self.policy, blob, ms, most, self._values])

    def delete(self, key: str) -> None:
        pipe = self._backend.client.pipeline(transaction=False)
        pipe.delete(self._values + key)
        pipe.zrem(self._index, key)
        pipe.execute()

    def clear(self) -> None:
        self._backend.clear_script(keys=[self._index], args=[self._values])

    def sweep(self) -> float | None:
        return None  # Redis expires entries itself

    def stats(self) -> tuple[int, int]:
        count, size = self._backend.stats_script(keys=[self._index], args=[self._values])
        return int(count), int(size)

    # -- single flight across processes --------------------------------------------------

    def _acquire(self, key: str, token: str) -> bool:
        ms = max(1, int(self._backend.lock_ttl * 1000))
        return bool(self._backend.client.set(self._locks + key, token, nx=True, px=ms))

    def _release(self, key: str, token: str) -> None:
        self._backend.release_script(keys=[self._locks + key], args=[token, self._done + key])

    @contextmanager
    def lease(self, key: str) -> Iterator[Any]:
        token = secrets.token_hex(8)
        if not self._acquire(key, token):
            found = self._wait(key, token)
            if found is not MISSING:
                yield found
                return
        try:
            # The previous holder may have stored the value just before letting go.
            yield self.get(key)
        finally:
            self._release(key, token)

    def _wait(self, key: str, token: str) -> Any:
        """Wait for the lock's holder: its value, or MISSING once this caller holds the
        lock (the holder failed, or died and its lock expired)."""
        pubsub = self._backend.client.pubsub(ignore_subscribe_messages=True)
        try:
            # Subscribed before looking, so that a signal sent after the look is not missed.
            pubsub.subscribe(self._done + key)
            while True:
                value = self.get(key)
                if value is not MISSING:
                    return value
                if self._acquire(key, token):
                    return MISSING
                deadline = time.monotonic() + WAIT_SLICE
                while (left := deadline - time.monotonic()) > 0:
                    if pubsub.get_message(timeout=left) is not None:
                        break
        finally:
            pubsub.close()

    async def aget(self, key: str) -> Any:
        return await asyncio.to_thread(self.get, key)

    async def aset(self, key: str, value: Any, *, ttl: float | None) -> None:
        await asyncio.to_thread(self.set, key, value, ttl=ttl)

    @asynccontextmanager
    async def alease(self, key: str) -> AsyncIterator[Any]:
        token = secrets.token_hex(8)
        if not await asyncio.to_thread(self._acquire, key, token):
            found = await asyncio.to_thread(self._wait, key, token)
            if found is not MISSING:
                yield found
                return
        try:
            yield await asyncio.to_thread(self.get, key)
        finally:
            await asyncio.to_thread(self._release, key, token)
