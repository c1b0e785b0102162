"""The JSON pane (docsync/pane/jsonpane.py) and ``to_plain`` (docsync/pane/plain.py)."""

import datetime
import json
import math

import numpy as np
import pytest

from docsync.core.model import props_json
from docsync.pane import JSON
from docsync.pane.plain import MAX_DEPTH, to_plain


def test_to_plain_makes_json_data_of_python_and_numpy_values():
    value = {
        1: (1, 2.5, float("nan"), float("inf")),
        "set": {3},
        "np": np.array([[1, 2], [3, 4]]),
        "scalar": np.float32(0.5),
        "int": np.int64(7),
        "when": datetime.date(2024, 5, 1),
        "at": datetime.datetime(2024, 5, 1, 12, 30),
        "other": complex(1, 2),
        "nested": {"a": [None, True]},
    }
    plain = to_plain(value)
    assert plain == {
        "1": [1, 2.5, None, None], "set": [3], "np": [[1, 2], [3, 4]], "scalar": 0.5,
        "int": 7, "when": "2024-05-01", "at": "2024-05-01T12:30:00", "other": "(1+2j)",
        "nested": {"a": [None, True]},
    }
    json.dumps(plain, allow_nan=False)  # strict JSON


def test_to_plain_cuts_off_cycles_and_deep_nesting():
    loop: list = []
    loop.append(loop)
    plain = to_plain(loop)
    depth = 0
    while isinstance(plain, list):
        plain, depth = plain[0], depth + 1
    assert isinstance(plain, str) and depth == MAX_DEPTH


def test_json_pane_sends_data_and_depth_not_the_object():
    pane = JSON({"a": [1, 2, {"b": math.nan}]}, depth=2)
    props = props_json(pane, str)
    assert props["data"] == {"a": [1, 2, {"b": None}]} and props["depth"] == 2
    assert "object" not in props
    pane.object = [1, "x"]
    assert pane.data == [1, "x"]


def test_json_pane_parses_a_json_string_and_shows_other_strings_as_they_are():
    assert JSON('{"k": [true, null]}').data == {"k": [True, None]}
    assert JSON("not json").data == "not json"
    assert JSON(b'[1]').data == [1]


def test_depth_is_minus_one_or_more():
    assert JSON({}, depth=-1).depth == -1
    with pytest.raises(ValueError):
        JSON({}, depth=-2)
