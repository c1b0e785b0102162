"""``BusySignal``: when a session's page is told it is busy (the ``busy`` command).

The page hears only of work that lasts ``delay`` seconds: one loop timer per busy spell,
armed when the session becomes busy; nothing at all when it is idle again before the timer
fires, so a quick round trip costs no extra message (see docsync/runtime/context.py for
the command's contract).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

__all__ = ["BusySignal"]


class BusySignal:
    """Tracks one session's busy spells and tells its page of the long ones.

    ``queue_since`` gives ``loop.time()`` when the session's serial queue became busy
    (None while idle) and ``queue_pending`` how many of its calls are queued or running;
    ``tell(busy)`` sends the page the ``busy`` command; ``on_loop`` runs a function on the
    event loop; ``closed`` says whether the session ended. Call the ``work`` and
    ``resumed_by_snapshot`` methods on the loop; ``queue_busy`` from any thread.
    """

    def __init__(self, *, loop: asyncio.AbstractEventLoop, delay: float,
                 queue_since: Callable[[], float | None], queue_pending: Callable[[], int],
                 tell: Callable[[bool], None], on_loop: Callable[[Callable[[], Any]], None],
                 closed: Callable[[], bool]) -> None:
        self._loop = loop
        self._delay = delay
        self._queue_since = queue_since
        self._queue_pending = queue_pending
        self._tell = tell
        self._on_loop = on_loop
        self._closed = closed
        # Busy work outside the serial queue (async callbacks, threaded execute): loop only.
        self._outside = 0
        self._outside_since: float | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._told = False  # the page was told busy, and not yet idle again

    @property
    def busy(self) -> bool:
        """True while a call of the session is queued or running, in the queue or outside."""
        return self._queue_pending() > 0 or self._outside > 0

    def work(self, future: asyncio.Future[Any]) -> asyncio.Future[Any]:
        """Count ``future`` (on the loop) as busy work outside the queue until it is done."""
        if self._outside == 0:
            self._outside_since = self._loop.time()
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
        times = [t for t in (self._queue_since(), self._outside_since) if t is not None]
        return min(times) if times else None

    def _arm(self) -> None:
        if self._timer is not None or self._told or self._closed():
            return
        since = self._since()
        if since is not None and not self._loop.is_closed():
            self._timer = self._loop.call_later(
                max(0.0, since + self._delay - self._loop.time()), self._due)

    def _due(self) -> None:
        self._timer = None
        if self._told or self._closed():
            return
        # Set before looking: a worker that goes idle from now on sees it and takes it back
        # (queue_busy); one that went idle before leaves no busy spell to see.
        self._told = True
        since = self._since()
        if since is None or since + self._delay > self._loop.time():  # idle, or a new spell
            self._told = False
            self._arm()
            return
        self._tell(True)

    def _idle(self) -> None:
        """On the loop: take back a ``busy`` the page was told, once the session is idle."""
        if self._told and not self.busy:
            self._told = False
            self._tell(False)
