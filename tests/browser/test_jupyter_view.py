"""The notebook bundle (docsync/static/notebook.js) in Chromium against a scripted kernel:
the test plays the kernel's side of the widget's comm, so it says exactly what arrives and
sees exactly what the view sends (tests/browser/test_jupyter.py runs it in JupyterLab)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.async_api import BrowserContext, Page, Route, expect

from tests.browser.conftest import REPO, screenshot

pytestmark = pytest.mark.browser

ORIGIN = "http://docsync.test"
BUNDLE = REPO / "docsync" / "static" / "notebook.js"
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>notebook</title>
<style>body { font-family: serif; margin: 7px; }</style></head>
<body><div id="out"></div>
<script type="application/json" id="state">%s</script>
<script type="module">
import widget from "/notebook.js";
const handlers = new Map();
window.sent = [];
const state = JSON.parse(document.getElementById("state").textContent);
const model = {
  get: (key) => state[key],
  on: (name, fn) => (handlers.get(name) ?? handlers.set(name, new Set()).get(name)).add(fn),
  off: (name, fn) => handlers.get(name)?.delete(fn),
  send: (content) => window.sent.push(JSON.parse(JSON.stringify(content))),
};
window.kernel = (content) => handlers.get("msg:custom")?.forEach((fn) => fn(content));
window.kernelGone = () => handlers.get("comm_live_update")?.forEach((fn) => fn());
window.cleanup = widget.render({ model, el: document.getElementById("out") });
</script></body></html>
"""
DOC = {
    "title": "",
    "roots": ["m1"],
    "models": {
        "m1": {"type": "Column", "props": {"children": [{"ref": "m2"}, {"ref": "m3"}]}},
        "m2": {"type": "IntSlider", "props": {"name": "x", "start": 0, "end": 10, "step": 1,
                                              "value": 3}},
        "m3": {"type": "Markdown", "props": {"object": "x is 3", "html": "<p>x is 3</p>"}},
    },
}
SNAPSHOT = '<div class="docsync-static"><p>x was 3 when shown</p></div>'


