"""What one server shares with the other workers, set up from its configuration at start."""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from docsync.cluster.checkpoint import Checkpoints, CheckpointStore
from docsync.cluster.persist import Persistence
from docsync.runtime.bus import LocalBus
from docsync.runtime.tasks import Leases

if TYPE_CHECKING:
    from docsync.cache import Cache
    from docsync.cache.backends.redis_backend import RedisBackend
    from docsync.cluster.link import RedisLink
    from docsync.core.session import Session

__all__ = ["Cluster"]

log = logging.getLogger("docsync.redis")


class Cluster:
    """A server's Redis link, message bus, task leases and session persistence; each is
    None when not configured (no Redis: this process only; no persistence)."""

    def __init__(self) -> None:
        #: This worker's name in leases and saved sessions (host, process, random part).
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self.link: RedisLink | None = None
        self.bus: LocalBus | None = None
        self.leases: Leases | None = None
        self.persistence: Persistence | None = None
        self._cache: tuple[Cache, RedisBackend, str] | None = None  # ds.cache, ours, before

    @classmethod
    async def start(cls, *, redis_url: str | None, persist: bool, persist_path: str | Path,
                    secret: bytes, session_ttl: float, task_lease: float,
                    on_moved: Callable[[Session], None]) -> Cluster:
        """Connect what is configured. Raises ``RedisUnavailable`` (naming the URL) if Redis
        does not answer, ``OSError``/``sqlite3.Error`` for a session file that cannot be
        made."""
        cluster = cls()
        try:
            await cluster._start(redis_url, persist, persist_path, secret, session_ttl,
                                 task_lease, on_moved)
        except BaseException:
            await cluster.close()
            raise
        return cluster

    async def _start(self, redis_url: str | None, persist: bool, persist_path: str | Path,
                     secret: bytes, session_ttl: float, task_lease: float,
                     on_moved: Callable[[Session], None]) -> None:
        store: CheckpointStore | None = None
        if redis_url:
            from docsync.cluster.bus import RedisBus
            from docsync.cluster.lease import Leases as RedisLeases
            from docsync.cluster.link import RedisLink, display_url
            from docsync.cluster.store_redis import RedisCheckpointStore

            self.link = link = RedisLink(redis_url)
            await link.connect()
            bus = RedisBus(link, secret=secret)
            self.bus = bus
            await bus.start()
            self.leases = RedisLeases(link, owner=self.owner, ttl=task_lease)
            if persist:
                store = RedisCheckpointStore(link)
            self._share_cache(redis_url, secret)
            log.info("Redis at %s: messages, tasks, the cache%s shared with every worker",
                     display_url(redis_url), " and sessions" if persist else "")
        elif persist:
            from docsync.cluster.store_sqlite import SQLiteCheckpointStore

            sqlite = SQLiteCheckpointStore(persist_path)
            await sqlite.open()
            store = sqlite
            log.info("sessions are saved in %s", Path(persist_path).resolve())
        if store is not None:
            checkpoints = Checkpoints(store, secret=secret, owner=self.owner, ttl=session_ttl,
                                      on_moved=on_moved)
            checkpoints.start()
            self.persistence = Persistence(checkpoints)

    def _share_cache(self, redis_url: str, secret: bytes) -> None:
        """``ds.cache`` stores in Redis from now on: ``backend="redis"``, and the default for
        functions decorated after the start (an app script's, say)."""
        from docsync.cache import cache
        from docsync.cache.backends.redis_backend import RedisBackend

        backend = RedisBackend(redis_url, secret=secret)
        self._cache = (cache, backend, cache.default_backend)
        cache.add_backend(backend, default=True)

    async def close(self) -> None:
        """After the server stopped its sessions and the runtime its tasks."""
        if self._cache is not None:
            cache, backend, before = self._cache
            if cache.default_backend == backend.name:
                cache.default_backend = before
            backend.close()
        if self.persistence is not None:
            await self.persistence.checkpoints.close()
        if self.bus is not None:
            await self.bus.close()
        if self.link is not None:
            await self.link.close()
