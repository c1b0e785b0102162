"""Checkpoints in Redis: one hash per session (``owner``, ``data``), expired by Redis."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import redis.asyncio

from docsync.cluster.link import RedisLink

__all__ = ["RedisCheckpointStore"]

# A worker saves only a session it owns: once another worker claimed it (rebuilt it after a
# reconnect), the first one's late saves are refused and it lets its copy go.
_SAVE = """
local owner = redis.call('HGET', KEYS[1], 'owner')
if owner and owner ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'data', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
"""
_CLAIM = """
local data = redis.call('HGET', KEYS[1], 'data')
if not data then return false end
redis.call('HSET', KEYS[1], 'owner', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return data
"""
_DELETE = """
if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def _ms(seconds: float) -> int:
    return max(1, int(seconds * 1000))


class RedisCheckpointStore:
    """Session records shared by every worker and machine that uses this Redis.

    Every call raises :class:`~docsync.exceptions.Outage` while Redis is out of reach.
    """

    def __init__(self, link: RedisLink) -> None:
        self._link = link
        client: redis.asyncio.Redis = link.client
        self._save = client.register_script(_SAVE)
        self._claim = client.register_script(_CLAIM)
        self._delete = client.register_script(_DELETE)

    @property
    def available(self) -> bool:
        return self._link.available

    @property
    def on_restored(self) -> list[Callable[[], Any]]:
        return self._link.on_restored

    def _key(self, key: str) -> str:
        return self._link.key("session", key)

    async def save(self, key: str, owner: str, blob: bytes, ttl: float) -> bool:
        """Store ``blob`` for ``key``; False if another owner claimed the key."""
        args: list[str | bytes | int] = [owner, blob, _ms(ttl)]
        done = await self._link.call(
            lambda r: self._save(keys=[self._key(key)], args=args, client=r))
        return bool(done)

    async def claim(self, key: str, owner: str, ttl: float) -> bytes | None:
        """Make ``owner`` the key's owner and return its blob; None if there is none."""
        blob = await self._link.call(
            lambda r: self._claim(keys=[self._key(key)], args=[owner, _ms(ttl)], client=r))
        return bytes(blob) if blob is not None else None

    async def delete(self, key: str, owner: str) -> None:
        """Forget ``key`` if ``owner`` still owns it."""
        await self._link.call(lambda r: self._delete(keys=[self._key(key)], args=[owner],
                                                      client=r))

    async def touch(self, keys: list[str], ttl: float) -> None:
        """Push the expiry of live sessions' records ``ttl`` seconds ahead."""
        async def run(client: redis.asyncio.Redis) -> None:
            async with client.pipeline(transaction=False) as pipe:
                for key in keys:
                    pipe.pexpire(self._key(key), _ms(ttl))
                await pipe.execute()

        if keys:
            await self._link.call(run)

    async def close(self) -> None:
        """Nothing of its own: the link is closed by its owner."""
