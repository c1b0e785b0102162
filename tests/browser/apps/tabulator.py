"""A Tabulator in a real browser: an editable table whose on_edit, on_click and selection
reach the server, and a 1,000,000-row table paged and sorted by the server."""

import numpy as np
import pandas as pd

import docsync as ds
from docsync.widgets import Tabulator

fruit = pd.DataFrame({
    "fruit": ["apple", "pear", "fig", "kiwi"],
    "count": [3, 5, 2, 8],
    "price": [1.5, 2.25, 4.0, 0.75],
    "organic": [True, False, True, False],
})
edits = ds.pane.Str("no edit yet", css_classes=["edit-log"])
clicks = ds.pane.Str("no click yet", css_classes=["click-log"])
chosen = ds.pane.Str("selection = []", css_classes=["selection-log"])

table = Tabulator(fruit, name="Fruit", editors={"fruit": None, "count": {"type": "number",
                                                                     "min": 0}})
table.on_edit(lambda e: setattr(edits, "object",
                                f"{e.column} of row {e.row}: {e.old} -> {e.value}"))
table.on_click(lambda e: setattr(clicks, "object",
                                 f"clicked {e.column} of row {e.row}: {e.value}"))
table.param.watch(lambda e: setattr(chosen, "object", f"selection = {e.new}"), "selection")

N = 1_000_000
million = Tabulator(pd.DataFrame({"n": np.arange(N), "wave": np.sin(np.arange(N) / 1000)}),
                    name="Million", pagination="remote", page_size=10, css_classes=["million"])

cities = Tabulator(pd.DataFrame({
    "city": ["Lyon", "Oslo", "Quito", "Pune", "Perth", "Lima", "Oran"],
    "visitors": [30, 12, 45, 7, 19, 28, 3],
}), name="Cities", pagination="local", page_size=3, header_filters=True,
    selectable="checkbox", css_classes=["cities"])
city_page = ds.pane.Str("page = 1", css_classes=["page-log"])
cities.param.watch(lambda e: setattr(city_page, "object", f"page = {e.new}"), "page")
picked = ds.pane.Str("picked = []", css_classes=["picked-log"])
cities.param.watch(lambda e: setattr(picked, "object", f"picked = {e.new}"), "selection")

grow = ds.widgets.Button(name="Stream a row")
grow.on_click(lambda _e: table.stream({"fruit": ["plum"], "count": [4], "price": [3.5],
                                       "organic": [True]}))
swap = ds.widgets.Button(name="Replace the frame")
swap.on_click(lambda _e: setattr(table, "value", pd.DataFrame({
    "fruit": ["lime"], "count": [1], "price": [0.5], "organic": [False]})))

ds.Column("# Tables", table, edits, clicks, chosen, grow, swap, million, cities, city_page,
          picked).servable(title="Tables")
