"""``many_hello``: 10,000 hello sessions held open in one server process (issue 13).

The held sessions are opened by a light client (a websockets connection each, the
``hello``, the snapshot read and acked at once as a browser does, nothing parsed into a
document), a bounded number at a time; one full client then does slider round trips
among them. Both sides need a file descriptor per connection: the bench raises its soft
limit to the hard one before starting the server (which inherits it), and scales the
session count down to what the limit allows, saying so.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import secrets
import sys
import time
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from docsync.core.tokens import issue_token, new_session_id
from tests.bench.stats import median, pct

__all__ = ["many_hello", "raise_fd_limit"]

MS = 1000.0
#: Descriptors each process needs besides its connections (files, pipes, the listener).
FD_SPARE = 200
#: Sessions being opened at once: enough to keep the server's workers busy, few enough
#: that no open waits long behind the others.
CONCURRENCY = 32


def raise_fd_limit(wanted: int) -> int:
    """Raise this process's soft ``RLIMIT_NOFILE`` towards ``wanted`` (at most the hard
    limit); returns the soft limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft


async def _open_light(ws_url: str, secret: bytes) -> ClientConnection:
    """One held session: connect, ``hello``, read up to the snapshot, ack it."""
    token = issue_token(secret, new_session_id(secrets.token_bytes(16)), time.time())
    ws = await connect(ws_url, compression=None, max_size=None, ping_interval=None)
    await ws.send(json.dumps({"type": "hello", "protocol": 1, "token": token,
                              "last_seq": None, "args": {}, "location": {}}))
    while True:
        message = json.loads(await ws.recv())
        if message["type"] == "snapshot":
            await ws.send(json.dumps({"type": "ack", "seq": message["seq"]}))
            return ws
        if message["type"] == "error":
            raise RuntimeError(f"the server refused a held session: {message}")


async def many_hello(bench: Any, *, sessions: int = 10_000) -> dict[str, Any]:
    """RSS growth over ``sessions`` acked hello sessions, and an active session's slider
    round trips among them (p50 / p99, server CPU per round trip)."""
    wanted = bench.n(sessions)
    limit = raise_fd_limit(wanted + FD_SPARE)
    count = min(wanted, limit - FD_SPARE)
    if count < wanted:
        print(f"\nbench many_hello: the descriptor limit ({limit}, hard) allows "
              f"{count} of {wanted} sessions; raise it (ulimit -Hn) to measure them all",
              file=sys.stderr)
    out: dict[str, list[float]] = {k: [] for k in (
        "sessions", "rss_growth_mib", "kib_per_session", "open_s", "opens_per_s",
        "p50_ms", "p99_ms", "server_cpu_us_per_rt", "client_cpu_s")}
    with bench.server("bench_hello", tag="many_hello") as srv:
        secret = bench.secret.encode()
        held: list[ClientConnection] = []
        sem = asyncio.Semaphore(CONCURRENCY)

        async def one() -> None:
            async with sem:
                held.append(await _open_light(srv.ws_url, secret))

        try:
            await asyncio.gather(*(one() for _ in range(20)))  # warm up
            rss0 = await srv.settled_rss()
            cpu0, t0 = _client_cpu(), time.perf_counter()
            await asyncio.gather(*(one() for _ in range(count)))
            opened = time.perf_counter() - t0
            client_cpu = _client_cpu() - cpu0
            rss1 = await srv.settled_rss()
            active = await bench.session(srv).open()
            slider = active.client.find("IntSlider")
            for i in range(50):  # warm up
                await active.set(slider, "value", i)
            for run in range(bench.runs):
                lat = []
                n = bench.n(1000)
                cpu = srv.cpu()
                for i in range(n):
                    lat.append(await active.set(slider, "value", (run * n + i * 7) % 1000))
                out["server_cpu_us_per_rt"].append((srv.cpu() - cpu) / n * 1e6)
                out["p50_ms"].append(median(lat) * MS)
                out["p99_ms"].append(pct(lat, 99) * MS)
            await active.close()
            out["sessions"].append(count)
            out["rss_growth_mib"].append((rss1 - rss0) / 1024)
            out["kib_per_session"].append((rss1 - rss0) / count)
            out["open_s"].append(opened)
            out["opens_per_s"].append(count / opened)
            out["client_cpu_s"].append(client_cpu)
        finally:
            # Dropped, not closed one by one: the server detaches them all and its stop
            # destroys them.
            for ws in held:
                ws.transport.abort()
    return out


def _client_cpu() -> float:
    t = os.times()
    return t.user + t.system
