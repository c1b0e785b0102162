"""One ``--num-procs`` worker: a server that serves the connections its acceptor hands over.

The worker and its acceptor share a ``SOCK_SEQPACKET`` socket pair (the channel). Each
message from the acceptor carries one accepted TCP connection as an ``SCM_RIGHTS`` file
descriptor, with its request still unread; the worker serves it as if it had accepted it
itself (:meth:`Server.adopt`); a message ``m`` (``scrape.SCRAPE``) carries the acceptor's own
request for ``/metrics``, served the same but not access-logged. The worker sends ``ready``
once it serves. When the channel reaches end of file the acceptor is gone, and the worker
stops as it does on SIGTERM.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket

from docsync.server.scrape import SCRAPE
from docsync.server.server import Server

__all__ = ["READY", "run_worker"]

log = logging.getLogger("docsync.worker")

#: The message a worker sends on its channel once it serves.
READY = b"ready"


def _private_listener() -> socket.socket:
    # Linux autobind: an abstract Unix address that no file names and nobody is told of.
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind("")
    return sock


class _Channel:
    """Reads connections off the channel and adopts them; sets ``stopped`` at end of file."""

    def __init__(self, server: Server, channel: socket.socket, stopped: asyncio.Event) -> None:
        self.server = server
        self.channel = channel
        self.stopped = stopped
        self.ended = False
        self._adopting: set[asyncio.Task[None]] = set()

    def readable(self) -> None:
        while True:
            try:
                data, fds, _, _ = socket.recv_fds(self.channel, 16, 4)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                data, fds = b"", []
            if not data and not fds:  # end of file (or a broken channel): the acceptor is gone
                asyncio.get_running_loop().remove_reader(self.channel)
                self.ended = True
                self.stopped.set()
                return
            for fd in fds:
                # The acceptor's own /metrics request: served, but not access-logged.
                quiet = data == SCRAPE
                task = asyncio.create_task(self.server.adopt(socket.socket(fileno=fd),
                                                             quiet=quiet))
                self._adopting.add(task)
                task.add_done_callback(self._adopted)

    def _adopted(self, task: asyncio.Task[None]) -> None:
        self._adopting.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("could not serve a handed-over connection", exc_info=task.exception())


async def run_worker(server: Server, channel: socket.socket) -> None:
    """Serve connections from ``channel`` until SIGTERM or until the acceptor goes away,
    then stop gracefully (every session destroyed once, its hooks run).

    SIGINT is ignored: Ctrl-C in a terminal reaches every process of the group, and the
    acceptor, which receives it too, stops its workers itself and must not see them die
    first (it would restart them).
    """
    loop = asyncio.get_running_loop()
    stopped = asyncio.Event()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    loop.add_signal_handler(signal.SIGTERM, stopped.set)
    channel.setblocking(False)
    reader = _Channel(server, channel, stopped)
    await server.start(sock=_private_listener())
    try:
        loop.add_reader(channel, reader.readable)
        channel.send(READY)
        await stopped.wait()
    finally:
        if not reader.ended:
            loop.remove_reader(channel)
        await server.stop()
        channel.close()
