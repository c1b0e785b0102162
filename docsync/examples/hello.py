"""The hello app: a slider and a Markdown pane bound to it."""

import docsync as ds

x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
ds.Column(
    "# Hello, docsync",
    x,
    ds.bind(lambda v: f"**{v}** squared is **{v * v}**", x),
).servable(title="Hello")
