"""Single flight: concurrent calls with one key compute once; the others wait for that.

Works across threads and asyncio tasks alike (and tasks on different loops): the shared
result is a ``concurrent.futures.Future``, which threads wait on directly and coroutines
through :func:`wait`. The leader's exception is handed to every waiter and nothing is
cached. If the leader stops without a result (its task was cancelled), the waiters get
:class:`Abandoned` and one of them becomes the next leader.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import enum
import threading
from typing import Any

__all__ = ["Abandoned", "Flight", "Role", "wait"]


class Role(enum.Enum):
    LEADER = "leader"  # compute, then finish(), fail() or abandon()
    WAITER = "waiter"  # wait for the future
    REENTRANT = "reentrant"  # the leader itself asks again (recursion): just compute


class Abandoned(Exception):
    """The leader stopped without a result; join again."""

    # Not in docsync.exceptions: only CacheTable sees it, and it joins again on it; no
    # user code can receive one.


class Flight:
    """The calls in progress of one cached function, by key. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: dict[str, _Call] = {}

    def join(self, key: str) -> tuple[Role, concurrent.futures.Future[Any]]:
        """Become the leader for ``key``, or a waiter on the leader's future."""
        owner = _caller()
        with self._lock:
            call = self._calls.get(key)
            if call is None:
                call = self._calls[key] = _Call(owner)
                return Role.LEADER, call.future
            if call.owner == owner:
                return Role.REENTRANT, call.future
            call.callers += 1
            return Role.WAITER, call.future

    def callers(self) -> int:
        """How many callers (leaders and waiters) are in flight now, over all keys."""
        with self._lock:
            return sum(call.callers for call in self._calls.values())

    def finish(self, key: str, value: Any) -> None:
        self._pop(key).set_result(value)

    def fail(self, key: str, error: BaseException) -> None:
        self._pop(key).set_exception(error)

    def abandon(self, key: str) -> None:
        self._pop(key).set_exception(Abandoned())

    def _pop(self, key: str) -> concurrent.futures.Future[Any]:
        with self._lock:
            return self._calls.pop(key).future


class _Call:
    __slots__ = ("callers", "future", "owner")

    def __init__(self, owner: object) -> None:
        self.owner = owner
        self.future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        self.callers = 1


def _caller() -> object:
    """Who is calling: the current asyncio task, else the current thread."""
    try:
        task = asyncio.current_task()
    except RuntimeError:  # no running loop in this thread
        task = None
    return task if task is not None else threading.get_ident()


async def wait(future: concurrent.futures.Future[Any]) -> Any:
    """Await a leader's future from a coroutine on any loop. Cancelling the waiting task
    does not cancel the future the other waiters share (``asyncio.wrap_future`` would)."""
    loop = asyncio.get_running_loop()
    mine = loop.create_future()

    def relay(done: concurrent.futures.Future[Any]) -> None:
        def settle() -> None:
            if mine.done():
                return
            error = done.exception()
            if error is None:
                mine.set_result(done.result())
            else:
                mine.set_exception(error)

        # A closed loop means its waiter is gone: nothing to tell.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(settle)

    future.add_done_callback(relay)
    return await mine
