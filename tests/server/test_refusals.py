"""Refused client messages over a real socket (PROTOCOL.md §5): an ``error``, a corrective
patch, and the session goes on; other sessions never notice."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

import docsync as ds
from docsync.exceptions import MAX_REFUSAL_CHARS
from docsync.testing import ClientProtocol
from tests.conftest import TRANSPORTS
from tests.server.support import texts


@pytest.fixture(params=TRANSPORTS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Every test here runs over the websockets server and the ASGI app alike."""
    return str(request.param)


def app():
    x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
    text = ds.widgets.TextInput(name="t")
    button = ds.widgets.Button(name="b")
    return ds.Column(x, text, button, ds.bind(lambda v: f"x is {v}", x))


def ids(doc: ClientProtocol) -> dict[str, str]:
    return {"x": doc.find("IntSlider"), "t": doc.find("TextInput"), "b": doc.find("Button")}


def next_cseq(doc: ClientProtocol) -> int:
    """Number a hand-made frame like the client would (it keeps the count in step)."""
    doc.cseq += 1
    return doc.cseq


def raw(doc: ClientProtocol, message: dict[str, Any]) -> str:
    return json.dumps({"cseq": next_cseq(doc), "base": doc.last_seq or 0, **message})


def local(doc: ClientProtocol, model_id: str, prop: str, value: Any) -> None:
    """Show a value locally (optimistically), as a browser does before sending it."""
    doc.props(model_id)[prop] = value


@dataclass(frozen=True)
class Case:
    code: str
    #: Sends the bad message; returns its frame.
    frame: Callable[[ClientProtocol, dict[str, str]], str]
    #: (model key, prop, server value) that the corrective patch must restore, if any.
    restores: tuple[tuple[str, str, Any], ...] = ()
    has_cseq: bool = True


def _add_op(doc: ClientProtocol, m: dict[str, str]) -> str:
    local(doc, m["x"], "value", 4)
    return doc.patch([{"op": "add", "path": f"/models/{m['x']}/props/value", "value": 4}])


def _half_valid(doc: ClientProtocol, m: dict[str, str]) -> str:
    local(doc, m["x"], "value", 5)
    local(doc, m["t"], "value", 42)
    return doc.patch([
        {"op": "replace", "path": f"/models/{m['x']}/props/value", "value": 5},
        {"op": "replace", "path": f"/models/{m['t']}/props/value", "value": 42}])


CASES = {
    # forbidden (§5)
    "non-writable prop": Case("forbidden", lambda d, m: d.set(m["x"], "start", 5),
                              restores=(("x", "start", 0),)),
    "unknown model": Case("forbidden", lambda d, m: d.set("m999", "value", 1)),
    "op other than replace": Case("forbidden", _add_op, restores=(("x", "value", 3),)),
    "remove op": Case("forbidden", lambda d, m: d.patch(
        [{"op": "remove", "path": f"/models/{m['x']}/props/value"}])),
    "path outside props": Case("forbidden", lambda d, m: d.patch(
        [{"op": "replace", "path": "/title", "value": "hacked"}])),
    "undeclared event": Case("forbidden", lambda d, m: d.event(m["x"], "click")),
    "undeclared event name": Case("forbidden", lambda d, m: d.event(m["b"], "hover")),
    "event for unknown model": Case("forbidden", lambda d, m: d.event("m999", "click")),
    # invalid (§5)
    "out-of-range slider value": Case("invalid", lambda d, m: d.set(m["x"], "value", 99),
                                      restores=(("x", "value", 3),)),
    "slider value of wrong type": Case("invalid", lambda d, m: d.set(m["x"], "value", "abc"),
                                       restores=(("x", "value", 3),)),
    "text value of wrong type": Case("invalid", lambda d, m: d.set(m["t"], "value", 5),
                                     restores=(("t", "value", ""),)),
    "all or nothing": Case("invalid", _half_valid,
                           restores=(("x", "value", 3), ("t", "value", ""))),
    # malformed (§5)
    "not JSON": Case("bad-message", lambda d, m: "{nope", has_cseq=False),
    "not an object": Case("bad-message", lambda d, m: "[1, 2]", has_cseq=False),
    "missing ops": Case("bad-message", lambda d, m: raw(d, {"type": "patch"})),
    "event model not a string": Case("bad-message", lambda d, m: raw(
        d, {"type": "event", "model": 5, "name": "click"})),
    "unknown message type": Case("bad-message", lambda d, m: raw(d, {"type": "bogus"})),
    "op not an object": Case("bad-message", lambda d, m: d.patch([5])),
    "replace without value": Case("bad-message", lambda d, m: d.patch(
        [{"op": "replace", "path": f"/models/{m['x']}/props/value"}])),
}


