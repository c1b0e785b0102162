"""Datapane's function chaining: upload a CSV, then pick one of its columns.

``load_file`` returns the frame's summary and a second form whose handler closes over the
uploaded frame; each session has its own. The file arrives as bytes (``FileInput``), read
with ``io.BytesIO`` where the seed read a path.
"""

import io

import pandas as pd

import docsync as ds


def load_file(file: bytes):
    if file is None:
        return ds.pane.Alert("Choose a CSV file first.", alert_type="warning")
    df = pd.read_csv(io.BytesIO(file))

    def process_df(col_name: str):
        # Nested: it has the frame this session uploaded.
        return ds.pane.DataFrame(df[[col_name]], page_size=10)

    return [
        ds.pane.DataFrame(df.describe(), page_size=10),
        ds.Form(controls=dict(col_name=ds.controls.TextBox()), on_submit=process_df),
    ]


ds.Form(controls=dict(file=ds.controls.File(accept=".csv")),
        on_submit=load_file).servable(title="Function chaining")
