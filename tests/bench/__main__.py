"""``python -m tests.bench``: run every case, print the figures against their targets."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import secrets
import sys
import time
from collections.abc import Callable
from typing import Any

import websockets

from tests.bench import cache as cache_bench
from tests.bench import chat as chat_bench
from tests.bench import floor
from tests.bench import frames as frame_bench
from tests.bench import many as many_bench
from tests.bench import plotly_figure as plotly_bench
from tests.bench.cases import Bench
from tests.bench.cluster import ClusterBench
from tests.bench.stats import median
from tests.bench.workers import WorkerBench

APPS_TEXT = """\
apps (tests/bench/apps/):
  bench_hello  Column(IntSlider, bind(f, slider)): 4 models (Column, IntSlider,
               ParamFunction, Markdown)
  bench_wide   20 widgets: 10 IntSliders, 5 TextInputs, 5 Selects, each followed by a
               bind()-ed Markdown: 61 models
  bench_tick   one Markdown that each session updates at 10 Hz, with {tick}
  bench_chat   a ChatInterface whose async generator streams a 2,000-token reply
  bench_frame_1m / bench_frame_20  one DataFrame pane over 1,000,000 rows (int, float and
               string columns) / over its first 20 rows; both send one 20-row page
  bench_tabulator_1m  one Tabulator over the same 1,000,000 rows, pagination="remote",
               20-row pages
