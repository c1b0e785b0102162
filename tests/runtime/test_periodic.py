import asyncio
import itertools
import threading
import time

from tests.server.support import wait_until


async def test_count_stops_after_that_many_runs(runtime):
    calls = []
    pc = runtime.add_periodic(lambda: calls.append(1), period=5, count=4)
    pc.start()
    await wait_until(lambda: not pc.running)
    await asyncio.sleep(0.05)
    assert len(calls) == 4 and pc.counter == 4


async def test_async_callbacks(runtime):
    calls = []

    async def tick():
        await asyncio.sleep(0)
        calls.append(1)

    pc = runtime.add_periodic(tick, period=5, count=3)
    pc.start()
    await wait_until(lambda: not pc.running)
    assert len(calls) == 3


async def test_timeout_stops_it(runtime):
    pc = runtime.add_periodic(lambda: None, period=5, timeout=60)
    pc.start()
    await wait_until(lambda: not pc.running)
    assert pc.counter >= 1


async def test_a_slow_run_never_overlaps_or_stacks(runtime):
    active, peak, starts = [0], [0], []
    lock = threading.Lock()

    def slow():
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        starts.append(time.monotonic())
        time.sleep(0.05)  # ten periods long
        with lock:
            active[0] -= 1

    pc = runtime.add_periodic(slow, period=5, count=4)
    pc.start()
    await wait_until(lambda: not pc.running)
    assert peak[0] == 1 and pc.counter == 4
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert all(g >= 0.045 for g in gaps)  # each run starts after the previous ended


async def test_stop_start_and_period_change(runtime):
    calls = []
    pc = runtime.add_periodic(lambda: calls.append(1), period=10_000)
    pc.start()
    pc.period = 5  # re-armed with the new period
    await wait_until(lambda: len(calls) >= 2)
    pc.stop()
    assert not pc.running
    await asyncio.sleep(0.03)
    stopped_at = len(calls)
    await asyncio.sleep(0.05)
    assert len(calls) == stopped_at
    pc.start()
    await wait_until(lambda: len(calls) > stopped_at)
    pc.stop()


async def test_a_callback_that_keeps_raising_stops_after_the_limit(runtime, caplog):
    def bad():
        raise ValueError("nope")

    pc = runtime.add_periodic(bad, period=5)
    pc.start()
    await wait_until(lambda: not pc.running)
    assert pc.counter == 3
    assert "stopped after 3 failures" in caplog.text and "ValueError: nope" in caplog.text
