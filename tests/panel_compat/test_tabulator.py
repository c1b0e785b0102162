"""Panel's Tabulator (reference: widgets/Tabulator), served by a real ``docsync serve`` and
driven over a real WebSocket: an edit reaches on_edit with Panel's event fields; a wrong
type and a selection out of range are refused with the usual error and the page restored;
1,000,000 rows cost a page, sorted on the server."""

from __future__ import annotations

import json

import pytest

from docsync.testing import ClientProtocol
from tests.panel_compat.support import Opener, app_fixtures, models_of
from tests.server.support import wait_until

APPS = ["tabulator_edit", "tabulator_large"]


urls, open_ = app_fixtures(APPS, "tabulator")


def table_of(doc: ClientProtocol) -> tuple[str, dict]:
    [(tid, props)] = models_of(doc, "Tabulator")
    return tid, props


def column(props: dict, name: str) -> int:
    """The place of column ``name`` in a sent row (after the row's position)."""
    return 1 + [f["name"] for f in props["fields"]].index(name)


def markdown(doc: ClientProtocol) -> str:
    [(_, props)] = models_of(doc, "Markdown")
    return props["object"]


async def test_an_edit_runs_on_edit_with_panels_fields(open_: Opener) -> None:
    client, doc = await open_("tabulator_edit")
    tid, props = table_of(doc)
    assert props["name"] == "Editable" and props["data"]["total"] == 3
    assert [f["name"] for f in props["fields"]] == ["index", "int", "float", "str", "bool",
                                                    "date"]
    await client.event(tid, "edit", {"row": 1, "column": "str", "value": "D"})
    await wait_until(lambda: "row 1" in markdown(doc))
    assert markdown(doc) == "**str** of row 1: 'B' → 'D'"
    props = doc.doc["models"][tid]["props"]
    assert props["data"]["rows"][1][column(props, "str")] == "D"
    await client.event(tid, "edit", {"row": 0, "column": "float", "value": 1.5})
    await wait_until(lambda: "row 0" in markdown(doc))
    assert markdown(doc) == "**float** of row 0: 3.14 → 1.5"


@pytest.mark.parametrize(("data", "message"), [
    ({"row": 0, "column": "int", "value": "three"}, "'three' is not a whole number"),
    ({"row": 0, "column": "float", "value": 11}, "takes values up to 10"),
    ({"row": 0, "column": "str", "value": "E"}, "takes one of 'A', 'B', 'C', 'D'"),
    ({"row": 3, "column": "int", "value": 1}, "row 3 is out of range"),
])
async def test_a_wrong_edit_is_refused_and_the_session_goes_on(open_: Opener, data: dict,
                                                               message: str) -> None:
    client, doc = await open_("tabulator_edit")
    tid, props = table_of(doc)
    before = json.dumps(props["data"])
    await client.event(tid, "edit", data)
    await wait_until(lambda: doc.errors)
    [error] = doc.errors
    assert error["code"] == "invalid" and message in error["message"], error
    assert json.dumps(doc.doc["models"][tid]["props"]["data"]) == before
    await client.event(tid, "edit", {"row": 2, "column": "int", "value": 30})
    await wait_until(lambda: "row 2" in markdown(doc))


async def test_a_million_rows_cost_a_page_and_sort_on_the_server(open_: Opener) -> None:
    client, doc = await open_("tabulator_large")
    tid, props = table_of(doc)
    assert props["pagination"] == "remote" and len(props["data"]["rows"]) == 10
    assert props["data"]["total"] == 1_000_000 and props["data"]["pages"] == 100_000
    assert len(json.dumps(doc.doc)) < 20_000  # one page, not the frame
    await client.set(tid, "sorters", [{"field": "A", "dir": "desc"}])
    await wait_until(lambda: doc.doc["models"][tid]["props"]["data"]["rows"][0][0] != 0)
    rows = doc.doc["models"][tid]["props"]["data"]["rows"]
    values = [row[column(props, "A")] for row in rows]
    assert values == sorted(values, reverse=True) and values[0] > 0.9999
    await client.set(tid, "page", 100_000)
    await wait_until(lambda: doc.doc["models"][tid]["props"]["data"]["page"] == 100_000)
    last = [row[column(props, "A")] for row in doc.doc["models"][tid]["props"]["data"]["rows"]]
    assert last == sorted(last, reverse=True) and last[-1] < 0.0001


async def test_selection_is_shown_and_a_bad_one_is_refused(open_: Opener) -> None:
    client, doc = await open_("tabulator_large")
    tid, _ = table_of(doc)

    def shown() -> str:
        return markdown(doc)

    assert shown() == "Selected rows: [0]"
    await client.set(tid, "selection", [5, 999_999])
    await wait_until(lambda: shown() == "Selected rows: [5, 999999]")
    await client.set(tid, "selection", [1_000_000])
    await wait_until(lambda: doc.errors)
    assert "row 1000000 is out of range" in doc.errors[0]["message"]
    await wait_until(lambda: doc.doc["models"][tid]["props"]["selection"] == [5, 999_999])
    assert shown() == "Selected rows: [5, 999999]"

