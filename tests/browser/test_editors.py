"""DiscretePlayer and JSONEditor in Chromium, operated by role, name and keyboard; what is
not JSON is refused in the page with a message; the views come in view bundles that a
page without them never fetches."""

from __future__ import annotations

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import APPS, HELLO, open_page, screenshot

pytestmark = pytest.mark.browser

APP = APPS / "editors.py"


def echo(page: Page, name: str):
    return page.locator(f".echo-{name}")


def record_requests(page: Page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


async def test_a_hello_page_fetches_no_view_bundle(serve, new_tab) -> None:
    _, url = await serve(HELLO)
    tab = await new_tab()
    requests = record_requests(tab.page)
    page = await open_page(tab, url)
    await expect(page.get_by_role("slider", name="x")).to_be_visible()
    static = sorted(u.rsplit("/", 1)[1] for u in requests if "/_docsync/static/" in u)
    assert static == ["docsync.css", "docsync.js"], requests


async def test_discrete_player_plays_options_and_shows_their_labels(serve, new_tab) -> None:
    _, url = await serve(APP)
    tab = await new_tab()
    requests = record_requests(tab.page)
    page = await open_page(tab, url)
    frames = page.get_by_role("group", name="Year")
    slider = frames.get_by_role("slider", name="Year frame")
    await expect(slider).to_have_attribute("aria-valuetext", "Twenty-one")
    await expect(slider).to_have_attribute("max", "2")
    await expect(frames.locator(".docsync-readout")).to_have_text("Twenty-one")
    assert any(u.endswith("/views-widgets.js") for u in requests)

    await slider.focus()
    await page.keyboard.press("ArrowLeft")
    await expect(echo(page, "years")).to_have_text("years = 2020")
    await expect(slider).to_have_attribute("aria-valuetext", "Twenty")
    # Play runs the page's timer to the last option ("once" stops there).
    await frames.get_by_role("button", name="Play", exact=True).click()
    await expect(echo(page, "years")).to_have_text("years = 2022")
    await expect(frames.get_by_role("button", name="Play", exact=True)).to_have_attribute(
        "aria-pressed", "false")
    await frames.get_by_role("button", name="First").click()
    await expect(echo(page, "years")).to_have_text("years = 2020")


async def test_json_editor_edits_in_tree_form_and_text_and_refuses_what_is_not_json(
        serve, new_tab) -> None:
    _, url = await serve(APP)
    tab = await new_tab()
    requests = record_requests(tab.page)
    page = await open_page(tab, url)
    title = page.get_by_role("textbox", name="Config title")
    await expect(title).to_have_value('"Run"')
    assert sum(u.endswith("/views-editor.js") for u in requests) == 1  # one fetch, 3 editors

    # Tree mode: a leaf takes any JSON, even a list.
    await title.fill('"Trial"')
    await title.press("Enter")
    await expect(echo(page, "config")).to_have_text(
        "config = {'title': 'Trial', 'sizes': [1, 2], 'on': True}")
    size = page.get_by_role("textbox", name="Config sizes[1]")
    await size.fill("[3, 4]")
    await size.press("Enter")
    await expect(echo(page, "config")).to_have_text(
        "config = {'title': 'Trial', 'sizes': [1, [3, 4]], 'on': True}")

    # Not JSON: marked, explained, not sent.
    flag = page.get_by_role("textbox", name="Config on")
    await flag.fill("'yes'")
    await flag.press("Enter")
    await expect(flag).to_have_attribute("aria-invalid", "true")
    await expect(page.get_by_role("alert").filter(has_text="on is not valid JSON")).to_contain_text(
        "double quotes")
    await expect(echo(page, "config")).to_have_text(
        "config = {'title': 'Trial', 'sizes': [1, [3, 4]], 'on': True}")

    # Search opens and marks what matches.
    search = page.get_by_role("searchbox", name="Search Config")
    await search.fill("size")
    await expect(page.locator(".docsync-jsoneditor .docsync-json-match")).to_have_count(1)
    await expect(page.get_by_text("1 match", exact=True)).to_be_visible()

    # The menu's Text switch writes mode back; the text is checked as it is typed.
    await page.get_by_role("button", name="Text").first.click()
    await expect(echo(page, "config-mode")).to_have_text("config-mode = 'text'")
    text = page.get_by_role("textbox", name="Config as text")
    await text.fill('{"title": "Typed", ')
    await expect(text).to_have_attribute("aria-invalid", "true")
    await expect(page.get_by_role("alert").filter(has_text="nothing was sent")).to_be_visible()
    await text.fill('{"title": "Typed", "n": [1.5, null]}')
    await text.press("Control+Enter")
    await expect(echo(page, "config")).to_have_text(
        "config = {'title': 'Typed', 'n': [1.5, None]}")

    # Form mode keeps each leaf's kind.
    count = page.get_by_role("textbox", name="Fixed n")
    await count.fill('"three"')
    await count.press("Enter")
    await expect(page.get_by_role("alert").filter(
        has_text="n is a string, but in form mode it must stay a number")).to_be_visible()
    await count.fill("4")
    await count.press("Enter")
    await expect(echo(page, "fixed")).to_have_text("fixed = {'n': 4, 's': 'a'}")
    await expect(page.get_by_role("group", name="Fixed").get_by_role("button")).to_have_count(0)

    # Text mode from the start: committed by leaving the field.
    raw = page.get_by_role("textbox", name="Raw as text")
    await raw.fill("[2, 3]")
    await page.get_by_role("button", name="Set from server").focus()
    await expect(echo(page, "raw")).to_have_text("raw = [2, 3]")

    # The server's values reach the page; the dark theme restyles the editor.
    await page.get_by_role("button", name="Set from server").click()
    await expect(page.get_by_role("textbox", name="Config as text")).to_have_value(
        '{\n  "title": "Server"\n}')
    await expect(page.get_by_role("slider", name="Year frame")).to_have_attribute(
        "aria-valuetext", "Twenty-two")
    await page.evaluate("document.documentElement.dataset.docsyncTheme = 'dark'")
    await expect(page.get_by_role("textbox", name="Raw as text")).to_have_css(
        "background-color", "rgb(13, 17, 23)")
    await screenshot(page, "editors-dark")


async def test_panel_picks_the_audio_pane_for_a_sound_file(serve, new_tab) -> None:
    _, url = await serve(APP)
    page = await open_page(await new_tab(), url)
    audio = page.locator("audio.docsync-media")
    await expect(audio).to_have_attribute("aria-label", "Audio")
    assert (await audio.get_attribute("src") or "").startswith("data:audio/wav;base64,")
