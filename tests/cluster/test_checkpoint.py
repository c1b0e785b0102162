"""``Checkpoints`` on real sessions and the SQLite store: acknowledgements wait for saves,
records follow their sessions' ends, and a session claimed elsewhere lets its copy go."""

from __future__ import annotations

import asyncio
import json

import pytest

import docsync as ds
from docsync.apps import FunctionApp
from docsync.cluster.checkpoint import Checkpoints
from docsync.cluster.store_sqlite import SQLiteCheckpointStore
from docsync.core.messages import ClientPatch, Hello
from docsync.core.session import LogLimits
from docsync.runtime.context import Runtime, RuntimeConfig
from docsync.runtime.open import open_session
from tests.cluster.support import wait_until_async
from tests.server.support import wait_until

SECRET = b"s" * 32


@pytest.fixture
async def runtime():
    made = Runtime(RuntimeConfig(num_threads=2, require_picklable=True))
    yield made
    made.close()


@pytest.fixture
async def store(tmp_path):
    made = SQLiteCheckpointStore(tmp_path / "sessions.sqlite")
    await made.open()
    yield made
    await made.close()


def app():
    return ds.Column(ds.widgets.IntSlider(name="x", start=0, end=100, value=1))


def open_one(runtime, session_id="a" * 22):
    session = open_session(runtime, FunctionApp(app), session_id,
                           Hello(1, "token", None, {}, {}), headers={}, limits=LogLimits())
    session.sync(None)
    return session, runtime.context_of(session)


def edit(cseq, value):
    return ClientPatch(cseq, 1, [{"op": "replace", "path": "/models/m2/props/value",
                                  "value": value}])


async def in_queue(context, fn):
    """``fn()`` in the session's own queue, as the transport runs a client message."""
    return await asyncio.wrap_future(context.executor.submit(fn))


def acks(frames):
    return [m["cseq"] for m in map(json.loads, frames) if "cseq" in m]


async def test_a_client_edit_is_acknowledged_only_once_saved(runtime, store):
    moved = []
    checkpoints = Checkpoints(store, secret=SECRET, owner="me", ttl=60, on_moved=moved.append)
    session, context = open_one(runtime)
    checkpoints.track("app:a", session, context)
    await wait_until(lambda: not checkpoints.sessions()[0].busy)
    frames = await in_queue(context, lambda: session.receive(edit(1, 42)))
    assert acks(frames) == []  # applied, not yet saved: not acknowledged
    await wait_until(lambda: acks(session.frames_after(session.seq - 1) or []) == [1])
    record = await Checkpoints(store, secret=SECRET, owner="other", ttl=60,
                               on_moved=moved.append).load("app:a")
    assert record is not None and record.cseq == 1
    assert ("m2", "IntSlider", "value", 42) in record.values


async def test_records_follow_their_sessions_ends(runtime, store):
    checkpoints = Checkpoints(store, secret=SECRET, owner="me", ttl=60, on_moved=print)
    first, first_context = open_one(runtime)
    second, second_context = open_one(runtime)  # two copies of one session (a raced resume)
    for session, context in ((first, first_context), (second, second_context)):
        checkpoints.track("app:a", session, context)
    await wait_until(lambda: not any(c.busy for c in checkpoints.sessions()))

    async def saved() -> bool:
        return await store.claim("app:a", "me", 60) is not None

    second.destroy()  # the copy that lost: the other one's record stays
    await wait_until(lambda: len(checkpoints.sessions()) == 1)
    await wait_until_async(saved)
    checkpoints.keep = True  # a stopping server keeps records for the next one
    first.destroy()
    await wait_until(lambda: not checkpoints.sessions())
    assert await saved()

    checkpoints.keep = False
    third, third_context = open_one(runtime, "b" * 22)
    checkpoints.track("app:b", third, third_context)
    await wait_until(lambda: not checkpoints.sessions()[0].busy)
    third.destroy()  # it ended: its record goes

    async def gone() -> bool:
        return await store.claim("app:b", "me", 60) is None

    await wait_until_async(gone)


async def test_a_session_claimed_by_another_worker_lets_its_copy_go(runtime, store):
    moved = []
    checkpoints = Checkpoints(store, secret=SECRET, owner="me", ttl=60, on_moved=moved.append)
    session, context = open_one(runtime)
    checkpoints.track("app:a", session, context)
    await wait_until(lambda: not checkpoints.sessions()[0].busy)
    other = Checkpoints(store, secret=SECRET, owner="other", ttl=60, on_moved=moved.append)
    assert await other.load("app:a") is not None  # another worker rebuilt it
    await in_queue(context, lambda: session.receive(edit(1, 7)))
    await wait_until(lambda: moved == [session])
    assert checkpoints.sessions() == []
