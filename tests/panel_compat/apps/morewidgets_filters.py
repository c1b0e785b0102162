"""A filter panel in the style of Panel's how-to pages: a date range, tags, a toggle
group, a switch and static text, all bound into one summary."""

import datetime as dt

import docsync as pn

pn.extension()

dates = pn.widgets.DateRangeSlider(
    name="Dates", start=dt.datetime(2024, 1, 1), end=dt.datetime(2024, 12, 31),
    value=(dt.datetime(2024, 3, 1), dt.datetime(2024, 6, 30)), step=1,
)
cities = pn.widgets.MultiChoice(
    name="Cities", options=["Lyon", "Oslo", "Quito", "Perth"], value=["Oslo"], max_items=2,
)
metric = pn.widgets.ToggleGroup(
    name="Metric", options=["Rain", "Sun", "Wind"], behavior="radio", value="Sun",
)
extras = pn.widgets.ToggleGroup(
    name="Extras", options=["Trend", "Mean"], widget_type="box", value=["Mean"],
)
smooth = pn.widgets.Switch(name="Smooth")
rows = pn.widgets.StaticText(name="Rows", value=0)
grade = pn.widgets.DiscreteSlider(name="Grade", options=[0.5, 1.0, 2.0], value=1.0)
span = pn.widgets.RangeSlider(name="Span", start=0, end=10, step=0.5, value=(2.5, 7.5))


def summary(dates, cities, metric, extras, smooth, grade, span):
    start, end = dates
    days = (end - start).days
    rows.value = days * len(cities)
    return (f"{metric} in {', '.join(cities) or 'no city'} from {start:%Y-%m-%d} to "
            f"{end:%Y-%m-%d}, {'smooth' if smooth else 'raw'}, "
            f"with {'+'.join(extras) or 'nothing'}; "
            f"grade {grade}, span {span[0]}..{span[1]}")


pn.Column(
    dates, cities, metric, extras, smooth, rows, grade, span,
    pn.bind(summary, dates, cities, metric, extras, smooth, grade, span),
).servable()
