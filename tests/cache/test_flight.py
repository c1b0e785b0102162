"""Single flight: N concurrent callers of one key compute once, in threads and in tasks.

The cached functions here close over their counters and events: those are named with a
leading underscore, which leaves them out of the key (closure values are part of it).
"""

from __future__ import annotations

import asyncio
import threading

import pytest

from tests.server.support import wait_until

N = 20


def flight_of(fn):
    return fn.__docsync_cache__.table.flight


async def test_twenty_threads_compute_once(cache):
    _computed = []
    _release = threading.Event()

    @cache
    def slow(x):
        _computed.append(x)
        assert _release.wait(10)
        return {"x": x}

    results = [None] * N

    def call(i):
        results[i] = slow(7)

    threads = [threading.Thread(target=call, args=(i,)) for i in range(N)]
    for t in threads:
        t.start()
    # Every caller has joined the one computation before it may finish.
    await wait_until(lambda: flight_of(slow).callers() == N, timeout=10)
    _release.set()
    for t in threads:
        await asyncio.to_thread(t.join, 10)
    assert _computed == [7]
    assert all(r is results[0] for r in results) and results[0] == {"x": 7}
    info = slow.info()
    assert (info.misses, info.hits, info.entries) == (1, N - 1, 1)


async def test_twenty_tasks_compute_once(cache):
    _computed = []
    _release = asyncio.Event()

    @cache
    async def slow(x):
        _computed.append(x)
        await asyncio.wait_for(_release.wait(), 10)
        return [x]

    tasks = [asyncio.create_task(slow(3)) for _ in range(N)]
    await wait_until(lambda: flight_of(slow).callers() == N, timeout=10)
    _release.set()
    results = await asyncio.wait_for(asyncio.gather(*tasks), 10)
    assert _computed == [3] and all(r is results[0] for r in results)
    assert await slow(3) is results[0] and _computed == [3]


async def test_tasks_on_several_loops_compute_once(cache):
    _computed = []
    _release = threading.Event()

    @cache
    async def slow(x):
        _computed.append(x)
        await asyncio.to_thread(_release.wait, 10)
        return x * 2

    results = []

    def loop_in_thread():
        async def main():
            return await asyncio.gather(*(slow(4) for _ in range(5)))
        results.extend(asyncio.run(main()))

    threads = [threading.Thread(target=loop_in_thread) for _ in range(4)]
    for t in threads:
        t.start()
    await wait_until(lambda: flight_of(slow).callers() == 20, timeout=10)
    _release.set()
    for t in threads:
        await asyncio.to_thread(t.join, 10)
    assert _computed == [4] and results == [8] * 20


async def test_an_exception_reaches_every_waiting_thread_and_is_not_cached(cache):
    _computed = []
    _release = threading.Event()

    @cache
    def fails(x):
        _computed.append(x)
        assert _release.wait(10)
        if len(_computed) == 1:
            raise ValueError("the source is down")
        return "recovered"

    errors = []

    def call():
        try:
            fails(1)
        except ValueError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=call) for _ in range(N)]
    for t in threads:
        t.start()
    await wait_until(lambda: flight_of(fails).callers() == N, timeout=10)
    _release.set()
    for t in threads:
        await asyncio.to_thread(t.join, 10)
    assert len(errors) == N and {str(e) for e in errors} == {"the source is down"}
    assert _computed == [1] and fails.info().entries == 0
    assert fails(1) == "recovered" and _computed == [1, 1]  # the failure was not cached


async def test_an_exception_reaches_every_waiting_task(cache):
    _release = asyncio.Event()
    _computed = []

    @cache
    async def fails(x):
        _computed.append(x)
        await asyncio.wait_for(_release.wait(), 10)
        raise KeyError(x)

    tasks = [asyncio.create_task(fails(5)) for _ in range(N)]
    await wait_until(lambda: flight_of(fails).callers() == N, timeout=10)
    _release.set()
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    assert _computed == [5]
    assert all(isinstance(o, KeyError) and o.args == (5,) for o in outcomes)


async def test_a_cancelled_leader_hands_over_to_a_waiter(cache):
    _computed = []
    _release = asyncio.Event()

    @cache
    async def slow(x):
        _computed.append(x)
        await asyncio.wait_for(_release.wait(), 10)
        return x

    leader = asyncio.create_task(slow(9))
    await wait_until(lambda: _computed == [9], timeout=10)
    waiters = [asyncio.create_task(slow(9)) for _ in range(5)]
    await wait_until(lambda: flight_of(slow).callers() == 6, timeout=10)
    leader.cancel()
    await wait_until(lambda: len(_computed) == 2, timeout=10)  # a waiter took over
    _release.set()
    assert await asyncio.wait_for(asyncio.gather(*waiters), 10) == [9] * 5
    with pytest.raises(asyncio.CancelledError):
        await leader
    assert len(_computed) == 2


async def test_a_cancelled_waiter_does_not_cancel_the_others(cache):
    _release = asyncio.Event()

    @cache
    async def slow(x):
        await asyncio.wait_for(_release.wait(), 10)
        return x

    tasks = [asyncio.create_task(slow(1)) for _ in range(3)]
    await wait_until(lambda: flight_of(slow).callers() == 3, timeout=10)
    tasks[1].cancel()
    _release.set()
    assert await tasks[0] == 1 and await tasks[2] == 1


def test_a_recursive_call_with_its_own_key_does_not_deadlock(cache):
    _depth = []

    @cache
    def recurse(n):
        _depth.append(n)
        return 0 if len(_depth) > 2 else recurse(n)

    assert recurse(1) == 0 and _depth == [1, 1, 1]
