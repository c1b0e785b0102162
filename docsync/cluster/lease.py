"""Leases in Redis: a name held by one worker at a time, lost when it stops renewing it."""

from __future__ import annotations

import logging

import redis.asyncio

from docsync.cluster.link import RedisLink
from docsync.exceptions import Outage

__all__ = ["Lease", "Leases"]

log = logging.getLogger("docsync.tasks")

# SET NX PX takes a free lease; the holder renews its own (same owner token) with PEXPIRE.
_HOLD = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class Lease:
    """One lease, as seen by one owner.

    The holder must call :meth:`hold` again well within ``ttl`` (a third of it, say); a
    holder that dies stops renewing, and another worker's :meth:`hold` succeeds once ``ttl``
    has passed. A holder that cannot reach Redis must assume it lost the lease ``ttl`` after
    it sent its last successful :meth:`hold`.
    """

    def __init__(self, leases: Leases, name: str) -> None:
        self.name = name
        self.ttl = leases.ttl
        self._leases = leases
        self._key = leases.link.key("lease", name)

    async def hold(self) -> bool | None:
        """Take the lease if free, or renew it if ours; False if another owner holds it,
        None if Redis is out of reach (the caller cannot know)."""
        leases = self._leases
        ms = str(max(1, int(self.ttl * 1000)))
        try:
            held = await leases.link.call(
                lambda r: leases.hold_script(keys=[self._key], args=[leases.owner, ms],
                                             client=r))
        except Outage:
            return None
        except Exception:
            log.exception("the lease of task %r could not be renewed", self.name)
            return None
        return bool(held)

    async def release(self) -> None:
        """Give the lease up now if ours (another worker may take it at once)."""
        leases = self._leases
        await leases.link.call(
            lambda r: leases.release_script(keys=[self._key], args=[leases.owner], client=r))


class Leases:
    """Makes this worker's leases: one owner token per worker, one ``ttl`` (seconds)."""

    def __init__(self, link: RedisLink, *, owner: str, ttl: float) -> None:
        self.link = link
        self.owner = owner
        self.ttl = ttl
        client: redis.asyncio.Redis = link.client
        self.hold_script = client.register_script(_HOLD)
        self.release_script = client.register_script(_RELEASE)

    def lease(self, name: str) -> Lease:
        return Lease(self, name)
