"""A Select with groups and disabled options (tests/panel_compat/apps/widgets_select.py)
in a real Chromium: titled groups, a disabled option the reader cannot pick, and a list
box when ``size`` is above 1."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.browser.conftest import open_page
from tests.panel_compat.support import APPS

pytestmark = pytest.mark.browser


async def test_groups_and_disabled_options_in_the_page(serve, new_tab) -> None:
    _, url = await serve(APPS / "widgets_select.py")
    page = await open_page(await new_tab(), url)

    fruit = page.get_by_role("combobox", name="Fruit")
    await expect(fruit).to_have_value("0")
    await expect(fruit.locator("optgroup")).to_have_count(2)
    await expect(fruit.locator("optgroup[label='Berries'] option")).to_have_text(
        ["Strawberry", "Blueberry"])
    await expect(fruit.locator("option", has_text="Lemon")).to_be_disabled()
    await expect(page.get_by_text("You picked Orange with Leek.")).to_be_visible()

    await fruit.select_option(label="Blueberry")
    await expect(page.get_by_text("You picked Blueberry with Leek.")).to_be_visible()

    vegetable = page.get_by_role("listbox", name="Vegetable")
    await expect(vegetable).to_have_attribute("size", "3")
    await vegetable.select_option(label="Pea")
    await expect(page.get_by_text("You picked Blueberry with Pea.")).to_be_visible()
