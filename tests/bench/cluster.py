"""Bench cases for Redis (issue 7): what session persistence costs a round trip.

One real ``redis-server`` on a free loopback port; the same app served with ``--redis`` and
``--no-persist`` (messages only), then with persistence (every client edit saved before it
is acknowledged). A round trip here ends when the edit's acknowledgement arrives: with
persistence, that is after the save. The slider's Markdown itself does not wait for it.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import time
from typing import Any

from tests.bench.client import BenchSession
from tests.bench.proc import ServerProcess, cpu_seconds
from tests.bench.stats import median, pct

__all__ = ["ClusterBench"]

MS = 1000.0
CONFIGS = {"off": ("--no-persist",), "on": ("--persist",)}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Redis:
    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise FileNotFoundError("redis-server")
        self.port = _free_port()
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait(5)


def _add(out: dict[str, list[float]], key: str, value: float) -> None:
    out.setdefault(key, []).append(value)


class ClusterBench:
    """The acknowledged round trip, with Redis, persistence off and on, in the same run."""

    def __init__(self, *, secret: str, runs: int, scale: float) -> None:
        self.secret = secret
        self.runs = runs
        self.scale = scale

    @classmethod
    def like(cls, bench: Any) -> ClusterBench:
        return cls(secret=bench.secret, runs=bench.runs, scale=bench.scale)

    def n(self, count: int) -> int:
        return max(10, int(count * self.scale))

    async def round_trips(self) -> dict[str, Any]:
        """One session: set the slider, wait for the acknowledgement (PROTOCOL.md §6)."""
        try:
            store = _Redis()
        except (FileNotFoundError, OSError):
            return {}  # "not run": no redis-server here
        out: dict[str, list[float]] = {}
        servers = {label: ServerProcess("bench_hello", "--redis", store.url, *options,
                                        secret=self.secret)
                   for label, options in CONFIGS.items()}
        try:
            sessions = {label: await BenchSession(srv.ws_url, self.secret.encode()).open()
                        for label, srv in servers.items()}
            for s in sessions.values():  # warm up
                slider = s.client.find("IntSlider")
                for i in range(100):
                    await s.set(slider, "value", i % 1000)
            value = 0
            for _ in range(self.runs):
                for label, s in sessions.items():
                    slider = s.client.find("IntSlider")
                    lat: list[float] = []
                    n = self.n(1000)
                    cpu0, redis0 = servers[label].cpu(), cpu_seconds(store.proc.pid)
                    for _ in range(n):
                        value = (value + 7) % 1000
                        lat.append(await s.set(slider, "value", value))
                    _add(out, f"p50_ms_{label}", median(lat) * MS)
                    _add(out, f"p99_ms_{label}", pct(lat, 99) * MS)
                    _add(out, f"server_cpu_us_per_rt_{label}",
                         (servers[label].cpu() - cpu0) / n * 1e6)
                    _add(out, f"redis_cpu_us_per_rt_{label}",
                         (cpu_seconds(store.proc.pid) - redis0) / n * 1e6)
            await asyncio.gather(*(s.close() for s in sessions.values()))
        finally:
            for srv in servers.values():
                srv.stop()
            store.stop()
        return out
