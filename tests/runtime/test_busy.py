"""``BusySignal``: only busy spells that outlast the delay reach the page, once each."""

from __future__ import annotations

import asyncio

from docsync.runtime.busy import BusySignal


def signal_for(loop: asyncio.AbstractEventLoop, told: list[bool], *,
               delay: float) -> tuple[BusySignal, dict[str, object]]:
    queue: dict[str, object] = {"since": None, "pending": 0}
    signal = BusySignal(loop=loop, delay=delay, queue_since=lambda: queue["since"],
                        queue_pending=lambda: queue["pending"], tell=told.append,
                        on_loop=lambda fn: fn(), closed=lambda: False)
    return signal, queue


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
