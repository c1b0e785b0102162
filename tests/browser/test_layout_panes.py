"""Layouts and panes in real Chromium: Tabs by click and keyboard, Card, sizing, a Vega chart
(its libraries loaded only on that page), a Matplotlib figure, a 100,000-row DataFrame paged
and sorted by the server, and hostile text that must not run."""

from __future__ import annotations

import re

import numpy as np
import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import APPS, HEAVY_OPEN_MS, open_page, screenshot

pytestmark = pytest.mark.browser


def record_requests(page: Page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


async def wait_decoded(page: Page, name: str) -> None:
    """Wait until the image with accessible name ``name`` is loaded and decoded."""
    handle = await page.get_by_role("img", name=name).element_handle()
    await page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=handle)


async def box(page: Page, selector: str) -> dict[str, float]:
    found = await page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


async def test_tabs_switch_by_click_and_keyboard_and_reach_the_server(serve, new_tab) -> None:
    _, url = await serve(APPS / "layouts.py")
    tab = await new_tab()
    requests = record_requests(tab.page)
    page = await open_page(tab, url)
    alpha, beta, gamma = (page.get_by_role("tab", name=n) for n in ("Alpha", "Beta", "Gamma"))
    echo = page.locator(".echo-active")

    await expect(page.get_by_role("tablist")).to_be_visible()
    await expect(alpha).to_have_attribute("aria-selected", "true")
    await expect(page.get_by_role("tabpanel")).to_have_text("Alpha content")
    await expect(page.locator(".beta")).to_be_hidden()
    await expect(echo).to_have_text("active = 0")
    # The panel is labelled by its tab (WAI-ARIA tabs pattern).
    await expect(page.get_by_role("tabpanel", name="Alpha")).to_be_visible()

    await beta.click()
    await expect(beta).to_have_attribute("aria-selected", "true")
    await expect(alpha).to_have_attribute("aria-selected", "false")
    await expect(page.get_by_role("tabpanel")).to_have_text("Beta content")
    await expect(echo).to_have_text("active = 1")
    await screenshot(page, "layouts-tabs-beta")

    # Keyboard: one tab stop (the selected tab); arrows, Home and End move and select.
    await expect(beta).to_have_attribute("tabindex", "0")
    await expect(gamma).to_have_attribute("tabindex", "-1")
    await beta.focus()
    await page.keyboard.press("ArrowRight")
    await expect(gamma).to_be_focused()
    await expect(gamma).to_have_attribute("aria-selected", "true")
    await expect(echo).to_have_text("active = 2")
    await page.keyboard.press("ArrowRight")  # wraps around
    await expect(alpha).to_be_focused()
    await expect(echo).to_have_text("active = 0")
    await page.keyboard.press("End")
    await expect(gamma).to_be_focused()
    await page.keyboard.press("ArrowLeft")
    await expect(beta).to_have_attribute("aria-selected", "true")
    await expect(echo).to_have_text("active = 1")
    await page.keyboard.press("Home")
    await expect(page.get_by_role("tabpanel")).to_have_text("Alpha content")
    await expect(echo).to_have_text("active = 0")

    # The server's change of `active` shows in the page.
    await page.get_by_role("button", name="Show Gamma from the server").click()
    await expect(gamma).to_have_attribute("aria-selected", "true")
    await expect(page.get_by_role("tabpanel")).to_have_text("Gamma content")
    await expect(echo).to_have_text("active = 2")

    # No Vega pane on this page: the Vega bundle is never fetched.
    assert any(u.endswith("/docsync.js") for u in requests)
    assert not any("vega" in u for u in requests), requests
    assert await page.evaluate("typeof globalThis.docsyncVega") == "undefined"


async def test_card_collapses_by_click_and_keyboard(serve, new_tab) -> None:
    _, url = await serve(APPS / "layouts.py")
    page = await open_page(await new_tab(), url)
    toggle = page.get_by_role("button", name="Details")
    body = page.locator(".card-body-text")
    echo = page.locator(".echo-collapsed")

    await expect(toggle).to_have_attribute("aria-expanded", "true")
    controlled = await toggle.get_attribute("aria-controls")
    await expect(page.locator(f"#{controlled}")).to_contain_text("Inside the card")
    await expect(body).to_be_visible()
    await expect(echo).to_have_text("collapsed = False")

    await toggle.click()
    await expect(toggle).to_have_attribute("aria-expanded", "false")
    await expect(body).to_be_hidden()
    await expect(echo).to_have_text("collapsed = True")
    await screenshot(page, "layouts-card-collapsed")

    await toggle.focus()
    await page.keyboard.press("Enter")
    await expect(toggle).to_have_attribute("aria-expanded", "true")
    await expect(body).to_be_visible()
    await expect(echo).to_have_text("collapsed = False")


