"""``docsync serve``: the command line (also ``python -m docsync``)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path

from docsync.apps import load_apps
from docsync.exceptions import AppError, RedisUnavailable, UsageError
from docsync.notebook.app import NotebookApp
from docsync.server import Server, ServerConfig

__all__ = ["main"]


def _positive(kind: type) -> object:
    def parse(text: str) -> object:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value < 0:
            raise argparse.ArgumentTypeError(f"{text!r} must not be negative")
        return value

    return parse


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="docsync", description="Serve Python apps to browsers.")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    srv = sub.add_parser("serve", help="serve one or more app files",
                         description="Serve app scripts; app.py is served at /app.")
    srv.add_argument("apps", nargs="+", metavar="APP",
                     help="app script(s) (.py) or notebook(s) (.ipynb)")
    srv.add_argument("--port", type=_positive(int), default=5006,
                     help="port to listen on (0 picks a free one; default 5006)")
    srv.add_argument("--address", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    srv.add_argument("--show", action="store_true", help="open the app in a browser")
    srv.add_argument("--allow-websocket-origin", action="append", default=[], metavar="HOST",
                     help="also accept WebSockets from pages on HOST:PORT, HOST "
                          "(ports 80, 443), HOST:* (any port); repeatable; * = any")
    srv.add_argument("--reconnect-timeout", type=_positive(float), default=30.0, metavar="SECONDS",
                     help="how long a disconnected session is kept (default 30)")
    srv.add_argument("--autoreload", action="store_true",
                     help="restart when an app file or a local module changes; pages reload")
    srv.add_argument("--compression", action="store_true",
                     help="enable permessage-deflate (smaller frames, ~35 KiB more per connection)")
    srv.add_argument("--max-frame-size", type=_positive(int), default=20 * 1024 * 1024,
                     metavar="BYTES", help="largest accepted frame (default 20 MiB)")
    srv.add_argument("--num-threads", type=_positive(int), default=4, metavar="N",
                     help="worker threads for sync callbacks (default 4)")
    srv.add_argument("--num-procs", type=_positive(int), default=1, metavar="N",
                     help="worker processes behind the one port; every connection of a "
                          "session reaches its worker (default 1)")
    srv.add_argument("--notebook-markdown", action="store_true",
                     help="show a served notebook's markdown cells too, in their place")
    srv.add_argument("--setup", metavar="FILE.py",
                     help="a script run once at start (state.on_session_created, "
                          "state.schedule_task...)")
    srv.add_argument("--max-callback-errors", type=_positive(int), default=5, metavar="N",
                     help="failures in a row before a periodic callback is stopped (default 5)")
    srv.add_argument("--require-picklable-state", action="store_true",
                     help="state.session refuses values that pickle cannot save")
    srv.add_argument("--redis", metavar="URL", default=None,
                     help="share messages, cluster-wide tasks, the cache and saved sessions "
                          "through Redis (default: $DOCSYNC_REDIS_URL, else none)")
    srv.add_argument("--persist", action=argparse.BooleanOptionalAction, default=None,
                     help="save sessions so that a restarted or other worker rebuilds them "
                          "on reconnect (default: on with --redis)")
    srv.add_argument("--persist-path", default=".docsync-sessions.sqlite", metavar="FILE",
                     help="where sessions are saved without Redis "
                          "(default .docsync-sessions.sqlite)")
    srv.add_argument("--task-lease", type=_positive(float), default=15.0, metavar="SECONDS",
                     help="with Redis, how soon another worker takes over the scheduled "
                          "tasks of a worker that died (default 15)")
    srv.add_argument("--log-level", default="info",
                     choices=["debug", "info", "warning", "error"])
    # Set by the autoreload supervisor on its child: announce restarts to the pages.
    srv.add_argument("--reload-notice", action="store_true", help=argparse.SUPPRESS)
    # Set by the --num-procs acceptor on its workers: the channel it hands connections over.
    srv.add_argument("--worker-fd", type=int, help=argparse.SUPPRESS)
    return top


def _setup(path: str | None) -> Callable[[], None] | None:
    """The ``--setup`` script as a function run once in the server's runtime context."""
    if path is None:
        return None
    file = Path(path)
    if file.suffix != ".py" or not file.is_file():
        raise UsageError(f"--setup {path}: give the path of a Python script")
    code = compile(file.read_text(encoding="utf-8"), str(file), "exec")

    def run() -> None:
        exec(code, {"__name__": "__docsync_setup__", "__file__": str(file)})

    return run


def _check_apps(paths: list[str]) -> None:
    for path in paths:
        p = Path(path)
        if p.suffix not in (".py", ".ipynb"):
            raise UsageError(f"{path}: an app must be a Python script (.py) or a notebook "
                             "(.ipynb)")
        if not p.is_file():
            raise UsageError(f"{path}: no such file (give the path of an app script or "
                             "notebook)")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    try:
        _check_apps(args.apps)
        if args.num_procs < 1:
            raise UsageError(f"--num-procs {args.num_procs}: give the number of worker "
                             f"processes, at least 1 (this machine has {os.cpu_count()} "
                             "cores)")
        if args.autoreload:
            from docsync.server.autoreload import supervise

            return supervise(args, sys.argv[1:] if argv is None else argv)
        apps = load_apps([NotebookApp(a, markdown=args.notebook_markdown)
                          if a.endswith(".ipynb") else a for a in args.apps])
        setup = _setup(args.setup)
        if args.num_threads < 1:
            raise UsageError("--num-threads must be at least 1")
    except (UsageError, AppError, SyntaxError) as exc:
        print(f"docsync: error: {exc}", file=sys.stderr)
        return 2
    config = ServerConfig(
        address=args.address, port=args.port,
        allow_websocket_origin=frozenset(args.allow_websocket_origin),
        reconnect_timeout=args.reconnect_timeout, compression=args.compression,
        max_frame_size=args.max_frame_size, reload_notice=args.reload_notice,
        num_threads=args.num_threads, require_picklable=args.require_picklable_state,
        max_callback_errors=max(1, args.max_callback_errors),
        redis=args.redis, persist=args.persist, persist_path=args.persist_path,
        task_lease=max(0.1, args.task_lease))
    redis_url = args.redis or os.environ.get("DOCSYNC_REDIS_URL")
    if redis_url:
        # Before anything starts (the workers of --num-procs too): the error names the URL,
        # with no traceback.
        from docsync.cluster.link import check

        try:
            asyncio.run(check(redis_url))
        except RedisUnavailable as exc:
            print(f"docsync: error: {exc}", file=sys.stderr)
            return 1
    if args.worker_fd is not None:
        from docsync.server.worker import run_worker

        channel = socket.socket(fileno=args.worker_fd)
        asyncio.run(run_worker(Server(apps, config, setup=setup), channel))
        return 0
    from docsync.serve import _serve_blocking

    try:
        if args.num_procs > 1:
            from docsync.server.acceptor import serve_workers

            command = [sys.executable, "-m", "docsync", *(sys.argv[1:] if argv is None else argv)]
            return serve_workers(command, num_procs=args.num_procs, address=args.address,
                                 port=args.port, apps=list(apps), show=args.show)
        asyncio.run(_serve_blocking(Server(apps, config, setup=setup), show=args.show))
    except RedisUnavailable as exc:
        print(f"docsync: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"docsync: error: cannot listen on {args.address}:{args.port}: {exc.strerror}"
              " (choose another --port)", file=sys.stderr)
        return 1
    return 0
