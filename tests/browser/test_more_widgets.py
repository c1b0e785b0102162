"""Issue 14's widgets and media panes in a real Chromium: each found by role and name,
operated with the keyboard, sending its value and showing the server's; refusals snap
back; both themes."""

from __future__ import annotations

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import APPS, open_page, screenshot

pytestmark = pytest.mark.browser

APP = APPS / "more_widgets.py"


def echo(page: Page, name: str):
    return page.locator(f".echo-{name}")


async def test_each_widget_is_operated_by_keyboard_and_shows_the_servers_values(
        serve, new_tab) -> None:
    _, url = await serve(APP)
    page = await open_page(await new_tab(), url)
    kb = page.keyboard

    switch = page.get_by_role("switch", name="Dark mode")
    await expect(switch).not_to_be_checked()
    await switch.focus()
    await kb.press("Space")
    await expect(echo(page, "switch")).to_have_text("switch = True")

    await expect(page.locator(".docsync-statictext")).to_have_text("Model: animagen2")

    span_lower = page.get_by_role("slider", name="Span lower")
    await expect(span_lower).to_have_value("0.5")
    await span_lower.focus()
    await kb.press("ArrowRight")
    await expect(echo(page, "span")).to_have_text("span = (1.0, 1.5)")

    grade = page.get_by_role("slider", name="Grade")
    await expect(grade).to_have_attribute("aria-valuetext", "Mid")
    await grade.focus()
    await kb.press("ArrowRight")
    await expect(echo(page, "grade")).to_have_text("grade = 10")
    await expect(grade).to_have_attribute("aria-valuetext", "High")

    speed_field = page.get_by_role("spinbutton", name="Speed value")
    await speed_field.fill("25")
    await speed_field.press("Enter")
    await expect(echo(page, "speed")).to_have_text("speed = 25")
    await expect(echo(page, "speed-end")).to_have_text("speed-end = 25")
    await expect(page.get_by_role("slider", name="Speed")).to_have_attribute("max", "25")

    day = page.get_by_role("slider", name="Day")
    await expect(day).to_have_attribute("aria-valuetext", "2024-01-10")
    await day.focus()
    await kb.press("ArrowRight")
    await expect(echo(page, "day")).to_have_text("day = datetime.date(2024, 1, 11)")

    period_upper = page.get_by_role("slider", name="Period upper")
    await period_upper.focus()
    await kb.press("ArrowLeft")
    await expect(echo(page, "period")).to_have_text(
        "period = (datetime.date(2024, 3, 1), datetime.date(2024, 5, 31))")

    meeting = page.get_by_label("Meeting")
    await expect(meeting).to_have_value("2024-05-01T09:30")
    await meeting.fill("2024-05-02T10:45")
    await expect(echo(page, "meeting")).to_have_text(
        "meeting = datetime.datetime(2024, 5, 2, 10, 45)")

    await meeting.focus()  # the first field of the native picker is the month
    await kb.press("ArrowUp")
    await expect(echo(page, "meeting")).to_have_text(
        "meeting = datetime.datetime(2024, 6, 2, 10, 45)")

    alarm = page.get_by_label("Alarm")
    await expect(alarm).to_have_value("07:15")
    await alarm.fill("08:30")
    await expect(echo(page, "alarm")).to_have_text("alarm = datetime.time(8, 30)")
    await alarm.focus()  # the hour field
    await kb.press("ArrowUp")
    await expect(echo(page, "alarm")).to_have_text("alarm = datetime.time(9, 30)")

    subject = page.get_by_role("combobox", name="Subject")
    await subject.press_sequentially("bio")
    await expect(echo(page, "subject-input")).to_have_text("subject-input = 'bio'")
    options = page.locator(".docsync-autocompleteinput datalist option")
    await expect(options).to_have_count(2)
    await subject.fill("biology")
    await subject.press("Enter")
    await expect(echo(page, "subject")).to_have_text("subject = 'Biology'")

    tools = page.get_by_role("group", name="Tools")
    search = tools.get_by_role("combobox", name="Tools search")
    await search.fill("bokeh")
    await search.press("Enter")
    await expect(echo(page, "tools")).to_have_text("tools = ['Panel', 'Bokeh']")
    await tools.get_by_role("button", name="Remove Panel").focus()
    await kb.press("Enter")
    await expect(echo(page, "tools")).to_have_text("tools = ['Bokeh']")

    models = page.get_by_role("group", name="Models")
    await models.get_by_role("checkbox", name="Lasso").focus()
    await kb.press("Space")
    await expect(echo(page, "models")).to_have_text("models = ['Lasso', 'Ridge']")

    sponsor = page.get_by_role("radiogroup", name="Sponsor")
    await sponsor.get_by_role("radio", name="Anaconda").focus()
    await kb.press("ArrowRight")
    await expect(echo(page, "sponsor")).to_have_text("sponsor = 'Blackstone'")

    file_button = page.get_by_role("button", name="File")
    await expect(file_button).to_have_attribute("aria-haspopup", "menu")
    await file_button.focus()
    await kb.press("Enter")
    menu = page.get_by_role("menu", name="File")
    await expect(menu).to_be_visible()
    await expect(menu.get_by_role("menuitem", name="Open")).to_be_focused()
    await kb.press("ArrowDown")
    await expect(menu.get_by_role("menuitem", name="Save")).to_be_focused()
    await kb.press("Enter")
    await expect(echo(page, "menu")).to_have_text("menu = 'save'")
    await expect(menu).to_be_hidden()
    await expect(file_button).to_be_focused()
    await kb.press("ArrowDown")
    await kb.press("Escape")
    await expect(menu).to_be_hidden()

    frames = page.get_by_role("group", name="Frames")
    await frames.get_by_role("button", name="Step forward").focus()
    await kb.press("Enter")
    await expect(echo(page, "player")).to_have_text("player = 1")
    await frames.get_by_role("button", name="Play", exact=True).focus()
    await kb.press("Enter")
    # Played to the end, where loop policy "once" pauses.
    await expect(echo(page, "player")).to_have_text("player = 3")
    await expect(echo(page, "player-direction")).to_have_text("player-direction = 0")
    await frames.get_by_role("radio", name="Loop").focus()
    await kb.press("Space")
    await frames.get_by_role("slider", name="Frames frame").focus()
    await kb.press("Home")
    await expect(echo(page, "player")).to_have_text("player = 0")

    limits = page.get_by_role("textbox", name="Limits")
    await expect(limits).to_have_value("{'low': 1, 'high': 5}")
    await limits.fill("{'low':2,'high':9}")
    await limits.press("Enter")
    await expect(echo(page, "limits")).to_have_text("limits = {'low': 2, 'high': 9}")
    await expect(limits).to_have_value("{'low': 2, 'high': 9}")  # the server's own text

    # The server's values reach the page.
    await page.get_by_role("button", name="Set from server").click()
    await expect(switch).to_be_checked()
    await expect(page.locator(".docsync-statictext")).to_have_text("Model: 42")
    await expect(span_lower).to_have_value("0")
    await expect(grade).to_have_attribute("aria-valuetext", "High")
    await expect(speed_field).to_have_value("40")
    await expect(page.get_by_role("slider", name="Speed")).to_have_attribute("max", "40")
    await expect(day).to_have_attribute("aria-valuetext", "2024-01-20")
    await expect(period_upper).to_have_attribute("aria-valuetext", "2024-02-29")
    await expect(meeting).to_have_value("2024-07-04T18:00")
    await expect(alarm).to_have_value("11:45")
    await expect(subject).to_have_value("Chemistry")
    await expect(tools.locator(".docsync-tag > span")).to_have_text(["Bokeh", "Param"])
    await expect(tools.get_by_role("button", name="Remove Param")).to_be_visible()
    await expect(models.get_by_role("checkbox", name="Linear")).to_be_checked()
    await expect(models.get_by_role("checkbox", name="Ridge")).not_to_be_checked()
    await expect(sponsor.get_by_role("radio", name="Blackstone")).to_be_checked()
    await expect(frames.get_by_role("slider", name="Frames frame")).to_have_value("2")
    await expect(limits).to_have_value("{'low': 0}")
    await screenshot(page, "more-widgets")

    # The dark theme reaches the new controls.
    await page.evaluate("document.documentElement.dataset.docsyncTheme = 'dark'")
    await expect(meeting).to_have_css("background-color", "rgb(13, 17, 23)")
    await expect(tools.locator(".docsync-tag").first).to_have_css(
        "background-color", "rgb(22, 27, 34)")
    await expect(switch).to_have_css("background-color", "rgb(68, 147, 248)")
    await screenshot(page, "more-widgets-dark")


