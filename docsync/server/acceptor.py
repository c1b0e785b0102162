"""``--num-procs N``: one listening socket, N worker processes, session affinity.

The acceptor (the parent process) owns the port and runs no app code. For each connection
it peeks at the request line without reading it (``MSG_PEEK``) and hands the socket to a
worker over that worker's channel (``SCM_RIGHTS``, see :mod:`docsync.server.worker`), so
the worker reads the request untouched:

- a request whose URL names a session (``<app>/ws?session=ID``, the WebSocket URL of
  every page, see :func:`docsync.server.pages.bootstrap_page`) goes to worker
  :func:`worker_index`, so every connection of a session reaches the worker that holds it;
- any other request (a page, a static file) goes to the next worker in turn.

Why a hash rather than a table of assignments: the worker that serves a page mints the
session id, but the acceptor alone sees where the WebSocket goes. Session ids are random,
so a stable hash of the id spreads new sessions evenly over the workers; it needs no table
that grows with sessions, holds across a worker's restart (same index, same sessions), and
is the rule a load balancer in front of several machines can apply to the same URL.

A worker that exits is started again at the same index; meanwhile connections for it wait
(a bounded number). Its sessions died with it: their tabs get 4404 on reconnect and show
the expired banner, unless session persistence rebuilds them on the new worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import signal
import socket
import webbrowser
import zlib
from collections import deque
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from typing import Any

from docsync.server.http import url_session
from docsync.server.scrape import SCRAPE, answer_scrape, is_scrape
from docsync.server.worker import READY

__all__ = ["Acceptor", "request_session", "serve_workers", "worker_index"]

log = logging.getLogger("docsync.acceptor")

HEAD_TIMEOUT = 10.0  # seconds a client has to send its request line
MAX_REQUEST_LINE = 8192  # bytes peeked at; a longer line is routed as a plain request
ACCEPT_BATCH = 64  # connections accepted per wake-up before other callbacks run
MAX_WAITING = 1024  # connections held for one worker while it (re)starts
STOP_TIMEOUT = 8.0  # seconds workers get to stop gracefully before they are killed
RESTART_DELAY_MAX = 5.0  # seconds between restarts of a worker that keeps failing
STABLE_UPTIME = 10.0  # seconds after which a worker's exit no longer counts as a failure


def worker_index(session_id: str, count: int) -> int:
    """The worker (``0 <= i < count``) that holds ``session_id``.

    A CRC-32 of the id, not Python's ``hash()``, which is salted per process: the rule must
    give the same answer in every process and after every restart.
    """
    return zlib.crc32(session_id.encode("utf-8", "surrogateescape")) % count


def request_session(head: bytes) -> str | None:
    """The session id the first line of an HTTP request head names, or None."""
    parts = head.split(b"\n", 1)[0].rstrip(b"\r").split(b" ")
    if len(parts) != 3:
        return None
    return url_session(parts[1].decode("latin-1"))


def _has_line(data: bytes) -> bool:
    """Whether peeked ``data`` holds all that routing reads (the request line)."""
    return b"\n" in data or len(data) >= MAX_REQUEST_LINE


async def _readable(sock: socket.socket, timeout: float) -> bool:
    loop = asyncio.get_running_loop()
    ready: asyncio.Future[None] = loop.create_future()

    def wake() -> None:
        if not ready.done():
            ready.set_result(None)

    loop.add_reader(sock, wake)
    try:
        await asyncio.wait_for(ready, max(0.0, timeout))
        return True
    except asyncio.TimeoutError:
        return False
    finally:
        loop.remove_reader(sock)


async def _peek_request_line(sock: socket.socket) -> bytes | None:
    """The start of ``sock``'s request, through its first line end, left unread in the
    socket; None if the client closed or did not send a line within ``HEAD_TIMEOUT``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + HEAD_TIMEOUT
    if not await _readable(sock, HEAD_TIMEOUT):
        return None
    delay = 0.001
    while True:
        try:
            data = sock.recv(MAX_REQUEST_LINE, socket.MSG_PEEK)
        except (BlockingIOError, InterruptedError):
            data = None
        except OSError:
            return None
        if data == b"":
            return None
        if data is not None and _has_line(data):
            return data
        if loop.time() >= deadline:
            return None
        # Part of a line: the socket stays readable, so wait by the clock, not readiness.
        await asyncio.sleep(delay)
        delay = min(0.05, delay * 2)


