"""The measured cases. Each runs its own server process and returns raw numbers per run."""

from __future__ import annotations

import asyncio
import gc
import os
import time
from dataclasses import dataclass
from typing import Any

from websockets.asyncio.client import connect

from docsync.testing import fetch
from tests.bench.client import BenchSession
from tests.bench.proc import ServerProcess
from tests.bench.stats import median, pct

__all__ = ["Bench"]

MS = 1000.0


def _client_cpu() -> float:
    t = os.times()
    return t.user + t.system


@dataclass
class Bench:
    """Shared settings of one benchmark run."""

    secret: str
    runs: int = 3
    scale: float = 1.0  # --quick shrinks sample counts
    profile_dir: str | None = None
    pyspy_dir: str | None = None

    def n(self, count: int) -> int:
        return max(10, int(count * self.scale))

    def server(self, app: str, *options: str, tag: str = "") -> ServerProcess:
        profile = None
        if self.profile_dir:
            profile = os.path.join(self.profile_dir, tag or app)
        pyspy = os.path.join(self.pyspy_dir, tag or app) if self.pyspy_dir else None
        return ServerProcess(app, *options, secret=self.secret, profile=profile, pyspy=pyspy)

    def session(self, srv: ServerProcess) -> BenchSession:
        return BenchSession(srv.ws_url, self.secret.encode())

    # -- baseline ------------------------------------------------------------------------

    async def echo(self) -> dict[str, Any]:
        """Round trip of a ~120-byte text frame through a bare websockets echo server."""
        srv = ServerProcess("", secret=self.secret, module="tests.bench.echo")
        try:
            frame = '{"type":"patch","cseq":1,"base":1,"ops":[{"op":"replace",' \
                    '"path":"/models/m2/props/value","value":42}]}'
            p50s = []
            async with connect(srv.ws_url, compression=None, ping_interval=None) as ws:
                for _ in range(200):  # warm up
                    await ws.send(frame)
                    await ws.recv()
                for _ in range(self.runs):
                    lat = []
                    for _ in range(self.n(1000)):
                        t0 = time.perf_counter()
                        await ws.send(frame)
                        await ws.recv()
                        lat.append(time.perf_counter() - t0)
                    p50s.append(median(lat) * MS)
            return {"rt_p50_ms": p50s}
        finally:
            srv.stop()

    # -- session open --------------------------------------------------------------------

    async def open_sequential(self, app: str) -> dict[str, Any]:
        """Sessions opened one after another (connect, hello → snapshot, close)."""
        with self.server(app, tag=f"open_{app}") as srv:
            for _ in range(20):  # warm up (imports, caches)
                await (await self.session(srv).open()).close()
            out: dict[str, list[float]] = {k: [] for k in (
                "hello_p50_ms", "hello_p99_ms", "connect_p50_ms", "total_p50_ms",
                "ws_bytes", "snapshot_json_bytes", "server_cpu_ms_per_open")}
            for _ in range(self.runs):
                hello, conn, total, sizes = [], [], [], []
                n = self.n(200)
                cpu0 = srv.cpu()
                for _ in range(n):
                    s = await self.session(srv).open()
                    hello.append(s.hello_s)
                    conn.append(s.connect_s)
                    total.append(s.hello_s + s.connect_s)
                    sizes.append(s.bytes_in)
                    doc_bytes = s.doc_json_bytes()
                    await s.close()
                out["server_cpu_ms_per_open"].append((srv.cpu() - cpu0) / n * MS)
                out["hello_p50_ms"].append(median(hello) * MS)
                out["hello_p99_ms"].append(pct(hello, 99) * MS)
                out["connect_p50_ms"].append(median(conn) * MS)
                out["total_p50_ms"].append(median(total) * MS)
                out["ws_bytes"].append(median(sizes))
                out["snapshot_json_bytes"].append(doc_bytes)
            return out

    async def open_concurrent(self, app: str, *, clients: int = 10,
                              duration: float = 2.0) -> dict[str, Any]:
        """``clients`` loops each opening and closing sessions back to back."""
        with self.server(app, tag=f"rate_{app}") as srv:
            for _ in range(20):
                await (await self.session(srv).open()).close()
            out: dict[str, list[float]] = {k: [] for k in (
                "opens_per_s", "server_cpu_ms_per_open", "server_cpu_pct", "client_cpu_pct",
                "open_p50_ms", "open_p99_ms")}
            duration *= max(self.scale, 0.5)
            for _ in range(self.runs):
                stop_at = time.perf_counter() + duration
                lat: list[float] = []

                async def worker(stop_at: float, lat: list[float]) -> None:
                    while time.perf_counter() < stop_at:
                        s = await self.session(srv).open()
                        lat.append(s.connect_s + s.hello_s)
                        await s.close()

                cpu0, ccpu0, t0 = srv.cpu(), _client_cpu(), time.perf_counter()
                await asyncio.gather(*(worker(stop_at, lat) for _ in range(clients)))
                elapsed = time.perf_counter() - t0
                cpu = srv.cpu() - cpu0
                out["opens_per_s"].append(len(lat) / elapsed)
                out["server_cpu_ms_per_open"].append(cpu / len(lat) * MS)
                out["server_cpu_pct"].append(cpu / elapsed * 100)
                out["client_cpu_pct"].append((_client_cpu() - ccpu0) / elapsed * 100)
                out["open_p50_ms"].append(median(lat) * MS)
                out["open_p99_ms"].append(pct(lat, 99) * MS)
            return out

    async def page(self, app: str) -> dict[str, Any]:
        """``GET /<app>`` (the page that carries the token) and the static bundle's size."""
        with self.server(app, tag=f"page_{app}") as srv:
            for _ in range(20):
                await fetch(srv.url)
            out: dict[str, list[float]] = {"page_p50_ms": [], "page_bytes": [],
                                           "server_cpu_ms_per_page": []}
            for _ in range(self.runs):
                lat = []
                n = self.n(200)
                cpu0 = srv.cpu()
                for _ in range(n):
                    t0 = time.perf_counter()
                    _, _, body = await fetch(srv.url)
                    lat.append(time.perf_counter() - t0)
                out["server_cpu_ms_per_page"].append((srv.cpu() - cpu0) / n * MS)
                out["page_p50_ms"].append(median(lat) * MS)
                out["page_bytes"].append(len(body))
            base = srv.url.rsplit("/", 1)[0]
            bundle = 0
            for name in ("docsync.js", "docsync.css"):
                _, _, body = await fetch(f"{base}/_docsync/static/{name}")
                bundle += len(body)
            out["static_bundle_bytes"] = [bundle]
            # A stop within milliseconds of a plain HTTP answer waits websockets'
            # close_timeout (10 s); let the last connection finish first.
            await asyncio.sleep(0.3)
            return out

    # -- memory --------------------------------------------------------------------------

    async def memory(self, app: str, *, compression: bool, n: int = 500) -> dict[str, Any]:
        """RSS growth of a fresh server over ``n`` sessions held open, per session.

        ``kib_per_session``: each client acks its snapshot as soon as it has it, as a
        browser does (within 1 s); the ack frees the snapshot from the replay log, and the
        next sessions reuse that memory, as on a server that opens sessions all day.
        ``kib_per_session_unacked``: then ``n`` more sessions whose clients never ack.
        ``kib_per_session_ack_late`` (the figure before issue 13's memory work): those acked
        only after all of them were opened; the freed snapshots lie between live objects, so
        the allocator keeps most of them (the RSS hardly falls).
        """
        n = self.n(n)
        out: dict[str, list[float]] = {"kib_per_session": [], "kib_per_session_unacked": [],
                                       "kib_per_session_ack_late": [], "rss_idle_kib": [],
                                       "rss_kib": [], "ws_bytes": []}
        options = ("--compression",) if compression else ()
        tag = f"mem_{app}{'_deflate' if compression else ''}"
        for _ in range(max(1, self.runs - 1)):
            with self.server(app, *options, tag=tag) as srv:
                idle = srv.rss()
                held: list[BenchSession] = []
                comp = "deflate" if compression else None
                await self._open_many(srv, held, 20, comp, ack=True)  # warm up: imports, caches
                rss0 = await srv.settled_rss()
                await self._open_many(srv, held, n, comp, ack=True)
                rss1 = await srv.settled_rss()
                out["kib_per_session"].append((rss1 - rss0) / n)
                out["rss_idle_kib"].append(idle)
                out["rss_kib"].append(rss1)
                out["ws_bytes"].append(median([s.bytes_in for s in held]))
                late: list[BenchSession] = []
                await self._open_many(srv, late, n, comp, ack=False)
                rss2 = await srv.settled_rss()
                out["kib_per_session_unacked"].append((rss2 - rss1) / n)
                await self._ack_all(late)
                out["kib_per_session_ack_late"].append((await srv.settled_rss() - rss1) / n)
                await asyncio.gather(*(s.close() for s in held + late))
        return out

    async def _open_many(self, srv: ServerProcess, held: list[BenchSession], count: int,
                         compression: str | None, *, ack: bool) -> None:
        """Open ``count`` sessions, 10 at a time, appending them to ``held``; with ``ack``
        each acks its snapshot at once (what a browser does within a second)."""
        sem = asyncio.Semaphore(10)

        async def one() -> None:
            async with sem:
                s = await self.session(srv).open(compression=compression)
                if ack and s.ws is not None:
                    await s.ws.send(s.client.ack())
                held.append(s)

        await asyncio.gather(*(one() for _ in range(count)))

    @staticmethod
    async def _ack_all(held: list[BenchSession]) -> None:
        """What a browser's ack timer does within a second of the snapshot."""
        for s in held:
            if s.ws is not None:
                await s.ws.send(s.client.ack())

    # -- round trips ---------------------------------------------------------------------

    async def round_trip(self) -> dict[str, Any]:
        """One session: set the slider, wait for the patch with the new Markdown."""
        with self.server("bench_hello", tag="rt_single") as srv:
            s = await self.session(srv).open()
            slider = s.client.find("IntSlider")
            markdown = s.client.find("Markdown")
            for i in range(100):
                await s.set(slider, "value", i % 1000)
            out: dict[str, list[float]] = {"p50_ms": [], "p99_ms": [],
                                           "server_cpu_us_per_rt": []}
            value = 0
            for _ in range(self.runs):
                lat = []
                n = self.n(1000)
                cpu0 = srv.cpu()
                for _ in range(n):
                    value = (value + 7) % 1000
                    lat.append(await s.set(slider, "value", value))
                out["server_cpu_us_per_rt"].append((srv.cpu() - cpu0) / n * 1e6)
                out["p50_ms"].append(median(lat) * MS)
                out["p99_ms"].append(pct(lat, 99) * MS)
            if f"**{value}**" not in s.client.prop(markdown, "object"):
                raise AssertionError("the Markdown did not follow the slider")
            await s.close()
            return out

    async def round_trip_concurrent(self, *options: str, sessions: int = 100,
                                    per_session: int = 50) -> dict[str, Any]:
        """``sessions`` sessions each doing back-to-back round trips (closed loop), on a
        server started with ``options`` (``--server asgi``)."""
        tag = "rt_concurrent" + "".join(o.strip("-").replace("-", "_") for o in options)
        with self.server("bench_hello", *options, tag=tag) as srv:
            held = [await self.session(srv).open() for _ in range(sessions)]
            out: dict[str, list[float]] = {k: [] for k in (
                "p50_ms", "p99_ms", "max_ms", "rt_per_s", "server_cpu_pct", "client_cpu_pct",
                "server_cpu_us_per_rt")}

            async def loop(s: BenchSession, count: int, lat: list[float]) -> None:
                slider = s.client.find("IntSlider")
                for i in range(count):
                    lat.append(await s.set(slider, "value", (i * 13) % 1000))

            await asyncio.gather(*(loop(s, 5, []) for s in held))  # warm up
            for _ in range(self.runs):
                lat: list[float] = []
                cpu0, ccpu0, t0 = srv.cpu(), _client_cpu(), time.perf_counter()
                await asyncio.gather(*(loop(s, self.n(per_session), lat) for s in held))
                elapsed = time.perf_counter() - t0
                cpu = srv.cpu() - cpu0
                out["p50_ms"].append(median(lat) * MS)
                out["p99_ms"].append(pct(lat, 99) * MS)
                out["max_ms"].append(max(lat) * MS)
                out["rt_per_s"].append(len(lat) / elapsed)
                out["server_cpu_pct"].append(cpu / elapsed * 100)
                out["client_cpu_pct"].append((_client_cpu() - ccpu0) / elapsed * 100)
                out["server_cpu_us_per_rt"].append(cpu / len(lat) * 1e6)
            await asyncio.gather(*(s.close() for s in held))
            return out

    # -- periodic updates ----------------------------------------------------------------

    async def periodic(self, *, sessions: int = 200, window: float = 4.0) -> dict[str, Any]:
        """``sessions`` sessions whose app updates a Markdown at 10 Hz; count deliveries."""
        with self.server("bench_tick", tag="periodic") as srv:
            held = []
            for _ in range(sessions):
                held.append(await self.session(srv).open())
            counts = [0] * sessions

            async def reader(i: int, s: BenchSession) -> None:
                while True:
                    message = await s.recv()
                    if message["type"] == "patch" and message["ops"]:
                        counts[i] += 1

            tasks = [asyncio.create_task(reader(i, s)) for i, s in enumerate(held)]
            await asyncio.sleep(1.0)
            out: dict[str, list[float]] = {"updates_per_s": [], "server_cpu_pct": [],
                                           "client_cpu_pct": [], "server_rss_kib": [],
                                           "server_cpu_us_per_update": []}
            window *= max(self.scale, 0.5)
            for _ in range(self.runs):
                c0, cpu0, ccpu0, t0 = sum(counts), srv.cpu(), _client_cpu(), time.perf_counter()
                await asyncio.sleep(window)
                elapsed = time.perf_counter() - t0
                cpu, delivered = srv.cpu() - cpu0, sum(counts) - c0
                out["updates_per_s"].append(delivered / elapsed)
                out["server_cpu_pct"].append(cpu / elapsed * 100)
                out["server_cpu_us_per_update"].append(cpu / max(delivered, 1) * 1e6)
                out["client_cpu_pct"].append((_client_cpu() - ccpu0) / elapsed * 100)
                out["server_rss_kib"].append(srv.rss())
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await asyncio.gather(*(s.close() for s in held))
            gc.collect()
            return out