class ScriptedKernel:
    """The kernel's side of one widget, played by the test through the page."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.read = 0

    async def sent(self) -> list[dict[str, Any]]:
        sent: list[dict[str, Any]] = await self.page.evaluate("window.sent")
        return sent

    async def next(self, what: str) -> dict[str, Any]:
        """The next custom message the view sent (a frame comes parsed, with its conn)."""
        found: list[dict[str, Any]] = []
        for _ in range(250):  # 5 s at most
            found = (await self.sent())[self.read:]
            if found:
                break
            await self.page.wait_for_timeout(20)
        assert found, f"the view sent no {what}"
        self.read += 1
        message = found[0]
        if "frame" in message:
            return {"conn": message["conn"], **json.loads(message["frame"])}
        return message

    async def send(self, content: dict[str, Any]) -> None:
        await self.page.evaluate("content => window.kernel(content)", content)

    async def frame(self, conn: str, message: dict[str, Any]) -> None:
        await self.send({"conn": conn, "frame": json.dumps(message)})

    async def welcome(self, conn: str, *, session: str = "s1") -> None:
        await self.frame(conn, {"type": "welcome", "session_id": session, "resumed": False,
                                "cseq": 0})
        await self.frame(conn, {"type": "snapshot", "seq": 1, "doc": DOC})


async def open_view(context: BrowserContext, page: Page,
                    state: dict[str, Any]) -> ScriptedKernel:
    async def serve(route: Route) -> None:
        path = route.request.url.removeprefix(ORIGIN)
        if path == "/notebook.js":
            await route.fulfill(body=BUNDLE.read_bytes(), content_type="text/javascript")
        else:
            await route.fulfill(body=PAGE % json.dumps(state), content_type="text/html")

    await context.route(f"{ORIGIN}/**", serve)
    await page.goto(f"{ORIGIN}/")
    return ScriptedKernel(page)


async def test_a_view_over_a_scripted_comm(new_tab) -> None:
    tab = await new_tab()
    kernel = await open_view(tab.context, tab.page, {"token": "t1", "snapshot": SNAPSHOT})
    page = tab.page
    hello = await kernel.next("hello")
    assert hello["type"] == "hello" and hello["token"] == "t1" and hello["last_seq"] is None
    assert hello["args"] == {} and hello["location"] == {}  # an output has no URL of its own
    await kernel.welcome(hello["conn"])
    view = page.locator(".docsync-notebook")
    await expect(view).to_have_attribute("data-docsync-state", "open")
    assert await kernel.next("ack") == {"conn": hello["conn"], "type": "ack", "seq": 1}

    # docsync.css applies inside the output only: the page's own body is left alone.
    font = await page.evaluate("getComputedStyle(document.body).fontFamily")
    assert font == "serif"
    assert await page.evaluate("getComputedStyle(document.body).margin") == "7px"
    color = await view.evaluate("el => getComputedStyle(el).getPropertyValue('--docsync-fg')")
    assert color.strip()

    slider = view.get_by_role("slider", name="x")
    await slider.focus()
    await slider.press("ArrowRight")
    patch = await kernel.next("patch")
    assert patch["type"] == "patch" and patch["cseq"] == 1
    assert patch["ops"] == [{"op": "replace", "path": "/models/m2/props/value", "value": 4}]
    await kernel.frame(hello["conn"], {"type": "patch", "seq": 2, "cseq": 1, "ops": [
        {"op": "replace", "path": "/models/m3/props/html", "value": "<p>x is 4</p>"}]})
    await expect(view.locator(".docsync-markdown")).to_have_text("x is 4")
    await kernel.frame(hello["conn"], {"type": "command", "seq": 3, "name": "notify",
                                       "data": {"level": "info", "message": "Counted"}})
    await expect(page.locator(".docsync-toast-info .docsync-toast-text")).to_have_text("Counted")

    # The kernel restarts: its comms die with it.
    await page.evaluate("window.kernelGone()")
    await expect(view).to_have_attribute("data-docsync-state", "expired")
    await expect(page.locator(".docsync-banner")).to_contain_text("the kernel restarted")
    assert await view.evaluate("el => el.inert") is True
    await screenshot(page, "notebook-view-disconnected")

    # The output is removed: its connection closes (its session then expires).
    await page.evaluate("window.cleanup()")
    await expect(page.locator(".docsync-notebook-output")).to_have_count(0)


async def test_a_view_whose_session_is_gone_starts_a_fresh_one(new_tab) -> None:
    tab = await new_tab()
    kernel = await open_view(tab.context, tab.page, {"token": "old", "snapshot": SNAPSHOT})
    hello = await kernel.next("hello")
    assert hello["token"] == "old"
    await kernel.send({"conn": hello["conn"], "close": 4404, "reason": "session expired"})
    request = await kernel.next("token request")
    assert request["token"] is None and request["conn"] != hello["conn"]
    await kernel.send({"conn": request["conn"], "token": "fresh"})
    again = await kernel.next("hello with the fresh token")
    assert again["token"] == "fresh" and again["last_seq"] is None
    assert again["conn"] not in (hello["conn"], request["conn"])
    await kernel.welcome(again["conn"], session="s2")
    await expect(tab.page.locator(".docsync-notebook")).to_have_attribute(
        "data-docsync-state", "open")
    await expect(tab.page.get_by_role("slider", name="x")).to_have_value("3")


async def test_without_a_kernel_the_snapshot_shows(new_tab) -> None:
    tab = await new_tab()
    kernel = await open_view(tab.context, tab.page, {"token": "t1", "snapshot": SNAPSHOT})
    hello = await kernel.next("hello")
    view = tab.page.locator(".docsync-notebook")
    await expect(view.locator(".docsync-static")).to_have_text("x was 3 when shown")
    await screenshot(tab.page, "notebook-view-snapshot")
    # A kernel that answers late still takes over from the snapshot.
    await kernel.welcome(hello["conn"])
    await expect(view.locator(".docsync-static")).to_have_count(0)
    await expect(view.get_by_role("slider", name="x")).to_have_value("3")


VEGA_BUNDLE = REPO / "docsync" / "static" / "vega.js"
BARS = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "mark": "bar",
        "data": {"values": [{"a": "x", "b": 2}, {"a": "y", "b": 3}, {"a": "z", "b": 1}]},
        "encoding": {"x": {"field": "a", "type": "nominal"},
                     "y": {"field": "b", "type": "quantitative"}}}
CHARTS = {
    "title": "",
    "roots": ["c1"],
    "models": {
        "c1": {"type": "Column", "props": {"children": [{"ref": "c2"}, {"ref": "c3"}]}},
        "c2": {"type": "Vega", "props": {"spec": BARS, "css_classes": ["first"]}},
        "c3": {"type": "Vega", "props": {"spec": {**BARS, "mark": "point"},
                                         "css_classes": ["second"]}},
    },
}


async def charts_view(new_tab) -> tuple[Page, ScriptedKernel, list[str]]:
    """A view whose document holds two Vega panes, its page's requests recorded."""
    tab = await new_tab()
    requests: list[str] = []
    tab.page.on("request", lambda request: requests.append(request.url))
    kernel = await open_view(tab.context, tab.page, {"token": "t1", "snapshot": SNAPSHOT})
    hello = await kernel.next("hello")
    await kernel.frame(hello["conn"], {"type": "welcome", "session_id": "s1",
                                       "resumed": False, "cseq": 0})
    await kernel.frame(hello["conn"], {"type": "snapshot", "seq": 1, "doc": CHARTS})
    assert (await kernel.next("ack"))["type"] == "ack"
    return tab.page, kernel, requests


