"""The widgets and indicators of issue 3 in a real Chromium: found by role and name, each
sends its value and shows the server's; refusals snap back; uploads are checked; the busy
indicator shows during a slow callback."""

from __future__ import annotations

import json

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import APPS, Wire, open_page, screenshot

pytestmark = pytest.mark.browser

APP = APPS / "widgets_more.py"


def echo(page: Page, name: str):
    return page.locator(f".echo-{name}")


async def test_every_widget_sends_its_value_and_shows_the_servers(serve, new_tab) -> None:
    _, url = await serve(APP)
    page = await open_page(await new_tab(), url)

    toggle = page.get_by_role("button", name="Bold")
    password = page.get_by_role("textbox", name="Password")
    notes = page.get_by_role("textbox", name="Notes")
    price = page.get_by_role("group", name="Price")
    lower = page.get_by_role("slider", name="Price lower")
    upper = page.get_by_role("slider", name="Price upper")
    count = page.get_by_role("spinbutton", name="Count")
    ratio = page.get_by_role("spinbutton", name="Ratio")
    fruits = page.get_by_role("listbox", name="Fruits")
    size = page.get_by_role("radiogroup", name="Size")
    extras = page.get_by_role("group", name="Extras")
    day = page.get_by_label("Day")
    colour = page.get_by_label("Colour")

    # The first render shows the server's values.
    await expect(toggle).to_have_attribute("aria-pressed", "false")
    await expect(password).to_have_attribute("type", "password")
    await expect(password).to_have_attribute("placeholder", "secret")
    await expect(notes).to_have_attribute("rows", "3")
    await expect(notes).to_have_attribute("maxlength", "200")
    await expect(price).to_be_visible()
    await expect(lower).to_have_value("2")
    await expect(upper).to_have_value("5")
    await expect(count).to_have_value("4")
    await expect(ratio).to_have_value("0.5")
    await expect(fruits.locator("option:checked")).to_have_text(["apple"])
    await expect(size.get_by_role("radio", name="M")).to_be_checked()
    await expect(extras.get_by_role("checkbox", name="milk")).not_to_be_checked()
    await expect(day).to_have_value("2024-05-17")
    await expect(day).to_have_attribute("min", "2024-01-01")
    await expect(colour).to_have_value("#336699")
    score = page.get_by_role("figure", name="Score")
    await expect(score).to_contain_text("42 pts")
    await expect(score.locator(".docsync-number-value")).to_have_css("color", "rgb(26, 127, 55)")
    done = page.get_by_role("progressbar", name="Done")
    await expect(done).to_have_attribute("value", "30")
    working = page.get_by_role("status", name="Working")
    await expect(working).to_have_attribute("aria-busy", "false")

    # The browser's values reach the server (the echoes are computed there), by keyboard
    # where a person would use it.
    await toggle.focus()
    await page.keyboard.press("Space")
    await expect(toggle).to_have_attribute("aria-pressed", "true")
    await expect(echo(page, "toggle")).to_have_text("toggle = True")
    await toggle.click()
    await expect(echo(page, "toggle")).to_have_text("toggle = False")
    await password.fill("hunter2")
    await expect(echo(page, "password")).to_have_text("password = 'hunter2'")
    await notes.fill("first\nsecond")
    await expect(echo(page, "notes")).to_have_text("notes = 'first\\nsecond'")
    await lower.focus()
    await lower.press("ArrowRight")
    await expect(echo(page, "price")).to_have_text("price = (3, 5)")
    await upper.focus()
    await upper.press("End")
    await expect(echo(page, "price")).to_have_text("price = (3, 10)")
    await expect(echo(page, "price-throttled")).to_have_text("price-throttled = (3, 10)")
    await count.focus()
    await count.press("ArrowUp")
    await expect(echo(page, "count")).to_have_text("count = 5")
    await ratio.fill("0.8")
    await ratio.press("Enter")
    await expect(echo(page, "ratio")).to_have_text("ratio = 0.8")
    await fruits.select_option(["pear", "plum"])
    await expect(echo(page, "fruits")).to_have_text("fruits = ['pear', 'plum']")
    await size.get_by_role("radio", name="M").focus()
    await page.keyboard.press("ArrowRight")
    await expect(size.get_by_role("radio", name="L")).to_be_checked()
    await expect(echo(page, "size")).to_have_text("size = 'L'")
    await size.get_by_text("S", exact=True).click()
    await expect(echo(page, "size")).to_have_text("size = 'S'")
    await extras.get_by_role("checkbox", name="sugar").focus()
    await page.keyboard.press("Space")
    await expect(echo(page, "extras")).to_have_text("extras = ['sugar']")
    await extras.get_by_role("checkbox", name="milk").check()
    await expect(echo(page, "extras")).to_have_text("extras = ['milk', 'sugar']")
    await day.fill("2024-06-30")
    await expect(echo(page, "day")).to_have_text("day = datetime.date(2024, 6, 30)")
    await colour.fill("#AA0011")
    await expect(echo(page, "colour")).to_have_text("colour = '#aa0011'")

    # The server's values reach the browser.
    await page.get_by_role("button", name="Set from server").click()
    await expect(toggle).to_have_attribute("aria-pressed", "true")
    await expect(password).to_have_value("from server")
    await expect(notes).to_have_value("line one\nline two")
    await expect(lower).to_have_value("6")
    await expect(upper).to_have_value("9")
    readout = page.locator(".docsync-intrangeslider .docsync-readout")
    await expect(readout).to_have_text("6 \u2013 9")  # an en dash
    await expect(count).to_have_value("8")
    await expect(ratio).to_have_value("0.2")
    await expect(fruits.locator("option:checked")).to_have_text(["pear", "plum"])
    await expect(size.get_by_role("radio", name="L")).to_be_checked()
    await expect(extras.get_by_role("checkbox", name="milk")).not_to_be_checked()
    await expect(extras.get_by_role("checkbox", name="sugar")).to_be_checked()
    await expect(day).to_have_value("2025-01-31")
    await expect(colour).to_have_value("#ff8800")
    await expect(score).to_contain_text("120 pts")
    await expect(score.locator(".docsync-number-value")).to_have_css("color", "rgb(207, 34, 46)")
    await expect(done).not_to_have_attribute("value", "30")
    assert await done.evaluate("el => el.position") == -1  # indeterminate
    await expect(working).to_have_attribute("aria-busy", "true")
    await screenshot(page, "widgets-more")

    # The dark theme (as a ds.template.Page sets it) reaches every new control.
    await page.evaluate("document.documentElement.dataset.docsyncTheme = 'dark'")
    await expect(password).to_have_css("background-color", "rgb(13, 17, 23)")
    await expect(size.get_by_text("S", exact=True)).to_have_css("color", "rgb(230, 237, 243)")
    await screenshot(page, "widgets-more-dark")


