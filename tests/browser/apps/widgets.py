"""Every foundation widget, each echoed by the server; a Button sets them all from the server."""

import docsync as ds

count = ds.widgets.IntSlider(name="Count", start=0, end=10, value=2)
ratio = ds.widgets.FloatSlider(name="Ratio", start=0.0, end=1.0, step=0.1, value=0.5)
title = ds.widgets.TextInput(name="Title", value="hello", placeholder="Type a title")
colour = ds.widgets.Select(name="Colour", options=["red", "green", "blue"], value="red")
enabled = ds.widgets.Checkbox(name="Enabled", value=False)
reset = ds.widgets.Button(name="Set from server", button_type="primary")


def set_from_server(event):
    count.value = 7
    ratio.value = 0.2
    title.value = "set by the server"
    colour.value = "blue"
    enabled.value = True


reset.on_click(set_from_server)


def echo(name, widget, show):
    """A Column (tagged ``echo-<name>``) around a bound function of ``widget``'s value."""
    return ds.Column(ds.bind(show, widget), css_classes=[f"echo-{name}"])


ds.Column(
    "# Widgets",
    ds.Row(count, echo("count", count, lambda v: f"count = {v}")),
    ds.Row(ratio, echo("ratio", ratio, lambda v: f"ratio = {v}")),
    ds.Row(title, echo("title", title, lambda v: f"title = {v}")),
    ds.Row(colour, echo("colour", colour, lambda v: f"colour = {v}")),
    # A non-string result is shown by a Str pane.
    ds.Row(enabled, echo("enabled", enabled, lambda v: v)),
    reset,
).servable(title="Widgets")
