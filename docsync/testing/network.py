"""``NetworkClient``: the protocol client over a real WebSocket to a running server, and
``fetch``, a minimal HTTP GET for loopback tests."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import ssl as ssl_module
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

from websockets.asyncio.client import ClientConnection, connect

from docsync.testing.protocol import ClientProtocol, ProtocolMismatch

__all__ = ["NetworkClient", "fetch"]


_BOOT = re.compile(r'<script type="application/json" id="docsync-bootstrap">(.*?)</script>',
                   re.S)


async def fetch(url: str, *, headers: dict[str, str] | None = None,
                ssl: ssl_module.SSLContext | None = None,
                ) -> tuple[int, dict[str, str], bytes]:
    """A minimal HTTP/1.1 GET over asyncio streams (loopback tests and benchmarks);
    ``https`` URLs use ``ssl`` (default: the system's trust store). Returns the status,
    the headers by lower-case name (a repeated one's values joined by newlines) and the
    body."""
    parts = urlsplit(url)
    secure = parts.scheme == "https"
    reader, writer = await asyncio.open_connection(
        parts.hostname, parts.port or (443 if secure else 80),
        ssl=(ssl or ssl_module.create_default_context()) if secure else None)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    headers = {"Host": parts.netloc, **(headers or {})}  # a given Host replaces ours
    extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    writer.write(f"GET {path} HTTP/1.1\r\n{extra}"
                 "Connection: close\r\n\r\n".encode())
    data = await reader.read()
    writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    hdrs: dict[str, str] = {}
    for key, _, value in (line.partition(":") for line in lines[1:]):
        name = key.lower()  # a repeated header (Set-Cookie) keeps every value, one a line
        hdrs[name] = f"{hdrs[name]}\n{value.strip()}" if name in hdrs else value.strip()
    return status, hdrs, body


class NetworkClient:
    """A protocol client for a running server: loads the page, opens the WebSocket."""

    def __init__(self, page_url: str, *, origin: str | None = None,
                 auto_ack: bool = True, ssl: ssl_module.SSLContext | None = None) -> None:
        self.page_url = page_url
        #: For an ``https`` page: the TLS context of the page and WebSocket connections.
        self.ssl = ssl
        self.origin = origin
        self.auto_ack = auto_ack
        #: Extra HTTP headers for the page and WebSocket requests (a ``Cookie``, say).
        self.extra_headers: dict[str, str] = {}
        self.client: ClientProtocol | None = None
        self.ws: ClientConnection | None = None
        self.ws_url = ""
        self.close_code: int | None = None
        self._reader: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        #: What the server did wrong, if the reader stopped on a ProtocolMismatch.
        self.mismatch: ProtocolMismatch | None = None

    async def load_page(self) -> dict[str, Any]:
        status, _, body = await fetch(self.page_url, ssl=self.ssl, headers=self.extra_headers)
        if status != 200:
            raise ProtocolMismatch(f"GET {self.page_url} answered {status}")
        match = _BOOT.search(body.decode())
        if match is None:
            raise ProtocolMismatch("the page has no docsync-bootstrap object")
        boot: dict[str, Any] = json.loads(match.group(1))
        self.ws_url = urljoin(self.page_url, boot["ws"]).replace("http", "ws", 1)
        self.client = ClientProtocol(boot["token"])
        return boot

    async def open(self, **hello: Any) -> NetworkClient:
        """Load the page (first time) and connect; returns when the document arrived."""
        if self.client is None:
            await self.load_page()
        assert self.client is not None
        headers = dict(self.extra_headers)
        if self.origin:
            headers["Origin"] = self.origin
        self.ws = await connect(self.ws_url, additional_headers=headers, compression=None,
                                max_size=None,
                                **({"ssl": self.ssl} if self.ws_url.startswith("wss") else {}))
        self.close_code = None
        await self.ws.send(self.client.hello(**hello))
        first = await self.ws.recv()
        self.client.receive(first)  # type: ignore[arg-type]
        for frame in self.client.resend():
            await self.ws.send(frame)
        self._reader = asyncio.create_task(self._read())
        await self.wait_for(lambda c: c.doc is not None)
        return self

    async def _read(self) -> None:
        assert self.ws is not None and self.client is not None
        since_ack = 0
        try:
            async for frame in self.ws:
                message = self.client.receive(frame)  # type: ignore[arg-type]
                since_ack += 1
                # Like the browser: at once after a snapshot (the page is shown: onload),
                # then at least every 50 messages.
                if self.auto_ack and (since_ack >= 50 or message["type"] == "snapshot"):
                    await self.ws.send(self.client.ack())
                    since_ack = 0
                self._changed.set()
        except ProtocolMismatch as exc:  # not a dead connection: wait_for raises it
            self.mismatch = exc
        except Exception:  # the connection died: the waiters see close_code
            pass
        finally:
            self.close_code = self.ws.close_code
            self._changed.set()

    async def wait_for(self, predicate: Callable[[ClientProtocol], bool], *,
                       timeout: float = 5.0) -> None:
        """Wait until ``predicate(client)`` holds; raise TimeoutError after ``timeout``."""
        assert self.client is not None
        deadline = time.monotonic() + timeout
        while not predicate(self.client):
            if self.mismatch is not None:
                raise self.mismatch
            if self._reader is not None and self._reader.done() and not predicate(self.client):
                raise ConnectionError(f"connection closed with {self.close_code}")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("condition not reached in time")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except asyncio.TimeoutError:
                continue

    async def send(self, frame: str) -> None:
        if self.ws is not None:
            # Dropped: the frame stays in the outbox and is resent on resume.
            with contextlib.suppress(Exception):
                await self.ws.send(frame)

    async def set(self, model_id: str, prop: str, value: Any) -> None:
        assert self.client is not None
        await self.send(self.client.set(model_id, prop, value))

    async def click(self, model_id: str) -> None:
        assert self.client is not None
        await self.send(self.client.event(model_id, "click"))

    async def event(self, model_id: str, name: str, data: Any = None) -> None:
        """Send event ``name`` of model ``model_id`` with ``data``, as a page does."""
        assert self.client is not None
        await self.send(self.client.event(model_id, name, data))

    async def submit(self, form_id: str, values: dict[str, Any] | None = None) -> None:
        """Submit a ``Form`` as the page does (see :meth:`ClientProtocol.submit`)."""
        assert self.client is not None
        await self.send(self.client.submit(form_id, values))

    async def ack(self) -> None:
        assert self.client is not None
        await self.send(self.client.ack())

    async def drop(self) -> None:
        """Cut the connection abruptly (no closing handshake from the client's side)."""
        if self.ws is not None:
            self.ws.transport.abort()
            if self._reader is not None:
                await asyncio.wait([self._reader], timeout=5)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            if self._reader is not None:
                await asyncio.wait([self._reader], timeout=5)
