"""Layouts in a real browser: Tabs, Card, GridBox, Spacer, Divider and sizing modes, with
server-side echoes of the client-writable values. It shows no Vega pane."""

import docsync as ds

tabs = ds.Tabs(
    ("Alpha", ds.pane.Markdown("Alpha content", css_classes=["alpha"])),
    ("Beta", ds.pane.Markdown("Beta content", css_classes=["beta"])),
    ("Gamma", ds.pane.Markdown("Gamma content", css_classes=["gamma"])),
)
card = ds.Card(
    ds.pane.Markdown("Inside the card", css_classes=["card-body-text"]),
    title="Details",
)
grid = ds.GridBox(*[ds.pane.Str(f"cell {i}") for i in range(6)], ncols=3, width=600,
                  css_classes=["grid"])
row = ds.Row(
    ds.pane.Str("fixed", width=120, css_classes=["fixed"]),
    ds.pane.Str("stretch", sizing_mode="stretch_width", css_classes=["stretch"]),
    ds.HSpacer(css_classes=["hspacer"]),
    sizing_mode="stretch_width", css_classes=["sized-row"],
)
jump = ds.widgets.Button(name="Show Gamma from the server")
jump.on_click(lambda _: setattr(tabs, "active", 2))


def echo(prefix, value):
    return ds.pane.Str(f"{prefix} = {value}", css_classes=[f"echo-{prefix}"])


ds.Column(
    "# Layouts",
    tabs,
    ds.bind(lambda a: echo("active", a), tabs.param.active),
    jump,
    card,
    ds.bind(lambda c: echo("collapsed", c), card.param.collapsed),
    ds.Divider(css_classes=["divider"]),
    grid,
    ds.Spacer(height=30, css_classes=["spacer"]),
    row,
    ds.Row(
        ds.Column(ds.pane.Str("tall", sizing_mode="stretch_both", css_classes=["tall"]),
                  width=200, height=120, css_classes=["tall-col"]),
        ds.pane.Str("margin", margin=[8, 16], css_classes=["margined"]),
    ),
    sizing_mode="stretch_width",
).servable(title="Layouts")
