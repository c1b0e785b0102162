"""The load balancer example, ``deploy/nginx.conf``, run for real in front of two servers:
every connection of a session reaches its server, and when a server dies its sessions are
rebuilt by the other one from Redis (issue 7)."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from docsync.testing import NetworkClient, fetch
from tests.server.support import REPO, texts, wait_until

APP = Path(__file__).parent / "apps" / "where.py"
ENV = {"DOCSYNC_SECRET_KEY": "one secret for every server"}
SESSIONS = 12

MAIN = """
daemon off;
user root;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/client;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/docsync.conf;
}}
"""


def site_config(port: int, backends: list[int], name: str = "nginx.conf") -> str:
    """``deploy/<name>`` with this test's ports: only its addresses change."""
    text = (REPO / "deploy" / name).read_text()
    text, listens = re.subn(r"listen 80;", f"listen 127.0.0.1:{port};", text)
    servers = "".join(f"    server 127.0.0.1:{b} max_fails=1 fail_timeout=5s;\n"
                      for b in backends)
    text, upstreams = re.subn(r"(    server [\w.]+:5006[^\n]*\n)+", servers, text)
    assert listens == 1 and upstreams == 1, "deploy/nginx.conf changed shape"
    return text


@pytest.fixture
def nginx(tmp_path):
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists()
                                       else None)
    if binary is None:
        pytest.fail("nginx is not installed (apt-get install nginx-light)")
    started = []

    def start(port: int, backends: list[int], name: str = "nginx.conf") -> subprocess.Popen:
        folder = tmp_path / "nginx"
        folder.mkdir()
        (folder / "docsync.conf").write_text(site_config(port, backends, name))
        (folder / "main.conf").write_text(MAIN.format(tmp=folder))
        proc = subprocess.Popen([binary, "-p", str(folder), "-c", str(folder / "main.conf")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append(proc)
        return proc

    yield start
    for proc in started:
        proc.send_signal(signal.SIGQUIT)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


async def wait_proxied(url: str, proxy: subprocess.Popen) -> None:
    """Wait (at most 100 tries, 50 ms apart) until nginx answers ``url`` with 200."""
    for _ in range(100):
        try:
            if (await fetch(url))[0] == 200:
                return
        except OSError:
            pass
        assert proxy.poll() is None, "nginx did not start"
        await asyncio.sleep(0.05)
    raise AssertionError(f"{url} did not answer 200 through nginx")


def pid_of(client: NetworkClient) -> int:
    return int(client.client.prop(client.client.find("Str"), "text"))


async def test_sessions_keep_to_their_server_and_move_when_it_dies(
        nginx, docsync_serve, redis_url, free_port):
    servers = [docsync_serve(APP, "--port", "0", "--redis", redis_url, "--metrics", env=ENV)
               for _ in range(2)]
    ports = [int((await s.wait_serving())["where"].rsplit(":", 1)[1].split("/")[0])
             for s in servers]
    proxy = nginx(free_port, ports)
    url = f"http://127.0.0.1:{free_port}/where"
    await wait_proxied(url, proxy)
    clients = [await NetworkClient(url).open() for _ in range(SESSIONS)]
    held = {id(c): pid_of(c) for c in clients}
    assert set(held.values()) == {s.proc.pid for s in servers}  # spread over both
    # Each server's metrics are read directly (deploy/prometheus.yml), not through nginx.
    assert (await fetch(f"http://127.0.0.1:{free_port}/metrics"))[0] == 404
    for port in ports:
        assert (await fetch(f"http://127.0.0.1:{port}/metrics"))[0] == 200

    for client in clients:  # dropped and resumed through nginx: the same server replays
        await client.set(client.client.find("IntSlider"), "value", pid_of(client) % 1000)
        await client.wait_for(lambda c: not c.outbox)
        for _ in range(2):
            await client.drop()
            await client.open()
            assert client.client.welcomes[-1]["resumed"] is True
        assert client.client.snapshots == 1 and pid_of(client) == held[id(client)]

    dead, alive = servers
    os.kill(dead.proc.pid, signal.SIGKILL)
    dead.proc.wait(5)
    for client in clients:
        home = held[id(client)]
        if home == dead.proc.pid:
            await wait_until(lambda c=client: c.close_code is not None, timeout=5)
            await client.open()  # nginx sends it to the other server, which rebuilds it
            await client.wait_for(lambda c: c.snapshots == 2)
            assert client.client.welcomes[-1]["resumed"] is True
            assert pid_of(client) == alive.proc.pid
            home = alive.proc.pid
        slider = client.client.find("IntSlider")
        value = held[id(client)] % 1000
        assert client.client.prop(slider, "value") == value
        await client.set(slider, "value", value + 1)  # and it goes on, on its server
        await client.wait_for(lambda c, t=f"{value + 1} from {home}": t in texts(c))


async def test_the_prefix_example_serves_apps_under_a_path(nginx, docsync_serve, free_port):
    server = docsync_serve(APP, "--port", "0", "--prefix", "/dash", "--use-xheaders",
                           "--metrics", env=ENV)
    port = int((await server.wait_serving())["where"].rsplit(":", 1)[1].split("/")[0])
    proxy = nginx(free_port, [port], "nginx-prefix.conf")
    url = f"http://localhost:{free_port}/dash/where"
    await wait_proxied(url, proxy)
    # A browser on localhost:PORT: its Origin matches the forwarded host, not nginx's Host.
    client = NetworkClient(url, origin=f"http://localhost:{free_port}")
    await client.open()
    assert client.ws_url.startswith(f"ws://localhost:{free_port}/dash/where/ws?session=")
    assert pid_of(client) == server.proc.pid
    await client.drop()
    await client.open()
    assert client.client.welcomes[-1]["resumed"] is True
    assert (await fetch(f"http://localhost:{free_port}/dash/_docsync/static/docsync.js"))[0] \
        == 200
    # Prometheus reads the server's metrics directly; the proxy does not publish them.
    assert (await fetch(f"http://127.0.0.1:{port}/dash/metrics"))[0] == 200
    assert (await fetch(f"http://localhost:{free_port}/dash/metrics"))[0] == 404
    await client.close()
