"""Charts and data in a real browser: a Vega-Lite chart (Altair), a Matplotlib figure and a
100,000-row DataFrame, with a server-side echo of the frame's page and sort."""

import altair as alt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

import docsync as ds

N = 100_000
frame = pd.DataFrame({
    "n": np.arange(N),
    "square": np.arange(N) ** 2 % 1_000_003,
    "label": [f"item {i:06d}" for i in (np.arange(N) * 7919) % N],
})

chart = alt.Chart(pd.DataFrame({"fruit": ["apple", "pear", "fig"], "count": [3, 5, 2]})).mark_bar()
chart = chart.encode(x="fruit", y="count").properties(title="Fruit", height=160)

fig = Figure(figsize=(4, 2.5))
ax = fig.subplots()
ax.plot(np.arange(10), np.arange(10) ** 0.5)
ax.set_title("Square root")

table = ds.pane.DataFrame(frame, page_size=10, css_classes=["big-frame"])

ds.Column(
    "# Charts and data",
    ds.pane.Vega(chart, css_classes=["chart"]),
    ds.pane.Matplotlib(fig, alt_text="Square root plot", width=400, css_classes=["figure"]),
    table,
    ds.bind(lambda p, s: ds.pane.Str(f"page={p} sort={s}", css_classes=["echo-frame"]),
            table.param.page, table.param.sort),
).servable(title="Charts and data")
