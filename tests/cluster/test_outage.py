"""Redis lost while the server runs: sessions go on from memory, the outage is logged once,
and the server catches up when Redis is back (issue 7). A real redis-server is stopped and
started again on the same port."""

from __future__ import annotations

import asyncio
from pathlib import Path

import redis.asyncio

import docsync.examples
from docsync.testing import NetworkClient
from tests.cluster.editing import Editor
from tests.cluster.support import wait_until_async
from tests.server.support import wait_until

APPS = Path(__file__).parent / "apps"
CHAT = Path(docsync.examples.__file__).parent / "chat.py"
ENV = {"DOCSYNC_SECRET_KEY": "one secret for every worker"}


async def keys(url: str, pattern: str) -> list[bytes]:
    client = redis.asyncio.Redis.from_url(url)
    try:
        return await client.keys(pattern)
    finally:
        await client.aclose()


async def test_sessions_go_on_through_an_outage_and_are_saved_again_after_it(
        docsync_serve, own_redis, free_port):
    store = own_redis()
    args = [APPS / "edits.py", "--port", str(free_port), "--redis", store.url]
    server = docsync_serve(*args, env=ENV)
    url = (await server.wait_serving())["edits"]
    editor = await Editor.open(url)
    await editor.edit(1)
    await editor.client.wait_for(lambda c: not c.outbox)

    store.stop()
    for i in range(2, 8):  # round trips from memory, acknowledged at once
        await editor.edit(i)
        await asyncio.sleep(0.05)
    await editor.client.wait_for(
        lambda c: not c.outbox and editor.shown() == editor.expected(rebuilt=False))
    assert server.proc.poll() is None
    assert server.stderr().count("is unreachable") == 1  # logged once, not per edit

    store.start()  # empty: a restarted Redis lost everything
    await wait_until(lambda: "answers again" in server.stderr(), timeout=10)
    session_id = editor.client.client.session_id
    # Caught up: the session is saved again, with the edits made during the outage...
    assert await wait_until_async(lambda: keys(store.url, f"docsync:session:edits:{session_id}"))
    await editor.edit(8)
    await editor.client.wait_for(lambda c: not c.outbox)
    # ...so that a server killed now is replaced with nothing lost.
    server.proc.kill()
    server.proc.wait(5)
    second = docsync_serve(*args, env=ENV)
    await second.wait_serving()
    await editor.client.open()
    await editor.client.wait_for(lambda c: editor.shown() == editor.expected(rebuilt=True))
    assert server.stderr().count("is unreachable") == 1



def chat_text(client: NetworkClient) -> str:
    return str(client.client.prop(client.client.find("Str"), "text"))


async def say(client: NetworkClient, text: str) -> None:
    protocol = client.client
    await client.set(protocol.find("TextInput", name="Message"), "value", text)
    await client.click(protocol.find("Button"))


async def test_chat_across_workers_stays_local_in_an_outage_and_crosses_again_after(
        docsync_serve, own_redis):
    store = own_redis()
    servers = [docsync_serve(CHAT, "--port", "0", "--redis", store.url, env=ENV)
               for _ in range(2)]
    urls = [(await s.wait_serving())["chat"] for s in servers]
    a, a2 = [await NetworkClient(urls[0]).open() for _ in range(2)]
    b = await NetworkClient(urls[1]).open()
    await say(a, "before")
    for client in (a, a2, b):
        await client.wait_for(lambda c, cl=client: "anonymous: before" in chat_text(cl))

    store.stop()
    await say(a, "during")  # this worker's tabs only: Redis keeps nothing for the other
    await a2.wait_for(lambda c: "anonymous: during" in chat_text(a2))
    await asyncio.sleep(0.3)
    assert "during" not in chat_text(b)

    store.start()
    for server in servers:
        await wait_until(lambda s=server: "answers again" in s.stderr(), timeout=10)
    client = redis.asyncio.Redis.from_url(store.url)
    try:  # both workers listen again
        await wait_until_async(lambda: _listening(client, 2))
    finally:
        await client.aclose()
    await say(b, "after")
    for client in (a, a2, b):
        await client.wait_for(lambda c, cl=client: "anonymous: after" in chat_text(cl))
    assert all(s.proc.poll() is None for s in servers)


async def _listening(client: redis.asyncio.Redis, count: int) -> bool:
    """Whether ``count`` connections have a pattern subscription (one per worker)."""
    clients = await client.client_list()
    return sum(1 for c in clients if int(c.get("psub", 0)) > 0) == count


async def test_metrics_count_an_outage_and_see_redis_answer_again(docsync_serve, own_redis,
                                                                  free_port):
    from tests.server.test_metrics import scrape, until, value

    store = own_redis()
    server = docsync_serve(APPS / "edits.py", "--port", str(free_port), "--redis", store.url,
                           "--metrics", env=ENV)
    url = (await server.wait_serving())["edits"]
    metrics = url.rsplit("/", 1)[0] + "/metrics"
    up = await scrape(metrics)
    assert value(up, "docsync_redis_available") == 1
    assert value(up, "docsync_redis_outages_total") == 0
    editor = await Editor.open(url)
    store.stop()
    for i in range(1, 4):  # each edit is saved to Redis: the first failed save sees the outage
        await editor.edit(i)
        await asyncio.sleep(0.05)
    down = await until(metrics, lambda s: value(s, "docsync_redis_available") == 0,
                       what="an outage")
    assert value(down, "docsync_redis_outages_total") == 1
    store.start()
    back = await until(metrics, lambda s: value(s, "docsync_redis_available") == 1,
                       what="Redis back")
    assert value(back, "docsync_redis_outages_total") == 1  # one outage, however many calls
    await editor.client.close()
