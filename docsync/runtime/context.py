"""The per-session ``SessionContext`` that ``state`` reads, beside the server-wide
``Runtime`` (``docsync.runtime.services``, whose names are re-exported here).

A transport creates one ``Runtime`` per server (or kernel) and one ``SessionContext`` per
session, and sets the context variables below around every callback it runs; the only
process-wide state is what a script registers before it starts a server (``pending``).

The ``command`` messages (PROTOCOL.md §4: a one-off browser action that is not state;
logged and replayed like any message, §6) that a session sends its page from here:

- ``notify``, data ``{"level", "message", "duration"}`` (ms): show a toast.
- ``download``, data ``{"filename", "mime_type", "data"}`` (base64): save a file
  (``FileDownload``), sent only to the session whose click asked for it; a large file
  goes by URL instead (``docsync.runtime.download``).
- ``busy``, data ``{"busy": true}`` once the session has been busy (``state.busy``: one of
  its callbacks queued or running, whether a page message started it or not) for
  ``RuntimeConfig.busy_delay`` seconds (``BUSY_DELAY``, 0.1), then ``{"busy": false}``
  when it is idle again. Work that ends sooner sends nothing, so a quick round trip costs
  no extra message. The page shows its busy indicator while the last ``busy`` said true
  (js/src/views/busy.js). A resume that sends a ``snapshot`` instead of the log (§6) is
  followed by ``{"busy": true}`` again when the session is still busy, since the page
  forgets on a snapshot.
"""

from __future__ import annotations

import asyncio
import contextvars
import inspect
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from typing import Any

from docsync.core.session import Session
from docsync.identity import Login
from docsync.location import Location
from docsync.runtime.bus import Subscription
from docsync.runtime.busy import BusySignal
from docsync.runtime.current import CURRENT_RUNTIME, CURRENT_SESSION
from docsync.runtime.executor import SerialExecutor
from docsync.runtime.periodic import PeriodicCallback, callback_name, future_error
from docsync.runtime.running import Running
from docsync.runtime.services import BUSY_DELAY, Checkpoint, Hook, Runtime, RuntimeConfig
from docsync.runtime.store import SessionStore
from docsync.settings import call_exception_handler

__all__ = ["BUSY_DELAY", "REBUILDING", "Runtime", "RuntimeConfig", "SessionContext"]

log = logging.getLogger("docsync.callbacks")

#: Set around the building of a session that is rebuilt from saved state (its worker was
#: lost): the ``state.session`` values it starts with, so that the app sees them when it
#: runs again.
REBUILDING: contextvars.ContextVar[Mapping[str, Any] | None] = contextvars.ContextVar(
    "docsync_rebuilding", default=None)

