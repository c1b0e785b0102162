"""A session rebuilt on another worker while its first worker still holds it (a load balancer
that sent a reconnect elsewhere): the first copy ends, and leaves the record alone."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from docsync.testing import NetworkClient
from tests.server.support import texts, wait_until

APP = Path(__file__).parent / "apps" / "ticking.py"
ENV = {"DOCSYNC_SECRET_KEY": "one secret for every worker"}


def ticks(client: NetworkClient) -> int:
    return int(texts(client.client, "Str", "text")[0])


async def test_the_first_copy_ends_when_another_worker_rebuilt_the_session(
        docsync_serve, redis_url, redis_client):
    first, second = [docsync_serve(APP, "--port", "0", "--redis", redis_url, env=ENV)
                     for _ in range(2)]
    url_a = (await first.wait_serving())["ticking"]
    url_b = (await second.wait_serving())["ticking"]
    client = await NetworkClient(url_a).open()
    session_id = client.client.session_id
    await client.wait_for(lambda c: ticks(client) >= 3)
    await client.drop()  # the first worker keeps the session, detached, ticking, saving

    port_a, port_b = urlsplit(url_a).port, urlsplit(url_b).port
    client.ws_url = client.ws_url.replace(f":{port_a}/", f":{port_b}/")
    await client.open()
    assert client.client.welcomes[-1]["resumed"] is True
    await client.wait_for(lambda c: c.snapshots == 2)
    rebuilt_at = ticks(client)
    assert rebuilt_at >= 3  # state.session came along
    await wait_until(lambda: "was rebuilt by another worker" in first.stderr(), timeout=10)
    await client.wait_for(lambda c: ticks(client) >= rebuilt_at + 3)  # it goes on in B
    owner = await redis_client.hget(f"docsync:session:ticking:{session_id}", "owner")
    assert f":{second.proc.pid}:" in owner.decode()
