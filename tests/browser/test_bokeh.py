"""Bokeh panes in Chromium: BokehJS, served by docsync from the installed bokeh, draws the
figure; wheel zoom, hover and the keyboard work; a slider replaces the figure; the dark
theme restyles it; a figure that cannot be serialized says so; pages without a Bokeh pane
load none of BokehJS."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import APPS, HELLO, open_page, screenshot

pytestmark = pytest.mark.browser

# The x range and the figure, read from BokehJS's documents in the page. While a figure is
# being replaced (a new theme, a new slider value) no document holds it for a moment, so
# both read undefined then rather than throw.
X_RANGE = """() => {
  const range = Bokeh.documents.map((d) => d.get_model_by_name("days")).find(Boolean);
  return [range?.start, range?.end];
}"""
BACKGROUND = """() => Bokeh.documents.map((d) => d.get_model_by_name("prices"))
  .find(Boolean)?.background_fill_color"""
# Where data point (x, y) of the drawn plot is on the page.
POINT = """([x, y]) => {
  const view = [...Bokeh.index][0];
  const box = view.el.getBoundingClientRect();
  return [box.left + view.frame.x_scale.compute(x), box.top + view.frame.y_scale.compute(y)];
}"""


def record_requests(page: Page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


async def x_range(page: Page) -> list[Any]:
    return await page.evaluate(X_RANGE)


async def test_a_bokeh_plot_draws_zooms_hovers_and_is_replaced(serve, new_tab) -> None:
    process, url = await serve(APPS / "bokeh_plots.py")
    tab = await new_tab()
    requests = record_requests(tab.page)
    page = await open_page(tab, url)

    plot = page.get_by_role("figure", name="Prices over 5 days")
    await expect(plot.locator("canvas").first).to_be_visible()
    await page.wait_for_function("() => [...(globalThis.Bokeh?.index ?? [])].length > 0")
    bokehjs = [u for u in requests if "/_docsync/bokeh/" in u]
    assert [u.rsplit("/", 1)[1] for u in bokehjs] == ["bokeh.min.js"], bokehjs
    assert await x_range(page) == [0, 6]
    await screenshot(page, "bokeh-light")

    # Hover: the tooltip of the point under the mouse.
    sx, sy = await page.evaluate(POINT, [3, 10])
    await page.mouse.move(sx, sy)
    tooltip = page.locator(".bk-Tooltip").filter(has_text="price")
    await expect(tooltip).to_be_visible()
    await expect(tooltip).to_contain_text("10")

    # Wheel zoom (the active scroll tool) narrows the x range about the mouse.
    await page.mouse.wheel(0, -400)
    await page.wait_for_function(f"() => {{ const [a, b] = ({X_RANGE})(); return b - a < 6; }}")
    start, end = await x_range(page)
    assert 0 < start < end < 6

    # The keyboard: on the focused plot, 0 resets, + zooms in, an arrow pans.
    await plot.focus()
    await page.keyboard.press("0")
    await page.wait_for_function(f"() => ({X_RANGE})().join() === '0,6'")
    await page.keyboard.press("+")
    await page.wait_for_function(f"() => ({X_RANGE})()[1] - ({X_RANGE})()[0] < 5")
    start, end = await x_range(page)
    assert start > 0 and end < 6 and abs((start + end) / 2 - 3) < 1e-6
    await page.keyboard.press("ArrowRight")
    await page.wait_for_function(f"() => ({X_RANGE})()[0] > {start + 0.1}")

    # The app replaces the figure when the slider moves.
    await page.get_by_role("slider", name="Points").focus()
    await page.keyboard.press("ArrowRight")
    await expect(page.get_by_role("figure", name="Prices over 6 days")).to_be_visible()
    await page.wait_for_function(f"() => ({X_RANGE})().join() === '0,7'")
    assert await page.evaluate("Bokeh.documents.length") == 1  # the old one is gone

    # The figure that cannot be serialized: its reason in the page and in the log.
    reason = "Bokeh pane (figure 'Broken'): cannot serialize the figure for BokehJS"
    await expect(page.get_by_role("alert")).to_contain_text(reason)
    assert reason in process.stderr()


async def test_the_dark_theme_restyles_the_plot(serve, new_tab) -> None:
    _, url = await serve(APPS / "bokeh_plots.py")
    page = await open_page(await new_tab(), url)
    await page.wait_for_function("() => [...(globalThis.Bokeh?.index ?? [])].length > 0")
    assert await page.evaluate(BACKGROUND) == "#ffffff"
    await page.get_by_role("button", name="Dark theme").click()
    await page.wait_for_function(f"() => ({BACKGROUND})() === '#20262B'")
    await expect(page.get_by_role("figure", name="Prices over 5 days").locator("canvas").first
                 ).to_be_visible()
    await screenshot(page, "bokeh-dark")
    await page.get_by_role("button", name="Dark theme").click()
    await page.wait_for_function(f"() => ({BACKGROUND})() === '#ffffff'")


async def test_a_page_without_a_bokeh_pane_loads_no_bokehjs(serve, new_tab) -> None:
    _, url = await serve(HELLO)
    tab = await new_tab()
    requests = record_requests(tab.page)
    await open_page(tab, url)
    assert any(u.endswith("/docsync.js") for u in requests)
    assert not any("bokeh" in u.lower() for u in requests), requests
    assert await tab.page.evaluate("typeof globalThis.Bokeh") == "undefined"


async def test_a_holoviews_curve_draws_with_the_webgl_part(serve, new_tab) -> None:
    _, url = await serve(APPS / "bokeh_holoviews.py")
    tab = await new_tab()
    requests = record_requests(tab.page)
    page = await open_page(tab, url)
    await expect(page.get_by_role("figure", name="Visits").locator("canvas").first
                 ).to_be_visible(timeout=20_000)
    files = [u.rsplit("/", 1)[1] for u in requests if "/_docsync/bokeh/" in u]
    assert files == ["bokeh.min.js", "bokeh-gl.min.js"], files
    await screenshot(page, "bokeh-holoviews")
