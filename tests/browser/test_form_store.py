"""Forms hold edits until submit and send them in one message; Stores survive a reload."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.async_api import Page, WebSocket, expect

from tests.browser.conftest import APPS, open_page, screenshot, wait_state

pytestmark = pytest.mark.browser


def record_patches(page: Page) -> list[dict[str, Any]]:
    """Every ``patch`` message the page sends from now on (observed, not routed)."""
    sent: list[dict[str, Any]] = []

    def on_frame(payload: str | bytes) -> None:
        message = json.loads(payload)
        if message.get("type") == "patch":
            sent.append(message)

    def on_socket(ws: WebSocket) -> None:
        ws.on("framesent", on_frame)

    page.on("websocket", on_socket)
    return sent


async def test_a_form_sends_its_edits_in_one_message_on_submit(serve, new_tab) -> None:
    _, url = await serve(APPS / "form_store.py")
    tab = await new_tab()
    patches = record_patches(tab.page)
    page = await open_page(tab, url)
    form = page.get_by_role("form", name="Add values")
    x, y = form.get_by_role("spinbutton", name="x"), form.get_by_role("spinbutton", name="y")
    note = form.get_by_role("textbox", name="note")
    server_x = page.get_by_text("server x is")

    await x.fill("7")
    await x.press("Tab")  # a committed entry: without the form it would be sent now
    await y.fill("8")
    await y.press("Tab")
    await note.fill("done")
    await expect(server_x).to_have_text("server x is 2")
    assert patches == []
    await screenshot(page, "form-edited")

    await form.get_by_role("button", name="Add").click()
    await expect(page.locator(".sum")).to_have_text("7 + 8 = 15 done")
    await expect(server_x).to_have_text("server x is 7")
    [submit] = patches
    paths = [op["path"] for op in submit["ops"]]
    # The note was committed when focus left it for the button: value_throttled too (held).
    assert [p.rsplit("/", 1)[1] for p in paths] == [
        "value", "value", "value", "value_throttled", "submits"]
    assert len({p.split("/")[2] for p in paths}) == 4 and submit["ops"][-1]["value"] == 1

    # An invalid field refuses the whole submit: the fields snap back, no new result.
    await x.fill("50")
    await y.fill("1")
    await form.get_by_role("button", name="Add").click()
    await expect(x).to_have_value("7")
    await expect(y).to_have_value("8")
    await expect(page.get_by_text("must be at most 10, not 50")).to_be_visible()  # why
    await expect(page.locator(".sum")).to_have_text("7 + 8 = 15 done")
    assert len(patches) == 2

    # Enter in a field submits, as in any HTML form.
    await note.fill("again")
    await note.press("Enter")
    await expect(page.locator(".sum")).to_have_text("7 + 8 = 15 again")
    assert len(patches) == 3
    await screenshot(page, "form-submitted")


async def test_a_chained_form_submits_on_its_own(serve, new_tab) -> None:
    _, url = await serve(APPS / "form_store.py")
    page = await open_page(await new_tab(), url)
    await page.get_by_role("textbox", name="words").fill("alpha beta gamma")
    await page.get_by_role("button", name="Load").click()
    await expect(page.locator(".loaded")).to_have_text("3 words")
    index = page.get_by_role("spinbutton", name="index")
    await index.fill("2")
    await page.get_by_role("button", name="Pick").click()
    await expect(page.locator(".picked")).to_have_text("picked gamma")


async def test_a_local_store_survives_a_reload_and_a_memory_one_does_not(serve, new_tab) -> None:
    _, url = await serve(APPS / "form_store.py")
    tab = await new_tab()
    page = await open_page(tab, url)
    counts = page.locator(".counts")
    await expect(counts).to_have_text("kept 0, memory 0")
    for n in (1, 2):
        await page.get_by_role("button", name="Bump").click()
        await expect(counts).to_have_text(f"kept {n}, memory {n}")
    assert await page.evaluate("localStorage.getItem('docsync:docsync-test-count')") \
        == '{"count":2}'
    await page.reload()
    await expect(page.locator("#docsync-root")).to_have_attribute("data-docsync-state", "open")
    # A new session: the app starts at 0, the browser sends its stored value, which wins.
    await expect(counts).to_have_text("kept 2, memory 0")
    await page.get_by_role("button", name="Bump").click()
    await expect(counts).to_have_text("kept 3, memory 1")

    # A stored entry over the limit or not JSON is dropped, not sent.
    await page.evaluate("localStorage.setItem('docsync:docsync-test-count', '{broken')")
    await page.reload()
    await expect(page.locator("#docsync-root")).to_have_attribute("data-docsync-state", "open")
    await expect(counts).to_have_text("kept 0, memory 0")
    assert await page.evaluate("localStorage.getItem('docsync:docsync-test-count')") \
        == '{"count":0}'


async def test_a_session_store_survives_a_reload_in_its_tab_only(serve, new_tab) -> None:
    _, url = await serve(APPS / "form_store.py")
    tab = await new_tab()
    page = await open_page(tab, url)
    counts = page.locator(".tab-counts")  # rendered on the server: what the server holds
    await expect(counts).to_have_text("tab 0, memory 0")
    for n in (1, 2):
        await page.get_by_role("button", name="Count in this tab").click()
        await expect(counts).to_have_text(f"tab {n}, memory {n}")
    stored = "sessionStorage.getItem('docsync:docsync-test-tab')"
    assert await page.evaluate(stored) == '{"count":2}'

    # A reload in the same tab is a new session: the app starts at 0, the page sends the
    # value its tab kept, which wins and reaches the server; the memory store starts over.
    await page.reload()
    await expect(page.locator("#docsync-root")).to_have_attribute("data-docsync-state", "open")
    await expect(counts).to_have_text("tab 2, memory 0")
    await page.get_by_role("button", name="Count in this tab").click()
    await expect(counts).to_have_text("tab 3, memory 1")

    # Another tab of the same browser context, and another context, start from the app's
    # value: session storage belongs to one tab.
    other_tab = await tab.context.new_page()
    other_tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    await other_tab.goto(url)
    await wait_state(other_tab, "open")
    other_context = await open_page(await new_tab(), url)
    for other in (other_tab, other_context):
        await expect(other.locator(".tab-counts")).to_have_text("tab 0, memory 0")
        assert await other.evaluate(stored) == '{"count":0}'
    await expect(counts).to_have_text("tab 3, memory 1")
    assert await page.evaluate(stored) == '{"count":3}'
