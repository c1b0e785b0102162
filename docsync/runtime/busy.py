"""When a session's page is told it is busy (the ``busy`` command).

The page hears only of work that lasts ``delay`` seconds: nothing at all when a session is
idle again before then, so a quick round trip costs no extra message (see
docsync/runtime/context.py for the command's contract). One :class:`BusyWatch` per runtime
keeps one loop timer for every session's busy spells: a spell costs a dict insert, not a
timer of its own, which at 2,000 short callbacks a second was 2,000 timers armed and fired
for nothing (issue 13).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

__all__ = ["BusySignal", "BusyWatch"]


class BusyWatch:
    """Looks at the busy spells of many :class:`BusySignal` s with one timer on ``loop``.

    :meth:`watch` (on the loop) adds a signal whose spell began. The timer fires when the
    earliest spell it knows of is ``delay`` old and asks each signal
    (:meth:`BusySignal.check`) whether it is still waiting, then re-arms for the earliest
    that is. No timer is armed while no spell is waiting. Signals are held until checked,
    so a closed session is let go at the next fire.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop, delay: float) -> None:
        self.loop = loop
        self.delay = delay
        self._signals: dict[BusySignal, None] = {}  # insertion-ordered set
        self._timer: asyncio.TimerHandle | None = None
        self._when = 0.0  # when the armed timer fires

    def watch(self, signal: BusySignal, due: float) -> None:
        """Check ``signal`` at loop time ``due`` (its spell's start plus the delay), or
        earlier with the others. On the loop."""
        self._signals[signal] = None
        if self._timer is None or due < self._when:
            self._arm(due)

    def _arm(self, when: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self.loop.is_closed():
            return
        self._when = when
        self._timer = self.loop.call_at(when, self._fire)

    def _fire(self) -> None:
        self._timer = None
        now = self.loop.time()
        earliest: float | None = None
        for signal in list(self._signals):
            due = signal.check(now)
            if due is None:
                del self._signals[signal]
            elif earliest is None or due < earliest:
                earliest = due
        # A check that told a page may have watched a new spell meanwhile (and armed).
        if earliest is not None and (self._timer is None or earliest < self._when):
            self._arm(earliest)


class BusySignal:
    """Tracks one session's busy spells and tells its page of the long ones.

    ``watch`` times the spells (one per runtime); ``queue_since`` gives ``loop.time()``
    when the session's serial queue became busy (None while idle) and ``queue_pending``
    how many of its calls are queued or running; ``tell(busy)`` sends the page the
    ``busy`` command; ``on_loop`` runs a function on the event loop; ``closed`` says
    whether the session ended. Call the ``work`` and ``resumed_by_snapshot`` methods on
    the loop; ``queue_busy`` from any thread.
    """

    def __init__(self, *, watch: BusyWatch, queue_since: Callable[[], float | None],
                 queue_pending: Callable[[], int], tell: Callable[[bool], None],
                 on_loop: Callable[[Callable[[], Any]], None],
                 closed: Callable[[], bool]) -> None:
        self._watch = watch
        self._queue_since = queue_since
        self._queue_pending = queue_pending
        self._tell = tell
        self._on_loop = on_loop
        self._closed = closed
        # Busy work outside the serial queue (async callbacks, threaded execute): loop only.
        self._outside = 0
        self._outside_since: float | None = None
        self._told = False  # the page was told busy, and not yet idle again

    @property
    def busy(self) -> bool:
        """True while a call of the session is queued or running, in the queue or outside."""
        return self._queue_pending() > 0 or self._outside > 0

    def work(self, future: asyncio.Future[Any]) -> asyncio.Future[Any]:
        """Count ``future`` (on the loop) as busy work outside the queue until it is done."""
        if self._outside == 0:
            self._outside_since = self._watch.loop.time()
        self._outside += 1
        future.add_done_callback(self._work_done)
        self._arm()
        return future

    def _work_done(self, _future: asyncio.Future[Any]) -> None:
        self._outside -= 1
        if self._outside == 0:
            self._outside_since = None
            self._idle()

    def queue_busy(self, busy: bool) -> None:
        """The serial queue became busy or idle (any thread; see ``SerialExecutor``)."""
        if busy:
            self._on_loop(self._arm)
        elif self._told:  # else there is nothing to take back: no loop wake-up
            self._on_loop(self._idle)

    def resumed_by_snapshot(self) -> None:
        """The page was sent a snapshot, which made it forget: tell it again if busy."""
        if self._told:
            self._tell(True)

    def _since(self) -> float | None:
        """``loop.time()`` when the current busy spell began; None while idle."""
        queue, outside = self._queue_since(), self._outside_since
        if queue is None or outside is None:
            return outside if queue is None else queue
        return min(queue, outside)

    def _arm(self) -> None:
        if self._told or self._closed():
            return
        since = self._since()
        if since is not None:
            self._watch.watch(self, since + self._watch.delay)

    def check(self, now: float) -> float | None:
        """For the watch, at loop time ``now``: tell the page if the spell has lasted the
        delay. The time to look again while a spell is under way but younger; None when
        there is nothing more to watch (told, idle, or the session closed)."""
        if self._told or self._closed():
            return None
        # Set before looking: a worker that goes idle from now on sees it and takes it back
        # (queue_busy); one that went idle before leaves no busy spell to see.
        self._told = True
        since = self._since()
        if since is None or since + self._watch.delay > now:  # idle, or a younger spell
            self._told = False
            return None if since is None else since + self._watch.delay
        self._tell(True)
        return None

    def _idle(self) -> None:
        """On the loop: take back a ``busy`` the page was told, once the session is idle."""
        if self._told and not self.busy:
            self._told = False
            self._tell(False)
