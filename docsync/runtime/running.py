"""``Running``: asyncio tasks still running, to cancel and await when their owner stops."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

__all__ = ["Running"]


class Running:
    """A set of tasks that forgets each one when it is done.

    An owner that stops (a session, a runtime) cancels what is left and awaits it, else a
    task is left pending on a loop that closes and fails when it is collected (issue 12:
    ``Token was created in a different Context``).
    """

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def __bool__(self) -> bool:
        return bool(self._tasks)

    def add(self, task: asyncio.Task[Any]) -> asyncio.Task[Any]:
        """Hold ``task`` until it is done; returns it. Call on its loop."""
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def cancel(self, on_loop: Callable[[Callable[[], Any]], None]) -> None:
        """Cancel every task, through ``on_loop`` (from any thread)."""
        for task in list(self._tasks):
            on_loop(task.cancel)

    async def wait(self, *, timeout: float) -> set[asyncio.Task[Any]]:
        """Wait at most ``timeout`` s for every task to end; returns those still running."""
        if not self._tasks:
            return set()
        _, pending = await asyncio.wait(list(self._tasks), timeout=timeout)
        return pending
