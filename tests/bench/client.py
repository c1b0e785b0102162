"""A lean protocol client for benchmarks: one WebSocket, no reader task, byte counting.

Tokens are minted here with the server's ``DOCSYNC_SECRET_KEY`` (the bench sets it), so a
session open is the WebSocket connect plus ``hello`` → ``welcome`` + ``snapshot``; the page
GET that carries the token in a browser is measured separately.
"""

from __future__ import annotations

import json
import secrets
import time
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from docsync.core.tokens import issue_token, new_session_id
from docsync.testing import ClientProtocol

__all__ = ["BenchSession", "CountingConnection"]


class CountingConnection(ClientConnection):
    """Counts every byte received from the socket (HTTP upgrade and frames included)."""

    bytes_in = 0

    def data_received(self, data: bytes) -> None:
        self.bytes_in += len(data)
        super().data_received(data)


class BenchSession:
    """One browser tab's worth of protocol over one WebSocket."""

    def __init__(self, ws_url: str, secret: bytes) -> None:
        self.ws_url = ws_url
        token = issue_token(secret, new_session_id(secrets.token_bytes(16)), time.time())
        self.client = ClientProtocol(token)
        self.ws: ClientConnection | None = None
        self.connect_s = 0.0  # TCP connect + WebSocket upgrade
        self.hello_s = 0.0  # hello sent → snapshot applied
        self._since_ack = 0

    @property
    def bytes_in(self) -> int:
        return self.ws.bytes_in if isinstance(self.ws, CountingConnection) else 0

    async def open(self, *, compression: str | None = None) -> BenchSession:
        t0 = time.perf_counter()
        self.ws = await connect(self.ws_url, compression=compression, max_size=None,
                                ping_interval=None, create_connection=CountingConnection)
        t1 = time.perf_counter()
        await self.ws.send(self.client.hello())
        while self.client.doc is None:
            self.client.receive(await self.ws.recv())  # type: ignore[arg-type]
        t2 = time.perf_counter()
        self.connect_s, self.hello_s = t1 - t0, t2 - t1
        self.client.received.clear()
        return self

    async def recv(self) -> dict[str, Any]:
        """The next server message, applied; acks every 10 messages (a tab acks ≤ 1 s)."""
        assert self.ws is not None
        message = self.client.receive(await self.ws.recv())  # type: ignore[arg-type]
        self.client.received.clear()
        self._since_ack += 1
        if self._since_ack >= 10:
            self._since_ack = 0
            await self.ws.send(self.client.ack())
        return message

    async def set(self, model_id: str, prop: str, value: Any) -> float:
        """Send a client edit; return seconds until the server's patch acking it arrived."""
        assert self.ws is not None
        frame = self.client.set(model_id, prop, value)
        cseq = self.client.cseq
        t0 = time.perf_counter()
        await self.ws.send(frame)
        while True:
            message = await self.recv()
            if message.get("cseq") == cseq and message["type"] == "patch":
                return time.perf_counter() - t0

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    def doc_json_bytes(self) -> int:
        return len(json.dumps(self.client.doc))
