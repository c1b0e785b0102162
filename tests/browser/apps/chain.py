"""Function chaining: a bound function that returns components, beside parts that stay."""

import docsync as ds

n = ds.widgets.IntSlider(name="N", start=0, end=6, value=3)


def items(k):
    return ds.Column(*[f"item {i}" for i in range(k)], css_classes=["items"])


ds.Column(
    "# Chaining",
    n,
    ds.pane.Markdown("This paragraph is outside the bound part.", css_classes=["outside"]),
    ds.bind(items, n),
).servable(title="Chaining")
