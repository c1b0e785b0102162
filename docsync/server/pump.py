"""One WebSocket's pump: frames in to the core, frames out in order (DESIGN.md §1)."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from docsync.core.connection import Connection, ConnectionState
from docsync.core.registry import SessionRegistry
from docsync.core.session import Session
from docsync.exceptions import CloseConnection

if TYPE_CHECKING:
    from docsync.runtime.context import Runtime, SessionContext
    from docsync.server.metrics import Metrics

__all__ = ["Writer", "pump"]

log = logging.getLogger("docsync.server")

#: Bytes of frames a connection may be behind by (numbered for it, not yet sent, not
#: counting the one being sent) before it is told to back off and resume (4429). A reader
#: that stops reading costs at most this much, plus the frame in flight (issue 12).
MAX_UNSENT_BYTES = 4 << 20
MAX_PENDING = 1_000  # client frames waiting for their session before the client must back off


class Writer:
    """Sends one session's frames to one connection, in ``seq`` order.

    It reads the session's replay log by cursor (``sent_seq``), so frames emitted on any
    thread reach the socket in the order they were numbered, and reports each send to the
    session (:meth:`Session.sent`), which keeps every frame not yet sent in its log: the
    log is the only copy, and the byte budget :data:`MAX_UNSENT_BYTES` bounds it. This is
    the transport handle the core attaches to a session.
    """

    def __init__(self, ws: ServerConnection, metrics: Metrics | None = None) -> None:
        self.ws = ws
        self._metrics = metrics
        self.session: Session | None = None  # set once the hello is answered
        self.sent_seq = 0
        self._welcome: str | None = None
        self._in_flight = 0  # bytes of the frame being sent, still counted as unsent
        self._draining = False
        self._task: asyncio.Task[None] | None = None

    def start(self, session: Session, welcome: str, resume_from: int) -> None:
        """Send ``welcome``, then the session's frames numbered after ``resume_from``."""
        self._welcome = welcome
        self.session, self.sent_seq = session, resume_from
        session.start_sending(after=resume_from)
        self.pull()

    def _attached(self) -> Session | None:
        session = self.session
        return session if session is not None and session.connection is self else None

    def pull(self) -> None:
        """Send every frame the session numbered since the last send (call on the loop);
        close with 4429 when the connection is more than the budget behind."""
        session = self._attached()
        if session is None:
            return
        if session.unsent_bytes - self._in_flight > MAX_UNSENT_BYTES:
            self._too_far_behind()
            return
        if not self._draining and self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._drain_task())

    def _too_far_behind(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            # Detached now, not when the closing handshake ends (a reader that stopped
            # reading never answers it): the log's own bounds apply again from here.
            session.detach(self, now=time.time())
        self.close(4429, "too far behind: back off and resume")

    async def _drain_task(self) -> None:
        self._task = None
        await self.drain()

    async def drain(self) -> None:
        """Send everything numbered so far. Only one drain runs at a time; the others
        return."""
        if self._draining:
            return
        self._draining = True
        try:
            if self._welcome is not None:
                welcome, self._welcome = self._welcome, None
                await self.ws.send(welcome)
                if self._metrics is not None:
                    self._metrics.sent()
            while (session := self._attached()) is not None:
                frames = session.frames_after(self.sent_seq)
                if frames is None:  # a snapshot restarted the log past the cursor
                    self._too_far_behind()
                    break
                if not frames:
                    break
                for text in frames:
                    self._in_flight = len(text)
                    await self.ws.send(text)
                    self.sent_seq += 1
                    if self._metrics is not None:
                        self._metrics.sent()
                    if session.connection is self:  # else the session moved on meanwhile
                        session.sent(self.sent_seq)
        except ConnectionClosed:
            pass
        finally:
            self._in_flight = 0
            self._draining = False

    def close(self, code: int, reason: str) -> None:
        asyncio.get_running_loop().create_task(self.ws.close(code, reason[:120]))

    def close_after_drain(self, code: int, reason: str) -> None:
        """Send what the session numbered (an ``error``, say), then close."""
        async def close() -> None:
            await self.drain()
            await self.ws.close(code, reason[:120])

        asyncio.get_running_loop().create_task(close())


class TooManyMessages(CloseConnection):
    close_code = 4429


def _receive(receive: Callable[[], object], ws: ServerConnection, writer: Writer,
             runtime: Runtime) -> None:
    """One client frame, in its session's worker; closes the connection if it must."""
    try:
        receive()
    except CloseConnection as exc:
        code, reason = exc.close_code, str(exc)
        runtime.on_loop(lambda: writer.close_after_drain(code, reason))
    except Exception:
        log.exception("internal error while handling a client message")
        runtime.on_loop(lambda: writer.close(1011, "internal error: see the server log"))


def _context(session: Session | None) -> SessionContext | None:
    return None if session is None else session.extras.get("context")


async def pump(ws: ServerConnection, registry: SessionRegistry, runtime: Runtime, *,
               metrics: Metrics | None = None) -> None:
    """Run one connection until it closes; ``metrics`` (``--metrics``) counts its frames.

    The ``hello`` is answered in the worker pool (a new session runs app code); every later
    frame runs in its session's serial executor, so app callbacks never block the loop and
    a session never races itself.
    """
    sock = ws.transport.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    loop = asyncio.get_running_loop()
    writer = Writer(ws, metrics)
    conn = Connection(registry, handle=writer)
    try:
        async for frame in ws:
            if metrics is not None:
                metrics.received()
            if isinstance(frame, bytes):  # PROTOCOL.md §1: binary frames are reserved
                await ws.close(4400, "binary frames are not part of protocol v1")
                break
            receive = partial(conn.receive, frame, now=time.time())
            try:
                if conn.state is ConnectionState.AWAITING_HELLO:
                    out = await loop.run_in_executor(runtime.pool, receive)
                    joined = conn.joined
                    assert joined is not None
                    if out.evict is not None:
                        out.evict.close(4409, "this session was resumed by another connection")
                    writer.start(joined.session, out.send[0], joined.resume_from)
                    # The writer reads the other frames from the session's log; the join
                    # kept by the connection would hold them (a snapshot) as long as it is
                    # open.
                    joined.send.clear()
                    context = _context(joined.session)
                    if not joined.created and context is not None:
                        context.resumed(replayed=joined.replayed)
                else:
                    context = _context(conn.session)
                    if context is None:
                        receive()
                        writer.pull()
                    elif context.executor.pending >= MAX_PENDING:
                        raise TooManyMessages("too many messages: back off and resume")
                    else:
                        # Handled in the session's queue; the worker asks the loop to send.
                        context.executor.post(partial(_receive, receive, ws, writer, runtime))
                        continue
            except CloseConnection as exc:
                await writer.drain()
                await ws.close(exc.close_code, str(exc)[:120])
                break
            except Exception:
                log.exception("internal error while handling a client message")
                await ws.close(1011, "internal error: see the server log")
                break
            await writer.drain()
    except ConnectionClosed:
        pass
    finally:
        conn.closed(now=time.time())
