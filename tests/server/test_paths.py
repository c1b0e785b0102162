"""``--prefix``, ``--static-dirs`` and ``--use-xheaders`` on a real server, and their bad
values named by flag."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from docsync.server.http import route
from docsync.testing import fetch
from tests.conftest import TRANSPORTS
from tests.server.support import APPS, subprocess_env, texts


@pytest.fixture(params=TRANSPORTS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Every test here runs over the websockets server and the ASGI app alike."""
    return str(request.param)


async def test_everything_lives_under_the_prefix(docsync_serve, clients):
    server = docsync_serve(APPS / "greeting.py", "--port", "0", "--prefix", "/team/dash/")
    url = (await server.wait_serving())["greeting"]
    root = url.split("/team/dash/")[0]
    assert url == f"{root}/team/dash/greeting"
    status, headers, _ = await fetch(f"{root}/team/dash")
    assert status == 302 and headers["location"] == "/team/dash/"
    status, headers, _ = await fetch(f"{root}/team/dash/")
    assert status == 302 and headers["location"] == "greeting"
    assert (await fetch(f"{root}/greeting"))[0] == 404  # outside the prefix
    assert (await fetch(f"{root}/team/dash/_docsync/static/docsync.js"))[0] == 200
    assert (await fetch(f"{root}/liveness"))[0] == 200  # probes answer with and without it
    assert (await fetch(f"{root}/team/dash/readiness"))[0] == 200
    client = clients(url)
    await client.open()
    assert "/team/dash/greeting/ws?session=" in client.ws_url
    assert any("Version one" in t for t in texts(client.client))


async def test_static_dirs_serve_files_and_nothing_outside(docsync_serve, tmp_path):
    assets = tmp_path / "assets"
    (assets / "img").mkdir(parents=True)
    (assets / "img" / "logo.svg").write_text("<svg/>")
    (assets / ".hidden").write_text("secret")
    (tmp_path / "outside.txt").write_text("outside")
    (assets / "link.txt").symlink_to(tmp_path / "outside.txt")
    server = docsync_serve(APPS / "greeting.py", "--port", "0", "--static-dirs",
                           f"assets={assets}")
    root = (await server.wait_serving())["greeting"].rsplit("/", 1)[0]
    status, headers, body = await fetch(f"{root}/assets/img/logo.svg")
    assert (status, body) == (200, b"<svg/>")
    assert headers["content-type"].startswith("image/svg+xml")
    for path in ("assets/../outside.txt", "assets/%2e%2e/outside.txt", "assets/.hidden",
                 "assets/link.txt", "assets/img", "assets/missing.txt",
                 "assets/img/..%2F..%2Foutside.txt"):
        assert (await fetch(f"{root}/{path}"))[0] == 404, path


async def test_forwarded_host_passes_the_checks_only_with_use_xheaders(docsync_serve):
    plain = docsync_serve(APPS / "greeting.py", "--port", "0")
    trusting = docsync_serve(APPS / "greeting.py", "--port", "0", "--use-xheaders")
    for server, expected in ((plain, 403), (trusting, 200)):
        url = (await server.wait_serving())["greeting"]
        # The proxy reached us as 127.0.0.1 but says the browser asked for localhost.
        status, _, _ = await fetch(url, headers={"Host": "evil.example",
                                                 "X-Forwarded-Host": "localhost"})
        assert status == expected


def test_routes_under_a_prefix():
    apps = frozenset({"app"})
    assert route("/p/app", apps, prefix="/p").kind == "page"
    assert route("/p/app/ws?session=x", apps, prefix="/p").kind == "ws"
    assert route("/app", apps, prefix="/p").kind == "none"
    assert route("/px/app", apps, prefix="/p").kind == "none"
    assert route("/files/a/b.png", apps, folders=frozenset({"files"})).target == "files/a/b.png"
    assert route("/files", apps, folders=frozenset({"files"})).kind == "none"


def serve_error(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "docsync", "serve", str(APPS / "greeting.py"),
                           "--port", "0", *args], cwd=cwd, env=subprocess_env(),
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("args", "message"), [
    (["--prefix", "dash"], "--prefix dash: a prefix starts with a slash, as in --prefix /dash"),
    (["--static-dirs", "assets"], "--static-dirs assets: give NAME=FOLDER"),
    (["--static-dirs", "assets=nowhere"], "--static-dirs assets=nowhere: no such folder"),
    (["--static-dirs", "greeting=."], "/greeting is already served"),
    (["--static-dirs", "a/b=."], "one path segment"),
])
def test_bad_path_flags_name_the_flag(tmp_path, args, message):
    done = serve_error(*args, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
