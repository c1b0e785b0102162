"""Streamlit's per-session random frame: random per session, stable while you interact.

The frame lives in ``state.session``, so changing the colour redraws the chart without new
data, and another tab (another session) gets other data.
"""

import numpy as np
import pandas as pd

import docsync as ds

if "df" not in ds.state.session:
    ds.state.session.df = pd.DataFrame(np.random.randn(20, 2), columns=["x", "y"])


def scatter(color: str):
    return ds.pane.Vega({
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": ds.state.session.df.to_dict("records")},
        "mark": {"type": "point", "filled": True, "color": color},
        "encoding": {"x": {"field": "x", "type": "quantitative"},
                     "y": {"field": "y", "type": "quantitative"}},
    }, sizing_mode="stretch_width")


color = ds.widgets.ColorPicker(name="Color", value="#ff0000")
ds.Column("## Choose a datapoint color", color, ds.layout.Divider(),
          ds.bind(scatter, color)).servable(title="Random frame")
