"""The notebook host in a real kernel: displays are live views, ``ds.state`` works in cells
and in the views' callbacks, views of one object stay in sync, sessions come and go."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

import docsync as ds
from docsync.exceptions import UsageError
from docsync.notebook import host_for_kernel
from tests.notebook.kernel import CommClient, Kernel
from tests.server.support import texts

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture
async def kernel() -> AsyncIterator[Kernel]:
    k = await Kernel().start()
    yield k
    await k.stop()


def test_outside_a_kernel_the_extension_does_nothing() -> None:
    ds.extension()  # a served notebook or a script: the same code runs
    with pytest.raises(UsageError, match="Jupyter kernel"):
        host_for_kernel()


def markdown(view: CommClient) -> list[str]:
    return texts(view.client)


async def test_displays_are_live_and_views_of_one_object_stay_in_sync(kernel: Kernel) -> None:
    await kernel.execute("import docsync as ds\nds.extension()\nds.extension()")
    [shown] = await kernel.execute("""
x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
ds.Column(x, ds.bind(lambda v: f"x is {v}", x))""")
    bundle = shown["data"]
    assert WIDGET_VIEW in bundle and bundle["text/plain"].startswith("Column(")
    assert 'type="range"' in bundle["text/html"] and "x is 3" in bundle["text/html"]
    await kernel.execute("display(x)")
    assert await kernel.value("len(__import__('docsync.notebook.host').notebook.host"
                              ".installed(get_ipython()).views)") == 2

    column = await (await CommClient.of_widget(kernel, 0)).open()
    alone = await (await CommClient.of_widget(kernel, 1)).open()
    assert column.client.session_id != alone.client.session_id  # one session per view
    slider = column.client.find("IntSlider", name="x")
    column.set(slider, "value", 6)
    await column.wait_for(lambda v: "x is 6" in markdown(v), what="the bound pane")
    alone_slider = alone.client.find("IntSlider", name="x")
    await alone.wait_for(lambda v: v.client.prop(alone_slider, "value") == 6,
                         what="the other view to follow")

    # A cell's changes reach every view, as one patch per view.
    patches = len([m for m in column.client.received if m["type"] == "patch"])
    await kernel.execute("x.value = 1\nx.value = 2")
    await column.wait_for(lambda v: "x is 2" in markdown(v), what="the cell's change")
    await alone.wait_for(lambda v: v.client.prop(alone_slider, "value") == 2,
                         what="the cell's change in the other view")
    new = [m for m in column.client.received if m["type"] == "patch"][patches:]
    assert len(new) == 1, new


async def test_state_in_cells_and_in_view_callbacks(kernel: Kernel) -> None:
    await kernel.execute("""
import docsync as ds
ds.extension()
created = []
ds.state.on_session_created(lambda ctx: created.append(ctx.id))
button = ds.widgets.Button(name="Count")
out = ds.pane.Markdown("none")
def count(event):
    ds.state.session["n"] = ds.state.session.get("n", 0) + 1
    out.object = f"{ds.state.session_id} {ds.state.session['n']}"
button.on_click(count)
ds.Column(button, out)""")
    view = await (await CommClient.of_widget(kernel)).open()
    assert await kernel.value("created") == [view.client.session_id]
    button = view.client.find("Button")
    view.send(view.client.event(button, "click"))
    view.send(view.client.event(button, "click"))
    await view.wait_for(lambda v: f"{v.client.session_id} 2" in markdown(v),
                        what="the callback to see its session")

    # Periodic callbacks and execute, started from cells (app-wide: the kernel's runtime).
    await kernel.execute("""
ticks = ds.pane.Markdown("0")
def tick():
    ticks.object = str(int(ticks.object) + 1)
pc = ds.state.add_periodic_callback(tick, period=20, count=3)
ticks""")
    ticking = await (await CommClient.of_widget(kernel)).open()
    await ticking.wait_for(lambda v: markdown(v) == ["3"], what="three ticks")
    await kernel.execute("ds.state.execute(lambda: setattr(ticks, 'object', 'executed'))")
    await ticking.wait_for(lambda v: markdown(v) == ["executed"], what="execute")
    assert await kernel.value("pc.counter") == 3


async def test_a_view_after_its_session_ended_starts_a_fresh_one(kernel: Kernel) -> None:
    await kernel.execute("""
import docsync as ds
from docsync.notebook.host import HostConfig, NotebookHost
host = NotebookHost(HostConfig(reconnect_timeout=0.05))
ended = []
host.runtime.destroyed_hooks.append(lambda ctx: ended.append(ctx.id))
display(host.view(ds.pane.Markdown("hello")))""")
    first = await (await CommClient.of_widget(kernel, conn="first")).open()
    assert markdown(first) == ["hello"]
    first.close()
    await first.wait_for(lambda v: v.closed, what="the close to be answered")
    for _ in range(100):  # the detached session expires (the host checks every second)
        if await kernel.value("ended"):
            break
    assert await kernel.value("ended") == [first.client.session_id]
    # The view comes back (a notebook tab opened again) after its session expired.
    again = await CommClient.of_widget(kernel, conn="again")
    again.send(again.client.hello())
    await again.wait_for(lambda v: v.closed, what="the expired session's refusal")
    assert again.closed is not None and again.closed["close"] == 4404
    again.ask_token()
    await again.wait_for(lambda v: v.tokens, what="a fresh token")
    fresh = CommClient(kernel, again.comm_id, again.tokens[0] or "", "fresh")
    await fresh.open()
    assert markdown(fresh) == ["hello"]
    assert fresh.client.session_id != first.client.session_id

    # docsync stops in the kernel: views are told their sessions are gone.
    await kernel.execute("host.close()")
    await fresh.wait_for(lambda v: v.closed, what="the close")
    assert fresh.closed is not None and fresh.closed["close"] == 4404
    assert sorted(await kernel.value("ended")) == sorted(
        [first.client.session_id, fresh.client.session_id])
    fresh.ask_token()
    await fresh.wait_for(lambda v: v.tokens, what="no fresh token")
    assert fresh.tokens == [None]
