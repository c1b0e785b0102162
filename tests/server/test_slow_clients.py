"""Slow readers and large messages (issue 12): what a connection is behind by is bounded in
bytes (4429 past it), frames not yet sent are never dropped, and nothing is lost."""

from __future__ import annotations

import itertools

import pytest

import docsync as ds
from docsync.core.session import SessionState
from docsync.runtime.pump import MAX_UNSENT_BYTES
from tests.conftest import TRANSPORTS
from tests.server.support import only_session, texts, wait_until


@pytest.fixture(params=TRANSPORTS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Every test here runs over the websockets server and the ASGI app alike."""
    return str(request.param)

UPDATE = 50_000  # characters per update of the busy app


def busy_app():
    """A text input, and a 50 kB text that changes every 20 ms for as long as it runs."""
    shown = ds.pane.Str("start")
    count = itertools.count()

    def tick() -> None:
        shown.object = f"{next(count)} " + "x" * UPDATE

    ds.state.add_periodic_callback(tick, period=20)
    return ds.Column(ds.widgets.TextInput(name="t"), shown)


async def test_a_reader_that_stops_reading_is_dropped_at_the_byte_budget(serve_app, clients):
    handle = serve_app({"busy": busy_app, "calm": lambda: ds.widgets.TextInput(name="t")})
    slow = await clients(handle.url + "busy").open()
    calm = await clients(handle.url + "calm").open()
    session = only_session(handle, "busy")
    text = slow.client.find("TextInput")
    await slow.set(text, "value", "sent before it stopped reading")
    await slow.wait_for(lambda c: not c.outbox)
    slow.ws.transport.pause_reading()  # the page stops reading; the socket buffers fill

    peak = 0

    def dropped() -> bool:
        nonlocal peak
        peak = max(peak, session.unsent_bytes)
        return session.state is SessionState.DETACHED

    await wait_until(dropped, timeout=60, what="the slow reader dropped")
    # Behind by at most the budget, plus the frame in flight and the one that crossed it.
    assert peak <= MAX_UNSENT_BYTES + 3 * (UPDATE + 1000)
    # Meanwhile another session's round trips went on.
    calm_input = calm.client.find("TextInput")
    for value in ("one", "two"):
        await calm.set(calm_input, "value", value)
        await calm.wait_for(lambda c: not c.outbox)
    assert calm.close_code is None

    # The page reads again, sees the connection closed, resumes and catches up.
    slow.ws.transport.resume_reading()
    await slow.wait_for(lambda c: slow.close_code is not None, timeout=30)
    await slow.open()
    assert session.state is SessionState.LIVE
    await slow.set(text, "value", "after the resume")
    await slow.wait_for(lambda c: not c.outbox)
    assert session.document.get_model(text).value == "after the resume"
    assert slow.client.prop(text, "value") == "after the resume"


def big_then_told():
    big = ds.pane.Str("small")
    button = ds.widgets.Button(name="go")

    def go(_event) -> None:
        ds.state.notifications.info("before the big one")
        big.object = "y" * 3_000_000  # one patch of 3 MB, over the replay log's byte bound
        ds.state.notifications.info("after the big one")

    button.on_click(go)
    return ds.Column(button, big)


async def test_a_message_over_the_log_bound_and_those_around_it_all_arrive(serve_app,
                                                                          clients):
    """issue 12: the 3 MB patch pushed the unsent ``notify`` before it out of the replay
    log; the page was closed with 4429 and resumed by snapshot, without the toast."""
    handle = serve_app(big_then_told)
    client = await clients(handle.url + "app").open()
    await client.click(client.client.find("Button"))
    # The callback's changes go out as one patch when it ends, after its commands.
    await client.wait_for(lambda c: "y" * 3_000_000 in texts(c, "Str", "text"), timeout=30)
    # (Only the toasts: a loaded machine may also see the busy indicator's commands.)
    assert [c["data"]["message"] for c in client.client.commands if c["name"] == "notify"
            ] == ["before the big one", "after the big one"]
    assert client.client.snapshots == 1 and client.close_code is None


async def test_a_document_larger_than_the_budget_opens_and_resumes(serve_app, clients):
    """issue 12: the snapshot of a 6 MB document counted as "behind" by itself, so such a
    page was closed with 4429 at every open and resume: one frame is never behind."""
    big = "y" * (MAX_UNSENT_BYTES + 2_000_000)
    handle = serve_app(lambda: ds.Column(ds.widgets.TextInput(name="t"), ds.pane.Str(big)))
    client = await clients(handle.url + "app").open()
    assert big in texts(client.client, "Str", "text") and client.close_code is None
    text = client.client.find("TextInput")
    await client.drop()
    await client.set(text, "value", "after the drop")
    await client.open()  # resumes by replay
    await client.wait_for(lambda c: not c.outbox)
    assert only_session(handle).document.get_model(text).value == "after the drop"
    await client.drop()
    client.client.last_seq = None  # a page that lost everything: resumes by snapshot
    await client.open()
    await client.wait_for(lambda c: c.snapshots == 2, timeout=30)
    assert big in texts(client.client, "Str", "text") and client.close_code is None
