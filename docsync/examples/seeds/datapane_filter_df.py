"""Datapane's ``filter_df``: a form picks a column of a frame every session shares.

The frame is built once per process (module-level code of a *helper module* would be the
same; this script runs per session, so it reads the frame through ``state.as_cached``).
The seed used ``vega_datasets``' iris, which is not a dependency: a small flowers table of
the same shape is made here.
"""

import numpy as np
import pandas as pd

import docsync as ds


def flowers() -> pd.DataFrame:
    rng = np.random.default_rng(1936)
    species = np.repeat(["setosa", "versicolor", "virginica"], 5)
    base = np.repeat([[5.0, 3.4, 1.5, 0.2], [5.9, 2.8, 4.3, 1.3], [6.6, 3.0, 5.6, 2.0]], 5, 0)
    size = (base + rng.normal(0, 0.2, base.shape)).round(1)
    df = pd.DataFrame(size, columns=["sepalLength", "sepalWidth", "petalLength", "petalWidth"])
    df["species"] = species
    return df


df = ds.state.as_cached("flowers", flowers)


def filter_df(column: str):
    return ds.pane.DataFrame(df[[column]], page_size=5)


ds.Form(
    controls=ds.Controls(column=ds.controls.Choice(options=list(df.columns),
                                                   label="Select column to filter")),
    on_submit=filter_df,
).servable(title="filter_df")
