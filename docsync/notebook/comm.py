"""A Jupyter comm as connections of the transport-neutral pump (``runtime.pump``).

The notebook transport carries exactly what a WebSocket carries (PROTOCOL.md §1): text
frames and close frames. Each anywidget custom message is one JSON object:

=====================================  =====================================================
``{"conn": C, "frame": TEXT}``         one text frame of logical connection ``C``, either way
``{"conn": C, "close": CODE,           a close frame (PROTOCOL.md §8 codes), either way; the
"reason": TEXT}``                      kernel answers a client's close with its own (the
                                       closing handshake): no frame of ``C`` follows it
``{"conn": C, "token": null}``         client → kernel: a fresh session token, please (what
                                       loading the page does for a browser tab, §2);
                                       answered ``{"conn": C, "token": TEXT}``
``{"conn": C, "asset": NAME}``         client → kernel: the text of a static bundle (only
                                       ``"vega.js"``, asked for when an output first shows a
                                       Vega pane; :mod:`docsync.notebook.assets`); answered
                                       ``{"conn": C, "asset": NAME, "text": TEXT}``, with
                                       ``"text": null`` for a name the kernel does not give
=====================================  =====================================================

Connection ids are chosen by the client, one per view and connection attempt, so two views
of one widget never see each other's frames; a ``token`` or ``asset`` request takes an id of
its own, which names its answer and no connection. Each connection is served by
:func:`docsync.runtime.pump.pump`, the pump of every transport: the hello in the worker
pool, later frames in the session's serial executor, frames out in ``seq`` order.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from docsync.core.registry import SessionRegistry
from docsync.exceptions import SocketClosed
from docsync.notebook.assets import read_asset
from docsync.runtime.context import Runtime
from docsync.runtime.pump import pump

__all__ = ["CommChannel", "CommSocket"]

log = logging.getLogger("docsync.notebook")

Send = Callable[[dict[str, Any]], None]

#: Logical connections one widget may hold at once; more is a misbehaving frontend.
MAX_CONNECTIONS = 64
#: Closed connection ids remembered, so that frames still in flight are dropped.
REMEMBER_CLOSED = 256


class CommSocket:
    """One logical connection over a comm, as the pump's
    :class:`~docsync.runtime.pump.FrameSocket`.

    The channel feeds it the client's frames (:meth:`feed`) and its close
    (:meth:`client_closed`). Use it on the event loop thread only.
    """

    def __init__(self, conn: str, send: Send) -> None:
        self.conn = conn
        self._send = send
        self._frames: asyncio.Queue[str | None] = asyncio.Queue()
        #: The close code once closed (by either side), else None.
        self.close_code: int | None = None

    @property
    def closed(self) -> bool:
        return self.close_code is not None

    def feed(self, text: str) -> None:
        if not self.closed:
            self._frames.put_nowait(text)

    async def receive(self) -> str | None:
        """The client's next frame; None once either side closed."""
        if self.closed and self._frames.empty():
            return None
        return await self._frames.get()

    async def send(self, text: str) -> None:
        self.send_now(text)

    def send_now(self, text: str) -> bool:
        if self.closed:
            raise SocketClosed("the comm connection is closed")
        self._send({"conn": self.conn, "frame": text})
        return True

    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Close from the kernel's side: the client is told ``code`` (PROTOCOL.md §8)."""
        self.end(code, reason)

    def client_closed(self, code: int, reason: str) -> None:
        """The client closed: answer with the same close and end the frame stream."""
        self.end(code, reason)

    def end(self, code: int, reason: str) -> None:
        """Send the close frame ``code`` and end the frame stream, once."""
        if self.closed:
            return
        self.close_code = code
        self._frames.put_nowait(None)
        self._send({"conn": self.conn, "close": code, "reason": reason})


class CommChannel:
    """Routes one widget's custom messages to its logical connections, each served by the
    pump against ``registry``. ``send`` sends one custom message to the frontend;
    ``mint_token`` makes a fresh session token for ``registry``; ``asset`` gives the text of
    a static bundle by name, or None.

    Call :meth:`receive` on the event loop thread (the kernel calls comm handlers there).
    """

    def __init__(self, *, send: Send, registry: SessionRegistry, runtime: Runtime,
                 mint_token: Callable[[], str],
                 asset: Callable[[str], str | None] = read_asset) -> None:
        self._send = send
        self.registry = registry
        self.runtime = runtime
        self._mint_token = mint_token
        self._asset = asset
        self.sockets: dict[str, CommSocket] = {}
        #: Why the channel takes no more connections (see :meth:`shut`), or None.
        self.closed: str | None = None
        self._ended: OrderedDict[str, None] = OrderedDict()
        self._tasks: set[asyncio.Task[None]] = set()

    def receive(self, content: Any) -> None:
        """One custom message from the frontend (see the module docstring)."""
        if not isinstance(content, dict) or not isinstance(content.get("conn"), str):
            log.warning("ignored a comm message that is not a docsync frame: %.200r", content)
            return
        conn: str = content["conn"]
        if "token" in content:
            self._send({"conn": conn, "token": None if self.closed else self._mint_token()})
        elif "asset" in content:
            name = content["asset"] if isinstance(content["asset"], str) else None
            self._send({"conn": conn, "asset": name,
                        "text": None if name is None else self._asset(name)})
        elif "close" in content:
            code = content["close"] if isinstance(content["close"], int) else 1000
            reason = str(content.get("reason") or "")
            socket = self.sockets.get(conn)
            if socket is not None:
                socket.client_closed(code, reason)
            else:  # already closed here: still answer, the client waits for it
                self._send({"conn": conn, "close": code, "reason": reason})
        elif isinstance(content.get("frame"), str):
            if self.closed and conn not in self.sockets and conn not in self._ended:
                self._send({"conn": conn, "close": 4404, "reason": self.closed})
                self._ended_now(conn)
            elif conn not in self._ended:  # else sent before the client heard of the close
                self._socket(conn).feed(content["frame"])
        else:
            log.warning("ignored a comm message without a text frame: %.200r", content)

    def _socket(self, conn: str) -> CommSocket:
        socket = self.sockets.get(conn)
        if socket is None:
            socket = CommSocket(conn, self._send)
            if len(self.sockets) >= MAX_CONNECTIONS:
                socket.end(4429, "too many connections from this output")
                return socket
            self.sockets[conn] = socket
            task = self.runtime.loop.create_task(self._serve(socket))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return socket

    async def _serve(self, socket: CommSocket) -> None:
        try:
            await pump(socket, self.registry, self.runtime)
        finally:
            await socket.close(1000, "")
            self.sockets.pop(socket.conn, None)
            self._ended_now(socket.conn)

    def _ended_now(self, conn: str) -> None:
        self._ended[conn] = None
        while len(self._ended) > REMEMBER_CLOSED:
            self._ended.popitem(last=False)

    def shut(self, reason: str) -> None:
        """docsync stops in this kernel: every connection, open or to come, is closed with
        4404 (its session is gone, PROTOCOL.md §8) and no fresh token is given out."""
        self.closed = reason
        for socket in list(self.sockets.values()):
            socket.end(4404, reason)