method: one `python -m docsync serve APP --port 0` child per case, measured through /proc
  (utime+stime, VmRSS); clients in this process over loopback (websockets client, no
  compression unless stated); tokens minted with a shared DOCSYNC_SECRET_KEY, so a session
  open is connect + hello -> welcome + snapshot (the page GET is listed separately).
  Figures are medians over runs."""


def _m(results: dict[str, Any], case: str, key: str) -> float:
    values = results.get(case, {}).get(key)
    return median(values) if values else float("nan")


def _rows(r: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(figure, measured, target, verdict) rows."""
    rows: list[tuple[str, str, str, str]] = []

    def add(figure: str, measured: str, target: str, ok: bool | None) -> None:
        if "nan" in measured:
            measured, ok = "not run", None
        verdict = "info" if ok is None else ("pass" if ok else "MISS")
        rows.append((figure, measured, target, verdict))

    def both(case_a: str, case_b: str, key: str) -> tuple[float, float]:
        return _m(r, case_a, key), _m(r, case_b, key)

    echo = _m(r, "echo", "rt_p50_ms")
    add("baseline: bare websockets echo round trip, p50", f"{echo:.3f} ms",
        "(ref ~0.09 ms)", None)
    hello = _m(r, "open_seq_hello", "hello_p50_ms")
    add("hello session open (hello sent -> snapshot applied), sequential, p50",
        f"{hello:.2f} ms", "<= 2 ms", hello <= 2)
    wide = _m(r, "open_seq_wide", "hello_p50_ms")
    add("20-widget session open (same), p50", f"{wide:.2f} ms", "-", None)
    conn = _m(r, "open_seq_hello", "connect_p50_ms")
    add("  (WebSocket connect + upgrade before the hello, p50)", f"{conn:.2f} ms", "-", None)
    rate = _m(r, "open_rate_hello", "opens_per_s")
    add("hello sessions opened per second, 10 concurrent clients", f"{rate:.0f} /s",
        ">= 400", rate >= 400)
    rate_w = _m(r, "open_rate_wide", "opens_per_s")
    add("20-widget sessions opened per second, 10 concurrent clients", f"{rate_w:.0f} /s",
        "-", None)
    for comp in ("", "_deflate"):
        h, w = both(f"mem_hello{comp}", f"mem_wide{comp}", "kib_per_session")
        label = " (--compression)" if comp else ""
        add(f"server memory per open session after its ack, hello / 20-widget{label}",
            f"{h:.1f} / {w:.1f} KiB", "<= 25 / <= 80 KiB", h <= 25 and w <= 80)
        h, w = both(f"mem_hello{comp}", f"mem_wide{comp}", "kib_per_session_unacked")
        add("  (same, clients that never ack the snapshot)", f"{h:.1f} / {w:.1f} KiB", "-",
            None)
        h, w = both(f"mem_hello{comp}", f"mem_wide{comp}", "kib_per_session_ack_late")
        add("  (same, acked only once all were open: the figure before issue 13)",
            f"{h:.1f} / {w:.1f} KiB", "-", None)
    h, w = both("open_rate_hello", "open_rate_wide", "server_cpu_ms_per_open")
    add("server CPU per session open, hello / 20-widget (loaded, incl. close)",
        f"{h:.2f} / {w:.2f} ms", "(Panel 21 / 61-70 ms)", None)
    h, w = both("open_seq_hello", "open_seq_wide", "ws_bytes")
    add("bytes sent per session (WebSocket, upgrade incl.), hello / 20-widget",
        f"{h / 1024:.2f} / {w / 1024:.2f} KiB", "(Panel 100-230 / 709 KiB)", None)
    h, w = both("mem_hello_deflate", "mem_wide_deflate", "ws_bytes")
    add("  same with --compression", f"{h / 1024:.2f} / {w / 1024:.2f} KiB", "-", None)
    page, bundle = _m(r, "page_hello", "page_bytes"), _m(r, "page_hello", "static_bundle_bytes")
    add("  plus page HTML / static bundle (js+css, cacheable)",
        f"{page / 1024:.2f} / {bundle / 1024:.1f} KiB", "-", None)
    p50, p99 = _m(r, "rt_single", "p50_ms"), _m(r, "rt_single", "p99_ms")
    add("slider -> markdown round trip, 1 session, p50 / p99", f"{p50:.2f} / {p99:.2f} ms",
        "<= 1 / <= 3 ms", p50 <= 1 and p99 <= 3)
    p99c = _m(r, "rt_concurrent", "p99_ms")
    add("same, 100 sessions each doing round trips back to back, p99", f"{p99c:.1f} ms",
        "<= 20 ms", p99c <= 20)
    floor_msg = _m(r, "echo_cpu", "server_cpu_us_per_msg")
    per_rt = _m(r, "rt_concurrent", "server_cpu_us_per_rt")
    per_rt_asgi = _m(r, "rt_concurrent_asgi", "server_cpu_us_per_rt")
    add("floor: bare websockets echo, server CPU per message, 100 clients back to back",
        f"{floor_msg:.0f} us", "-", None)
    add("server CPU per slider -> markdown round trip, 100 sessions / x the echo floor",
        f"{per_rt:.0f} us / x{per_rt / floor_msg:.1f}", "<= x3", per_rt / floor_msg <= 3)
    threaded_msg = _m(r, "echo_cpu_threaded", "server_cpu_us_per_msg")
    add("  floor: the echo with each message handed to a worker thread and back (DESIGN.md "
        "section 4's shape) / x the echo floor / docsync x this floor",
        f"{threaded_msg:.0f} us / x{threaded_msg / floor_msg:.1f} / x{per_rt / threaded_msg:.1f}",
        "-", None)
    add("  same with --server asgi (uvicorn)",
        f"{per_rt_asgi:.0f} us / x{per_rt_asgi / floor_msg:.1f}", "-", None)
    p99a = _m(r, "rt_concurrent_asgi", "p99_ms")
    add("  round trip p99, 100 sessions, --server asgi", f"{p99a:.1f} ms", "-", None)
    per_frame = _m(r, "broadcast", "server_cpu_us_per_frame")
    per_update = _m(r, "periodic", "server_cpu_us_per_update")
    add("floor: bare broadcast, server CPU per 60-byte frame, 200 clients at 10 Hz",
        f"{per_frame:.1f} us", "-", None)
    add("server CPU per delivered update, 200 sessions at 10 Hz / x the broadcast floor",
        f"{per_update:.0f} us / x{per_update / per_frame:.1f}", "<= x3",
        per_update / per_frame <= 3)
    for case, what in (("broadcast_per_client", "a timer per client"),
                       ("broadcast_threaded", "a timer per client and each tick in a worker "
                                              "thread (DESIGN.md section 4's shape)")):
        floor_frame = _m(r, case, "server_cpu_us_per_frame")
        add(f"  floor: the broadcast with {what} / x the broadcast floor / docsync x this "
            "floor", f"{floor_frame:.1f} us / x{floor_frame / per_frame:.1f} / "
            f"x{per_update / floor_frame:.1f}", "-", None)
    enc, pset = _m(r, "cost_model", "json_encode_us"), _m(r, "cost_model", "param_set_us")
    add("cost model in-process: JSON encode of one patch / one param set with a watcher",
        f"{enc:.1f} / {pset:.1f} us", "-", None)
    chain = _m(r, "cost_model", "param_chain_us")
    add("  param's floor of a round trip (set, watcher, set, watcher on bare objects) / "
        "x the echo floor", f"{chain:.1f} us / x{chain / floor_msg:.2f}", "-", None)
    ups, cpu = _m(r, "periodic", "updates_per_s"), _m(r, "periodic", "server_cpu_pct")
    add("200 sessions with a 10 Hz update: delivered updates/s", f"{ups:.0f} /s",
        ">= 1,960 /s (98% of 2,000)", ups >= 1960)
    add("  server CPU for it", f"{cpu:.1f} % of a core", "<= 25 %", cpu <= 25)
    for case, key, figure, unit in (
            ("workers_open", "opens_per_s", "hello sessions opened per second, 10 concurrent "
             "clients: 1 process / --num-procs 2", "/s"),
            ("workers_open", "server_cpu_ms_per_open", "  server CPU per session open (the "
             "process tree, acceptor included)", "ms"),
            ("workers_rt", "p99_ms", "slider -> markdown round trip p99, 100 sessions back to "
             "back: 1 process / --num-procs 2", "ms")):
        one, two = r.get(case, {}).get(f"{key}_1", []), r.get(case, {}).get(f"{key}_2", [])
        ratio = median([b / a for a, b in zip(one, two, strict=True) if a]) if one else 0.0
        add(figure, f"{median(one):.1f} / {median(two):.1f} {unit} (x{ratio:.2f}, per-run "
            "ratios' median)", "-", None)
    for key, figure, unit in (
            ("p50_ms", "slider round trip to its ack, 1 session, with Redis: sessions not "
             "saved / saved (ack after the save), p50", "ms"),
            ("p99_ms", "  same, p99", "ms"),
            ("server_cpu_us_per_rt", "  server CPU per round trip, same", "us"),
            ("redis_cpu_us_per_rt", "  redis-server CPU per round trip, same", "us")):
        off, on = _m(r, "redis_rt", f"{key}_off"), _m(r, "redis_rt", f"{key}_on")
        add(figure, f"{off:.2f} / {on:.2f} {unit}", "-", None)
    frame, strings = _m(r, "cache_frame", "hit_ms"), _m(r, "cache_frame", "strings_hit_ms")
    add(f"ds.cache hit, DataFrame argument of {cache_bench.FRAME_TEXT}", f"{frame:.1f} ms",
        "<= 20 ms", frame <= 20)
    add("  same, one column of 1,000,000 Python strings", f"{strings:.0f} ms", "-", None)
    small = _m(r, "cache_small", "overhead_us")
    add("ds.cache hit overhead, small arguments f(42, 'abc')", f"{small:.1f} us", "<= 20 us",
        small <= 20)
    big, small_frame = _m(r, "frame_open", "ws_bytes_1m"), _m(r, "frame_open", "ws_bytes_20")
    add("bytes sent per session, DataFrame pane of 1,000,000 / 20 rows",
        f"{big / 1024:.2f} / {small_frame / 1024:.2f} KiB", "same (one page each)",
        abs(big - small_frame) < 1024)
    big, small_frame = _m(r, "frame_open", "server_cpu_ms_per_open_1m"), \
        _m(r, "frame_open", "server_cpu_ms_per_open_20")
    add("  server CPU per session open, same", f"{big:.2f} / {small_frame:.2f} ms", "-", None)
    big, small_frame = _m(r, "frame_open", "hello_p50_ms_1m"), \
        _m(r, "frame_open", "hello_p50_ms_20")
    add("  session open (hello -> snapshot), p50, same", f"{big:.2f} / {small_frame:.2f} ms",
        "-", None)
    page, page_bytes = _m(r, "frame_paging", "page_p50_ms"), _m(r, "frame_paging", "page_bytes")
    add("1,000,000-row DataFrame: next page round trip p50 / bytes", f"{page:.2f} ms / "
        f"{page_bytes / 1024:.2f} KiB", "-", None)
    first, sorted_page = _m(r, "frame_paging", "first_sort_ms"), \
        _m(r, "frame_paging", "sorted_page_p50_ms")
    add("  a new sort key (sorts 1,000,000 rows) / then a page of it, p50",
        f"{first:.0f} / {sorted_page:.2f} ms", "-", None)
    rate, cpu = _m(r, "chat_stream", "tokens_per_s"), _m(r, "chat_stream",
                                                         "server_cpu_us_per_token")
    per, patches = _m(r, "chat_stream", "bytes_per_token"), _m(r, "chat_stream",
                                                                "patches_per_reply")
    add("chat reply of 2,000 tokens at full speed: tokens/s delivered to the page",
        f"{rate:,.0f} /s", "-", None)
    add("  server CPU / bytes received per token (patches per reply)",
        f"{cpu:.0f} us / {per:.0f} B ({patches:.0f})", "-", None)
    page, page_bytes = _m(r, "tabulator_paging", "page_p50_ms"), \
        _m(r, "tabulator_paging", "page_bytes")
    add("Tabulator remote paging of 1,000,000 rows: page round trip p50 / bytes",
        f"{page:.2f} ms / {page_bytes / 1024:.2f} KiB", "one page", None)
    opened = _m(r, "tabulator_paging", "open_bytes")
    cpu = _m(r, "tabulator_paging", "server_cpu_ms_per_page")
    add("  same: bytes to open the session / server CPU per page", f"{opened / 1024:.2f} KiB"
        f" / {cpu:.2f} ms", "-", None)
    first, sorted_page = _m(r, "tabulator_paging", "first_sort_ms"), \
        _m(r, "tabulator_paging", "sorted_page_p50_ms")
    add("  a new sort key / then a page of it, p50", f"{first:.0f} / {sorted_page:.2f} ms",
        "-", None)
    count, mib = _m(r, "many_hello", "sessions"), _m(r, "many_hello", "rss_growth_mib")
    per, p99m = _m(r, "many_hello", "kib_per_session"), _m(r, "many_hello", "p99_ms")
    held = f"{count:,.0f}" if count == count else "10,000"  # nan when not run
    add(f"{held} open hello sessions in one process (acked): RSS growth / per "
        "session, and an active session's round trip p99 among them",
        f"{mib:.0f} MiB / {per:.1f} KiB, p99 {p99m:.2f} ms", "held, <= 400 MiB, p99 <= 5 ms",
        None if count < 10_000 else mib <= 400 and p99m <= 5)
    p50m, cpu = _m(r, "many_hello", "p50_ms"), _m(r, "many_hello", "server_cpu_us_per_rt")
    rate, ccpu = _m(r, "many_hello", "opens_per_s"), _m(r, "many_hello", "client_cpu_s")
    add("  same: round trip p50 / server CPU per round trip / opens per s (client CPU for "
        "the opens)", f"{p50m:.2f} ms / {cpu:.0f} us / {rate:.0f} /s ({ccpu:.0f} s)", "-",
        None)
    sent, whole = _m(r, "plotly_update", "update_bytes"), _m(r, "plotly_update", "figure_bytes")
    add("Plotly figure update: bytes received for a one-trace change / the whole figure "
        "(5 traces of 2,000 points)", f"{sent / 1024:.1f} / {whole / 1024:.1f} KiB",
        "< 1/3 of the figure", sent < whole / 3)
    took = _m(r, "plotly_update", "update_p50_ms")
    add("  same, slider edit sent -> the figure's patch received, p50", f"{took:.2f} ms", "-",
        None)
    return rows