async def test_refused_browser_values_snap_back_with_a_message(serve, new_tab) -> None:
    _, url = await serve(APP)
    page = await open_page(await new_tab(), url)

    speed_field = page.get_by_role("spinbutton", name="Speed value")
    await speed_field.fill("500")  # past fixed_end
    await speed_field.press("Enter")
    await expect(page.get_by_role("alert").filter(has_text="at most 100, not 500")).to_be_visible()
    await expect(speed_field).to_have_value("3")
    await expect(echo(page, "speed")).to_have_text("speed = 3")

    subject = page.get_by_role("combobox", name="Subject")
    await subject.fill("Physics")
    await subject.press("Enter")
    await expect(page.get_by_role("alert").filter(
        has_text="'Physics' is not one of the options")).to_be_visible()
    await expect(subject).to_have_value("")

    limits = page.get_by_role("textbox", name="Limits")
    await limits.fill("[1, 2]")
    await limits.press("Enter")
    await expect(page.get_by_role("alert").filter(
        has_text="must be a dict, not list")).to_be_visible()
    await expect(limits).to_have_value("{'low': 1, 'high': 5}")

    alarm = page.get_by_label("Alarm")
    await alarm.fill("13:00")  # after the end
    await expect(page.get_by_role("alert").filter(has_text="at most 12:00:00")).to_be_visible()
    await expect(alarm).to_have_value("07:15")


