"""The server side of a ``LocalClient``: the real runtime on a private, manually timed loop.

What a server builds per process (a :class:`~docsync.runtime.context.Runtime`, a
:class:`~docsync.core.registry.SessionRegistry` whose factory is
:func:`~docsync.runtime.open.open_session`, one :func:`~docsync.runtime.pump.pump` per
connection), built the same way, on a :class:`~docsync.testing.loop.ManualClockLoop` run
in a helper thread, so that a synchronous test drives it from any thread, a running
pytest-asyncio loop's included. Its wall clock is the loop's time.
"""

from __future__ import annotations

import asyncio
import contextvars
import secrets
import threading
import time
from collections.abc import Callable, Coroutine, Mapping
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from functools import partial
from typing import Any, TypeVar

from docsync.app_base import App
from docsync.bind import use_widget_references
from docsync.core.messages import Hello
from docsync.core.registry import RegistryConfig, SessionRegistry
from docsync.core.session import Session
from docsync.exceptions import (
    SocketClosed,
    StackError,  # re-exported: tests catch it here
)
from docsync.runtime.context import Runtime, RuntimeConfig
from docsync.runtime.open import open_session
from docsync.runtime.pump import Delivery, Peer, pump
from docsync.testing.loop import CountingPool, ManualClockLoop

__all__ = ["LocalSocket", "Stack"]

T = TypeVar("T")

#: Timers within this many seconds past the target of ``advance`` still fire: a sum of
#: periods (0.1 + 0.1 + ...) may land a rounding error past their product.
EPSILON = 1e-9
#: Steps (timer firings, expiries) one ``advance`` may take before it gives up.
MAX_STEPS = 100_000


class LocalSocket:
    """A :class:`~docsync.runtime.pump.FrameSocket` whose other end is the test: frames in
    through :meth:`push`, frames out collected by :meth:`take`. Loop thread only."""

    def __init__(self) -> None:
        self._incoming: asyncio.Queue[str | None] = asyncio.Queue()
        self._sent: list[str] = []
        #: ``(code, reason)`` once either side closed it.
        self.closed: tuple[int, str] | None = None

    async def receive(self) -> str | None:
        return await self._incoming.get()

    async def send(self, text: str) -> None:
        self.send_now(text)

    def send_now(self, text: str) -> bool:
        if self.closed is not None:
            raise SocketClosed("the test client dropped the connection")
        self._sent.append(text)
        return True

    async def close(self, code: int, reason: str) -> None:
        self.shut(code, reason)

    def shut(self, code: int, reason: str) -> None:
        """Close (the first close wins); the pump reads None next."""
        if self.closed is None:
            self.closed = (code, reason)
            self._incoming.put_nowait(None)

    def push(self, frame: str) -> None:
        if self.closed is None:
            self._incoming.put_nowait(frame)

    def take(self) -> list[str]:
        frames, self._sent = self._sent, []
        return frames


