import threading
import time

import pytest

from docsync.runtime.executor import SerialExecutor, Workers


@pytest.fixture
def pool():
    workers = Workers(4)
    yield workers
    workers.shutdown()


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
    inside = threading.local()

    def wrap(fn):
        inside.on = True
        try:
            return fn()
        finally:
            inside.on = False

    ex = SerialExecutor(pool, wrap=wrap)
    assert ex.submit(lambda: inside.on).result(5) is True


def test_close_cancels_queued_calls_and_refuses_new_ones(pool):
    ex = SerialExecutor(pool)
    gate, started = threading.Event(), threading.Event()
    running = ex.submit(lambda: started.set() or gate.wait(5))
    queued = ex.submit(lambda: "never")
    assert started.wait(5)
    ex.close()
    gate.set()
    assert running.result(5) is True and queued.cancelled()
    with pytest.raises(RuntimeError, match="ended"):
        ex.submit(lambda: 1).result(5)


def test_post_sends_errors_to_on_error_and_goes_on(pool):
    errors, done = [], threading.Event()
    ex = SerialExecutor(pool, on_error=errors.append)
    ex.post(lambda: 1 / 0)
    ex.post(done.set)
    assert done.wait(5)
    assert [type(e) for e in errors] == [ZeroDivisionError]
