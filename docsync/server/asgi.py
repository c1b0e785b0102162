"""The server as an ASGI application: its pages, static files and WebSockets, under any ASGI
server (uvicorn), alone or mounted in a FastAPI or Starlette service.

Nothing here has rules of its own: HTTP is answered by :meth:`Server.answer_http` and each
WebSocket is served by :meth:`Server.serve_socket` through the pump every transport shares,
so a page behaves the same whichever server carries it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager, suppress
from typing import TYPE_CHECKING, Any

from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from docsync.exceptions import SocketClosed
from docsync.server import http
from docsync.server.logs import ACCESS_LOGGER, access_line

if TYPE_CHECKING:
    from docsync.server.server import Server

__all__ = ["AsgiApp", "AsgiFrames"]

log = logging.getLogger("docsync.server")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class AsgiFrames:
    """One accepted ASGI WebSocket as the pump's :class:`~docsync.runtime.pump.FrameSocket`.

    ASGI servers raise an ``OSError`` (uvicorn's ``ClientDisconnected``) from ``send``
    once the client is gone; that is :class:`SocketClosed` here.
    """

    def __init__(self, receive: Receive, send: Send) -> None:
        self._receive = receive
        self._send = send
        self.closed = False
        #: The close code, once closed by either side (1005: the client gave none).
        self.close_code: int | None = None

    async def receive(self) -> str | bytes | None:
        if self.closed:
            return None
        message = await self._receive()
        if message["type"] == "websocket.receive":
            text = message.get("text")
            return text if text is not None else message.get("bytes") or b""
        self.closed = True  # websocket.disconnect
        if self.close_code is None:
            self.close_code = int(message.get("code", 1005))
        return None

    async def send(self, text: str) -> None:
        if self.closed:
            raise SocketClosed("the WebSocket is closed")
        try:
            await self._send({"type": "websocket.send", "text": text})
        except OSError:
            self.closed = True
            raise SocketClosed("the WebSocket is closed") from None

    def send_now(self, text: str) -> bool:
        # ASGI's send is a coroutine of the server's with no synchronous form: always await.
        if self.closed:
            raise SocketClosed("the WebSocket is closed")
        return False

    async def close(self, code: int, reason: str) -> None:
        if self.closed:
            return
        self.closed, self.close_code = True, code
        with suppress(OSError):  # the client is gone already
            await self._send({"type": "websocket.close", "code": code, "reason": reason})


def _request(scope: Scope, *, strip: str) -> Request:
    """The request of ``scope`` as the server reads it: its path below ``strip`` (the
    path the app is mounted at), with the query string, and its headers."""
    path: str = scope["path"]
    if strip and (path == strip or path.startswith(strip + "/")):
        path = path[len(strip):] or "/"
    query = scope.get("query_string", b"")
    if query:
        path += "?" + query.decode("latin-1")
    headers = Headers()
    for name, value in scope.get("headers", ()):
        headers[name.decode("latin-1")] = value.decode("latin-1")
    return Request(path, headers)


def _mount_point(scope: Scope, prefix: str) -> str:
    """What to strip from the path: the ``root_path`` the app is mounted at, unless the
    server was given that path as its ``prefix`` (then it routes the whole path itself)."""
    root: str = scope.get("root_path", "") or ""
    return "" if prefix else root.rstrip("/")


def _asgi_headers(response: Response, mount: str) -> list[tuple[bytes, bytes]]:
    pairs = []
    for name, value in response.headers.raw_items():
        if name.lower() == "connection":  # the ASGI server keeps HTTP/1.1 connections alive
            continue
        if name.lower() == "location" and mount and value.startswith("/"):
            value = mount + value  # a redirect within the server stays under its mount
        pairs.append((name.lower().encode("latin-1"), value.encode("latin-1")))
    return pairs


class AsgiApp:
    """The ASGI application of ``server``.

    Unless ``started`` (the server's owner starts and stops it: ``--server asgi``), the
    server starts at the ASGI ``lifespan`` startup, or at the first request when the ASGI
    server sends none (Starlette's ``Mount`` does not pass it on); it stops at the lifespan
    shutdown. A service that mounts this app runs that with
    ``FastAPI(lifespan=app.lifespan)`` or ``async with app.lifespan():``.
    """

    def __init__(self, server: Server, *, started: bool = False) -> None:
        self.server = server
        self._started = started
        self._stopped = False
        self._lock = asyncio.Lock()
        self._sockets: set[AsgiFrames] = set()
        self._log = logging.getLogger(ACCESS_LOGGER)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "lifespan":
            await self._lifespan(receive, send)
            return
        await self.start()
        if kind == "http":
            await self._http(scope, send)
        elif kind == "websocket":
            await self._websocket(scope, receive, send)

    # -- lifecycle -----------------------------------------------------------------------

    async def start(self) -> None:
        """Start the server (its runtime, Redis, the app's setup), once."""
        async with self._lock:
            if not self._started and not self._stopped:
                self._started = True
                await self.server.start(listen=False)

    async def close_sockets(self) -> None:
        """Close every open WebSocket with 1001 (going away): the pages reconnect later."""
        for frames in list(self._sockets):
            await frames.close(1001, "server shutting down")

    async def stop(self) -> None:
        """Stop the server gracefully (destroy hooks run once), once."""
        async with self._lock:
            if self._started and not self._stopped:
                self._stopped = True
                await self.server.stop()

    @asynccontextmanager
    async def lifespan(self, _app: Any = None) -> AsyncIterator[None]:
        """The server's life as an async context manager (FastAPI's ``lifespan=``)."""
        await self.start()
        try:
            yield
        finally:
            await self.stop()

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await self.start()
                except Exception as exc:
                    log.exception("the docsync server did not start")
                    await send({"type": "lifespan.startup.failed", "message": str(exc)})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return

    # -- HTTP ----------------------------------------------------------------------------

    async def _answer(self, scope: Scope, request: Request) -> Response | None:
        server = scope.get("server")  # (host, port) the ASGI server accepted this on
        answer = self.server.answer_http(request, bound=server[0] if server else None)
        if answer is not None and not isinstance(answer, Response):
            answer = await answer
        return answer

    def _access(self, event: str, scope: Scope, status: int, began: float) -> None:
        """One access line, as the websockets server writes (``docsync.server.logs``)."""
        if not self._log.isEnabledFor(logging.INFO):
            return
        query = scope.get("query_string", b"").decode("latin-1")
        client = scope.get("client")
        access_line(self._log, event, client=str(client[0]) if client else "-",
                    target=scope["path"] + (f"?{query}" if query else ""), status=status,
                    seconds=time.monotonic() - began, method=scope.get("method", "GET"))

    async def _http(self, scope: Scope, send: Send) -> None:
        began = time.monotonic()
        mount = _mount_point(scope, self.server.config.prefix)
        method = scope.get("method", "GET")
        if method not in ("GET", "HEAD"):
            response = http.response(405, "only GET and HEAD are served here",
                                     content_type="text/plain", headers={"Allow": "GET, HEAD"})
        else:
            response = await self._answer(scope, _request(scope, strip=mount)) or http.response(
                426, "this path is a WebSocket: connect with one", content_type="text/plain",
                headers={"Upgrade": "websocket"})
        await send({"type": "http.response.start", "status": response.status_code,
                    "headers": _asgi_headers(response, mount)})
        await send({"type": "http.response.body",
                    "body": b"" if method == "HEAD" else bytes(response.body)})
        self._access("http", scope, response.status_code, began)

    # -- WebSocket -----------------------------------------------------------------------

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (await receive())["type"] != "websocket.connect":
            return
        began = time.monotonic()
        mount = _mount_point(scope, self.server.config.prefix)
        request = _request(scope, strip=mount)
        refusal = await self._answer(scope, request)
        if refusal is not None:
            await self._refuse(scope, send, refusal, mount)
            self._access("http", scope, refusal.status_code, began)
            return
        await send({"type": "websocket.accept"})
        self._access("ws-open", scope, 101, began)
        opened = time.monotonic()
        frames = AsgiFrames(receive, send)
        self._sockets.add(frames)
        client = scope.get("client")
        try:
            await self.server.serve_socket(frames, request,
                                           address=client[0] if client else "?")
        finally:
            self._sockets.discard(frames)
            await frames.close(1000, "")
            self._access("ws-close", scope, frames.close_code or 1000, opened)

    async def _refuse(self, scope: Scope, send: Send, response: Response, mount: str) -> None:
        """Refuse the handshake with ``response`` where the ASGI server can send one,
        else with its bare 403."""
        if "websocket.http.response" in scope.get("extensions", {}):
            await send({"type": "websocket.http.response.start",
                        "status": response.status_code,
                        "headers": _asgi_headers(response, mount)})
            await send({"type": "websocket.http.response.body", "body": bytes(response.body)})
        else:
            await send({"type": "websocket.close", "code": 1008})
