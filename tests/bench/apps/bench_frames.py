"""The frames the DataFrame bench apps show, built once per server process (apps import
this module; a script app itself runs once per session)."""

import numpy as np
import pandas as pd

ROWS = 1_000_000
_rng = np.random.default_rng(0)
BIG = pd.DataFrame({
    "n": np.arange(ROWS),
    "x": _rng.random(ROWS),
    "label": pd.Series([f"row {i:07d}" for i in _rng.permutation(ROWS)], dtype=object),
})
SMALL = BIG.head(20).copy()