def _table(rows: list[tuple[str, str, str, str]]) -> str:
    head = ("figure", "measured", "target", "result")
    widths = [max(len(x[i]) for x in [head, *rows]) for i in range(4)]

    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(head), sep, *(line(r) for r in rows)])


async def _sync(result: dict[str, Any]) -> dict[str, Any]:
    return result


def _cases(bench: Bench) -> dict[str, Callable[[], Any]]:
    return {
        "echo": bench.echo,
        "open_seq_hello": lambda: bench.open_sequential("bench_hello"),
        "open_seq_wide": lambda: bench.open_sequential("bench_wide"),
        "open_rate_hello": lambda: bench.open_concurrent("bench_hello"),
        "open_rate_wide": lambda: bench.open_concurrent("bench_wide"),
        "page_hello": lambda: bench.page("bench_hello"),
        "mem_hello": lambda: bench.memory("bench_hello", compression=False),
        "mem_wide": lambda: bench.memory("bench_wide", compression=False),
        "mem_hello_deflate": lambda: bench.memory("bench_hello", compression=True),
        "mem_wide_deflate": lambda: bench.memory("bench_wide", compression=True),
        "rt_single": bench.round_trip,
        "rt_concurrent": bench.round_trip_concurrent,
        "rt_concurrent_asgi": lambda: bench.round_trip_concurrent("--server", "asgi"),
        "echo_cpu": lambda: floor.echo_cpu(bench.secret, bench.runs, bench.n(50)),
        "echo_cpu_threaded": lambda: floor.echo_cpu(bench.secret, bench.runs, bench.n(50),
                                                    "--threaded"),
        "broadcast": lambda: floor.broadcast_cpu(bench.secret, bench.runs,
                                                 4.0 * max(bench.scale, 0.5)),
        "broadcast_per_client": lambda: floor.broadcast_cpu(
            bench.secret, bench.runs, 4.0 * max(bench.scale, 0.5), "--per-client"),
        "broadcast_threaded": lambda: floor.broadcast_cpu(
            bench.secret, bench.runs, 4.0 * max(bench.scale, 0.5), "--threaded"),
        "cost_model": lambda: _sync(floor.cost_model(bench.runs, bench.n(20_000))),
        "periodic": bench.periodic,
        "workers_open": lambda: WorkerBench.like(bench).open_rate(),
        "workers_rt": lambda: WorkerBench.like(bench).round_trips(),
        "redis_rt": lambda: ClusterBench.like(bench).round_trips(),
        "cache_frame": lambda: cache_bench.frame_hit(bench.runs, bench.scale),
        "cache_small": lambda: cache_bench.small_hit(bench.runs, bench.scale),
        "frame_open": lambda: frame_bench.frame_open(bench),
        "frame_paging": lambda: frame_bench.frame_paging(bench),
        "chat_stream": lambda: chat_bench.chat_stream(bench),
        "tabulator_paging": lambda: frame_bench.tabulator_paging(bench),
        "plotly_update": lambda: plotly_bench.figure_update(bench),
        "many_hello": lambda: many_bench.many_hello(bench),
    }


