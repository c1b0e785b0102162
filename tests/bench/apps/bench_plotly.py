"""Bench app: a Plotly figure of five 2,000-point traces; the slider redraws the first."""

import numpy as np
import plotly.graph_objects as go

import docsync as ds

x = np.arange(2000)
fig = go.Figure([go.Scatter(x=x, y=np.sin(x / (50 + 10 * k)), name=f"trace {k}")
                 for k in range(5)])
plot = ds.pane.Plotly(fig)
seed = ds.widgets.IntSlider(name="seed", start=0, end=1_000_000, value=0)


def redraw(event):
    fig.data[0].y = np.random.default_rng(event.new).random(len(x))
    plot.object = fig


seed.param.watch(redraw, "value")
ds.Column(seed, plot).servable(title="Plotly bench")
