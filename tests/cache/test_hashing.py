"""Content hashing of values: equal content, equal digest; any difference, another digest."""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import hashlib
import io
import json
import os
import pathlib
import subprocess
import sys
import uuid
import zoneinfo

import numpy as np
import pandas as pd
import param
import pytest

from docsync.cache.hashing import ValueHasher
from docsync.exceptions import UnhashableError
from tests.server.support import REPO


def digest(value, hash_funcs=None) -> str:
    h = hashlib.sha256()
    ValueHasher(hash_funcs).feed(h, value, name="value", owner="f")
    return h.hexdigest()


def assert_all_differ(*values):
    digests = [digest(v) for v in values]
    assert len(set(digests)) == len(values), [v for v, d in zip(values, digests, strict=True)
                                              if digests.count(d) > 1]


class Color(enum.Enum):
    RED = 1
    ALSO_RED = 1  # an alias: the same member
    BLUE = 2


@dataclasses.dataclass
class Point:
    x: float
    y: float


class Settings(param.Parameterized):
    level = param.Integer(default=1)
    label = param.String(default="a")


def test_every_type_has_its_own_tag():
    assert_all_differ(1, 1.0, "1", b"1", True, (1,), [1], {1}, frozenset({1}), None, 1 + 0j,
                      np.int64(1), np.float64(1), np.array(1), decimal.Decimal(1),
                      bytearray(b"1"), Color.RED, {"1": 1}, range(1), 0, False, "", b"",
                      (), [], {}, 0.0, -0.0)


def test_equal_content_has_one_digest_whatever_the_identity():
    assert digest([1, "a", (2.5, None)]) == digest([1, "a", (2.5, None)])
    assert digest(np.arange(10)) == digest(np.arange(10))
    assert digest(pd.DataFrame({"a": [1, 2]})) == digest(pd.DataFrame({"a": [1, 2]}))
    assert digest(Point(1, 2)) == digest(Point(1, 2))
    assert digest(Settings(level=3, name="s")) == digest(Settings(level=3, name="s"))
    assert digest(Color.ALSO_RED) == digest(Color.RED)


def test_frames_that_differ_in_one_cell_far_from_the_start_differ():
    n = 200_000
    rng = np.random.default_rng(0)
    a = pd.DataFrame({"id": np.arange(n), "x": rng.random(n), "name": [f"r{i}" for i in range(n)],
                      "t": pd.date_range("2024-01-01", periods=n, freq="min", tz="UTC")})
    for column, value in [("x", 0.5), ("id", -1), ("name", "other"),
                          ("t", pd.Timestamp("2000-01-01", tz="UTC"))]:
        b = a.copy()
        b.loc[n - 7, column] = value
        assert digest(b) != digest(a), column
        assert digest(b) == digest(b.copy())
    assert digest(a) == digest(a.copy(deep=True))


def test_arrays_that_differ_in_one_element_far_from_the_start_differ():
    a = np.random.default_rng(1).random((500, 400))
    b = a.copy()
    b[-1, -3] += 1e-12
    assert digest(a) != digest(b)
    assert digest(a) == digest(np.asfortranarray(a))  # same content, another memory layout
    assert digest(a[:, ::2]) == digest(np.ascontiguousarray(a[:, ::2]))
    assert digest(a[:, 1::2]) != digest(b[:, 1::2])  # the view holding the change
    assert digest(a[:, ::2]) == digest(b[:, ::2])  # and the one not holding it
    objects = np.array(["x"] * 10_000 + ["y"], dtype=object)
    changed = objects.copy()
    changed[-1] = "z"
    assert digest(objects) != digest(changed)


