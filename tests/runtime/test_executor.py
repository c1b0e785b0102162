import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from docsync.runtime.executor import SerialExecutor


@pytest.fixture
def pool():
    with ThreadPoolExecutor(4) as p:
        yield p


def test_calls_of_one_executor_never_overlap_and_keep_their_order(pool):
    ex = SerialExecutor(pool)
    active, seen, overlaps = [0], [], []
    lock = threading.Lock()

    def work(i):
        with lock:
            active[0] += 1
            if active[0] > 1:
                overlaps.append(i)
        time.sleep(0.001)
        seen.append(i)
        with lock:
            active[0] -= 1
        return i

    futures = [ex.submit(lambda i=i: work(i)) for i in range(50)]
    assert [f.result(5) for f in futures] == list(range(50))
    assert seen == list(range(50)) and overlaps == []
    assert ex.pending == 0


def test_two_executors_run_in_parallel(pool):
    a, b = SerialExecutor(pool), SerialExecutor(pool)
    gate = threading.Event()
    blocked = a.submit(lambda: gate.wait(5))
    assert b.submit(lambda: "b ran").result(5) == "b ran"  # not stuck behind a
    gate.set()
    assert blocked.result(5) is True


def test_exceptions_reach_the_future_and_the_queue_goes_on(pool):
    ex = SerialExecutor(pool)
    bad = ex.submit(lambda: 1 / 0)
    good = ex.submit(lambda: 2)
    with pytest.raises(ZeroDivisionError):
        bad.result(5)
    assert good.result(5) == 2


def test_wrap_runs_around_every_call(pool):
    ex = SerialExecutor(pool, wrap=lambda fn: ("wrapped", fn()))
    assert ex.submit(lambda: 1).result(5) == ("wrapped", 1)


def test_close_cancels_queued_calls_and_refuses_new_ones(pool):
    ex = SerialExecutor(pool)
    gate = threading.Event()
    running = ex.submit(lambda: gate.wait(5))
    queued = ex.submit(lambda: "never")
    ex.close()
    gate.set()
    assert running.result(5) is True and queued.cancelled()
    with pytest.raises(RuntimeError, match="ended"):
        ex.submit(lambda: 1).result(5)
