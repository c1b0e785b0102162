"""``BusySignal`` and ``BusyWatch``: only busy spells that outlast the delay reach the
page, once each, timed by one loop timer for all sessions."""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable
from typing import Any

from docsync.runtime.busy import BusySignal, BusyWatch
from docsync.testing.loop import ManualClockLoop


def signal_for(loop: asyncio.AbstractEventLoop, told: list[bool], *, delay: float,
               watch: BusyWatch | None = None) -> tuple[BusySignal, dict[str, Any]]:
    queue: dict[str, Any] = {"since": None, "pending": 0}
    signal = BusySignal(watch=watch or BusyWatch(loop, delay),
                        queue_since=lambda: queue["since"],
                        queue_pending=lambda: queue["pending"], tell=told.append,
                        on_loop=lambda fn: fn(), closed=lambda: False)
    return signal, queue


class TimerCountingLoop(ManualClockLoop):
    """A manual-clock loop that counts the timers armed on it."""

    armed = 0

    def call_at(self, when: float, callback: Callable[..., Any],  # type: ignore[override]
                *args: Any, context: contextvars.Context | None = None) -> asyncio.TimerHandle:
        self.armed += 1
        return super().call_at(when, callback, *args, context=context)


def run_due(loop: ManualClockLoop, now: float) -> None:
    """Move the clock to ``now`` and run the timers due by then: one loop turn, which
    moves every due timer to the ready queue before it runs that queue's stop."""
    loop.set_time(now)
    loop.call_soon(loop.stop)
    loop.run_forever()


def test_many_short_spells_share_one_timer_and_tell_nothing():
    loop = TimerCountingLoop(0.0)
    try:
        watch = BusyWatch(loop, 0.1)
        told: list[bool] = []
        queues = []
        for i in range(100):  # a hundred sessions, each with a spell shorter than the delay
            signal, queue = signal_for(loop, told, delay=0.1, watch=watch)
            loop.set_time(i * 0.0005)
            queue["since"], queue["pending"] = loop.time(), 1
            signal.queue_busy(True)
            queues.append(queue)
        for queue in queues:
            queue["since"], queue["pending"] = None, 0
        assert loop.armed == 1
        run_due(loop, 0.2)
        assert told == [] and loop.next_timer() is None  # nothing left to look at
    finally:
        loop.close()


def test_each_long_spell_is_told_when_it_is_delay_old_not_before():
    loop = ManualClockLoop(0.0)
    try:
        watch = BusyWatch(loop, 0.1)
        told_a: list[bool] = []
        told_b: list[bool] = []
        a, queue_a = signal_for(loop, told_a, delay=0.1, watch=watch)
        b, queue_b = signal_for(loop, told_b, delay=0.1, watch=watch)
        queue_a["since"], queue_a["pending"] = 0.0, 1
        a.queue_busy(True)
        loop.set_time(0.03)
        queue_b["since"], queue_b["pending"] = 0.03, 1
        b.queue_busy(True)
        run_due(loop, 0.0999)
        assert told_a == [] and told_b == []
        run_due(loop, 0.1)
        assert told_a == [True] and told_b == []
        run_due(loop, 0.1299)
        assert told_b == []
        run_due(loop, 0.13)
        assert told_b == [True]
        queue_a["since"], queue_a["pending"] = None, 0
        a.queue_busy(False)
        assert told_a == [True, False] and loop.next_timer() is None
    finally:
        loop.close()


async def test_work_that_ends_before_the_delay_tells_nothing():
    told: list[bool] = []
    signal, _ = signal_for(asyncio.get_running_loop(), told, delay=60)
    future = asyncio.get_running_loop().create_future()
    signal.work(future)
    assert signal.busy
    future.set_result(None)
    await asyncio.sleep(0)  # done callbacks run
    assert not signal.busy and told == []


async def test_a_long_spell_is_told_once_and_taken_back():
    loop = asyncio.get_running_loop()
    told: list[bool] = []
    signal, _ = signal_for(loop, told, delay=0)
    future = loop.create_future()
    signal.work(future)
    for _ in range(100):  # the zero-delay timer fires on a later loop turn
        if told:
            break
        await asyncio.sleep(0)
    assert told == [True]
    signal.resumed_by_snapshot()
    assert told == [True, True]  # a snapshot made the page forget: told again
    future.set_result(None)
    await asyncio.sleep(0)
    assert told == [True, True, False]
    signal.resumed_by_snapshot()
    assert told == [True, True, False]  # idle: nothing to repeat
