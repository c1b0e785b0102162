"""A server (or any command) in a child process, measured from outside via ``/proc``."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["ServerProcess", "cpu_seconds", "rss_kib"]

APPS = Path(__file__).resolve().parent / "apps"
ROOT = Path(__file__).resolve().parents[2]
_TICK = os.sysconf("SC_CLK_TCK")
_URL = re.compile(r"at (http://\S+)")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` (all threads), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime, stime (proc(5) 14, 15)


def rss_kib(pid: int) -> int:
    """Resident set size of process ``pid``, in KiB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


class ServerProcess:
    """``python -m docsync serve APP --port 0 [options]`` in a child; ``url`` once started.

    With ``profile`` (a file path without suffix) the server runs under pyinstrument, which
    saves its session to ``PROFILE.pyisession`` when the server stops; :meth:`stop` then
    renders ``PROFILE.txt`` (call tree) and ``PROFILE.flat.txt`` (self time by function).
    """

    def __init__(self, app: str, *options: str, secret: str, profile: str | None = None,
                 pyspy: str | None = None, module: str = "docsync") -> None:
        self.app = app
        cmd = [sys.executable]
        self.profile = None
        if profile:
            cmd += ["-m", "pyinstrument", "-r", "pyisession", "-o", f"{profile}.pyisession"]
        self.profile = profile
        if module == "docsync":
            cmd += ["-m", "docsync", "serve", str(APPS / f"{app}.py"), "--port", "0", *options]
        else:
            cmd += ["-m", module, *options]
        self.cmd = cmd
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed in stop())
        env = {**os.environ, "DOCSYNC_SECRET_KEY": secret, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                     stderr=self.log, text=True)
        self.url = self._wait_for_url()
        self.pid = self.proc.pid
        self.spy: subprocess.Popen[bytes] | None = None
        if pyspy:  # sampling profiler attached from outside: little overhead, native frames
            self.spy = subprocess.Popen(
                [str(Path(sys.executable).with_name("py-spy")), "record", "-p", str(self.pid),
                 "-r", "1000", "--gil", "-f", "raw", "-o", f"{pyspy}.folded", "--nonblocking"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(0.5)

    def _wait_for_url(self) -> str:
        assert self.proc.stdout is not None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            match = _URL.search(line)
            if match:
                return match.group(1)
        self.stop()
        raise RuntimeError(f"server did not start: {' '.join(self.cmd)}\n{self.stderr()}")

    @property
    def ws_url(self) -> str:
        return self.url.replace("http", "ws", 1) + "/ws"

    def cpu(self) -> float:
        return cpu_seconds(self.pid)

    def rss(self) -> int:
        return rss_kib(self.pid)

    async def settled_rss(self, *, step: float = 0.1, limit: float = 5.0) -> int:
        """The server's RSS once it has stopped moving (the same in two reads ``step``
        seconds apart: the frames the clients sent, acks included, are handled), or after
        ``limit`` seconds, whichever comes first."""
        last = self.rss()
        for _ in range(max(1, int(limit / step))):
            await asyncio.sleep(step)
            now = self.rss()
            if now == last:
                return now
            last = now
        return last

    def stderr(self) -> str:
        self.log.seek(0)
        return self.log.read()[-4000:]

    def stop(self) -> None:
        """SIGTERM (a graceful stop, so a profiler writes its report), then wait."""
        if self.spy is not None:
            self.spy.send_signal(signal.SIGINT)
            self.spy.wait(30)
            self.spy = None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self.log.close()
        if self.profile and os.path.exists(f"{self.profile}.pyisession"):
            self._render(self.profile)

    @staticmethod
    def _render(profile: str) -> None:
        load = [sys.executable, "-m", "pyinstrument", "--load", f"{profile}.pyisession"]
        subprocess.run([*load, "-r", "text", "--show", "*/docsync/*", "-p",
                        "processor_options.filter_threshold=0.005", "-o", f"{profile}.txt"],
                       check=False)
        subprocess.run([*load, "-r", "text", "--show-all", "-p", "flat=true",
                        "-o", f"{profile}.flat.txt"], check=False)

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
