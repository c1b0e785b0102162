"""Every foundation widget sends its value to the server and shows the server's changes."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.browser.conftest import APPS, open_page, screenshot

pytestmark = pytest.mark.browser


async def test_every_widget_round_trips(serve, new_tab) -> None:
    _, url = await serve(APPS / "widgets.py")
    page = await open_page(await new_tab(), url)

    count = page.get_by_role("slider", name="Count")
    ratio = page.get_by_role("slider", name="Ratio")
    title = page.get_by_role("textbox", name="Title")
    colour = page.get_by_role("combobox", name="Colour")
    enabled = page.get_by_role("checkbox", name="Enabled")
    echo = {name: page.locator(f".echo-{name}")
            for name in ("count", "ratio", "title", "colour", "enabled")}

    # The first render shows the server's values.
    await expect(count).to_have_value("2")
    await expect(ratio).to_have_value("0.5")
    await expect(title).to_have_value("hello")
    await expect(title).to_have_attribute("placeholder", "Type a title")
    await expect(colour.locator("option:checked")).to_have_text("red")
    await expect(enabled).not_to_be_checked()
    await expect(echo["count"]).to_have_text("count = 2")
    await expect(echo["enabled"]).to_have_text("False")
    await screenshot(page, "widgets")

    # The browser's values reach the server (the echoes are computed there).
    await count.focus()
    await count.press("ArrowRight")
    await expect(echo["count"]).to_have_text("count = 3")
    await ratio.focus()
    await ratio.press("ArrowRight")
    await expect(ratio).to_have_value("0.6")
    await expect(echo["ratio"]).to_have_text("ratio = 0.6")
    await title.fill("typed in the browser")
    await expect(echo["title"]).to_have_text("title = typed in the browser")
    await colour.select_option(label="green")
    await expect(echo["colour"]).to_have_text("colour = green")
    await enabled.check()
    await expect(echo["enabled"]).to_have_text("True")
    await enabled.uncheck()
    await expect(echo["enabled"]).to_have_text("False")

    # The server's values reach the browser.
    await page.get_by_role("button", name="Set from server").click()
    await expect(count).to_have_value("7")
    await expect(ratio).to_have_value("0.2")
    await expect(title).to_have_value("set by the server")
    await expect(colour.locator("option:checked")).to_have_text("blue")
    await expect(enabled).to_be_checked()
    await expect(echo["count"]).to_have_text("count = 7")
    await expect(echo["ratio"]).to_have_text("ratio = 0.2")
    await expect(echo["title"]).to_have_text("title = set by the server")
    await expect(echo["colour"]).to_have_text("colour = blue")
    await expect(echo["enabled"]).to_have_text("True")
    await expect(page.locator(".docsync-intslider .docsync-readout")).to_have_text("7")
    await screenshot(page, "widgets-after-server-change")
