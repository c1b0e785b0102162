"""Panel's Tabulator reference, "Pagination" and "Selection": a 1,000,000-row frame paged
on the server, sortable, with the selected rows shown beside it."""

import numpy as np
import pandas as pd

import docsync as pn

pn.extension("tabulator")

large_df = pd.DataFrame({
    "A": np.random.default_rng(0).random(1_000_000),
    "B": np.arange(1_000_000),
})

large_table = pn.widgets.Tabulator(large_df, pagination="remote", page_size=10, selection=[0],
                        name="Large")


def selected(selection):
    return f"Selected rows: {selection}"


pn.Column(large_table, pn.bind(selected, large_table.param.selection)).servable(
    title="A million rows")
