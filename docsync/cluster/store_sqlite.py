"""Checkpoints in a SQLite file: session persistence on one machine, without Redis."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from docsync.sqlite_file import open_shared

__all__ = ["SQLiteCheckpointStore"]

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    key TEXT PRIMARY KEY, owner TEXT NOT NULL, data BLOB NOT NULL, expires REAL NOT NULL)
"""


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")  # the write lock at once: a read-then-write in one step
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


class SQLiteCheckpointStore:
    """Session records in one file, shared by the workers of one machine (``--num-procs``)
    and kept across restarts. Same calls and ownership rules as the Redis store.

    SQLite blocks, so every call runs in one thread of its own; WAL mode lets the workers'
    processes write in turn. Expired records are deleted by :meth:`touch`.
    """

    available = True

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.on_restored: list[Callable[[], Any]] = []  # never called: a file has no outage
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="docsync-sqlite")
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            db = open_shared(self.path, timeout=10, isolation_level=None)
            db.execute(_SCHEMA)
            self._db = db
        return self._db

    async def _run(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._thread, lambda: fn(self._connect()))

    async def open(self) -> None:
        """Create the file and its table now, so that a bad path fails at start."""
        await self._run(lambda db: None)

    async def save(self, key: str, owner: str, blob: bytes, ttl: float) -> bool:
        def run(db: sqlite3.Connection) -> bool:
            now = time.time()
            with _transaction(db):
                row = db.execute("SELECT owner, expires FROM sessions WHERE key = ?",
                                 (key,)).fetchone()
                if row is not None and row[0] != owner and row[1] > now:
                    return False
                db.execute("INSERT OR REPLACE INTO sessions VALUES (?, ?, ?, ?)",
                           (key, owner, blob, now + ttl))
                return True

        return await self._run(run)

    async def claim(self, key: str, owner: str, ttl: float) -> bytes | None:
        def run(db: sqlite3.Connection) -> bytes | None:
            now = time.time()
            with _transaction(db):
                row = db.execute("SELECT data FROM sessions WHERE key = ? AND expires > ?",
                                 (key, now)).fetchone()
                if row is None:
                    return None
                db.execute("UPDATE sessions SET owner = ?, expires = ? WHERE key = ?",
                           (owner, now + ttl, key))
                return bytes(row[0])

        return await self._run(run)

    async def delete(self, key: str, owner: str) -> None:
        await self._run(lambda db: db.execute(
            "DELETE FROM sessions WHERE key = ? AND owner = ?", (key, owner)))

    async def touch(self, keys: list[str], ttl: float) -> None:
        def run(db: sqlite3.Connection) -> None:
            now = time.time()
            with _transaction(db):
                db.executemany("UPDATE sessions SET expires = ? WHERE key = ?",
                               [(now + ttl, key) for key in keys])
                db.execute("DELETE FROM sessions WHERE expires <= ?", (now,))

        await self._run(run)

    async def close(self) -> None:
        def run() -> None:
            if self._db is not None:
                self._db.close()
                self._db = None

        await asyncio.get_running_loop().run_in_executor(self._thread, run)
        self._thread.shutdown(wait=False)
