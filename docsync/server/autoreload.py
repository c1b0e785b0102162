"""``--autoreload``: a parent process that restarts the server child when files change.

The child runs with ``--reload-notice``: before it stops it sends every page a ``reload``
command, so open tabs load the new code by themselves once the new child answers. A shared
secret key keeps tokens valid across restarts. Watched: the folders of the app files,
recursively, for ``.py`` and ``.ipynb`` files (the app and the local modules it imports).
"""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
from pathlib import Path

from watchfiles import PythonFilter, watch

__all__ = ["SETTLE_LIMIT", "SETTLE_QUIET", "supervise"]

#: Seconds without a further change before a restart. The watcher sees the first write of a
#: save; an editor that truncates a file and then writes it (or writes it in parts) is not
#: done yet, and a restart then would serve the empty or half-written file (issue 12).
SETTLE_QUIET = 0.3
#: Seconds at most to wait for that: a file that is written all the time still restarts.
SETTLE_LIMIT = 3.0


class _AppFilter(PythonFilter):
    # Jupyter saves a copy of every notebook there; the notebook itself is watched.
    ignore_dirs = (*PythonFilter.ignore_dirs, ".ipynb_checkpoints")

    def __init__(self) -> None:
        super().__init__(extra_extensions=(".ipynb",))


def _free_port(address: str) -> int:
    with socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET) as sock:
        sock.bind((address, 0))
        return int(sock.getsockname()[1])


def _child_argv(args: argparse.Namespace, argv: list[str], port: int) -> list[str]:
    out = [a for a in argv if a != "--autoreload"]
    # A fixed port for every child, so reconnecting pages find the next one.
    out += ["--port", str(port), "--reload-notice"]
    return [sys.executable, "-m", "docsync", *out]


def _stop(child: subprocess.Popen[bytes]) -> None:
    if child.poll() is None:
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def supervise(args: argparse.Namespace, argv: list[str]) -> int:
    """Run the server as a child; restart it after every change. Returns on Ctrl-C/SIGTERM."""
    port = args.port or _free_port(args.address)
    env = dict(os.environ)
    env.setdefault("DOCSYNC_SECRET_KEY", secrets.token_hex(32))
    folders = sorted({str(Path(a).resolve().parent) for a in args.apps})
    command = _child_argv(args, argv, port)
    child = subprocess.Popen(command, env=env)

    def terminate(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    try:
        for changes in watch(*folders, watch_filter=_AppFilter(),
                             debounce=int(SETTLE_LIMIT * 1000), step=int(SETTLE_QUIET * 1000),
                             rust_timeout=0, yield_on_timeout=False):
            names = ", ".join(sorted({Path(p).name for _, p in changes}))
            # A log line (--log-format json applies), a warning: seen at any usual level.
            logging.getLogger("docsync.autoreload").warning("%s changed, restarting", names)
            _stop(child)
            child = subprocess.Popen(command, env=env)
    except KeyboardInterrupt:
        pass
    finally:
        _stop(child)
    return 0
