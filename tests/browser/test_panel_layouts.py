"""Panel-style layout apps of tests/panel_compat/apps in real Chromium: dynamic, closable
Tabs by mouse and keyboard; a chat log Column that starts at its end, follows new
messages, offers a scroll button and reports its scroll position."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.browser.conftest import open_page, screenshot
from tests.panel_compat.support import APPS

pytestmark = pytest.mark.browser


async def test_dynamic_closable_tabs_by_mouse_and_keyboard(serve, new_tab) -> None:
    _, url = await serve(APPS / "layout_tabs.py")
    page = await open_page(await new_tab(), url)
    intro, report, data = (page.get_by_role("tab", name=n) for n in ("Intro", "Report", "Data"))
    await expect(intro).to_have_attribute("aria-selected", "true")
    await expect(page.get_by_role("tabpanel")).to_have_text("Welcome: pick a tab.")
    # The other tabs' contents are not in the page until picked.
    await expect(page.get_by_text("Report row 0")).to_have_count(0)

    await report.click()
    await expect(page.get_by_role("tabpanel", name="Report")).to_contain_text("Report row 19")
    await expect(page.get_by_text("opened: Report")).to_be_visible()
    await expect(page.get_by_text("Welcome: pick a tab.")).to_have_count(0)
    await screenshot(page, "panel-layouts-tabs-report")

    # Mouse: the close button of Intro; the shown tab (Report) stays shown.
    await page.get_by_role("button", name="Close Intro").click()
    await expect(intro).to_have_count(0)
    await expect(report).to_have_attribute("aria-selected", "true")
    await expect(page.get_by_text("open tabs: Report, Data")).to_be_visible()

    # Keyboard: arrows move and select (Data is sent then), Delete closes the focused tab
    # and focus stays in the tab list.
    await report.focus()
    await page.keyboard.press("ArrowRight")
    await expect(data).to_be_focused()
    await expect(page.get_by_role("tabpanel", name="Data")).to_contain_text("Data row 29")
    await page.keyboard.press("Delete")
    await expect(data).to_have_count(0)
    await expect(page.get_by_text("open tabs: Report")).to_be_visible()
    await expect(report).to_be_focused()
    await expect(page.get_by_role("tabpanel", name="Report")).to_contain_text("Report row 0")

    await page.get_by_role("button", name="Add a notes tab").click()
    notes = page.get_by_role("tab", name="Notes")
    await notes.click()
    await expect(page.get_by_role("tabpanel", name="Notes")).to_have_text("Some notes.")


async def test_a_chat_log_follows_new_messages_and_reports_its_scroll(serve, new_tab) -> None:
    _, url = await serve(APPS / "layout_chat_log.py")
    page = await open_page(await new_tab(), url)
    log = page.locator(".docsync-column.docsync-scroll-y-auto").first
    last = page.get_by_text("bot: message 29", exact=True)
    # view_latest: the log opens at its end.
    await expect(last).to_be_in_viewport()
    await expect(page.get_by_text("bot: message 0", exact=True)).not_to_be_in_viewport()
    button = page.get_by_role("button", name="Scroll to the end")
    await expect(button).to_be_hidden()

    # Scrolling by the reader reaches the server once the scroll ends.
    await log.evaluate("el => { el.scrollTop = 0; }")
    await expect(page.get_by_text("scrolled to 0")).to_be_visible()
    await expect(button).to_be_visible()  # far from the end: the button is offered
    await button.click()
    await expect(last).to_be_in_viewport()
    await expect(button).to_be_hidden()
    position = await log.evaluate("el => Math.round(el.scrollTop)")
    assert position > 0
    await expect(page.get_by_text(f"scrolled to {position}")).to_be_visible()

    # Near the end, a new message is followed (auto_scroll_limit).
    await page.get_by_label("Message").fill("hello")
    await page.get_by_role("button", name="Send").click()
    await expect(page.get_by_text("you: hello")).to_be_in_viewport()
    await screenshot(page, "panel-layouts-chat-log")

    # The app sets scroll_position: the page scrolls there.
    await page.get_by_role("button", name="Back to the top").click()
    await expect(page.get_by_text("bot: message 0", exact=True)).to_be_in_viewport()
    # Far from the end, a new message is not followed.
    await page.get_by_label("Message").fill("again")
    await page.get_by_role("button", name="Send").click()
    await expect(page.get_by_text("you: again")).to_be_attached()
    await expect(page.get_by_text("you: again")).not_to_be_in_viewport()


async def test_a_gridspec_lays_its_children_on_their_cells(serve, new_tab) -> None:
    _, url = await serve(APPS / "layout_gridspec.py")
    page = await open_page(await new_tab(), url)

    async def box(name: str) -> dict[str, float]:
        found = await page.locator(f".docsync-spacer.{name}").bounding_box()
        assert found is not None, name
        return found

    await expect(page.locator(".docsync-spacer.purple")).to_be_visible()
    grid = await page.locator(".docsync-gridspec").bounding_box()
    red, green, blue, purple = [await box(n) for n in ("red", "green", "blue", "purple")]
    assert grid is not None and (grid["width"], grid["height"]) == (600, 300)
    # Red fills the first column, top to bottom; green spans two columns of row 0, blue
    # three of row 2; purple is the last column of row 0.
    assert red["x"] == grid["x"] and red["height"] == grid["height"]
    assert green["y"] == grid["y"] and green["x"] > red["x"] + red["width"]
    assert abs(green["width"] - 2 / 3 * blue["width"]) < 8
    assert blue["y"] + blue["height"] == grid["y"] + grid["height"]
    assert purple["x"] + purple["width"] == grid["x"] + grid["width"]
    assert red["width"] < green["width"] < blue["width"]
    await screenshot(page, "panel-layouts-gridspec")

    await page.get_by_role("button", name="Clear the bottom row").click()
    await expect(page.get_by_text("Bottom row cleared")).to_be_visible()
    await expect(page.locator(".docsync-spacer.red")).to_have_count(0)


async def test_accordion_headers_open_sections_and_the_widgetbox_locks(serve, new_tab) -> None:
    _, url = await serve(APPS / "layout_accordion.py")
    page = await open_page(await new_tab(), url)
    settings, about, help_ = (page.get_by_role("button", name=n) for n in ("Settings", "About",
                                                                            "Help"))
    await expect(settings).to_have_attribute("aria-expanded", "true")
    await expect(about).to_have_attribute("aria-expanded", "false")
    await expect(page.get_by_text("A small demo of sections.")).to_be_hidden()

    await about.click()
    await expect(page.get_by_text("A small demo of sections.")).to_be_visible()
    await expect(page.get_by_text("open: [0, 1]")).to_be_visible()
    await help_.focus()
    await page.keyboard.press("Enter")
    await expect(page.get_by_text("open: [0, 1, 2]")).to_be_visible()
    await settings.click()
    await expect(page.get_by_label("Size")).to_be_hidden()
    await expect(page.get_by_text("open: [1, 2]")).to_be_visible()

    await page.get_by_label("One section at a time").check()
    await expect(page.get_by_text("open: [2]")).to_be_visible()
    await settings.click()
    await expect(page.get_by_text("open: [0]")).to_be_visible()
    await expect(help_).to_have_attribute("aria-expanded", "false")

    await page.get_by_label("Lock settings").check()
    await expect(page.get_by_label("Size")).to_be_disabled()
    await expect(page.get_by_label("Colour")).to_be_disabled()
    await screenshot(page, "panel-layouts-accordion")
    await page.get_by_label("Lock settings").uncheck()
    await expect(page.get_by_label("Colour")).to_be_enabled()


async def test_a_flexbox_of_cards_lays_out_as_its_options_say(serve, new_tab) -> None:
    _, url = await serve(APPS / "layout_flexbox_cards.py")
    page = await open_page(await new_tab(), url)
    cards = page.locator(".docsync-flexbox > .docsync-card")
    await expect(cards).to_have_count(4)
    box = await page.locator(".docsync-flexbox").bounding_box()
    first, last = await cards.first.bounding_box(), await cards.last.bounding_box()
    assert box is not None and first is not None and last is not None
    # A row, stretched to the page's width, with the free room between the cards.
    assert first["y"] == last["y"] and first["x"] == box["x"]
    assert last["x"] + last["width"] == box["x"] + box["width"]
    assert await page.locator(".docsync-flexbox").evaluate("el => getComputedStyle(el).gap") \
        == "12px"
    await screenshot(page, "panel-layouts-flexbox-row")

    await page.get_by_label("flex_direction").select_option("column")
    await expect(page.locator(".docsync-flexbox")).to_have_css("flex-direction", "column")
    first, last = await cards.first.bounding_box(), await cards.last.bounding_box()
    assert first is not None and last is not None and last["y"] > first["y"]
    await page.get_by_role("button", name="Add a card").click()
    await expect(cards).to_have_count(5)
