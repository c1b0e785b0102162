"""``ds.Store``: JSON data in the browser, size-limited on both sides, client-writable."""

from __future__ import annotations

import pytest

import docsync as ds
from docsync.browser_store import json_size
from docsync.testing import LocalClient


def test_data_must_be_json_within_the_limit_when_app_code_sets_it():
    store = ds.Store(data={"n": 1}, max_bytes=20)
    with pytest.raises(ValueError, match=r"over the limit of 20 \(raise max_bytes"):
        store.data = {"text": "x" * 30}
    with pytest.raises(ValueError, match=r"must be JSON|cannot hold"):
        store.data = {1, 2}
    with pytest.raises(ValueError, match=r"must be JSON|cannot hold"):
        store.data = float("nan")
    assert store.data == {"n": 1}
    assert json_size({"é": 1}) == len('{"é":1}'.encode())
    with pytest.raises(ValueError, match="needs a key"):
        ds.Store(storage="session")
    ds.Store(data=[1], storage="local", key="prefs")


def test_the_browser_writes_data_and_a_too_large_value_is_refused_and_restored():
    seen = []

    def app():
        store = ds.Store(data={"clicks": 0}, storage="local", key="counter", max_bytes=40)
        store.param.watch(lambda e: seen.append(e.new), "data")
        return ds.Column(store)

    c = LocalClient(app).connect()
    doc = c.client
    sid = doc.find("Store")
    assert doc.props(sid) | {} == {**doc.props(sid), "data": {"clicks": 0}, "storage": "local",
                                   "key": "counter", "max_bytes": 40}
    c.set(sid, "data", {"clicks": 5})
    assert seen == [{"clicks": 5}] and doc.errors == []
    c.set(sid, "data", {"clicks": "x" * 50})
    [error] = doc.errors
    assert error["code"] == "invalid" and "over the limit of 40" in error["message"]
    assert "Store 'counter'" in error["message"]
    assert doc.prop(sid, "data") == {"clicks": 5} and seen == [{"clicks": 5}]
