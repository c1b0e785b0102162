"""hvPlot of a DataFrame through ``pn.panel``, and a HoloViews element redrawn for a
widget with ``pn.bind``, as in Panel's hvPlot and HoloViews how-to pages."""

import holoviews as hv
import hvplot.pandas  # noqa: F401  (adds DataFrame.hvplot)
import pandas as pd

import docsync as pn

visits = pd.DataFrame({"day": list(range(1, 8)), "visits": [120, 135, 90, 160, 150, 80, 70]})

window = pn.widgets.IntSlider(name="Days", start=2, end=7, value=7)


def first_days(days):
    return hv.Curve(visits.head(days), "day", "visits").opts(title=f"First {days} days")


pn.Column(
    pn.panel(visits.hvplot.line(x="day", y="visits", title="Visits per day")),
    window,
    pn.bind(first_days, window),
).servable(title="hvPlot")
