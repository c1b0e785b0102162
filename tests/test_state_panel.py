"""``ds.state``'s Panel names: ``curdoc`` (Bokeh's callback methods), ``cancel_task``,
and the error a Panel name docsync lacks raises."""

from __future__ import annotations

import pytest

import docsync as ds
from tests.server.support import wait_until
from tests.test_state import strs


async def test_curdoc_has_bokehs_callback_methods(serve_app, clients):
    made = []
    refused: list[str] = []

    def app():
        doc = ds.state.curdoc
        out = ds.pane.Str("")
        button = ds.widgets.Button(name="go")

        def note(step):
            out.object = f"{out.object} {step}".strip()

        def click(_event):
            cancelled = doc.add_next_tick_callback(lambda: note("never"))
            doc.add_next_tick_callback(lambda: note("tick"))
            doc.remove_next_tick_callback(cancelled)
            try:
                doc.remove_next_tick_callback(cancelled)
            except ValueError as exc:
                refused.append(str(exc))
            doc.add_timeout_callback(lambda: note("timeout"), 20)
            doc.remove_timeout_callback(doc.add_timeout_callback(lambda: note("never"), 30))
            made.append(doc.add_periodic_callback(lambda: None, 10))

        def stop(_event):
            doc.remove_periodic_callback(made[0])

        button.on_click(click)
        stopper = ds.widgets.Button(name="stop")
        stopper.on_click(stop)
        assert doc == ds.state.curdoc and doc.session_context.id == ds.state.session_id
        column = ds.Column(out, button, stopper)
        doc.roots = [column]  # the document's own attributes, read and written
        assert doc.document.roots == (column,)
        return column

    handle = serve_app(app)
    client = await clients(handle.url + "app").open()
    await client.click(client.client.find("Button", name="go"))
    await client.wait_for(lambda c: strs(client) == ["tick timeout"])
    assert refused == ["this callback already ran or was removed (it was added with "
                       "add_next_tick_callback)"]
    [pc] = made
    await wait_until(lambda: pc.counter >= 2)
    await client.click(client.client.find("Button", name="stop"))
    await wait_until(lambda: not pc.running)


async def test_cancel_task_as_panel_unknown_names_and_wait(serve_app, clients):
    runs: list[int] = []
    answers: list[str] = []

    def app():
        ds.state.schedule_task("job", lambda: runs.append(1), period=0.02)
        button = ds.widgets.Button(name="cancel")

        def cancel(_event):
            try:
                ds.state.cancel_task("nope")
            except KeyError as exc:
                answers.append(str(exc))
            ds.state.cancel_task("job", wait=True)

        button.on_click(cancel)
        return button

    handle = serve_app(app)
    client = await clients(handle.url + "app").open()
    await wait_until(lambda: runs)
    await client.click(client.client.find("Button"))
    await wait_until(lambda: handle.server.runtime.tasks.names() == [])
    assert answers == ["\"state.cancel_task: no task named 'nope' is scheduled (scheduled: "
                       "'job')\""]


def test_a_panel_name_docsync_lacks_says_where_to_look():
    with pytest.raises(AttributeError, match="'Coming from Panel'"):
        ds.state.kill_all_servers()  # type: ignore[attr-defined]
    assert not hasattr(ds.state, "__wrapped__")