def test_array_and_frame_metadata_are_part_of_the_content():
    values = [1, 2, 3]
    assert_all_differ(np.array(values, dtype=np.int32), np.array(values, dtype=np.int64),
                      np.array(values, dtype=np.float64), np.array(values).reshape(3, 1),
                      np.array(values, dtype=">i8"))
    frame = pd.DataFrame({"a": values})
    assert_all_differ(frame, frame.astype("int32"), frame.rename(columns={"a": "b"}),
                      frame.set_axis([10, 11, 12]), frame["a"], frame.astype("Int64"),
                      frame.astype("category"), frame.astype(float))
    cats = pd.Categorical(["a", "b"], categories=["a", "b"])
    assert_all_differ(cats, pd.Categorical(["a", "b"], categories=["b", "a"]),
                      pd.Categorical(["a", "b"], categories=["a", "b", "c"]),
                      pd.Categorical(["a", "b"], ordered=True))
    naive = pd.Series(pd.date_range("2024", periods=3))
    assert_all_differ(naive, naive.dt.tz_localize("UTC"),
                      naive.dt.tz_localize("Europe/Paris"))


def test_missing_values_are_not_confused_with_values_or_each_other():
    assert_all_differ(pd.array([1, None], dtype="Int64"), pd.array([1, 0], dtype="Int64"),
                      pd.array([1, 1], dtype="Int64"))
    assert_all_differ(pd.Series(["a", None], dtype=object), pd.Series(["a", np.nan], dtype=object),
                      pd.Series(["a", "None"], dtype=object), pd.Series(["a", "nan"], dtype=object))
    assert_all_differ(pd.Series(["a", None], dtype="string"),
                      pd.Series(["a", "b"], dtype="string"), pd.Series(["a", ""], dtype="string"))


def test_mixed_object_columns_are_hashed_element_by_element_not_by_str():
    # pandas' own hash_pandas_object turns mixed objects into str(): 1 and "1" collide there.
    assert_all_differ(pd.Series([1, "x"], dtype=object), pd.Series(["1", "x"], dtype=object),
                      pd.Series([1.0, "x"], dtype=object))
    assert_all_differ(np.array([1, "x"], dtype=object), np.array(["1", "x"], dtype=object))
    assert_all_differ(np.array(["ab", "c"], dtype=object), np.array(["a", "bc"], dtype=object))


def test_dicts_keep_order_sets_do_not():
    assert digest({"a": 1, "b": 2}) != digest({"b": 2, "a": 1})
    assert digest({3, 1, 2}) == digest({1, 2, 3})
    assert digest(frozenset({"x", "y"})) == digest(frozenset({"y", "x"}))


def test_set_digests_are_the_same_in_every_process():
    # String hashing is salted per process, so set iteration order varies between processes;
    # the key must not (the disk cache survives restarts).
    script = ("import hashlib, sys; from docsync.cache.hashing import ValueHasher; "
              "h = hashlib.sha256(); "
              "ValueHasher().feed(h, {'alpha', 'beta', 'gamma', 'delta', 'eps'}, name='v', "
              "owner='f'); print(h.hexdigest())")
    out = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        out.add(subprocess.run([sys.executable, "-c", script], env=env, check=True,
                               capture_output=True, text=True, timeout=60).stdout.strip())
    assert out == {digest({"alpha", "beta", "gamma", "delta", "eps"})}


def test_standard_library_values_by_content():
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    moment = dt.datetime(2024, 5, 1, 12, 0)
    assert_all_differ(moment, moment.replace(tzinfo=dt.timezone.utc),
                      moment.replace(tzinfo=paris), moment.replace(microsecond=1),
                      moment.date(), moment.time(), dt.timedelta(days=1),
                      dt.timedelta(seconds=86400, microseconds=1))
    assert digest(moment.replace(tzinfo=paris)) == digest(dt.datetime(2024, 5, 1, 12,
                                                                       tzinfo=paris))
    u = uuid.UUID(int=5)
    assert digest(u) == digest(uuid.UUID(int=5)) != digest(uuid.UUID(int=6))
    assert_all_differ(decimal.Decimal("1.0"), decimal.Decimal("1.00"), decimal.Decimal("1"))
    assert_all_differ(pathlib.PurePosixPath("a/b"), pathlib.PurePosixPath("a/c"), "a/b")
    assert_all_differ(Point(1, 2), Point(2, 1), (1, 2))
    assert_all_differ(Color.RED, Color.BLUE, 1)


