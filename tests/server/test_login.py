"""Logins (``--basic-auth``) on a real server: the login page and socket, the cookie, the
4401 of a socket without login, logout and expiry ending sessions, throttling, authorize."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from docsync.server.credentials import hash_password
from docsync.server.login import COOKIE, Login, LoginSigner
from docsync.testing import NetworkClient, fetch
from tests.conftest import TRANSPORTS
from tests.server.support import APPS, subprocess_env, texts, wait_until


@pytest.fixture(params=TRANSPORTS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Every test here runs over the websockets server and the ASGI app alike."""
    return str(request.param)

SECRET = "a cookie secret shared by the test"


@pytest.fixture(scope="module")
def credentials(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("login") / "users.txt"
    path.write_text(f"# users\nalice:{hash_password('wonderland')}\n"
                    f"bob:{hash_password('builder')}\n")
    return path


async def serve(docsync_serve, credentials: Path, *extra: str) -> str:
    server = docsync_serve(APPS / "whoami.py", "--port", "0", "--basic-auth", credentials,
                           "--cookie-secret", SECRET, *extra)
    return (await server.wait_serving())["whoami"]


async def log_in(app_url: str, user: str, password: str) -> dict:
    """What the login page's script does: the form over login/ws."""
    ws_url = urljoin(app_url, "login/ws").replace("http", "ws", 1)
    async with connect(ws_url) as ws:
        await ws.send(json.dumps({"username": user, "password": password}))
        return json.loads(await ws.recv())


async def cookie_for(app_url: str, user: str, password: str) -> str:
    answer = await log_in(app_url, user, password)
    assert answer["ok"], answer
    status, headers, _ = await fetch(urljoin(app_url, f"login/done?code={answer['code']}"
                                                      "&next=/whoami"))
    assert status == 302 and headers["location"] == "/whoami"
    cookie = headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    return cookie.split(";", 1)[0]


async def socket_url(app_url: str, cookie: str) -> str:
    """The WebSocket URL of a page loaded with ``cookie``."""
    status, _, body = await fetch(app_url, headers={"Cookie": cookie})
    assert status == 200
    boot = json.loads(body.decode().split('id="docsync-bootstrap">', 1)[1].split("<", 1)[0])
    return urljoin(app_url, boot["ws"]).replace("http", "ws", 1)


async def open_as(app_url: str, cookie: str) -> NetworkClient:
    client = NetworkClient(app_url)
    client.extra_headers["Cookie"] = cookie  # the page itself needs the login too
    return await client.open()


async def test_a_page_needs_a_login_and_the_login_opens_it(docsync_serve, credentials):
    url = await serve(docsync_serve, credentials)
    status, headers, _ = await fetch(url)
    assert status == 302 and headers["location"] == "/login?next=/whoami"
    status, _, body = await fetch(urljoin(url, "login?next=/whoami"))
    assert status == 200 and b'id="docsync-login"' in body and b'data-next="/whoami"' in body
    assert (await fetch(urljoin(url, "_docsync/static/docsync.css")))[0] == 200

    assert await log_in(url, "alice", "wrong") == {
        "ok": False, "error": "Wrong user name or password."}
    cookie = await cookie_for(url, "alice", "wonderland")
    client = await open_as(url, cookie)
    try:
        assert any("Logged in as **alice**" in t for t in texts(client.client))
    finally:
        await client.close()


async def test_a_socket_without_a_valid_login_is_closed_with_4401(docsync_serve, credentials):
    url = await serve(docsync_serve, credentials)
    ws_url = await socket_url(url, await cookie_for(url, "alice", "wonderland"))
    forged = LoginSigner(b"another secret").cookie(Login("alice", time.time() + 60, "x"))
    expired = LoginSigner(SECRET.encode()).cookie(Login("alice", time.time() - 1, "x"))
    code_as_cookie = LoginSigner(SECRET.encode()).code(Login("alice", time.time() + 60, "x"),
                                                       now=time.time())
    for cookie in (None, f"{COOKIE}={forged}", f"{COOKIE}={expired}",
                   f"{COOKIE}={code_as_cookie}", f"{COOKIE}=garbage"):
        async with connect(ws_url, additional_headers={"Cookie": cookie} if cookie else {}
                           ) as ws:
            with pytest.raises(ConnectionClosed) as info:
                await ws.recv()
            assert (info.value.rcvd.code, info.value.rcvd.reason) == (4401, "login required")


async def test_a_login_code_works_once_and_next_stays_on_this_site(docsync_serve, credentials):
    url = await serve(docsync_serve, credentials)
    code = (await log_in(url, "bob", "builder"))["code"]
    status, headers, _ = await fetch(urljoin(url, f"login/done?code={code}"
                                                  "&next=https://evil.example/"))
    assert status == 302 and headers["location"] == "/"
    status, _, body = await fetch(urljoin(url, f"login/done?code={code}&next=/whoami"))
    assert status == 400 and b"expired" in body
    assert (await fetch(urljoin(url, "login/done?code=forged")))[0] == 400


async def test_logout_ends_the_users_sessions(docsync_serve, credentials):
    url = await serve(docsync_serve, credentials)
    cookie = await cookie_for(url, "alice", "wonderland")
    client = await open_as(url, cookie)
    status, headers, body = await fetch(urljoin(url, "logout"), headers={"Cookie": cookie})
    assert status == 200 and b"Logged out" in body
    assert headers["set-cookie"].startswith(f"{COOKIE}=;") and "Max-Age=0" in headers[
        "set-cookie"]
    await wait_until(lambda: client.close_code is not None, timeout=10,
                     what="the session's socket closed")
    assert client.close_code == 4401


async def test_a_session_ends_when_its_login_expires(docsync_serve, credentials):
    url = await serve(docsync_serve, credentials)
    soon = LoginSigner(SECRET.encode()).cookie(Login("alice", time.time() + 2, "expiring"))
    client = await open_as(url, f"{COOKIE}={soon}")
    await wait_until(lambda: client.close_code is not None, timeout=20,
                     what="the socket closed when the login expired")
    assert client.close_code == 4401


async def test_failed_logins_are_throttled_per_user_and_address(docsync_serve, credentials):
    url = await serve(docsync_serve, credentials)
    for _ in range(5):
        assert not (await log_in(url, "alice", "guess"))["ok"]
    answer = await log_in(url, "alice", "wonderland")  # right, but too late
    assert not answer["ok"] and "Too many failed logins" in answer["error"]


async def test_authorize_callback_refuses_pages_and_sockets(docsync_serve, credentials):
    url = await serve(docsync_serve, credentials, "--authorize-callback",
                      APPS / "authorize.py")
    bob = await cookie_for(url, "bob", "builder")
    status, _, body = await fetch(url, headers={"Cookie": bob})
    assert status == 403 and b"bob may not use /whoami" in body
    alice = await cookie_for(url, "alice", "wonderland")
    client = await open_as(url, alice)
    await client.close()
    ws_url = await socket_url(url, alice)
    async with connect(ws_url, additional_headers={"Cookie": bob}) as ws:
        with pytest.raises(ConnectionClosed) as info:
            await ws.recv()
        assert info.value.rcvd.code == 4401


def serve_error(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "docsync", "serve",
                           str(APPS / "whoami.py"), "--port", "0", *args], cwd=cwd,
                          env=subprocess_env(), capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("args", "message"), [
    (["--basic-auth", "users.txt"], "users.txt, line 1: give user:hash"),
    (["--basic-auth", "users.json"], "give an object of user name"),
    (["--authorize-callback", str(APPS / "authorize.py")], "needs logins"),
    (["--basic-auth", "pw", "--login-template", "missing.html"], "--login-template missing"),
    (["--basic-auth", "pw", "--authorize-callback", "users.txt"], "a Python script"),
])
def test_bad_login_flags_name_the_flag(tmp_path, args, message):
    (tmp_path / "users.txt").write_text("alice:plaintext\n")
    (tmp_path / "users.json").write_text("[1, 2]")
    done = serve_error(*args, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
