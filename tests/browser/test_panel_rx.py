"""Panel's reactive-expression tutorial in Chromium (tests/panel_compat/apps/reactive_rx.py):
an expression in a layout shows its widgets beside its text, and dragging a widget
re-renders the text; ``.rx.when(button)`` waits for the click."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import expect

from tests.browser.conftest import open_page, screenshot

pytestmark = pytest.mark.browser

APP = Path(__file__).resolve().parents[1] / "panel_compat" / "apps" / "reactive_rx.py"


async def test_an_rx_expression_shows_its_widgets_and_follows_them(serve, new_tab) -> None:
    _, url = await serve(APP)
    page = await open_page(await new_tab(), url)
    expr = page.locator(".docsync-reactiveexpr").first
    speed = expr.get_by_role("slider", name="Wind Speed (m/s)")
    await expect(speed).to_have_value("5")
    await expect(expr.get_by_role("spinbutton", name="Efficiency")).to_have_value("0.3")
    await expect(expr).to_contain_text("Power Generation: 1.5 kW")
    submitted = page.locator(".submitted")
    await expect(submitted).to_contain_text("Power Generation: 1.5 kW")
    await screenshot(page, "panel-rx")

    await speed.focus()
    await speed.press("ArrowRight")
    await expect(expr).to_contain_text("Wind Speed: 6 m/s")
    await expect(submitted).to_contain_text("Wind Speed: 5 m/s")
    await page.get_by_role("button", name="Submit").click()
    await expect(submitted).to_contain_text("Wind Speed: 6 m/s")
