"""A websockets server connection as the pump's :class:`~docsync.runtime.pump.FrameSocket`."""

from __future__ import annotations

import socket
from typing import Protocol

from websockets.asyncio.server import ServerConnection, broadcast
from websockets.exceptions import ConnectionClosed
from websockets.protocol import State

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

    def send_now(self, text: str) -> bool:
        # websockets' broadcast() is its one synchronous send: it writes the frame and
        # leaves the write buffer's flow control to the caller, which is why it is only
        # used while that buffer is empty (what ``send`` would not have waited for either).
        # It skips a connection that is not open, so that is checked first.
        ws = self.ws
        if ws.protocol.state is not State.OPEN:
            raise SocketClosed("the WebSocket is closed")
        if ws.transport.get_write_buffer_size():
            return False
        try:
            broadcast((ws,), text, raise_exceptions=True)
        except Exception:  # an ExceptionGroup: the write failed: the connection is going away
            raise SocketClosed("the WebSocket is closed") from None
        return True

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

    def send_now(self, text: str) -> bool:
        if not self._socket.send_now(text):
            return False
        self._counter.sent()
        return True

    async def close(self, code: int, reason: str) -> None:
        await self._socket.close(code, reason)
