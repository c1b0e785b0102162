"""docsync.testing.LocalClient: the real stack in-process, with a manual clock; drop,
delay and resume."""

import asyncio
import gc
import threading
from datetime import datetime, timedelta

import pytest

import docsync as ds
from docsync.testing import LocalClient
from docsync.testing.stack import StackError


def hello():
    x = ds.widgets.IntSlider(name="x", end=10, value=3)
    return ds.Column(x, ds.bind(lambda v: f"x is {v}", x))


def test_round_trip_and_acks():
    c = LocalClient(hello).connect()
    s, m = c.client.find("IntSlider"), c.client.find("Markdown")
    c.set(s, "value", 6)
    assert c.client.prop(m, "object") == "x is 6" and c.client.outbox == []


def test_delayed_frames_lost_on_drop_are_replayed_on_resume():
    c = LocalClient(hello).connect()
    s, m = c.client.find("IntSlider"), c.client.find("Markdown")
    c.delay()
    c.set(s, "value", 7)
    c.drop()  # the reply was in flight
    assert c.client.prop(m, "object") == "x is 3" and len(c.client.outbox) == 1
    c.resume()
    assert c.client.prop(m, "object") == "x is 7" and c.client.outbox == []
    assert c.session.applied_cseq == 1


def test_edits_on_both_sides_while_dropped_converge():
    c = LocalClient(hello).connect()
    s, m = c.client.find("IntSlider"), c.client.find("Markdown")
    c.drop()
    c.document.get_model(s).value = 9
    c.set(s, "value", 2)
    c.set(s, "value", 4)
    c.resume()
    assert c.document.get_model(s).value == 4
    assert c.client.prop(s, "value") == 4 and c.client.prop(m, "object") == "x is 4"


def test_expiry_destroys_the_session():
    c = LocalClient(hello, reconnect_timeout=5).connect()
    c.drop()
    assert c.advance(4) == []
    assert len(c.advance(1)) == 1


# -- the real runtime in-process -----------------------------------------------------------


def ticker(period=500, **options):
    """An app whose periodic callback counts into a Markdown and state.session."""
    def app():
        out = ds.pane.Markdown("0")

        def tick():
            ds.state.session["ticks"] = ds.state.session.get("ticks", 0) + 1
            out.object = str(ds.state.session["ticks"])

        ds.state.session["periodic"] = ds.state.add_periodic_callback(tick, period=period,
                                                                       **options)
        return ds.Column(out)
    return app


def test_a_periodic_callback_fires_exactly_once_per_period_advanced():
    with LocalClient(ticker(period=500)).connect() as c:
        md = c.client.find("Markdown")
        c.tick()
        assert c.client.prop(md, "object") == "0"
        c.advance(0.499)
        assert c.client.prop(md, "object") == "0"
        c.advance(0.001)
        assert c.client.prop(md, "object") == "1"
        c.advance(10 * 0.5)
        assert c.client.prop(md, "object") == "11" and c.context.store["ticks"] == 11
        assert c.context.store["periodic"].counter == 11


def test_a_period_that_is_no_float_sum_still_fires_on_its_last_tick():
    with LocalClient(ticker(period=100)).connect() as c:
        c.advance(30 * 0.1)  # 0.1 + 0.1 + ... is not 30 * 0.1 in floats
        assert c.context.store["ticks"] == 30


def test_count_and_timeout_of_a_periodic_callback_follow_the_manual_clock():
    with LocalClient(ticker(period=200, count=3)).connect() as c:
        c.advance(60)
        assert c.context.store["ticks"] == 3
    with LocalClient(ticker(period=200, timeout=1100)).connect() as c:
        c.advance(60)  # runs at 0.2 ... 1.0 s; the one due at 1.2 s is past the timeout
        assert c.context.store["ticks"] == 5 and not c.context.store["periodic"].running


def test_session_hooks_run_when_created_and_destroyed():
    seen = []

    def app():
        ctx_id = ds.state.session_id
        seen.append(("built", ds.state.curdoc is not None))
        ds.state.on_session_destroyed(lambda ctx: seen.append(("destroyed", ctx.id == ctx_id)))
        return ds.Column("# hi")

    c = LocalClient(app)
    c.runtime.created_hooks.append(lambda ctx: seen.append(("created", ctx.session is not None)))
    c.connect()
    assert seen == [("created", True), ("built", True)]
    c.close()
    assert seen[-1] == ("destroyed", True)
    c.close()  # idempotent
    assert len(seen) == 3


def test_widget_keys_and_state_cache_and_session_store_work():
    def app():
        ds.state.cache["sessions"] = ds.state.cache.get("sessions", 0) + 1
        ds.state.session.setdefault("op", 4)
        slider = ds.widgets.IntSlider(name="op", end=10, key="op")
        out = ds.pane.Markdown("")
        button = ds.widgets.Button(name="show")
        button.on_click(lambda _e: setattr(
            out, "object", f"{ds.state.session.op} of {ds.state.cache['sessions']}"))
        return ds.Column(slider, button, out)

    with LocalClient(app).connect() as c:
        slider = c.client.find("IntSlider")
        assert c.client.prop(slider, "value") == 4  # the key took the store's value
        c.set(slider, "value", 7)
        assert c.context.store["op"] == 7
        c.click(c.client.find("Button"))
        assert c.client.prop(c.client.find("Markdown"), "object") == "7 of 1"
        assert c.runtime.cache == {"sessions": 1}