async def test_vega_panes_draw_with_the_bundle_the_kernel_sends(new_tab) -> None:
    page, kernel, requests = await charts_view(new_tab)
    # Two panes, one request: the first pane asks, the other waits for the same load.
    request = await kernel.next("asset request")
    assert request["asset"] == "vega.js" and set(request) == {"conn", "asset"}
    assert request["conn"] != "s1"
    await kernel.send({"conn": request["conn"], "asset": "vega.js",
                       "text": VEGA_BUNDLE.read_text(encoding="utf-8")})
    view = page.locator(".docsync-notebook")
    await expect(view.locator(".first svg.marks")).to_be_visible()
    await expect(view.locator(".first .mark-rect path")).to_have_count(3)
    await expect(view.locator(".second svg.marks")).to_be_visible()
    await expect(view.locator(".second .mark-symbol path")).to_have_count(3)
    assert len(await kernel.sent()) == kernel.read, "one asset request only"
    assert await page.locator("script[data-docsync-vega]").count() == 1
    assert not any("vega" in url for url in requests), requests  # no server URL tried
    await screenshot(page, "notebook-view-vega")


async def test_a_kernel_without_the_bundle_says_the_chart_cannot_be_drawn(new_tab) -> None:
    page, kernel, _ = await charts_view(new_tab)
    request = await kernel.next("asset request")
    await kernel.send({"conn": request["conn"], "asset": "vega.js", "text": None})
    errors = page.locator(".docsync-vega-error")
    await expect(errors).to_have_count(2)
    await expect(errors.first).to_have_text(
        "Cannot draw this chart: the kernel does not give out vega.js")
    assert await page.locator("script[data-docsync-vega]").count() == 0


TABULATOR_BUNDLE = REPO / "docsync" / "static" / "tabulator.js"


def table_doc() -> dict[str, Any]:
    """A document holding one Tabulator, its props as the server sends them."""
    import pandas as pd

    from docsync.core.model import props_json
    from docsync.table import Tabulator

    table = Tabulator(pd.DataFrame({"fruit": ["apple", "fig"], "count": [3, 2]}),
                      name="Fruit")
    return {"title": "", "roots": ["t1"],
            "models": {"t1": {"type": "Tabulator", "props": props_json(table, str)}}}


async def test_a_table_draws_with_the_bundle_the_kernel_sends_and_edits(new_tab) -> None:
    tab = await new_tab()
    requests: list[str] = []
    tab.page.on("request", lambda request: requests.append(request.url))
    kernel = await open_view(tab.context, tab.page, {"token": "t1", "snapshot": SNAPSHOT})
    hello = await kernel.next("hello")
    await kernel.frame(hello["conn"], {"type": "welcome", "session_id": "s1",
                                       "resumed": False, "cseq": 0})
    await kernel.frame(hello["conn"], {"type": "snapshot", "seq": 1, "doc": table_doc()})
    assert (await kernel.next("ack"))["type"] == "ack"
    request = await kernel.next("asset request")
    assert request["asset"] == "tabulator.js"
    await kernel.send({"conn": request["conn"], "asset": "tabulator.js",
                       "text": TABULATOR_BUNDLE.read_text(encoding="utf-8")})
    grid = tab.page.get_by_role("grid", name="Fruit")
    await expect(grid.locator(".tabulator-row")).to_have_count(2)
    count = grid.locator(".tabulator-row").nth(1).locator('[tabulator-field="c2"]')
    await count.focus()
    await count.locator("input").fill("9")
    await count.locator("input").press("Enter")
    event = await kernel.next("edit event")
    assert (event["type"], event["name"], event["data"]) == (
        "event", "edit", {"row": 1, "column": "count", "value": 9})
    assert not any("tabulator" in url for url in requests), requests  # no server URL tried
    await screenshot(tab.page, "notebook-view-tabulator")


async def test_a_bokeh_pane_draws_with_the_bokehjs_the_kernel_sends(new_tab) -> None:
    from bokeh.plotting import figure

    from docsync.core.model import props_json
    from docsync.notebook.assets import read_asset
    from docsync.pane import Bokeh

    plot = figure(title="Kernel plot", width=300, height=200)
    plot.line([1, 2, 3], [3, 1, 2])
    props = props_json(Bokeh(plot), lambda model: model.name)
    tab = await new_tab()
    requests: list[str] = []
    tab.page.on("request", lambda request: requests.append(request.url))
    kernel = await open_view(tab.context, tab.page, {"token": "t1", "snapshot": SNAPSHOT})
    hello = await kernel.next("hello")
    await kernel.frame(hello["conn"], {"type": "welcome", "session_id": "s1",
                                       "resumed": False, "cseq": 0})
    await kernel.frame(hello["conn"], {"type": "snapshot", "seq": 1, "doc": {
        "title": "", "roots": ["b1"], "models": {"b1": {"type": "Bokeh", "props": props}}}})
    assert (await kernel.next("ack"))["type"] == "ack"

    request = await kernel.next("asset request")
    assert request["asset"] == f"bokeh/{props['item']['version']}/bokeh.min.js"
    await kernel.send({"conn": request["conn"], "asset": request["asset"],
                       "text": read_asset(request["asset"])})
    view = tab.page.locator(".docsync-notebook")
    await expect(view.get_by_role("figure", name="Kernel plot").locator("canvas").first
                 ).to_be_visible()
    assert not any("bokeh" in url for url in requests), requests  # no server URL tried
    await screenshot(tab.page, "notebook-view-bokeh")