class Stack:
    """One app's runtime, registry and connections on a private loop thread.

    It holds no reference to the ``LocalClient`` that made it, so that a client a test
    forgets to close is collected, and its stack closed (``weakref.finalize``). The
    methods are called from the test's thread, never from the app's callbacks.
    """

    def __init__(self, app: App, *, registry_config: RegistryConfig, config: RuntimeConfig,
                 now: float, timeout: float) -> None:
        self.app = app
        self.timeout = timeout
        self.secret = secrets.token_bytes(32)
        #: Exceptions of app callbacks started by a client message (``Session.on_error``).
        self.errors: list[BaseException] = []
        #: Every session the app opened, by id (destroyed ones too).
        self.sessions: dict[str, Session] = {}
        self.closed = False
        self.loop = ManualClockLoop(now)
        self.pool = CountingPool(config.num_threads, on_done=self.loop.kicked.set)
        self.loop.set_default_executor(self.pool)  # asyncio.to_thread is counted too
        self._thread = threading.Thread(target=self._run, name="docsync-local-loop",
                                        daemon=True)
        self._thread.start()
        # Panel's rule that a widget stands for its value in param.bind/rx/allow_refs, as
        # the server and the notebook host add it before their runtime.
        use_widget_references()
        self.runtime: Runtime = self.call(
            lambda: Runtime(config, clock=self.loop.time, pool=self.pool))
        self.registry = SessionRegistry(secret=self.secret, factory=self._create,
                                        config=registry_config)

    def _run(self) -> None:
        loop = self.loop
        try:
            loop.run_forever()
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            loop.close()

    def _create(self, session_id: str, hello: Hello, handle: Delivery) -> Session:
        """The registry's factory (in a pool thread): as a server opens a session."""
        session = open_session(self.runtime, self.app, session_id, hello,
                               headers=handle.peer.headers, limits=self.registry.config.log_limits)
        report = session.on_error

        def on_error(exc: BaseException) -> None:
            self.errors.append(exc)
            report(exc)

        session.on_error = on_error
        self.sessions[session_id] = session
        return session

    # -- running things on the loop ---------------------------------------------------------

    def call(self, fn: Callable[[], T]) -> T:
        """``fn()`` on the loop thread; its result, or its exception raised here."""
        if threading.get_ident() == self._thread.ident:
            raise StackError("a LocalClient is driven from the test, not from its app's "
                             "callbacks")
        done: Future[T] = Future()

        def run() -> None:
            try:
                done.set_result(fn())
            except BaseException as exc:
                done.set_exception(exc)

        # An empty context: the test thread's context variables are not the app's.
        self.loop.call_soon_threadsafe(run, context=contextvars.Context())
        try:
            return done.result(self.timeout)
        except FutureTimeout:
            raise StackError(f"the app's event loop did not answer in {self.timeout} s: "
                             "something blocks it") from None

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Await ``coroutine`` on the loop (it must not wait for the clock to move)."""
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        try:
            return future.result(self.timeout)
        except FutureTimeout:
            future.cancel()
            raise StackError(f"{coroutine!r} did not end in {self.timeout} s") from None

    def _quiet(self) -> bool:
        """On the loop: True when no thread computes for the app and nothing is due on the
        loop. Threads are read first: each hands its results to the loop before it counts
        as done, so one that ends meanwhile is seen as loop work."""
        if self.pool.unfinished:
            return False
        if any(c.executor.pending for c in list(self.runtime.sessions.values())):
            return False
        return not self.loop.has_work()

    def settle(self) -> None:
        """Return once everything due by now has run: client frames handled, callbacks and
        their threads done, patches sent. Raise :class:`StackError` after ``timeout``
        seconds of real time if the app still works (a callback blocks, say)."""
        deadline = time.monotonic() + self.timeout
        while not self.call(self._quiet):
            if time.monotonic() > deadline:
                raise StackError(f"the app did not settle in {self.timeout} s: a callback "
                                 "still runs, or a task awaits something other than the "
                                 "clock")
            # Threads at work: wait until one hands the loop something, or look again soon
            # (a call that changes nothing gives no sign when it ends).
            self.loop.kicked.wait(0.005)
            self.loop.kicked.clear()

    def advance(self, seconds: float) -> list[Session]:
        """Move the clock ``seconds`` forward, one due timer or expiry at a time, settling
        after each; returns the sessions destroyed for being detached too long."""
        if seconds < 0:
            raise ValueError(f"advance() takes seconds >= 0, not {seconds}: time never goes "
                             "back")
        target = self.loop.time() + seconds
        expired: list[Session] = []
        self.settle()
        for _ in range(MAX_STEPS):
            due = self.call(lambda: self._next_due(target))
            if due is None:
                break
            expired += self.call(partial(self._step, due))
            self.settle()
        else:
            raise StackError(f"advance({seconds}) took more than {MAX_STEPS} steps: advance "
                             "in smaller steps")
        expired += self.call(lambda: self._step(target))
        self.settle()
        return expired

    def _next_due(self, target: float) -> float | None:
        now = self.loop.time()
        deadline = self.registry.next_deadline()
        times = [t for t in (self.loop.next_timer(), deadline) if t is not None and t > now]
        due = min(times, default=None)
        return due if due is not None and due <= target + EPSILON else None

    def _step(self, now: float) -> list[Session]:
        self.loop.set_time(now)
        return self.registry.expire(now=self.loop.time())

    # -- connections -------------------------------------------------------------------------

    def open_socket(self, *, path: str, headers: Mapping[str, str]) -> LocalSocket:
        """A new connection served by the pump, as a server serves an accepted one."""
        def start() -> LocalSocket:
            socket = LocalSocket()
            self.runtime.start(pump(socket, self.registry, self.runtime,
                                    peer=Peer(path=path, headers=dict(headers))))
            return socket

        return self.call(start)

    # -- the end -----------------------------------------------------------------------------

    def close(self) -> None:
        """Destroy every session (their hooks run), stop the runtime, the loop and the
        threads. Idempotent; safe to call from any thread but the loop's."""
        if self.closed:
            return
        self.closed = True
        if threading.get_ident() == self._thread.ident or not self._thread.is_alive():
            self.loop.call_soon_threadsafe(self.loop.stop)  # cannot wait for itself
            return
        settled = False
        try:
            self.call(lambda: self.registry.destroy_all(now=self.loop.time()))
            self.settle()
            settled = True
        finally:
            self.call(self.runtime.close)
            try:
                self.run(self.runtime.wait_closed(timeout=self.timeout))
                self.run(self._cancel_tasks())
            finally:
                self.loop.call_soon_threadsafe(self.loop.stop)
                self._thread.join(self.timeout)
                self.runtime.workers.join(timeout=self.timeout)
                # Its threads end once their calls do; wait for them if none is stuck.
                self.pool.shutdown(wait=settled)

    async def _cancel_tasks(self) -> None:
        """Cancel what is left on the loop (the pumps of closed connections, say)."""
        me = asyncio.current_task()
        tasks = [t for t in asyncio.all_tasks() if t is not me]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=self.timeout)
