"""Drop and resume over a real socket (PROTOCOL.md §6): replay both ways, or a snapshot."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

import docsync as ds
from docsync.core.session import LogLimits, SessionState
from tests.conftest import TRANSPORTS
from tests.server.support import in_server_loop, only_session, wait_until


@pytest.fixture(params=TRANSPORTS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Every test here runs over the websockets server and the ASGI app alike."""
    return str(request.param)


def recording_app(history: list[Any]):
    """A function app: every applied client edit or click is recorded, in order."""

    def app():
        edited = ds.widgets.TextInput(name="edited")  # the client writes it
        pushed = ds.widgets.TextInput(name="pushed")  # the server writes it
        button = ds.widgets.Button(name="button")
        clicks = ds.pane.Markdown("clicks: 0")

        # Every set counts, even of the same value: a repeat applied twice would show.
        edited.param.watch(lambda e: history.append(e.new), "value", onlychanged=False)

        def clicked(event):
            history.append(f"click {event.new}")
            clicks.object = f"clicks: {event.new}"

        button.on_click(clicked)
        return ds.Column(edited, pushed, button, clicks)

    return app


def seqs(client) -> list[int]:
    return [m["seq"] for m in client.received if m["type"] != "welcome"]


def pushed_values(client, model_id: str) -> list[Any]:
    """The values of ``model_id.value`` that server patches carried, in arrival order."""
    path = f"/models/{model_id}/props/value"
    return [op["value"] for m in client.received if m["type"] == "patch"
            for op in m["ops"] if op["path"] == path]


async def server_push(handle, session, model_id: str, values: list[str], *,
                      via: str = "loop") -> None:
    """Set ``values`` one by one, each flushed as its own message: from the server loop
    (as a callback would) or from another thread (here, the test's own)."""
    model = session.document.get_model(model_id)
    for value in values:
        before = session.seq
        if via == "loop":
            in_server_loop(handle, lambda v=value: setattr(model, "value", v))
        else:
            model.value = value  # the flush is scheduled with call_soon_threadsafe
        await wait_until(lambda b=before: session.seq > b, what="a server patch")


@pytest.mark.parametrize("via", ["loop", "thread"])
async def test_resume_replays_both_directions_without_loss_or_duplication(via, serve_app,
                                                                           clients):
    history: list[Any] = []
    handle = serve_app(recording_app(history))
    client = await clients(handle.url + "app").open()
    doc = client.client
    edited = doc.find("TextInput", name="edited")
    pushed = doc.find("TextInput", name="pushed")
    button = doc.find("Button", name="button")
    session = only_session(handle)
    expected: list[Any] = []
    clicks = 0

    for rnd in range(3):
        # Connected: edits go through; in the last round the drop cuts some in flight.
        for i in range(3):
            await client.set(edited, "value", f"r{rnd} live {i}")
            expected.append(f"r{rnd} live {i}")
        if rnd < 2:
            await client.wait_for(lambda c: not c.outbox)
        await client.drop()
        await wait_until(lambda: session.state is SessionState.DETACHED, what="detached")

        # Dropped: client edits and clicks wait in the outbox; the server keeps changing.
        for i in range(4):
            await client.set(edited, "value", f"r{rnd} offline {i}")
            expected.append(f"r{rnd} offline {i}")
            await client.click(button)
            clicks += 1
            expected.append(f"click {clicks}")
        assert len(doc.outbox) >= 8
        await server_push(handle, session, pushed, [f"r{rnd} server {i}" for i in range(5)],
                          via=via)

        await client.open()
        assert doc.welcomes[-1]["resumed"] is True
        await client.wait_for(lambda c: not c.outbox and c.prop(pushed, "value").endswith("4"))
        await client.wait_for(lambda c, n=clicks: f"clicks: {n}" in str(c.doc))
        assert session.state is SessionState.LIVE

    assert history == expected  # every client edit applied exactly once, in order
    assert session.applied_cseq == doc.cseq
    received = seqs(doc)
    assert received == list(range(1, len(received) + 1))  # contiguous: none lost or repeated
    assert doc.snapshots == 1  # only the first one: every resume was a replay
    assert pushed_values(doc, pushed) == [f"r{r} server {i}" for r in range(3) for i in range(5)]
    assert doc.prop(edited, "value") == session.document.get_model(edited).value == "r2 offline 3"


async def test_takeover_resume_and_repeated_messages_are_applied_once(serve_app, clients):
    history: list[Any] = []
    handle = serve_app(recording_app(history))
    client = await clients(handle.url + "app").open()
    doc = client.client
    edited = doc.find("TextInput", name="edited")
    button = doc.find("Button", name="button")
    sent: list[str] = []
    for i in range(5):
        sent.append(doc.set(edited, "value", f"v{i}"))
        sent.append(doc.event(button, "click"))
    for frame in sent:
        await client.send(frame)
    # Resume over a new socket while the old one may still be open: a takeover (§6).
    old = client.ws
    await client.open()
    await client.wait_for(lambda c: not c.outbox)
    await asyncio.wait_for(old.wait_closed(), 5)
    assert old.close_code == 4409  # taken over by the resume
    # Every message again, as a client that lost the acks would resend: all ignored.
    for frame in sent:
        await client.send(frame)
    await client.set(edited, "value", "last")
    await client.wait_for(lambda c: not c.outbox)
    assert history == [x for i in range(5) for x in (f"v{i}", f"click {i + 1}")] + ["last"]
    assert only_session(handle).applied_cseq == doc.cseq == 11


async def test_snapshot_when_the_replay_log_no_longer_reaches_back(serve_app, clients):
    history: list[Any] = []
    handle = serve_app(recording_app(history), log_limits=LogLimits(max_messages=5))
    client = await clients(handle.url + "app").open()
    doc = client.client
    edited = doc.find("TextInput", name="edited")
    pushed = doc.find("TextInput", name="pushed")
    session = only_session(handle)
    await client.set(edited, "value", "before")
    await client.wait_for(lambda c: not c.outbox)

    await client.drop()
    await wait_until(lambda: session.state is SessionState.DETACHED, what="detached")
    await client.set(edited, "value", "while dropped")
    await server_push(handle, session, pushed, [f"server {i}" for i in range(8)])
    assert session.log_range is not None and session.log_range[0] > (doc.last_seq or 0) + 1

    await client.open()
    await client.wait_for(lambda c: c.snapshots == 2)
    after_welcome = doc.received[doc.received.index(doc.welcomes[-1]) + 1]
    assert after_welcome["type"] == "snapshot"
    await client.wait_for(lambda c: not c.outbox)
    assert history == ["before", "while dropped"]
    await client.wait_for(lambda c: c.last_seq == session.seq)
    assert doc.prop(pushed, "value") == "server 7"
    assert doc.prop(edited, "value") == "while dropped"
    # Converged: the client shows what the server holds, model by model.
    for model_id, model in doc.doc["models"].items():
        if model["type"] == "TextInput":
            assert model["props"]["value"] == session.document.get_model(model_id).value
