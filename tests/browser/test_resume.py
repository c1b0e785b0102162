"""Connection loss and server restarts in a real browser (PROTOCOL.md §6, §8)."""

from __future__ import annotations

import asyncio
import re

import pytest
from playwright.async_api import expect

from tests.browser.conftest import APPS, HELLO, Wire, open_page, screenshot, wait_state

pytestmark = pytest.mark.browser


async def test_edits_on_both_sides_survive_a_cut_connection(serve, new_tab) -> None:
    """Page A loses its connection; A edits while down, and page B (another session sharing
    A's models) edits the server. After the resume each side has the other's edits."""
    _, url = await serve(APPS / "shared.py")
    a, b = await new_tab(), await new_tab()
    wire = Wire()
    await wire.attach(a.context)
    await a.page.goto(url)
    await b.page.goto(url)
    await wait_state(a.page, "open")
    await wait_state(b.page, "open")
    summary_a = a.page.locator(".docsync-paramfunction")
    summary_b = b.page.locator(".docsync-paramfunction")
    await expect(summary_a).to_have_text("level=3 note='' flag=False")

    await wire.cut()
    await wait_state(a.page, "reconnecting")
    banner = a.page.locator(".docsync-banner")
    # The attempt count rises while the wire stays down (backoff): any count will do.
    await expect(banner).to_contain_text(re.compile(r"Reconnecting… \(attempt \d+\)"))
    await expect(a.page.locator("#docsync-root")).to_have_class("docsync-disconnected")

    # A edits while down: shown at once (optimistically), queued for the resume.
    level_a = a.page.get_by_role("slider", name="Level")
    await level_a.focus()
    for _ in range(3):
        await level_a.press("ArrowRight")
    await a.page.get_by_role("checkbox", name="Flag").check()
    await expect(level_a).to_have_value("6")
    # B edits the server's (shared) models meanwhile; A cannot hear of it yet.
    await b.page.get_by_role("textbox", name="Note").fill("written by B")
    # B shows the server's values: A's edits have not reached it.
    await expect(summary_b).to_have_text("level=3 note='written by B' flag=False")
    await expect(a.page.get_by_role("textbox", name="Note")).to_have_value("")

    wire.restore()
    await wait_state(a.page, "open")
    await expect(banner).to_have_text("Connection restored")
    expected = "level=6 note='written by B' flag=True"
    await expect(summary_a).to_have_text(expected)
    await expect(summary_b).to_have_text(expected)
    await expect(a.page.get_by_role("textbox", name="Note")).to_have_value("written by B")
    await expect(b.page.get_by_role("slider", name="Level")).to_have_value("6")
    await expect(b.page.get_by_role("checkbox", name="Flag")).to_be_checked()
    await expect(a.page.locator("#docsync-root")).not_to_have_class("docsync-disconnected")
    # Each edit was sent once on the new connection, in order: the three slider steps were
    # coalesced or not, but the last value sent is the one the user left.
    patches = wire.sent_of("patch")
    values = [op["value"] for m in patches for op in m["ops"]]
    assert values[-1] is True and 6 in values, patches
    cseqs = [m["cseq"] for m in wire.sent if "cseq" in m]
    assert cseqs == sorted(set(cseqs)), f"a client message was sent twice: {cseqs}"
    await expect(banner).to_be_hidden()


async def test_restarted_server_shows_expired_and_reload_works(serve, new_tab,
                                                                free_port) -> None:
    process, url = await serve(HELLO, port=free_port)
    page = await open_page(await new_tab(), url)
    await page.get_by_role("slider", name="x").press("ArrowRight")
    await expect(page.locator(".docsync-paramfunction")).to_have_text("4 squared is 16")

    # A new process with a new random key knows neither the token nor the session.
    await asyncio.to_thread(process.terminate)
    await wait_state(page, "reconnecting")
    await serve(HELLO, port=free_port)
    await wait_state(page, "expired")
    banner = page.locator(".docsync-banner")
    await expect(banner).to_contain_text("Session expired")
    reload = banner.get_by_role("button", name="Reload")
    await expect(reload).to_be_visible()
    # The stale page takes no input; the keyboard focus moved to Reload.
    await expect(page.locator("#docsync-root")).to_have_js_property("inert", True)
    await expect(reload).to_be_focused()
    await screenshot(page, "expired-banner")

    await reload.click()
    await wait_state(page, "open")
    await expect(banner).to_be_hidden()
    slider = page.get_by_role("slider", name="x")
    await expect(slider).to_have_value("3")  # a new session
    await slider.press("ArrowRight")
    await expect(page.locator(".docsync-paramfunction")).to_have_text("4 squared is 16")
