"""Panel's Tabulator reference, "Editors": an editable table whose on_edit callback
reports each edit in a Markdown pane."""

import pandas as pd

import docsync as pn

pn.extension("tabulator")

df = pd.DataFrame({
    "int": [1, 2, 3],
    "float": [3.14, 6.28, 9.42],
    "str": ["A", "B", "C"],
    "bool": [True, False, True],
    "date": pd.to_datetime(["2019-01-01", "2020-01-01", "2020-01-10"]),
}, index=[1, 2, 3])

edit_table = pn.widgets.Tabulator(df, editors={
    "float": {"type": "number", "max": 10, "step": 0.1},
    "str": {"type": "list", "values": ["A", "B", "C", "D"]},
}, name="Editable")

last_edit = pn.pane.Markdown("No edit yet")


def report(event):
    last_edit.object = f"**{event.column}** of row {event.row}: {event.old!r} → {event.value!r}"


edit_table.on_edit(report)

pn.Column(edit_table, last_edit).servable(title="Editable table")
