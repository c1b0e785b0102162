"""Appends a line to $DOCSYNC_TEST_MARKER each time it runs (once per session)."""

import os

import docsync as ds

with open(os.environ["DOCSYNC_TEST_MARKER"], "a", encoding="utf-8") as marker:
    marker.write("ran\n")

x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
ds.Column(x, ds.bind(lambda v: f"x is {v}", x)).servable(title="Marker")
