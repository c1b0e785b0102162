"""``docsync serve --num-procs N`` as a real process tree, driven by real WebSocket clients:
sessions spread over the workers, every connection of a session reaches its own worker,
a dead worker is replaced, and a stop reaches every worker."""

from __future__ import annotations

import asyncio
import os
import signal
from collections import Counter

import pytest

import docsync as ds
from docsync.cli import main
from docsync.exceptions import UsageError
from docsync.server.acceptor import worker_index
from docsync.server.http import STATIC_DIR
from docsync.testing import NetworkClient, fetch
from tests.cluster.workers_support import (
    APP,
    bounded,
    close_all,
    open_sessions,
    parent_of,
    pid_of,
    resume,
    round_trip,
    running,
    session_of,
    start,
    workers,
)
from tests.server.support import expect_close, texts, wait_until


def test_bad_num_procs_values_are_refused(capsys):
    assert main(["serve", str(APP), "--num-procs", "0"]) == 2
    err = capsys.readouterr().err
    assert "--num-procs 0" in err and "at least 1" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as info:
        main(["serve", str(APP), "--num-procs", "-2"])
    assert info.value.code == 2
    assert "must not be negative" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["serve", str(APP), "--num-procs", "two"])
    assert "is not a number" in capsys.readouterr().err
    with pytest.raises(UsageError, match="--num-procs N"):
        ds.serve(str(APP), num_procs=2)


async def test_a_worker_that_cannot_start_stops_the_whole(docsync_serve, tmp_path):
    setup = tmp_path / "setup.py"
    setup.write_text('raise RuntimeError("the setup script is broken")\n')
    server = docsync_serve(APP, "--port", "0", "--num-procs", "2", "--setup", setup)
    code = await asyncio.wait_for(asyncio.to_thread(server.proc.wait), timeout=30)
    assert code == 1 and not server.served()
    err = server.stderr()
    assert "the setup script is broken" in err and "before serving: stopping" in err
    assert "starting it again" not in err


async def test_sessions_spread_and_every_connection_reaches_its_worker(docsync_serve):
    server, url = await start(docsync_serve, 2)
    pids = workers(server)
    assert sorted(pids) == [0, 1]
    assert all(parent_of(pid) == server.proc.pid for pid in pids.values())

    # Pages and static files come from any worker, each page with a fresh session.
    boots = []
    for _ in range(4):
        client = NetworkClient(url)
        boots.append(await client.load_page())
    assert len({b["token"] for b in boots}) == 4
    status, _, body = await fetch(url.rsplit("/", 1)[0] + "/_docsync/static/docsync.js")
    assert status == 200 and body == (STATIC_DIR / "docsync.js").read_bytes()

    clients = await open_sessions(url, 24)
    try:
        for client in clients:
            assert pid_of(client) == pids[worker_index(session_of(client), 2)]
        spread = Counter(pid_of(c) for c in clients)
        assert set(spread) == set(pids.values()) and min(spread.values()) >= 2, spread

        async def reconnect_and_edit(item: tuple[int, NetworkClient]) -> None:
            i, client = item
            for attempt in range(3):
                await resume(client)
                value = 100 * attempt + i
                assert await round_trip(client, value) == f"{value} from {pid_of(client)}"

        await bounded(enumerate(clients), reconnect_and_edit)
    finally:
        await close_all(clients)

    # A session is created only from a URL that names it (the token's session id).
    stray = NetworkClient(url)
    await stray.load_page()
    other = (await NetworkClient(url).load_page())["token"].split(".")[0]
    stray.ws_url = stray.ws_url.split("?")[0] + f"?session={other}"
    await expect_close(stray, 4401)


async def raw_request(url: str, *pieces: bytes, pause: float = 0.0, eof: bool = False
                      ) -> bytes:
    """Send ``pieces`` over one TCP connection, ``pause`` seconds apart (then end the
    sending side, with ``eof``); the whole answer."""
    host, port = url.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)
    reader, writer = await asyncio.open_connection(host, int(port))
    try:
        for i, piece in enumerate(pieces):
            if i:
                await asyncio.sleep(pause)
            writer.write(piece)
            await writer.drain()
        if eof:
            writer.write_eof()
        return await asyncio.wait_for(reader.read(), timeout=10)
    finally:
        writer.close()


async def test_the_acceptor_waits_for_slow_request_lines_and_survives_bad_clients(
        docsync_serve):
    server, url = await start(docsync_serve, 2)
    path = "/" + url.rsplit("/", 1)[1]
    tail = b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    # A request line that arrives in pieces is peeked at until it is whole.
    answer = await raw_request(url, b"GET " + path[:4].encode(), path[4:].encode() + tail,
                               pause=0.2)
    assert answer.startswith(b"HTTP/1.1 200") and b"docsync-bootstrap" in answer
    # Clients that send nothing, or a line too long to route, or garbage, get nowhere
    # and harm nothing.
    assert await raw_request(url, eof=True) == b""
    answer = await raw_request(url, b"GET /" + b"x" * 20_000 + tail)
    assert answer == b"" or answer.startswith(b"HTTP/1.1 4")
    await raw_request(url, b"\x16\x03\x01 not http\r\n\r\n")
    client = await NetworkClient(url).open()
    assert await round_trip(client, 3) == f"3 from {pid_of(client)}"
    await client.close()
    assert server.proc.poll() is None and sorted(workers(server)) == [0, 1]
    assert "exited" not in server.stderr()


