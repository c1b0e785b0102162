"""``--num-procs 2 --metrics``: the acceptor's ``/metrics`` is the sum of both workers'."""

from __future__ import annotations

import asyncio

from docsync.server.acceptor import worker_index
from docsync.server.scrape import is_scrape
from docsync.testing import fetch
from tests.server.support import APPS
from tests.server.test_metrics import scrape, until, value

MAX_CLIENTS = 40  # at 1/2 a worker each, both are reached long before this


async def test_the_acceptor_sums_two_workers_and_logs_one_line(docsync_serve, clients):
    server = docsync_serve(APPS / "greeting.py", "--port", "0", "--num-procs", "2",
                           "--metrics", "--log-format", "json")
    url = (await server.wait_serving())["greeting"]
    root = url.rsplit("/", 1)[0]
    first = await scrape(f"{root}/metrics")
    assert value(first, "docsync_workers_scraped") == 2
    assert value(first, "docsync_sessions_opened_total", app="greeting") == 0

    # Open sessions until each worker holds at least one (a session's id picks its worker).
    per_worker = [0, 0]
    opened = []
    while min(per_worker) == 0:
        assert len(opened) < MAX_CLIENTS, "every session went to one worker"
        client = await clients(url).open()
        opened.append(client)
        per_worker[worker_index(client.client.session_id, 2)] += 1
    summed = await until(f"{root}/metrics", lambda s: value(
        s, "docsync_sessions_live", app="greeting") == len(opened), what="every session")
    # Neither worker holds them all: only a sum reaches this.
    assert value(summed, "docsync_sessions_opened_total", app="greeting") == len(opened)
    assert max(per_worker) < len(opened)
    assert value(summed, "docsync_messages_received_total") >= len(opened)  # the hellos
    assert value(summed, "docsync_workers_scraped") == 2

    await opened[0].close()
    closed = await until(f"{root}/metrics", lambda s: value(
        s, "docsync_sessions_detached", app="greeting") == 1, what="a closed page")
    assert value(closed, "docsync_sessions_live", app="greeting") == len(opened) - 1

    # The workers still check each request: an unknown Host is refused, as for any page.
    status, _, _ = await fetch(f"{root}/metrics", headers={"Host": "evil.example"})
    assert status == 403

    for client in opened[1:]:
        await client.close()
    assert await asyncio.to_thread(server.terminate) == 0
    scrapes = [line for line in server.stderr().splitlines()
               if '"logger": "docsync.access"' in line and "/metrics" in line]
    # One line per scrape, the acceptor's: the workers do not log the acceptor's questions.
    assert len(scrapes) >= 4
    assert all('"client": "127.0.0.1"' in line for line in scrapes)


async def test_without_metrics_the_workers_answer_404(docsync_serve):
    server = docsync_serve(APPS / "greeting.py", "--port", "0", "--num-procs", "2")
    root = (await server.wait_serving())["greeting"].rsplit("/", 1)[0]
    status, _, body = await fetch(f"{root}/metrics")
    assert status == 404 and b"docsync_" not in body


def test_which_requests_are_scrapes():
    assert is_scrape(b"GET /metrics HTTP/1.1\r\n", "")
    assert is_scrape(b"GET /metrics/?x=1 HTTP/1.1\r\n", "")
    assert is_scrape(b"GET /dash/metrics HTTP/1.1\r\n", "/dash")
    assert not is_scrape(b"GET /dash/metrics HTTP/1.1\r\n", "")
    assert not is_scrape(b"GET /app/ws?session=metrics HTTP/1.1\r\n", "")
    assert not is_scrape(b"GET /metrics\r\n", "")
