"""A Bokeh figure replaced when a slider moves, and a figure changed in place and sent again
with ``param.trigger('object')``, as Panel's Bokeh pane reference shows both."""

import numpy as np
from bokeh.models import ColumnDataSource
from bokeh.plotting import figure

import docsync as pn

xs = np.linspace(0, 2 * np.pi, 60)
frequency = pn.widgets.IntSlider(name="Frequency", start=1, end=5, value=1)


def sine(freq):
    plot = figure(title=f"Sine at {freq} Hz", height=300, width=500,
                  tools="pan,wheel_zoom,box_zoom,hover,reset")
    plot.line(xs, np.sin(freq * xs), line_width=2)
    return plot


wave = pn.pane.Bokeh(sine(frequency.value))


def replace(event):
    wave.object = sine(event.new)


frequency.param.watch(replace, "value")

source = ColumnDataSource({"fruit": ["apples", "pears", "plums"], "count": [3, 5, 2]})
bars = figure(title="Fruit", x_range=["apples", "pears", "plums"], height=250, width=400)
bars.vbar(x="fruit", top="count", width=0.8, source=source)
counts = pn.pane.Bokeh(bars, alt_text="Fruit counts")
pick = pn.widgets.Button(name="Pick a pear")


def pick_pear(event):
    source.data = {**source.data, "count": [3, source.data["count"][1] + 1, 2]}
    counts.param.trigger("object")


pick.on_click(pick_pear)

pn.Column(frequency, wave, pick, counts).servable(title="Bokeh")
