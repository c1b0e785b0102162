"""Logging in through the login page in a real browser, and out again."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.browser.conftest import screenshot, wait_state
from tests.server.support import APPS

pytestmark = pytest.mark.browser


async def test_log_in_use_the_app_and_log_out(serve, new_tab, tmp_path) -> None:
    _, url = await serve(APPS / "whoami.py", args=("--basic-auth", "let me in"))
    tab = await new_tab()
    page = tab.page
    await page.goto(url)
    await expect(page).to_have_url(url.rsplit("/", 1)[0] + "/login?next=/whoami")
    await page.get_by_label("User name").fill("carol")
    await page.get_by_label("Password").fill("wrong")
    await page.get_by_role("button", name="Log in").click()
    await expect(page.get_by_role("alert")).to_have_text("Wrong user name or password.")
    await expect(page.get_by_label("Password")).to_be_focused()
    await page.get_by_label("Password").fill("let me in")
    await page.get_by_label("Password").press("Enter")
    await expect(page).to_have_url(url)
    await wait_state(page, "open")
    await expect(page.get_by_text("Logged in as carol")).to_be_visible()
    await screenshot(page, "login-done")

    # Logging out in another tab of the same browser ends this page's session: it goes
    # back to the login page by itself.
    other = await tab.context.new_page()
    await other.goto(url.rsplit("/", 1)[0] + "/logout")
    await expect(other.get_by_role("heading", name="Logged out")).to_be_visible()
    await expect(page.get_by_role("button", name="Log in")).to_be_visible()
