"""Bokeh panes in the page template: a line plot (wheel zoom active, hover) replaced by a
slider, a figure that cannot be serialized, and the theme switch of the template."""

from bokeh.models import ColumnDataSource, HoverTool, Range1d
from bokeh.plotting import figure

import docsync as ds

steps = ds.widgets.IntSlider(name="Points", start=3, end=8, value=5)


def prices(points):
    plot = figure(title=f"Prices over {points} days", width=500, height=300, name="prices",
                  x_range=Range1d(0, points + 1, name="days"),
                  tools="pan,wheel_zoom,box_zoom,reset", active_scroll="wheel_zoom")
    plot.add_tools(HoverTool(tooltips=[("day", "@x"), ("price", "@y")]))
    xs = list(range(1, points + 1))
    plot.scatter(xs, [10 + x % 3 for x in xs], size=14)
    return plot


plot = ds.pane.Bokeh(prices(steps.value))
steps.param.watch(lambda event: setattr(plot, "object", prices(event.new)), "value")

broken = figure(title="Broken")
broken.scatter(x="x", y="y", source=ColumnDataSource({"x": [object()], "y": [1]}))

ds.template.Page(title="Bokeh", theme="light",
                 main=[steps, plot, ds.pane.Bokeh(broken)]).servable()
