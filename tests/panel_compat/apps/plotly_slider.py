"""A Plotly figure whose first trace follows a slider: the figure is changed and assigned
to the pane again, as Panel's Plotly reference does."""

import numpy as np
import plotly.graph_objects as go

import docsync as pn

pn.extension("plotly")

x = np.linspace(0, 2 * np.pi, 60)
frequency = pn.widgets.FloatSlider(name="Frequency", start=0.5, end=3.0, step=0.5, value=1.0)

fig = go.Figure(
    data=[go.Scatter(x=x, y=np.sin(x), name="wave"),
          go.Scatter(x=x, y=np.cos(x), name="reference", line={"dash": "dot"})],
    layout={"title": {"text": "A wave and its reference"}, "height": 400},
)
plot = pn.pane.Plotly(fig, sizing_mode="stretch_width")


def redraw(event):
    fig.data[0].y = np.sin(event.new * x)
    plot.object = fig


frequency.param.watch(redraw, "value")

pn.Column(frequency, plot).servable(title="Wave")