@dataclass(eq=False)
class _Worker:
    index: int
    process: asyncio.subprocess.Process | None = None
    channel: socket.socket | None = None
    ready: bool = False
    started_at: float = 0.0
    failures: int = 0  # exits in a row, each soon after its start
    waiting: deque[socket.socket] = field(default_factory=deque)


class Acceptor:
    """Hands the connections of ``listener`` to ``num_procs`` workers, each started as
    ``command + ["--worker-fd", FD]``; restarts a worker that exits.

    Call :meth:`run` once, on the loop that will serve.
    """

    def __init__(self, command: list[str], *, num_procs: int, listener: socket.socket,
                 env: Mapping[str, str], metrics: bool = False, prefix: str = "") -> None:
        if num_procs < 1:
            raise ValueError("num_procs must be at least 1")
        self.command = list(command)
        self.listener = listener
        self.env = dict(env)
        self.workers = [_Worker(i) for i in range(num_procs)]
        #: ``--metrics``: ``/metrics`` is answered here, with the sum of the workers'.
        self.metrics = metrics
        self.prefix = prefix
        #: Exit status of the whole: 1 when a worker failed before every worker served.
        self.status = 0
        self._turn = 0
        self._serving = False
        self._stopping = False
        self._stopped = asyncio.Event()
        self._changed = asyncio.Event()
        self._tasks: set[asyncio.Task[Any]] = set()

    # -- lifecycle -----------------------------------------------------------------------

    async def run(self, stopped: asyncio.Event, *, on_ready: Callable[[], None]) -> int:
        """Start every worker; once all serve, call ``on_ready`` and hand out connections
        until ``stopped`` is set; then stop the workers gracefully. Returns the exit status.
        """
        self._stopped = stopped
        self.listener.setblocking(False)
        try:
            for worker in self.workers:
                await self._spawn(worker)
                self._task(self._watch(worker))
            while not stopped.is_set() and not all(w.ready for w in self.workers):
                self._changed.clear()
                await _either(stopped, self._changed)
            if not stopped.is_set():
                self._serving = True
                on_ready()
                self._listen()
                await stopped.wait()
        finally:
            await self._stop()
        return self.status

    async def _stop(self) -> None:
        self._stopping = True
        for task in list(self._tasks):
            task.cancel()
        asyncio.get_running_loop().remove_reader(self.listener)
        self.listener.close()
        for worker in self.workers:
            while worker.waiting:
                worker.waiting.popleft().close()
        alive = [w.process for w in self.workers
                 if w.process is not None and w.process.returncode is None]
        for process in alive:
            _signal(process, signal.SIGTERM)
        if alive:
            await asyncio.wait([asyncio.create_task(p.wait()) for p in alive],
                               timeout=STOP_TIMEOUT)
            for process in alive:
                if process.returncode is None:
                    log.warning("worker pid %d did not stop in %.0f s: killed", process.pid,
                                STOP_TIMEOUT)
                    _signal(process, signal.SIGKILL)
                    await process.wait()
        for worker in self.workers:
            self._drop_channel(worker)

    def _task(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    # -- workers -------------------------------------------------------------------------

    async def _spawn(self, worker: _Worker) -> None:
        loop = asyncio.get_running_loop()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            worker.process = await asyncio.create_subprocess_exec(
                *self.command, "--worker-fd", str(theirs.fileno()),
                pass_fds=(theirs.fileno(),), env=self.env)
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        ours.setblocking(False)
        worker.channel, worker.ready, worker.started_at = ours, False, loop.time()
        loop.add_reader(ours, self._heard, worker)
        _say(f"worker {worker.index} started (pid {worker.process.pid})")
        self._flush(worker)

    def _heard(self, worker: _Worker) -> None:
        channel = worker.channel
        assert channel is not None
        try:
            data = channel.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if data == READY:
            worker.ready = True
            self._changed.set()
        elif not data:  # the worker is gone; _watch starts it again
            asyncio.get_running_loop().remove_reader(channel)

    def _drop_channel(self, worker: _Worker) -> None:
        channel, worker.channel, worker.ready = worker.channel, None, False
        if channel is not None:
            loop = asyncio.get_running_loop()
            loop.remove_reader(channel)
            loop.remove_writer(channel)
            channel.close()

    async def _watch(self, worker: _Worker) -> None:
        """Wait for ``worker`` to exit, and start it again (after a growing delay when it
        keeps failing). A worker that fails before every worker served stops it all."""
        loop = asyncio.get_running_loop()
        while True:
            process = worker.process
            assert process is not None
            code = await process.wait()
            self._drop_channel(worker)
            if self._stopping:
                return
            if not self._serving:
                log.error("worker %d exited with code %s before serving: stopping (its "
                          "error is above)", worker.index, code)
                self.status = 1
                self._stopped.set()
                return
            quick = loop.time() - worker.started_at < STABLE_UPTIME
            worker.failures = worker.failures + 1 if quick else 0
            delay = min(RESTART_DELAY_MAX, 0.1 * (2 ** worker.failures - 1))
            _say(f"worker {worker.index} (pid {process.pid}) exited with code {code}: "
                 f"starting it again{f' in {delay:.1f} s' if delay else ''}")
            await asyncio.sleep(delay)
            await self._spawn(worker)

    # -- connections ---------------------------------------------------------------------

    def _listen(self) -> None:
        if not self._stopping:
            asyncio.get_running_loop().add_reader(self.listener, self._acceptable)

    def _acceptable(self) -> None:
        """Accept what is pending (a bounded batch, so that other callbacks run) and hand
        on at once each connection whose request line is in; the others wait in a task."""
        for _ in range(ACCEPT_BATCH):
            try:
                conn, _ = self.listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:  # out of file descriptors, say: let some close first
                log.warning("accept failed: %s", exc)
                loop = asyncio.get_running_loop()
                loop.remove_reader(self.listener)
                loop.call_later(0.1, self._listen)
                return
            conn.setblocking(False)
            try:
                head: bytes | None = conn.recv(MAX_REQUEST_LINE, socket.MSG_PEEK)
            except (BlockingIOError, InterruptedError):
                head = None
            except OSError:
                head = b""
            if head is None or (head and not _has_line(head)):
                self._task(self._route(conn))
            else:
                self._dispatch(conn, head)

    async def _route(self, conn: socket.socket) -> None:
        try:
            head = await _peek_request_line(conn)
        except BaseException:
            conn.close()
            raise
        self._dispatch(conn, head or b"")

    def _dispatch(self, conn: socket.socket, head: bytes) -> None:
        """Hand ``conn`` to the worker its request line routes it to (none: close it)."""
        handed = False
        if head and self.metrics and is_scrape(head, self.prefix):
            hands = [lambda sock, w=w: self._hand_scrape(w, sock)
                     for w in self.workers if w.ready]
            self._task(answer_scrape(conn, hands))
            return
        if head:
            session = request_session(head)
            if session is None:
                worker = self._next_worker()
            else:
                worker = self.workers[worker_index(session, len(self.workers))]
            handed = self._hand(worker, conn)
        if not handed:
            conn.close()

    def _next_worker(self) -> _Worker:
        count = len(self.workers)
        for _ in range(count):
            worker = self.workers[self._turn % count]
            self._turn += 1
            if worker.ready:
                return worker
        return worker  # none is ready: the last one tried keeps it waiting

    def _hand(self, worker: _Worker, conn: socket.socket) -> bool:
        """Give ``conn`` to ``worker`` now, or queue it; False if it must be closed."""
        if worker.channel is None or worker.waiting:
            if len(worker.waiting) >= MAX_WAITING:
                return False  # the client retries (a browser reconnects with backoff)
            worker.waiting.append(conn)
            return True
        try:
            socket.send_fds(worker.channel, [b"c"], [conn.fileno()])
        except (BlockingIOError, InterruptedError):
            worker.waiting.append(conn)
            asyncio.get_running_loop().add_writer(worker.channel, self._flush, worker)
            return True
        except OSError:  # the worker just died: its restart sends what waits
            worker.waiting.append(conn)
            return True
        conn.close()  # the worker holds its own descriptor now
        return True

    def _hand_scrape(self, worker: _Worker, sock: socket.socket) -> bool:
        """Give ``worker`` the acceptor's own ``/metrics`` request, now or never (a
        worker that is busy restarting, or whose channel is full, is left out of the sum)."""
        if worker.channel is None or not worker.ready or worker.waiting:
            return False
        try:
            socket.send_fds(worker.channel, [SCRAPE], [sock.fileno()])
        except OSError:
            return False
        return True

    def _flush(self, worker: _Worker) -> None:
        """Send ``worker`` the connections waiting for it, as far as its channel takes."""
        channel = worker.channel
        if channel is None:
            return
        loop = asyncio.get_running_loop()
        while worker.waiting:
            conn = worker.waiting[0]
            try:
                socket.send_fds(channel, [b"c"], [conn.fileno()])
            except (BlockingIOError, InterruptedError):
                loop.add_writer(channel, self._flush, worker)
                return
            except OSError:
                loop.remove_writer(channel)
                return
            worker.waiting.popleft().close()
        loop.remove_writer(channel)


def _say(message: str) -> None:
    # Like --autoreload's restarts: what an operator must see at any --log-level short of
    # error, hence a warning; a log line, so that --log-format json applies to it too.
    log.warning("%s", message)


def _signal(process: asyncio.subprocess.Process, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # already gone
        process.send_signal(sig)


async def _either(*events: asyncio.Event) -> None:
    waits = [asyncio.create_task(event.wait()) for event in events]
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for wait in waits:
            wait.cancel()


def serve_workers(command: list[str], *, num_procs: int, address: str, port: int,
                  apps: list[str], show: bool = False, prefix: str = "",
                  metrics: bool = False) -> int:
    """Listen on ``address:port`` and serve through ``num_procs`` workers until SIGINT or
    SIGTERM; returns the exit status. ``command`` starts one worker (``--worker-fd FD``
    is appended). Raises :class:`OSError` when the address cannot be bound.

    Every worker gets the same ``DOCSYNC_SECRET_KEY`` (a random one when unset), so a
    token minted by one worker's page verifies on the worker that holds the session.
    """
    listener = socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET)
    try:
        # As asyncio does: a restarted server (--autoreload) binds while old sockets linger.
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((address, port))
        listener.listen(2048)
    except OSError:
        listener.close()
        raise
    env = dict(os.environ)
    env.setdefault("DOCSYNC_SECRET_KEY", secrets.token_hex(32))
    host = f"[{address}]" if ":" in address else address
    url = f"http://{host}:{listener.getsockname()[1]}{prefix}/"

    def ready() -> None:
        for path in apps:
            print(f"docsync: serving {path!r} at {url}{path}", flush=True)
        if show:
            webbrowser.open(url)

    async def main() -> int:
        stopped = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stopped.set)
        acceptor = Acceptor(command, num_procs=num_procs, listener=listener, env=env,
                            metrics=metrics, prefix=prefix)
        return await acceptor.run(stopped, on_ready=ready)

    try:
        return asyncio.run(main())
    finally:
        listener.close()
