"""Shared fixtures: a free port, `docsync serve` subprocesses, threaded in-process servers,
and network clients that are closed at teardown."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

import docsync as ds
from docsync.serve import ServerHandle
from docsync.testing import NetworkClient
from tests.server.support import ServeProcess, subprocess_env


@pytest.fixture
def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server_kind() -> str:
    """What carries HTTP and WebSockets in ``serve_app`` and ``docsync_serve`` servers
    (``--server``). A transport test module runs over both by overriding this fixture with
    ``TRANSPORTS`` as its params."""
    return "websockets"


#: The ``server_kind`` params of a module whose tests must hold over every transport.
TRANSPORTS = ("websockets", "asgi")


@pytest.fixture
async def docsync_serve(tmp_path: Path, server_kind: str
                        ) -> AsyncIterator[Callable[..., ServeProcess]]:
    """Start ``python -m docsync serve ARGS...`` (cwd: a temp dir); SIGTERM/kill at teardown.

    ``docsync_serve("app.py", "--port", "0", env={...})``; then ``await p.wait_serving()``.
    """
    started: list[ServeProcess] = []

    def start(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None
              ) -> ServeProcess:
        if server_kind != "websockets" and "--server" not in args:
            args = (*args, "--server", server_kind)
        process = ServeProcess([str(a) for a in args], cwd=cwd or tmp_path,
                               env=subprocess_env(**(env or {})), logs=tmp_path / "logs")
        started.append(process)
        return process

    yield start
    for process in started:
        # Off the loop: open clients must be able to answer the server's closing handshake.
        await asyncio.to_thread(process.terminate)


@pytest.fixture
async def serve_app(server_kind: str) -> AsyncIterator[Callable[..., ServerHandle]]:
    """``serve_app(target, **ServerConfig options)``: ``ds.serve(threaded=True)`` on a free
    loopback port; stopped at teardown."""
    handles: list[ServerHandle] = []

    def start(target: Any, **options: Any) -> ServerHandle:
        options.setdefault("server", server_kind)
        handle = ds.serve(target, port=0, address="127.0.0.1", threaded=True, **options)
        assert handle is not None
        handles.append(handle)
        return handle

    yield start
    for handle in handles:
        await asyncio.to_thread(handle.stop)


@pytest.fixture
async def clients() -> AsyncIterator[Callable[..., NetworkClient]]:
    """``clients(page_url, **kw)`` makes a :class:`NetworkClient` closed at teardown."""
    made: list[NetworkClient] = []

    def make(page_url: str, **kwargs: Any) -> NetworkClient:
        client = NetworkClient(page_url, **kwargs)
        made.append(client)
        return client

    yield make
    for client in made:
        if client.ws is not None:
            await client.close()
