"""``ds.state.busy`` and the page's busy indicator: told after ``busy_delay`` of work in any
of a session's callbacks (queued, async, threaded, forms), taken back when idle, and told
again after a resume by snapshot."""

from __future__ import annotations

import asyncio
import threading

import pytest

import docsync as ds
from docsync.core.session import LogLimits
from tests.server.support import only_session, wait_until
from tests.test_state import strs


async def test_busy_is_true_while_a_callback_of_the_session_runs(serve_app, clients):
    seen = []

    def app():
        button = ds.widgets.Button(name="b")
        button.on_click(lambda _e: seen.append(ds.state.busy))
        return button

    handle = serve_app(app)
    client = await clients(handle.url + "app").open()
    await client.click(client.client.find("Button"))
    await wait_until(lambda: seen == [True])
    context = handle.server.runtime.context_of(only_session(handle))
    await wait_until(lambda: not context.busy)


# -- the page hears of long busy spells only (the ``busy`` command) ----------------------------

def busy_commands(client) -> list[bool]:
    return [m["data"]["busy"] for m in client.client.commands if m["name"] == "busy"]


def seq_of(client, predicate) -> int:
    """The ``seq`` of the first message the client received that ``predicate`` accepts."""
    return next(m["seq"] for m in client.client.received if "seq" in m and predicate(m))


@pytest.fixture
def gate():
    """Holds the long jobs; opened at teardown (before the server stops) if a test did not."""
    event = threading.Event()
    yield event
    event.set()


def busy_app(made: dict, gate: threading.Event):
    """Quick callbacks (five periodic ticks, a click), and a long job of each kind, held on
    ``gate`` and started by ``made[kind].start()`` (not by a page message) or, for the
    async form, by a submit whose own acknowledgement comes at once."""
    def app():
        ticks, out = ds.pane.Str("0"), ds.pane.Str("")
        ds.state.add_periodic_callback(
            lambda: setattr(ticks, "object", str(int(ticks.object) + 1)), period=10, count=5)
        click = ds.widgets.Button(name="quick")
        click.on_click(lambda _e: setattr(out, "object", "clicked"))

        def job():
            gate.wait(10)
            out.object = "done"

        async def ajob():
            await asyncio.to_thread(gate.wait, 10)
            out.object = "done"

        async def submitted(n: int):
            await ajob()

        starters = {
            "periodic": job,
            "execute": lambda: ds.state.execute(job),
            "threaded": lambda: ds.state.execute(job, threaded=True),
            "async": lambda: ds.state.execute(ajob),
        }
        for kind, starter in starters.items():
            made[kind] = ds.state.add_periodic_callback(starter, period=10, count=1,
                                                        start=False)
        form = ds.Form(ds.widgets.IntInput(name="n", value=1), on_submit=submitted)
        return ds.Column(ticks, out, click, form)
    return app


@pytest.mark.parametrize("kind", ["periodic", "execute", "threaded", "async", "form"])
async def test_a_long_callback_tells_the_page_busy_then_idle_and_quick_ones_nothing(
        serve_app, clients, gate, kind):
    made: dict = {}
    # Half a second, not 0.1 s: a loaded machine may stall a quick callback for 0.1 s,
    # which would rightly tell the page, and this test is about what quick work does not.
    handle = serve_app(busy_app(made, gate), busy_delay=0.5)
    client = await clients(handle.url + "app").open()
    await client.click(client.client.find("Button"))
    await client.wait_for(lambda c: strs(client) == ["5", "clicked"])
    context = handle.server.runtime.context_of(only_session(handle))
    await wait_until(lambda: not context.busy)

    if kind == "form":
        await client.submit(client.client.find("Form"))
    else:
        made[kind].start()
    await client.wait_for(lambda c: busy_commands(client) == [True])
    assert context.busy and strs(client)[1] == "clicked"
    gate.set()
    await client.wait_for(lambda c: busy_commands(client) == [True, False]
                          and strs(client)[1] == "done")
    assert not context.busy
    # In order: busy, the job's change, idle; the quick callbacks before sent no busy at all.
    is_busy = lambda want: lambda m: m.get("name") == "busy" and m["data"]["busy"] is want  # noqa: E731
    done = seq_of(client, lambda m: m["type"] == "patch"
                  and any(op.get("value") == "done" for op in m["ops"]))
    assert seq_of(client, is_busy(True)) < done < seq_of(client, is_busy(False))


async def test_a_resume_with_a_snapshot_tells_the_page_it_is_still_busy(serve_app, clients,
                                                                         gate):

    made: dict = {}
    handle = serve_app(busy_app(made, gate), log_limits=LogLimits(max_messages=2))
    client = await clients(handle.url + "app").open()
    await client.wait_for(lambda c: strs(client)[0] == "5")
    made["threaded"].start()
    await client.wait_for(lambda c: busy_commands(client) == [True])
    await client.drop()
    session = only_session(handle)
    ticks = session.document.get_model(client.client.find("Str"))
    for i in range(5):  # more than the log keeps: the resume sends a snapshot
        logged = session.seq
        handle.server.runtime.on_loop(lambda i=i: setattr(ticks, "object", f"v{i}"))
        # Each change in a patch of its own (not coalesced): wait until it is logged.
        await wait_until(lambda logged=logged: session.seq > logged, what="the change logged")
    await client.open()
    await client.wait_for(lambda c: c.snapshots == 2)
    await client.wait_for(lambda c: busy_commands(client) == [True, True])
    gate.set()
    await client.wait_for(lambda c: busy_commands(client) == [True, True, False])
    snapshot = seq_of(client, lambda m: m["type"] == "snapshot" and m["seq"] > 1)
    assert snapshot < [m["seq"] for m in client.client.commands if m["name"] == "busy"][1]
