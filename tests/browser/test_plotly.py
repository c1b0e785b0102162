"""The Plotly pane in real Chromium: plotly.js loaded only by a page that shows a chart,
a click on a bar and the keyboard both reaching Python as click_data, the chart recoloured
by the theme switch, and a figure that cannot be sent shown as an alert."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import APPS, open_page, screenshot

pytestmark = pytest.mark.browser

LIGHT_FG, DARK_FG = "rgb(31, 35, 40)", "rgb(230, 237, 243)"  # --docsync-fg of each theme


def record_requests(page: Page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


async def title_fill(page: Page) -> str:
    return await page.locator(".docsync-plotly .gtitle").first.evaluate(
        "e => getComputedStyle(e).fill")


async def test_a_click_and_the_keyboard_reach_python_in_both_themes(serve, new_tab) -> None:
    _, url = await serve(APPS / "plotly_page.py")
    tab = await new_tab()
    requests = record_requests(tab.page)
    page = await open_page(tab, url)
    figure = page.get_by_role("figure", name="Fruit sold")
    bars = figure.locator(".bars .point path")
    await expect(bars).to_have_count(3, timeout=20_000)
    assert sum(u.endswith("/_docsync/static/plotly.js") for u in requests) == 1
    await expect(page.get_by_text("No click yet.")).to_be_visible()
    assert await title_fill(page) == LIGHT_FG

    # A real click on the second bar (plotly.js takes it on its drag layer above the bar).
    found = await bars.nth(1).bounding_box()
    assert found is not None
    await page.mouse.click(found["x"] + found["width"] / 2, found["y"] + found["height"] / 2)
    await expect(page.get_by_text("Clicked Pears: 7")).to_be_visible()
    await expect(page.get_by_text("Hovering Pears")).to_be_visible()
    await screenshot(page, "plotly-clicked")

    # The keyboard: focus the chart, move to the third bar, click it with Enter.
    await page.mouse.move(0, 0)
    await figure.focus()
    for _ in range(3):
        await page.keyboard.press("ArrowRight")
    await expect(figure.locator("[aria-live]")).to_have_text("Sold, point 3 of 3: x Plums, y 4")
    await expect(page.get_by_text("Hovering Plums")).to_be_visible()
    await page.keyboard.press("Enter")
    await expect(page.get_by_text("Clicked Plums: 4")).to_be_visible()

    # A drag across the plot zooms (plotly.js's default drag): relayout_data reaches Python
    # once the drag ends.
    area = await figure.locator(".nsewdrag").first.bounding_box()
    assert area is not None
    await page.mouse.move(area["x"] + 20, area["y"] + 20)
    await page.mouse.down()
    await page.mouse.move(area["x"] + area["width"] / 2, area["y"] + area["height"] - 20,
                          steps=5)
    await page.mouse.up()
    await expect(page.get_by_text("Zoomed from x = ")).to_be_visible()
    # Box select (the mode bar's button), around the first bar after a double click's reset
    # (plotly.js selects a bar whose top end is in the box).
    # The mode bar's reset, not a double click: plotly.js takes two clicks as one only
    # within 300 ms, which a loaded machine may not keep. Then the three bars are back, and
    # the box select mode is on, before the box is measured and drawn.
    await figure.get_by_role("button", name="Reset axes").click()
    await expect(bars).to_have_count(3)
    select = figure.get_by_role("button", name="Box Select")
    await select.click()
    await expect(select).to_have_class(re.compile(r"\bactive\b"))
    first = await settled_box(page, bars.nth(0))  # the reset's transition has ended
    await page.mouse.move(first["x"] - 5, first["y"] + first["height"] - 5)
    await page.mouse.down()
    await page.mouse.move(first["x"] + first["width"] + 5, first["y"] - 3, steps=5)
    await page.mouse.up()
    await expect(page.get_by_text("Selected Apples")).to_be_visible()

    # The theme switch recolours the chart.
    await page.get_by_role("button", name="Dark theme").click()
    await expect(page.locator("html")).to_have_attribute("data-docsync-theme", "dark")
    await page.wait_for_function(
        f"() => getComputedStyle(document.querySelector('.docsync-plotly .gtitle')).fill"
        f" === '{DARK_FG}'")
    await screenshot(page, "plotly-dark")

    # A figure the server could not send: its message, naming the pane, in the page.
    await expect(page.get_by_role("alert").filter(has_text="Plotly pane 'broken'")
                 ).to_contain_text("figure.data[0].y[1] is of type Opaque")


async def test_a_page_without_a_chart_loads_no_plotly(serve, new_tab) -> None:
    _, url = await serve(APPS / "layouts.py")
    tab = await new_tab()
    requests = record_requests(tab.page)
    page = await open_page(tab, url)
    await expect(page.get_by_role("tablist")).to_be_visible()
    assert any(u.endswith("/docsync.js") for u in requests)
    assert not any("plotly" in u for u in requests), requests
    assert await page.evaluate("typeof globalThis.docsyncPlotly") == "undefined"


async def settled_box(page, locator):
    """The element's bounding box once two looks 100 ms apart agree (at most 10 s): plotly.js
    animates a reset, and a box taken meanwhile is somewhere the bar is leaving."""
    last = None
    for _ in range(100):
        box = await locator.bounding_box()
        if box is not None and box == last:
            return box
        last = box
        await page.wait_for_timeout(100)
    raise AssertionError(f"the element did not stop moving: {last}")
