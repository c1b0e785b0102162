"""``docsync.core.diff`` on nested values: ops that turn one JSON value into another."""

import copy
import json
import random

import jsonpatch
import pytest

from docsync.core.diff import diff_ops, escape_token


def json_diff(old, new, path):
    return diff_ops(path, old, new)

PATH = "/models/m1/props/figure"


def apply(old, ops):
    doc = {"models": {"m1": {"props": {"figure": copy.deepcopy(old)}}}}
    return jsonpatch.apply_patch(doc, ops)["models"]["m1"]["props"]["figure"]


def test_equal_values_need_no_ops():
    assert json_diff({"a": [1, {"b": None}]}, {"a": [1, {"b": None}]}, PATH) == []


def test_a_change_deep_inside_is_one_small_op():
    old = {"data": [{"y": list(range(100))}, {"y": [1, 2, 3], "name": "b"}], "layout": {}}
    new = copy.deepcopy(old)
    new["data"][1]["y"] = [4, 5, 6]
    assert json_diff(old, new, PATH) == [
        {"op": "replace", "path": f"{PATH}/data/1/y", "value": [4, 5, 6]}]


def test_keys_and_items_added_and_removed():
    old = {"a": 1, "b": ["p" * 99, "q" * 99, 3, 4, 5], "gone": "x" * 50, "keep": "k" * 300}
    new = {"a": 1, "b": ["p" * 99, "q" * 99], "c": "y" * 50, "keep": "k" * 300}
    ops = json_diff(old, new, PATH)
    assert {"op": "remove", "path": f"{PATH}/gone"} in ops
    # Most of b's items went: b is one replace rather than a remove per item.
    assert {"op": "replace", "path": f"{PATH}/b", "value": new["b"]} in ops
    assert apply(old, ops) == new


def test_a_changed_type_is_a_change():
    assert json_diff({"a": 1}, {"a": 1.0}, "") == [{"op": "replace", "path": "/a", "value": 1.0}]
    assert json_diff({"a": 1, "b": "x" * 20}, {"a": True, "b": "x" * 20}, "") == [
        {"op": "replace", "path": "/a", "value": True}]


def test_keys_are_escaped():
    pad = "x" * 100
    ops = json_diff({"a/b": 1, "m~n": 1, "pad": pad}, {"a/b": 2, "m~n": 2, "pad": pad}, "")
    assert [op["path"] for op in ops] == ["/a~1b", "/m~0n"]
    assert escape_token("~/") == "~0~1"


def test_ops_longer_than_the_value_become_one_replace():
    old, new = list(range(10)), list(range(10, 20))
    assert json_diff(old, new, PATH) == [{"op": "replace", "path": PATH, "value": new}]


def test_a_value_of_another_kind_is_replaced():
    assert json_diff([1], {"a": 1}, PATH) == [{"op": "replace", "path": PATH, "value": {"a": 1}}]


def _value(rng, depth):
    kind = rng.randrange(6 if depth < 3 else 4)
    if kind == 0:
        return rng.randrange(5)
    if kind == 1:
        return rng.choice(["a", "b/c", "~", ""])
    if kind == 2:
        return rng.choice([None, True, False, 1.5])
    if kind == 3:
        return rng.randrange(3) * 1.0
    if kind == 4:
        return [_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {rng.choice(["x", "y", "a/b", "m~n", ""]): _value(rng, depth + 1)
            for _ in range(rng.randrange(4))}


@pytest.mark.parametrize("seed", range(300))
def test_applying_the_ops_gives_the_new_value(seed):
    rng = random.Random(seed)
    old, new = _value(rng, 0), _value(rng, 0)
    result = apply(old, json_diff(old, new, PATH))
    assert json.dumps(result, sort_keys=True) == json.dumps(new, sort_keys=True)