class SessionContext:
    """One session as app code sees it through ``state``: its store, callbacks and hooks.

    ``send`` is the transport's way to deliver the session's new frames (thread-safe).
    """

    def __init__(self, runtime: Runtime, session_id: str, *, args: dict[str, Any],
                 location: Location, headers: Mapping[str, str], cookies: dict[str, str],
                 deliver: Callable[[], None]) -> None:
        self.runtime = runtime
        self.id = session_id
        self.args = args
        self.location = location
        self.headers = headers
        self.cookies = cookies
        #: This session's own ``ds.config`` settings (``docsync.settings``): name → value.
        self.config: dict[str, Any] = {}
        #: The user's login (``state.user``...), None on a server without logins.
        self.login: Login | None = None
        self.session: Session | None = None  # set once the core session exists
        self.store = SessionStore(require_picklable=runtime.config.require_picklable,
                                  on_change=self._touch)
        #: Saves this session's state when persistence is on (set by the transport).
        self.checkpoint: Checkpoint | None = None
        saved = REBUILDING.get()
        #: True when this session was rebuilt from saved state (its worker was lost).
        self.rebuilt = saved is not None
        if saved is not None:
            self.store.load(saved)
        # Bound methods rather than lambdas, here and below: an idle session holds them
        # all, and a closure costs about four times a bound method (issue 13).
        self.executor = SerialExecutor(runtime.workers, wrap=self._in_context,
                                       on_error=self.callback_failed,
                                       on_busy=self._queue_busy, clock=runtime.loop.time)
        self.loop = runtime.loop
        self.loop_thread = runtime.loop_thread
        self.max_callback_errors = runtime.config.max_callback_errors
        self.closed = False
        #: The transport's "send what the session has numbered"; called on the loop.
        self.deliver = deliver
        #: Threads running one of this session's calls -> "flush when it ends". Several at
        #: once: the serial queue's and ``execute(threaded=True)``'s (dict ops are atomic).
        self._calls: dict[int, bool] = {}
        #: The transport's one-time HTTP download for this page (``runtime.download``).
        self.offer_download: Callable[[str, str, bytes], str] | None = None
        self._periodic: list[PeriodicCallback] = []
        self._destroyed_hooks: list[Hook] = []
        self._resumed_hooks: list[Hook] = []
        self._subscriptions: list[Subscription] = []
        #: This session's tally of its once-per-server registrations (``Runtime.once``).
        self.registered: dict[Any, int] = {}
        #: Tells the page of long busy spells (the ``busy`` command).
        self.busy_signal = BusySignal(
            watch=runtime.busy_watch, queue_since=self._queue_since,
            queue_pending=self._queue_pending, tell=self._tell_busy, on_loop=runtime.on_loop,
            closed=self._closed)
        self._running = Running()  # async callbacks: cancelled at destroy

    def _queue_busy(self, busy: bool) -> None:
        self.busy_signal.queue_busy(busy)

    def _queue_since(self) -> float | None:
        return self.executor.busy_since

    def _queue_pending(self) -> int:
        return self.executor.pending

    def _tell_busy(self, busy: bool) -> None:
        self.command("busy", {"busy": busy})

    def _closed(self) -> bool:
        return self.closed

    # -- context ---------------------------------------------------------------------------

    @contextmanager
    def activate(self) -> Iterator[None]:
        """Make this the current session (and its runtime) inside the block."""
        token_r = CURRENT_RUNTIME.set(self.runtime)
        token_s = CURRENT_SESSION.set(self)
        try:
            yield
        finally:
            CURRENT_SESSION.reset(token_s)
            CURRENT_RUNTIME.reset(token_r)

    def _in_context(self, fn: Callable[[], Any]) -> Any:
        """Run one queued call (in a worker). Its document changes become one patch at the
        end (DESIGN.md §2), handed to the loop with one wake-up."""
        session = self.session
        seq = session.seq if session is not None else 0
        cseq = session.applied_cseq if session is not None else 0
        thread = threading.get_ident()
        self._calls[thread] = False
        observer = self.runtime.observer
        began = time.perf_counter() if observer is not None else 0.0
        # What activate() does, without its generator: this runs for every queued call.
        token_r = CURRENT_RUNTIME.set(self.runtime)
        token_s = CURRENT_SESSION.set(self)
        try:
            return fn()
        finally:
            CURRENT_SESSION.reset(token_s)
            CURRENT_RUNTIME.reset(token_r)
            if observer is not None:
                observer.callback_ran(time.perf_counter() - began)
            flush_due = self._calls.pop(thread)
            if session is not None:
                if flush_due:
                    session.flush()
                if session.seq != seq:
                    self.runtime.on_loop(self.deliver)
                if session.applied_cseq != cseq:  # a client message: save, then acknowledge
                    self._touch()

    def _touch(self) -> None:
        checkpoint = self.checkpoint
        if checkpoint is not None:
            checkpoint.touch()

    def changed(self) -> None:
        """The document went dirty (from any thread): flush after the running call, or
        soon on the loop."""
        self._touch()
        thread = threading.get_ident()
        if thread in self._calls:
            self._calls[thread] = True
        elif thread == self.loop_thread:
            # Soon, not at once even on the loop thread: the other changes of this loop tick
            # (a notebook cell, an async callback) go out in the same patch (DESIGN.md §2).
            if not self.loop.is_closed():
                self.loop.call_soon(self._flush_and_deliver)
        else:
            self.runtime.inbox.post(self._flush_and_deliver)

    def _flush_and_deliver(self) -> None:
        if self.session is not None:
            self.session.flush()
            self.deliver()

    def flush(self) -> None:
        """Send what the session has pending now (on the loop): changes, a released ack."""
        self._flush_and_deliver()

    @property
    def busy(self) -> bool:
        """True while one of this session's callbacks is queued or running: in its serial
        queue (client messages, sync callbacks), on the loop (async callbacks) or in the
        pool (``execute(threaded=True)``)."""
        return self.busy_signal.busy

    # -- running callbacks -------------------------------------------------------------------

    def call(self, callback: Callable[..., Any], *args: Any) -> asyncio.Future[Any]:
        """Run a callback for this session: sync ones in its serial executor, async ones on
        the loop. Call on the loop thread; returns an asyncio future."""
        if inspect.iscoroutinefunction(callback):
            async def run_async() -> Any:
                with self.activate():
                    return await callback(*args)
            return self.busy_signal.work(self._running.add(self.runtime.start(run_async())))
        future: asyncio.Future[Any] = self.loop.create_future()

        def settle(result: Any, error: BaseException | None) -> None:
            if not future.done():
                if error is None:
                    future.set_result(result)
                else:
                    future.set_exception(error)

        def run() -> None:
            try:
                result, error = callback(*args), None
            except Exception as exc:
                result, error = None, exc
            # With the frames this call numbered (``_in_context``): one loop wake-up for both.
            self.runtime.inbox.post(lambda: settle(result, error))

        if not self.executor.post(run):
            future.cancel()
        return future

    def call_then(self, callback: Callable[[], Any],
                  done: Callable[[BaseException | None], None]) -> None:
        """Run ``callback`` as :meth:`call` does, then ``done(error)`` on the loop: what it
        raised, None when it returned or was dropped because the session ended. A sync
        callback costs no future and no loop callback of its own: the path of a periodic
        callback's every run (issue 13)."""
        if inspect.iscoroutinefunction(callback):
            self.call(callback).add_done_callback(lambda f: done(future_error(f)))
            return

        def run() -> None:
            try:
                callback()
                error = None
            except Exception as exc:
                error = exc
            # With the frames this call numbered (``_in_context``): one loop wake-up for both.
            self.runtime.inbox.post(partial(done, error))

        if not self.executor.post(run):
            self.loop.call_soon(done, None)

    def execute(self, callback: Callable[..., Any], *, threaded: bool = False) -> None:
        """Run ``callback`` soon for this session (thread-safe). ``threaded=True`` runs a
        sync callback in the pool outside the session's queue. Failures are reported."""
        def start() -> None:
            if self.closed:
                return
            if threaded and not inspect.iscoroutinefunction(callback):
                future = self.busy_signal.work(asyncio.wrap_future(
                    self.runtime.pool.submit(self._in_context, callback)))
            else:
                future = self.call(callback)
            future.add_done_callback(lambda f: self._check(f, callback_name(callback)))

        self.runtime.on_loop(start)

    def onload(self, callback: Callable[[], Any], *, threaded: bool = False) -> None:
        """Run ``callback`` (as :meth:`execute` does) once the browser shows the page, or
        soon if it already does (``state.onload`` in a session). Needs ``session``."""
        session = self.session
        if session is None:
            raise RuntimeError("onload needs the session this context runs")
        if session.loaded:
            self.execute(callback, threaded=threaded)
            return
        session.on_load(lambda _s: self.execute(callback, threaded=threaded))

    def _check(self, future: asyncio.Future[Any], what: str) -> None:
        error = future_error(future)
        if error is not None:
            self.report_error(error, what)

    def add_periodic(self, callback: Callable[..., Any], **params: Any) -> PeriodicCallback:
        pc = PeriodicCallback(owner=self, callback=callback, **params)
        self._periodic.append(pc)
        return pc

    def subscribe(self, channel: str, callback: Callable[[Any], Any]) -> Subscription:
        """``callback(message)`` for each message on ``channel``, run like this session's
        other callbacks, until it is cancelled or the session ends."""
        subscription = self.runtime.bus.subscribe(channel, callback, owner=self)
        self._subscriptions.append(subscription)
        return subscription

    # -- telling the page ----------------------------------------------------------------------

    def command(self, name: str, data: Any = None) -> None:
        """Send this session's page a ``command`` (PROTOCOL.md §4); thread-safe."""
        session = self.session
        if session is None or self.closed:
            return
        session.command(name, data)
        if threading.get_ident() not in self._calls:  # else delivered when the call ends
            self.runtime.on_loop(self.deliver)

    def notify(self, level: str, message: str, duration: float = 3000) -> None:
        """Show a toast in this session's page (a ``command``: PROTOCOL.md §4)."""
        self.command("notify", {"level": level, "message": message, "duration": duration})

    def callback_failed(self, error: BaseException) -> None:
        """Report ``error``, raised by one of this session's callbacks."""
        self.report_error(error, "a callback")

    def report_error(self, error: BaseException, what: str) -> None:
        observer = self.runtime.observer
        if observer is not None:
            observer.callback_failed()
        with self.activate():  # the session's own pn.config.exception_handler, if set
            if call_exception_handler(error):
                return
        log.error("%s failed in session %s", what, self.id[:8], exc_info=error)
        self.notify("error", f"{what} failed: {type(error).__name__}: {error}", 8000)

    def report_stopped(self, message: str) -> None:
        log.error("%s (session %s)", message, self.id[:8])
        self.notify("error", message, 0)

    # -- lifecycle --------------------------------------------------------------------------

    def on_destroyed(self, hook: Hook) -> None:
        self._destroyed_hooks.append(hook)

    def on_resumed(self, hook: Hook) -> None:
        self._resumed_hooks.append(hook)

    def resumed(self, *, replayed: bool) -> None:
        """The transport reconnected this session (on the loop); run the resume hooks."""
        if not replayed:
            self.busy_signal.resumed_by_snapshot()
        for hook in list(self._resumed_hooks):
            self.execute(lambda hook=hook: hook(replayed))

    def destroy(self) -> None:
        """Stop callbacks and run destroy hooks (this session's, then app-wide), once."""
        if self.closed:
            return
        self.closed = True
        for pc in self._periodic:
            pc.stop()
        for subscription in self._subscriptions:
            subscription.cancel()
        self.location.unsync_all()
        self._running.cancel(self.runtime.on_loop)  # destroy may run off the loop
        self.executor.close()
        with self.activate():
            for hook in [*self._destroyed_hooks, *self.runtime.destroyed_hooks]:
                try:
                    hook(self)
                except Exception as exc:
                    log.error("on_session_destroyed hook %s failed", callback_name(hook),
                              exc_info=exc)
        self.runtime.sessions.pop(self.id, None)
