"""``/metrics`` (``--metrics``, ``ds.serve(metrics=True)``) scraped from real servers while
real clients open sessions, send patches, get refused, resume and close."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families

import docsync as ds
from docsync.exceptions import UsageError
from docsync.server.metrics import METRIC_NAMES, merge
from docsync.testing import fetch
from tests.conftest import TRANSPORTS
from tests.server.support import APPS


@pytest.fixture(params=TRANSPORTS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Every test here runs over the websockets server and the ASGI app alike."""
    return str(request.param)

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def parse(text: str) -> Samples:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


async def scrape(url: str) -> Samples:
    status, headers, body = await fetch(url)
    assert status == 200, body
    assert headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    return parse(body.decode())


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


async def until(url: str, check: Callable[[Samples], bool], *, timeout: float = 10.0,
                what: str = "metrics") -> Samples:
    """Scrape ``url`` every 50 ms, at most ``timeout`` s, until ``check`` holds."""
    deadline = time.monotonic() + timeout
    while True:
        samples = await scrape(url)
        if check(samples):
            return samples
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not reached within {timeout} s: {samples}")
        await asyncio.sleep(0.05)


def instrumented_app(gate: threading.Event) -> Callable[[], Any]:
    """A slider (0..10), a button whose callback raises, one that waits for ``gate``."""

    def app() -> Any:
        slider = ds.widgets.IntSlider(name="slider", start=0, end=10, value=1)
        failing = ds.widgets.Button(name="failing")
        waiting = ds.widgets.Button(name="waiting")

        def fail(_event: Any) -> None:
            raise RuntimeError("a callback that fails, on purpose")

        failing.on_click(fail)
        waiting.on_click(lambda _event: gate.wait(10))
        return ds.Column(slider, failing, waiting)

    return app


async def test_metrics_follow_sessions_patches_refusals_callbacks_and_resumes(serve_app,
                                                                              clients):
    gate = threading.Event()
    handle = serve_app({"app": instrumented_app(gate)}, metrics=True)
    url = handle.url + "metrics"
    try:
        before = await scrape(url)
        assert value(before, "docsync_sessions_opened_total", app="app") == 0
        assert value(before, "docsync_sessions_live", app="app") == 0

        client = await clients(handle.url + "app").open()
        opened = await scrape(url)
        assert value(opened, "docsync_sessions_opened_total", app="app") == 1
        assert value(opened, "docsync_sessions_live", app="app") == 1
        assert value(opened, "docsync_messages_received_total") >= 1  # the hello
        assert value(opened, "docsync_messages_sent_total") >= 2  # welcome, snapshot

        doc = client.client
        slider = doc.find("IntSlider", name="slider")
        await client.set(slider, "value", 4)
        await client.wait_for(lambda c: not c.outbox)
        patched = await until(url, lambda s: value(
            s, "docsync_callback_duration_seconds_count") > value(
            opened, "docsync_callback_duration_seconds_count"), what="a timed call")
        assert value(patched, "docsync_messages_received_total") > value(
            opened, "docsync_messages_received_total")
        assert value(patched, "docsync_messages_sent_total") > value(
            opened, "docsync_messages_sent_total")
        assert not any(name == "docsync_refused_messages_total" for name, _ in patched)

        await client.set(slider, "value", 99)  # past the end: refused, snapped back
        await client.wait_for(lambda c: bool(c.errors))
        code = doc.errors[0]["code"]
        refused = await until(url, lambda s: value(
            s, "docsync_refused_messages_total", app="app", code=code) == 1, what="a refusal")
        assert value(refused, "docsync_callback_errors_total") == 0

        await client.click(doc.find("Button", name="failing"))
        await until(url, lambda s: value(s, "docsync_callback_errors_total") == 1,
                    what="a callback error")

        await client.click(doc.find("Button", name="waiting"))
        await until(url, lambda s: value(s, "docsync_executor_queue_depth") >= 1,
                    what="a waiting call in the queue")
        gate.set()
        await until(url, lambda s: value(s, "docsync_executor_queue_depth") == 0,
                    what="an empty queue")

        await client.drop()
        await until(url, lambda s: value(s, "docsync_sessions_detached", app="app") == 1
                    and value(s, "docsync_sessions_live", app="app") == 0, what="a detach")
        await client.open()  # resumes from its last seq: the log is replayed
        replayed = await scrape(url)
        assert value(replayed, "docsync_resumes_total", app="app", how="replay") == 1
        assert value(replayed, "docsync_resumes_total", app="app", how="snapshot") == 0
        assert value(replayed, "docsync_sessions_live", app="app") == 1

        await client.drop()
        await until(url, lambda s: value(s, "docsync_sessions_detached", app="app") == 1,
                    what="a second detach")
        doc.last_seq = None  # a page that lost its state: it is sent a snapshot
        await client.open()
        resumed = await scrape(url)
        assert value(resumed, "docsync_resumes_total", app="app", how="snapshot") == 1
        assert value(resumed, "docsync_sessions_opened_total", app="app") == 1  # the same one

        await client.close()
        closed = await until(url, lambda s: value(
            s, "docsync_sessions_detached", app="app") == 1, what="a closed page")
        assert value(closed, "docsync_sessions_live", app="app") == 0
        assert value(closed, "docsync_unsent_bytes") == 0
        assert value(closed, "docsync_unsent_bytes_max") == 0
        assert value(closed, "docsync_sessions_destroyed_total", app="app") == 0
        # Every family the README lists is there (but the Redis ones and the acceptor's).
        names = {family.name for family in text_string_to_metric_families(
            (await fetch(url))[2].decode())}
        listed = {name.removesuffix("_total") for name, _ in METRIC_NAMES}
        assert listed - names == {"docsync_redis_available", "docsync_redis_outages",
                                  "docsync_workers_scraped"}
    finally:
        gate.set()  # never leave a worker thread waiting on a failed test


