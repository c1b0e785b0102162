"""WebSocket origins (PROTOCOL.md §9): a foreign page is refused (HTTP 403) before any
session work; allowed origins and the page's own host are accepted."""

from __future__ import annotations

import pytest
from websockets.exceptions import InvalidStatus

import docsync as ds
from tests.conftest import TRANSPORTS
from tests.server.support import APPS, texts


@pytest.fixture(params=TRANSPORTS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Every test here runs over the websockets server and the ASGI app alike."""
    return str(request.param)


def app():
    x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
    return ds.Column(x, ds.bind(lambda v: f"x is {v}", x))


async def test_foreign_origin_is_refused_with_403(serve_app, clients):
    handle = serve_app(app)
    client = clients(handle.url + "app", origin="http://evil.example")
    with pytest.raises(InvalidStatus) as info:
        await client.open()
    assert info.value.response.status_code == 403
    assert handle.server.registries["app"].sessions == {}
    # Same host name, another port: another origin.
    client = clients(handle.url + "app", origin=f"http://127.0.0.1:{handle.port + 1}")
    with pytest.raises(InvalidStatus):
        await client.open()


async def test_own_host_and_programs_without_origin_are_allowed(serve_app, clients):
    handle = serve_app(app)
    own = await clients(handle.url + "app", origin=f"http://127.0.0.1:{handle.port}").open()
    await own.set(own.client.find("IntSlider"), "value", 4)
    await own.wait_for(lambda c: "x is 4" in texts(c))
    program = await clients(handle.url + "app").open()  # no Origin header at all
    assert program.client.doc is not None


@pytest.mark.parametrize("allowed", ["evil.example:*", "evil.example:8000", "*"])
async def test_allowed_origin_in_process(allowed, serve_app, clients):
    handle = serve_app(app, allow_websocket_origin=frozenset({allowed}))
    client = await clients(handle.url + "app", origin="http://evil.example:8000").open()
    assert client.client.doc is not None
    if allowed != "*":
        with pytest.raises(InvalidStatus):
            await clients(handle.url + "app", origin="http://other.example").open()


@pytest.mark.parametrize(("origin", "accepted"), [
    ("https://good.example", True),
    ("http://good.example", True),
    ("https://good.example:443", True),
    ("http://good.example:80", True),
    ("https://good.example:8443", False),  # issue 12: this was accepted
    ("http://good.example:8000", False),
    ("http://bad.good.example", False),
])
async def test_a_host_without_port_allows_only_the_default_ports(origin, accepted, serve_app,
                                                                 clients):
    handle = serve_app(app, allow_websocket_origin=frozenset({"good.example"}))
    client = clients(handle.url + "app", origin=origin)
    if accepted:
        assert (await client.open()).client.doc is not None
    else:
        with pytest.raises(InvalidStatus) as info:
            await client.open()
        assert info.value.response.status_code == 403


async def test_allow_websocket_origin_flag(docsync_serve, clients, tmp_path):
    server = docsync_serve(APPS / "marker.py", "--port", "0",
                           "--allow-websocket-origin", "trusted.example:9000",
                           env={"DOCSYNC_TEST_MARKER": str(tmp_path / "marker")})
    url = (await server.wait_serving())["marker"]
    client = await clients(url, origin="http://trusted.example:9000").open()
    await client.set(client.client.find("IntSlider"), "value", 2)
    await client.wait_for(lambda c: "x is 2" in texts(c))
    with pytest.raises(InvalidStatus) as info:
        await clients(url, origin="http://evil.example").open()
    assert info.value.response.status_code == 403
    assert "origin" in server.stderr()  # the refusal is logged with what to do
