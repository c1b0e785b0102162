"""``open_shared``: processes opening one new SQLite file at the same moment all get in."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.server.support import REPO

OPENER = """
import sys, time
from pathlib import Path
from docsync.sqlite_file import open_shared
folder, start = Path(sys.argv[1]), float(sys.argv[2])
time.sleep(max(0.0, start - time.time()))  # every process starts together
for i in range(20):  # each a new file, opened by every process at once
    db = open_shared(folder / f"{i}.sqlite", timeout=10, isolation_level=None)
    db.execute("CREATE TABLE IF NOT EXISTS t (x)")
    db.execute("INSERT INTO t VALUES (1)")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
"""


def test_processes_opening_new_files_together_all_succeed(tmp_path: Path) -> None:
    start = time.time() + 1.0
    procs = [subprocess.Popen([sys.executable, "-c", OPENER, str(tmp_path), str(start)],
                              cwd=REPO, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    errors = [p.communicate(timeout=60)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, errors
    for i in range(20):
        with sqlite3.connect(tmp_path / f"{i}.sqlite") as db:
            assert db.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 4
