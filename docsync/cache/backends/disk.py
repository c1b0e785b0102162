"""The disk backend: entries pickled into one SQLite file, so they survive a restart.

SQLite (the standard library's ``sqlite3``) rather than a file format of our own: it is
atomic, survives a crash mid-write, and lets several processes share the file (WAL mode).
Expiry times are wall-clock seconds, since they must mean the same after a restart.

Several processes sharing the file (``--num-procs``) compute a key once: the first takes a
lease row, the others poll for its result (see :meth:`DiskStore.lease`).

Values are unpickled when read: only point this at a file your app wrote, as with any
pickle.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import secrets
import sqlite3
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from docsync.cache.backends.base import MISSING, Backend, Store
from docsync.cache.policies import check_policy
from docsync.sqlite_file import open_shared

__all__ = ["DiskBackend", "DiskStore", "default_disk_path"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    ns TEXT NOT NULL,
    key TEXT NOT NULL,
    value BLOB NOT NULL,
    size INTEGER NOT NULL,
    expires REAL,
    created INTEGER NOT NULL,
    accessed INTEGER NOT NULL,
    uses INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (ns, key)
);
CREATE INDEX IF NOT EXISTS entries_expires ON entries (expires) WHERE expires IS NOT NULL;
CREATE TABLE IF NOT EXISTS leases (
    ns TEXT NOT NULL,
    key TEXT NOT NULL,
    holder TEXT NOT NULL,
    expires REAL NOT NULL,
    PRIMARY KEY (ns, key)
);
"""

#: How often a process waiting for another's computation looks for its result (seconds).
_POLL = 0.02

#: Eviction order per policy: the first rows go first (see policies.py for the meanings).
_EVICTION_ORDER = {
    "lru": "accessed",
    "fifo": "created",
    "lfu": "uses, accessed",
}


def default_disk_path() -> Path:
    """``$DOCSYNC_CACHE_DIR/cache.sqlite3``, else ``.docsync/cache/cache.sqlite3`` in the
    working directory (the app's folder under ``docsync serve``)."""
    folder = os.environ.get("DOCSYNC_CACHE_DIR") or os.path.join(".docsync", "cache")
    return Path(folder) / "cache.sqlite3"


class DiskBackend(Backend):
    """Every function's entries in one SQLite file, created on first use."""

    name = "disk"

    def __init__(self, path: str | os.PathLike[str] | None = None, *,
                 lease_ttl: float = 300.0, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path) if path is not None else default_disk_path()
        #: A computation's lease ends after this many seconds even if its process died.
        self.lease_ttl = lease_ttl
        self.clock = clock
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._pid = os.getpid()
        self._tick = 0  # orders uses for lru/fifo; a counter, not the clock

    def store(self, name: str, *, max_items: int | None, policy: str) -> DiskStore:
        return DiskStore(self, name, max_items=max_items, policy=check_policy(policy))

    def clear(self) -> None:
        self.run(lambda db: db.execute("DELETE FROM entries"))

    def acquire(self, ns: str, key: str, holder: str) -> bool:
        """Take the lease on ``(ns, key)`` unless another holder has a live one."""
        def take(db: sqlite3.Connection) -> bool:
            now = self.clock()
            db.execute("DELETE FROM leases WHERE ns = ? AND key = ? AND expires <= ?",
                       (ns, key, now))
            cursor = db.execute("INSERT OR IGNORE INTO leases VALUES (?, ?, ?, ?)",
                                (ns, key, holder, now + self.lease_ttl))
            return cursor.rowcount == 1

        return bool(self.run(take))

    def release(self, ns: str, key: str, holder: str) -> None:
        self.run(lambda db: db.execute(
            "DELETE FROM leases WHERE ns = ? AND key = ? AND holder = ?", (ns, key, holder)))

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def run(self, fn: Callable[[sqlite3.Connection], Any]) -> Any:
        """Run ``fn(connection)`` in one transaction, under the backend's lock."""
        with self._lock:
            db = self._connect()
            with db:
                return fn(db)

    def tick(self, db: sqlite3.Connection) -> int:
        """The next use number (call inside :meth:`run`)."""
        self._tick += 1
        return self._tick

    def _connect(self) -> sqlite3.Connection:
        if self._pid != os.getpid():  # a forked child must not use its parent's connection
            self._db, self._pid = None, os.getpid()
        if self._db is None:
            db = open_shared(self.path, timeout=30, check_same_thread=False,
                             isolation_level=None)
            db.executescript(_SCHEMA)
            db.isolation_level = "DEFERRED"  # `with db:` is one transaction
            row = db.execute("SELECT MAX(MAX(created), MAX(accessed)) FROM entries").fetchone()
            self._tick = max(self._tick, int(row[0] or 0))
            self._db = db
        return self._db


