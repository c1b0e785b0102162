"""An event loop whose clock moves only when told, and a thread pool that counts its work.

``LocalClient`` (``docsync.testing.local``) runs the real runtime on a
:class:`ManualClockLoop` in a helper thread. To say "everything that is due has run" it
must know what the loop still has to do and what worker threads still compute: the loop
records every callback it was given until it runs (or is cancelled), and the
:class:`CountingPool` counts its calls until their futures' callbacks have run.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

__all__ = ["CountingPool", "ManualClockLoop"]


class ManualClockLoop(asyncio.SelectorEventLoop):
    """A selector event loop whose :meth:`time` is ``now`` until :meth:`set_time` moves it.

    Timers (``call_later``, ``call_at``, ``asyncio.sleep``...) fire when the time is moved
    past them, never by themselves. Callbacks are recorded from when they are scheduled
    (from any thread) until they run, so :meth:`has_work` and :meth:`next_timer` can tell
    what is left. Call those two and :meth:`set_time` on the loop's thread.
    """

    def __init__(self, now: float) -> None:
        super().__init__()
        self._now = now
        self._lock = threading.Lock()
        self._key = 0
        # Scheduled and not yet run: key -> handle, or None while ``call_soon_threadsafe``
        # has queued it but not yet returned its handle (it may even run before that).
        self._waiting: dict[int, asyncio.Handle | None] = {}
        #: Set whenever another thread hands the loop work (a worker finished something).
        self.kicked = threading.Event()

    def time(self) -> float:
        return self._now

    def set_time(self, now: float) -> None:
        """Move the clock to ``now``; it never goes back."""
        self._now = max(self._now, now)

    def _track(self, schedule: Callable[..., asyncio.Handle], callback: Callable[..., Any],
               args: tuple[Any, ...], context: contextvars.Context | None) -> Any:
        with self._lock:
            self._key += 1
            key = self._key
            self._waiting[key] = None

        def run(*run_args: Any) -> Any:
            with self._lock:
                self._waiting.pop(key, None)
            return callback(*run_args)

        handle = schedule(run, *args, context=context)
        with self._lock:
            if key in self._waiting:
                self._waiting[key] = handle
        return handle

    def call_soon(self, callback: Callable[..., Any], *args: Any,  # type: ignore[override]
                  context: contextvars.Context | None = None) -> asyncio.Handle:
        return self._track(super().call_soon, callback, args, context)  # type: ignore[no-any-return]

    def call_soon_threadsafe(self, callback: Callable[..., Any],  # type: ignore[override]
                             *args: Any, context: contextvars.Context | None = None
                             ) -> asyncio.Handle:
        handle = self._track(super().call_soon_threadsafe, callback, args, context)
        self.kicked.set()
        return handle  # type: ignore[no-any-return]

    def call_at(self, when: float, callback: Callable[..., Any],  # type: ignore[override]
                *args: Any, context: contextvars.Context | None = None) -> asyncio.TimerHandle:
        # call_later goes through here too.
        return self._track(  # type: ignore[no-any-return]
            lambda cb, *a, context: super(ManualClockLoop, self).call_at(
                when, cb, *a, context=context),
            callback, args, context)

    def _pending(self) -> list[asyncio.Handle | None]:
        with self._lock:
            for key in [k for k, h in self._waiting.items() if h is not None and h.cancelled()]:
                del self._waiting[key]
            return list(self._waiting.values())

    def has_work(self) -> bool:
        """True while a callback is ready to run or a timer is due (not counting the one
        that asks)."""
        for handle in self._pending():
            if not isinstance(handle, asyncio.TimerHandle) or handle.when() <= self._now:
                return True
        return False

    def next_timer(self) -> float | None:
        """When the earliest timer not yet run is due, or None if there is none."""
        times = [h.when() for h in self._pending() if isinstance(h, asyncio.TimerHandle)]
        return min(times, default=None)


class CountingPool(ThreadPoolExecutor):
    """A thread pool whose :attr:`unfinished` counts the calls submitted and not finished.

    A call is finished once its future has its result *and* the future's callbacks have
    run (``asyncio.wrap_future`` hands the result to the loop there), so that when
    :attr:`unfinished` is zero, whatever the calls gave the loop is already on it.
    ``on_done`` is called (in the worker) after each.
    """

    def __init__(self, max_workers: int, *, on_done: Callable[[], None],
                 thread_name_prefix: str = "docsync-local-pool") -> None:
        super().__init__(max_workers, thread_name_prefix=thread_name_prefix)
        self._count_lock = threading.Lock()
        self._on_done = on_done
        self.unfinished = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        outer: Future[Any] = Future()

        def run() -> None:
            if outer.set_running_or_notify_cancel():  # False: cancelled while queued
                try:
                    outer.set_result(fn(*args, **kwargs))
                except BaseException as exc:
                    outer.set_exception(exc)

        def finished(inner: Future[Any]) -> None:
            if inner.cancelled():  # the pool shut down before running it
                outer.cancel()
            with self._count_lock:
                self.unfinished -= 1
            self._on_done()

        with self._count_lock:
            self.unfinished += 1
        try:
            inner = super().submit(run)
        except BaseException:
            with self._count_lock:
                self.unfinished -= 1
            raise
        inner.add_done_callback(finished)
        return outer
