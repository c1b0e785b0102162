"""Datapane's cached ``calc``: the same inputs, from any session, are computed once.

``cache=True`` runs the handler through ``ds.cache``; the count of real computations is
kept in ``state.cache`` (shared by the server's sessions) only to show it on the page.
"""

import time

import docsync as ds


def calc(x: int, y: int):
    time.sleep(1)
    ds.state.cache["calc runs"] = ds.state.cache.get("calc runs", 0) + 1
    return ds.indicators.Number(name="Result", value=x + y)


runs = ds.widgets.Button(name="How many real computations?")
shown = ds.pane.Markdown("")
runs.on_click(lambda _e: setattr(shown, "object",
                                 f"computed {ds.state.cache.get('calc runs', 0)} time(s)"))

ds.Column(
    ds.Form(ds.controls.NumberBox("x", initial=2), ds.controls.NumberBox("y", initial=3),
            on_submit=calc, cache=True, label="Add values"),
    runs, shown,
).servable(title="Cached calc")
