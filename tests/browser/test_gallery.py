"""The gallery (``make demo``) in a real browser: every section renders, in both themes.

Screenshots of each section go to ``test-output/screenshots/gallery-*.png`` for a person
to look at.
"""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.browser.conftest import HEAVY_OPEN_MS, open_page, screenshot
from tests.server.support import REPO

pytestmark = pytest.mark.browser

GALLERY = REPO / "docsync" / "examples" / "gallery.py"
SECTIONS = ["Widgets", "More widgets", "Panes", "Layouts", "Indicators", "Forms and state",
            "Chat"]


async def test_gallery_shows_every_section_in_both_themes(serve, new_tab) -> None:
    _, url = await serve(GALLERY)
    tab = await new_tab()
    await tab.page.set_viewport_size({"width": 1280, "height": 900})
    page = await open_page(tab, url, timeout=HEAVY_OPEN_MS)
    await expect(page).to_have_title("docsync gallery")
    await expect(page.locator(".docsync-unknown")).to_have_count(0)

    await expect(page.get_by_role("slider", name="IntSlider")).to_have_value("42")
    await expect(page.get_by_role("grid", name="Tabulator")).to_be_visible()
    await page.get_by_role("button", name="Click me").click()
    await expect(page.get_by_text("1 clicks")).to_be_visible()

    for section in SECTIONS:
        await page.get_by_role("tab", name=section, exact=True).click()
        panel = page.get_by_role("tabpanel", name=section, exact=True)
        await expect(panel).to_be_visible()
        if section == "Panes":
            # Vega draws in the browser; the library arrives only now.
            await expect(panel.locator(".docsync-vega svg, .docsync-vega canvas").first
                         ).to_be_visible(timeout=20_000)
            await expect(panel.get_by_role("img", name="The docsync logo")).to_be_visible()
            await expect(panel.get_by_role("figure", name="Plotly").locator(".main-svg")
                         .first).to_be_visible(timeout=20_000)
            await expect(panel.get_by_role("figure", name="A damped wave").locator("canvas")
                         .first).to_be_visible(timeout=20_000)
        if section == "Chat":
            box = panel.get_by_role("textbox", name="Send a message")
            await box.fill("hello")
            await box.press("Enter")
            reply = panel.get_by_role("article", name="Message from Storyteller")
            await expect(reply).to_have_attribute("aria-busy", "false", timeout=20_000)
            await expect(reply.locator("em")).to_have_text("hello")
        if section == "More widgets":
            await expect(panel.get_by_role("switch", name="Switch")).to_be_checked()
            await expect(panel.get_by_role("menu", name="MenuButton")).to_be_hidden()
        slug = section.lower().replace(" ", "-")
        await screenshot(page, f"gallery-{slug}")

    theme = page.get_by_role("button", name="Dark theme")
    await theme.click()
    await expect(page.locator("html")).to_have_attribute("data-docsync-theme", "dark")
    await expect(theme).to_have_attribute("aria-pressed", "true")
    await page.get_by_role("tab", name="Widgets", exact=True).click()
    await screenshot(page, "gallery-widgets-dark")


async def test_gallery_form_submits_and_chains_a_result(serve, new_tab) -> None:
    _, url = await serve(GALLERY)
    page = await open_page(await new_tab(), url, timeout=HEAVY_OPEN_MS)
    await page.get_by_role("tab", name="Forms and state").click()
    panel = page.get_by_role("tabpanel", name="Forms and state")
    await panel.get_by_role("combobox", name="City").select_option("Oslo")
    await panel.get_by_role("button", name="Show rows").click()
    table = panel.locator(".docsync-dataframe table")
    await expect(table.locator("tbody tr")).to_have_count(3)
    cities = await table.locator("tbody tr td").all_inner_texts()
    assert "Oslo" in cities and "Lyon" not in cities
