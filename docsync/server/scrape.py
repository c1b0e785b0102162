"""The ``--num-procs`` acceptor's ``/metrics``: every worker's metrics, added up.

The acceptor runs no server of its own, so it answers ``/metrics`` by asking the workers
the client's own question. For each worker that serves, it makes a Unix socket pair, hands
one end to the worker as it hands a client's connection (marked as a scrape, so that the
worker writes no access line for it), writes the client's request head into the other end
and reads the worker's answer. If every worker answered 200, the client gets the sum
(:func:`docsync.server.metrics.merge`) plus ``docsync_workers_scraped``; otherwise it gets
the first other answer as it is: a 404 when the workers run without ``--metrics``, a 403
for an unknown ``Host``. The workers do every check, as for any request.

prometheus-client's multiprocess mode would make the workers share files instead; it
cannot serve the numbers read when scraped (see ``docsync.server.metrics``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from docsync.server.logs import ACCESS_LOGGER, access_line

__all__ = ["SCRAPE", "answer_scrape", "is_scrape"]

#: The channel message that hands a worker a scrape (``docsync.server.worker``).
SCRAPE = b"m"
HEAD_TIMEOUT = 10.0  # seconds a client has to send its request head
MAX_HEAD = 64 * 1024  # bytes of request head (websockets' own limit is 8 KiB a line)
WORKER_TIMEOUT = 10.0  # seconds a worker has to answer
MAX_ANSWER = 64 * 1024 * 1024  # bytes of one worker's metrics text

log = logging.getLogger("docsync.acceptor")


def is_scrape(head: bytes, prefix: str) -> bool:
    """Whether the request line at the start of ``head`` asks for ``/metrics`` (with or
    without ``prefix``, as the workers route it)."""
    parts = head.split(b"\n", 1)[0].rstrip(b"\r").split(b" ")
    if len(parts) != 3:
        return False
    path = parts[1].decode("latin-1").split("?", 1)[0].rstrip("/")
    return path == "/metrics" or (bool(prefix) and path == f"{prefix}/metrics")


@dataclass(frozen=True)
class _Answer:
    status: int
    raw: bytes  # the whole HTTP response
    body: bytes


async def _read_head(conn: socket.socket) -> bytes | None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + HEAD_TIMEOUT
    data = b""
    while b"\r\n\r\n" not in data:
        if len(data) > MAX_HEAD:
            return None
        try:
            chunk = await asyncio.wait_for(loop.sock_recv(conn, 8192),
                                           max(0.0, deadline - loop.time()))
        except (asyncio.TimeoutError, OSError):
            return None
        if not chunk:
            return None
        data += chunk
    return data.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"


async def _ask(hand: Callable[[socket.socket], bool], head: bytes) -> _Answer | None:
    """One worker's answer to ``head``, or None if it could not be asked or did not
    answer in time."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        handed = hand(theirs)
    finally:
        theirs.close()  # the worker holds its own descriptor now
    if not handed:
        ours.close()
        return None
    reader, writer = await asyncio.open_unix_connection(sock=ours, limit=MAX_ANSWER)
    try:
        writer.write(head)
        await writer.drain()
        data = await asyncio.wait_for(reader.read(MAX_ANSWER), WORKER_TIMEOUT)
    except (asyncio.TimeoutError, OSError):
        return None
    finally:
        writer.close()
    top, _, body = data.partition(b"\r\n\r\n")
    try:
        status = int(top.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return None
    return _Answer(status, data, body)


def _response(status: int, reason: str, body: bytes, content_type: str) -> bytes:
    return (f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\nCache-Control: no-cache\r\n"
            "X-Content-Type-Options: nosniff\r\nServer: docsync\r\nConnection: close\r\n\r\n"
            ).encode("latin-1") + body


async def answer_scrape(conn: socket.socket, hands: Sequence[Callable[[socket.socket], bool]]
                        ) -> None:
    """Answer the ``/metrics`` request on ``conn`` (its head not read yet) with the sum
    of what each of ``hands`` (one per serving worker: hands a socket to it, False if it
    cannot) answers; closes ``conn``."""
    loop = asyncio.get_running_loop()
    began = time.monotonic()
    try:
        head = await _read_head(conn)
        if head is None:
            return
        answers = [a for a in await asyncio.gather(*(_ask(hand, head) for hand in hands))
                   if a is not None]
        other = next((a for a in answers if a.status != 200), None)
        if other is not None:
            status, raw = other.status, other.raw
        elif not answers:
            status, raw = 503, _response(503, "Service Unavailable",
                                         b"no worker answered: see the log\n",
                                         "text/plain; charset=utf-8")
        else:
            status, raw = _summed([a.body for a in answers])
        with contextlib.suppress(OSError):
            await loop.sock_sendall(conn, raw)
        client = conn.getpeername()[0] if conn.family != socket.AF_UNIX else "-"
        target = head.split(b"\r\n", 1)[0].split(b" ")[1].decode("latin-1")
        access_line(logging.getLogger(ACCESS_LOGGER), "http", client=str(client),
                    target=target, status=status, seconds=time.monotonic() - began)
    except OSError:
        pass
    finally:
        conn.close()


def _summed(bodies: list[bytes]) -> tuple[int, bytes]:
    from prometheus_client.metrics_core import GaugeMetricFamily

    from docsync.server.metrics import CONTENT_TYPE, merge

    scraped = GaugeMetricFamily("docsync_workers_scraped",
                                "Worker processes whose metrics this sum holds",
                                value=len(bodies))
    try:
        body = merge([b.decode("utf-8") for b in bodies], extra=[scraped])
    except ValueError:
        log.exception("a worker's /metrics could not be read")
        return 500, _response(500, "Internal Server Error", b"see the server log\n",
                              "text/plain; charset=utf-8")
    return 200, _response(200, "OK", body, CONTENT_TYPE)
