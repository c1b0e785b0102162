"""One WebSocket's pump: frames in to the core, frames out in order (DESIGN.md §1)."""

from __future__ import annotations

import asyncio
import socket
import time
from collections import deque
from typing import Any

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from docsync.core.connection import Connection
from docsync.core.registry import SessionRegistry
from docsync.exceptions import CloseConnection

__all__ = ["Writer", "pump"]

MAX_QUEUED = 10_000  # frames waiting for a slow client before it is told to back off (4429)


class Writer:
    """Sends one connection's frames in the order they were queued, from any loop callback.

    This is the transport handle the core attaches to a session.
    """

    def __init__(self, ws: ServerConnection) -> None:
        self.ws = ws
        self._queue: deque[str] = deque()
        self._draining = False
        self._task: asyncio.Task[None] | None = None

    def enqueue(self, texts: list[str]) -> bool:
        """Queue frames; False (and a 4429 close) when a slow client let too many pile up."""
        self._queue.extend(texts)
        if len(self._queue) > MAX_QUEUED:
            self._queue.clear()
            self.close(4429, "too many messages waiting: back off and resume")
            return False
        return True

    def send_soon(self, texts: list[str]) -> None:
        """Queue frames and make sure a drain will run."""
        if self.enqueue(texts) and not self._draining and self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._drain_task())

    async def _drain_task(self) -> None:
        self._task = None
        await self.drain()

    async def drain(self) -> None:
        """Send everything queued. Only one drain runs at a time; the others return."""
        if self._draining:
            return
        self._draining = True
        try:
            while self._queue:
                await self.ws.send(self._queue.popleft())
        except ConnectionClosed:
            self._queue.clear()
        finally:
            self._draining = False

    def close(self, code: int, reason: str) -> None:
        asyncio.get_running_loop().create_task(self.ws.close(code, reason[:120]))


async def pump(ws: ServerConnection, registry: SessionRegistry) -> Any:
    """Run one connection until it closes; returns its core ``Connection``."""
    sock = ws.transport.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    writer = Writer(ws)
    conn = Connection(registry, handle=writer)
    try:
        async for frame in ws:
            if isinstance(frame, bytes):  # PROTOCOL.md §1: binary frames are reserved
                await ws.close(4400, "binary frames are not part of protocol v1")
                break
            try:
                out = conn.receive(frame, now=time.time())
            except CloseConnection as exc:
                await writer.drain()
                await ws.close(exc.close_code, str(exc)[:120])
                break
            if out.evict is not None:
                out.evict.close(4409, "this session was resumed by another connection")
            if writer.enqueue(out.send):
                await writer.drain()
    except ConnectionClosed:
        pass
    finally:
        conn.closed(now=time.time())
    return conn
