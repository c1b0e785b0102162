"""Opening an SQLite file that several processes share, in WAL mode."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

__all__ = ["open_shared"]

_ATTEMPTS = 100
_PAUSE = 0.05  # seconds between attempts: 5 s in all


def open_shared(path: Path, *, timeout: float, **options: object) -> sqlite3.Connection:
    """A connection to ``path`` (created with its folder if missing) in WAL journal mode,
    so readers and one writer of several processes work at once.

    Switching a new file to WAL needs a moment of exclusive access, and SQLite answers
    "database is locked" at once, without waiting ``timeout``, when another process opens
    the same new file at that moment (workers starting together): the switch is retried
    for up to 5 s. ``timeout`` and ``options`` go to :func:`sqlite3.connect`.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=timeout, **options)  # type: ignore[arg-type]
    for attempt in range(_ATTEMPTS):
        try:
            db.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == _ATTEMPTS - 1:
                db.close()
                raise
            time.sleep(_PAUSE)
    db.execute("PRAGMA synchronous=NORMAL")
    return db