async def test_value_throttled_is_sent_when_the_handle_is_released(serve, new_tab) -> None:
    _, url = await serve(APP)
    page = await open_page(await new_tab(), url)
    level = page.get_by_role("slider", name="Level")
    box = await level.bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2

    await page.mouse.move(box["x"] + 8, y)
    await page.mouse.down()
    for step in range(1, 6):  # drag: `value` follows, `value_throttled` waits
        await page.mouse.move(box["x"] + box["width"] * step / 10, y)
        await expect(echo(page, "level")).not_to_have_text("level = 10")
    await expect(echo(page, "level-throttled")).to_have_text(
        "level-throttled = 10 after 0 releases")
    await page.mouse.up()
    final = await level.input_value()
    await expect(echo(page, "level")).to_have_text(f"level = {final}")
    await expect(echo(page, "level-throttled")).to_have_text(
        f"level-throttled = {final} after 1 releases")


async def test_text_value_throttled_is_sent_on_enter_or_leaving_the_field(serve, new_tab) -> None:
    _, url = await serve(APP)
    page = await open_page(await new_tab(), url)
    search = page.get_by_role("textbox", name="Search")
    notes = page.get_by_role("textbox", name="Notes")
    committed = echo(page, "search-committed")
    await expect(committed).to_have_text("search-committed = '' after 0 commits")

    # Typing streams `value`; once the server shows it, it has seen every message before,
    # so an unchanged `value_throttled` means none was sent.
    await search.press_sequentially("abc")
    await expect(echo(page, "search")).to_have_text("search = 'abc'")
    await expect(committed).to_have_text("search-committed = '' after 0 commits")
    await search.press("Enter")
    await expect(committed).to_have_text("search-committed = 'abc' after 1 commits")
    await search.press_sequentially("de")
    await expect(echo(page, "search")).to_have_text("search = 'abcde'")
    await expect(committed).to_have_text("search-committed = 'abc' after 1 commits")
    await search.press("Tab")  # leaving the field commits too
    await expect(committed).to_have_text("search-committed = 'abcde' after 2 commits")

    # In a textarea Enter is a new line; only leaving the field commits.
    await notes.press_sequentially("one")
    await notes.press("Enter")
    await notes.press_sequentially("two")
    await expect(echo(page, "notes")).to_have_text("notes = 'one\\ntwo'")
    await expect(echo(page, "notes-committed")).to_have_text("notes-committed = '' after 0 commits")
    await notes.blur()
    await expect(echo(page, "notes-committed")).to_have_text(
        "notes-committed = 'one\\ntwo' after 1 commits")


