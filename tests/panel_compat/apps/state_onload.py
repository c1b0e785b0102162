"""Deferring slow loading until the page is shown with ``pn.state.onload`` (Panel's
"Defer long running tasks" how-to)."""

import docsync as pn

select = pn.widgets.Select(name="Dataset", options=[])
table = pn.pane.Str("Loading...", css_classes=["table"])
built = pn.pane.Str(f"loaded while building: {pn.state.loaded}", css_classes=["built"])


def load_data():
    select.options = ["iris", "penguins"]
    select.value = "penguins"
    table.object = f"penguins: 344 rows (loaded={pn.state.loaded})"


pn.state.onload(load_data)

pn.Column(select, table, built).servable(title="onload")
