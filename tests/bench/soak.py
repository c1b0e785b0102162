"""``make soak`` (not in CI): many sessions for a long time, with edits, 10 Hz updates,
drops and reconnects. Prints the server's RSS, open fds and the p99 edit round trip every
minute, and fails (exit 1) when RSS after the warm-up minute grew by more than 10 %.

``python -m tests.bench.soak [--sessions 200] [--minutes 10]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import time

from docsync.testing import NetworkClient
from tests.bench.proc import ServerProcess, rss_kib
from tests.bench.stats import pct

__all__ = ["main"]

GROWTH_LIMIT = 0.10  # RSS may grow this much after the warm-up minute


def _fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


async def _tab(url: str, stop: asyncio.Event, trips: list[float], rng: random.Random,
               counts: dict[str, int]) -> None:
    """One tab: an edit about every 2 s (timed to its acknowledgement); now and then the
    connection drops and resumes."""
    client = await NetworkClient(url).open()
    assert client.client is not None
    slider = client.client.find("IntSlider")
    value = 0
    try:
        while not stop.is_set():
            await asyncio.sleep(rng.uniform(1.0, 3.0))  # the user's pace
            if rng.random() < 0.05:
                await client.drop()
                counts["drops"] += 1
                await client.open()  # resume: same token, last_seq, outbox resent
            value += 1
            started = time.perf_counter()
            await client.set(slider, "value", value)
            try:
                await client.wait_for(lambda c: not c.outbox, timeout=30)
            except (TimeoutError, ConnectionError):
                counts["failures"] += 1
                await client.open()
                continue
            trips.append(time.perf_counter() - started)
            counts["edits"] += 1
    finally:
        await client.close()


async def _soak(sessions: int, minutes: float) -> int:
    secret = secrets.token_hex(32)
    with ServerProcess("soak", secret=secret) as server:
        url = server.url
        stop = asyncio.Event()
        trips: list[float] = []
        counts = {"edits": 0, "drops": 0, "failures": 0}
        rng = random.Random(12)
        tabs = []
        for _ in range(sessions):  # opened in turn, like users arriving
            tabs.append(asyncio.create_task(_tab(url, stop, trips, rng, counts)))
            await asyncio.sleep(0.02)
        rss: list[int] = []
        for minute in range(1, max(1, round(minutes)) + 1):
            await asyncio.sleep(60 if minutes >= 1 else minutes * 60)
            rss.append(rss_kib(server.pid))
            p99 = pct(trips, 99) * 1000 if trips else float("nan")
            print(f"minute {minute}: RSS {rss[-1] / 1024:.1f} MiB, fds {_fds(server.pid)}, "
                  f"p99 round trip {p99:.1f} ms over {len(trips)} edits, {counts}",
                  flush=True)
            trips.clear()
        stop.set()
        await asyncio.gather(*tabs, return_exceptions=True)
    if len(rss) < 3:
        print("too short to judge RSS growth (needs 3 minutes)")
        return 0
    growth = (rss[-1] - rss[1]) / rss[1]
    print(f"RSS after warm-up: {rss[1] / 1024:.1f} -> {rss[-1] / 1024:.1f} MiB "
          f"({growth:+.1%}; limit +{GROWTH_LIMIT:.0%})")
    return 0 if growth <= GROWTH_LIMIT and counts["failures"] == 0 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.soak")
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args(argv)
    return asyncio.run(_soak(args.sessions, args.minutes))


if __name__ == "__main__":
    raise SystemExit(main())
