"""Streamlit's slider-and-button chart: widget keys, a cached multiply, a history per user.

``key="op1"`` makes a slider mirror ``state.session["op1"]`` both ways, so the button's
callback sets the sliders by setting the keys (Streamlit's idiom). Each change of an
operand by hand appends one product to this session's history; the button changes both
operands, so it holds the recording back (the seed's shared ``slider_changed`` gate) and
appends once. ``multiply`` is cached for every session; the history is per session and
not cached (see the seed's notes).
"""

import random

import docsync as ds

session = ds.state.session
session.setdefault("operand_slider_history", [])
session.setdefault("op1", 1)
session.setdefault("op2", 1)


@ds.cache
def multiply(op1: int, op2: int) -> int:
    return op1 * op2


def random_op_button(_event=None):
    session.slider_changed = True  # one history entry for both changes
    try:
        session.op1 = random.randint(1, 10)
        session.op2 = random.randint(1, 10)
    finally:
        session.slider_changed = False
    record()


op1 = ds.widgets.IntSlider(name="Operand 1", start=1, end=10, step=1, key="op1")
op2 = ds.widgets.IntSlider(name="Operand 2", start=1, end=10, step=1, key="op2")


def record(*_events):
    if session.get("slider_changed"):
        return
    session.operand_slider_history.append(multiply(session.op1, session.op2))
    chart.object = spec(session.operand_slider_history)


def spec(history: list[int]) -> dict:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": [{"change": i, "product": p} for i, p in enumerate(history)]},
        "mark": {"type": "line", "point": True},
        "encoding": {"x": {"field": "change", "type": "quantitative"},
                     "y": {"field": "product", "type": "quantitative"}},
    }


chart = ds.pane.Vega(spec([]), sizing_mode="stretch_width")
record()  # the first product, as the seed's first run appends one
button = ds.widgets.Button(name="Random ops")
button.on_click(random_op_button)
op1.param.watch(record, "value")
op2.param.watch(record, "value")
ds.Column(button, op1, op2, chart).servable(title="Slider history")
