"""Panel's Plotly pane as a Panel user writes it (``tests/panel_compat/apps/plotly_*.py``),
served by a real ``docsync serve`` and driven over real WebSockets."""

from __future__ import annotations

import copy
import json

from docsync.testing import ClientProtocol
from tests.panel_compat.support import Opener, app_fixtures, models_of
from tests.server.support import texts

NAMES = ["plotly_slider", "plotly_click"]


urls, open_ = app_fixtures(NAMES, "plotly")


def text_with(doc: ClientProtocol, words: str) -> bool:
    return any(words in t for t in texts(doc))


def figure_ops(doc: ClientProtocol, plot: str) -> list[dict]:
    """The ops of every patch received that touch the figure of model ``plot``."""
    prefix = f"/models/{plot}/props/figure"
    return [op for m in doc.received if m["type"] == "patch" for op in m["ops"]
            if op["path"].startswith(prefix)]


async def test_a_slider_changes_one_trace_and_only_that_trace_is_sent(open_: Opener):
    client, doc = await open_("plotly_slider")
    [(slider, _)] = models_of(doc, "FloatSlider")
    [(plot, props)] = models_of(doc, "Plotly")
    figure = props["figure"]
    assert [t["name"] for t in figure["data"]] == ["wave", "reference"]
    assert figure["layout"]["title"] == {"text": "A wave and its reference"}
    # Copies: the client's document is patched in place.
    reference = copy.deepcopy(figure["data"][1])
    before = copy.deepcopy(figure["data"][0]["y"])

    await client.set(slider, "value", 2.0)
    await client.wait_for(lambda d: d.prop(plot, "figure")["data"][0]["y"] != before)
    ops = figure_ops(doc, plot)
    assert ops and all(op["path"].startswith(f"/models/{plot}/props/figure/data/0/")
                       for op in ops), ops
    assert doc.prop(plot, "figure")["data"][1] == reference
    # What was sent is a small part of the figure.
    assert len(json.dumps(ops)) < len(json.dumps(doc.prop(plot, "figure"))) / 2


async def test_click_data_drives_a_markdown_and_bad_relayout_data_is_refused(open_: Opener):
    client, doc = await open_("plotly_click")
    [(chart, props)] = models_of(doc, "Plotly")
    assert props["click_data"] is None and props["height"] == 360
    assert text_with(doc, "Click a bar.")

    click = {"points": [{"curveNumber": 0, "pointNumber": 1, "pointIndex": 1,
                         "x": "Pears", "y": 7}]}
    await client.set(chart, "click_data", click)
    await client.wait_for(lambda d: text_with(d, "**Pears**: 7 sold."))

    # A relayout that is not an object: refused, the page put back, the session goes on.
    await client.set(chart, "relayout_data", ["xaxis.range", 1])
    await client.wait_for(lambda d: any(e["code"] == "invalid" and "relayout_data" in
                                        e["message"] for e in d.errors))
    await client.wait_for(lambda d: d.prop(chart, "relayout_data") is None)
    await client.set(chart, "click_data", {"points": "all"})
    await client.wait_for(lambda d: len(d.errors) == 2)
    await client.wait_for(lambda d: d.prop(chart, "click_data") == click)

    await client.set(chart, "relayout_data", {"xaxis.range[0]": 0.5, "xaxis.range[1]": 1.5})
    await client.wait_for(lambda d: text_with(d, "Last zoom: {'xaxis.range[0]': 0.5"))
    assert text_with(doc, "**Pears**: 7 sold.")