async def test_sizing_modes_grid_spacer_and_divider_take_their_room(serve, new_tab) -> None:
    _, url = await serve(APPS / "layouts.py")
    page = await open_page(await new_tab(), url)
    await expect(page.locator(".grid")).to_be_visible()
    root = await box(page, "#docsync-root > .docsync-column")
    row = await box(page, ".sized-row")
    fixed = await box(page, ".fixed")
    stretch = await box(page, ".stretch")
    spacer = await box(page, ".hspacer")
    # The stretching row spans its column; in it the fixed child keeps 120px, and the
    # stretching child and the HSpacer share the rest (the free room equally: the Str's
    # padding comes on top of its share).
    assert abs(row["width"] - root["width"]) < 1
    assert abs(fixed["width"] - 120) < 1
    assert abs(stretch["width"] - 26 - spacer["width"]) < 2 and spacer["width"] > 250
    gap = 12
    assert abs(fixed["width"] + stretch["width"] + spacer["width"] + 2 * gap - row["width"]) < 2
    # GridBox: three columns of equal width within its 600px.
    cells = [await page.locator(".grid > *").nth(i).bounding_box() for i in range(6)]
    assert all(c is not None for c in cells)
    assert len({round(c["y"]) for c in cells[:3]}) == 1 and cells[3]["y"] > cells[0]["y"]
    assert abs(cells[1]["x"] - cells[0]["x"] - (cells[2]["x"] - cells[1]["x"])) < 1
    assert (await box(page, ".grid"))["width"] == 600
    # A fixed-size Column gives a stretch_both child all of its room; margin is [v, h].
    tall_col, tall = await box(page, ".tall-col"), await box(page, ".tall")
    assert (tall_col["width"], tall_col["height"]) == (200, 120)
    assert (tall["width"], tall["height"]) == (200, 120)
    margined = await box(page, ".margined")
    assert abs(margined["x"] - (tall_col["x"] + 200 + gap + 16)) < 1
    assert abs(margined["y"] - (tall_col["y"] + 8)) < 1
    # Divider spans the column; Spacer takes its height.
    assert abs((await box(page, ".divider"))["width"] - root["width"]) < 1
    assert abs((await box(page, ".spacer"))["height"] - 30) < 1
    await screenshot(page, "layouts")


def expected_rows(start: int, stop: int, *, by_square: bool = False,
                  descending: bool = False) -> list[list[str]]:
    n = np.arange(100_000)
    square = n ** 2 % 1_000_003
    label = np.array([f"item {i:06d}" for i in (n * 7919) % 100_000])
    order = np.argsort(square, kind="stable") if by_square else n
    if descending:
        order = order[::-1]
    picked = order[start:stop]
    return [[str(i), str(n[i]), str(square[i]), str(label[i])] for i in picked]


async def expect_rows(page: Page, rows: list[list[str]]) -> None:
    body_rows = page.locator(".big-frame tbody tr")
    await expect(body_rows).to_have_count(len(rows))
    for i in (0, len(rows) - 1):
        await expect(body_rows.nth(i).locator("th, td")).to_have_text(rows[i])


