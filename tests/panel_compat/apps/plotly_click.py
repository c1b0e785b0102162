"""click_data of a Plotly bar chart drives a Markdown pane; the zoom the user last made
is shown too."""

import plotly.graph_objects as go

import docsync as pn

pn.extension("plotly")

fruit = ["Apples", "Pears", "Plums"]
fig = go.Figure(go.Bar(x=fruit, y=[12, 7, 4], name="Sold"),
                layout={"title": {"text": "Fruit sold"}})
chart = pn.pane.Plotly(fig, height=360)


def describe(click_data):
    if not click_data:
        return "Click a bar."
    point = click_data["points"][0]
    return f"**{point['x']}**: {point['y']} sold."


def zoom(relayout_data):
    return f"Last zoom: {relayout_data}" if relayout_data else "No zoom yet."


pn.Column(
    chart,
    pn.bind(describe, chart.param.click_data),
    pn.bind(zoom, chart.param.relayout_data),
).servable(title="Fruit")
