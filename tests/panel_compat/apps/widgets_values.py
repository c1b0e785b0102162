"""Values set by the app's own code follow Panel's rules; ``name`` still names a widget."""

import docsync as pn

size = pn.widgets.IntSlider(name="Size", start=0, end=10, value=5)
unit = pn.widgets.Select(label="Unit", options=["cm", "in"])
grow = pn.widgets.Button(label="Grow past the end")


def on_grow(event):
    size.value = size.end + 5  # kept although above the end, as in Panel
    unit.value = "furlong"  # not an option: the Select falls back to the first one


grow.on_click(on_grow)

pn.Column(size, unit, grow, pn.bind(lambda s, u: f"Size {s} {u}", size, unit)).servable()
