"""Which server process holds this session, and a value to keep (``test_nginx.py``)."""

import os

import docsync as ds

x = ds.widgets.IntSlider(name="x", start=0, end=1000, value=0)
ds.Column(
    ds.pane.Str(str(os.getpid())),
    x,
    ds.bind(lambda v: f"{v} from {os.getpid()}", x),
).servable(title="Where")
