"""A websockets server connection as the pump's :class:`~docsync.runtime.pump.FrameSocket`."""

from __future__ import annotations

import socket
from typing import Protocol

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from docsync.exceptions import SocketClosed
from docsync.runtime.pump import FrameSocket

__all__ = ["CountedFrames", "FrameCounter", "WebSocketFrames"]


class WebSocketFrames:
    """One accepted websockets connection, with TCP_NODELAY set: a patch is one small frame
    and must not wait for Nagle's algorithm (STYLE.md)."""

    def __init__(self, ws: ServerConnection) -> None:
        self.ws = ws
        sock = ws.transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    async def receive(self) -> str | bytes | None:
        try:
            return await self.ws.recv()
        except ConnectionClosed:
            return None

    async def send(self, text: str) -> None:
        try:
            await self.ws.send(text)
        except ConnectionClosed:
            raise SocketClosed("the WebSocket is closed") from None

    async def close(self, code: int, reason: str) -> None:
        await self.ws.close(code, reason)


class FrameCounter(Protocol):
    """What counts frames (``docsync.server.metrics.Metrics`` with ``--metrics``)."""

    def received(self) -> None: ...

    def sent(self, frames: int = 1) -> None: ...


class CountedFrames:
    """Any transport's :class:`~docsync.runtime.pump.FrameSocket`, counting the frames
    that go through it, so every transport reports the same figures."""

    def __init__(self, socket: FrameSocket, counter: FrameCounter) -> None:
        self._socket = socket
        self._counter = counter

    async def receive(self) -> str | bytes | None:
        frame = await self._socket.receive()
        if frame is not None:
            self._counter.received()
        return frame

    async def send(self, text: str) -> None:
        await self._socket.send(text)
        self._counter.sent()

    async def close(self, code: int, reason: str) -> None:
        await self._socket.close(code, reason)
