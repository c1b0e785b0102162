"""Waiting on what only an ``await`` can read (Redis), for the cluster tests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

__all__ = ["wait_until_async"]


async def wait_until_async(predicate: Callable[[], Awaitable[Any]], *, timeout: float = 10.0,
                           what: str = "condition") -> Any:
    """Await ``predicate()`` every 50 ms, at most ``timeout`` s, until it is true."""
    deadline = time.monotonic() + timeout
    while not (value := await predicate()):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not reached within {timeout} s")
        await asyncio.sleep(0.05)
    return value
