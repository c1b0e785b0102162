"""The browser client against a scripted server (Playwright answers its WebSocket): the
`notify` command, the `Location` model, the hello's args and location, and the ack of a
snapshot. A scripted server says exactly what arrives, and in what order."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.async_api import BrowserContext, Route, WebSocketRoute, expect

from tests.browser.conftest import REPO, screenshot, wait_state
from tests.server.support import wait_until

pytestmark = pytest.mark.browser

ORIGIN = "http://docsync.test"
STATIC = REPO / "docsync" / "static"
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mock</title>
<link rel="stylesheet" href="/_docsync/static/docsync.css"></head>
<body><div id="docsync-root"></div>
<script type="application/json" id="docsync-bootstrap">
{"protocol": 1, "app": "mock", "token": "mock-token", "ws": "mock/ws"}
</script>
<script src="/_docsync/static/docsync.js"></script></body></html>
"""
DOC = {
    "title": "Mock",
    "roots": ["m1", "loc"],  # PROTOCOL.md §3: the Location root comes after the visual ones
    "models": {
        "m1": {"type": "Column", "props": {"children": [{"ref": "m2"}]}},
        "m2": {"type": "Markdown", "props": {"object": "first", "html": "<p>first</p>"}},
        "loc": {"type": "Location",
                "props": {"pathname": "/mock", "search": "?a=1&a=2", "hash": ""}},
    },
}


