"""Two sliders of one kind: the second is a clone of the first with its own label and value."""

import docsync as pn

low = pn.widgets.FloatSlider(label="Low", start=0.0, end=1.0, step=0.05, value=0.2)
high = low.clone(label="High", value=0.8)


def span(lo, hi):
    return f"From {lo:.2f} to {hi:.2f}"


pn.Column(low, high, pn.bind(span, low, high)).servable(title="Clone")
