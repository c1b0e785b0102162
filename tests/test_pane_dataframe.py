"""The DataFrame pane (docsync/pane/dataframe.py, frame.py): only the shown page is sent; the
browser's ``page`` and ``sort`` are checked, and sorting is done once per key by pandas."""

import json

import numpy as np
import pandas as pd
import pytest

import docsync as ds
from docsync.core.model import props_json
from docsync.pane import DataFrame
from docsync.pane.frame import format_value
from docsync.testing import LocalClient


def frame(n: int = 95) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    return pd.DataFrame({
        "id": np.arange(n),
        "score": rng.permutation(n) / 10,
        "name": [f"row {i:03d}" for i in rng.permutation(n)],
    }, index=pd.Index([f"k{i}" for i in range(n)], name="key"))


def shown(pane: DataFrame) -> list[list[str]]:
    return pane.data["rows"]


def expected(df: pd.DataFrame, start: int, stop: int) -> list[list[str]]:
    return [[str(k), str(r.id), format_value(r.score), r.name]
            for k, r in zip(df.index[start:stop], df.iloc[start:stop].itertuples(), strict=True)]


def test_only_the_page_is_sent_with_the_total():
    df = frame()
    pane = DataFrame(df, page_size=10)
    props = props_json(pane, str)
    assert "object" not in props and "page_size" not in props
    assert props["data"] == {"rows": expected(df, 0, 10), "start": 0, "total": 95, "page": 1,
                             "pages": 10, "sort": []}
    assert [f["name"] for f in props["fields"]] == ["key", "id", "score", "name"]
    assert [f["numeric"] for f in props["fields"]] == [False, True, True, False]
    assert props["fields"][0]["index"] is True
    pane.page = 10
    assert pane.data["start"] == 90 and shown(pane) == expected(df, 90, 95)


def test_sorting_matches_pandas_for_every_page():
    df = frame()
    pane = DataFrame(df, page_size=7)
    for sort, by, ascending in (
        ([{"field": "score", "dir": "desc"}], ["score"], [False]),
        ([{"field": "name", "dir": "asc"}], ["name"], [True]),
        ([{"field": "key", "dir": "desc"}], ["key"], [False]),
    ):
        pane.sort = sort
        want = df.rename_axis("key").reset_index().sort_values(by, ascending=ascending,
                                                                kind="stable").set_index("key")
        for page in (1, 2, 14):
            pane.page = page
            start = (page - 1) * 7
            assert shown(pane) == expected(want, start, start + 7), (sort, page)
            assert pane.data["sort"] == sort


def test_multi_column_sort_is_stable_and_puts_missing_values_last():
    df = pd.DataFrame({"g": ["b", "a", "b", "a", None], "v": [1.0, np.nan, 0.5, 2.0, 3.0]})
    pane = DataFrame(df, index=False)
    pane.sort = [{"field": "g", "dir": "asc"}, {"field": "v", "dir": "desc"}]
    assert shown(pane) == [["a", "2.0"], ["a", "NaN"], ["b", "1.0"], ["b", "0.5"], ["NaN", "3.0"]]


def test_the_sorted_order_is_computed_once_per_key():
    df = pd.DataFrame({"v": np.random.default_rng(0).random(1_000_000)})
    pane = DataFrame(df)
    orders = pane._orders
    pane.sort = [{"field": "v", "dir": "asc"}]
    order = orders.order((("v", True),))
    for page in (2, 3, 50_000):
        pane.page = page
        assert orders.order((("v", True),)) is order  # kept, not recomputed
    assert shown(pane)[-1][1] == format_value(float(np.sort(df["v"].to_numpy())[-1]))
    assert pane.data["total"] == 1_000_000 and len(json.dumps(pane.data)) < 2_000


def test_cells_are_formatted_on_the_server():
    df = pd.DataFrame({
        "f": [0.1 + 0.2, 1e20, np.nan],
        "t": pd.to_datetime(["2024-01-02 00:00", None, "2024-03-04 05:06"]),
        "b": [True, False, True],
        "o": [None, {"a": 1}, "x"],
        "i": pd.array([1, None, 3], dtype="Int64"),
    })
    pane = DataFrame(df, index=False, na_rep="—")
    assert shown(pane) == [
        ["0.3", "2024-01-02 00:00:00", "True", "—", "1"],
        ["1.0e+20", "—", "False", "{'a': 1}", "—"],
        ["—", "2024-03-04 05:06:00", "True", "x", "3"],
    ]
    pane.float_format = "{:.2f}".format
    assert shown(pane)[0][0] == "0.30"


