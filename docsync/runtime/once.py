"""Registrations that app code repeats in every session but that count once per server.

``docsync serve app.py`` runs the script once per session, so a top-level
``state.on_session_created(hook)`` is met once per session, each time with a new function
object made from the same code. :class:`OncePerServer` tells a repeat from a new
registration by the code the callback runs and its rank among the registrations of that
code in one session: the second ``on_session_created`` of a loop body differs from the
first, while session 2's first is session 1's first again.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Hashable
from typing import Any

__all__ = ["OncePerServer", "code_of"]


def code_of(callback: Callable[..., Any]) -> Hashable:
    """What identifies the code ``callback`` runs across runs of one compiled script: its
    code object (shared by every function a compiled script makes from one ``def`` or
    ``lambda``), through bound methods and partials; else the callable itself."""
    while True:
        if isinstance(callback, functools.partial):
            callback = callback.func
        elif hasattr(callback, "__func__"):  # a bound method
            callback = callback.__func__
        else:
            break
    code = getattr(callback, "__code__", None)
    return code if code is not None else callback


class OncePerServer:
    """The registrations a runtime has taken from sessions. Thread-safe."""

    def __init__(self) -> None:
        self._seen: set[tuple[str, Hashable, int]] = set()
        self._lock = threading.Lock()

    def first(self, kind: str, callback: Callable[..., Any],
              counts: dict[tuple[str, Hashable], int]) -> bool:
        """True when this registration of ``kind`` is new to the server. ``counts`` is the
        registering session's own tally of what it registered so far (updated here)."""
        code = code_of(callback)
        rank = counts.get((kind, code), 0)
        counts[(kind, code)] = rank + 1
        with self._lock:
            if (kind, code, rank) in self._seen:
                return False
            self._seen.add((kind, code, rank))
            return True
