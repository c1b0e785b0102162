"""``ds.state`` seen from a real browser: query args, onload (fired by the snapshot's
ack), notifications as toasts, and the Location synced both ways."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.browser.conftest import APPS, open_page

pytestmark = pytest.mark.browser


async def test_args_onload_notify_and_location(serve, new_tab) -> None:
    _, url = await serve(APPS / "page_state.py")
    page = await open_page(await new_tab(), f"{url}?x=1&x=2")
    await expect(page.locator(".args")).to_have_text("args={'x': [b'1', b'2']}")
    await expect(page.locator(".loaded")).to_have_text("loaded")
    server_url = page.locator(".url")
    await expect(server_url).to_have_text("url=/page_state?x=1&x=2")
    await page.evaluate("window.__sameDocument = true")

    # The server changes the URL and notifies.
    await page.get_by_role("button", name="Go to page 2").click()
    await expect(page).to_have_url(f"{url}?page=2#top")
    await expect(server_url).to_have_text("url=/page_state?page=2#top")
    toast = page.get_by_role("status").filter(has_text="Moved to page 2")
    await expect(toast).to_be_visible()
    await toast.get_by_role("button", name="Dismiss").click()
    await expect(toast).to_have_count(0)

    # The user navigates; the server follows.
    await page.evaluate("location.hash = '#bottom'")
    await expect(server_url).to_have_text("url=/page_state?page=2#bottom")
    await page.evaluate("""() => {
        history.pushState(null, "", "?tab=a");
        history.pushState(null, "", "?tab=b");
        history.back();
    }""")
    await expect(page).to_have_url(f"{url}?tab=a")
    await expect(server_url).to_have_text("url=/page_state?tab=a")
    assert await page.evaluate("window.__sameDocument === true"), "the page reloaded"
