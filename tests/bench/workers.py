"""Bench cases for ``--num-procs``: one process against two workers, in the same run.

Each run measures the single process, then ``--num-procs 2`` (acceptor + 2 workers), with
the same clients, so the ratio compares like with like. Server CPU is that of the whole
process tree (acceptor and workers). Sessions connect with ``?session=ID`` in the
WebSocket URL, as pages do, so the acceptor routes each to its worker.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path
from typing import Any

from tests.bench.client import BenchSession
from tests.bench.proc import ServerProcess, cpu_seconds
from tests.bench.stats import median, pct

__all__ = ["WorkerBench", "tree_cpu"]

MS = 1000.0
CONFIGS = {"1": (), "2": ("--num-procs", "2")}  # label → extra `docsync serve` options


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        kids += [int(k) for k in text]
    return kids


def tree_cpu(pid: int) -> float:
    """CPU seconds of ``pid`` and its live descendants (the acceptor and its workers)."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += cpu_seconds(p)
            todo += _children(p)
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


class WorkerBench:
    """Sessions per second and round-trip latency, single process vs two workers."""

    def __init__(self, *, secret: str, runs: int, scale: float) -> None:
        self.secret = secret
        self.runs = runs
        self.scale = scale

    @classmethod
    def like(cls, bench: Any) -> WorkerBench:
        """With the secret, runs and scale of the main :class:`~tests.bench.cases.Bench`."""
        return cls(secret=bench.secret, runs=bench.runs, scale=bench.scale)

    def n(self, count: int) -> int:
        return max(10, int(count * self.scale))

    def session(self, srv: ServerProcess) -> BenchSession:
        s = BenchSession(srv.ws_url, self.secret.encode())
        s.ws_url += "?session=" + s.client.token.split(".")[0]
        return s

    def _server(self, label: str) -> ServerProcess:
        return ServerProcess("bench_hello", *CONFIGS[label], secret=self.secret)

    async def open_rate(self, *, clients: int = 10, duration: float = 2.0) -> dict[str, Any]:
        """``clients`` loops each opening and closing hello sessions back to back."""
        out: dict[str, list[float]] = {}
        duration *= max(self.scale, 0.5)
        servers = {label: self._server(label) for label in CONFIGS}
        try:
            for srv in servers.values():  # warm up every worker (imports, caches)
                for _ in range(40):
                    await (await self.session(srv).open()).close()
            for _ in range(self.runs):
                for label, srv in servers.items():
                    lat: list[float] = []

                    async def loop(srv: ServerProcess, stop_at: float, lat: list[float]) -> None:
                        while time.perf_counter() < stop_at:
                            s = await self.session(srv).open()
                            lat.append(s.connect_s + s.hello_s)
                            await s.close()

                    cpu0, ccpu0, t0 = tree_cpu(srv.pid), _own_cpu(), time.perf_counter()
                    await asyncio.gather(*(loop(srv, t0 + duration, lat)
                                           for _ in range(clients)))
                    elapsed = time.perf_counter() - t0
                    cpu = tree_cpu(srv.pid) - cpu0
                    _add(out, f"client_cpu_pct_{label}", (_own_cpu() - ccpu0) / elapsed * 100)
                    _add(out, f"opens_per_s_{label}", len(lat) / elapsed)
                    _add(out, f"open_p99_ms_{label}", pct(lat, 99) * MS)
                    _add(out, f"server_cpu_ms_per_open_{label}", cpu / len(lat) * MS)
        finally:
            for srv in servers.values():
                srv.stop()
        return out

    async def round_trips(self, *, sessions: int = 100, per_session: int = 50
                          ) -> dict[str, Any]:
        """``sessions`` sessions each doing back-to-back slider → Markdown round trips."""
        out: dict[str, list[float]] = {}
        servers = {label: self._server(label) for label in CONFIGS}
        held: dict[str, list[BenchSession]] = {}
        try:
            for label, srv in servers.items():
                held[label] = [await self.session(srv).open() for _ in range(sessions)]

            async def loop(s: BenchSession, count: int, lat: list[float]) -> None:
                slider = s.client.find("IntSlider")
                for i in range(count):
                    lat.append(await s.set(slider, "value", (i * 13) % 1000))

            for label in servers:  # warm up
                await asyncio.gather(*(loop(s, 5, []) for s in held[label]))
            for _ in range(self.runs):
                for label, srv in servers.items():
                    lat: list[float] = []
                    cpu0, ccpu0, t0 = tree_cpu(srv.pid), _own_cpu(), time.perf_counter()
                    await asyncio.gather(*(loop(s, self.n(per_session), lat)
                                           for s in held[label]))
                    elapsed = time.perf_counter() - t0
                    _add(out, f"client_cpu_pct_{label}", (_own_cpu() - ccpu0) / elapsed * 100)
                    _add(out, f"p50_ms_{label}", median(lat) * MS)
                    _add(out, f"p99_ms_{label}", pct(lat, 99) * MS)
                    _add(out, f"rt_per_s_{label}", len(lat) / elapsed)
                    _add(out, f"server_cpu_pct_{label}",
                         (tree_cpu(srv.pid) - cpu0) / elapsed * 100)
        finally:
            for label in held:
                await asyncio.gather(*(s.close() for s in held[label]))
            for srv in servers.values():
                srv.stop()
        return out


def _own_cpu() -> float:
    t = os.times()
    return t.user + t.system


def _add(out: dict[str, list[float]], key: str, value: float) -> None:
    out.setdefault(key, []).append(value)
