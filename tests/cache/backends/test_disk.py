"""The disk backend: SQLite-held entries that survive a restart and are shared by processes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from docsync.cache.backends.base import MISSING
from docsync.cache.backends.disk import DiskBackend
from docsync.cache.registry import Cache
from tests.server.support import subprocess_env, wait_until

APP = '''
import json, sys
from docsync.cache.registry import Cache

cache = Cache(disk_path=sys.argv[1])
computed = []


@cache(backend="disk")
def square(n):
    computed.append(n)
    return {{"n": n, "square": n * n, "rows": list(range(n))}}{edit}


print(json.dumps({{"results": [square(i) for i in range(3)], "computed": computed}}))
cache.close()
'''


def run_app(tmp_path: Path, *, edit: str = "") -> dict:
    script = tmp_path / "app_disk.py"
    script.write_text(textwrap.dedent(APP).format(edit=edit))
    done = subprocess.run([sys.executable, str(script), str(tmp_path / "cache.sqlite3")],
                          env=subprocess_env(), cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(done.stdout)


def test_entries_survive_a_process_restart(tmp_path):
    first = run_app(tmp_path)
    assert first["computed"] == [0, 1, 2]
    second = run_app(tmp_path)  # a new process, the same file
    assert second["computed"] == []
    assert second["results"] == first["results"]
    edited = run_app(tmp_path, edit=" if n >= 0 else None")  # the code changed
    assert edited["computed"] == [0, 1, 2] and edited["results"] == first["results"]


LEADER = '''
import sys, time
from pathlib import Path
from docsync.cache.registry import Cache

folder = Path(sys.argv[1])
cache = Cache(disk_path=folder / "cache.sqlite3")


@cache(backend="disk")
def report(year):
    with open(folder / "computations.log", "a") as log:
        log.write(f"{sys.argv[2]}\\n")
    (folder / f"{sys.argv[2]}.computing").touch()
    for _ in range(1000):  # at most 20 s
        if (folder / "release").exists():
            break
        time.sleep(0.02)
    return {"year": year, "total": 42}


(folder / f"{sys.argv[2]}.calling").touch()
print(report(2024)["total"])
cache.close()
'''


async def test_processes_sharing_the_file_compute_a_key_once(tmp_path):
    script = tmp_path / "report.py"
    script.write_text(LEADER)

    def start(name):
        return subprocess.Popen([sys.executable, str(script), str(tmp_path), name],
                                env=subprocess_env(), cwd=tmp_path, stdout=subprocess.PIPE,
                                text=True)

    first = start("first")
    try:
        await wait_until(lambda: (tmp_path / "first.computing").exists(), timeout=30)
        second = start("second")
        try:
            await wait_until(lambda: (tmp_path / "second.calling").exists(), timeout=30)
            # Time for the second process to reach the computation, were there no lease.
            time.sleep(0.5)
            (tmp_path / "release").touch()
            outputs = [p.communicate(timeout=60)[0].strip() for p in (first, second)]
        finally:
            second.kill()
    finally:
        first.kill()
    assert outputs == ["42", "42"]
    assert (tmp_path / "computations.log").read_text().split() == ["first"]
    assert not (tmp_path / "second.computing").exists()


def test_a_dead_holders_lease_expires(tmp_path):
    backend = DiskBackend(tmp_path / "c.sqlite3", lease_ttl=0.1)
    try:
        assert backend.acquire("f", "k", "dead-process")
        assert not backend.acquire("f", "k", "other")
        store = backend.store("f", max_items=None, policy="lru")
        with store.lease("k") as found:  # waits until the dead holder's lease expires
            assert found is MISSING
            assert not backend.acquire("f", "k", "third")
    finally:
        backend.close()


def test_each_read_is_a_new_object_and_copy_needs_no_more(tmp_path):
    cache = Cache(disk_path=tmp_path / "c.sqlite3")
    try:
        @cache(backend="disk")
        def rows(n):
            return list(range(n))

        first = rows(3)
        first.append("mutated")
        again = rows(3)
        assert again == [0, 1, 2] and rows(3) is not again
    finally:
        cache.close()


def test_an_unpicklable_result_is_an_error_naming_the_fix(tmp_path):
    cache = Cache(disk_path=tmp_path / "c.sqlite3")
    try:
        @cache(backend="disk")
        def handle(_n):
            return threading.Lock()

        with pytest.raises(TypeError, match=r"cannot be pickled.*use the memory backend"):
            handle(1)
        assert handle.info().entries == 0
    finally:
        cache.close()


def test_clear_and_stats_per_function(tmp_path):
    backend = DiskBackend(tmp_path / "c.sqlite3")
    try:
        a = backend.store("a", max_items=None, policy="lru")
        b = backend.store("b", max_items=None, policy="lru")
        a.set("k", b"x" * 100, ttl=None)
        b.set("k", "other", ttl=None)
        assert a.stats()[0] == 1 and a.stats()[1] > 100
        assert a.get("k") == b"x" * 100 and b.get("k") == "other"
        a.clear()
        assert a.get("k") is MISSING and b.get("k") == "other"
        backend.clear()
        assert b.get("k") is MISSING
        # A second backend over the same file sees what the first stored.
        a.set("k", 1, ttl=None)
        other = DiskBackend(tmp_path / "c.sqlite3")
        assert other.store("a", max_items=None, policy="lru").get("k") == 1
        other.close()
    finally:
        backend.close()
