"""The hello example in a real browser, used the way a keyboard and screen-reader user would."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.browser.conftest import HELLO, Wire, open_page, screenshot, wait_state
from tests.server.support import wait_until

pytestmark = pytest.mark.browser


async def test_hello_slider_by_role_and_keyboard(serve, new_tab) -> None:
    _, url = await serve(HELLO)
    tab = await new_tab()
    wire = Wire()
    await wire.attach(tab.context)
    page = await open_page(tab, url)

    await expect(page).to_have_title("Hello")
    await expect(page.get_by_role("heading", name="Hello, docsync")).to_be_visible()
    slider = page.get_by_role("slider", name="x")
    await expect(slider).to_have_value("3")
    result = page.locator(".docsync-paramfunction")
    await expect(result).to_have_text("3 squared is 9")

    # PROTOCOL.md §6: the snapshot is acknowledged as soon as it is shown (onload hooks).
    assert [m["type"] for m in wire.sent[:2]] == ["hello", "ack"], wire.sent
    assert wire.sent[1]["seq"] == wire.sent_of("ack")[0]["seq"] >= 1

    await slider.focus()
    await slider.press("ArrowRight")
    await slider.press("ArrowRight")
    await expect(slider).to_have_value("5")
    await expect(result).to_have_text("5 squared is 25")
    await slider.press("End")
    await expect(result).to_have_text("10 squared is 100")
    await slider.press("ArrowLeft")
    await expect(result).to_have_text("9 squared is 81")
    await expect(page.locator(".docsync-readout")).to_have_text("9")
    await expect(slider).to_be_focused()
    await screenshot(page, "hello")


async def test_hello_sends_query_args_and_location(serve, new_tab) -> None:
    _, url = await serve(HELLO)
    tab = await new_tab()
    wire = Wire()
    await wire.attach(tab.context)
    await tab.page.goto(f"{url}?a=1&b=two&a=3#part")
    await wait_state(tab.page, "open")

    hello = wire.sent[0]
    assert hello["type"] == "hello"
    assert hello["args"] == {"a": ["1", "3"], "b": ["two"]}
    assert hello["location"] == {"pathname": "/hello", "search": "?a=1&b=two&a=3",
                                 "hash": "#part", "href": f"{url}?a=1&b=two&a=3#part"}


async def test_location_root_shows_nothing_and_accepts_navigation(serve, new_tab) -> None:
    """The server adds a Location root after the visual ones; the page shows nothing for it
    and the server accepts the hash the user navigates to."""
    _, url = await serve(HELLO)
    tab = await new_tab()
    wire = Wire()
    await wire.attach(tab.context)
    page = await open_page(tab, f"{url}?q=1")

    roots = page.locator("#docsync-root > *")
    await expect(roots).to_have_count(2)
    await expect(roots.nth(0)).to_be_visible()
    await expect(roots.nth(1)).to_have_class("docsync-model docsync-location")
    await expect(roots.nth(1)).to_be_hidden()
    location_id = await roots.nth(1).get_attribute("data-docsync-id")
    snapshot = wire.received_of("snapshot")[0]["doc"]["models"][location_id]
    assert snapshot["props"] == {**snapshot["props"], "pathname": "/hello", "search": "?q=1",
                                 "hash": ""}

    await page.evaluate("location.hash = '#details'")
    patch = await wait_until(lambda: wire.sent_of("patch"), what="the hash patch")
    assert patch[0]["ops"] == [{"op": "replace", "value": "#details",
                                "path": f"/models/{location_id}/props/hash"}]
    # The server acknowledges it (a patch carrying its cseq) and refuses nothing.
    await wait_until(lambda: any(m.get("cseq", 0) >= patch[0]["cseq"]
                                 for m in wire.received_of("patch")), what="the server's ack")
    assert wire.received_of("error") == []
    await expect(page).to_have_url(f"{url}?q=1#details")
