"""Channels across workers and machines: ``state.publish``/``subscribe`` over Redis pub/sub."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import redis.asyncio

from docsync.cluster import codec
from docsync.cluster.link import LOST, RedisLink
from docsync.exceptions import Outage
from docsync.runtime.bus import LocalBus

__all__ = ["RedisBus"]

log = logging.getLogger("docsync.redis")


class RedisBus(LocalBus):
    """A :class:`LocalBus` whose messages go through Redis, so that they reach subscribers
    in every worker, this one included.

    Each worker subscribes once to the pattern of every channel (``prefix:bus:*``), so a new
    subscriber never misses a message while a subscription is being set up. Messages are
    pickled and signed (``codec``): they may be any picklable value. One task sends them in
    order, a batch per round trip. While Redis is unreachable, messages reach this worker's
    subscribers only (Redis pub/sub keeps nothing for absent listeners); when Redis is back
    the worker subscribes again.
    """

    shared = True

    def __init__(self, link: RedisLink, *, secret: bytes) -> None:
        super().__init__()
        self._link = link
        self._secret = secret
        self._pattern = link.key("bus", "*")
        self._outbox: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        self._loop = asyncio.get_running_loop()
        self._tasks: list[asyncio.Task[None]] = []
        self._listener: asyncio.Task[None] | None = None
        self._subscribed = asyncio.Event()
        self._bad_signatures = 0
        link.on_restored.append(self._listen)

    async def start(self) -> None:
        """Subscribe and start sending; returns once subscribed."""
        self._tasks.append(self._loop.create_task(self._send_loop()))
        self._listen()
        await asyncio.wait_for(self._subscribed.wait(), self._link.timeout * 2)

    @property
    def subscribed(self) -> bool:
        """True while this worker receives the cluster's messages."""
        return self._subscribed.is_set()

    def publish(self, channel: str, message: Any) -> None:
        if not isinstance(channel, str) or not channel:
            raise ValueError(f"a channel is a non-empty string, not {channel!r}")
        # Pickled now, in the caller's thread: a message that cannot be sent fails here,
        # and a later change to a mutable message does not change what was sent.
        blob = codec.dumps((channel, message), self._secret)
        self._loop.call_soon_threadsafe(self._outbox.put_nowait, (channel, blob))

    async def _send_loop(self) -> None:
        while True:
            batch = [await self._outbox.get()]
            while not self._outbox.empty():
                batch.append(self._outbox.get_nowait())
            # Sent through Redis, this worker's subscribers get the messages back from it;
            # if Redis is out of reach, or this worker is not listening yet, they get them
            # here (and other workers may miss them).
            local = not self.subscribed

            async def send(client: redis.asyncio.Redis, batch: list[tuple[str, Any]] = batch
                           ) -> None:
                await self._publish(client, batch)

            try:
                await self._link.call(send)
            except Outage:
                local = True
            if local:
                for _channel, blob in batch:
                    self._receive(blob)

    async def _publish(self, client: redis.asyncio.Redis, batch: list[tuple[str, Any]]) -> None:
        async with client.pipeline(transaction=False) as pipe:
            for channel, blob in batch:
                pipe.publish(self._link.key("bus", channel), blob)
            await pipe.execute()

    def _listen(self) -> None:
        if self._listener is None or self._listener.done():
            self._listener = self._loop.create_task(self._listen_loop())

    async def _listen_loop(self) -> None:
        while True:
            pubsub = self._link.client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.psubscribe(self._pattern)
                self._subscribed.set()
                while True:
                    # A timeout, not a blocking read: the socket's own timeout would end it.
                    message = await pubsub.get_message(timeout=1.0)
                    if message is not None and message["type"] == "pmessage":
                        self._receive(message["data"])
            except LOST as exc:
                self._link.lost(exc)  # on_restored starts a new listener
                return
            except Exception:
                log.exception("listening to published messages failed; listening again")
                await asyncio.sleep(1.0)
            finally:
                self._subscribed.clear()
                await pubsub.aclose()

    def _receive(self, blob: bytes) -> None:
        try:
            channel, message = codec.loads(blob, self._secret)
        except Exception as exc:
            self._bad_signatures += 1
            if self._bad_signatures == 1:  # once: a misconfigured worker sends many
                log.error("dropped a published message: %s (every worker needs the same "
                          "DOCSYNC_SECRET_KEY)", exc)
            return
        self.deliver(channel, message)

    async def close(self) -> None:
        await super().close()
        if self._listener is not None:
            self._listener.cancel()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, *([self._listener] if self._listener else []),
                             return_exceptions=True)