async def test_a_refused_value_snaps_back_with_a_message(serve, new_tab) -> None:
    _, url = await serve(APP)
    page = await open_page(await new_tab(), url)
    count = page.get_by_role("spinbutton", name="Count")
    await count.fill("99")
    await count.press("Enter")
    toast = page.get_by_role("alert").filter(has_text="must be at most 10, not 99")
    await expect(toast).to_contain_text("IntInput 'Count'")
    await expect(count).to_have_value("4")
    await expect(echo(page, "count")).to_have_text("count = 4")
    # The session goes on.
    await count.fill("7")
    await count.press("Enter")
    await expect(echo(page, "count")).to_have_text("count = 7")


async def test_uploads_are_checked_in_the_page_before_they_are_sent(serve, new_tab) -> None:
    _, url = await serve(APP)
    tab = await new_tab()
    wire = Wire()
    await wire.attach(tab.context)
    page = await open_page(tab, url)
    upload = page.get_by_role("button", name="Upload")
    await expect(upload).to_have_attribute("accept", ".txt,text/plain")

    await upload.set_input_files(files=[{"name": "big.txt", "mimeType": "text/plain",
                                         "buffer": b"x" * 2048}])
    error = page.locator(".docsync-fileinput").get_by_role("alert")
    await expect(error).to_have_text("big.txt is 2.0 KiB; the limit is 1.0 KiB.")
    await upload.set_input_files(files=[{"name": "photo.png", "mimeType": "image/png",
                                         "buffer": b"\x89PNG"}])
    await expect(error).to_have_text(
        "photo.png is not one of the accepted types: .txt,text/plain.")
    assert wire.sent_of("event") == []  # neither file left the page
    await expect(echo(page, "upload")).to_have_text("upload = none")

    await upload.set_input_files(files=[{"name": "notes.txt", "mimeType": "text/plain",
                                         "buffer": b"hello"}])
    await expect(echo(page, "upload")).to_have_text("upload = notes.txt text/plain 5 bytes")
    await expect(page.locator(".docsync-file-error")).to_be_empty()
    await expect(page.locator(".docsync-file-note")).to_have_text("Uploaded notes.txt")
    [sent] = wire.sent_of("event")
    assert sent["name"] == "upload" and sent["data"]["data"] == "aGVsbG8="


async def test_file_download_saves_the_file(serve, new_tab) -> None:
    _, url = await serve(APP)
    tab = await new_tab()
    wire = Wire()
    await wire.attach(tab.context)
    page = await open_page(tab, url)
    button = page.get_by_role("button", name="Download report.csv")
    for _ in range(2):  # every click downloads again
        async with page.expect_download() as info:
            await button.click()
        download = await info.value
        assert download.suggested_filename == "report.csv"
        path = await download.path()
        assert path.read_bytes() == b"name,score\nada,3\n"
    # Each file came as a one-off command (PROTOCOL.md §4), never in the document.
    files = [m["data"] for m in wire.received_of("command") if m["name"] == "download"]
    assert [f["filename"] for f in files] == ["report.csv", "report.csv"]
    assert not any(files[0]["data"] in json.dumps(m) for m in wire.received_of("patch"))


async def test_the_busy_indicator_shows_during_a_slow_callback(serve, new_tab) -> None:
    _, url = await serve(APP)
    page = await open_page(await new_tab(), url)
    busy = page.get_by_role("status", name="Busy")
    await expect(busy).to_be_hidden()
    await page.get_by_role("button", name="Slow").click()
    await expect(busy).to_be_visible()
    await screenshot(page, "widgets-more-busy")
    await expect(page.get_by_role("figure", name="Score")).to_contain_text("7 pts")
    await expect(busy).to_be_hidden()


async def test_the_busy_indicator_follows_the_servers_busy_state(serve, new_tab) -> None:
    # No page message waits for an answer here: the spinner shows because the server says
    # its session is busy with work a periodic callback started.
    _, url = await serve(APPS / "background_busy.py")
    tab = await new_tab()
    wire = Wire()
    await wire.attach(tab.context)
    page = await open_page(tab, url)
    busy = page.get_by_role("status", name="Busy")
    status = page.locator(".background-status")
    await expect(busy).to_be_visible()
    await expect(status).to_have_text("waiting")  # the job's change comes when it ends
    await screenshot(page, "background-busy")
    await expect(status).to_have_text("done")
    await expect(busy).to_be_hidden()
    assert [m["type"] for m in wire.sent if m["type"] in ("patch", "event")] == []
    said = [m["data"] for m in wire.received if m.get("name") == "busy"]
    assert said == [{"busy": True}, {"busy": False}]

