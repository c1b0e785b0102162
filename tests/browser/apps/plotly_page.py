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


ds.template.Page(
    title="Plotly",
    theme="light",
    main=[chart, ds.bind(clicked, chart.param.click_data),
          ds.bind(hovered, chart.param.hover_data), broken],
).servable(title="Plotly")
