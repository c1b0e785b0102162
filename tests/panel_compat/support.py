"""Serving the Panel-style apps of ``tests/panel_compat/apps`` for the compatibility tests.

Each app there is written as a Panel user writes one (``import docsync as pn``); a test
module serves the ones it needs with one real ``docsync serve`` and drives them over real
WebSockets with :class:`docsync.testing.NetworkClient`.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from docsync.testing import ClientProtocol, NetworkClient
from tests.server.support import ServeProcess, subprocess_env

__all__ = ["APPS", "Opener", "app_fixtures", "models_of", "opener", "served"]

APPS = Path(__file__).parent / "apps"

Opener = Callable[..., Awaitable[tuple[NetworkClient, ClientProtocol]]]


@contextmanager
def served(names: list[str], tmp: Path, *extra: str) -> Iterator[dict[str, str]]:
    """Serve ``apps/<name>.py`` for each name with one ``docsync serve`` (``extra`` are
    more command-line arguments); yields app name → URL. On leaving, the server is stopped
    and its stderr must hold no traceback."""
    paths = [str(APPS / f"{name}.py") for name in names]
    process = ServeProcess([*paths, "--port", "0", "--log-level", "warning", *extra],
                           cwd=tmp, env=subprocess_env(), logs=tmp / "logs")
    try:
        deadline = time.monotonic() + 60
        while len(process.served()) < len(names):
            assert process.proc.poll() is None, process.stderr()
            assert time.monotonic() < deadline, "the apps were not served in time"
            time.sleep(0.05)
        yield dict(process.served())
        assert "Traceback" not in process.stderr(), process.stderr()
    finally:
        process.terminate()


async def opener(urls: dict[str, str]) -> AsyncIterator[Opener]:
    """An async fixture body: ``await open_(name, **hello)`` opens a session of app
    ``name``; every client opened is closed afterwards."""
    made: list[NetworkClient] = []

    async def open_(name: str, **hello: Any) -> tuple[NetworkClient, ClientProtocol]:
        client = NetworkClient(urls[name])
        made.append(client)
        await client.open(**hello)
        assert client.client is not None
        return client, client.client

    yield open_
    for client in made:
        await client.close()


def models_of(doc: ClientProtocol, type_: str) -> list[tuple[str, dict[str, Any]]]:
    """``(id, props)`` of every model of ``type_`` in the client's document, in id order."""
    assert doc.doc is not None
    return [(mid, m["props"]) for mid, m in sorted(doc.doc["models"].items(),
                                                   key=lambda kv: int(kv[0][1:]))
            if m["type"] == type_]


def app_fixtures(names: list[str], folder: str, *extra: str) -> tuple[Any, Any]:
    """A test module's two fixtures, as ``urls, open_ = app_fixtures(NAMES, "state")``:
    ``urls`` serves ``names`` once for the module (``extra``: more ``docsync serve``
    arguments) and ``open_`` opens sessions of them (see :func:`opener`)."""

    @pytest.fixture(scope="module")
    def urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
        with served(names, tmp_path_factory.mktemp(folder), *extra) as found:
            yield found

    @pytest.fixture
    async def open_(urls: dict[str, str]) -> AsyncIterator[Opener]:
        async for made in opener(urls):
            yield made

    return urls, open_
