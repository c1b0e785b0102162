"""Reconnect timeout (PROTOCOL.md §6): a detached session is destroyed once, then 4404."""

from __future__ import annotations

import asyncio

import pytest

import docsync as ds
from docsync.core.session import SessionState
from docsync.testing import ClientProtocol
from tests.conftest import TRANSPORTS
from tests.server.support import expect_close, only_session, wait_until


@pytest.fixture(params=TRANSPORTS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Every test here runs over the websockets server and the ASGI app alike."""
    return str(request.param)


def app():
    return ds.Column(ds.widgets.IntSlider(name="x", start=0, end=10, value=3))


async def test_expiry_runs_destroy_hooks_once_then_resume_is_refused(serve_app, clients):
    handle = serve_app(app, reconnect_timeout=0.5)
    registry = handle.server.registries["app"]
    client = await clients(handle.url + "app").open()
    session = only_session(handle)
    own_hook: list[str] = []
    registry_hook: list[str] = []
    session.on_destroy(lambda s: own_hook.append(s.id))
    registry.on_destroyed.append(lambda s: registry_hook.append(s.id))

    await client.drop()
    await wait_until(lambda: session.id not in registry.sessions, timeout=10, what="expiry")
    assert session.state is SessionState.DESTROYED
    assert own_hook == registry_hook == [session.id]

    assert client.client.last_seq is not None
    await expect_close(client, 4404)  # a resume (last_seq set) of an expired session

    fresh_tab = clients(client.page_url)
    fresh_tab.ws_url, fresh_tab.client = client.ws_url, ClientProtocol(client.client.token)
    await expect_close(fresh_tab, 4404)  # a new tab with the expired session's token

    # Shutdown destroys what is left: nothing of this session runs again.
    await asyncio.to_thread(handle.stop)
    assert own_hook == registry_hook == [session.id]


async def test_a_session_resumed_in_time_is_kept(serve_app, clients):
    handle = serve_app(app, reconnect_timeout=3.0)
    client = await clients(handle.url + "app").open()
    session = only_session(handle)
    destroyed: list[str] = []
    session.on_destroy(lambda s: destroyed.append(s.id))
    slider = client.client.find("IntSlider")
    for value in (4, 5):
        await client.drop()
        await wait_until(lambda: session.state is SessionState.DETACHED, what="detached")
        await client.set(slider, "value", value)
        await client.open()
        await client.wait_for(lambda c: not c.outbox)
    assert session.document.get_model(slider).value == 5
    assert destroyed == []
    await asyncio.to_thread(handle.stop)  # not in this loop: the client must answer the close
    assert destroyed == [session.id]
