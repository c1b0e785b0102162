"""Panel's ``pn.extension`` page settings and templates in a real Chromium
(apps of ``tests/panel_compat/apps``). Requests to other hosts never leave the machine: a
route answers them (the logo) or refuses them."""

from __future__ import annotations

import pytest
from playwright.async_api import BrowserContext, Route, expect

from tests.browser.conftest import Wire, open_page, screenshot, wait_state
from tests.panel_compat.support import APPS

pytestmark = pytest.mark.browser

LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32">'
        '<circle cx="16" cy="16" r="14" fill="#ffffff"/></svg>')


async def offline(context: BrowserContext) -> list[str]:
    """Answer the apps' example.com URLs here; returns the URLs asked for."""
    asked: list[str] = []

    async def answer(route: Route) -> None:
        asked.append(route.request.url)
        if route.request.url.endswith(".svg"):
            await route.fulfill(body=LOGO, content_type="image/svg+xml")
        else:
            await route.abort()

    await context.route("https://**example.com/**", answer)
    return asked


async def test_a_fast_list_template(serve, new_tab) -> None:
    _, url = await serve(APPS / "template_fast_list.py")
    tab = await new_tab()
    asked = await offline(tab.context)
    page = await open_page(tab, url)

    shell = page.locator(".docsync-fastlisttemplate")
    await expect(shell.locator(".docsync-page-title")).to_have_text("Card list")
    await expect(shell.locator(".docsync-page-site")).to_have_text("docsync")
    await expect(shell.locator(".docsync-page-logo img")).to_be_visible()
    await expect(page).to_have_title("Card list")
    assert await page.locator("html").get_attribute("data-docsync-theme") == "dark"
    header = shell.locator(".docsync-page-header")
    assert await header.evaluate("el => getComputedStyle(el).backgroundColor") == \
        "rgb(160, 19, 70)"  # accent="#A01346"
    await expect(page.locator('link[rel="icon"]')).to_have_attribute(
        "href", "https://example.com/favicon.ico")
    sidebar = shell.locator(".docsync-page-sidebar")
    await expect(sidebar).to_be_visible()
    cards = shell.locator(".docsync-page-main > .docsync-column > .docsync-model")
    await expect(cards).to_have_count(1)

    # The sidebar's button appends to template.main in its callback.
    await page.get_by_role("button", name="Add a card").click()
    await expect(cards).to_have_count(2)
    await expect(cards.nth(1)).to_have_text("Card 2")
    await expect(page.get_by_role("slider", name="Cards")).to_have_value("2")
    await screenshot(page, "panel-template-fast-list")

    # template.open_modal() from a callback; Escape closes it and tells the server, so the
    # next open_modal() opens it again.
    dialog = page.locator("dialog.docsync-page-modal")
    for _ in range(2):
        await page.get_by_role("button", name="About").click()
        await expect(dialog).to_be_visible()
        await expect(dialog).to_contain_text("Built with docsync's FastListTemplate.")
        await page.keyboard.press("Escape")
        await expect(dialog).to_be_hidden()

    # The header's switches: the theme, and collapsing the sidebar.
    await page.get_by_role("button", name="Dark theme").click()
    assert await page.locator("html").get_attribute("data-docsync-theme") == "light"
    await page.get_by_role("button", name="Sidebar").click()
    await expect(sidebar).to_be_hidden()
    assert any(u.endswith("logo.svg") for u in asked)


async def test_servables_in_the_template_areas(serve, new_tab) -> None:
    _, url = await serve(APPS / "template_targets.py")
    page = await open_page(await new_tab(), url)
    shell = page.locator(".docsync-fastlisttemplate")
    await expect(shell.locator(".docsync-page-header .greeting")).to_have_text("Welcome")
    fruit = shell.locator(".docsync-page-sidebar").get_by_role("combobox", name="Fruit")
    await fruit.select_option("pear")
    await expect(shell.locator(".docsync-page-main")).to_contain_text("You picked pear")
    await expect(page.locator("dialog.docsync-page-modal")).to_be_hidden()
    await expect(page).to_have_title("Fruit shop")


async def test_a_sidebar_shows_only_with_something_in_it(serve, new_tab) -> None:
    _, url = await serve(APPS / "template_kinds.py")
    tab = await new_tab()
    page = await open_page(tab, url + "?kind=material")
    sidebar = page.locator(".docsync-materialtemplate .docsync-page-sidebar")
    await expect(sidebar.get_by_role("textbox", name="Name")).to_be_visible()
    await screenshot(page, "panel-template-material")
    await page.goto(url + "?kind=bootstrap&bare=1")
    await wait_state(page, "open")
    await expect(page.locator(".docsync-bootstraptemplate .docsync-page-main")).to_contain_text(
        "The bootstrap template")
    await expect(page.locator(".docsync-bootstraptemplate .docsync-page-sidebar")).to_be_hidden()


async def test_extension_settings_apply_to_the_page(serve, new_tab) -> None:
    _, url = await serve(APPS / "config_extension.py")
    tab = await new_tab()
    await offline(tab.context)
    wire = Wire()
    await wire.attach(tab.context)
    page = await open_page(tab, url)

    # raw_css: the rule applies; the second text stays CSS text (no script ran).
    banner = page.locator(".config-banner")
    await expect(banner).to_have_css("border-left-color", "rgb(255, 0, 0)")
    await expect(banner).to_have_css("border-left-width", "6px")
    styles = page.locator("head style[data-docsync-settings]")
    await expect(styles).to_have_count(2)
    assert await styles.nth(1).text_content() == \
        "</style><script>window.injected = true</script>"
    assert await page.evaluate("window.injected") is None
    await expect(page.locator("head link[data-docsync-settings]")).to_have_attribute(
        "href", "https://cdn.example.com/extra.css")
    # ready_notification: a toast once the page is shown.
    await expect(page.locator(".docsync-toast-success .docsync-toast-text")).to_have_text(
        "Ready to go")

    # throttled: dragging sends `value` only with `value_throttled`, on release.
    slider = page.get_by_role("slider", name="Amount")
    box = await slider.bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    await page.mouse.move(box["x"] + 4, y)
    await page.mouse.down()
    for step in range(1, 6):
        await page.mouse.move(box["x"] + box["width"] * step / 8, y)
    await page.mouse.up()
    await expect(page.locator(".docsync-paramfunction")).not_to_have_text("amount is 10")
    ops = [op["path"].rsplit("/", 1)[-1] for m in wire.sent_of("patch") for op in m["ops"]]
    assert ops == ["value", "value_throttled"], ops  # one patch, at release

    # disconnect_notification: a toast while the connection is down.
    await wire.cut()
    await wait_state(page, "reconnecting")
    lost = page.locator(".docsync-toast-error", has_text="Lost the server")
    await expect(lost).to_be_visible()
    wire.restore()
    await wait_state(page, "open")
    await expect(lost).to_have_count(0)


async def test_a_dark_theme_from_config(serve, new_tab) -> None:
    _, url = await serve(APPS / "config_dark.py")
    page = await open_page(await new_tab(), url)
    await expect(page.locator("html")).to_have_attribute("data-docsync-theme", "dark")
    body = await page.locator("body").evaluate("el => getComputedStyle(el).backgroundColor")
    assert body == "rgb(13, 17, 23)"  # the dark theme's background