def test_param_objects_by_their_values():
    a = Settings(level=2, name="s")
    b = Settings(level=2, name="s")
    assert digest(a) == digest(b)
    b.level = 3
    assert digest(a) != digest(b)
    b.level, b.label = 2, "other"
    assert digest(a) != digest(b)
    # An automatic name (Settings00012) is identity, not content; a given one is content.
    assert digest(Settings(level=7)) == digest(Settings(level=7))
    assert digest(Settings(level=7, name="x")) != digest(Settings(level=7, name="y"))


def test_cycles_terminate():
    loop: list = [1]
    loop.append(loop)
    assert digest(loop) == digest(loop)
    mapping: dict = {}
    mapping["self"] = mapping
    assert digest(mapping) != digest(loop)


class Connection:
    def __init__(self, url):
        self.url = url


class Pooled(Connection):
    pass


def test_unhashable_values_raise_naming_the_function_argument_and_both_fixes():
    with pytest.raises(UnhashableError) as info:
        ValueHasher().feed(hashlib.sha256(), Connection("db"), name="conn", owner="load")
    message = str(info.value)
    assert "argument 'conn' of load()" in message
    assert "tests.cache.test_hashing.Connection" in message
    assert "hash_funcs={" in message and "'_conn'" in message
    assert isinstance(info.value, TypeError)
    with pytest.raises(UnhashableError, match=r"config\['db'\]\[1\] inside it"):
        ValueHasher().feed(hashlib.sha256(), {"db": ["x", Connection("db")]}, name="config",
                           owner="load")


def test_hash_funcs_by_type_and_by_name_and_for_subclasses():
    by_type = {Connection: lambda c: c.url}
    by_name = {"tests.cache.test_hashing.Connection": lambda c: c.url}
    for funcs in (by_type, by_name):
        assert digest(Connection("a"), funcs) == digest(Connection("a"), funcs)
        assert digest(Connection("a"), funcs) != digest(Connection("b"), funcs)
        assert digest(Pooled("a"), funcs) != digest(Connection("b"), funcs)
        assert digest([Connection("a")], funcs) != digest(["a"], funcs)  # the type is tagged
    # hash_funcs can also override a built-in type's hashing.
    rounded = {float: lambda x: round(x, 2)}
    assert digest(1.001, rounded) == digest(1.002, rounded) != digest(1.2, rounded)
    with pytest.raises(TypeError, match="hash_funcs keys"):
        ValueHasher({1: str})


def test_a_hash_func_returning_its_value_is_an_error():
    with pytest.raises(UnhashableError, match="returned the value itself"):
        digest(Connection("a"), {Connection: lambda c: c})


def test_json_like_values_nest():
    doc = json.loads('{"a": [1, 2, {"b": null, "c": [true, 1.5, "x"]}]}')
    other = json.loads('{"a": [1, 2, {"b": null, "c": [true, 1.5, "y"]}]}')
    assert digest(doc) != digest(other)


def test_in_memory_files_by_content_and_position():
    assert digest(io.StringIO("a,b\n1,2")) == digest(io.StringIO("a,b\n1,2"))
    assert digest(io.BytesIO(b"\x00\x01")) == digest(io.BytesIO(b"\x00\x01"))
    read = io.StringIO("a,b\n1,2")
    read.readline()  # a reader would see only the rest
    assert_all_differ(io.StringIO("a,b\n1,2"), io.StringIO("a,b\n1,3"), read,
                      io.BytesIO(b"a,b\n1,2"), "a,b\n1,2")


def test_an_open_file_is_refused_with_what_to_pass_instead(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("a,b\n")
    with path.open() as handle, pytest.raises(UnhashableError, match="pass its path"):
        digest(handle)