async def test_vega_matplotlib_and_a_100k_row_dataframe_render_and_page(serve, new_tab) -> None:
    _, url = await serve(APPS / "data_panes.py")
    tab = await new_tab()
    requests = record_requests(tab.page)
    page = await open_page(tab, url, timeout=HEAVY_OPEN_MS)

    # Vega: the separate bundle is loaded for this page, and vega-embed draws an SVG.
    await expect(page.locator(".chart svg.marks")).to_be_visible()
    await expect(page.locator(".chart .mark-rect path")).to_have_count(3)
    await expect(page.locator(".chart")).to_contain_text("Fruit")
    assert sum(u.endswith("/_docsync/static/vega.js") for u in requests) == 1

    # Matplotlib: an SVG image rendered on the server, decoded by the browser.
    figure = page.get_by_role("img", name="Square root plot")
    await expect(figure).to_have_attribute("src", re.compile(r"^data:image/svg\+xml;base64,"))
    await wait_decoded(page, "Square root plot")
    assert (await figure.bounding_box() or {}).get("width") == 400

    # DataFrame: the first page of 100,000 rows, then paging and sorting on the server.
    status = page.locator(".big-frame .docsync-pager-status")
    echo = page.locator(".echo-frame")
    await expect(status).to_have_text("Rows 1\u201310 of 100,000 · page 1 of 10,000")
    await expect_rows(page, expected_rows(0, 10))
    await expect(page.locator(".big-frame table")).to_have_attribute("aria-rowcount", "100001")
    await expect(page.get_by_role("button", name="Previous page")).to_be_disabled()
    await screenshot(page, "data-panes")

    await page.get_by_role("button", name="Next page").click()
    await expect(status).to_have_text("Rows 11\u201320 of 100,000 · page 2 of 10,000")
    await expect_rows(page, expected_rows(10, 20))
    await expect(echo).to_have_text("page=2 sort=[]")

    square = page.get_by_role("button", name="square")
    header = page.locator(".big-frame thead th").filter(has=square)
    await expect(header).to_have_attribute("aria-sort", "none")
    await square.click()
    await expect(header).to_have_attribute("aria-sort", "ascending")
    await expect_rows(page, expected_rows(10, 20, by_square=True))
    await expect(echo).to_have_text("page=2 sort=[{'field': 'square', 'dir': 'asc'}]")
    await square.click()
    await expect(header).to_have_attribute("aria-sort", "descending")
    await expect_rows(page, expected_rows(10, 20, by_square=True, descending=True))

    await page.get_by_role("button", name="Last page").click()
    await expect(status).to_have_text("Rows 99,991\u2013100,000 of 100,000 · page 10,000 of 10,000")
    await expect_rows(page, expected_rows(99_990, 100_000, by_square=True, descending=True))
    await expect(page.get_by_role("button", name="Next page")).to_be_disabled()
    await expect(page.locator(".big-frame table")).to_have_attribute("aria-busy", "false")
    await screenshot(page, "data-panes-sorted-last-page")

    await square.click()  # a third click: the frame's own order again
    await expect(header).to_have_attribute("aria-sort", "none")
    await expect_rows(page, expected_rows(99_990, 100_000))


async def test_text_and_image_panes_show_hostile_input_without_running_it(serve, new_tab) -> None:
    _, url = await serve(APPS / "text_panes.py")
    page = await open_page(await new_tab(), url)

    await expect(page.get_by_role("link", name="good link")).to_have_attribute(
        "href", "https://example.org/")
    await expect(page.locator(".md")).to_contain_text("[bad link](javascript:window.pwned=3)")
    await expect(page.locator(".md a")).to_have_count(1)
    await expect(page.locator(".html .ok")).to_have_text("kept")
    await expect(page.locator(".html script, .html [onerror], .html a[href^='javascript']")
                 ).to_have_count(0)

    alert = page.get_by_role("alert").filter(has_text="Heads up")
    await expect(alert).to_have_class(re.compile(r"\bdocsync-alert-warning\b"))
    await expect(alert.locator("strong")).to_have_text("Heads up:")

    json_tree = page.locator(".json")
    await expect(json_tree.locator("summary").first).to_contain_text("{3 keys}")
    nested = json_tree.locator("summary", has_text="nested")
    await expect(nested).to_contain_text("{1 key}")
    await nested.click()
    await expect(json_tree.locator("summary", has_text="deep")).to_be_visible()

    for name in ("A red square", "A teal bar", "A blue square"):
        await wait_decoded(page, name)
    red = await page.get_by_role("img", name="A red square").bounding_box()
    assert red is not None and (red["width"], red["height"]) == (40, 40)
    await expect(page.locator(".png figcaption")).to_be_hidden()
    await expect(page.locator(".img figcaption")).to_have_text("Blue")
    await expect(page.get_by_role("link", name="A blue square")).to_have_attribute(
        "href", "https://example.org/")
    await screenshot(page, "text-panes")

    # Nothing the hostile input carried ran: not the script tags, handlers, nor the SVG's.
    assert await page.evaluate("window.pwned") is None
