"""``schedule_task``: named, process-wide tasks on a period, at given times, or by cron."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from croniter import croniter

from docsync.core.schedule import Schedule, parse_period

if TYPE_CHECKING:
    from docsync.runtime.context import Runtime

__all__ = ["TaskScheduler"]


def _cron_next(expr: str, after: datetime) -> datetime:
    return croniter(expr, after).get_next(datetime)  # type: ignore[no-any-return]


class _Task:
    def __init__(self, name: str, callback: Callable[[], Any], schedule: Schedule,
                 clock: Callable[[], datetime]) -> None:
        self.name = name
        self.callback = callback
        self.schedule = schedule
        self.clock = clock
        self.handle: asyncio.TimerHandle | None = None
        self.idle = threading.Event()  # set while no run is in progress
        self.idle.set()
        self.cancelled = False


class TaskScheduler:
    """The tasks of one runtime, by name. Runs of one task never overlap."""

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime
        self._tasks: dict[str, _Task] = {}
        self._lock = threading.Lock()

    def names(self) -> list[str]:
        with self._lock:
            return list(self._tasks)

    def schedule(self, name: str, callback: Callable[[], Any], *, at: Any = None,
                 period: float | timedelta | str | None = None, cron: str | None = None,
                 clock: Callable[[], datetime] | None = None) -> bool:
        """Schedule ``callback`` under ``name``; a name already scheduled is left as is.

        Returns True if the task was added. ``clock`` gives "now" (default: local time, or
        the time zone of ``at``).
        """
        seconds = None if period is None else parse_period(period)
        if cron is not None and not croniter.is_valid(cron):
            raise ValueError(f"cron expression {cron!r} is not valid, e.g. '*/5 * * * *'")
        schedule = Schedule(at=at, period=seconds, cron=cron, cron_next=_cron_next)
        zone = at.tzinfo if isinstance(at, datetime) else None
        task = _Task(name, callback, schedule, clock or (lambda: datetime.now(zone)))
        with self._lock:
            if name in self._tasks:
                return False
            self._tasks[name] = task
        self._runtime.on_loop(lambda: self._arm(task))
        return True

    def _arm(self, task: _Task) -> None:
        if task.cancelled:
            return
        now = task.clock()
        due = task.schedule.next_after(now)
        if due is None:
            with self._lock:
                self._tasks.pop(task.name, None)
            return
        delay = max(0.0, (due - now).total_seconds())
        task.handle = self._runtime.loop.call_later(delay, self._run, task)

    def _run(self, task: _Task) -> None:
        task.handle = None
        if task.cancelled:
            return
        task.idle.clear()
        future = self._runtime.call(task.callback)

        def done(fut: asyncio.Future[Any]) -> None:
            task.idle.set()
            if not fut.cancelled() and fut.exception() is not None:
                self._runtime.report_error(fut.exception(), f"task {task.name!r}")
            self._arm(task)

        future.add_done_callback(done)

    def cancel(self, name: str, *, wait: bool = False) -> bool:
        """Cancel task ``name``; True if it existed. ``wait=True`` blocks until a run in
        progress ends (not allowed on the event loop thread, which it would freeze)."""
        with self._lock:
            task = self._tasks.pop(name, None)
        if task is None:
            return False
        task.cancelled = True
        self._runtime.on_loop(lambda: task.handle.cancel() if task.handle else None)
        if wait and not task.idle.is_set():
            if threading.get_ident() == self._runtime.loop_thread:
                raise RuntimeError("cancel_task(wait=True) would block the event loop: call it "
                                   "from a sync callback, or pass wait=False")
            task.idle.wait()
        return True

    def cancel_all(self) -> None:
        for name in self.names():
            self.cancel(name)
