"""The floors docsync's figures are compared with, measured in the same run (issue 13):
a bare websockets echo server's CPU per message under 100 clients back to back, a bare
broadcast's CPU per frame to 200 clients at 10 Hz, and a cost model of our own path in
this process (JSON encode of one patch, one param set, param's floor of a round trip)."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import param
from websockets.asyncio.client import connect

import docsync as ds
from tests.bench.proc import ServerProcess

__all__ = ["broadcast_cpu", "cost_model", "echo_cpu"]

FRAME = ('{"type":"patch","cseq":1,"base":1,"ops":[{"op":"replace",'
         '"path":"/models/m2/props/value","value":42}]}')


async def echo_cpu(secret: str, runs: int, n: int, *options: str,
                   clients: int = 100) -> dict[str, Any]:
    """Server CPU per echoed message, ``clients`` connections each sending back to back
    (the shape of docsync's ``rt_concurrent`` case); ``options``: ``--threaded`` (see
    ``tests/bench/echo.py``)."""
    srv = ServerProcess("", *options, secret=secret, module="tests.bench.echo")
    try:
        sockets = [await connect(srv.ws_url, compression=None, ping_interval=None)
                   for _ in range(clients)]

        async def loop(ws: Any, count: int) -> None:
            for _ in range(count):
                await ws.send(FRAME)
                await ws.recv()

        await asyncio.gather(*(loop(ws, 5) for ws in sockets))  # warm up
        out: dict[str, list[float]] = {"server_cpu_us_per_msg": []}
        for _ in range(runs):
            cpu0 = srv.cpu()
            await asyncio.gather(*(loop(ws, n) for ws in sockets))
            out["server_cpu_us_per_msg"].append((srv.cpu() - cpu0) / (n * clients) * 1e6)
        for ws in sockets:
            await ws.close()
        return out
    finally:
        srv.stop()


async def broadcast_cpu(secret: str, runs: int, window: float, *options: str,
                        clients: int = 200) -> dict[str, Any]:
    """Server CPU per frame delivered by a bare server sending each of ``clients`` a
    60-byte frame at 10 Hz (``options``: ``--per-client``, ``--threaded``; see
    ``tests/bench/broadcast.py``)."""
    srv = ServerProcess("", *options, secret=secret, module="tests.bench.broadcast")
    try:
        sockets = [await connect(srv.ws_url, compression=None, ping_interval=None)
                   for _ in range(clients)]
        counts = [0] * clients

        async def reader(i: int, ws: Any) -> None:
            async for _ in ws:
                counts[i] += 1

        tasks = [asyncio.create_task(reader(i, ws)) for i, ws in enumerate(sockets)]
        await asyncio.sleep(1.0)
        out: dict[str, list[float]] = {"server_cpu_us_per_frame": [], "frames_per_s": []}
        for _ in range(runs):
            c0, cpu0, t0 = sum(counts), srv.cpu(), time.perf_counter()
            await asyncio.sleep(window)
            frames = sum(counts) - c0
            out["server_cpu_us_per_frame"].append((srv.cpu() - cpu0) / max(frames, 1) * 1e6)
            out["frames_per_s"].append(frames / (time.perf_counter() - t0))
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for ws in sockets:
            await ws.close()
        return out
    finally:
        srv.stop()


class _Source(param.Parameterized):
    value = param.Integer(default=0, bounds=(0, 1000))


class _Shown(param.Parameterized):
    object = param.String(default="")


def cost_model(runs: int, n: int) -> dict[str, Any]:
    """In this process: µs to JSON-encode one patch frame, to set one param value with a
    watcher (what one client edit costs at least, with no transport), and param's own
    floor of the slider → Markdown round trip: two bare ``param.Parameterized`` objects,
    the first's watcher formatting its value into the second, whose watcher records it
    (the sets, validations and watcher calls the round trip cannot do without)."""
    patch = {"seq": 12, "type": "patch", "cseq": 3,
             "ops": [{"op": "replace", "path": "/models/m2/props/value", "value": 42},
                     {"op": "replace", "path": "/models/m4/props/object",
                      "value": "The value is **42**"}]}
    slider = ds.widgets.IntSlider(name="x", start=0, end=1000)
    seen: list[Any] = []
    slider.param.watch(lambda e: seen.append(e.new), "value")
    source, shown = _Source(), _Shown()
    source.param.watch(
        lambda e: setattr(shown, "object", f"**{e.new}** squared is **{e.new * e.new}**"),
        "value")
    shown.param.watch(lambda e: seen.append(e.new), "object")
    out: dict[str, list[float]] = {"json_encode_us": [], "param_set_us": [],
                                   "param_chain_us": []}
    for _ in range(runs):
        t0 = time.perf_counter()
        for _ in range(n):
            json.dumps(patch, separators=(",", ":"))
        out["json_encode_us"].append((time.perf_counter() - t0) / n * 1e6)
        t0 = time.perf_counter()
        for i in range(n):
            slider.value = i % 1000
        out["param_set_us"].append((time.perf_counter() - t0) / n * 1e6)
        t0 = time.perf_counter()
        for i in range(n):
            source.value = i % 1000
        out["param_chain_us"].append((time.perf_counter() - t0) / n * 1e6)
        seen.clear()
    return out
