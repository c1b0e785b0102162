"""Dash's per-session data kept on the server, referenced by the session.

``get_dataframe`` is cached per session (``per_session=True``): computed once for this
session, the same for each of its callbacks, never seen by another session, and freed
when the session ends. (``state.session`` would keep it too; the cache is the seed's way.)
"""

import datetime as dt
import time

import numpy as np
import pandas as pd

import docsync as ds


@ds.cache(per_session=True)
def get_dataframe() -> pd.DataFrame:
    time.sleep(0.2)  # a query for this user's data
    rng = np.random.default_rng()
    return pd.DataFrame({"time": [dt.datetime.now().isoformat(timespec="microseconds")],
                         "value": [float(rng.normal())]})


view = ds.widgets.Select(name="Show", options=["time", "value"])
ds.Column(
    ds.pane.Markdown(f"Session `{ds.state.session_id[:8]}`"),
    view,
    ds.bind(lambda column: ds.pane.Str(f"{column}: {get_dataframe()[column][0]}"), view),
).servable(title="Per-session data")
