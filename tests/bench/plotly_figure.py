"""Plotly pane figure (issue 14): the bytes sent when one trace of a five-trace figure
changes, against the figure's whole JSON, measured from the browser's side of the socket."""

from __future__ import annotations

import json
import time
from typing import Any

from tests.bench.cases import Bench
from tests.bench.stats import median

__all__ = ["figure_update"]

MS = 1000.0


async def figure_update(bench: Bench) -> dict[str, Any]:
    """One session on bench_plotly: the slider redraws trace 0; per change, the bytes
    received until the figure's patch arrived (the slider's ack included) and the time."""
    out: dict[str, list[float]] = {"update_bytes": [], "figure_bytes": [], "update_p50_ms": []}
    with bench.server("bench_plotly", tag="plotly_update") as srv:
        s = await bench.session(srv).open()
        slider, plot = s.client.find("IntSlider"), s.client.find("Plotly")
        path = f"/models/{plot}/props/figure"
        value = 0
        for _ in range(bench.runs):
            sizes, lat = [], []
            for _ in range(bench.n(50)):
                value += 1
                bytes0, t0 = s.bytes_in, time.perf_counter()
                assert s.ws is not None
                await s.ws.send(s.client.set(slider, "value", value))
                while not any(op["path"].startswith(path) for op in
                              (await s.recv()).get("ops", [])):
                    pass
                lat.append(time.perf_counter() - t0)
                sizes.append(s.bytes_in - bytes0)
            out["update_bytes"].append(median(sizes))
            out["update_p50_ms"].append(median(lat) * MS)
            out["figure_bytes"].append(len(json.dumps(s.client.prop(plot, "figure"),
                                                      separators=(",", ":"))))
        await s.close()
    return out
