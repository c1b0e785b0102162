"""Cache figures (issue 5): a hit on a 1,000,000-row DataFrame argument (the cost is hashing
it), and the overhead of a hit on a small argument. In process: no server is involved."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pandas as pd

from docsync.cache.registry import Cache
from tests.bench.stats import median

__all__ = ["FRAME_TEXT", "frame_hit", "small_hit"]

ROWS = 1_000_000
FRAME_TEXT = ("1,000,000 rows x 4 columns (int64, float64, datetime64[ns], category): "
              "25 MB of buffers")


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame({
        "id": np.arange(ROWS),
        "x": rng.random(ROWS),
        "t": pd.date_range("2024-01-01", periods=ROWS, freq="s", unit="ns"),
        "kind": pd.Categorical(rng.choice(["a", "b", "c"], ROWS)),
    })


def _strings() -> pd.DataFrame:
    return pd.DataFrame({"name": [f"row{i}" for i in range(ROWS)]})


def _hit_ms(fn: Any, arg: Any, count: int) -> float:
    times = []
    for _ in range(count):
        t0 = time.perf_counter()
        fn(arg)
        times.append(time.perf_counter() - t0)
    return median(times) * 1000


async def frame_hit(runs: int, scale: float) -> dict[str, list[float]]:
    """Median time of a cache hit whose argument is a 1M-row frame, per run; and the same
    for a 1M-row column of Python strings (hashed as text: lengths + joined bytes)."""
    cache = Cache()
    try:
        @cache
        def total(df: pd.DataFrame) -> int:
            return len(df)

        frame, strings = _frame(), _strings()
        total(frame), total(strings)  # the misses
        count = max(5, int(20 * scale))
        return {"hit_ms": [_hit_ms(total, frame, count) for _ in range(runs)],
                "strings_hit_ms": [_hit_ms(total, strings, max(3, count // 4))
                                   for _ in range(runs)]}
    finally:
        cache.close()


async def small_hit(runs: int, scale: float) -> dict[str, list[float]]:
    """Per-call time of a hit on ``f(42, "abc")`` minus a plain call, per run (µs)."""
    cache = Cache()
    try:
        def plain(x: int, label: str = "abc") -> int:
            return x

        cached = cache(plain)
        cached(42)
        n = max(10_000, int(100_000 * scale))
        overhead, bare = [], []
        for _ in range(runs):
            t0 = time.perf_counter()
            for _ in range(n):
                plain(42)
            t1 = time.perf_counter()
            for _ in range(n):
                cached(42)
            t2 = time.perf_counter()
            bare.append((t1 - t0) / n * 1e6)
            overhead.append((t2 - t1 - (t1 - t0)) / n * 1e6)
        return {"overhead_us": overhead, "plain_us": bare}
    finally:
        cache.close()
