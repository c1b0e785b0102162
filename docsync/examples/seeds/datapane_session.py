"""Datapane's session state: a handler that takes ``session`` accumulates per user.

Declaring ``session`` gives the handler ``state.session``; it also turns caching off, as
the result depends on it. ``params`` receives every input in one dict.
"""

import docsync as ds


def calc(params: dict, session: dict):
    acc = session.get("acc", 0)
    result = params["x"] * params["y"] + acc
    session["acc"] = result
    return ds.indicators.Number(name="Result", value=result)


ds.Form(ds.controls.NumberBox("x", initial=2), ds.controls.NumberBox("y", initial=3),
        on_submit=calc, label="Multiply and accumulate values to state").servable(
            title="Session state")
