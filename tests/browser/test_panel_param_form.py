"""A Panel-style ``pn.Param`` form in Chromium (tests/panel_compat/apps/reactive_param_form.py):
the generated widgets edit the Parameterized, its ``@param.depends`` view re-renders, and
a change the app makes to a parameter moves its widget."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.async_api import expect

from tests.browser.conftest import open_page, screenshot

pytestmark = pytest.mark.browser

APP = Path(__file__).resolve().parents[1] / "panel_compat" / "apps" / "reactive_param_form.py"


async def test_a_param_form_edits_its_object_both_ways(serve, new_tab) -> None:
    _, url = await serve(APP)
    page = await open_page(await new_tab(), url)
    frequency = page.get_by_role("slider", name="Frequency")
    label = page.get_by_role("textbox", name="Label")
    view = page.locator(".docsync-parammethod .docsync-markdown").first

    await expect(frequency).to_have_value("2")
    await expect(page.get_by_role("spinbutton", name="Version")).to_be_disabled()
    await expect(page.get_by_role("textbox", name="Secret")).to_have_count(0)
    await expect(view).to_contain_text("wave: sine at 2 Hz")
    await screenshot(page, "panel-param-form")

    await frequency.focus()
    await frequency.press("ArrowRight")
    await expect(view).to_contain_text("wave: sine at 3 Hz")
    await page.get_by_role("combobox", name="Kind").select_option("square")
    await page.get_by_role("checkbox", name="Filled").check()
    await label.fill("tone")
    await label.blur()
    await expect(view).to_contain_text("tone: square at 3 Hz")
    await expect(view).to_contain_text("filled")

    # The Action resets parameters in app code: the widgets follow.
    await page.get_by_role("button", name="Reset").click()
    await expect(frequency).to_have_value("2")
    await expect(label).to_have_value("wave")
    await expect(view).to_contain_text("wave: square at 2 Hz")


async def test_loading_puts_a_spinner_over_a_component(serve, new_tab) -> None:
    _, url = await serve(APP.with_name("reactive_defer.py"))
    page = await open_page(await new_tab(), url)
    notes = page.locator(".notes")
    # defer_load: the bound function is computed once the page is shown.
    await expect(page.get_by_text("report of size 2")).to_be_visible()
    await expect(notes).not_to_have_class(re.compile(r"\bdocsync-loading\b"))
    await page.get_by_role("button", name="Busy").click()
    await expect(notes).to_have_attribute("aria-busy", "true")
    await expect(notes).to_have_class(re.compile(r"\bdocsync-loading\b"))
    spinner = await notes.evaluate("el => getComputedStyle(el, '::before').animationName")
    assert spinner == "docsync-spin"
    await screenshot(page, "panel-loading")
    await page.get_by_role("button", name="Busy").click()
    await expect(notes).not_to_have_attribute("aria-busy", "true")
    await expect(notes).not_to_have_class(re.compile(r"\bdocsync-loading\b"))
