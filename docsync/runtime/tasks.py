"""``schedule_task``: named tasks on a period, at given times, or by cron; process-wide, or
cluster-wide with leases (a task runs only in the worker that holds its lease)."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from croniter import croniter

from docsync.core.schedule import Schedule, parse_period

if TYPE_CHECKING:
    from docsync.runtime.context import Runtime

__all__ = ["Lease", "Leases", "TaskScheduler"]


class Lease(Protocol):
    """A name held by one worker of a cluster at a time (``docsync.cluster.lease``)."""

    ttl: float

    async def hold(self) -> bool | None: ...
    async def release(self) -> None: ...


class Leases(Protocol):
    def lease(self, name: str) -> Lease: ...


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
        self.last_run = False  # cancel it once its next run ends (cancel_task(wait=True))
        #: With leases: the loop time until which this worker holds the task's lease.
        self.held_until: float | None = None
        self.holder: asyncio.Task[None] | None = None


class TaskScheduler:
    """The tasks of one runtime, by name. Runs of one task never overlap.

    With ``leases`` (Redis), every worker schedules the task but only the one that holds its
    lease runs it: once per cluster. The holder renews the lease every third of its ``ttl``;
    when it dies, another worker takes the lease over once it expired. A holder that cannot
    reach Redis stops running the task when its lease would have expired, so that two
    workers never run it at once.
    """

    def __init__(self, runtime: Runtime, *, leases: Leases | None = None) -> None:
        self._runtime = runtime
        self._leases = leases
        self._tasks: dict[str, _Task] = {}
        self._lock = threading.Lock()
        self._holders: set[asyncio.Task[None]] = set()

    def names(self) -> list[str]:
        with self._lock:
            return list(self._tasks)

    def schedule(self, name: str, callback: Callable[[], Any], *, at: Any = None,
                 period: float | timedelta | str | None = None, cron: str | None = None,
                 clock: Callable[[], datetime] | None = None) -> bool:
        """Schedule ``callback`` under ``name``; a name already scheduled is left as is.

        Returns True if the task was added. ``clock`` gives "now" (default: the runtime's
        clock, in local time or the time zone of ``at``).
        """
        seconds = None if period is None else parse_period(period)
        if cron is not None and not croniter.is_valid(cron):
            raise ValueError(f"cron expression {cron!r} is not valid, e.g. '*/5 * * * *'")
        schedule = Schedule(at=at, period=seconds, cron=cron, cron_next=_cron_next)
        zone = at.tzinfo if isinstance(at, datetime) else None
        task = _Task(name, callback, schedule,
                     clock or (lambda: datetime.fromtimestamp(self._runtime.clock(), zone)))
        with self._lock:
            if name in self._tasks:
                return False
            self._tasks[name] = task
        self._runtime.on_loop(lambda: self._start(task))
        return True

    def _start(self, task: _Task) -> None:
        if self._leases is None:
            self._arm(task)
        elif not task.cancelled:
            task.holder = self._runtime.loop.create_task(self._hold(task))
            self._holders.add(task.holder)
            task.holder.add_done_callback(self._holders.discard)

    def _holding(self, task: _Task) -> bool:
        return self._leases is None or (
            task.held_until is not None and self._runtime.loop.time() < task.held_until)

    async def _hold(self, task: _Task) -> None:
        """Take the task's lease and keep it, or wait for it; arm the task while held."""
        assert self._leases is not None
        lease = self._leases.lease(task.name)
        loop = self._runtime.loop
        try:
            while not task.cancelled:
                sent = loop.time()
                # None: Redis is out of reach; ours, if it was, until it would have expired.
                held = await lease.hold()
                if held:
                    task.held_until = sent + lease.ttl
                    if task.handle is None and task.idle.is_set():
                        self._arm(task)
                elif held is False or not self._holding(task):
                    self._disarm(task)
                await asyncio.sleep(lease.ttl / 3)
        finally:
            if task.held_until is not None:
                self._disarm(task)
                with contextlib.suppress(Exception):
                    await lease.release()

    def _disarm(self, task: _Task) -> None:
        task.held_until = None
        if task.handle is not None:
            task.handle.cancel()
            task.handle = None

    def _arm(self, task: _Task) -> None:
        if task.cancelled or not self._holding(task):
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
        if task.cancelled or not self._holding(task):
            return
        task.idle.clear()

        def done(error: BaseException | None) -> None:
            task.idle.set()
            if error is not None:
                self._runtime.report_error(error, f"task {task.name!r}")
            if task.last_run:
                self._runtime.cancel_task(task.name)
            else:
                self._arm(task)

        self._runtime.call_then(task.callback, done)

    def cancel(self, name: str, *, wait: bool = False) -> bool:
        """Cancel task ``name``; True if it existed. ``wait=True`` blocks until a run in
        progress ends (not allowed on the event loop thread, which it would freeze)."""
        with self._lock:
            task = self._tasks.pop(name, None)
        if task is None:
            return False
        task.cancelled = True

        def stop() -> None:
            if task.handle is not None:
                task.handle.cancel()
            if task.holder is not None:
                task.holder.cancel()  # it gives the lease up

        self._runtime.on_loop(stop)
        if wait and not task.idle.is_set():
            if threading.get_ident() == self._runtime.loop_thread:
                raise RuntimeError("cancel_task(wait=True) would block the event loop: call it "
                                   "from a sync callback, or pass wait=False")
            task.idle.wait()
        return True

    def cancel_after_next_run(self, name: str) -> bool:
        """Let task ``name`` run once more (a run in progress counts), then cancel it
        everywhere (Panel's ``cancel_task(name, wait=True)``); True if it existed."""
        with self._lock:
            task = self._tasks.get(name)
        if task is None:
            return False
        task.last_run = True
        return True

    def cancel_all(self) -> None:
        for name in self.names():
            self.cancel(name)

    async def released(self, timeout: float = 5.0) -> None:
        """Wait (on the loop, after :meth:`cancel_all`) until cancelled tasks gave their
        leases up, so that another worker takes them over at once."""
        if self._holders:
            await asyncio.wait(list(self._holders), timeout=timeout)