@pytest.mark.parametrize("name", list(CASES))
async def test_refused_message_is_answered_and_the_session_goes_on(name, serve_app, clients):
    case = CASES[name]
    handle = serve_app(app)
    client = await clients(handle.url + "app").open()
    other = await clients(handle.url + "app").open()
    await other.set(ids(other.client)["x"], "value", 8)
    doc = client.client
    m = ids(doc)

    cseq_before = doc.cseq
    await client.send(case.frame(doc, m))
    await client.wait_for(lambda c: c.errors)
    [error] = doc.errors
    assert error["code"] == case.code, error
    assert error["cseq"] == (doc.cseq if case.has_cseq else None)
    assert doc.cseq == cseq_before + (1 if case.has_cseq else 0)
    assert error["message"]

    # The corrective patch restores every value the refused message named, after the error.
    for key, prop, value in case.restores:
        await client.wait_for(lambda c, k=key, p=prop, v=value: c.prop(m[k], p) == v)
        path = f"/models/{m[key]}/props/{prop}"
        later = doc.received[doc.received.index(error) + 1:]
        assert any(op["path"] == path and op["value"] == value
                   for msg in later if msg["type"] == "patch" for op in msg["ops"])
    session = handle.server.registries["app"].sessions[doc.session_id]
    assert session.document.get_model(m["x"]).value == 3
    assert session.document.get_model(m["t"]).value == ""

    # The session goes on: a later valid edit works and everything is acknowledged.
    await client.set(m["x"], "value", 6)
    await client.wait_for(lambda c: "x is 6" in texts(c) and not c.outbox)
    assert client.close_code is None
    # The other session was not touched and still works.
    await other.wait_for(lambda c: "x is 8" in texts(c))
    assert other.client.errors == []
    await other.set(ids(other.client)["t"], "value", "fine")
    await other.wait_for(lambda c: not c.outbox)
    other_session = handle.server.registries["app"].sessions[other.client.session_id]
    assert other_session.document.get_model(ids(other.client)["t"]).value == "fine"
    assert other_session.document.get_model(ids(other.client)["x"]).value == 8


async def test_repeated_malformed_messages_close_with_4400(serve_app, clients):
    handle = serve_app(app)
    client = await clients(handle.url + "app").open()
    other = await clients(handle.url + "app").open()
    slider = ids(client.client)["x"]
    # A valid message in between resets the count: 19 + 19 bad messages are answered.
    for _ in range(19):
        await client.send("not json")
    await client.set(slider, "value", 1)
    for _ in range(19):
        await client.send("not json")
    await client.wait_for(lambda c: len(c.errors) == 38 and not c.outbox)
    assert client.close_code is None
    # The 20th in a row closes the connection.
    await client.send("not json")
    await client.wait_for(lambda c: client.close_code is not None)
    assert client.close_code == 4400
    assert len(client.client.errors) == 38  # the 20th is answered by the close alone
    # The other session is unaffected.
    await other.set(ids(other.client)["x"], "value", 9)
    await other.wait_for(lambda c: "x is 9" in texts(c))


@pytest.mark.parametrize("value", ["x" * 100_000, [7] * 30_000])
async def test_an_error_quotes_a_bounded_part_of_a_huge_refused_value(value, serve_app,
                                                                     clients):
    """issue 12: the whole refused value came back in the error (100 kB for 100 kB)."""
    handle = serve_app(app)
    client = await clients(handle.url + "app").open()
    doc = client.client
    x = ids(doc)["x"]
    await client.set(x, "value", value)
    await client.wait_for(lambda c: c.errors and not c.outbox)
    [error] = doc.errors
    assert error["code"] == "invalid"
    assert "IntSlider" in error["message"]  # it still says what was wrong
    assert len(error["message"]) <= MAX_REFUSAL_CHARS
    await client.wait_for(lambda c: c.prop(x, "value") == 3)
