"""``state.publish`` / ``state.subscribe``: every session of a process without Redis, every
worker with it; callbacks in the subscribing session's context; ended with the session."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import docsync as ds
import docsync.examples
from docsync.testing import NetworkClient
from tests.server.support import texts, wait_until

CHAT = Path(docsync.examples.__file__).parent / "chat.py"


def strs(client: NetworkClient) -> list[str]:
    return texts(client.client, "Str", "text")


def news_app(heard: list[tuple[str, str | None, str]]):
    def app():
        me = ds.state.session_id
        out = ds.pane.Str("nothing yet")
        send = ds.widgets.Button(name="send")

        def received(message):  # in this session's context, in its own queue
            heard.append((me, ds.state.session_id, threading.current_thread().name))
            out.object = message

        ds.state.subscribe("news", received)
        send.on_click(lambda _e: ds.state.publish("news", f"from {me[:6]}"))
        return ds.Column(out, send)

    return app


async def test_a_message_reaches_every_session_in_its_own_context(serve_app, clients):
    heard: list[tuple[str, str | None, str]] = []
    handle = serve_app(news_app(heard), reconnect_timeout=0.2)
    a, b, c = [await clients(handle.url + "app").open() for _ in range(3)]
    await a.click(a.client.find("Button"))
    expected = f"from {a.client.session_id[:6]}"
    for client in (a, b, c):
        await client.wait_for(lambda _c, cl=client: strs(cl) == [expected])
    assert sorted(me for me, _, _ in heard) == sorted(
        cl.client.session_id for cl in (a, b, c))
    assert all(me == current for me, current, _ in heard)
    assert all(thread.startswith("docsync-worker") for _, _, thread in heard)

    bus = handle.server.runtime.bus
    assert bus.subscribers("news") == 3
    await c.drop()  # expires after 0.2 s: its subscription ends with it
    await wait_until(lambda: bus.subscribers("news") == 2)
    heard.clear()
    await b.click(b.client.find("Button"))
    await a.wait_for(lambda _c: strs(a) == [f"from {b.client.session_id[:6]}"])
    await b.wait_for(lambda _c: strs(b) == [f"from {b.client.session_id[:6]}"])
    assert len(heard) == 2


async def test_app_wide_subscriptions_and_cancel(serve_app, clients):
    outside: list[tuple[object, str | None]] = []

    def setup():
        ds.state.subscribe("audit", lambda m: outside.append((m, ds.state.session_id)))

    def app():
        sub = ds.state.subscribe("audit", lambda m: None)
        sub.cancel()
        sub.cancel()  # idempotent
        ds.state.publish("audit", {"opened": True})
        return ds.pane.Str(repr(sub))

    handle = serve_app(app, setup=setup)
    client = await clients(handle.url + "app").open()
    await wait_until(lambda: outside == [({"opened": True}, None)])
    assert strs(client) == ["Subscription('audit', active=False)"]
    # Outside any session, while this process runs a server, publishing reaches it.
    ds.state.publish("audit", 1)
    await wait_until(lambda: (1, None) in outside)
    with pytest.raises(ValueError, match="non-empty string"):
        handle.server.runtime.bus.publish("", 1)


async def test_the_chat_example_across_two_workers(docsync_serve, redis_url):
    env = {"DOCSYNC_SECRET_KEY": "one secret for every worker"}
    servers = [docsync_serve(CHAT, "--port", "0", "--redis", redis_url, env=env)
               for _ in range(2)]
    urls = [(await s.wait_serving())["chat"] for s in servers]
    tabs = [await NetworkClient(url).open() for url in urls for _ in range(2)]
    first = tabs[0].client
    await tabs[0].set(first.find("TextInput", name="Your name"), "value", "ann")
    await tabs[0].set(first.find("TextInput", name="Message"), "value", "hello, workers")
    await tabs[0].click(first.find("Button"))
    for tab in tabs:
        await tab.wait_for(lambda _c, t=tab: strs(t) == ["ann: hello, workers"])
    await tabs[0].wait_for(lambda c: c.prop(c.find("TextInput", name="Message"), "value") == "")