class DiskStore(Store):
    """One function's rows of a :class:`DiskBackend` (``ns`` = the function's name)."""

    returns_copies = True

    def __init__(self, backend: DiskBackend, name: str, *, max_items: int | None,
                 policy: str) -> None:
        self._backend = backend
        self.name = name
        self.max_items = max_items
        self._order = _EVICTION_ORDER[policy]

    def get(self, key: str) -> Any:
        def read(db: sqlite3.Connection) -> bytes | None:
            row = db.execute("SELECT value, expires FROM entries WHERE ns = ? AND key = ?",
                             (self.name, key)).fetchone()
            if row is None:
                return None
            if row[1] is not None and row[1] <= self._backend.clock():
                db.execute("DELETE FROM entries WHERE ns = ? AND key = ?", (self.name, key))
                return None
            db.execute("UPDATE entries SET accessed = ?, uses = uses + 1 "
                       "WHERE ns = ? AND key = ?", (self._backend.tick(db), self.name, key))
            return bytes(row[0])

        blob = self._backend.run(read)
        return MISSING if blob is None else pickle.loads(blob)

    def set(self, key: str, value: Any, *, ttl: float | None) -> None:
        if self.max_items == 0:
            return
        try:
            blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            raise TypeError(f"the disk cache of {self.name}() stores results with pickle, "
                            f"and this result cannot be pickled ({exc}); use the memory "
                            f"backend for it") from exc

        def write(db: sqlite3.Connection) -> None:
            expires = None if ttl is None else self._backend.clock() + ttl
            tick = self._backend.tick(db)
            db.execute("INSERT OR REPLACE INTO entries "
                       "(ns, key, value, size, expires, created, accessed, uses) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
                       (self.name, key, blob, len(blob), expires, tick, tick))
            if self.max_items is not None:  # the new entry is never its own victim
                db.execute(f"DELETE FROM entries WHERE ns = ? AND key IN ("
                           f"SELECT key FROM entries WHERE ns = ? AND key != ? "
                           f"ORDER BY {self._order} "
                           f"LIMIT MAX(0, (SELECT COUNT(*) FROM entries WHERE ns = ?) - ?))",
                           (self.name, self.name, key, self.name, self.max_items))

        self._backend.run(write)

    def delete(self, key: str) -> None:
        self._backend.run(lambda db: db.execute(
            "DELETE FROM entries WHERE ns = ? AND key = ?", (self.name, key)))

    def clear(self) -> None:
        self._backend.run(lambda db: db.execute("DELETE FROM entries WHERE ns = ?",
                                                (self.name,)))

    def sweep(self) -> float | None:
        def sweep(db: sqlite3.Connection) -> float | None:
            now = self._backend.clock()
            db.execute("DELETE FROM entries WHERE ns = ? AND expires <= ?", (self.name, now))
            row = db.execute("SELECT MIN(expires) FROM entries WHERE ns = ?",
                             (self.name,)).fetchone()
            return None if row[0] is None else float(row[0]) - now

        result: float | None = self._backend.run(sweep)
        return result

    @contextmanager
    def lease(self, key: str) -> Iterator[Any]:
        """Across processes sharing the file: take the lease, or wait (polling) until its
        holder stores the value, or its lease expires and this caller takes over."""
        holder = secrets.token_hex(8)
        while not self._backend.acquire(self.name, key, holder):
            value = self.get(key)
            if value is not MISSING:
                yield value
                return
            time.sleep(_POLL)
        try:
            # The previous holder may have stored the value just before letting go.
            yield self.get(key)
        finally:
            self._backend.release(self.name, key, holder)

    @asynccontextmanager
    async def alease(self, key: str) -> AsyncIterator[Any]:
        holder = secrets.token_hex(8)
        while not self._backend.acquire(self.name, key, holder):
            value = self.get(key)
            if value is not MISSING:
                yield value
                return
            await asyncio.sleep(_POLL)
        try:
            yield self.get(key)
        finally:
            self._backend.release(self.name, key, holder)

    def stats(self) -> tuple[int, int]:
        row = self._backend.run(lambda db: db.execute(
            "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM entries WHERE ns = ?",
            (self.name,)).fetchone())
        return int(row[0]), int(row[1])
