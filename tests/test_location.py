"""``Location`` without a server: Panel's query parsing, ``update_query``, ``sync`` and
``unsync`` both ways, and the read-only parts of the URL."""

from __future__ import annotations

import datetime as dt
import logging

import param
import pytest

import docsync as ds
from docsync.location import Location, parse_query


def test_parse_query_reads_values_as_panel_does(caplog):
    with caplog.at_level(logging.WARNING, logger="docsync.location"):
        parsed = parse_query("?n=12&x=2.5&neg=-1&on=TRUE&off=false&xs=[1,%202]&d={'a':%201}"
                             "&t=hello&bad=[1,&e=")
    assert parsed == {"n": 12, "x": 2.5, "neg": -1.0, "on": True, "off": False, "xs": [1, 2],
                      "d": {"a": 1}, "t": "hello", "e": ""}
    assert "'bad'" in caplog.text
    assert parse_query("") == {} and parse_query("?a=1&a=2") == {"a": 2}


def test_from_client_fills_the_read_only_parts():
    loc = Location.from_client({"pathname": "/app", "search": "?a=1", "hash": "#h",
                                "href": "https://example.com:8443/app?a=1#h", "other": 1})
    assert (loc.protocol, loc.hostname, loc.port) == ("https:", "example.com", "8443")
    assert loc.href == "https://example.com:8443/app?a=1#h"
    loc.search = "?a=2"
    assert loc.href == "https://example.com:8443/app?a=2#h"  # follows the writable parts
    with pytest.raises(TypeError):
        loc.href = "http://elsewhere/"
    bare = Location.from_client({"pathname": "/app", "search": 3})
    assert (bare.href, bare.search) == ("/app", "")


def test_update_query_keeps_other_arguments_and_writes_json():
    loc = Location(search="?keep=1e5&x=1")
    loc.update_query(x=2, tags=["a", "b"], name="a b")
    assert loc.search == "?keep=1e5&x=2&tags=%5B%22a%22%2C+%22b%22%5D&name=a+b"
    assert loc.query_params == {"keep": 100000.0, "x": 2, "tags": ["a", "b"], "name": "a b"}


class Settings(param.Parameterized):
    level = param.Integer(default=1, bounds=(0, 10))
    label = param.String(default="a")
    day = param.Date(default=dt.datetime(2024, 1, 2))
    empty = param.String(default=None, allow_None=True)


def test_sync_applies_the_query_first_then_writes_the_values():
    loc = Location(search="?lvl=5")
    settings = Settings()
    loc.sync(settings, {"level": "lvl", "label": "label"})
    assert settings.level == 5  # the URL wins
    assert loc.query_params == {"lvl": 5, "label": "a"}
    settings.label = "b"
    assert loc.query_params["label"] == "b"
    loc.search = "?lvl=7&label=c"  # the user navigated
    assert (settings.level, settings.label) == (7, "c")
    with param.parameterized.batch_call_watchers(loc):  # as a page's patch sets them
        loc.param.update(search="?lvl=8", hash="#x")
    assert settings.level == 8 and loc.href == "?lvl=8#x"


def test_sync_everything_but_name_serializes_with_param_and_skips_none():
    loc = Location()
    settings = Settings()
    loc.sync(settings)
    assert set(loc.query_params) == {"level", "label", "day"}
    assert loc.query_params["day"] == "2024-01-02T00:00:00.000000"
    loc.update_query(day="2025-03-04T00:00:00.000000")
    assert settings.day == dt.datetime(2025, 3, 4)  # deserialized by the parameter


def test_a_refused_query_value_goes_to_on_error_and_leaves_the_object():
    loc = Location(search="?level=99")
    refused: list[dict] = []
    settings = Settings()
    loc.sync(settings, ["level"], on_error=refused.append)
    assert settings.level == 1 and refused == [{"level": 99}]


def test_unsync_some_or_all_and_unsync_of_a_stranger_is_an_error():
    loc = Location()
    settings, other = Settings(), Settings(level=3)
    loc.sync(settings, ["level", "label"])
    loc.sync(other, {"level": "other"})
    loc.unsync(settings, ["label"])
    assert loc.query_params == {"level": 1, "other": 3}
    settings.label = "z"
    assert "label" not in loc.query_params
    settings.level = 2
    assert loc.query_params["level"] == 2  # still synced
    loc.unsync(settings)
    assert loc.query_params == {"other": 3}
    with pytest.raises(ValueError, match="never synced"):
        loc.unsync(settings)
    loc.unsync_all()
    other.level = 4
    assert loc.query_params == {"other": 3}


def test_sync_refuses_what_it_cannot_sync():
    loc = Location()
    with pytest.raises(TypeError, match="param objects"):
        loc.sync({"level": 1})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no parameter 'levle'"):
        loc.sync(Settings(), ["levle"])


def test_sync_a_widget():
    loc = Location(search="?page=3")
    page = ds.widgets.IntSlider(start=1, end=10, value=1)
    loc.sync(page, {"value": "page"})
    assert page.value == 3
    page.value = 4
    assert loc.search == "?page=4"


def test_a_location_from_a_hello_is_made_with_all_its_values_at_once():
    loc = Location.from_client({"href": "https://example.org:8443/app?x=1#top",
                                "pathname": "/app", "search": "?x=1", "hash": "#top"})
    assert (loc.protocol, loc.hostname, loc.port, loc.href) == (
        "https:", "example.org", "8443", "https://example.org:8443/app?x=1#top")
    assert Location.from_client({"pathname": "/a", "search": "?b=2"}).href == "/a?b=2"
    # None set after the constructor: param would give this session's Location its own
    # copy of each parameter so set.
    existing = loc.param.objects("existing")
    assert all(p is Location.param[name] for name, p in existing.items())
