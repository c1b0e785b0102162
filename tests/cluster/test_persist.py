"""Sessions that outlive their worker: saved, then rebuilt by a restarted server (issue 7)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed

from docsync.testing import NetworkClient
from tests.cluster.editing import Editor
from tests.cluster.support import wait_until_async
from tests.server.support import wait_until

APPS = Path(__file__).parent / "apps"
SECRET = "one secret for every worker"
TABS = 20


def store_args(kind: str, redis_url: str, tmp_path: Path) -> list[str]:
    if kind == "redis":
        return ["--redis", redis_url]
    return ["--persist", "--persist-path", str(tmp_path / "sessions.sqlite")]


@pytest.mark.parametrize("store", ["redis", "sqlite"])
async def test_sessions_of_a_killed_server_are_rebuilt_with_every_acknowledged_edit(
        store, docsync_serve, redis_url, free_port, tmp_path):
    args = [APPS / "edits.py", "--port", str(free_port), *store_args(store, redis_url, tmp_path)]
    env = {"DOCSYNC_SECRET_KEY": SECRET}
    first = docsync_serve(*args, env=env)
    url = (await first.wait_serving())["edits"]
    editors = [await Editor.open(url) for _ in range(TABS)]
    stop = asyncio.Event()
    editing = [asyncio.create_task(e.edit_until(stop)) for e in editors]
    # Every tab has edits acknowledged (so saved), and more in flight, when the server dies.
    await wait_until(lambda: all(e.acked >= 9 for e in editors), timeout=30,
                     what="edits acknowledged in every tab")
    first.proc.kill()
    first.proc.wait(5)
    await wait_until(lambda: all(e.client.close_code is not None for e in editors),
                     what="every tab noticed")
    acked_at_kill = [e.acked for e in editors]
    await asyncio.sleep(0.1)  # more edits, into dead sockets: they wait in the outboxes
    stop.set()
    await asyncio.gather(*editing)

    second = docsync_serve(*args, env=env)
    await second.wait_serving()
    for editor, acked in zip(editors, acked_at_kill, strict=True):
        await editor.client.open()  # the same token and last_seq: a resume
        await editor.client.wait_for(lambda c: c.snapshots == 2 and not c.outbox, timeout=10)
        welcome = editor.client.client.welcomes[-1]
        assert welcome["resumed"] is True
        assert welcome["cseq"] >= acked, "an acknowledged edit was lost"
        # Saved edits were restored, unsaved ones resent: each applied exactly once.
        await editor.client.wait_for(
            lambda c, e=editor: e.shown() == e.expected(rebuilt=True), timeout=10)
    assert second.stderr().count("rebuilt from saved state") == TABS


async def test_a_graceful_restart_keeps_sessions_and_a_reload_still_starts_afresh(
        docsync_serve, redis_url, free_port):
    args = [APPS / "edits.py", "--port", str(free_port), "--redis", redis_url]
    env = {"DOCSYNC_SECRET_KEY": SECRET}
    first = docsync_serve(*args, env=env)
    url = (await first.wait_serving())["edits"]
    editor = await Editor.open(url)
    for i in range(1, 4):
        await editor.edit(i)
    await editor.client.wait_for(lambda c: not c.outbox)
    # SIGTERM (off the loop, so that the tab answers the closing handshake): the sessions
    # end here, and their records stay for the next server.
    assert await asyncio.to_thread(first.terminate) == 0
    second = docsync_serve(*args, env=env)
    await second.wait_serving()
    await editor.client.open()
    await editor.client.wait_for(lambda c, e=editor: e.shown() == e.expected(rebuilt=True))
    fresh = await Editor.open(url)  # a new page: a new session, nothing restored
    assert fresh.shown() == "x=0 clicks=0 text= rebuilt=False"


async def test_a_resume_with_nothing_saved_is_still_4404(docsync_serve, redis_url, free_port):
    first = docsync_serve(APPS / "edits.py", "--port", str(free_port), "--redis", redis_url,
                          "--no-persist", env={"DOCSYNC_SECRET_KEY": SECRET})
    url = (await first.wait_serving())["edits"]
    client = await NetworkClient(url).open()
    first.proc.kill()
    first.proc.wait(5)
    second = docsync_serve(APPS / "edits.py", "--port", str(free_port), "--redis", redis_url,
                           env={"DOCSYNC_SECRET_KEY": SECRET})
    await second.wait_serving()
    with pytest.raises(ConnectionClosed) as info:
        await client.open()
    assert info.value.rcvd is not None and info.value.rcvd.code == 4404


async def test_an_expired_session_s_record_is_deleted(docsync_serve, redis_url, redis_client,
                                                      free_port):
    args = [APPS / "edits.py", "--port", str(free_port), "--redis", redis_url,
            "--reconnect-timeout", "0.3"]
    env = {"DOCSYNC_SECRET_KEY": SECRET}
    first = docsync_serve(*args, env=env)
    url = (await first.wait_serving())["edits"]
    editor = await Editor.open(url)
    await editor.edit(1)
    await editor.client.wait_for(lambda c: not c.outbox)
    key = f"docsync:session:edits:{editor.client.client.session_id}"
    assert await redis_client.exists(key)
    await editor.client.drop()

    async def gone() -> bool:
        return not await redis_client.exists(key)

    await wait_until_async(gone, what="the expired session's record deleted")
    first.proc.kill()
    first.proc.wait(5)
    second = docsync_serve(*args, env=env)  # a new server cannot rebuild it either
    await second.wait_serving()
    with pytest.raises(ConnectionClosed) as info:
        await editor.client.open()
    assert info.value.rcvd is not None and info.value.rcvd.code == 4404
