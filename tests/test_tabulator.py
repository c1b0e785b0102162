"""The Tabulator widget (docsync/table/): the rows sent for each pagination, server-side
sorting and header filters, checked selections and cell edits, callbacks with Panel's event
fields, ``stream`` and ``patch`` sending only the changed rows, and refused options."""

import math

import numpy as np
import pandas as pd
import pytest

import docsync as ds
from docsync.core.model import props_json
from docsync.table import CellClickEvent, TableEditEvent, Tabulator
from docsync.testing import LocalClient


def frame(n: int = 50) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    return pd.DataFrame({
        "id": np.arange(n),
        "score": rng.permutation(n) / 4,
        "name": [f"row {i:03d}" for i in rng.permutation(n)],
        "ok": [i % 3 == 0 for i in range(n)],
        "day": pd.date_range("2024-01-01", periods=n, freq="D"),
        "kind": pd.Categorical(["a", "b"] * (n // 2)),
    })


def cells(table: Tabulator, column: str) -> list:
    i = 1 + [f["name"] for f in table.fields].index(column)
    return [row[i] for row in table.data["rows"]]


def positions(table: Tabulator) -> list[int]:
    return [row[0] for row in table.data["rows"]]


# -- what is sent ------------------------------------------------------------------------------


def test_remote_pagination_sends_one_page_of_typed_values():
    df = frame()
    table = Tabulator(df, pagination="remote", page_size=10)
    props = props_json(table, str)
    assert "value" not in props and props["data"]["total"] == 50
    assert props["data"]["pages"] == 5 and len(props["data"]["rows"]) == 10
    assert props["data"]["rows"][0] == [0, 0, 0, df.score[0], df.name[0], True, "2024-01-01", "a"]
    assert [f["kind"] for f in props["fields"]] == [
        "int", "int", "float", "str", "bool", "datetime", "category"]
    table.page = 5
    assert positions(table) == list(range(40, 50)) and table.data["start"] == 40


def test_local_and_no_pagination_send_every_row_and_big_frames_page_by_themselves():
    assert len(Tabulator(frame(), pagination="local", page_size=10).data["rows"]) == 50
    assert Tabulator(frame()).pagination is None
    assert Tabulator(frame(500)).pagination == "local"
    big = Tabulator(pd.DataFrame({"x": np.arange(1_000_000)}))
    assert big.pagination == "remote" and len(big.data["rows"]) == 20
    assert big.data["pages"] == 50_000
    assert Tabulator(frame(500), pagination=None).pagination is None  # explicit wins


def test_missing_values_travel_as_null():
    table = Tabulator(pd.DataFrame({"x": [1.0, math.nan, math.inf], "t": pd.to_datetime(
        ["2024-01-01 10:30", None, "2024-01-02 00:00"])}))
    assert cells(table, "x") == [1.0, None, None]
    assert cells(table, "t") == ["2024-01-01T10:30:00", None, "2024-01-02"]


def test_nullable_and_zoned_columns_travel_and_edit():
    df = pd.DataFrame({"n": pd.array([1, None], dtype="Int64"),
                       "b": pd.array([True, None], dtype="boolean"),
                       "t": pd.date_range("2024-01-01", periods=2, tz="UTC")})
    table = Tabulator(df, show_index=False)
    assert table.data["rows"] == [[0, 1, True, "2024-01-01T00:00:00+00:00"],
                                  [1, None, None, "2024-01-02T00:00:00+00:00"]]
    assert table.fields[2]["editor"] == {"type": "input", "params": {}}
    c, tid = open_session(table)
    c.event(tid, "edit", {"row": 1, "column": "n", "value": 5})
    c.event(tid, "edit", {"row": 0, "column": "t", "value": "2025-02-03T04:05:00"})
    assert c.client.errors == [] and df.n.tolist() == [1, 5]
    assert df.t[0] == pd.Timestamp("2025-02-03 04:05", tz="UTC")


def test_sorting_and_filters_run_on_the_server_and_compose():
    df = frame()
    table = Tabulator(df, pagination="remote", page_size=5, header_filters=True)
    table.sorters = [{"field": "score", "dir": "desc"}]
    assert positions(table) == list(df.sort_values("score", ascending=False).index[:5])
    table.filters = [{"field": "kind", "type": "=", "value": "b"}]
    want = df[df.kind == "b"].sort_values("score", ascending=False)
    assert positions(table) == list(want.index[:5]) and table.data["total"] == 25
    table.filters = [{"field": "name", "type": "like", "value": "ROW 00"}]
    assert table.data["total"] == 10
    assert list(table.current_view.index) == list(
        df[df.name.str.startswith("row 00")].sort_values("score", ascending=False).index)


def test_columns_follow_show_index_hidden_frozen_widths_titles_and_editors():
    table = Tabulator(frame(), show_index=False, hidden_columns=["day"],
                      frozen_columns=["id"], widths={"name": 200}, titles={"ok": "OK?"},
                      editors={"id": None, "score": {"type": "number", "min": 0, "max": 100}},
                      formatters={"score": {"type": "progress", "max": 20}})
    fields = {f["name"]: f for f in table.fields}
    assert list(fields) == ["id", "score", "name", "ok", "kind"]
    assert fields["id"]["frozen"] == "left" and fields["id"]["editor"] is None
    assert fields["name"]["width"] == 200 and fields["ok"]["label"] == "OK?"
    assert fields["score"]["editor"] == {"type": "number", "params": {"min": 0, "max": 100}}
    assert fields["kind"]["editor"] == {"type": "list", "params": {"values": ["a", "b"]}}
    assert fields["score"]["formatter"] == {"type": "progress", "params": {"max": 20}}
    assert len(table.data["rows"][0]) == 6  # the hidden column is not sent


def test_multiindex_labels_and_shared_names():
    df = pd.DataFrame([[1, 2, 3]], columns=pd.MultiIndex.from_tuples([("a", "x"), ("a", "y"),
                                                                      ("a", "y")]))
    table = Tabulator(df)
    fields = {f["name"]: f for f in table.fields}
    assert table.data["rows"] == [[0, 0, 1, 2, 3]]
    assert fields["a / x"]["editor"] is not None and fields["a / y"]["editor"] is None
    c, tid = open_session(table)
    c.event(tid, "edit", {"row": 0, "column": "a / x", "value": 5})
    assert df.iat[0, 0] == 5
    c.event(tid, "edit", {"row": 0, "column": "a / y", "value": 5})
    assert "not editable" in c.client.errors[0]["message"]


@pytest.mark.parametrize(("options", "message"), [
    ({"editors": {"nope": "input"}}, "names no column 'nope'"),
    ({"editors": {"id": "wobble"}}, "unknown type 'wobble'"),
    ({"editors": {"id": "tickCross"}}, "cannot edit a int column"),
    ({"editors": {"id": {"type": "number", "colour": 1}}}, "takes no colour"),
    ({"formatters": {"name": "html"}}, "unknown type 'html'"),
    ({"frozen_columns": [9]}, "no column at position 9"),
    ({"header_filters": {"id": "like"}}, "must be True or one of"),
    ({"theme": "midnight"}, "not supported by docsync"),
    ({"row_content": print}, "not supported by docsync"),
    ({"selectable": "sometimes"}, "selectable must be"),
])
def test_bad_options_name_the_fix(options, message):
    with pytest.raises((ValueError, TypeError), match=message):
        Tabulator(frame(), **options)


# -- through the protocol (PROTOCOL.md §5) ----------------------------------------------------


def open_session(table: Tabulator):
    c = LocalClient(lambda: ds.Column(table)).connect()
    return c, c.client.find("Tabulator")


def test_an_edit_is_stored_reported_and_sent_back_as_one_row():
    df = frame()
    table = Tabulator(df, pagination="remote", page_size=10)
    seen: list[TableEditEvent] = []
    table.on_edit(seen.append)
    c, tid = open_session(table)
    c.event(tid, "edit", {"row": 3, "column": "score", "value": 99.5})
    assert c.client.errors == [] and df.loc[3, "score"] == 99.5
    assert seen == [TableEditEvent(column="score", row=3, value=99.5, old=seen[0].old)]
    assert c.client.prop(tid, "data")["rows"][3][3] == 99.5
    c.event(tid, "edit", {"row": 1, "column": "day", "value": "2025-05-06"})
    assert df.loc[1, "day"] == pd.Timestamp("2025-05-06") and len(seen) == 2


@pytest.mark.parametrize(("data", "message"), [
    ({"row": 0, "column": "id", "value": "seven"}, "'seven' is not a whole number"),
    ({"row": 0, "column": "id", "value": 1.5}, "not a whole number"),
    ({"row": 0, "column": "id", "value": True}, "not a whole number"),
    ({"row": 0, "column": "ok", "value": 1}, "not true or false"),
    ({"row": 0, "column": "kind", "value": "c"}, "not one of 'a', 'b'"),
    ({"row": 0, "column": "day", "value": "soon"}, "is not a date"),
    ({"row": 0, "column": "score", "value": -1}, "takes values from 0"),
    ({"row": 50, "column": "id", "value": 1}, "row 50 is out of range"),
    ({"row": 0, "column": "nope", "value": 1}, "no column 'nope'"),
    ({"row": 0, "column": "name", "value": "x"}, "'name' is not editable"),
    ({"row": 0, "column": "id"}, "needs exactly"),
])
def test_a_bad_edit_is_refused_and_the_session_goes_on(data, message):
    df = frame()
    table = Tabulator(df, editors={"score": {"type": "number", "min": 0}, "name": None})
    c, tid = open_session(table)
    before = df.copy()
    c.event(tid, "edit", data)
    [error] = c.client.errors
    assert error["code"] == "invalid" and message in error["message"]
    pd.testing.assert_frame_equal(df, before)
    c.event(tid, "edit", {"row": 0, "column": "id", "value": 7})  # the session goes on
    assert df.loc[0, "id"] == 7


def test_a_disabled_table_refuses_edits():
    c, tid = open_session(Tabulator(frame(), disabled=True))
    c.event(tid, "edit", {"row": 0, "column": "id", "value": 7})
    assert "disabled" in c.client.errors[0]["message"]


def test_clicks_reach_on_click_callbacks_with_the_server_value():
    table = Tabulator(frame())
    assert table.clickable is False
    everywhere: list[CellClickEvent] = []
    names: list[CellClickEvent] = []
    table.on_click(everywhere.append)
    table.on_click(names.append, column="name")
    assert table.clickable is True
    c, tid = open_session(table)
    c.event(tid, "click", {"row": 2, "column": "name"})
    c.event(tid, "click", {"row": 4, "column": "id"})
    assert names == [CellClickEvent(column="name", row=2, value=table.value.name[2])]
    assert [e.value for e in everywhere] == [table.value.name[2], 4]
    with pytest.raises(ValueError, match="no column 'nope'"):
        table.on_click(print, column="nope")


@pytest.mark.parametrize(("options", "value", "message"), [
    ({}, [50], "row 50 is out of range"),
    ({}, [-1], "row -1 is out of range"),
    ({}, [1, 1], "names a row twice"),
    ({}, ["1"], "list of row positions"),
    ({"selectable": False}, [1], "cannot be selected"),
    ({"selectable": 2}, [1, 2, 3], "at most 2 rows"),
    ({"selectable_rows": lambda df: [0, 2]}, [1], "row 1 cannot be selected"),
])
def test_a_bad_selection_is_refused_and_restored(options, value, message):
    table = Tabulator(frame(), selection=[0], **options)
    c, tid = open_session(table)
    c.set(tid, "selection", value)
    [error] = c.client.errors
    assert error["code"] == "invalid" and message in error["message"]
    assert c.client.prop(tid, "selection") == [0] and table.selection == [0]
    good = [] if options.get("selectable") is False else [0, 2]
    c.set(tid, "selection", good)  # the session goes on
    assert table.selection == good
    assert list(table.selected_dataframe.index) == good


def test_the_browser_pages_sorts_and_filters_and_bad_values_are_refused():
    table = Tabulator(frame(), pagination="remote", page_size=10, header_filters=True)
    c, tid = open_session(table)
    c.set(tid, "sorters", [{"field": "id", "dir": "desc"}])
    c.set(tid, "page", 2)
    assert c.client.prop(tid, "data")["rows"][0][0] == 39
    c.set(tid, "filters", [{"field": "ok", "type": "=", "value": True}])
    assert c.client.prop(tid, "data")["total"] == 17
    for prop, value, message in (
        ("page", 9, "from 1 to 2"),
        ("sorters", [{"field": "id", "dir": "up"}], "'asc' or 'desc'"),
        ("filters", [{"field": "id", "type": "like", "value": "1"}], "'like' matches text"),
        ("filters", [{"field": "score", "type": "=", "value": "x"}], "is not a number"),
    ):
        c.set(tid, prop, value)
        assert message in c.client.errors[-1]["message"]
    assert c.client.prop(tid, "data")["total"] == 17


def test_stream_and_patch_send_only_the_changed_rows():
    df = frame(10)
    table = Tabulator(df)
    c, tid = open_session(table)
    table.stream(frame(2))
    c.tick()
    assert len(table.value) == 12 and list(table.value.index[-2:]) == [10, 11]
    data = c.client.prop(tid, "data")
    assert [r[0] for r in data["rows"]] == list(range(12)) and data["total"] == 12
    table.patch({"name": [(3, "patched")], "id": [(slice(0, 2), [100, 101])]})
    c.tick()
    assert table.value.loc[3, "name"] == "patched" and cells(table, "id")[:2] == [100, 101]
    assert c.client.prop(tid, "data") == table.data


def test_patch_takes_a_dataframe_or_a_series_by_label_or_position():
    df = pd.DataFrame({"a": ["p", "q", "r"], "b": [1, 2, 3]}, index=["x", "y", "z"])
    table = Tabulator(df)
    table.patch(pd.DataFrame({"a": ["P", "R"]}, index=["x", "z"]))
    table.patch(pd.Series([20], index=[1], name="b"), as_index=False)
    assert df.a.tolist() == ["P", "q", "R"] and df.b.tolist() == [1, 20, 3]
    assert cells(table, "a") == ["P", "q", "R"]
    with pytest.raises(ValueError, match="no column 'c'"):
        table.patch({"c": [("x", 1)]})
    with pytest.raises(ValueError, match="names no single row"):
        table.patch({"a": [(5, "s")]}, as_index=False)


def test_stream_checks_its_columns_and_rollover_keeps_the_last_rows():
    table = Tabulator(frame(10))
    with pytest.raises(ValueError, match="needs the columns"):
        table.stream({"x": [1]})
    table.stream(frame(6), rollover=8)
    assert len(table.value) == 8 and table.value.index[-1] == 15


def test_a_new_value_replaces_the_rows_and_keeps_valid_sorters_and_selection():
    table = Tabulator(frame(), selection=[1, 40], sorters=[{"field": "id", "dir": "desc"}])
    table.value = frame(20)
    assert table.selection == [1] and table.data["total"] == 20
    assert positions(table)[0] == 19
    table.value = pd.DataFrame({"other": [1, 2]})
    assert table.sorters == [] and positions(table) == [0, 1]


def test_the_patches_of_stream_patch_and_edit_hold_only_the_changed_rows():
    from docsync.core.document import Document

    table = Tabulator(frame(100), pagination="local")
    doc = Document([table])
    doc.snapshot(1)
    table.stream(frame(2))
    ops = doc.take_ops(2)
    assert [(o["op"], o["path"].split("/props/")[1]) for o in ops if "rows" in o["path"]] == [
        ("add", "data/rows/100"), ("add", "data/rows/101")]
    table.patch({"name": [(5, "x")]})
    [op] = doc.take_ops(3)
    # Only the changed cell, below row 5 (the page redraws a row whose array was copied).
    assert op["path"].endswith("/props/data/rows/5/4") and op["value"] == "x"
