"""Sizes of cached values, as ds.cache.info() reports them."""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from docsync.cache.sizeof import deep_size


def test_arrays_and_frames_count_their_buffers():
    array = np.zeros(100_000)
    assert array.nbytes <= deep_size(array) < array.nbytes + 1024
    view = array[::2]
    assert deep_size(view) >= view.nbytes
    frame = pd.DataFrame({"x": np.zeros(10_000), "s": ["text"] * 10_000})
    assert deep_size(frame) == frame.memory_usage(index=True, deep=True).sum()


def test_containers_count_their_contents_once():
    blob = bytes(10_000)
    assert deep_size([blob, blob]) < 2 * len(blob)
    assert deep_size({"a": blob}) > len(blob)
    assert deep_size(("x" * 5000, "y" * 5000)) > 10_000


def test_objects_count_their_attributes():
    class Holder:
        def __init__(self):
            self.payload = bytes(50_000)

    assert deep_size(Holder()) > 50_000 > sys.getsizeof(Holder())
