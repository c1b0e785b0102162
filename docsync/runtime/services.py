"""The server-wide ``Runtime``: the worker pool, tasks, app-wide hooks and the live
sessions' contexts (``docsync.runtime.context``), one per server or kernel."""

from __future__ import annotations

import asyncio
import inspect
import logging
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from docsync.core.session import Session
from docsync.runtime.bus import LocalBus
from docsync.runtime.busy import BusyWatch
from docsync.runtime.current import CURRENT_RUNTIME
from docsync.runtime.executor import Workers
from docsync.runtime.inbox import LoopInbox
from docsync.runtime.observer import CallbackObserver
from docsync.runtime.once import OncePerServer
from docsync.runtime.pending import REGISTRATIONS
from docsync.runtime.periodic import PeriodicCallback, callback_name, future_error
from docsync.runtime.running import Running
from docsync.runtime.tasks import Leases, TaskScheduler
from docsync.settings import call_exception_handler

if TYPE_CHECKING:
    from docsync.runtime.context import SessionContext

__all__ = ["BUSY_DELAY", "Checkpoint", "Hook", "Runtime", "RuntimeConfig"]

log = logging.getLogger("docsync.callbacks")

Hook = Callable[..., Any]

#: Seconds a session is busy before its page hears of it (the ``busy`` command); the page
#: waits as long for the answer to a message of its own (js/src/views/busy.js).
BUSY_DELAY = 0.1

#: The bus channel on which ``cancel_task`` reaches every worker (with Redis).
CANCEL_TASK_CHANNEL = "docsync.cancel_task"


@dataclass(frozen=True)
class RuntimeConfig:
    num_threads: int = 4  # worker threads for sync callbacks (--num-threads)
    max_callback_errors: int = 5  # consecutive failures before a periodic callback stops
    require_picklable: bool = False  # state.session refuses values pickle cannot save
    busy_delay: float = BUSY_DELAY  # seconds of work before the page is told it is busy


class Checkpoint(Protocol):
    """Saves one session's state for a rebuild elsewhere (``docsync.cluster.checkpoint``)."""

    def touch(self) -> None:
        """Something that is saved may have changed (called from any thread)."""


