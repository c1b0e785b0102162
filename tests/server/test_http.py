"""HTTP routes (PROTOCOL.md §2): the bootstrap page runs no app code; index, redirect,
static bundle, 404."""

from __future__ import annotations

import asyncio
import http.client
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

import docsync as ds
from docsync.testing import fetch
from tests.conftest import TRANSPORTS
from tests.server.support import APPS, texts


@pytest.fixture(params=TRANSPORTS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Every test here runs over the websockets server and the ASGI app alike."""
    return str(request.param)

BOOT = re.compile(r'<script type="application/json" id="docsync-bootstrap">(.*?)</script>', re.S)


def bootstrap(body: bytes) -> dict:
    match = BOOT.search(body.decode())
    assert match is not None, body[:500]
    return json.loads(match.group(1))


async def test_page_embeds_bootstrap_and_runs_no_app_code(docsync_serve, clients, tmp_path):
    marker = tmp_path / "marker"
    server = docsync_serve(APPS / "marker.py", "--port", "0", "--max-frame-size", "65536",
                           env={"DOCSYNC_TEST_MARKER": str(marker)})
    url = (await server.wait_serving())["marker"]
    tokens = set()
    for _ in range(3):
        status, headers, body = await fetch(url)
        assert status == 200
        assert headers["content-type"].startswith("text/html")
        boot = bootstrap(body)
        assert boot["protocol"] == 1 and boot["app"] == "marker"
        session_id, issued_at, signature = boot["token"].split(".")
        # The WebSocket URL names the token's session, for routing (--num-procs).
        assert boot["ws"] == f"marker/ws?session={session_id}"
        assert len(session_id) >= 22 and issued_at.isdigit() and signature
        assert boot["max_message"] == 65536  # the client refuses bigger messages itself
        tokens.add(boot["token"])
    assert len(tokens) == 3  # a new session id per page
    assert b"docsync.js" in body
    assert not marker.exists()  # serving pages ran no app code (§2)

    await clients(url).open()
    assert marker.read_text() == "ran\n"  # the hello created the session: one run
    await clients(url).open()
    assert marker.read_text() == "ran\n" * 2


async def test_function_app_is_not_called_for_a_page(serve_app, clients):
    calls: list[int] = []

    def app():
        calls.append(1)
        return ds.widgets.TextInput(name="t")

    handle = serve_app(app)
    status, _, _ = await fetch(handle.url + "app")
    assert status == 200 and calls == []
    await clients(handle.url + "app").open()
    assert calls == [1]


async def test_root_redirects_to_the_only_app(serve_app):
    handle = serve_app({"only": lambda: ds.pane.Markdown("hi")})
    status, headers, _ = await fetch(handle.url)
    assert status == 302
    assert headers["location"] in ("only", "/only")
    # A trailing slash redirects to the page too.
    status, headers, _ = await fetch(handle.url + "only/")
    assert status == 302
    assert headers["location"].rstrip("/").endswith("only")


async def test_root_lists_several_apps(serve_app, clients):
    handle = serve_app({"first": lambda: ds.pane.Markdown("one"),
                        "second": lambda: ds.pane.Markdown("two")})
    status, headers, body = await fetch(handle.url)
    assert status == 200 and headers["content-type"].startswith("text/html")
    links = re.findall(r'href="([^"]+)"', body.decode())
    assert "first" in links and "second" in links
    for name, text in (("first", "one"), ("second", "two")):
        client = await clients(handle.url + name).open()
        assert any(m["props"].get("object") == text for m in client.client.doc["models"].values())


async def test_static_bundle_is_served_with_a_javascript_type(serve_app):
    handle = serve_app(lambda: ds.pane.Markdown("hi"))
    shipped = Path(ds.__file__).parent / "static"
    status, headers, body = await fetch(handle.url + "_docsync/static/docsync.js")
    assert status == 200
    assert headers["content-type"].split(";")[0] in ("application/javascript", "text/javascript")
    assert body == (shipped / "docsync.js").read_bytes()
    status, headers, body = await fetch(handle.url + "_docsync/static/docsync.css")
    assert status == 200 and headers["content-type"].startswith("text/css")
    # The page refers to the bundle by a path that resolves to it.
    _, _, page = await fetch(handle.url + "app")
    src = re.search(r'<script src="([^"]+)"', page.decode()).group(1)
    assert src.endswith("_docsync/static/docsync.js")


async def test_unknown_paths_are_404(serve_app):
    handle = serve_app(lambda: ds.pane.Markdown("hi"))
    for path in ("nope", "app/extra", "_docsync/static/missing.js",
                 "_docsync/static/../__init__.py", "_docsync/static/.hidden"):
        status, _, _ = await fetch(handle.url + path)
        assert status == 404, path


async def test_nested_app_path(serve_app, clients):
    handle = serve_app({"group/inner": lambda: ds.pane.Markdown("nested")})
    status, _, page = await fetch(handle.url + "group/inner")
    assert status == 200
    src = re.search(r'<script src="([^"]+)"', page.decode()).group(1)
    status, _, _ = await fetch(urljoin(handle.url + "group/inner", src))
    assert status == 200  # the relative bundle path resolves from a nested page
    client = await clients(handle.url + "group/inner").open()
    assert client.ws_url.split("?")[0] == handle.url.replace("http", "ws") + "group/inner/ws"
    assert "nested" in texts(client.client)


async def test_plain_get_of_the_websocket_path_is_not_a_page(serve_app, clients):
    handle = serve_app(lambda: ds.pane.Markdown("hi"))
    status, _, _ = await fetch(handle.url + "app/ws")
    assert status >= 400
    client = await clients(handle.url + "app").open()  # the server is fine
    assert "hi" in texts(client.client)


def _get_many(port: int, paths: list[str]) -> list[tuple[int, str | None]]:
    """GET each path in turn with one ``http.client`` connection, as a client that keeps
    connections alive does; (status, Connection header) of each."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        out = []
        for path in paths:
            conn.request("GET", path)
            answer = conn.getresponse()
            answer.read()
            out.append((answer.status, answer.getheader("Connection")))
        return out
    finally:
        conn.close()


async def test_a_client_reusing_its_connection_gets_every_answer(serve_app, server_kind):
    """issue 12: the websockets server closes after each answer, and says so with
    ``Connection: close`` (without it a client reusing the connection, after a redirect
    say, met RemoteDisconnected); the ASGI server keeps the connection alive instead."""
    handle = serve_app(lambda: ds.pane.Markdown("hi"))
    paths = ["/", "/app", "/_docsync/static/docsync.js", "/nope", "/app/ws"] * 6
    answers = await asyncio.to_thread(_get_many, handle.port, paths)
    assert [status for status, _ in answers] == [302, 200, 200, 404, 426] * 6
    kept_alive = server_kind == "asgi"
    assert {header for _, header in answers} == ({None} if kept_alive else {"close"})
