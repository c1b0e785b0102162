"""Session tokens over a real socket (PROTOCOL.md §2): forged → 4401, expired → 4401 unless
it resumes a live session."""

from __future__ import annotations

import time

import pytest

import docsync as ds
from docsync.core.tokens import issue_token, new_session_id
from docsync.testing import ClientProtocol
from tests.conftest import TRANSPORTS
from tests.server.support import expect_close, only_session, wait_until


@pytest.fixture(params=TRANSPORTS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Every test here runs over the websockets server and the ASGI app alike."""
    return str(request.param)


def app():
    return ds.widgets.IntSlider(name="x", start=0, end=10, value=3)


def _flip(text: str) -> str:
    return text[:-1] + ("A" if text[-1] != "A" else "B")


async def test_forged_signature_is_refused_with_4401(serve_app, clients):
    handle = serve_app(app)
    client = clients(handle.url + "app")
    boot = await client.load_page()
    client.client = ClientProtocol(_flip(boot["token"]))
    await expect_close(client, 4401)
    # A token signed with another key, or not a token at all, fares no better.
    for token in (issue_token(b"another key" * 3, new_session_id(bytes(16)), time.time()),
                  "not-a-token"):
        other = clients(handle.url + "app")
        await other.load_page()
        other.client = ClientProtocol(token)
        await expect_close(other, 4401)
    assert handle.server.registries["app"].sessions == {}


async def test_expired_token_cannot_create_a_session(serve_app, clients):
    secret = b"a test secret of enough length!!"
    # No real time passes in this test: its expired tokens are crafted, issued ten minutes
    # before a lifetime of one minute (a loaded machine cannot make a fresh one expire).
    handle = serve_app(app, secret=secret, token_lifetime=60.0)
    old = clients(handle.url + "app")
    await old.load_page()
    old.client = ClientProtocol(issue_token(secret, new_session_id(bytes(range(16))),
                                            time.time() - 600))
    await expect_close(old, 4401)
    assert old.client.last_seq is None

    # A live session's token, expired, still resumes it (the page's token used after its
    # lifetime, on a manual clock: tests/testing/test_local.py).
    live = await clients(handle.url + "app").open()
    session = only_session(handle)
    await live.drop()
    await wait_until(lambda: session.connection is None, what="detached")
    live.client.token = issue_token(secret, session.id, time.time() - 600)
    await live.open()
    assert live.client.welcomes[-1]["resumed"] is True
    await live.set(live.client.find("IntSlider"), "value", 9)
    await live.wait_for(lambda c: not c.outbox)
    assert session.document.get_model(live.client.find("IntSlider")).value == 9
