"""Bench app: one IntSlider and one Markdown bound to it (Panel's hello-world shape)."""

import docsync as ds

x = ds.widgets.IntSlider(name="x", start=0, end=1000, value=3)
ds.Column(x, ds.bind(lambda v: f"**{v}** squared is **{v * v}**", x)).servable(title="Hello")