async def test_a_thousand_sessions_resume_by_replay_on_their_own_workers(docsync_serve):
    server, url = await start(docsync_serve, 4, "--log-level", "warning")
    pids = workers(server)
    assert len(pids) == 4

    async def scenario() -> list[NetworkClient]:
        clients = await open_sessions(url, 1000, concurrency=20)
        await bounded(clients, resume, concurrency=20)
        return clients

    clients = await asyncio.wait_for(scenario(), timeout=240)
    try:
        assert len(clients) == 1000
        for client in clients:
            assert pid_of(client) == pids[worker_index(session_of(client), 4)]
            assert [w["resumed"] for w in client.client.welcomes] == [False, True]
        spread = Counter(pid_of(c) for c in clients)
        # Expected 250 each (a standard deviation of about 14).
        assert set(spread) == set(pids.values()) and min(spread.values()) >= 150, spread
    finally:
        await asyncio.wait_for(close_all(clients), timeout=60)


async def test_a_killed_worker_is_restarted_and_its_sessions_expire(docsync_serve):
    server, url = await start(docsync_serve, 2)
    pids = workers(server)
    clients = await open_sessions(url, 12)
    try:
        # Every session of a worker that died is gone; the others go on.
        by_worker = {i: [c for c in clients if worker_index(session_of(c), 2) == i]
                     for i in (0, 1)}
        killed = 0 if by_worker[0] else 1
        os.kill(pids[killed], signal.SIGKILL)
        new_pid = await wait_until(
            lambda: (p := workers(server).get(killed)) != pids[killed] and p,
            timeout=20, what="the worker's restart")
        assert new_pid != pids[killed] and parent_of(new_pid) == server.proc.pid
        assert f"worker {killed} (pid {pids[killed]}) exited" in server.stderr()
        for client in by_worker[killed]:
            await expect_close(client, 4404)
        for client in by_worker[1 - killed]:
            await resume(client)
            assert (await round_trip(client, 7)) == f"7 from {pids[1 - killed]}"

        # New sessions reach the new worker, and the untouched one, as before.
        fresh = await open_sessions(url, 16)
        clients += fresh
        assert {pid_of(c) for c in fresh} <= {new_pid, pids[1 - killed]}
        for client in fresh:
            expected = new_pid if worker_index(session_of(client), 2) == killed else \
                pids[1 - killed]
            assert (await round_trip(client, 9)) == f"9 from {expected}"
    finally:
        await close_all([c for c in clients if c.close_code is None])


@pytest.mark.parametrize("stop", ["sigterm-to-acceptor", "ctrl-c-to-group"])
async def test_a_stop_reaches_every_worker_and_destroys_each_session_once(docsync_serve,
                                                                          tmp_path, stop):
    destroyed = tmp_path / "destroyed.txt"
    server, url = await start(docsync_serve, 2, env={"DOCSYNC_TEST_DESTROYED": str(destroyed)})
    pids = workers(server)
    clients = await open_sessions(url, 8)
    sessions = {(pid_of(c), session_of(c)) for c in clients}
    try:
        if stop == "sigterm-to-acceptor":
            server.proc.send_signal(signal.SIGTERM)
        else:  # what a terminal does: SIGINT to every process of the group
            os.killpg(server.proc.pid, signal.SIGINT)
        code = await asyncio.wait_for(asyncio.to_thread(server.proc.wait), timeout=20)
        assert code == 0
    finally:
        await close_all([c for c in clients if c.close_code is None])
    lines = destroyed.read_text().splitlines()
    assert sorted(lines) == sorted(f"{pid} {sid}" for pid, sid in sessions)
    for pid in pids.values():
        await wait_until(lambda p=pid: not running(p), what=f"worker {pid} to exit")
    assert "Traceback" not in server.stderr() and "exited" not in server.stderr()


async def test_workers_stop_when_the_acceptor_is_killed(docsync_serve, tmp_path):
    destroyed = tmp_path / "destroyed.txt"
    server, url = await start(docsync_serve, 2, env={"DOCSYNC_TEST_DESTROYED": str(destroyed)})
    pids = workers(server)
    clients = await open_sessions(url, 4)
    try:
        os.kill(server.proc.pid, signal.SIGKILL)
        for pid in pids.values():
            await wait_until(lambda p=pid: not running(p), timeout=15,
                             what=f"worker {pid} to exit")
    finally:
        await close_all([c for c in clients if c.close_code is None])
    # They stopped gracefully: every session's hooks ran.
    assert len(destroyed.read_text().splitlines()) == 4


async def test_num_procs_with_autoreload(docsync_serve, tmp_path):
    app = tmp_path / "app.py"
    app.write_text('import docsync as ds\nds.pane.Markdown("Version one").servable()\n')
    server = docsync_serve(app, "--port", "0", "--num-procs", "2", "--autoreload")
    url = (await server.wait_serving(timeout=30))["app"]
    first = await open_sessions(url, 4)
    assert all("Version one" in texts(c.client) for c in first)
    app.write_text('import docsync as ds\nds.pane.Markdown("Version two").servable()\n')
    await server.wait_serving(count=2, timeout=30)
    try:
        # Open pages are told to reload (they load a fresh page, so a new session).
        for client in first:
            await client.wait_for(lambda c: any(m["name"] == "reload" for m in c.commands),
                                  timeout=10)
        second = await open_sessions(url, 6)
        assert all("Version two" in texts(c.client) for c in second)
        await close_all(second)
    finally:
        await close_all([c for c in first if c.close_code is None])
