"""``--server asgi``: the server's ASGI app (``docsync.server.asgi``) served by uvicorn on
the server's address and port, started and stopped with the server."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterator
from typing import TYPE_CHECKING

import uvicorn

from docsync.exceptions import UsageError

if TYPE_CHECKING:
    from docsync.server.asgi import AsgiApp
    from docsync.server.config import ServerConfig

__all__ = ["UvicornListener"]

START_TIMEOUT = 30.0  # seconds uvicorn may take to start serving a bound socket


class _Embedded(uvicorn.Server):
    """uvicorn inside a docsync process: the process's signals stay docsync's (its CLI
    stops the server gracefully), so uvicorn does not capture them."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def _bind(address: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((address, port))
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {address}:{port} ({exc.strerror}): choose "
                         "another --port or --address") from None
    sock.listen(1024)
    sock.setblocking(False)
    return sock


class UvicornListener:
    """uvicorn serving ``app`` on a socket bound to ``config.address:config.port``, with
    the server's WebSocket options (frame size, pings, compression, TLS)."""

    def __init__(self, app: AsgiApp, config: ServerConfig) -> None:
        self.app = app
        self.sock = _bind(config.address, config.port)
        self.port: int = self.sock.getsockname()[1]
        self._uvicorn = _Embedded(uvicorn.Config(
            app, lifespan="off",  # the docsync server is started and stopped by its owner
            ws="websockets-sansio", ws_max_size=config.max_frame_size,
            ws_ping_interval=config.ping_interval, ws_ping_timeout=config.ping_timeout,
            ws_per_message_deflate=config.compression,
            ssl_certfile=config.ssl_certfile, ssl_keyfile=config.ssl_keyfile,
            log_config=None, log_level="warning", access_log=False, server_header=False,
            timeout_graceful_shutdown=5))
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Serve; returns once uvicorn accepts connections (or raises why it did not)."""
        self._task = asyncio.create_task(self._uvicorn.serve(sockets=[self.sock]))
        for _ in range(int(START_TIMEOUT / 0.01)):  # a bounded wait for its start
            if self._uvicorn.started:
                return
            if self._task.done():
                self._task.result()  # its exception, if any
                raise UsageError("uvicorn stopped before it served: see the log above")
            await asyncio.sleep(0.01)
        raise UsageError(f"uvicorn did not start within {START_TIMEOUT:.0f} s")

    def close(self) -> None:
        """Stop accepting; open WebSockets are closed with 1001 by :meth:`wait_closed`."""
        self._uvicorn.should_exit = True

    async def wait_closed(self) -> None:
        await self.app.close_sockets()
        if self._task is not None:
            await self._task