def test_the_reconnect_timeout_destroys_a_dropped_session_after_advance():
    destroyed = []

    def app():
        ds.state.on_session_destroyed(lambda ctx: destroyed.append(ctx.id))
        return ticker(period=1000)()

    with LocalClient(app, reconnect_timeout=5).connect() as c:
        c.drop()
        assert c.advance(4.5) == [] and destroyed == []
        assert c.context.store["ticks"] == 4  # a detached session keeps running
        [session] = c.advance(0.5)
        assert session is c.session and destroyed == [session.id]
        assert c.runtime.context_of(session) is None
        with pytest.raises(ConnectionError, match="4404"):
            c.resume()


def test_a_resume_after_the_token_expired_is_refused_but_a_live_session_resumes():
    with LocalClient(hello, token_lifetime=60, reconnect_timeout=600) as c:
        c.advance(61)
        with pytest.raises(ConnectionError, match="4401 the session token has expired"):
            c.connect()
    with LocalClient(hello, token_lifetime=60, reconnect_timeout=600).connect() as c:
        c.drop()
        c.advance(300)  # the token is old, but it names a session that lives: resumed
        c.resume()
        assert c.connected and len(c.client.welcomes) == 2


def test_schedule_task_runs_at_its_times_on_the_manual_clock():
    now = datetime.fromtimestamp(1_000_000.0)
    runs = []

    def app():
        ds.state.schedule_task("once", lambda: runs.append(("once", ds.state.cache is not None)),
                               at=now + timedelta(seconds=90))
        ds.state.schedule_task("every", lambda: runs.append(("every", None)), period="1min")
        return ds.Column("# tasks")

    with LocalClient(app, now=1_000_000.0).connect() as c:
        c.advance(59)
        assert runs == []
        c.advance(1)
        assert runs == [("every", None)]
        c.advance(30)
        assert runs == [("every", None), ("once", True)]
        c.advance(60)
        assert runs.count(("every", None)) == 2
        c.advance(30)
        assert runs.count(("every", None)) == 3 and runs.count(("once", True)) == 1


def test_an_async_callback_sleeps_on_the_manual_clock_and_the_page_hears_it_is_busy():
    def app():
        out = ds.pane.Markdown("idle")
        button = ds.widgets.Button(name="go")

        async def slow():
            out.object = "working"
            await asyncio.sleep(5)
            out.object = "done"

        button.on_click(lambda _e: ds.state.execute(slow))  # async: on the loop
        return ds.Column(button, out)

    with LocalClient(app).connect() as c:
        md = c.client.find("Markdown")
        c.click(c.client.find("Button"))
        assert c.client.prop(md, "object") == "working" and c.context.busy
        assert busy_commands(c) == []
        c.advance(0.1)  # BUSY_DELAY: the page is told
        assert busy_commands(c) == [True]
        c.advance(4.9)
        assert c.client.prop(md, "object") == "done" and busy_commands(c) == [True, False]


def busy_commands(c):
    return [m["data"]["busy"] for m in c.client.commands if m["name"] == "busy"]


def test_execute_and_onload_run_in_the_session():
    def app():
        out = ds.pane.Markdown("")
        ds.state.onload(lambda: setattr(out, "object", f"loaded {ds.state.loaded}"))
        return ds.Column(out)

    with LocalClient(app).connect() as c:  # the snapshot is acknowledged, as by a page
        assert c.client.prop(c.client.find("Markdown"), "object") == "loaded True"
    with LocalClient(app, auto_ack=False).connect() as c:
        assert c.client.prop(c.client.find("Markdown"), "object") == ""
        c.ack()
        assert c.client.prop(c.client.find("Markdown"), "object") == "loaded True"


async def test_it_works_from_inside_a_running_event_loop():
    with LocalClient(ticker()).connect() as c:
        c.advance(1)
        assert c.client.prop(c.client.find("Markdown"), "object") == "2"
    await asyncio.sleep(0)  # the test's own loop was never blocked for good


def test_close_stops_its_threads_and_loop():
    before = {t.ident for t in threading.enumerate()}
    c = LocalClient(ticker()).connect()
    c.advance(1)
    loop = c._stack.loop
    c.close()
    assert loop.is_closed()
    assert {t.ident for t in threading.enumerate()} <= before


def test_a_client_never_closed_is_cleaned_up_when_collected():
    before = {t.ident for t in threading.enumerate()}
    c = LocalClient(ticker()).connect()
    loop = c._stack.loop
    del c
    gc.collect()
    assert loop.is_closed() and {t.ident for t in threading.enumerate()} <= before


def test_a_callback_that_never_ends_is_reported_not_waited_for_forever():
    gate = threading.Event()

    def app():
        button = ds.widgets.Button(name="block")
        button.on_click(lambda _e: gate.wait(30))
        return ds.Column(button)

    c = LocalClient(app, timeout=0.5).connect()
    try:
        with pytest.raises(StackError, match="did not settle"):
            c.click(c.client.find("Button"))
    finally:
        gate.set()
        c.close()


def test_advance_refuses_to_go_back():
    with LocalClient(hello).connect() as c, pytest.raises(ValueError, match="never goes back"):
        c.advance(-1)
