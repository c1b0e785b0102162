"""docsync.testing.loop: a loop whose clock moves only when told, and a pool that counts."""

import threading
from concurrent.futures import Future

import pytest

from docsync.testing.loop import CountingPool, ManualClockLoop


@pytest.fixture
def loop():
    loop = ManualClockLoop(100.0)
    yield loop
    loop.close()


def run_once(loop):
    """One turn of the loop: whatever is ready runs."""
    loop.call_soon(loop.stop)
    loop.run_forever()


def test_timers_fire_only_when_the_clock_is_moved_past_them(loop):
    fired = []
    loop.call_later(5, fired.append, "later")
    handle = loop.call_at(103.0, fired.append, "cancelled")
    handle.cancel()
    assert loop.time() == 100.0 and loop.next_timer() == 105.0 and not loop.has_work()
    run_once(loop)
    assert fired == []
    loop.set_time(105.0)
    assert loop.has_work()
    run_once(loop)
    assert fired == ["later"] and loop.next_timer() is None and not loop.has_work()
    loop.set_time(1.0)  # never back
    assert loop.time() == 105.0


def test_callbacks_from_other_threads_count_as_work_until_they_ran(loop):
    ran = []
    thread = threading.Thread(target=lambda: loop.call_soon_threadsafe(ran.append, 1))
    thread.start()
    thread.join()
    assert loop.kicked.is_set() and loop.has_work()
    run_once(loop)
    assert ran == [1] and not loop.has_work()


def test_the_pool_counts_a_call_until_its_futures_callbacks_ran():
    seen = []
    done = threading.Event()
    with CountingPool(1, on_done=done.set) as pool:
        gate = threading.Event()
        future = pool.submit(gate.wait, 10)
        future.add_done_callback(lambda f: seen.append(pool.unfinished))
        assert pool.unfinished == 1
        gate.set()
        assert done.wait(10)
        assert future.result() is True and seen == [1] and pool.unfinished == 0
        failing: Future = pool.submit(lambda: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            failing.result(10)


def test_calls_cancelled_by_a_shutdown_are_cancelled_and_no_longer_counted():
    pool = CountingPool(1, on_done=lambda: None)
    gate = threading.Event()
    pool.submit(gate.wait, 10)
    queued = pool.submit(lambda: "never")
    pool.shutdown(wait=False, cancel_futures=True)
    gate.set()
    pool.shutdown(wait=True)
    assert queued.cancelled() and pool.unfinished == 0
