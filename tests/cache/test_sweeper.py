"""TTL: expired entries are freed by the sweeper, without waiting for another call."""

from __future__ import annotations

import datetime as dt
import gc
import tracemalloc
import weakref

from tests.server.support import wait_until

MB = 1 << 20


async def test_expired_entries_are_freed_without_a_further_call(cache):
    _computed = []

    @cache(ttl=0.2)
    def blob(i):
        _computed.append(i)
        return bytes(MB) + bytes([i])

    for i in range(3):
        blob(i)
    info = blob.info()
    assert info.entries == 3 and info.bytes >= 3 * MB
    assert blob(0) is not None and _computed == [0, 1, 2]  # still fresh: a hit
    # No call from here on: the sweeper alone must free the memory.
    await wait_until(lambda: blob.info().entries == 0, timeout=5, what="expiry")
    assert blob.info().bytes == 0
    await wait_until(lambda: not cache._sweeper.running, timeout=5,
                     what="the sweeper to stop once nothing can expire")
    blob(0)
    assert _computed == [0, 1, 2, 0]  # expired: computed again


async def test_entries_without_ttl_stay_and_entries_with_a_later_ttl_outlive_earlier_ones(cache):
    @cache
    def forever(x):
        return x

    @cache(ttl=dt.timedelta(seconds=0.2))
    def short(x):
        return x

    @cache(ttl=30)
    def long(x):
        return x

    forever(1), short(1), long(1)
    assert cache._sweeper.running
    await wait_until(lambda: short.info().entries == 0, timeout=5, what="expiry")
    assert forever.info().entries == 1 and long.info().entries == 1
    assert cache._sweeper.running  # still one entry to expire


async def test_the_disk_backend_frees_expired_rows_too(cache):
    @cache(ttl=0.2, backend="disk")
    def rows(i):
        return list(range(1000 + i))

    rows(1), rows(2)
    assert rows.info().entries == 2 and rows.info().bytes > 0
    await wait_until(lambda: rows.info().entries == 0, timeout=5, what="expiry")
    assert rows.info().bytes == 0


async def test_closing_the_cache_stops_the_sweeper(cache):
    @cache(ttl=60)
    def kept(x):
        return x

    kept(1)
    assert cache._sweeper.running
    cache.close()
    assert not cache._sweeper.running


class _Payload:
    """A value the test can watch die (``bytes`` takes no weak references)."""

    def __init__(self, size: int) -> None:
        self.data = bytearray(size)


async def test_the_sweeper_releases_expired_values_measured(cache):
    @cache(ttl=0.2)
    def payload(i):
        return _Payload(4 * MB)

    tracemalloc.start()
    try:
        refs = [weakref.ref(payload(i)) for i in range(3)]
        held = tracemalloc.get_traced_memory()[0]
        await wait_until(lambda: payload.info().entries == 0, timeout=5, what="expiry")
        gc.collect()
        freed = held - tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert all(ref() is None for ref in refs), "an expired value is still referenced"
    assert freed >= 3 * 4 * MB, f"only {freed / MB:.1f} MiB of 12 MiB were released"
