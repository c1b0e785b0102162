"""Frees expired cache entries when they expire, not at the next call (DESIGN.md §5).

One daemon thread per :class:`~docsync.cache.registry.Cache`, started when an entry with a
TTL is stored and ended when no entry has one left, so an idle cache holds no thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable

from docsync.cache.backends.base import Store

__all__ = ["Sweeper"]

log = logging.getLogger("docsync.cache")

#: Shortest sleep between sweeps, so entries expiring together are freed in one pass.
_MIN_WAIT = 0.005


class Sweeper:
    """Sweeps ``stores()`` whenever the earliest expiry is due. Thread-safe."""

    def __init__(self, stores: Callable[[], Iterable[Store]], *,
                 name: str = "docsync-cache-sweeper") -> None:
        self._stores = stores
        self._name = name
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._woken = False
        self._closed = False

    @property
    def running(self) -> bool:
        with self._cond:
            return self._thread is not None

    def wake(self) -> None:
        """An entry with a TTL was stored: make sure a sweep is scheduled for it."""
        with self._cond:
            if self._closed:
                return
            self._woken = True
            # (A thread that is not alive was lost to a fork: start another.)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name=self._name,
                                                daemon=True)
                self._thread.start()
            else:
                self._cond.notify()

    def close(self) -> None:
        """Stop the thread (waits for it)."""
        with self._cond:
            self._closed = True
            thread = self._thread
            self._cond.notify()
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    def _run(self) -> None:
        while True:
            with self._cond:
                self._woken = False
                if self._closed:
                    self._thread = None
                    return
            delays = []
            for store in list(self._stores()):
                try:
                    delay = store.sweep()
                except Exception:  # a broken store must not stop the others' expiry
                    log.exception("sweeping expired cache entries failed")
                    continue
                if delay is not None:
                    delays.append(delay)
            with self._cond:
                if self._woken or self._closed:
                    continue
                if not delays:
                    self._thread = None
                    return
                self._cond.wait(max(min(delays), _MIN_WAIT))
