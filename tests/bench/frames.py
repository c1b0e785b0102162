"""DataFrame pane figures (issue 3): opening a session that shows a 1,000,000-row frame next
to one showing 20 rows (bytes sent, server CPU, time to the snapshot), and on the big frame
what a page turn and a new sort cost, measured from the browser's side of the socket; the
same page turns for a Tabulator with remote pagination (issue 14)."""

from __future__ import annotations

from typing import Any

from tests.bench.cases import Bench
from tests.bench.stats import median

__all__ = ["frame_open", "frame_paging", "tabulator_paging"]

MS = 1000.0
#: A different sort key per run: a key's first request sorts, later pages reuse the order.
SORT_KEYS = ([{"field": "x", "dir": "asc"}], [{"field": "label", "dir": "desc"}],
             [{"field": "x", "dir": "desc"}], [{"field": "n", "dir": "desc"}])


async def frame_open(bench: Bench) -> dict[str, Any]:
    """``Bench.open_sequential`` of bench_frame_1m and bench_frame_20, keys suffixed."""
    out: dict[str, Any] = {}
    for tag, app in (("1m", "bench_frame_1m"), ("20", "bench_frame_20")):
        result = await bench.open_sequential(app)
        for key in ("hello_p50_ms", "ws_bytes", "snapshot_json_bytes",
                    "server_cpu_ms_per_open"):
            out[f"{key}_{tag}"] = result[key]
    return out


async def frame_paging(bench: Bench) -> dict[str, Any]:
    """One session on bench_frame_1m: page turns in the frame's order, a new sort, then
    page turns in that order (each: edit sent -> the patch acking it received)."""
    out: dict[str, list[float]] = {k: [] for k in (
        "page_p50_ms", "page_bytes", "first_sort_ms", "sorted_page_p50_ms",
        "server_cpu_ms_per_page")}
    with bench.server("bench_frame_1m", tag="frame_paging") as srv:
        s = await bench.session(srv).open()
        frame = s.client.find("DataFrame")
        for i in range(20):  # warm up
            await s.set(frame, "page", 2 + i)
        for run in range(bench.runs):
            n = bench.n(200)
            bytes0, cpu0 = s.bytes_in, srv.cpu()
            lat = [await s.set(frame, "page", 100 + (i * 7919) % 49_000) for i in range(n)]
            out["server_cpu_ms_per_page"].append((srv.cpu() - cpu0) / n * MS)
            out["page_bytes"].append((s.bytes_in - bytes0) / n)
            out["page_p50_ms"].append(median(lat) * MS)
            key = SORT_KEYS[run % len(SORT_KEYS)]
            out["first_sort_ms"].append(await s.set(frame, "sort", key) * MS)
            lat = [await s.set(frame, "page", 100 + (i * 104_729) % 49_000) for i in range(n)]
            out["sorted_page_p50_ms"].append(median(lat) * MS)
            await s.set(frame, "sort", [])
        await s.close()
    return out


async def tabulator_paging(bench: Bench) -> dict[str, Any]:
    """One session on bench_tabulator_1m: remote page turns (``page`` sent -> the patch
    acking it received), their bytes and server CPU, then a new sort and pages of it."""
    out: dict[str, list[float]] = {k: [] for k in (
        "page_p50_ms", "page_bytes", "server_cpu_ms_per_page", "first_sort_ms",
        "sorted_page_p50_ms", "open_bytes")}
    with bench.server("bench_tabulator_1m", tag="tabulator_paging") as srv:
        s = await bench.session(srv).open()
        out["open_bytes"].append(float(s.bytes_in))
        table = s.client.find("Tabulator")
        for i in range(20):  # warm up
            await s.set(table, "page", 2 + i)
        for run in range(bench.runs):
            n = bench.n(200)
            bytes0, cpu0 = s.bytes_in, srv.cpu()
            lat = [await s.set(table, "page", 100 + (i * 7919) % 49_000) for i in range(n)]
            out["server_cpu_ms_per_page"].append((srv.cpu() - cpu0) / n * MS)
            out["page_bytes"].append((s.bytes_in - bytes0) / n)
            out["page_p50_ms"].append(median(lat) * MS)
            key = SORT_KEYS[run % len(SORT_KEYS)]
            out["first_sort_ms"].append(await s.set(table, "sorters", key) * MS)
            lat = [await s.set(table, "page", 100 + (i * 104_729) % 49_000) for i in range(n)]
            out["sorted_page_p50_ms"].append(median(lat) * MS)
            await s.set(table, "sorters", [])
        await s.close()
    return out
