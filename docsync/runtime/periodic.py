"""``PeriodicCallback``: a callback run every ``period`` milliseconds, never overlapping."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any, Protocol

import param

from docsync.core.params import Integer

__all__ = ["CallbackOwner", "PeriodicCallback", "callback_name", "future_error"]


class CallbackOwner(Protocol):
    """What runs a periodic callback: a session, or the runtime outside any session
    (``docsync.runtime.context``)."""

    loop: asyncio.AbstractEventLoop
    loop_thread: int
    max_callback_errors: int
    closed: bool

    def call_then(self, callback: Callable[[], Any],
                  done: Callable[[BaseException | None], None]) -> None: ...
    def report_error(self, error: BaseException, what: str) -> None: ...
    def report_stopped(self, message: str) -> None: ...


class PeriodicCallback(param.Parameterized):
    """Runs ``callback`` every ``period`` ms until stopped (Panel's names and units).

    A run starts ``period`` ms after the previous one *started*, or when it finished if it
    took longer: runs never overlap and a slow run never stacks calls. ``count`` stops it
    after that many runs, ``timeout`` (ms) after that long since :meth:`start`. It stops
    when its session is destroyed, and after ``max_errors`` consecutive failures.
    """

    callback = param.Callable(allow_refs=False, doc="A sync or async function of no arguments.")
    period = Integer(default=500, bounds=(1, None), doc="Milliseconds between runs.")
    count = Integer(default=None, allow_None=True, bounds=(1, None))
    timeout = Integer(default=None, allow_None=True, bounds=(1, None),
                            doc="Milliseconds after start() when it stops by itself.")
    counter = Integer(default=0, doc="Runs completed so far.")
    running = param.Boolean(default=False)

    def __init__(self, *, owner: CallbackOwner, **params: Any) -> None:
        super().__init__(**params)
        self._owner = owner
        self._loop: asyncio.AbstractEventLoop = owner.loop
        self._handle: asyncio.TimerHandle | None = None
        self._inflight = False
        self._started_at = 0.0
        self._last_start = 0.0
        self._errors = 0
        # Plain copies of the parameters each run reads: a param read costs microseconds
        # (a descriptor, dynamic-value checks), several per run at 2,000 runs a second
        # (issue 13). Kept by a watcher, so a set from anywhere, by anyone, is seen.
        self._mirror()
        self.param.watch(self._mirror, ["callback", "period", "count", "timeout", "running"])
        self.param.watch(self._period_changed, "period")

    def _mirror(self, *_: Any) -> None:
        self._callback, self._period = self.callback, self.period / 1000  # seconds
        self._count, self._running = self.count, self.running
        self._timeout = None if self.timeout is None else self.timeout / 1000

    def _on_loop(self, fn: Any) -> None:
        if threading.get_ident() == getattr(self._owner, "loop_thread", None):
            fn()
        else:
            self._loop.call_soon_threadsafe(fn)

    def start(self) -> None:
        """Start (or resume) running; thread-safe."""
        if self.running:
            return
        self.running = True
        self._on_loop(self._arm_first)

    def stop(self) -> None:
        """Stop; a run in progress finishes. Thread-safe; idempotent."""
        self.running = False
        self._on_loop(self._cancel_timer)

    def _cancel_timer(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _arm_first(self) -> None:
        if not self.running or self._handle is not None or self._inflight:
            return
        now = self._loop.time()
        self._started_at = self._last_start = now
        self._arm(now + self._period)

    def _arm(self, when: float) -> None:
        self._handle = self._loop.call_at(when, self._fire)

    def _period_changed(self, *_: Any) -> None:
        def rearm() -> None:
            if self._handle is not None:
                self._handle.cancel()
                self._arm(self._last_start + self._period)

        self._on_loop(rearm)

    def _fire(self) -> None:
        self._handle = None
        if not self._running:
            return
        now = self._loop.time()
        if self._timeout is not None and now - self._started_at >= self._timeout:
            self.running = False
            return
        self._inflight = True
        self._last_start = now
        self._owner.call_then(self._callback, self._done)

    def _done(self, error: BaseException | None) -> None:
        self._inflight = False
        self.counter = counter = self.counter + 1
        if error is not None:
            self._errors += 1
            self._owner.report_error(error, f"periodic callback {callback_name(self.callback)}")
            limit = self._owner.max_callback_errors
            if self._errors >= limit:
                self.running = False
                self._owner.report_stopped(
                    f"periodic callback {callback_name(self.callback)} stopped after {limit} "
                    "failures in a row")
                return
        else:
            self._errors = 0
        if self._count is not None and counter >= self._count:
            self.running = False
            return
        if self._running and not self._owner.closed:
            self._arm(max(self._last_start + self._period, self._loop.time()))


def callback_name(fn: Any) -> str:
    """How logs and toasts name a callback."""
    return getattr(fn, "__qualname__", None) or repr(fn)


def future_error(future: asyncio.Future[Any]) -> BaseException | None:
    """What a finished ``future`` raised: None when it returned or was cancelled."""
    return None if future.cancelled() else future.exception()
