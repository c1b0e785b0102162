"""A worker's one Redis client: whether Redis answers, an outage logged once, catching up."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import redis.asyncio
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from docsync.exceptions import Outage, RedisUnavailable

__all__ = ["RedisLink", "check", "display_url"]

log = logging.getLogger("docsync.redis")

T = TypeVar("T")

MAX_CONNECTIONS = 32  # per worker; more callers wait their turn
POOL_WAIT = 30.0  # seconds a caller waits for a pooled connection before giving up

#: What a lost connection raises, from redis-py or below it.
LOST = (RedisConnectionError, RedisTimeoutError, OSError)


def display_url(url: str) -> str:
    """``url`` with its password hidden, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


class RedisLink:
    """The worker's ``redis.asyncio`` client and whether Redis answers now.

    Every Redis call goes through :meth:`call`, which raises
    :class:`~docsync.exceptions.Outage` while Redis is unreachable. The first failed call
    of an outage logs it (once), then a probe pings until Redis answers again, logs that,
    and calls every ``on_restored`` callback on the loop:
    what each user of the link needs to catch up (subscribe again, save what is pending),
    since a Redis that restarted may have lost everything. Create and use on one loop.
    """

    def __init__(self, url: str, *, prefix: str = "docsync", timeout: float = 2.0,
                 probe_interval: float = 0.25) -> None:
        self.url = url
        self.prefix = prefix
        self.timeout = timeout
        self.probe_interval = probe_interval
        # A bounded pool that makes callers wait for a connection (the default one fails
        # with "Too many connections" under load, which would look like an outage); one
        # retry, so that a pooled connection that died with a restarted Redis is replaced.
        pool = redis.asyncio.BlockingConnectionPool.from_url(
            url, max_connections=MAX_CONNECTIONS, timeout=POOL_WAIT,
            socket_timeout=timeout, socket_connect_timeout=timeout,
            retry=Retry(NoBackoff(), 1))
        self.client: redis.asyncio.Redis = redis.asyncio.Redis.from_pool(pool)
        self.available = False
        #: Outages seen so far (each unreachable spell counts once; the server's metrics).
        self.outages = 0
        #: Called (on the loop) when Redis answers again after an outage.
        self.on_restored: list[Callable[[], Any]] = []
        self._probe: asyncio.Task[None] | None = None
        self._closed = False

    def key(self, *parts: str) -> str:
        """A key (or channel) name in this deployment's namespace: ``prefix:part:...``."""
        return ":".join((self.prefix, *parts))

    async def connect(self) -> None:
        """Check that Redis answers; raise :class:`RedisUnavailable` naming the URL if not."""
        try:
            await asyncio.wait_for(self.client.ping(), self.timeout * 2)
        except (*LOST, asyncio.TimeoutError) as exc:
            await self.client.aclose()
            raise RedisUnavailable(
                f"cannot reach Redis at {display_url(self.url)}: {exc or type(exc).__name__} "
                "(start redis-server, or fix --redis / DOCSYNC_REDIS_URL)") from None
        self.available = True

    async def call(self, fn: Callable[[redis.asyncio.Redis], Awaitable[T]]) -> T:
        """``await fn(client)``; raise :class:`~docsync.exceptions.Outage` if Redis is (or
        just became) unreachable. Other Redis errors (a bad command) propagate unchanged."""
        if not self.available:
            raise Outage(f"Redis at {display_url(self.url)} is unreachable")
        try:
            return await fn(self.client)
        except LOST as exc:
            self.lost(exc)
            raise Outage(str(exc)) from exc

    def lost(self, exc: BaseException) -> None:
        """Redis stopped answering: log it once, and probe until it is back."""
        if not self.available or self._closed:
            return
        self.available = False
        self.outages += 1
        log.warning("Redis at %s is unreachable (%s): live sessions go on from memory; "
                    "retrying", display_url(self.url), exc or type(exc).__name__)
        self._probe = asyncio.get_running_loop().create_task(self._wait_for_redis())

    async def _wait_for_redis(self) -> None:
        delay = self.probe_interval
        while not self._closed:
            await asyncio.sleep(delay)
            try:
                await self.client.ping()
            except LOST:
                delay = min(delay * 2, 2.0)
                continue
            self.available = True
            log.warning("Redis at %s answers again: catching up", display_url(self.url))
            for callback in list(self.on_restored):
                try:
                    callback()
                except Exception:
                    log.exception("catching up after a Redis outage failed")
            return

    async def close(self) -> None:
        self._closed = True
        if self._probe is not None:
            self._probe.cancel()
        await self.client.aclose()


async def check(url: str) -> None:
    """Raise :class:`RedisUnavailable` naming ``url`` unless Redis answers there."""
    link = RedisLink(url)
    await link.connect()
    await link.close()
