"""One session, two connections (PROTOCOL.md §6): a duplicated tab is refused with 4409, a
resume takes the session over and the older connection is closed with 4409."""

from __future__ import annotations

import copy

import pytest

import docsync as ds
from docsync.testing import ClientProtocol
from tests.conftest import TRANSPORTS
from tests.server.support import expect_close, only_session, texts


@pytest.fixture(params=TRANSPORTS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Every test here runs over the websockets server and the ASGI app alike."""
    return str(request.param)


def app():
    x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
    return ds.Column(x, ds.bind(lambda v: f"x is {v}", x))


async def test_duplicated_tab_is_refused_with_4409(serve_app, clients):
    handle = serve_app(app)
    first = await clients(handle.url + "app").open()
    duplicate = clients(first.page_url)
    duplicate.ws_url, duplicate.client = first.ws_url, ClientProtocol(first.client.token)
    await expect_close(duplicate, 4409)  # hello with last_seq null, session live
    # The first tab is untouched.
    slider = first.client.find("IntSlider")
    await first.set(slider, "value", 6)
    await first.wait_for(lambda c: "x is 6" in texts(c))
    assert first.close_code is None
    assert len(handle.server.registries["app"].sessions) == 1


async def test_resume_takes_a_live_session_over(serve_app, clients):
    handle = serve_app(app)
    old = await clients(handle.url + "app").open()
    slider = old.client.find("IntSlider")
    await old.set(slider, "value", 1)
    await old.wait_for(lambda c: not c.outbox)
    session = only_session(handle)

    new = clients(old.page_url)
    new.ws_url, new.client = old.ws_url, copy.deepcopy(old.client)
    await new.open()  # hello with last_seq: the same browser, back before we noticed
    assert new.client.welcomes[-1]["resumed"] is True
    await old.wait_for(lambda c: old.close_code is not None)
    assert old.close_code == 4409

    await new.set(slider, "value", 8)
    await new.wait_for(lambda c: "x is 8" in texts(c) and not c.outbox)
    assert session.document.get_model(slider).value == 8
    assert only_session(handle) is session
    assert session.connection is not None
