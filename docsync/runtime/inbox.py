"""``LoopInbox``: calls handed to the event loop from other threads, one wake-up per batch.

Each ``call_soon_threadsafe`` writes to the loop's self-pipe and, on a loop that was
waiting, wakes it: about 18 µs of CPU on the bench machine, as much as the rest of a
10 Hz update (issue 13). A worker that ends a callback hands the loop two things (the
callback's result, the frames to send), and several workers often finish while the loop
is busy elsewhere; through the inbox they all ride on one wake-up.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import Any

__all__ = ["LoopInbox"]


class LoopInbox:
    """Runs the calls :meth:`post`-ed from any thread on ``loop``, in the order they were
    posted, in one loop callback per batch: a call posted while a batch waits to run joins
    it. A call that raises is reported to the loop's exception handler; the others run.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._lock = threading.Lock()
        self._calls: list[Callable[[], Any]] = []

    def post(self, fn: Callable[[], Any]) -> None:
        """Run ``fn`` on the loop soon (thread-safe). Dropped if the loop is closed."""
        if self._loop.is_closed():
            return  # else it would wait for ever, and so would every call after it
        with self._lock:
            self._calls.append(fn)
            if len(self._calls) > 1:
                return  # the batch's wake-up is already asked for
        with suppress(RuntimeError):  # the loop closed meanwhile: nothing will run any more
            self._loop.call_soon_threadsafe(self._run)

    def _run(self) -> None:
        with self._lock:
            calls, self._calls = self._calls, []
        for fn in calls:
            try:
                fn()
            except Exception as exc:  # as the loop reports a failing callback of its own
                self._loop.call_exception_handler({
                    "message": "a call handed to the loop failed", "exception": exc,
                    "handle": fn})
