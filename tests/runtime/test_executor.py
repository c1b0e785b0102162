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


def test_on_busy_hears_each_busy_spell_once_with_its_start(pool):
    heard = []
    ex = SerialExecutor(pool, on_busy=lambda busy: heard.append((busy, ex.busy_since)))
    assert ex.busy_since is None
    gate = threading.Event()
    first = ex.submit(lambda: gate.wait(5))
    second = ex.submit(lambda: 2)  # the same spell: no second "busy"
    [(busy, since)] = heard
    assert busy is True and since is not None and since <= time.monotonic()
    gate.set()
    assert first.result(5) is True and second.result(5) == 2
    deadline = time.monotonic() + 5
    while len(heard) < 2 and time.monotonic() < deadline:
        time.sleep(0.001)
    assert heard[1] == (False, None) and ex.pending == 0

    ex.submit(lambda: 3).result(5)  # a new spell, heard again
    while len(heard) < 4 and time.monotonic() < deadline:
        time.sleep(0.001)
    assert [b for b, _ in heard] == [True, False, True, False]


def test_closing_a_busy_executor_ends_its_spell(pool):
    heard = []
    ex = SerialExecutor(pool, on_busy=heard.append)
    gate, running = threading.Event(), threading.Event()
    ex.post(lambda: (running.set(), gate.wait(5)))
    queued = ex.submit(lambda: "never")
    assert running.wait(5)
    ex.close()  # drops the queued call; the running one still counts
    assert queued.cancelled() and heard == [True] and ex.pending == 1
    gate.set()
    deadline = time.monotonic() + 5
    while heard == [True] and time.monotonic() < deadline:
        time.sleep(0.001)
    assert heard == [True, False] and ex.busy_since is None


def test_ensure_adds_workers_that_drain_and_never_removes_any():
    workers = Workers(1)
    try:
        workers.ensure(3)
        workers.ensure(2)
        assert workers.count == 3
        # Three sessions whose calls wait for each other: only three workers can run them.
        barrier = threading.Barrier(3, timeout=5)
        executors = [SerialExecutor(workers) for _ in range(3)]
        futures = [ex.submit(barrier.wait) for ex in executors]
        for future in futures:
            future.result(timeout=5)
    finally:
        workers.shutdown()
