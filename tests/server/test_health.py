"""``/liveness`` and ``/readiness`` for orchestrators, from a real server."""

from __future__ import annotations

import pytest

from docsync.server.server import Server, ServerConfig
from docsync.testing import fetch
from tests.conftest import TRANSPORTS
from tests.server.support import APPS


@pytest.fixture(params=TRANSPORTS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Every test here runs over the websockets server and the ASGI app alike."""
    return str(request.param)


async def test_a_started_server_is_alive_and_ready(docsync_serve):
    server = docsync_serve(APPS / "greeting.py", "--port", "0")
    url = (await server.wait_serving())["greeting"]
    root = url.rsplit("/", 1)[0]
    assert (await fetch(f"{root}/liveness"))[::2] == (200, b"alive")
    assert (await fetch(f"{root}/readiness"))[::2] == (200, b"ready")


def test_probes_follow_the_servers_lifecycle():
    server = Server({}, ServerConfig())
    assert server._health("liveness") == (200, "alive")
    assert server._health("readiness") == (503, "starting")  # --setup has not run
    server.ready = True
    assert server._health("readiness") == (200, "ready")
    server.stopping = True
    assert server._health("liveness") == (503, "stopping")
    assert server._health("readiness") == (503, "stopping")