class Runtime:
    """Process-wide services: the worker pool, tasks, app-wide hooks, live sessions.

    Created by a transport on its event loop thread, which first calls
    :func:`docsync.bind.use_widget_references` (a component rule the runtime knows nothing
    of); it adopts what was registered before it existed (``docsync.runtime.pending``).
    ``bus`` carries ``state.publish`` (default: this process only); ``leases`` make tasks
    run once per cluster; ``observer`` hears how long queued calls take and which callbacks
    fail (a server's metrics). ``clock`` is the wall clock in seconds since the epoch (token
    dates, detach times, task times), ``pool`` the thread pool for app code outside the
    sessions' queues: both given by a test client whose time is manual
    (``docsync.testing``), the loop's ``time()`` being its own.
    """

    def __init__(self, config: RuntimeConfig = RuntimeConfig(), *, bus: LocalBus | None = None,
                 leases: Leases | None = None, observer: CallbackObserver | None = None,
                 clock: Callable[[], float] = time.time,
                 pool: ThreadPoolExecutor | None = None) -> None:
        self.config = config
        self.observer = observer
        self.clock = clock
        self.loop = asyncio.get_running_loop()
        self.loop_thread = threading.get_ident()
        #: What other threads hand the loop (``on_loop``): one loop wake-up per batch.
        self.inbox = LoopInbox(self.loop)
        #: Times every session's busy spells with one loop timer (the ``busy`` command).
        self.busy_watch = BusyWatch(self.loop, config.busy_delay)
        #: Drain the sessions' serial queues (client frames, their callbacks).
        self.workers = Workers(config.num_threads)
        #: Everything else that must not block the loop: new sessions (app code), tasks,
        #: ``execute(threaded=True)``.
        self.pool = pool or ThreadPoolExecutor(config.num_threads,
                                               thread_name_prefix="docsync-pool")
        self.tasks = TaskScheduler(self, leases=leases)
        self.bus = bus or LocalBus()
        if self.bus.shared:  # cancel_task cancels the task in every worker
            self.bus.subscribe(CANCEL_TASK_CHANNEL, self.tasks.cancel, owner=self)
        self.sessions: dict[str, SessionContext] = {}
        self.created_hooks: list[Hook] = []
        self.destroyed_hooks: list[Hook] = []
        #: ``state.cache``: a plain dict shared by every session of this runtime.
        self.cache: dict[Any, Any] = {}
        self.max_callback_errors = config.max_callback_errors
        self.closed = False
        self._periodic: list[PeriodicCallback] = []
        self._running = Running()  # async callbacks, of every session and of none
        #: Hooks registered from sessions, which count once per server (``once``).
        self.once = OncePerServer()
        REGISTRATIONS.adopt(self)  # what a script registered before it started a server

    def context_of(self, session: Session | None) -> SessionContext | None:
        """The runtime context of ``session``, or None when it has none here (a session
        this runtime did not open, or one already destroyed)."""
        context = None if session is None else self.sessions.get(session.id)
        return context if context is not None and context.session is session else None

    def on_loop(self, fn: Callable[[], Any]) -> None:
        """Run ``fn`` on the event loop: now if already there, else soon (thread-safe)."""
        if threading.get_ident() == self.loop_thread:
            fn()
        else:
            self.inbox.post(fn)

    @contextmanager
    def activate(self) -> Iterator[None]:
        token = CURRENT_RUNTIME.set(self)
        try:
            yield
        finally:
            CURRENT_RUNTIME.reset(token)

    def call(self, callback: Callable[..., Any], *args: Any) -> asyncio.Future[Any]:
        """Run a callback outside any session: async on the loop, sync in the pool.
        Call on the loop thread; returns an asyncio future."""
        def run() -> Any:
            with self.activate():
                return callback(*args)

        if inspect.iscoroutinefunction(callback):
            async def run_async() -> Any:
                with self.activate():
                    return await callback(*args)
            return self.start(run_async())
        return asyncio.wrap_future(self.pool.submit(run))

    def call_then(self, callback: Callable[[], Any],
                  done: Callable[[BaseException | None], None]) -> None:
        """:meth:`call`, then ``done(error)`` on the loop: what ``callback`` raised, None
        when it returned or was cancelled."""
        self.call(callback).add_done_callback(lambda f: done(future_error(f)))

    def start(self, coroutine: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run ``coroutine`` as a task on the loop (call there) that :meth:`close` cancels
        and :meth:`wait_closed` awaits."""
        return self._running.add(self.loop.create_task(coroutine))

    def execute(self, callback: Callable[..., Any]) -> None:
        """Run ``callback`` soon outside any session (thread-safe); failures are logged."""
        def start() -> None:
            if self.closed:
                return
            self.call_then(callback, lambda error: None if error is None
                           else self.report_error(error, callback_name(callback)))

        self.on_loop(start)

    def cancel_task(self, name: str, *, wait: bool = False) -> None:
        """Cancel task ``name`` here, and in every worker when the bus is shared."""
        self.tasks.cancel(name, wait=wait)
        if self.bus.shared:
            self.bus.publish(CANCEL_TASK_CHANNEL, name)

    def add_periodic(self, callback: Callable[..., Any], **params: Any) -> PeriodicCallback:
        pc = PeriodicCallback(owner=self, callback=callback, **params)
        self._periodic.append(pc)
        return pc

    def report_error(self, error: BaseException, what: str) -> None:
        if self.observer is not None:
            self.observer.callback_failed()
        if not call_exception_handler(error):  # pn.config.exception_handler, if set
            log.error("%s failed", what, exc_info=error)

    def report_stopped(self, message: str) -> None:
        log.error("%s", message)

    def close(self) -> None:
        """Stop tasks and periodic callbacks, cancel running async callbacks; let running
        sync callbacks finish. Then await :meth:`wait_closed` on the loop."""
        self.closed = True
        REGISTRATIONS.leave(self)
        self.tasks.cancel_all()
        for pc in self._periodic:
            pc.stop()
        self._running.cancel(self.on_loop)
        self.workers.shutdown()
        self.pool.shutdown(wait=False, cancel_futures=True)

    async def wait_closed(self, *, timeout: float = 5.0) -> None:
        """Wait (at most ``timeout`` s) until the async callbacks cancelled by :meth:`close`
        have ended; one that ignores its cancellation is logged and left."""
        for task in await self._running.wait(timeout=timeout):
            log.warning("async callback %s ignored its cancellation at stop", task.get_coro())
