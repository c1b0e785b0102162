"""Panel's ``pn.state.location.sync`` in a real browser: the address bar follows the
widgets, and widgets follow a URL opened with a query (tests/panel_compat/apps)."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.browser.conftest import open_page, screenshot, wait_state
from tests.panel_compat.support import APPS

pytestmark = pytest.mark.browser


async def test_widgets_and_the_address_bar_follow_each_other(serve, new_tab) -> None:
    _, url = await serve(APPS / "state_urlsync.py")
    page = await open_page(await new_tab(), f"{url}?page=3&q=cats")
    slider = page.get_by_role("slider", name="Page")
    search = page.get_by_role("textbox", name="Search")
    # A URL loaded with a query sets the widgets.
    await expect(slider).to_have_value("3")
    await expect(search).to_have_value("cats")
    await expect(page.get_by_text("page 3 of the results for 'cats'")).to_be_visible()
    await page.evaluate("window.__sameDocument = true")

    # A widget changed in the page changes the browser's URL, without a reload.
    await slider.focus()
    await slider.press("ArrowRight")
    await expect(page).to_have_url(f"{url}?page=4&q=cats")
    await search.fill("dogs")
    await search.press("Enter")
    await expect(page).to_have_url(f"{url}?page=4&q=dogs")
    await screenshot(page, "panel-state-urlsync")

    # Navigating back moves the widgets.
    await page.evaluate("""() => {
        history.pushState(null, "", "?page=8&q=birds");
        history.pushState(null, "", "?page=9&q=fish");
        history.back();
    }""")
    await expect(slider).to_have_value("8")
    await expect(search).to_have_value("birds")

    # unsync: the search leaves the URL and no longer follows the widget.
    await page.get_by_role("button", name="Stop syncing the search").click()
    await expect(page).to_have_url(f"{url}?page=8")
    assert await page.evaluate("window.__sameDocument === true"), "the page reloaded"


async def test_with_reload_a_change_loads_the_new_url(serve, new_tab) -> None:
    _, url = await serve(APPS / "state_urlsync.py")
    page = await open_page(await new_tab(), f"{url}?mode=reload&page=2")
    slider = page.get_by_role("slider", name="Page")
    await expect(slider).to_have_value("2")
    await page.evaluate("window.__sameDocument = true")
    await slider.focus()
    await slider.press("ArrowRight")
    # A new document: the page was loaded again, at the URL the server wrote.
    await page.wait_for_function("window.__sameDocument === undefined")
    await expect(page).to_have_url(re.compile(re.escape(url) + r"\?mode=reload&page=3"))
    await wait_state(page, "open")
    await expect(slider).to_have_value("3")  # the new page's session read the new query
