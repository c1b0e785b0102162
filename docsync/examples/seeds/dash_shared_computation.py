"""Dash's caching and signalling: an expensive computation done once, then shared.

``global_store`` is cached for every session (``ds.cache``: single flight, so sessions that
ask at the same moment wait for one computation). The choice's callback computes it, then
signals the other parts of the page through a ``Store``; they read the same value from
the cache, which is then a hit. Sessions that ask for a value already computed get it at
once. The count of real computations is kept in ``state.cache`` only to show it.
"""

import time

import numpy as np
import pandas as pd

import docsync as ds


@ds.cache
def global_store(value: str) -> pd.DataFrame:
    time.sleep(0.5)  # an expensive query or simulation
    ds.state.cache["computations"] = ds.state.cache.get("computations", 0) + 1
    rng = np.random.default_rng(sum(map(ord, value)))
    return pd.DataFrame({"x": np.arange(100), "y": rng.normal(size=100).cumsum()})


choice = ds.widgets.Select(name="Dataset", options=["none", "apple", "orange", "pear"])
signal = ds.Store(data=None)


def compute(event):
    if event.new != "none":
        global_store(event.new)  # computed here, once
    signal.data = event.new  # then the others are told


choice.param.watch(compute, "value")


def summary(value, what):
    if value in (None, "none"):
        return ds.pane.Markdown(f"{what}: choose a dataset")
    df = global_store(value)  # a cache hit
    stats = {"mean": df.y.mean(), "min": df.y.min(), "max": df.y.max()}
    return ds.pane.Markdown(f"{what} of {value}: {stats[what]:.3f}")


count = ds.widgets.Button(name="Computations so far")
shown = ds.pane.Markdown("")
count.on_click(lambda _e: setattr(shown, "object",
                                  f"computed {ds.state.cache.get('computations', 0)} time(s)"))
ds.Column(choice, signal, *(ds.bind(summary, signal.param.data, what)
                            for what in ("mean", "min", "max")),
          count, shown).servable(title="Shared computation")
