"""``ds.state`` over real sockets, and in a ``LocalClient`` where time matters: context,
store, callbacks in time, threads, hooks."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

import docsync as ds
import docsync.examples
from docsync.testing import LocalClient
from tests.server.support import only_session, texts, wait_until

EXAMPLES = Path(docsync.examples.__file__).parent


def strs(client) -> list[str]:
    return texts(client.client, "Str", "text")


def test_outside_a_session_values_are_empty():
    s = ds.state
    assert (s.session_id, s.curdoc, s.session, s.busy, s.served) == (None, None, None, False,
                                                                     False)
    assert s.session_args == {} and s.headers == {} and s.cookies == {} and s.location is None
    assert s.loaded  # as in Panel: nothing is waiting for a page
    with pytest.raises(RuntimeError, match="needs a running docsync server"):
        s.add_periodic_callback(lambda: None)


async def test_context_values_are_per_session_in_threads_and_tasks(serve_app, clients):
    seen: dict[str, list[str | None]] = {}

    def app():
        sid = ds.state.session_id
        out = ds.pane.Str(f"{sid}|{ds.state.session_args.get('who')}|{ds.state.served}")
        seen[sid] = []
        button = ds.widgets.Button(name="go")

        def in_thread(_event):  # runs in a worker thread
            seen[sid].append(ds.state.session_id)
            ds.state.execute(in_task)

        async def in_task():  # runs on the loop
            await asyncio.sleep(0)
            seen[sid].append(ds.state.session_id)
            out.object = "done"

        button.on_click(in_thread)
        return ds.Column(out, button)

    handle = serve_app(app)
    a = await clients(handle.url + "app?who=ann").open(args={"who": ["ann"]})
    b = await clients(handle.url + "app?who=bob").open(args={"who": ["bob"]})
    sid_a, sid_b = a.client.session_id, b.client.session_id
    assert strs(a) == [f"{sid_a}|[b'ann']|True"] and strs(b) == [f"{sid_b}|[b'bob']|True"]
    for client in (a, b):
        await client.click(client.client.find("Button"))
    await a.wait_for(lambda c: strs(a) == ["done"])
    await b.wait_for(lambda c: strs(b) == ["done"])
    assert seen == {sid_a: [sid_a, sid_a], sid_b: [sid_b, sid_b]}


async def test_headers_cookies_and_location(serve_app, clients):
    def app():
        loc = ds.state.location
        return ds.pane.Str(f"{ds.state.cookies.get('team')}|{loc.pathname}|{loc.search}|"
                           f"{'Host' in ds.state.headers}")

    handle = serve_app(app)
    client = clients(handle.url + "app")
    await client.load_page()
    client.extra_headers = {"Cookie": "team=blue; other=1"}
    await client.open(location={"pathname": "/app", "search": "?q=1", "hash": ""})
    assert strs(client) == ["blue|/app|?q=1|True"]


async def test_location_syncs_both_ways(serve_app, clients):
    locations = []

    def app():
        loc = ds.state.location
        loc.param.watch(lambda e: locations.append(e.new), "hash")
        button = ds.widgets.Button(name="go")
        button.on_click(lambda _e: setattr(loc, "search", "?page=2"))
        return button

    handle = serve_app(app)
    client = await clients(handle.url + "app").open(location={"pathname": "/app"})
    loc_id = client.client.find("Location")
    assert client.client.prop(loc_id, "pathname") == "/app"
    await client.set(loc_id, "hash", "#part")
    await wait_until(lambda: locations == ["#part"])
    await client.click(client.client.find("Button"))
    await client.wait_for(lambda c: c.prop(loc_id, "search") == "?page=2")


async def test_session_store_is_per_session(serve_app, clients):
    def app():
        ds.state.session.clicks = 0
        out = ds.pane.Str("0")
        button = ds.widgets.Button(name="+")

        def click(_e):
            ds.state.session["clicks"] += 1
            out.object = str(ds.state.session.clicks)

        button.on_click(click)
        return ds.Column(button, out)

    handle = serve_app(app)
    a = await clients(handle.url + "app").open()
    b = await clients(handle.url + "app").open()
    for _ in range(3):
        await a.click(a.client.find("Button"))
    await b.click(b.client.find("Button"))
    await a.wait_for(lambda c: strs(a) == ["3"])
    await b.wait_for(lambda c: strs(b) == ["1"])


async def test_require_picklable_refuses_at_assignment(serve_app, clients):
    def app():
        try:
            ds.state.session.lock = threading.Lock()
            return ds.pane.Str("stored")
        except TypeError as exc:
            return ds.pane.Str(str(exc))

    handle = serve_app(app, require_picklable=True)
    client = await clients(handle.url + "app").open()
    assert "state.session['lock'] must be picklable" in strs(client)[0]


def test_periodic_callback_updates_the_page_and_stops_with_its_session():
    made = []

    def app():
        out = ds.pane.Str("0")
        pc = ds.state.add_periodic_callback(
            lambda: setattr(out, "object", str(int(out.object) + 1)), period=10)
        made.append(pc)
        return out

    with LocalClient(app, reconnect_timeout=0.2).connect() as client:
        client.advance(0.05)
        [pc] = made
        assert strs(client) == ["5"] and pc.counter == 5 and pc.running
        client.drop()
        client.advance(0.15)  # detached, it keeps running
        assert pc.counter == 20 and pc.running
        [_session] = client.advance(0.05)  # expired: destroyed: stopped
        assert pc.counter == 25 and not pc.running
        client.advance(1)
        assert pc.counter == 25


def test_periodic_count_and_timeout_in_a_session():
    made = []

    def app():
        made.append(ds.state.add_periodic_callback(lambda: None, period=5, count=3))
        made.append(ds.state.add_periodic_callback(lambda: None, period=5, timeout=52))
        return ds.pane.Str("x")

    with LocalClient(app).connect() as client:
        client.advance(1)
        counted, timed = made
        assert not counted.running and not timed.running
        assert counted.counter == 3 and timed.counter == 10


def test_a_failing_callback_is_logged_and_shown_and_periodic_stops(caplog):
    def app():
        def broken():
            raise ValueError("sensor offline")

        ds.state.add_periodic_callback(broken, period=5)
        return ds.pane.Str("x")

    with LocalClient(app, max_callback_errors=3).connect() as client:
        client.advance(1)
        notes = [m["data"] for m in client.client.commands if m["name"] == "notify"]
        assert notes[0]["level"] == "error" and "ValueError: sensor offline" in notes[0]["message"]
        assert len(notes) == 4 and "stopped after 3 failures" in notes[3]["message"]
        assert "ValueError: sensor offline" in caplog.text and "Traceback" in caplog.text
        assert client.connected  # the session goes on


async def test_a_raising_click_handler_notifies_its_own_session_only(serve_app, clients):
    def app():
        button = ds.widgets.Button(name="b")
        button.on_click(lambda _e: 1 / 0)
        return button

    handle = serve_app(app)
    a = await clients(handle.url + "app").open()
    b = await clients(handle.url + "app").open()
    await a.click(a.client.find("Button"))
    # Toasts only: on a loaded machine the busy indicator may be told too.
    def toasts(c):
        return [m for m in c.commands if m["name"] == "notify"]

    await a.wait_for(toasts)
    assert "ZeroDivisionError" in toasts(a.client)[0]["data"]["message"]
    await b.click(b.client.find("Button"))
    await b.wait_for(toasts)
    assert len(toasts(a.client)) == 1


async def test_execute_example_answers_at_once_then_finishes(serve_app, clients):
    handle = serve_app(EXAMPLES / "execute_status.py")
    client = await clients(handle.url + "execute_status").open()
    await client.click(client.client.find("Button"))
    await client.wait_for(lambda c: strs(client) == ["Working..."], timeout=0.9)
    await client.wait_for(lambda c: strs(client) == ["Done"], timeout=5)


async def test_clock_example_ticks_and_stops(serve_app, clients):
    handle = serve_app(EXAMPLES / "clock.py")
    client = await clients(handle.url + "clock").open()
    first = strs(client)[0]
    assert first.startswith("Server time: ")
    await client.wait_for(lambda c: strs(client)[0] != first, timeout=3)
    await client.click(client.client.find("Button"))
    session = only_session(handle, "clock")
    pcs = handle.server.runtime.context_of(session)._periodic
    await wait_until(lambda: not pcs[0].running)


async def test_execute_threaded_and_async(serve_app, clients):
    def app():
        out = ds.pane.Str("")
        names = []

        def work():
            names.append(threading.current_thread().name)
            out.object = f"{len(names)} {ds.state.session_id is not None}"

        async def awork():
            out.object = "async"

        b1, b2 = ds.widgets.Button(name="t"), ds.widgets.Button(name="a")
        b1.on_click(lambda _e: ds.state.execute(work, threaded=True))
        b2.on_click(lambda _e: ds.state.execute(awork))
        return ds.Column(out, b1, b2)

    handle = serve_app(app)
    client = await clients(handle.url + "app").open()
    await client.click(client.client.find("Button", name="t"))
    await client.wait_for(lambda c: strs(client) == ["1 True"])
    await client.click(client.client.find("Button", name="a"))
    await client.wait_for(lambda c: strs(client) == ["async"])


async def test_schedule_task_runs_once_per_server_however_many_sessions(serve_app, clients):
    runs = []

    def app():
        sid = ds.state.session_id  # each session asks with a callback of its own
        ds.state.schedule_task("job", lambda: runs.append(sid), period="50ms")
        return ds.pane.Str("x")

    handle = serve_app(app)
    first = await clients(handle.url + "app").open()
    for _ in range(2):
        await clients(handle.url + "app").open()
    await wait_until(lambda: len(runs) >= 4)
    assert handle.server.runtime.tasks.names() == ["job"]
    # One task, the first session's: the later calls with that name changed nothing.
    assert set(runs) == {first.client.session_id}


async def test_hooks_run_exactly_once_per_session(serve_app, clients, tmp_path):
    events: list[str] = []

    def setup():
        ds.state.on_session_created(lambda ctx: events.append(f"created {ctx.id[:4]}"))
        ds.state.on_session_destroyed(lambda ctx: events.append(f"app-wide {ctx.id[:4]}"))

    def app():
        sid = ds.state.session_id[:4]
        ds.state.on_session_destroyed(lambda ctx: events.append(f"destroyed {sid}"))
        ds.state.onload(lambda: events.append(f"loaded {sid}"))
        ds.state.on_session_resumed(lambda replayed: events.append(f"resumed {sid} {replayed}"))
        return ds.pane.Str("x")

    handle = serve_app(app, setup=setup, reconnect_timeout=0.3)
    a = await clients(handle.url + "app").open()
    sid = a.client.session_id[:4]
    await wait_until(lambda: f"loaded {sid}" in events)
    assert events[:2] == [f"created {sid}", f"loaded {sid}"]
    await a.drop()
    await a.open()
    await wait_until(lambda: f"resumed {sid} True" in events)
    await a.drop()
    await wait_until(lambda: f"destroyed {sid}" in events, timeout=5)  # expiry
    b = await clients(handle.url + "app").open()
    sid_b = b.client.session_id[:4]
    await asyncio.to_thread(handle.stop)  # shutdown destroys the live one
    for s in (sid, sid_b):
        assert events.count(f"created {s}") == 1
        assert events.count(f"destroyed {s}") == 1 and events.count(f"app-wide {s}") == 1
    assert events.index(f"destroyed {sid}") < events.index(f"app-wide {sid}")


def test_on_session_resumed_says_snapshot_when_the_log_was_lost():
    from docsync.core.session import LogLimits

    resumed = []

    def app():
        ds.state.on_session_resumed(resumed.append)
        return ds.pane.Str("0")

    with LocalClient(app, log_limits=LogLimits(max_messages=2)).connect() as client:
        client.drop()
        model = client.document.get_model(client.client.find("Str"))
        for i in range(5):
            model.object = f"v{i}"
            client.tick()  # one patch each
        client.resume()
        assert resumed == [False] and strs(client) == ["v4"] and client.client.snapshots == 2


async def test_a_blocking_callback_does_not_freeze_other_sessions(serve_app, clients):
    release = threading.Event()
    started = threading.Event()

    def block(_event):
        started.set()
        release.wait(30)

    def app():
        x = ds.widgets.IntSlider(name="x", end=1000)
        button = ds.widgets.Button(name="block")
        button.on_click(block)
        return ds.Column(x, ds.bind(lambda v: f"x is {v}", x), button)

    handle = serve_app(app)
    slow = await clients(handle.url + "app").open()
    fast = await clients(handle.url + "app").open()
    await slow.click(slow.client.find("Button"))
    await wait_until(started.is_set, what="the blocking callback running")
    slider = fast.client.find("IntSlider")
    for i in range(1, 41):  # every round trip of the other session completes meanwhile
        await fast.set(slider, "value", i)
        await fast.wait_for(lambda c, i=i: f"x is {i}" in texts(c), timeout=10)
    assert slow.client.outbox  # the click is still unanswered: its callback still blocks
    release.set()
    await slow.wait_for(lambda c: not c.outbox, timeout=10)


def test_execute_outside_a_session_follows_panels_schedule():
    ran: list[str] = []
    ds.state.execute(lambda: ran.append("auto"))  # no session: now, as in Panel
    ds.state.execute(lambda: ran.append("now"), schedule=False)
    assert ran == ["auto", "now"]
    with pytest.raises(ValueError, match="schedule must be"):
        ds.state.execute(lambda: None, schedule="later")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="contradicts schedule=False"):
        ds.state.execute(lambda: None, schedule=False, threaded=True)
    with pytest.raises(RuntimeError, match="needs a running docsync server"):
        ds.state.execute(lambda: None, schedule=True)


async def test_execute_in_a_session_now_soon_and_in_a_thread(serve_app, clients):
    def app():
        out = ds.pane.Str("")
        button = ds.widgets.Button(name="go")

        def note(step):
            out.object = f"{out.object} {step}".strip()

        def click(_event):
            ds.state.execute(lambda: note("queued"))  # auto: after this callback
            ds.state.execute(lambda: note("soon"), schedule=True)
            ds.state.execute(lambda: note("now"), schedule=False)
            note("end")

        button.on_click(click)
        return ds.Column(out, button)

    handle = serve_app(app)
    client = await clients(handle.url + "app").open()
    await client.click(client.client.find("Button"))
    await client.wait_for(lambda c: strs(client) == ["now end queued soon"])


async def test_loaded_is_false_while_building_and_true_in_onload(serve_app, clients):
    seen: list[bool] = []

    def app():
        seen.append(ds.state.loaded)
        ds.state.onload(lambda: seen.append(ds.state.loaded))
        return ds.pane.Str("x")

    handle = serve_app(app)
    await clients(handle.url + "app").open()
    await wait_until(lambda: len(seen) == 2)
    assert seen == [False, True]


def test_onload_once_the_page_is_shown_runs_soon_in_the_session():
    def app():
        out = ds.pane.Markdown("")
        button = ds.widgets.Button(name="later")
        button.on_click(lambda _e: ds.state.onload(
            lambda: setattr(out, "object", f"{ds.state.session_id} {ds.state.loaded}")))
        return ds.Column(button, out)

    with LocalClient(app).connect() as c:  # the snapshot is acknowledged: the page shows
        c.click(c.client.find("Button"))
        assert c.client.prop(c.client.find("Markdown"), "object") == f"{c.context.id} True"


async def test_on_session_created_from_an_app_function_counts_once_per_server(serve_app,
                                                                                clients):
    created: list[str] = []

    def app():
        ds.state.on_session_created(lambda ctx: created.append(ctx.id))
        return ds.pane.Str(",".join(created))

    handle = serve_app(app)
    sids = []
    for _ in range(3):
        client = await clients(handle.url + "app").open()
        sids.append(client.client.session_id)
    # The first session ran it when it registered it; every later one when created.
    assert created == sids
    assert len(handle.server.runtime.created_hooks) == 1


async def test_registrations_outside_any_server_wait_for_the_next_one(serve_app, clients):
    from docsync.runtime.pending import REGISTRATIONS

    events: list[str] = []
    REGISTRATIONS.clear()
    try:
        ds.state.cache["before"] = 1
        ds.state.on_session_created(lambda ctx: events.append("created"))
        ds.state.on_session_destroyed(lambda ctx: events.append("destroyed"))
        ds.state.schedule_task("early", lambda: events.append("task"), period=0.02)
        handle = serve_app(lambda: ds.pane.Str(str(ds.state.cache.get("before"))))
        client = await clients(handle.url + "app").open()
        assert strs(client) == ["1"] and events.count("created") == 1
        await wait_until(lambda: "task" in events)
        # While it runs, outside registrations reach it directly.
        ds.state.cache["after"] = 2
        assert handle.server.runtime.cache == {"before": 1, "after": 2}
        await asyncio.to_thread(handle.stop)
        assert events.count("destroyed") == 1
    finally:
        REGISTRATIONS.clear()
