"""Graceful shutdown: pages are told (close 1001) and every session is destroyed once."""

from __future__ import annotations

import asyncio
import gc
import signal

import pytest

import docsync as ds
from docsync.core.session import SessionState
from tests.conftest import TRANSPORTS
from tests.server.support import REPO, only_session, wait_until


@pytest.fixture(params=TRANSPORTS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Every test here runs over the websockets server and the ASGI app alike."""
    return str(request.param)

HELLO = REPO / "docsync" / "examples" / "hello.py"


def app():
    return ds.widgets.IntSlider(name="x", start=0, end=10, value=3)


async def test_stop_closes_with_1001_and_runs_destroy_hooks_once(serve_app, clients):
    handle = serve_app(app)
    registry = handle.server.registries["app"]
    live = await clients(handle.url + "app").open()
    dropped = await clients(handle.url + "app").open()
    await dropped.drop()  # a detached session is destroyed by the stop too
    sessions = list(registry.sessions.values())
    assert len(sessions) == 2
    await wait_until(lambda: any(s.state is SessionState.DETACHED for s in sessions),
                     what="detached")
    hooks: list[str] = []
    registry_hooks: list[str] = []
    for session in sessions:
        session.on_destroy(lambda s: hooks.append(s.id))
    registry.on_destroyed.append(lambda s: registry_hooks.append(s.id))

    await asyncio.to_thread(handle.stop)  # off this loop: the client answers the close
    await live.wait_for(lambda c: live.close_code is not None)
    assert live.close_code == 1001
    assert sorted(hooks) == sorted(registry_hooks) == sorted(s.id for s in sessions)
    assert all(s.state is SessionState.DESTROYED for s in sessions)
    assert registry.sessions == {}
    await asyncio.to_thread(handle.stop)  # stopping twice is harmless
    assert len(hooks) == 2


async def test_sigterm_to_docsync_serve_closes_pages_with_1001(docsync_serve, clients):
    server = docsync_serve(HELLO, "--port", "0")
    url = (await server.wait_serving())["hello"]
    client = await clients(url).open()
    server.proc.send_signal(signal.SIGTERM)
    await client.wait_for(lambda c: client.close_code is not None, timeout=10)
    assert client.close_code == 1001
    assert await asyncio.to_thread(server.proc.wait, 10) == 0


async def test_handle_is_a_context_manager(clients):
    with ds.serve(app, port=0, threaded=True) as handle:
        client = await clients(handle.url + "app").open()
        session = only_session(handle)
        await client.close()
    assert session.state is SessionState.DESTROYED


async def test_stop_cancels_and_awaits_async_work_that_is_still_running(serve_app, clients):
    """issue 12: a ``state.execute`` coroutine left pending at stop raised, when collected
    later, ``ValueError: <Token> was created in a different Context``."""
    events: list[str] = []

    async def forever() -> None:
        events.append("started")
        try:
            await asyncio.Event().wait()  # nothing sets it: only a cancel ends this
        except asyncio.CancelledError:
            events.append(f"cancelled in {ds.state.curdoc is not None and 'a session'}")
            raise

    def app():
        ds.state.execute(forever)
        ds.state.execute(lambda: ds.state.execute(forever))  # one outside the build too
        return ds.widgets.IntSlider(name="x", start=0, end=10, value=3)

    handle = serve_app(app)
    await clients(handle.url + "app").open()
    await wait_until(lambda: events.count("started") == 2, what="both coroutines running")
    await asyncio.to_thread(handle.stop)
    assert events.count("cancelled in a session") == 2
    gc.collect()  # an abandoned coroutine would be finalized (and raise) here
