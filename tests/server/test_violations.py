"""Fatal protocol violations over a real socket (PROTOCOL.md §1, §8): the close codes."""

from __future__ import annotations

import json
import logging

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

import docsync as ds
from docsync.core.session import SessionState
from tests.conftest import TRANSPORTS
from tests.server.support import expect_close, only_session, wait_until


@pytest.fixture(params=TRANSPORTS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Every test here runs over the websockets server and the ASGI app alike."""
    return str(request.param)


def app():
    return ds.Column(ds.widgets.TextInput(name="t", value="start"))


async def closed_with(client) -> int:
    await client.wait_for(lambda c: client.close_code is not None)
    return client.close_code


async def test_oversized_frame_closes_with_1009_and_applies_nothing(serve_app, clients):
    handle = serve_app(app, max_frame_size=1024)
    client = await clients(handle.url + "app").open()
    doc = client.client
    text = doc.find("TextInput")
    session = only_session(handle)
    await client.set(text, "value", "small")
    await client.wait_for(lambda c: not c.outbox)

    big = json.dumps({"type": "patch", "cseq": doc.cseq + 1, "base": doc.last_seq,
                      "ops": [{"op": "replace", "path": f"/models/{text}/props/value",
                               "value": "x" * 2000}]})
    await client.ws.send(big)  # sent raw: not in the client's outbox
    assert await closed_with(client) == 1009
    await wait_until(lambda: session.state is SessionState.DETACHED, what="detached")
    assert session.document.get_model(text).value == "small"
    assert session.applied_cseq == doc.cseq
    # The session lives on: a resume works and later (small) edits apply.
    await client.open()
    await client.set(text, "value", "after")
    await client.wait_for(lambda c: not c.outbox)
    assert session.document.get_model(text).value == "after"


async def test_binary_frame_closes_with_4400(serve_app, clients):
    handle = serve_app(app)
    client = await clients(handle.url + "app").open()
    await client.ws.send(b'{"type": "ack", "seq": 0}')
    assert await closed_with(client) == 4400


@pytest.mark.parametrize("first", [
    {"type": "ack", "seq": 0},
    {"type": "patch", "cseq": 1, "base": 0, "ops": []},
    "not json",
])
async def test_first_message_must_be_hello(first, serve_app, clients):
    handle = serve_app(app)
    page = clients(handle.url + "app")
    await page.load_page()
    async with connect(page.ws_url) as ws:
        await ws.send(first if isinstance(first, str) else json.dumps(first))
        with pytest.raises(ConnectionClosed):
            await ws.recv()
        assert ws.close_code == 4400
    assert handle.server.registries["app"].sessions == {}


async def test_unsupported_protocol_version_closes_with_4400(serve_app, clients):
    handle = serve_app(app)
    page = clients(handle.url + "app")
    boot = await page.load_page()
    async with connect(page.ws_url) as ws:
        await ws.send(json.dumps({"type": "hello", "protocol": 2, "token": boot["token"],
                                  "last_seq": None}))
        with pytest.raises(ConnectionClosed):
            await ws.recv()
        assert ws.close_code == 4400
        assert "protocol" in ws.close_reason


async def test_second_hello_and_skipped_cseq_close_with_4400(serve_app, clients):
    handle = serve_app(app)
    client = await clients(handle.url + "app").open()
    await client.send(client.client.hello())
    assert await closed_with(client) == 4400

    client = await clients(handle.url + "app").open()
    await client.send(json.dumps({"type": "patch", "cseq": 5, "base": 0, "ops": []}))
    assert await closed_with(client) == 4400


async def test_resume_ahead_of_the_server_closes_with_4400(serve_app, clients):
    handle = serve_app(app)
    client = await clients(handle.url + "app").open()
    await client.drop()
    client.client.last_seq = 1000
    await expect_close(client, 4400)


DEEP = "[" * 10_000 + "]" * 10_000


def quiet(caplog) -> list[str]:
    """What the server logged at warning level or above (a client's mistakes must not be)."""
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize("first", [
    '{"type": ["patch"], "cseq": 1}',
    '{"type": {"hello": 1}, "cseq": 1}',
    # Refusals quote what was sent: in UTF-8 these are longer than a close frame's reason
    # may be (123 bytes), found by tests/fuzz/test_frames.py.
    json.dumps({"type": {"\u00a1\U000218d6\U0001f300" * 20: None}}),
    '{"type": {"\\ud823": 1, "' + "é" * 80 + '": 2}}',  # a lone surrogate
    '{"type": "hello", "protocol": 1, "token": "t", "last_seq": null, "args": ' + DEEP + "}",
])
async def test_a_malformed_first_frame_closes_with_4400_not_1011(first, serve_app, clients,
                                                                 caplog):
    handle = serve_app(app)
    page = clients(handle.url + "app")
    await page.load_page()
    async with connect(page.ws_url, max_size=None) as ws:
        await ws.send(first)
        with pytest.raises(ConnectionClosed):
            await ws.recv()
        assert ws.close_code == 4400
        assert len(ws.close_reason.encode()) <= 120
    assert quiet(caplog) == []


async def test_a_non_ascii_token_closes_with_4401(serve_app, clients, caplog):
    handle = serve_app(app)
    page = clients(handle.url + "app")
    boot = await page.load_page()
    session_id, issued, signature = boot["token"].split(".")
    for token in (f"{session_id}é.{issued}.{signature}", f"{session_id}.\uff11\uff12.{signature}"):
        async with connect(page.ws_url) as ws:
            await ws.send(json.dumps({"type": "hello", "protocol": 1, "token": token,
                                      "last_seq": None}))
            with pytest.raises(ConnectionClosed):
                await ws.recv()
            assert ws.close_code == 4401
    assert quiet(caplog) == []


@pytest.mark.parametrize(("message", "deep"), [
    ({"type": ["patch"]}, ""),
    ({"type": {"patch": 1}}, ""),
    # Parsed, then refused for its depth: its cseq is read and used up.
    ({"type": "patch", "base": 0, "ops": [{"op": "replace", "path": "/x", "value": "D"}]},
     "[" * 150 + "]" * 150),
    # Too deep to parse at all: no cseq can be read, so the client's count is not used up.
    ({"type": "patch", "base": 0, "ops": [{"op": "replace", "path": "/x", "value": "D"}]},
     DEEP),
])
async def test_a_malformed_later_frame_is_refused_and_the_session_goes_on(
        message, deep, serve_app, clients, caplog):
    handle = serve_app(app)
    client = await clients(handle.url + "app").open()
    doc = client.client
    readable = deep != DEEP
    frame = json.dumps({**message, "cseq": doc.cseq + 1}).replace('"D"', deep)
    doc.cseq += readable
    await client.ws.send(frame)  # sent raw: not in the client's outbox
    await client.wait_for(lambda c: c.errors)
    assert [e["code"] for e in doc.errors] == ["bad-message"]
    assert doc.errors[0]["cseq"] == (doc.cseq if readable else None)
    text = doc.find("TextInput")
    await client.set(text, "value", "after")
    await client.wait_for(lambda c: not c.outbox)
    assert only_session(handle).document.get_model(text).value == "after"
    assert client.close_code is None
    assert quiet(caplog) == []
