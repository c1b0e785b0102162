"""A websockets server connection as the pump's :class:`~docsync.runtime.pump.FrameSocket`."""

from __future__ import annotations

import socket

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from docsync.exceptions import SocketClosed

__all__ = ["WebSocketFrames"]


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