class ScriptedServer:
    """Answers the page's hello with a welcome, the snapshot of ``DOC`` and, at once, a
    patch; records what the page sends; ``send`` adds further server messages."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.ws: WebSocketRoute | None = None
        self.seq = 0

    async def attach(self, context: BrowserContext) -> None:
        async def page(route: Route) -> None:
            await route.fulfill(body=PAGE, content_type="text/html")

        async def static(route: Route) -> None:
            name = route.request.url.rsplit("/", 1)[-1]
            await route.fulfill(path=STATIC / name)

        await context.route(f"{ORIGIN}/mock*", page)
        await context.route(f"{ORIGIN}/_docsync/static/*", static)
        await context.route_web_socket(f"{ORIGIN.replace('http', 'ws')}/mock/ws", self._route)

    def _route(self, ws: WebSocketRoute) -> None:
        self.ws = ws
        ws.on_message(self._on_message)

    def _on_message(self, text: str | bytes) -> None:
        message = json.loads(text)
        self.received.append(message)
        if message["type"] == "hello":
            assert self.ws is not None
            self.ws.send(json.dumps({"type": "welcome", "session_id": "mock", "resumed": False,
                                     "cseq": 0}))
            self.send({"type": "snapshot", "doc": DOC})
            self.send({"type": "patch", "ops": [
                {"op": "replace", "path": "/models/m2/props/html", "value": "<p>second</p>"}]})

    def send(self, message: dict[str, Any]) -> None:
        assert self.ws is not None
        self.seq += 1
        self.ws.send(json.dumps({**message, "seq": self.seq}))

    def set_prop(self, model: str, prop: str, value: Any) -> None:
        self.send({"type": "patch", "ops": [
            {"op": "replace", "path": f"/models/{model}/props/{prop}", "value": value}]})

    def of_type(self, type_: str) -> list[dict[str, Any]]:
        return [m for m in self.received if m["type"] == type_]

    def location_ops(self) -> list[tuple[str, Any]]:
        """``(prop, value)`` of every Location op the page sent, in order."""
        return [(op["path"].rsplit("/", 1)[-1], op["value"])
                for m in self.of_type("patch") for op in m["ops"]
                if op["path"].startswith("/models/loc/")]


@pytest.fixture
async def scripted(new_tab):
    server = ScriptedServer()
    tab = await new_tab()
    await server.attach(tab.context)
    await tab.page.goto(f"{ORIGIN}/mock?a=1&a=2")
    await wait_state(tab.page, "open")
    await expect(tab.page.locator(".docsync-markdown")).to_have_text("second")
    return server, tab.page


async def test_hello_carries_args_and_location_and_the_snapshot_is_acked_at_once(
        scripted) -> None:
    server, _ = scripted
    hello = server.received[0]
    assert hello["args"] == {"a": ["1", "2"]}
    assert hello["location"] == {"pathname": "/mock", "search": "?a=1&a=2", "hash": "",
                                 "href": f"{ORIGIN}/mock?a=1&a=2"}
    # The patch arrived right behind the snapshot. Acking only every 50 messages or 1 s
    # would cover both with one ack {seq: 2}; the snapshot's own ack proves it was at once.
    await wait_until(lambda: server.of_type("ack"), what="an ack")
    assert server.of_type("ack")[0] == {"type": "ack", "seq": 1}
    assert [m["type"] for m in server.received[:2]] == ["hello", "ack"]


async def test_notify_shows_accessible_toasts(scripted) -> None:
    server, page = scripted
    messages = {"info": "New data is available.", "success": "Saved to disk.",
                "warning": "The disk is almost full.", "error": "Could not save the file."}
    for level, message in messages.items():
        server.send({"type": "command", "name": "notify",
                     "data": {"level": level, "message": message, "duration": 0}})
    toasts = page.locator(".docsync-toast")
    await expect(toasts).to_have_count(4)
    # Info and success are polite status messages; warnings and errors are alerts.
    for level, role in (("info", "status"), ("success", "status"), ("warning", "alert"),
                        ("error", "alert")):
        toast = page.get_by_role(role).filter(has_text=messages[level])
        await expect(toast).to_have_class(f"docsync-toast docsync-toast-{level}")
    await screenshot(page, "notify-toasts")

    info = page.get_by_role("status").filter(has_text=messages["info"])
    await info.get_by_role("button", name="Dismiss").click()
    await expect(info).to_have_count(0)
    await expect(toasts).to_have_count(3)

    # duration (ms) > 0: the toast goes by itself.
    server.send({"type": "command", "name": "notify",
                 "data": {"level": "success", "message": "Exported.", "duration": 200}})
    exported = page.get_by_role("status").filter(has_text="Exported.")
    await expect(exported).to_be_visible()
    await expect(exported).to_have_count(0)


async def test_location_follows_the_server_and_reports_navigation(scripted) -> None:
    server, page = scripted
    loc = page.locator(".docsync-location")
    await expect(loc).to_be_attached()
    await expect(loc).to_be_hidden()  # takes no room in the layout
    await page.evaluate("window.__sameDocument = true")

    server.set_prop("loc", "search", "?page=2")
    await expect(page).to_have_url(f"{ORIGIN}/mock?page=2")
    server.set_prop("loc", "hash", "#results")
    await expect(page).to_have_url(f"{ORIGIN}/mock?page=2#results")
    server.set_prop("loc", "pathname", "/mock/list")
    await expect(page).to_have_url(f"{ORIGIN}/mock/list?page=2#results")
    assert await page.evaluate("window.__sameDocument === true"), "the page reloaded"

    # The user navigates: a hash link, then back/forward (popstate).
    await page.evaluate("location.hash = '#mine'")
    await wait_until(lambda: server.location_ops(), what="a Location patch")
    await page.evaluate("""() => {
        history.pushState(null, "", "/mock/deeper?q=1");
        history.pushState(null, "", "/mock/deepest");
        history.back();
    }""")
    await expect(page).to_have_url(f"{ORIGIN}/mock/deeper?q=1")
    await wait_until(lambda: len(server.location_ops()) >= 4, what="the popstate patch")
    # Only what the user did came back: the server's own changes were not echoed.
    assert server.location_ops() == [
        ("hash", "#mine"), ("pathname", "/mock/deeper"), ("search", "?q=1"), ("hash", "")]
    server.set_prop("loc", "hash", "")  # clearing the hash leaves no bare "#"
    server.set_prop("loc", "search", "")
    await expect(page).to_have_url(f"{ORIGIN}/mock/deeper")
    assert await page.evaluate("window.__sameDocument === true"), "the page reloaded"
