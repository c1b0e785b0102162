"""Soak app (``make soak``): an edited slider, its echo, and a text updated at 10 Hz."""

import docsync as ds

x = ds.widgets.IntSlider(name="x", start=0, end=1_000_000, value=0)
ticks = ds.pane.Str("tick 0")
count = [0]


def tick() -> None:
    count[0] += 1
    ticks.object = f"tick {count[0]}"


ds.state.add_periodic_callback(tick, period=100)
ds.Column(x, ds.bind(lambda v: f"x is {v}", x), ticks).servable(title="Soak")
