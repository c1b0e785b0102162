"""Run one session's sync callbacks one at a time on a shared thread pool (DESIGN.md §4)."""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

__all__ = ["SerialExecutor"]


class SerialExecutor:
    """A queue of calls for one session, drained by one pool thread at a time.

    A session therefore never races itself, while other sessions' calls run on the other
    pool threads. ``wrap`` is applied around every call (it sets the session context).
    """

    def __init__(self, pool: ThreadPoolExecutor,
                 wrap: Callable[[Callable[[], Any]], Any] = lambda fn: fn()) -> None:
        self._pool = pool
        self._wrap = wrap
        self._queue: deque[tuple[Callable[[], Any], Future[Any]]] = deque()
        self._lock = threading.Lock()
        self._draining = False
        self._closed = False
        #: Calls queued or running; the session is busy while it is above zero.
        self.pending = 0

    def submit(self, fn: Callable[[], Any]) -> Future[Any]:
        """Queue ``fn``; thread-safe. The future holds its result or exception."""
        future: Future[Any] = Future()
        with self._lock:
            if self._closed:
                future.set_exception(RuntimeError("the session has ended"))
                return future
            self._queue.append((fn, future))
            self.pending += 1
            start = not self._draining
            self._draining = True
        if start:
            self._pool.submit(self._drain)
        return future

    async def run(self, fn: Callable[[], Any]) -> Any:
        """Queue ``fn`` and wait for its result on the event loop."""
        return await asyncio.wrap_future(self.submit(fn))

    def _drain(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    self._draining = False
                    return
                fn, future = self._queue.popleft()
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(self._wrap(fn))
                    except BaseException as exc:
                        future.set_exception(exc)
            finally:
                with self._lock:
                    self.pending -= 1

    def close(self) -> None:
        """Refuse new calls and cancel queued ones; a running call finishes."""
        with self._lock:
            self._closed = True
            queued = list(self._queue)
            self._queue.clear()
        for _, future in queued:
            future.cancel()
