"""``ds.serve``: serve apps from Python, blocking or in a background thread."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from docsync.app_loader import load_apps
from docsync.exceptions import UsageError
from docsync.server import Server, ServerConfig

__all__ = ["ServerHandle", "run_server", "serve"]


class ServerHandle:
    """A server running in a background thread: its ``url`` and ``stop()``."""

    def __init__(self, server: Server, loop: asyncio.AbstractEventLoop,
                 thread: threading.Thread, stopped: asyncio.Event) -> None:
        self.server = server
        self._loop = loop
        self._thread = thread
        self._stopped = stopped

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def port(self) -> int:
        return self.server.port

    def stop(self, timeout: float = 10.0) -> None:
        """Stop gracefully (destroy hooks run) and wait for the thread to end."""
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._stopped.set)
            self._thread.join(timeout)

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


async def run_server(server: Server, *, stopped: asyncio.Event,
                     started: threading.Event | None = None, announce: bool = False) -> None:
    """Start ``server``, wait for ``stopped``, stop it gracefully."""
    try:
        await server.start()
    except BaseException:
        await server.stop()  # what did start (a Redis connection...) is closed
        raise
    if announce:
        for path in server.apps:
            print(f"docsync: serving {path!r} at {server.url}{path}", flush=True)
    if started is not None:
        started.set()
    try:
        await stopped.wait()
    finally:
        await server.stop()


def serve(target: Any, *, port: int = 0, address: str = "127.0.0.1", show: bool = False,
          threaded: bool = False, title: str | None = None,
          setup: Callable[[], Any] | None = None, num_procs: int = 1,
          **options: Any) -> ServerHandle | None:
    """Serve an object, a function (called once per session), a script path, or a dict
    mapping URL paths to any of these.

    ``setup`` runs once at start in the server's context (``state.on_session_created``,
    ``state.schedule_task``...). ``options`` are :class:`ServerConfig` fields
    (``reconnect_timeout=...``, ``num_threads=...``, ``redis="redis://..."``,
    ``persist=True``). With
    ``threaded=True`` returns a :class:`ServerHandle` at once; otherwise blocks until
    interrupted (Ctrl-C or SIGTERM).

    ``num_procs`` other than 1 is refused: worker processes start from app files, so they
    are started from the command line (``docsync serve app.py --num-procs N``).
    """
    if num_procs != 1:
        raise UsageError(f"num_procs={num_procs}: several worker processes serve app files "
                         "from the command line: docsync serve app.py --num-procs N")
    apps = load_apps(target, title=title)
    config = replace(ServerConfig(address=address, port=port), **options)
    server = Server(apps, config, setup=setup)
    if threaded:
        return _serve_in_thread(server, show=show)
    asyncio.run(_serve_blocking(server, show=show))
    return None


def _serve_in_thread(server: Server, *, show: bool) -> ServerHandle:
    loop = asyncio.new_event_loop()
    stopped = asyncio.Event()
    started = threading.Event()
    failure: list[BaseException] = []

    def run() -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(run_server(server, stopped=stopped, started=started))
        except BaseException as exc:
            failure.append(exc)
            started.set()
        finally:
            loop.close()

    thread = threading.Thread(target=run, name="docsync-server", daemon=True)
    thread.start()
    started.wait(30)
    if failure:
        raise failure[0]
    if show:
        webbrowser.open(server.url)
    return ServerHandle(server, loop, thread, stopped)


async def _serve_blocking(server: Server, *, show: bool) -> None:
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stopped.set)
    started = threading.Event()
    task = asyncio.create_task(run_server(server, stopped=stopped, started=started,
                                          announce=True))
    while not started.is_set() and not task.done():
        await asyncio.sleep(0.01)
    if show and started.is_set():
        webbrowser.open(server.url)
    await task
