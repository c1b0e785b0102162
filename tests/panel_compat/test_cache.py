"""``pn.cache`` as Panel documents it, in a Panel-style app served by a real ``docsync
serve`` and driven over real WebSockets: shared between sessions, ``max_items`` with an
upper-case ``policy``, ``per_session``, ``to_disk`` with ``cache_path``, methods of a
Parameterized keyed by its parameter values, and in-memory files keyed by content."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from docsync.testing import ClientProtocol
from tests.panel_compat.support import Opener, opener, served


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def urls(folder: Path) -> Iterator[dict[str, str]]:
    with served(["cache_app"], folder) as u:
        yield u


@pytest.fixture
async def open_(urls: dict[str, str]) -> AsyncIterator[Opener]:
    async for make in opener(urls):
        yield make


def text(doc: ClientProtocol, name: str) -> str:
    return str(doc.prop(doc.find("Str", css_classes=[name]), "text"))


def calls(doc: ClientProtocol) -> dict[str, int]:
    return {k: int(v) for k, v in (pair.split("=") for pair in text(doc, "calls").split())}


async def test_pn_cache_options_across_sessions(open_: Opener, folder: Path):
    _a, a = await open_("cache_app")
    assert text(a, "shown") == "iris: 400 rows | True | 499500 | a,b | north 2024"
    assert calls(a) == {"expensive": 1, "header": 1, "load": 1, "preferences": 1,
                        "summary": 1}
    b_client, b = await open_("cache_app")
    assert text(b, "shown") == text(a, "shown")
    # Shared by every session, but per_session=True computes again for the new session;
    # a new Report with the same parameter values and a new StringIO with the same text
    # are hits.
    assert calls(b) == {"expensive": 1, "header": 1, "load": 1, "preferences": 2,
                        "summary": 1}
    # to_disk=True with cache_path: Panel's folder, holding docsync's SQLite file.
    assert (folder / "cache" / "cache.sqlite3").is_file()

    year = b.find("IntSlider", name="Year")
    await b_client.set(year, "value", 2022)
    await b_client.wait_for(lambda d: text(d, "shown").endswith("north 2022"))
    assert calls(b)["summary"] == 2  # other parameter values: another key
    await b_client.set(year, "value", 2024)
    await b_client.wait_for(lambda d: text(d, "shown").endswith("north 2024"))
    assert calls(b)["summary"] == 2  # the first object's entry is hit

    dataset = b.find("Select", name="Dataset")
    for name, loads in [("penguins", 2), ("gapminder", 3), ("penguins", 3), ("iris", 4)]:
        await b_client.set(dataset, "value", name)
        await b_client.wait_for(lambda d, n=name: text(d, "shown").startswith(f"{n}:"))
        # max_items=2, policy="LRU": iris was the least recently used when gapminder came.
        assert calls(b)["load"] == loads, name
