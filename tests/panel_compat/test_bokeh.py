"""Panel's Bokeh pane and hvPlot/HoloViews objects as a Panel user writes them
(``tests/panel_compat/apps/bokeh_*.py``), served by a real ``docsync serve`` and driven over
real WebSockets: the page receives Bokeh's own JSON item, and a new one when the app
replaces the figure or signals a change with ``param.trigger('object')``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import bokeh

from docsync.testing import ClientProtocol
from tests.panel_compat.support import Opener, app_fixtures, models_of

NAMES = ["bokeh_replace", "bokeh_hvplot"]


urls, open_ = app_fixtures(NAMES, "bokeh")


def root_of(item: dict[str, Any]) -> dict[str, Any]:
    [root] = [r for r in item["doc"]["roots"] if r["id"] == item["root_id"]]
    return root


def title_of(item: dict[str, Any]) -> str:
    return root_of(item)["attributes"]["title"]["attributes"]["text"]


def models(node: Any) -> Iterator[dict[str, Any]]:
    """Every serialized Bokeh model in ``node`` (an item's ``doc``)."""
    if isinstance(node, dict):
        if node.get("type") == "object" and "name" in node:
            yield node
        for value in node.values():
            yield from models(value)
    elif isinstance(node, list):
        for value in node:
            yield from models(value)


def counts_in(item: dict[str, Any]) -> list[int]:
    [source] = [m for m in models(item["doc"]) if m["name"] == "ColumnDataSource"]
    return source["attributes"]["data"]["entries"][1][1]


async def test_a_figure_is_replaced_when_the_slider_moves(open_: Opener):
    client, doc = await open_("bokeh_replace")
    [(wave, first), (_, bars)] = models_of(doc, "Bokeh")
    assert first["item"]["version"] == bokeh.__version__
    assert first["files"] == ["bokeh.min.js"]
    assert title_of(first["item"]) == "Sine at 1 Hz" and first["title"] == "Sine at 1 Hz"
    tools = {m["name"] for m in models(first["item"]["doc"])}
    assert {"PanTool", "WheelZoomTool", "BoxZoomTool", "HoverTool"} <= tools
    assert first["dark"][first["item"]["root_id"]]["background_fill_color"]  # dark theme
    assert "object" not in first and first["error"] is None
    assert bars["alt_text"] == "Fruit counts"
    first_root = first["item"]["root_id"]  # the client patches `first` in place

    [(slider, _)] = models_of(doc, "IntSlider")
    await client.set(slider, "value", 3)
    await client.wait_for(lambda d: title_of(d.prop(wave, "item")) == "Sine at 3 Hz")
    assert doc.prop(wave, "item")["root_id"] != first_root  # a new figure


async def test_a_figure_changed_in_place_is_sent_again_on_trigger(open_: Opener):
    client, doc = await open_("bokeh_replace")
    [_, (counts, bars)] = models_of(doc, "Bokeh")
    assert counts_in(bars["item"]) == [3, 5, 2]
    root = bars["item"]["root_id"]
    [(button, _)] = models_of(doc, "Button")
    await client.click(button)
    await client.wait_for(lambda d: counts_in(d.prop(counts, "item")) == [3, 6, 2])
    assert doc.prop(counts, "item")["root_id"] == root  # the same figure


def curve_titles(doc: ClientProtocol) -> list[str]:
    return [title_of(props["item"]) for _, props in models_of(doc, "HoloViews")]


async def test_hvplot_of_a_dataframe_and_a_bound_holoviews_element(open_: Opener):
    client, doc = await open_("bokeh_hvplot")
    assert curve_titles(doc) == ["Visits per day", "First 7 days"]
    [(_, hvplot), _] = models_of(doc, "HoloViews")
    names = {m["name"] for m in models(hvplot["item"]["doc"])}
    assert {"Figure", "Line", "ColumnDataSource", "HoverTool"} <= names

    [(slider, _)] = models_of(doc, "IntSlider")
    await client.set(slider, "value", 3)
    await client.wait_for(lambda d: curve_titles(d) == ["Visits per day", "First 3 days"])
