"""Helpers for the loopback integration tests: subprocess servers, waits, server access."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed

from docsync.core.session import Session
from docsync.serve import ServerHandle
from docsync.testing import ClientProtocol, NetworkClient

__all__ = [
    "APPS",
    "REPO",
    "ServeProcess",
    "error_text",
    "expect_close",
    "in_server_loop",
    "only_session",
    "subprocess_env",
    "texts",
    "wait_until",
]

REPO = Path(__file__).resolve().parents[2]
APPS = REPO / "tests" / "apps"
SERVING = re.compile(r"docsync: serving '([^']*)' at (https?://\S+)")


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for a ``python -m docsync`` child: this checkout first on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    env["PYTHONUNBUFFERED"] = "1"
    env.pop("DOCSYNC_SECRET_KEY", None)
    env.update(extra)
    return env


async def wait_until(predicate: Callable[[], Any], *, timeout: float = 5.0,
                     what: str = "condition") -> Any:
    """Poll ``predicate`` (every 20 ms, at most ``timeout`` s) until it returns a true value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not reached within {timeout} s")
        await asyncio.sleep(0.02)


class ServeProcess:
    """A ``python -m docsync serve ...`` child; stdout and stderr go to files (no pipes)."""

    def __init__(self, args: list[str], *, cwd: Path, env: dict[str, str], logs: Path) -> None:
        logs.mkdir(parents=True, exist_ok=True)
        n = len(list(logs.glob("serve-*.out")))
        self.stdout_path = logs / f"serve-{n}.out"
        self.stderr_path = logs / f"serve-{n}.err"
        self.args = args
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            # Its own process group, so an --autoreload supervisor's child can be ended too.
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "docsync", "serve", *args], cwd=cwd, env=env,
                stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True)

    def stdout(self) -> str:
        return self.stdout_path.read_text(encoding="utf-8", errors="replace")

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def served(self) -> list[tuple[str, str]]:
        """Every ``(app, url)`` announced so far, in order (one per app per start)."""
        return SERVING.findall(self.stdout())

    async def wait_serving(self, *, count: int = 1, timeout: float = 15.0) -> dict[str, str]:
        """Wait until ``count`` apps have been announced; return app name → URL (latest)."""
        def ready() -> list[tuple[str, str]] | None:
            if self.proc.poll() is not None:
                raise AssertionError(f"docsync serve exited with {self.proc.returncode}:\n"
                                     f"{self.stdout()}\n{self.stderr()}")
            found = self.served()
            return found if len(found) >= count else None

        found = await wait_until(ready, timeout=timeout, what=f"{count} 'serving' line(s)")
        return dict(found)

    def terminate(self, timeout: float = 10.0) -> int:
        """SIGTERM, then SIGKILL (to the whole group) if it does not exit; the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)  # leftover children (autoreload)
        self.proc.wait(5)
        return self.proc.returncode


def in_server_loop(handle: ServerHandle, fn: Callable[[], Any], *, wait: bool = True) -> Any:
    """Run ``fn`` on the threaded server's event loop (where app callbacks run).

    With ``wait`` the result is returned (or the exception raised); otherwise the call is
    only scheduled, like a change made by a periodic callback.
    """
    loop = handle._loop  # the loop of the server thread: there is no public accessor
    if not wait:
        loop.call_soon_threadsafe(fn)
        return None
    future: concurrent.futures.Future[Any] = concurrent.futures.Future()

    def call() -> None:
        try:
            future.set_result(fn())
        except BaseException as exc:
            future.set_exception(exc)

    loop.call_soon_threadsafe(call)
    return future.result(timeout=5)


def only_session(handle: ServerHandle, app: str = "app") -> Session:
    sessions = list(handle.server.registries[app].sessions.values())
    assert len(sessions) == 1, f"expected one session of {app!r}, found {len(sessions)}"
    return sessions[0]


def texts(client: ClientProtocol, type_: str = "Markdown", prop: str = "object") -> list[str]:
    """Every ``prop`` of every ``type_`` model in the client's document (for text checks)."""
    assert client.doc is not None
    return [str(m["props"].get(prop)) for m in client.doc["models"].values()
            if m["type"] == type_]


def error_text(client: ClientProtocol) -> str | None:
    """The text of the page's ``docsync-error`` Str (an app's traceback), or None."""
    assert client.doc is not None
    for model in client.doc["models"].values():
        if model["type"] == "Str" and "docsync-error" in model["props"]["css_classes"]:
            return str(model["props"]["text"])
    return None


async def expect_close(client: NetworkClient, code: int, **hello: Any) -> None:
    """``client.open()`` must fail: the server closes with ``code`` right after ``hello``."""
    with pytest.raises(ConnectionClosed) as info:
        await client.open(**hello)
    assert info.value.rcvd is not None, "the server closed without a close frame"
    assert info.value.rcvd.code == code, info.value.rcvd
