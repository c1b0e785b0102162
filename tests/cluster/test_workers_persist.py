"""``--num-procs`` with saved sessions (Redis, or one machine's SQLite file): a worker killed
while its sessions are live and editing is replaced, and every one of its sessions is rebuilt
on reconnect (issue 7)."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest

from docsync.server.acceptor import worker_index
from tests.cluster.editing import Editor
from tests.cluster.workers_support import bounded, session_of, workers
from tests.server.support import wait_until

APP = Path(__file__).parent / "apps" / "edits.py"
TABS = 200
PROCS = 2


@pytest.mark.parametrize("store", ["redis", "sqlite"])
async def test_a_killed_worker_s_sessions_are_rebuilt_with_every_acknowledged_edit(
        store, docsync_serve, redis_url, tmp_path):
    saved = (["--redis", redis_url] if store == "redis" else
             ["--persist", "--persist-path", str(tmp_path / "sessions.sqlite")])
    server = docsync_serve(APP, "--port", "0", "--num-procs", str(PROCS), *saved,
                           env={"DOCSYNC_SECRET_KEY": "one secret for every worker"})
    url = (await server.wait_serving(timeout=30))["edits"]
    editors = await bounded(range(TABS), lambda _: Editor.open(url))
    victim = 0
    affected = [e for e in editors if worker_index(session_of(e.client), PROCS) == victim]
    others = [e for e in editors if e not in affected]
    assert affected and others

    stop = asyncio.Event()
    editing = [asyncio.create_task(e.edit_until(stop, pause=0.25)) for e in editors]
    await wait_until(lambda: all(e.acked >= 6 for e in editors), timeout=60,
                     what="edits acknowledged in every tab")
    old_pid = workers(server)[victim]
    os.kill(old_pid, signal.SIGKILL)
    await wait_until(lambda: all(e.client.close_code is not None for e in affected),
                     timeout=10, what="the killed worker's tabs noticed")
    acked_at_kill = {id(e): e.acked for e in affected}
    await wait_until(lambda: workers(server).get(victim, old_pid) != old_pid, timeout=30,
                     what="the worker replaced")
    stop.set()
    await asyncio.gather(*editing)

    async def resume(editor: Editor) -> None:
        await editor.client.open()  # same token and last_seq; the acceptor routes it home
        await editor.client.wait_for(lambda c: c.snapshots == 2 and not c.outbox, timeout=30)
        welcome = editor.client.client.welcomes[-1]
        assert welcome["resumed"] is True
        assert welcome["cseq"] >= acked_at_kill[id(editor)], "an acknowledged edit was lost"
        await editor.client.wait_for(lambda c: editor.shown() == editor.expected(rebuilt=True),
                                     timeout=30)

    await bounded(affected, resume)
    for editor in others:  # never disconnected: every edit applied, nothing rebuilt
        await editor.client.wait_for(
            lambda c, e=editor: not c.outbox and e.shown() == e.expected(rebuilt=False),
            timeout=30)
    assert server.stderr().count("rebuilt from saved state") == len(affected)


async def test_saved_sessions_still_resume_by_replay_on_their_own_worker(docsync_serve,
                                                                          redis_url):
    server = docsync_serve(APP, "--port", "0", "--num-procs", str(PROCS), "--redis", redis_url,
                           env={"DOCSYNC_SECRET_KEY": "one secret for every worker"})
    url = (await server.wait_serving(timeout=30))["edits"]
    editors = await bounded(range(100), lambda _: Editor.open(url))

    async def drop_and_resume(editor: Editor) -> None:
        await editor.edit(1)
        await editor.client.wait_for(lambda c: not c.outbox)
        await editor.client.drop()
        await editor.edit(2)  # while dropped: resent after the resume
        await editor.client.open()
        await editor.client.wait_for(lambda c: not c.outbox and
                                     editor.shown() == editor.expected(rebuilt=False))
        assert editor.client.client.welcomes[-1]["resumed"] is True
        assert editor.client.client.snapshots == 1  # replayed, not a snapshot

    await bounded(editors, drop_and_resume)
    assert "rebuilt from saved state" not in server.stderr()
