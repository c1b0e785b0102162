import asyncio
import threading
import time
from datetime import datetime, timedelta

import pytest

from tests.server.support import wait_until


def test_period_task_runs_repeatedly_and_is_idempotent_by_name(manual):
    calls = []
    tasks = manual.runtime.tasks
    assert tasks.schedule("t", lambda: calls.append(1), period=0.01)
    assert not tasks.schedule("t", lambda: calls.append("other"), period=0.01)
    manual.advance(0.03)
    assert calls == [1, 1, 1] and tasks.names() == ["t"]
    assert tasks.cancel("t")
    manual.advance(1)
    assert calls == [1, 1, 1] and not tasks.cancel("t")


def test_at_runs_once_at_its_time(manual):
    calls = []
    now = datetime.fromtimestamp(manual.now)
    manual.runtime.tasks.schedule("once", lambda: calls.append(1),
                                  at=now + timedelta(seconds=20))
    manual.advance(19.9)
    assert calls == []
    manual.advance(0.1)
    assert calls == [1]
    manual.advance(3600)
    assert calls == [1] and manual.runtime.tasks.names() == []


def test_an_injected_clock_gives_now(manual):
    calls = []
    now = datetime(2030, 1, 1)  # the task's clock, not the runtime's
    manual.runtime.tasks.schedule("once", lambda: calls.append(1),
                                  at=now + timedelta(seconds=0.02), clock=lambda: now)
    manual.advance(0.02)
    assert calls == [1] and manual.runtime.tasks.names() == []


def test_async_task_callbacks(manual):
    calls = []

    async def job():
        calls.append(manual.runtime.loop.time())

    manual.runtime.tasks.schedule("a", job, period="10ms")
    manual.advance(0.02)
    assert len(calls) == 2
    manual.runtime.tasks.cancel("a")


async def test_cancel_wait_waits_for_the_run_in_progress(runtime):
    started, finished = threading.Event(), threading.Event()

    def job():
        started.set()
        time.sleep(0.1)
        finished.set()

    runtime.tasks.schedule("slow", job, period=0.01)
    await wait_until(started.is_set)
    with pytest.raises(RuntimeError, match="block the event loop"):
        runtime.tasks.cancel("slow", wait=True)
    runtime.tasks.schedule("slow", job, period=0.01)
    await wait_until(lambda: "slow" in runtime.tasks.names())
    await asyncio.to_thread(runtime.tasks.cancel, "slow", wait=True)


async def test_bad_schedules_are_clear_errors(runtime):
    with pytest.raises(ValueError, match="cron expression"):
        runtime.tasks.schedule("c", lambda: None, cron="every tuesday")
    with pytest.raises(ValueError, match="period"):
        runtime.tasks.schedule("p", lambda: None, period="soonish")


async def test_cron_task_is_armed(runtime):
    runtime.tasks.schedule("c", lambda: None, cron="0 0 1 1 *")
    assert runtime.tasks.names() == ["c"]
    runtime.tasks.cancel("c")


async def test_cancel_after_next_run_lets_exactly_one_more_run_happen(runtime):
    calls: list[int] = []
    release = threading.Event()

    def job():
        calls.append(len(calls))
        release.wait(5)  # the first run is in progress when the cancel comes

    runtime.tasks.schedule("last", job, period=0.01)
    await wait_until(lambda: calls == [0])
    assert runtime.tasks.cancel_after_next_run("last")
    assert not runtime.tasks.cancel_after_next_run("nothing")
    release.set()
    await wait_until(lambda: runtime.tasks.names() == [])
    assert calls == [0]  # the run in progress was the last one
