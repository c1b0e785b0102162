"""One connection's pump, for every transport: frames in to the core, frames out in order.

A transport (the websockets server, the notebook's comm, the ASGI app) adapts its socket to
:class:`FrameSocket` and calls :func:`pump`; nothing here knows which one it is
(DESIGN.md §1). The path of one client frame is: transport → core (parse, apply, watchers,
flush into the session's log) → :class:`~docsync.core.cursor.Cursor` → transport.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Protocol

from docsync.core.connection import Connection, ConnectionState, Output
from docsync.core.cursor import Cursor
from docsync.core.registry import SessionRegistry
from docsync.core.session import Session
from docsync.exceptions import CloseConnection, SocketClosed, TooManyMessages
from docsync.identity import Login

if TYPE_CHECKING:
    from docsync.runtime.context import Runtime

__all__ = ["MAX_PENDING", "MAX_UNSENT_BYTES", "Delivery", "FrameSocket", "Peer", "close_reason",
           "pump"]

log = logging.getLogger("docsync.server")

#: Bytes of frames a connection may be behind by (numbered for it, not yet sent, not
#: counting the next one to send) before it is told to back off and resume (4429). A
#: reader that stops reading costs at most this much, plus that frame (issue 12).
MAX_UNSENT_BYTES = 4 << 20
MAX_PENDING = 1_000  # client frames waiting for their session before the client must back off


class FrameSocket(Protocol):
    """What a transport gives the pump: one connection's text frames, both ways.

    Use it on the event loop thread only.
    """

    async def receive(self) -> str | bytes | None:
        """The next frame from the client; None once the connection is closed."""

    async def send(self, text: str) -> None:
        """Send one text frame; raise :class:`~docsync.exceptions.SocketClosed` if the
        connection is closed (what was not sent stays in the session's log)."""

    def send_now(self, text: str) -> bool:
        """Send one text frame at once if that needs no waiting (the transport's write
        buffer is empty), and return True; return False, sending nothing, when the caller
        must ``await`` :meth:`send` instead. Raise
        :class:`~docsync.exceptions.SocketClosed` if the connection is closed."""

    async def close(self, code: int, reason: str) -> None:
        """Close with ``code`` (PROTOCOL.md §8) and ``reason`` (at most 120 bytes)."""


@dataclass(frozen=True)
class Peer:
    """What the transport knows of the client, for the session it may create: the
    request's path (with its query), its headers, and its login when logins are on."""

    path: str = "/"
    headers: Mapping[str, str] = field(default_factory=dict)
    login: Login | None = None


class Delivery:
    """Sends one session's frames to one connection, in ``seq`` order: the handle the core
    attaches to a session (``Session.connection``).

    Frames emitted on any thread are read from the session's log through a
    :class:`~docsync.core.cursor.Cursor`; :meth:`pull` (on the loop) starts sending them.
    """

    def __init__(self, socket: FrameSocket, peer: Peer, *,
                 clock: Callable[[], float] = time.time) -> None:
        self.socket = socket
        self.peer = peer
        self._clock = clock
        self.cursor: Cursor | None = None  # set once the hello is answered
        self._welcome: str | None = None
        self._draining = False
        self._task: asyncio.Task[None] | None = None

    def start(self, session: Session, welcome: str, resume_from: int) -> None:
        """Send ``welcome``, then the session's frames numbered after ``resume_from``."""
        self._welcome = welcome
        self.cursor = Cursor(session, self, after=resume_from, budget=MAX_UNSENT_BYTES)
        self.pull()

    def _attached(self) -> Cursor | None:
        cursor = self.cursor
        return cursor if cursor is not None and cursor.attached else None

    def pull(self) -> None:
        """Send every frame the session numbered since the last send (call on the loop);
        close with 4429 when the connection is more than the budget behind.

        What the socket takes at once is sent before this returns; a task is started only
        when it must wait (a full write buffer): one tick of a 10 Hz update then costs no
        task, no coroutine and no further loop step (issue 13).
        """
        cursor = self._attached()
        if cursor is None:
            return
        if self._draining or self._task is not None:  # it sends these too: check the budget
            try:
                cursor.check()
            except CloseConnection as exc:
                self._fell_behind(exc)
            return
        if not self._send_ready():  # checks the budget as it takes the frames
            self._task = asyncio.get_running_loop().create_task(self._drain_task())

    def _send_ready(self) -> bool:
        """Send what the socket takes without waiting; False when a frame is left that
        must be awaited (:meth:`_send_waiting` sends it; :meth:`drain` then the rest)."""
        send_now = self.socket.send_now
        try:
            if self._welcome is not None:
                if not send_now(self._welcome):
                    return False
                self._welcome = None
            # Until the cursor has caught up with the log (a worker that numbers a frame
            # after this read pulls again).
            while (cursor := self._attached()) is not None and cursor.seq < cursor.session.seq:
                try:
                    frames = cursor.take()
                except CloseConnection as exc:
                    self._fell_behind(exc)
                    return True
                if not frames:
                    return True
                for text in frames:
                    if not send_now(text):
                        return False
                    cursor.sent()
        except SocketClosed:
            pass
        return True

    def _fell_behind(self, exc: CloseConnection) -> None:
        cursor, self.cursor = self.cursor, None
        if cursor is not None:
            # Detached now, not when the closing handshake ends (a reader that stopped
            # reading never answers it): the log's own bounds apply again from here.
            cursor.session.detach(self, now=self._clock())
        self.close(exc.close_code, str(exc))

    async def _drain_task(self) -> None:
        self._task = None
        await self.drain()

    async def drain(self) -> None:
        """Send everything numbered so far, awaiting the socket when it will not take a
        frame at once. Only one drain runs at a time; the others return."""
        if self._draining:
            return
        self._draining = True
        try:
            while not self._send_ready():
                await self._send_waiting()
        except SocketClosed:
            pass
        except CloseConnection as exc:
            self._fell_behind(exc)
        finally:
            self._draining = False

    async def _send_waiting(self) -> None:
        """Send the frame :meth:`_send_ready` left (the socket would not take it at once)
        and those after it, awaiting the socket for each one it will not take at once (an
        ASGI socket never does)."""
        if self._welcome is not None:
            welcome, self._welcome = self._welcome, None
            await self.socket.send(welcome)
            return
        cursor = self._attached()
        if cursor is None:
            return
        for text in cursor.take():
            if not self.socket.send_now(text):
                await self.socket.send(text)
            cursor.sent()

    def close(self, code: int, reason: str) -> None:
        """Close the connection soon (call on the loop)."""
        asyncio.get_running_loop().create_task(self.socket.close(code, close_reason(reason)))

    def close_after_drain(self, code: int, reason: str) -> None:
        """Send what the session numbered (an ``error``, say), then close."""
        async def close() -> None:
            await self.drain()
            await self.socket.close(code, close_reason(reason))

        asyncio.get_running_loop().create_task(close())


def close_reason(text: str) -> str:
    """``text`` cut to at most 120 bytes of UTF-8, never inside a character: a close frame
    carries at most 123 bytes of reason (RFC 6455 §5.5), and a refusal's message may quote
    what the client sent, in any script. A lone surrogate (JSON allows them) becomes '?'."""
    return text.encode("utf-8", "replace")[:120].decode("utf-8", "ignore")


def _receive(receive: Callable[[], object], delivery: Delivery, runtime: Runtime) -> None:
    """One client frame, in its session's worker; closes the connection if it must."""
    try:
        receive()
    except CloseConnection as exc:
        code, reason = exc.close_code, str(exc)
        runtime.on_loop(lambda: delivery.close_after_drain(code, reason))
    except Exception:
        log.exception("internal error while handling a client message")
        runtime.on_loop(lambda: delivery.close(1011, "internal error: see the server log"))


def _welcome(receive: Callable[[], Output]) -> str:
    """Answer a ``hello`` (in a worker): only its ``welcome`` is returned. The join's other
    frames (a snapshot, tens of KiB for a page of widgets) are read from the session's log,
    which frees them once the client acks them; a result holding them would keep them
    alive as long as the executor's future, which sits in a reference cycle with the
    asyncio future awaiting it until the garbage collector's next full pass."""
    return receive().send[0]


async def pump(socket: FrameSocket, registry: SessionRegistry, runtime: Runtime, *,
               peer: Peer = Peer()) -> None:
    """Serve one connection until it closes.

    The ``hello`` is answered in the worker pool (a new session runs app code); every later
    frame runs in its session's serial executor, so app callbacks never block the loop and
    a session never races itself.
    """
    loop = asyncio.get_running_loop()
    clock = runtime.clock  # the wall clock (a test client's is manual)
    delivery = Delivery(socket, peer, clock=clock)
    conn = Connection(registry, handle=delivery)
    try:
        while (frame := await socket.receive()) is not None:
            if isinstance(frame, bytes):  # PROTOCOL.md §1: binary frames are reserved
                await socket.close(4400, "binary frames are not part of protocol v1")
                break
            receive = partial(conn.receive, frame, now=clock())
            try:
                if conn.state is ConnectionState.AWAITING_HELLO:
                    welcome = await loop.run_in_executor(runtime.pool, _welcome, receive)
                    joined = conn.joined
                    assert joined is not None
                    if joined.evicted is not None:
                        joined.evicted.close(4409, "this session was resumed by another "
                                             "connection")
                    delivery.start(joined.session, welcome, joined.resume_from)
                    context = runtime.context_of(joined.session)
                    if not joined.created and context is not None:
                        context.resumed(replayed=joined.replayed)
                else:
                    context = runtime.context_of(conn.session)
                    if context is None:
                        receive()
                        delivery.pull()
                    elif context.executor.pending >= MAX_PENDING:
                        raise TooManyMessages("too many messages: back off and resume")
                    else:
                        # Handled in the session's queue; the worker asks the loop to send.
                        context.executor.post(partial(_receive, receive, delivery, runtime))
                        continue
            except CloseConnection as exc:
                await delivery.drain()
                await socket.close(exc.close_code, close_reason(str(exc)))
                break
            except Exception:
                log.exception("internal error while handling a client message")
                await socket.close(1011, "internal error: see the server log")
                break
            await delivery.drain()
    finally:
        conn.closed(now=clock())
