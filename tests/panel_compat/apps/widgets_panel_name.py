"""An app that uses a Panel widget docsync does not have."""

import pandas as pd

import docsync as pn

table = pn.widgets.Tabulator(pd.DataFrame({"a": [1, 2]}))
pn.Column(table).servable()
