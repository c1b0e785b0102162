"""A Plotly bar chart whose clicks reach Python, and a figure that cannot be sent, in the
page template (with its theme switch)."""

import plotly.graph_objects as go

import docsync as ds

fruit = ["Apples", "Pears", "Plums"]
chart = ds.pane.Plotly(
    go.Figure(go.Bar(x=fruit, y=[12, 7, 4], name="Sold"),
              layout={"title": {"text": "Fruit sold"}, "width": 600, "height": 360}),
    name="fruit",
)


class Opaque:
    """Not something a figure can hold."""


broken = ds.pane.Plotly({"data": [{"type": "bar", "y": [1, Opaque()]}]}, name="broken")


def clicked(click_data):
    if not click_data:
        return "No click yet."
    point = click_data["points"][0]
    return f"Clicked {point['x']}: {point['y']}"


def hovered(hover_data):
    return f"Hovering {hover_data['points'][0]['x']}" if hover_data else "Not hovering."


def zoomed(relayout_data):
    if not relayout_data or "xaxis.range[0]" not in relayout_data:
        return "Not zoomed."
    return f"Zoomed from x = {relayout_data['xaxis.range[0]']:.1f}"


def selected(selected_data):
    if not selected_data:
        return "Nothing selected."
    return "Selected " + ", ".join(p["x"] for p in selected_data["points"])


ds.template.Page(
    title="Plotly",
    theme="light",
    main=[chart, ds.bind(clicked, chart.param.click_data),
          ds.bind(hovered, chart.param.hover_data), ds.bind(zoomed, chart.param.relayout_data),
          ds.bind(selected, chart.param.selected_data), broken],
).servable(title="Plotly")