async def _run(bench: Bench, only: list[str] | None) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name, case in _cases(bench).items():
        if only and name not in only:
            continue
        t0 = time.perf_counter()
        print(f"bench: {name} ...", end=" ", flush=True, file=sys.stderr)
        results[name] = await case()
        print(f"{time.perf_counter() - t0:.1f} s", flush=True, file=sys.stderr)
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    ap.add_argument("--runs", type=int, default=3, help="repeated runs per figure (default 3)")
    ap.add_argument("--quick", action="store_true", help="fewer samples (a smoke run)")
    ap.add_argument("--only", help="comma-separated case names: " + ", ".join(
        _cases(Bench(secret="")).keys()))
    ap.add_argument("--profile", metavar="DIR",
                    help="run each server under pyinstrument; text reports go to DIR")
    ap.add_argument("--pyspy", metavar="DIR",
                    help="attach py-spy (pip install py-spy) to each server; folded stacks "
                         "go to DIR, summarise with python -m tests.bench.folded")
    ap.add_argument("--json", metavar="FILE", help="also write the raw numbers to FILE")
    args = ap.parse_args(argv)
    for folder in (args.profile, args.pyspy):
        if folder:
            os.makedirs(folder, exist_ok=True)
    bench = Bench(secret=secrets.token_hex(32), runs=args.runs,
                  scale=0.2 if args.quick else 1.0, profile_dir=args.profile,
                  pyspy_dir=args.pyspy)
    only = args.only.split(",") if args.only else None
    t0 = time.perf_counter()
    results = asyncio.run(_run(bench, only))
    elapsed = time.perf_counter() - t0
    print(f"docsync bench: python {platform.python_version()}, websockets "
          f"{websockets.__version__}, {os.cpu_count()} cores, {args.runs} runs per figure"
          f"{', --quick' if args.quick else ''}"
          f"{', PROFILED (figures inflated)' if args.profile or args.pyspy else ''}")
    import docsync

    tick = ("ds.state.add_periodic_callback(period=100)" if hasattr(docsync, "state") else
            "a loop timer (asyncio call_at from the app script, which runs on the loop\n"
            "               during hello): a stand-in until state.add_periodic_callback exists")
    print(APPS_TEXT.format(tick=tick))
    print()
    print(_table(_rows(results)))
    print()
    print("raw numbers (one value per run):")
    for case, values in results.items():
        cells = ", ".join(f"{k}={[round(v, 3) for v in vs]}" for k, vs in values.items())
        print(f"  {case}: {cells}")
    print(f"\ntotal bench time {elapsed:.0f} s")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
