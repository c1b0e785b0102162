"""``LocalClient``: an app served in-process by the real stack, with a manual clock."""

from __future__ import annotations

import secrets
import weakref
from collections.abc import Mapping
from typing import Any

from docsync.app_base import App
from docsync.app_loader import load_apps
from docsync.core.document import Document
from docsync.core.registry import RegistryConfig, SessionRegistry
from docsync.core.session import LogLimits, Session
from docsync.core.tokens import issue_token, new_session_id
from docsync.runtime.context import BUSY_DELAY, Runtime, RuntimeConfig, SessionContext
from docsync.testing.protocol import ClientProtocol
from docsync.testing.stack import LocalSocket, Stack

__all__ = ["LocalClient"]


def _single_app(app: Any) -> App:
    apps = load_apps(app)
    if len(apps) != 1:
        raise ValueError("a test client drives one app")
    return next(iter(apps.values()))


class LocalClient:
    """One browser tab of ``app``, served in-process by what a server runs (like
    Starlette's ``TestClient``): the core, the runtime and the pump, over no socket.

    ``ds.state`` (``session``, ``cache``, ``curdoc``, ``location``...), widget keys,
    ``on_session_created``/``on_session_destroyed`` hooks, periodic callbacks,
    ``execute``, ``schedule_task``, the ``busy`` command and the reconnect timeout all
    work as on a server. Its time is manual: it starts at ``now`` (seconds since the
    epoch: token dates, ``schedule_task`` times) and moves only by :meth:`advance`, which
    fires every timer due on the way, in order. Nothing here sleeps.

    Every method is synchronous and returns once the app has settled: the client's
    frames handled, the callbacks they started (and the threads they run in) finished,
    and what the server sent applied to :attr:`client`. A callback that does not end
    within ``timeout`` seconds of real time (blocked on something the test does next,
    say) makes the method raise. Use it from the test, never from the app's callbacks;
    from plain or async tests alike (the app's loop runs in a thread of its own).

    :meth:`drop` loses the connection; the session lives on, detached, and logs what it
    sends; :meth:`resume` reconnects with ``last_seq`` and resends the outbox.
    :meth:`delay` holds the server's frames in flight. :meth:`close` (or leaving a
    ``with`` block) destroys the session, running its hooks, and stops the threads; a
    client that is never closed is closed when it is garbage collected.

    The options are the server's of the same names (``docsync serve --help``), ``path``
    and ``headers`` those of the page's request; ``timeout`` bounds each wait in real
    seconds.
    """

    def __init__(self, app: Any, *, reconnect_timeout: float = 30.0,
                 token_lifetime: float = 300.0, now: float = 1_000_000.0,
                 num_threads: int = 2, busy_delay: float = BUSY_DELAY,
                 max_callback_errors: int = 5, require_picklable: bool = False,
                 log_limits: LogLimits | None = None, path: str = "/",
                 headers: Mapping[str, str] | None = None, auto_ack: bool = True,
                 timeout: float = 10.0) -> None:
        self.app = _single_app(app)
        self._stack = Stack(
            self.app, now=now, timeout=timeout,
            config=RuntimeConfig(num_threads=num_threads, busy_delay=busy_delay,
                                 max_callback_errors=max_callback_errors,
                                 require_picklable=require_picklable),
            registry_config=RegistryConfig(reconnect_timeout=reconnect_timeout,
                                           token_lifetime=token_lifetime,
                                           log_limits=log_limits or LogLimits()))
        self._finalizer = weakref.finalize(self, self._stack.close)
        #: The page's URL path and request headers, as the server sees them.
        self.path = path
        self.headers = dict(headers or {})
        self.secret = self._stack.secret
        token = issue_token(self.secret, new_session_id(secrets.token_bytes(16)), now)
        self.client = ClientProtocol(token)
        self.held: list[str] | None = None  # frames delayed on their way to the client
        #: Acknowledge as a page does: after a snapshot (the page is shown, which runs
        #: ``state.onload`` callbacks), then at least every 50 messages.
        self.auto_ack = auto_ack
        self._since_ack = 0
        self._socket: LocalSocket | None = None
        #: ``(code, reason)`` of the last connection once the server closed it.
        self.close_code: tuple[int, str] | None = None

    # -- what the test may read -------------------------------------------------------------

    @property
    def runtime(self) -> Runtime:
        """The runtime serving the app (``state.cache`` is its ``cache``)."""
        return self._stack.runtime

    @property
    def registry(self) -> SessionRegistry:
        return self._stack.registry

    @property
    def now(self) -> float:
        """The manual clock, in seconds since the epoch."""
        return self._stack.loop.time()

    @property
    def errors_raised(self) -> list[BaseException]:
        """Exceptions raised by app callbacks that a client message started (as on a
        server, they are also logged and shown on the page as a toast)."""
        return self._stack.errors

    @property
    def session(self) -> Session:
        """The session this client joined (also while dropped, and once destroyed)."""
        session_id = self.client.session_id
        assert session_id is not None, "connect() first"
        return self._stack.sessions[session_id]

    @property
    def context(self) -> SessionContext:
        """The session's ``ds.state`` side: its ``store``, ``busy``, ``location``...
        (while it lives)."""
        context = self.runtime.context_of(self.session)
        assert context is not None, "the session was destroyed"
        return context

    @property
    def document(self) -> Document:
        return self.session.document

    @property
    def connected(self) -> bool:
        return self._socket is not None and self._socket.closed is None

    # -- driving it -------------------------------------------------------------------------

    def _collect(self) -> None:
        """Settle, then hand what the server sent to the client (or hold it)."""
        self._stack.settle()
        socket = self._socket
        if socket is None:
            return
        frames, closed = self._stack.call(lambda: (socket.take(), socket.closed))
        if self.held is not None:
            self.held.extend(frames)
        else:
            self._receive(frames)
        if closed is not None and self.close_code is None:
            self.close_code = closed

    def _receive(self, frames: list[str]) -> None:
        due = False
        for frame in frames:
            message = self.client.receive(frame)
            self._since_ack += 1
            due = due or message["type"] == "snapshot" or self._since_ack >= 50
        if due and self.auto_ack:
            self._since_ack = 0
            self.ack()

    def _send(self, frame: str) -> None:
        """Send one frame as the page does; while disconnected it stays in the outbox."""
        socket = self._socket
        if socket is None or not self.connected:
            return
        self._stack.call(lambda: socket.push(frame))
        self._collect()

    def connect(self, **hello: Any) -> LocalClient:
        """Open a connection and send ``hello`` (``args``, ``location``), then the outbox.
        Raises ``ConnectionError`` if the server refuses it (an expired token, say)."""
        self.close_code = None
        self._socket = self._stack.open_socket(path=self.path, headers=self.headers)
        welcomes = len(self.client.welcomes)
        self._send(self.client.hello(**hello))
        if self.close_code is not None and len(self.client.welcomes) == welcomes \
                and self.held is None:
            code, reason = self.close_code
            raise ConnectionError(f"the server closed the connection: {code} {reason}")
        if self.held is None:
            for frame in self.client.resend():
                self._send(frame)
        return self

    def tick(self) -> None:
        """Let the app settle and deliver what it sent: after the test changed models
        itself, say. (Every other method does this too.)"""
        self._collect()

    def set(self, model_id: str, prop: str, value: Any) -> None:
        self._send(self.client.set(model_id, prop, value))

    def click(self, model_id: str) -> None:
        self._send(self.client.event(model_id, "click"))

    def event(self, model_id: str, name: str, data: Any = None) -> None:
        """Send event ``name`` of model ``model_id`` with ``data``, as a page does."""
        self._send(self.client.event(model_id, name, data))

    def submit(self, form_id: str, values: dict[str, Any] | None = None) -> None:
        """Submit a ``Form`` as the page does (see :meth:`ClientProtocol.submit`)."""
        self._send(self.client.submit(form_id, values))

    def ack(self) -> None:
        self._send(self.client.ack())

    def drop(self) -> None:
        """Lose the connection; frames held in flight are lost with it. The session is
        detached (its reconnect timeout starts now)."""
        socket, self._socket = self._socket, None
        self.held = None
        if socket is not None:
            self._stack.call(lambda: socket.shut(1006, "dropped by the test"))
            self._stack.settle()

    def resume(self) -> None:
        self.connect()

    def delay(self) -> None:
        """Hold server frames in flight until :meth:`release` (or lose them on drop)."""
        self.held = []

    def release(self) -> None:
        frames, self.held = self.held or [], None
        self._receive(frames)
        self._collect()

    def advance(self, seconds: float) -> list[Session]:
        """Move the clock ``seconds`` forward: periodic callbacks, tasks, busy signals and
        ``asyncio.sleep`` in async callbacks fire at their times, in order, and sessions
        detached longer than the reconnect timeout are destroyed (and returned)."""
        expired = self._stack.advance(seconds)
        self._collect()
        return expired

    def close(self) -> None:
        """Destroy the session (its ``on_session_destroyed`` hooks run) and stop the app's
        loop and threads. Idempotent."""
        self._socket = None
        self._finalizer()

    def __enter__(self) -> LocalClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
