"""``ds.cache`` end to end: decorator forms, options, copies, methods, sessions, info."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import inspect
import sqlite3
import threading
import uuid

import numpy as np
import pandas as pd
import param
import pytest

import docsync as ds
from docsync.cache.backends.disk import DiskBackend
from docsync.cache.registry import Cache
from docsync.exceptions import UnhashableError
from tests.server.support import texts, wait_until


def test_ds_cache_is_a_cache_and_state_has_as_cached():
    assert isinstance(ds.cache, Cache)
    key = uuid.uuid4().hex
    _calls = []
    assert ds.state.as_cached(key, lambda n: _calls.append(n) or n * 2, n=4) == 8
    assert ds.state.as_cached(key, lambda n: _calls.append(n) or n * 2, n=4) == 8
    assert ds.state.as_cached(key, lambda n: _calls.append(n) or n * 2, n=5) == 10
    assert _calls == [4, 5]


def test_bare_and_configured_decorators(cache):
    _calls = []

    @cache
    def bare(x, y=2):
        _calls.append((x, y))
        return x * y

    @cache(max_items=1)
    def configured(x):
        _calls.append(x)
        return -x

    assert bare(3) == bare(3, 2) == bare(x=3, y=2) == 6
    assert configured(1) == -1 and configured(2) == -2 and configured(1) == -1
    assert _calls == [(3, 2), 1, 2, 1]  # max_items=1 evicted 1
    assert bare.__name__ == "bare" and inspect.signature(bare).parameters.keys() == {"x", "y"}


def test_a_false_hit_is_impossible_for_frames_differing_far_from_the_start(cache):
    _calls = []

    @cache
    def total(df):
        _calls.append(1)
        return float(df["x"].sum())

    a = pd.DataFrame({"x": np.arange(100_000, dtype=float)})
    b = a.copy()
    b.iloc[-2, 0] = 0.0
    assert total(a) != total(b) and len(_calls) == 2
    assert total(a.copy()) == total(a) and len(_calls) == 2


def test_arguments_with_a_leading_underscore_are_not_hashed(cache):
    _calls = []

    @cache
    def query(sql, _conn):
        _calls.append(sql)
        return sql.upper()

    assert query("a", threading.Lock()) == query("a", threading.Lock()) == "A"
    assert _calls == ["a"]


def test_an_unhashable_argument_names_the_function_and_the_fixes(cache):
    @cache
    def load(conn, year):
        return year

    with pytest.raises(UnhashableError) as info:
        load(threading.Lock(), 2024)
    message = str(info.value)
    assert "argument 'conn' of" in message and "load()" in message
    assert "hash_funcs=" in message and "'_conn'" in message


def test_hash_funcs_on_a_custom_class(cache):
    class Dataset:
        def __init__(self, name, rows):
            self.name, self.rows = name, rows

    _calls = []

    @cache(hash_funcs={Dataset: lambda d: (d.name, d.rows)})
    def size(data):
        _calls.append(data.name)
        return len(data.rows)

    assert size(Dataset("a", [1, 2])) == 2 and size(Dataset("a", [1, 2])) == 2
    assert size(Dataset("a", [1, 2, 3])) == 3
    assert _calls == ["a", "a"]


def test_copy_true_gives_each_caller_its_own_copy(cache):
    @cache(copy=True)
    def frame(n):
        return pd.DataFrame({"a": range(n)})

    first = frame(3)
    first.loc[0, "a"] = 99  # the caller's own copy
    second = frame(3)
    assert second.loc[0, "a"] == 0 and second is not frame(3)
    second.loc[1, "a"] = -1
    assert frame(3)["a"].tolist() == [0, 1, 2]


def test_copy_false_shares_the_one_object(cache):
    @cache
    def rows(n):
        return list(range(n))

    assert rows(3) is rows(3)


async def test_copy_true_gives_waiting_threads_distinct_copies(cache):
    _release = threading.Event()

    @cache(copy=True)
    def slow(n):
        assert _release.wait(10)
        return [n]

    results = []
    threads = [threading.Thread(target=lambda: results.append(slow(1))) for _ in range(5)]
    for t in threads:
        t.start()
    await wait_until(lambda: slow.__docsync_cache__.table.flight.callers() == 5, timeout=10)
    _release.set()
    for t in threads:
        await asyncio.to_thread(t.join, 10)
    assert results == [[1]] * 5 and len({id(r) for r in results}) == 5


async def test_async_functions(cache):
    _calls = []

    @cache
    async def fetch(x):
        _calls.append(x)
        await asyncio.sleep(0)
        return x + 1

    assert inspect.iscoroutinefunction(fetch)
    assert await fetch(1) == 2 and await fetch(1) == 2 and _calls == [1]


def test_methods_hash_self_by_content(cache):
    _calls = []

    class Model(param.Parameterized):
        level = param.Integer(default=1)

        @cache
        def scaled(self, x):
            _calls.append(x)
            return x * self.level

    m = Model(name="m")
    assert m.scaled(2) == 2 and m.scaled(2) == 2 and _calls == [2]
    m.level = 5  # self's content changed: a new key
    assert m.scaled(2) == 10 and _calls == [2, 2]

    @dataclasses.dataclass
    class Box:
        side: int

        @cache
        def area(self):
            return self.side ** 2

    assert Box(3).area() == 9 and Box(4).area() == 16


def test_a_plain_self_is_unhashable_unless_named_underscore_self(cache):
    class Plain:
        @cache
        def f(self, x):
            return x

    with pytest.raises(UnhashableError, match=r"argument 'self'.*'_self'"):
        Plain().f(1)

    _calls = []

    class Shared:
        @cache
        def f(_self, x):  # the underscore leaves it out of the key
            _calls.append(x)
            return x

    assert Shared().f(1) == Shared().f(1) == 1 and _calls == [1]


def test_staticmethods_and_classmethods(cache):
    _calls = []

    class K:
        @cache
        @staticmethod
        def s(x):
            _calls.append(("s", x))
            return x

        @cache
        @classmethod
        def c(cls, x):
            _calls.append(("c", x))
            return cls.__name__

    assert K.s(1) == K().s(1) == 1 and K.c(2) == K().c(2) == "K"
    assert _calls == [("s", 1), ("c", 2)]


def test_two_cached_lambdas_keep_apart(cache):
    inc = cache(lambda x: x + 1)
    dbl = cache(lambda x: x * 2)
    assert (inc(5), dbl(5), inc(5), dbl(5)) == (6, 10, 6, 10)


def test_info_and_clear(cache):
    @cache
    def a(x):
        return x

    @cache(backend="disk")
    def b(x):
        return x

    a(1), a(1), a(2), b(1)
    info = cache.info()
    name = f"{__name__}.test_info_and_clear.<locals>.a"
    assert (info[name].hits, info[name].misses, info[name].entries) == (1, 2, 2)
    assert info[name].bytes > 0
    a.clear()
    assert a.info().entries == 0 and a.info().misses == 0 and b.info().entries == 1
    cache.clear()
    assert b.info().entries == 0


def test_a_backend_object_can_be_given_or_added_by_name(cache, tmp_path):
    @cache(backend=DiskBackend(tmp_path / "other.sqlite3"))
    def archived(x):
        return [x]

    @cache(backend="disk")
    def usual(x):
        return [x]

    assert archived(1) == [1] and archived.info().entries == 1 and usual(1) == [1]
    assert (tmp_path / "other.sqlite3").exists() and (tmp_path / "cache.sqlite3").exists()

    shared = DiskBackend(tmp_path / "shared.sqlite3")
    shared.name = "shared"
    cache.add_backend(shared, default=True)

    @cache
    def by_default(x):
        return [x]

    assert by_default(1) == [1] and (tmp_path / "shared.sqlite3").exists()
    cache.clear()
    assert archived.info().entries == 0 and by_default.info().entries == 0


def test_panels_to_disk_and_cache_path_store_in_sqlite_files(cache, tmp_path):
    _calls = []

    @cache(to_disk=True)
    def usual(x):
        _calls.append(x)
        return [x]

    @cache(to_disk=True, cache_path=tmp_path / "own")
    def own(x):
        _calls.append(-x)
        return [x]

    @cache(to_disk=True, cache_path=str(tmp_path / "own"))
    def neighbour(x):
        return (x,)

    assert usual(1) == usual(1) == [1] and own(2) == own(2) == [2] and neighbour(3) == (3,)
    assert _calls == [1, -2]
    assert (tmp_path / "cache.sqlite3").exists()  # the cache's own disk file
    assert (tmp_path / "own" / "cache.sqlite3").exists()
    # Several functions with one cache_path share its one SQLite file, as in one folder.
    with contextlib.closing(sqlite3.connect(tmp_path / "own" / "cache.sqlite3")) as db:
        names = {ns for (ns,) in db.execute("SELECT DISTINCT ns FROM entries")}
    assert {name.rsplit(".", 1)[-1] for name in names} == {"own", "neighbour"}
    cache.clear()
    assert own.info().entries == 0 and usual.info().entries == 0


@pytest.mark.parametrize("policy", ["LRU", "lru", "FIFO", "LFU"])
def test_panels_upper_case_policies_are_accepted(cache, policy):
    _calls = []

    @cache(max_items=1, policy=policy)
    def double(x):
        _calls.append(x)
        return 2 * x

    assert [double(1), double(2), double(1)] == [2, 4, 2] and _calls == [1, 2, 1]


@pytest.mark.parametrize("options, message", [
    ({"cache_path": "somewhere"}, "pass to_disk=True with it"),
    ({"to_disk": True, "backend": "memory"}, "pass one of them"),
    ({"to_disk": "yes"}, "True or False")])
def test_inconsistent_disk_options_say_what_to_fix(cache, options, message):
    with pytest.raises((ValueError, TypeError), match=message):
        cache(**options)


@pytest.mark.parametrize("options, error", [
    ({"policy": "random"}, ValueError), ({"ttl": 0}, ValueError), ({"ttl": "1h"}, ValueError),
    ({"max_items": -1}, ValueError), ({"max_items": 1.5}, ValueError),
    ({"backend": "nowhere"}, ValueError), ({"hash_funcs": [int]}, TypeError)])
def test_bad_options_are_refused(cache, options, error):
    with pytest.raises(error):
        cache(**options)


def test_generators_and_non_functions_are_refused(cache):
    def numbers():
        yield 1

    with pytest.raises(TypeError, match="generator"):
        cache(numbers)
    with pytest.raises(TypeError, match="functions and methods"):
        cache(len)


def test_as_cached_by_key_and_kwargs_with_ttl(cache):
    _calls = []

    def load(n):
        _calls.append(n)
        return [n]

    first = cache.as_cached("data", load, n=1)
    assert cache.as_cached("data", load, n=1) is first
    assert cache.as_cached("other", load, n=1) == [1]
    assert _calls == [1, 1]
    assert cache.as_cached("short", load, ttl=30, n=2) == [2]


def strs(client):
    return texts(client.client, "Str", "text")


async def test_per_session_entries_are_separate_and_dropped_when_the_session_ends(
        cache, serve_app, clients):
    _computed = []

    @cache(per_session=True)
    def seeded(n):
        _computed.append(ds.state.session_id)
        return f"{ds.state.session_id}:{n}"

    def app():
        return ds.pane.Str(seeded(1) + "|" + seeded(1))

    handle = serve_app(app, reconnect_timeout=0.2)
    a = await clients(handle.url + "app").open()
    b = await clients(handle.url + "app").open()
    sid_a, sid_b = a.client.session_id, b.client.session_id
    assert strs(a) == [f"{sid_a}:1|{sid_a}:1"] and strs(b) == [f"{sid_b}:1|{sid_b}:1"]
    assert _computed == [sid_a, sid_b] and seeded.info().entries == 2
    await a.drop()  # session a expires after the reconnect timeout and is destroyed
    await wait_until(lambda: seeded.info().entries == 1, timeout=5, what="a's entries dropped")
    c = await clients(handle.url + "app").open()
    sid_c = c.client.session_id
    assert strs(c) == [f"{sid_c}:1|{sid_c}:1"] and seeded.info().entries == 2
    await asyncio.to_thread(handle.stop)  # shutdown destroys the live sessions
    assert seeded.info().entries == 0


def test_state_clear_caches_clears_ds_cache():
    _calls = []

    @ds.cache
    def square(x):
        _calls.append(x)
        return x * x

    assert square(uuid.uuid4().int % 1000 + 2000) > 0
    ds.state.clear_caches()
    assert square.info().entries == 0
