"""docsync's ASGI app mounted in a Starlette service under a real uvicorn: pages, static
files, redirects and the WebSocket under the mount path, the service's own routes beside
it, and a graceful shutdown through the ASGI lifespan. (The transport tests of resume,
refusals and shutdown run over both servers: see ``TRANSPORTS`` in tests/conftest.py.)"""

from __future__ import annotations

import asyncio
import http.client
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

import docsync.asgi
from docsync.exceptions import UsageError
from docsync.testing import NetworkClient
from tests.server.support import REPO, subprocess_env, wait_until


def _get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        answer = conn.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
    finally:
        conn.close()


class Service:
    def __init__(self, proc: subprocess.Popen[bytes], port: int, destroyed: Path,
                 log: Path) -> None:
        self.proc, self.port, self.destroyed, self.log = proc, port, destroyed, log

    async def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        return await asyncio.to_thread(_get, self.port, path)


@pytest.fixture
async def service(tmp_path: Path, free_port: int) -> AsyncIterator[Service]:
    destroyed, log = tmp_path / "destroyed.log", tmp_path / "uvicorn.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "tests.apps.asgi_mount:api", "--host",
             "127.0.0.1", "--port", str(free_port), "--ws", "websockets-sansio",
             "--log-level", "warning"],
            cwd=REPO, env=subprocess_env(DESTROYED_LOG=str(destroyed)),
            stdout=out, stderr=subprocess.STDOUT)
    running = Service(proc, free_port, destroyed, log)

    async def answers() -> bool:
        if proc.poll() is not None:
            raise AssertionError(f"uvicorn exited:\n{log.read_text()}")
        try:
            return (await running.get("/api/ping"))[0] == 200
        except OSError:
            return False

    for _ in range(300):  # bounded: at most 300 tries, 50 ms apart
        if await answers():
            break
        await asyncio.sleep(0.05)
    else:
        raise AssertionError(f"uvicorn did not answer:\n{log.read_text()}")
    yield running
    if proc.poll() is None:
        proc.kill()
    proc.wait(10)


async def test_pages_static_files_and_redirects_live_under_the_mount(service) -> None:
    assert (await service.get("/api/ping"))[2] == b"pong"  # the service's own route
    status, headers, body = await service.get("/dash/hello")
    assert status == 200 and b'id="docsync-bootstrap"' in body
    assert "connection" not in headers or headers["connection"] != "close"
    status, headers, _ = await service.get("/dash")  # Starlette's Mount adds the slash
    assert status == 307 and urlsplit(headers["location"]).path == "/dash/"
    status, headers, _ = await service.get("/dash/")
    assert status == 302 and urljoin("/dash/", headers["location"]) == "/dash/hello"
    status, headers, body = await service.get("/dash/_docsync/static/docsync.js")
    assert status == 200 and "javascript" in headers["content-type"] and body
    assert (await service.get("/dash/nope"))[0] == 404
    assert (await service.get("/dash/hello/ws"))[0] == 426  # a WebSocket path over HTTP


async def test_logins_under_a_mount_given_as_the_prefix(service) -> None:
    status, headers, _ = await service.get("/secure/hello")
    assert status == 302 and urlsplit(headers["location"]).path == "/secure/login"
    status, _, body = await service.get("/secure/login")
    assert status == 200 and b'href="/secure/"' in body
    assert (await service.get("/dash/hello"))[0] == 200  # the other mount has no login


async def test_a_session_over_the_mounted_websocket_resumes_and_ends_at_shutdown(
        service) -> None:
    client = NetworkClient(f"http://127.0.0.1:{service.port}/dash/hello")
    try:
        await client.open()
        name = client.client.find("TextInput")
        await client.set(name, "value", "ASGI")
        await client.wait_for(lambda c: any(m["props"].get("object") == "Hello ASGI!"
                                            for m in c.doc["models"].values()))
        await client.drop()  # the connection is lost; the session waits for the page
        await client.set(name, "value", "again")  # queued in the outbox meanwhile
        await client.open()  # resumes: the queued edit is resent and applied
        await client.wait_for(lambda c: not c.outbox)
        assert client.client.welcomes[-1]["resumed"] is True
        service.proc.send_signal(signal.SIGTERM)  # the lifespan shutdown stops docsync
        await client.wait_for(lambda c: client.close_code is not None, timeout=20)
        # uvicorn closes its WebSockets itself (1012, service restart) before the lifespan
        # shutdown; the page reconnects as after 1001 (--server asgi sends 1001 first).
        assert client.close_code == 1012
    finally:
        if client.ws is not None:
            await client.close()
    await asyncio.to_thread(service.proc.wait, 20)
    await wait_until(lambda: service.destroyed.exists(), timeout=5, what="destroy hook")
    assert service.destroyed.read_text().count("destroyed ") == 1


def test_options_of_the_listening_socket_and_unknown_ones_are_refused() -> None:
    with pytest.raises(UsageError, match="uvicorn"):
        docsync.asgi.app(lambda: "hi", port=5006)
    with pytest.raises(UsageError, match="did you mean reconnect_timeout="):
        docsync.asgi.app(lambda: "hi", reconect_timeout=3)