async def test_media_panes_play_and_show_a_pdf(serve, new_tab) -> None:
    _, url = await serve(APP)
    page = await open_page(await new_tab(), url)
    audio = page.locator("audio.docsync-media")
    await expect(audio).to_have_attribute("aria-label", "Audio")
    assert (await audio.get_attribute("src") or "").startswith("data:audio/wav;base64,")
    # What the user does with the player reaches the server.
    await audio.evaluate("el => { el.muted = true; el.volume = 0.5; return el.play(); }")
    await expect(echo(page, "sound")).to_have_text("sound = False")
    await expect(echo(page, "sound-volume")).to_have_text("sound-volume = 50")
    await audio.evaluate("el => el.pause()")
    await expect(echo(page, "sound")).to_have_text("sound = True")

    video = page.get_by_label("Video", exact=True)
    await expect(video).to_have_attribute("src", "/static-media/none.mp4")
    assert await video.evaluate("el => [el.controls, el.loop, el.muted, el.volume]") == [
        True, True, True, 0.4]

    frame = page.locator("iframe.docsync-pdf-frame")
    assert (await frame.get_attribute("src") or "").startswith("blob:")
    link = page.get_by_role("link", name="Open the PDF")
    href = await link.get_attribute("href")
    assert href and href.startswith("blob:")
    size = await page.evaluate("async (u) => (await (await fetch(u)).arrayBuffer()).byteLength",
                               href)
    from tests.browser.apps.more_widgets import PDF_BYTES

    assert size == len(PDF_BYTES)