def test_a_series_and_a_multiindex_are_shown():
    series = pd.Series([3, 1], index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)],
                                                                names=["l", "n"]), name="v")
    pane = DataFrame(series)
    assert [f["name"] for f in pane.fields] == ["l / n", "v"]
    assert shown(pane) == [["('a', 1)", "3"], ["('b', 2)", "1"]]
    pane.sort = [{"field": "v", "dir": "asc"}]
    assert shown(pane) == [["('b', 2)", "1"], ["('a', 1)", "3"]]
    pane.sort = [{"field": "l / n", "dir": "desc"}]
    assert shown(pane)[0][0] == "('b', 2)"


def test_a_new_frame_keeps_a_valid_page_and_sort_and_drops_the_rest():
    pane = DataFrame(frame(95), page_size=10, page=9, sort=[{"field": "score", "dir": "asc"}])
    assert pane.data["page"] == 9
    pane.object = frame(25)
    assert pane.page == 3 and pane.data["page"] == 3 and pane.sort == [{"field": "score",
                                                                        "dir": "asc"}]
    pane.object = pd.DataFrame({"other": [1, 2]})
    assert pane.sort == [] and pane.page == 1 and shown(pane) == [["0", "1"], ["1", "2"]]
    pane.object = None
    assert pane.data["total"] == 0 and shown(pane) == []


def test_duplicate_column_names_are_shown_but_not_sortable():
    df = pd.DataFrame([[1, 2]], columns=["a", "a"])
    pane = DataFrame(df)
    assert [f["sortable"] for f in pane.fields] == [True, False, False]
    with pytest.raises(ValueError, match="more than one column"):
        pane.sort = [{"field": "a", "dir": "asc"}]


def test_other_objects_are_refused():
    with pytest.raises(ValueError, match="pandas DataFrame or Series"):
        DataFrame([1, 2])


# -- through the protocol: what the browser may send (PROTOCOL.md §5) ----------------------


def open_session(df: pd.DataFrame, **options):
    c = LocalClient(lambda: ds.Column(DataFrame(df, **options))).connect()
    return c, c.client.find("DataFrame")


def test_the_browser_pages_and_sorts():
    df = frame()
    c, pane_id = open_session(df, page_size=10)
    c.set(pane_id, "page", 3)
    data = c.client.prop(pane_id, "data")
    assert data["rows"] == expected(df, 20, 30) and data["page"] == 3
    c.set(pane_id, "sort", [{"field": "id", "dir": "desc"}])
    data = c.client.prop(pane_id, "data")
    assert data["rows"][0][1] == "74" and data["sort"] == [{"field": "id", "dir": "desc"}]
    assert c.client.errors == []


@pytest.mark.parametrize(("prop", "value", "message"), [
    ("page", 0, "between 1 and 10"),
    ("page", 11, "between 1 and 10"),
    ("page", 2.0, "whole number"),
    ("page", True, "whole number"),
    ("page", "2", "whole number"),
    ("sort", [{"field": "nope", "dir": "asc"}], "no column 'nope'"),
    ("sort", [{"field": "id", "dir": "up"}], "'asc' or 'desc'"),
    ("sort", [{"field": "id"}], "sort must be a list"),
    ("sort", [{"field": "id", "dir": "asc", "x": 1}], "sort must be a list"),
    ("sort", {"field": "id", "dir": "asc"}, "sort must be a list"),
    ("sort", [{"field": "id", "dir": "asc"}, {"field": "id", "dir": "desc"}], "named twice"),
    ("sort", [{"field": "mixed", "dir": "asc"}], "cannot sort by 'mixed'"),
])
def test_bad_page_and_sort_values_are_refused_and_restored(prop, value, message):
    df = frame()
    df["mixed"] = [1, "a", 2.5, None, "b"] * 19
    c, pane_id = open_session(df, page_size=10, page=2)
    before = c.client.prop(pane_id, "data")
    c.set(pane_id, prop, value)
    [error] = c.client.errors
    assert error["code"] == "invalid" and message in error["message"]
    # The corrective patch puts the browser's value back; nothing else changed.
    assert c.client.prop(pane_id, "page") == 2 and c.client.prop(pane_id, "sort") == []
    assert c.client.prop(pane_id, "data") == before
    c.set(pane_id, "page", 4)  # the session goes on
    assert c.client.prop(pane_id, "data")["page"] == 4
