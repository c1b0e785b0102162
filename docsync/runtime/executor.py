"""Run one session's sync callbacks one at a time on shared worker threads (DESIGN.md §4).

The hot path (one client frame, one periodic tick) costs a deque append, a ``SimpleQueue``
put and, when the caller wants to hear back, one ``call_soon_threadsafe``: no futures. A
session's queue is drained by one worker at a time, so a session never races itself, while
other sessions' queues are drained by the other workers.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

__all__ = ["SerialExecutor", "Workers"]


class Workers:
    """``count`` daemon threads draining whichever serial executors have work."""

    def __init__(self, count: int, *, name: str = "docsync-worker") -> None:
        self._ready: queue.SimpleQueue[SerialExecutor | None] = queue.SimpleQueue()
        self._grow_lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run, name=f"{name}-{i}", daemon=True)
                         for i in range(count)]
        for thread in self._threads:
            thread.start()

    @property
    def count(self) -> int:
        """How many worker threads there are."""
        return len(self._threads)

    def ensure(self, count: int, *, name: str = "docsync-worker") -> None:
        """Have at least ``count`` worker threads (``ds.config.nthreads`` set after start);
        never fewer than now. Thread-safe (sessions are built in several threads); not
        after :meth:`shutdown`."""
        with self._grow_lock:
            while len(self._threads) < count:
                thread = threading.Thread(target=self._run, daemon=True,
                                          name=f"{name}-{len(self._threads)}")
                self._threads.append(thread)
                thread.start()

    def _run(self) -> None:
        while True:
            executor = self._ready.get()
            if executor is None:
                return
            executor._drain()

    def schedule(self, executor: SerialExecutor) -> None:
        self._ready.put(executor)

    def shutdown(self) -> None:
        """Let each worker finish what it is doing, then end."""
        for _ in self._threads:
            self._ready.put(None)

    def join(self, *, timeout: float) -> bool:
        """After :meth:`shutdown`: wait (at most ``timeout`` s in all) for the workers to
        end; True if they all did. Not from a worker thread."""
        deadline = time.monotonic() + timeout
        for thread in list(self._threads):
            thread.join(max(0.0, deadline - time.monotonic()))
        return not any(thread.is_alive() for thread in self._threads)


class SerialExecutor:
    """One session's queue of calls. ``wrap`` runs around every call (it sets the session
    context); ``on_error`` receives exceptions of calls posted without a future;
    ``on_busy(busy)`` hears when :attr:`pending` rises from zero (True, in the thread that
    posts) and falls back to zero (False, in the worker or the closing thread): it must be
    quick and may not post. Calls from two threads may arrive out of order, so it should
    read the state it acts on (:attr:`pending`, :attr:`busy_since`) rather than trust
    ``busy``. ``clock`` (monotonic seconds, callable from any thread) dates
    :attr:`busy_since`: the session's event loop's ``time``."""

    def __init__(self, workers: Workers,
                 wrap: Callable[[Callable[[], Any]], Any] = lambda fn: fn(),
                 on_error: Callable[[BaseException], None] | None = None,
                 on_busy: Callable[[bool], None] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._workers = workers
        self._clock = clock
        self._wrap = wrap
        self._on_error = on_error
        self._on_busy = on_busy
        # A list, not a deque: an idle session's empty list is 56 bytes, an empty deque 760;
        # pop(0) costs little at the lengths a session's queue reaches.
        self._queue: list[tuple[Callable[[], Any], Future[Any] | None]] = []
        self._lock = threading.Lock()
        self._draining = False
        self._closed = False
        #: Calls queued or running; the session is busy while it is above zero.
        self.pending = 0
        #: ``clock()`` when :attr:`pending` last rose from zero; None at zero.
        self.busy_since: float | None = None

    def post(self, fn: Callable[[], Any], future: Future[Any] | None = None) -> bool:
        """Queue ``fn`` (thread-safe); False if the executor is closed. An exception it
        raises goes to ``on_error`` (or to ``future``, which :meth:`close` cancels)."""
        with self._lock:
            if self._closed:
                return False
            self._queue.append((fn, future))
            began = self.pending == 0
            if began:
                self.busy_since = self._clock()
            self.pending += 1
            start = not self._draining
            self._draining = True
        if began and self._on_busy is not None:
            self._on_busy(True)
        if start:
            self._workers.schedule(self)
        return True

    def submit(self, fn: Callable[[], Any]) -> Future[Any]:
        """Queue ``fn``; the future holds its result or exception."""
        future: Future[Any] = Future()

        def call() -> None:
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(fn())
                except BaseException as exc:
                    future.set_exception(exc)

        if not self.post(call, future):
            future.set_exception(RuntimeError("the session has ended"))
        return future

    def _drain(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    self._draining = False
                    return
                fn, _ = self._queue.pop(0)
            try:
                self._wrap(fn)
            except BaseException as exc:
                if self._on_error is None:
                    raise
                self._on_error(exc)
            finally:
                with self._lock:
                    self.pending -= 1
                    ended = self._idle()
                if ended and self._on_busy is not None:
                    self._on_busy(False)

    def _idle(self) -> bool:
        """Under the lock: True when :attr:`pending` just fell to zero."""
        if self.pending or self.busy_since is None:
            return False
        self.busy_since = None
        return True

    def close(self) -> None:
        """Refuse new calls and drop queued ones (their futures are cancelled)."""
        with self._lock:
            self._closed = True
            dropped = list(self._queue)
            self._queue.clear()
            self.pending -= len(dropped)
            ended = self._idle()
        if ended and self._on_busy is not None:
            self._on_busy(False)
        for _, future in dropped:
            if future is not None:
                future.cancel()