async def test_an_expired_session_counts_as_destroyed(serve_app, clients):
    handle = serve_app({"app": instrumented_app(threading.Event())}, metrics=True,
                       reconnect_timeout=0.1)
    url = handle.url + "metrics"
    client = await clients(handle.url + "app").open()
    await client.close()
    gone = await until(url, lambda s: value(
        s, "docsync_sessions_destroyed_total", app="app") == 1, what="an expiry")
    assert value(gone, "docsync_sessions_detached", app="app") == 0
    assert value(gone, "docsync_sessions_opened_total", app="app") == 1


async def test_metrics_only_with_the_flag_under_the_prefix_too_and_without_login(
        docsync_serve):
    plain = docsync_serve(APPS / "greeting.py", "--port", "0")
    with_metrics = docsync_serve(APPS / "greeting.py", "--port", "0", "--metrics",
                                 "--prefix", "/dash", "--basic-auth", "a password")
    root = (await plain.wait_serving())["greeting"].rsplit("/", 1)[0]
    status, _, body = await fetch(f"{root}/metrics")
    assert status == 404 and b"docsync_" not in body
    dash = (await with_metrics.wait_serving())["greeting"].rsplit("/", 1)[0]
    assert dash.endswith("/dash")
    # Prometheus cannot log in: the metrics, like the probes, need no login...
    for where in (f"{dash}/metrics", f"{dash.removesuffix('/dash')}/metrics"):
        samples = await scrape(where)
        assert value(samples, "docsync_sessions_live", app="greeting") == 0
    # ...while the apps do.
    assert (await fetch(f"{dash}/greeting"))[0] == 302


def test_an_app_at_metrics_is_refused_with_the_flag(tmp_path, capsys):
    from docsync.cli import main

    app = tmp_path / "metrics.py"
    app.write_text("import docsync as ds\nds.pane.Markdown('hi').servable()\n")
    assert main(["serve", str(app), "--metrics"]) == 2
    err = capsys.readouterr().err
    assert "--metrics" in err and "/metrics" in err and "Traceback" not in err
    with pytest.raises(UsageError, match="--metrics"):
        ds.serve({"metrics": ds.pane.Markdown("hi")}, metrics=True, threaded=True)


def test_merge_adds_samples_keeps_the_largest_max_and_the_earliest_creation():
    one = ("# TYPE docsync_sessions_live gauge\n"
           'docsync_sessions_live{app="a"} 2\n'
           "# TYPE docsync_messages_sent_total counter\n"
           "docsync_messages_sent_total 10\n"
           "# TYPE docsync_messages_sent_created gauge\n"
           "docsync_messages_sent_created 200\n"
           "# TYPE docsync_unsent_bytes_max gauge\n"
           "docsync_unsent_bytes_max 70\n")
    two = ("# TYPE docsync_sessions_live gauge\n"
           'docsync_sessions_live{app="a"} 3\n'
           'docsync_sessions_live{app="b"} 1\n'
           "# TYPE docsync_messages_sent_total counter\n"
           "docsync_messages_sent_total 5\n"
           "# TYPE docsync_messages_sent_created gauge\n"
           "docsync_messages_sent_created 100\n"
           "# TYPE docsync_unsent_bytes_max gauge\n"
           "docsync_unsent_bytes_max 30\n")
    merged = parse(merge([one, two]).decode())
    assert value(merged, "docsync_sessions_live", app="a") == 5
    assert value(merged, "docsync_sessions_live", app="b") == 1
    assert value(merged, "docsync_messages_sent_total") == 15
    assert value(merged, "docsync_messages_sent_created") == 100
    assert value(merged, "docsync_unsent_bytes_max") == 70
    with pytest.raises(ValueError):
        merge(["docsync_x{ 1\n"])


