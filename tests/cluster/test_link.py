"""Starting with Redis: a clear error when it does not answer; the URL's password hidden."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

import docsync as ds
from docsync.cli import main
from docsync.cluster.link import display_url
from docsync.exceptions import RedisUnavailable
from tests.server.support import texts

APP = Path(__file__).parent / "apps" / "edits.py"
NOWHERE = "redis://:hunter2@127.0.0.1:1/0"  # port 1: nothing listens there


def test_display_url_hides_the_password():
    assert display_url(NOWHERE) == "redis://:***@127.0.0.1:1/0"
    assert display_url("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/0"


def test_the_cli_exits_naming_the_url_when_redis_does_not_answer(capsys):
    assert main(["serve", str(APP), "--port", "0", "--redis", NOWHERE]) == 1
    err = capsys.readouterr().err
    assert "cannot reach Redis at redis://:***@127.0.0.1:1/0" in err
    assert "hunter2" not in err and "Traceback" not in err


async def test_with_workers_and_the_url_from_the_environment_too(docsync_serve):
    server = docsync_serve(APP, "--port", "0", "--num-procs", "2",
                           env={"DOCSYNC_REDIS_URL": NOWHERE})
    assert await asyncio.to_thread(server.proc.wait, 15) == 1
    err = server.stderr()
    assert "cannot reach Redis at redis://:***@127.0.0.1:1/0" in err
    assert "Traceback" not in err and "worker" not in err  # before any worker started


def test_serve_raises_naming_the_url():
    with pytest.raises(RedisUnavailable, match=r"cannot reach Redis at redis://:\*\*\*@"):
        ds.serve(lambda: ds.pane.Str("x"), threaded=True, redis=NOWHERE)


async def test_persistence_refuses_unsaveable_session_values_at_assignment(
        serve_app, clients, tmp_path):
    def app():
        try:
            ds.state.session.lock = threading.Lock()
            return ds.pane.Str("stored")
        except TypeError as exc:
            return ds.pane.Str(str(exc))

    handle = serve_app(app, persist=True, persist_path=str(tmp_path / "s.sqlite"))
    client = await clients(handle.url + "app").open()
    assert "state.session['lock'] must be picklable" in texts(client.client, "Str", "text")[0]
