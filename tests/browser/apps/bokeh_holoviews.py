"""A HoloViews curve (drawn by Bokeh with WebGL, as HoloViews does by default)."""

import holoviews as hv

import docsync as ds

hv.extension("bokeh")  # as in Panel's HoloViews pages: .opts needs a plotting extension
ds.pane.HoloViews(hv.Curve([(1, 3), (2, 1), (3, 2)], "day", "visits").opts(
    title="Visits", width=400, height=250)).servable(title="HoloViews")
