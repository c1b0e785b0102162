"""``docsync serve`` / ``python -m docsync``: argument errors, help, several apps."""

from __future__ import annotations

import asyncio
import re
import shutil
import socket
import subprocess
import sys

from docsync.testing import fetch
from tests.server.support import APPS, REPO, expect_close, subprocess_env, texts

HELLO = REPO / "docsync" / "examples" / "hello.py"


def docsync(*args: object, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "docsync", *map(str, args)], cwd=cwd,
                          env=subprocess_env(), capture_output=True, text=True, timeout=30,
                          stdin=subprocess.DEVNULL)


def test_missing_app_file_exits_2_naming_it(tmp_path):
    result = docsync("serve", "missing.py", cwd=tmp_path)
    assert result.returncode == 2
    assert "missing.py" in result.stderr and "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_non_python_file_is_refused(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not an app")
    result = docsync("serve", notes, cwd=tmp_path)
    assert result.returncode == 2
    assert "notes.txt" in result.stderr and ".py" in result.stderr


def test_two_apps_at_one_path_are_refused(tmp_path):
    (tmp_path / "one").mkdir()
    shutil.copy(HELLO, tmp_path / "one" / "app.py")
    shutil.copy(HELLO, tmp_path / "app.py")
    result = docsync("serve", "app.py", "one/app.py", "--port", "0", cwd=tmp_path)
    assert result.returncode == 2
    assert "/app" in result.stderr and "rename" in result.stderr


def test_bad_port_is_an_argparse_error(tmp_path):
    for port, message in (("abc", "is not a number"), ("-1", "must not be negative")):
        result = docsync("serve", HELLO, "--port", port, cwd=tmp_path)
        assert result.returncode == 2, port
        assert "--port" in result.stderr and message in result.stderr
        assert result.stderr.startswith("usage:")


def test_port_in_use_is_reported(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = docsync("serve", HELLO, "--port", busy.getsockname()[1], cwd=tmp_path)
    assert result.returncode == 1
    assert "cannot listen" in result.stderr and "--port" in result.stderr


def test_help():
    result = docsync("--help")
    assert result.returncode == 0
    assert "serve" in result.stdout and "usage: docsync" in result.stdout
    result = docsync("serve", "--help")
    assert result.returncode == 0
    for flag in ("--port", "--address", "--autoreload", "--allow-websocket-origin",
                 "--reconnect-timeout", "--show"):
        assert flag in result.stdout
    assert "--reload-notice" not in result.stdout  # internal to --autoreload
    result = docsync()
    assert result.returncode == 2 and "usage:" in result.stderr


async def test_two_apps_are_served_at_their_names(docsync_serve, clients, tmp_path):
    shutil.copy(HELLO, tmp_path / "a.py")
    shutil.copy(APPS / "nothing.py", tmp_path / "b.py")
    server = docsync_serve("a.py", "b.py", "--port", "0", cwd=tmp_path)
    urls = await server.wait_serving(count=2)
    assert sorted(urls) == ["a", "b"]
    assert urls["a"].rsplit("/", 1)[1] == "a" and urls["b"].rsplit("/", 1)[1] == "b"
    root = urls["a"].rsplit("/", 1)[0] + "/"
    status, _, body = await fetch(root)
    assert status == 200
    assert {"a", "b"} <= set(re.findall(r'href="([^"]+)"', body.decode()))

    a = await clients(urls["a"]).open()
    await a.set(a.client.find("IntSlider"), "value", 5)
    await a.wait_for(lambda c: "**5** squared is **25**" in texts(c))
    b = await clients(urls["b"]).open()
    assert any("shows nothing" in t for t in texts(b.client))


async def test_fixed_port_and_reconnect_timeout_flag(docsync_serve, clients, free_port):
    server = docsync_serve(HELLO, "--port", free_port, "--reconnect-timeout", "1",
                           "--log-level", "warning")
    url = (await server.wait_serving())["hello"]
    assert url == f"http://127.0.0.1:{free_port}/hello"
    client = await clients(url).open()
    await client.drop()
    await client.open()  # within the timeout: resumed
    assert client.client.welcomes[-1]["resumed"] is True
    await client.drop()
    await asyncio.sleep(3.0)  # well past the 1 s timeout (the expiry runs at least every 1 s)
    await expect_close(client, 4404)


def test_the_asgi_server_with_several_processes_says_what_to_do_instead(tmp_path):
    result = docsync("serve", HELLO, "--server", "asgi", "--num-procs", "2", cwd=tmp_path)
    assert result.returncode == 2
    assert "--server asgi with --num-procs" in result.stderr and "proxy" in result.stderr
    result = docsync("serve", HELLO, "--server", "tornado", cwd=tmp_path)
    assert result.returncode == 2 and "invalid choice: 'tornado'" in result.stderr
