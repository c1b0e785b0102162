"""Widgets made with ``key=`` mirror their value into ``state.session`` both ways, per session."""

from __future__ import annotations

import docsync as ds
from tests.server.support import texts


def app():
    ds.state.session.setdefault("op1", 4)  # set before the widget: the widget takes it
    slider = ds.widgets.IntSlider(name="Operand 1", end=10, key="op1")
    other = ds.widgets.IntSlider(name="Operand 2", end=10, value=6, key="op2")
    randomize = ds.widgets.Button(name="Set from the store")

    def from_store(_event):
        ds.state.session.op1 = 9
        ds.state.session["op2"] = 1

    randomize.on_click(from_store)
    show = ds.widgets.Button(name="Show the store")
    out = ds.pane.Markdown("")
    show.on_click(lambda _e: setattr(out, "object", f"{ds.state.session.op1} "
                                                    f"{ds.state.session.op2}"))
    return ds.Column(slider, other, randomize, show, out)


async def test_keys_mirror_both_ways_and_sessions_stay_apart(serve_app, clients):
    handle = serve_app(app)
    a = await clients(handle.url + "app").open()
    b = await clients(handle.url + "app").open()
    doc = a.client
    op1, op2 = doc.find("IntSlider", name="Operand 1"), doc.find("IntSlider", name="Operand 2")
    assert (doc.prop(op1, "value"), doc.prop(op2, "value")) == (4, 6)
    assert "key" not in doc.props(op1)  # server-only
    # Browser → widget → store.
    await a.set(op1, "value", 7)
    await a.click(doc.find("Button", name="Show the store"))
    await a.wait_for(lambda d: texts(d) == ["7 6"])
    # Store → widget → browser.
    await a.click(doc.find("Button", name="Set from the store"))
    await a.wait_for(lambda d: (d.prop(op1, "value"), d.prop(op2, "value")) == (9, 1))
    # The other session kept its own values.
    bdoc = b.client
    await b.click(bdoc.find("Button", name="Show the store"))
    await b.wait_for(lambda d: texts(d) == ["4 6"])
    assert bdoc.prop(bdoc.find("IntSlider", name="Operand 1"), "value") == 4


def test_outside_a_session_a_key_mirrors_nothing():
    slider = ds.widgets.IntSlider(name="x", end=10, value=3, key="x")
    slider.value = 5
    assert ds.state.session is None and slider.key == "x"
