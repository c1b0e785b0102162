"""PeriodicCallback on the runtime, timed by a manual clock (``manual``) but one test."""

import asyncio
import itertools

from tests.server.support import wait_until


def test_count_stops_after_that_many_runs(manual):
    calls = []
    pc = manual.runtime.add_periodic(lambda: calls.append(1), period=5, count=4)
    pc.start()
    manual.advance(0.015)
    assert len(calls) == 3 and pc.running
    manual.advance(1)
    assert len(calls) == 4 and pc.counter == 4 and not pc.running


def test_async_callbacks(manual):
    calls = []

    async def tick():
        await asyncio.sleep(0)
        calls.append(manual.runtime.loop.time())

    pc = manual.runtime.add_periodic(tick, period=5, count=3)
    start = manual.now
    pc.start()
    manual.advance(1)
    assert not pc.running
    assert [round(t - start, 6) for t in calls] == [0.005, 0.01, 0.015]


def test_timeout_stops_it(manual):
    pc = manual.runtime.add_periodic(lambda: None, period=5, timeout=62)
    pc.start()
    manual.advance(0.06)
    assert pc.running and pc.counter == 12
    manual.advance(0.005)  # the run due at 65 ms is past the timeout
    assert not pc.running and pc.counter == 12


def test_a_slow_run_never_overlaps_or_stacks(manual):
    active, peak, starts = [0], [0], []

    async def slow():
        active[0] += 1
        peak[0] = max(peak[0], active[0])
        starts.append(manual.runtime.loop.time())
        await asyncio.sleep(0.05)  # ten periods long
        active[0] -= 1

    pc = manual.runtime.add_periodic(slow, period=5, count=4)
    pc.start()
    manual.advance(1)
    assert peak[0] == 1 and pc.counter == 4 and not pc.running
    # Each run starts when the previous one ended, not a period after it started.
    assert [round(b - a, 6) for a, b in itertools.pairwise(starts)] == [0.05, 0.05, 0.05]


def test_stop_start_and_period_change(manual):
    calls = []
    pc = manual.runtime.add_periodic(lambda: calls.append(1), period=10_000)
    pc.start()
    manual.tick()
    pc.period = 5  # re-armed with the new period
    manual.advance(0.01)
    assert len(calls) == 2
    pc.stop()
    assert not pc.running
    manual.advance(1)
    assert len(calls) == 2
    pc.start()
    manual.advance(0.005)
    assert len(calls) == 3
    pc.stop()


def test_a_callback_that_keeps_raising_stops_after_the_limit(manual, caplog):
    def bad():
        raise ValueError("nope")

    pc = manual.runtime.add_periodic(bad, period=5)
    pc.start()
    manual.advance(1)
    assert pc.counter == manual.runtime.max_callback_errors == 5 and not pc.running
    assert "stopped after 5 failures" in caplog.text and "ValueError: nope" in caplog.text


async def test_on_a_real_loop_it_runs_by_itself(runtime):
    calls = []
    pc = runtime.add_periodic(lambda: calls.append(1), period=5, count=2)
    pc.start()
    await wait_until(lambda: not pc.running)
    assert len(calls) == 2


def test_parameters_set_while_it_runs_take_effect_at_the_next_run(manual):
    calls = []
    pc = manual.runtime.add_periodic(lambda: calls.append("a"), period=5)
    pc.start()
    manual.advance(0.005)
    pc.callback = lambda: calls.append("b")
    pc.count = 3
    manual.advance(1)
    assert calls == ["a", "b", "b"] and pc.counter == 3 and not pc.running
    pc.param.update(count=None, timeout=12)  # the timeout counts from the next start()
    pc.start()
    manual.advance(1)
    assert calls == ["a", "b", "b", "b", "b"] and not pc.running
