"""Helpers for the ``--num-procs`` tests: start a cluster, open many sessions, check them."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

from docsync.testing import NetworkClient
from tests.server.support import ServeProcess, texts

__all__ = ["APP", "bounded", "close_all", "open_sessions", "parent_of", "pid_of", "resume",
           "round_trip", "running", "session_of", "start", "workers"]

APP = Path(__file__).resolve().parent / "apps" / "worker_app.py"
STARTED = re.compile(r"worker (\d+) started \(pid (\d+)\)")


async def start(docsync_serve: Callable[..., ServeProcess], procs: int, *args: str,
                env: dict[str, str] | None = None) -> tuple[ServeProcess, str]:
    server = docsync_serve(APP, "--port", "0", "--num-procs", str(procs), *args, env=env)
    url = (await server.wait_serving(timeout=30))["worker_app"]
    return server, url


def workers(server: ServeProcess) -> dict[int, int]:
    """Worker index → pid of its latest start, from the acceptor's log."""
    return {int(i): int(pid) for i, pid in STARTED.findall(server.stderr())}


def parent_of(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as f:
        return int(f.read().rsplit(")", 1)[1].split()[1])


def running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def pid_of(client: NetworkClient) -> int:
    """The pid of the worker that built this session (the app shows it)."""
    assert client.client is not None
    return int(client.client.prop(client.client.find("Str"), "text"))


def session_of(client: NetworkClient) -> str:
    assert client.client is not None and client.client.session_id is not None
    return client.client.session_id


async def bounded(items: Iterable[Any], action: Callable[[Any], Awaitable[Any]], *,
                  concurrency: int = 16) -> list[Any]:
    """``action(item)`` for every item, at most ``concurrency`` at a time, in order."""
    gate = asyncio.Semaphore(concurrency)

    async def one(item: Any) -> Any:
        async with gate:
            return await action(item)

    return await asyncio.gather(*(one(i) for i in items))


async def open_sessions(url: str, count: int, **kw: Any) -> list[NetworkClient]:
    return await bounded(range(count), lambda _: NetworkClient(url).open(), **kw)


async def close_all(clients: list[NetworkClient]) -> None:
    await bounded(clients, lambda c: c.close(), concurrency=64)


async def round_trip(client: NetworkClient, value: int) -> str:
    """Move the slider; the text its bound function returned, naming the worker's pid."""
    assert client.client is not None
    await client.set(client.client.find("IntSlider"), "value", value)
    prefix = f"{value} from "
    await client.wait_for(lambda c: any(t.startswith(prefix) for t in texts(c)))
    assert client.client is not None
    return next(t for t in texts(client.client) if t.startswith(prefix))


async def resume(client: NetworkClient) -> None:
    """Drop the connection and resume: the session must be replayed, not rebuilt."""
    assert client.client is not None
    snapshots = client.client.snapshots
    await client.drop()
    await client.open()
    welcome = client.client.welcomes[-1]
    assert welcome["resumed"] is True and welcome["session_id"] == session_of(client)
    assert client.client.snapshots == snapshots, "resumed with a snapshot, not a replay"
