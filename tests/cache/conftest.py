"""A fresh cache per test (its own disk file), closed at teardown."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from docsync.cache.registry import Cache


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    instance = Cache(disk_path=tmp_path / "cache.sqlite3")
    yield instance
    instance.close()
