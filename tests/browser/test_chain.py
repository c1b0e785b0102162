"""Function chaining: a bound function that returns components re-renders only its part."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.browser.conftest import APPS, open_page

pytestmark = pytest.mark.browser


async def test_bound_components_added_and_removed_rest_kept(serve, new_tab) -> None:
    _, url = await serve(APPS / "chain.py")
    page = await open_page(await new_tab(), url)

    slider = page.get_by_role("slider", name="N")
    items = page.locator(".items .docsync-markdown")
    await expect(items).to_have_text(["item 0", "item 1", "item 2"])

    # Tag the elements outside the bound part (and the bound part's own container): a
    # re-render that rebuilt them would lose the tag.
    outside = [
        page.get_by_role("heading", name="Chaining"),
        page.locator(".docsync-intslider"),
        page.locator(".outside"),
        page.locator(".docsync-paramfunction"),
    ]
    for locator in outside:
        await locator.evaluate("el => { el.__kept = true; }")

    await slider.focus()
    await slider.press("ArrowRight")
    await expect(items).to_have_text(["item 0", "item 1", "item 2", "item 3"])
    await slider.press("Home")
    await expect(items).to_have_count(0)
    await expect(page.locator(".items")).to_be_attached()
    await slider.press("End")
    await expect(items).to_have_text([f"item {i}" for i in range(6)])
    await slider.press("ArrowLeft")
    await slider.press("ArrowLeft")
    await expect(items).to_have_text([f"item {i}" for i in range(4)])
    await expect(slider).to_be_focused()

    for locator in outside:
        assert await locator.evaluate("el => el.__kept === true"), locator
    # Exactly one bound part, holding exactly one list: the old ones are gone from the page.
    await expect(page.locator(".items")).to_have_count(1)
    # The removed items are gone from the page, not only hidden.
    markdowns = await page.evaluate(
        "() => document.querySelectorAll('.docsync-markdown').length")
    assert markdowns == 1 + 1 + 4  # heading, outside paragraph, four items
