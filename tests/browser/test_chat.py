"""``ds.chat`` in Chromium: keyboard use with roles and names, a streamed reply that
survives a cut connection (the whole reply shown exactly once), Stop, an over-long
message refused with the page restored, and both themes."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.browser.apps.chat import WORDS
from tests.browser.conftest import APPS, Wire, open_page, screenshot, wait_state

pytestmark = pytest.mark.browser

FULL = " ".join(WORDS)


async def test_keyboard_only_chat_with_roles_and_names(serve, new_tab) -> None:
    _, url = await serve(APPS / "chat.py")
    page = await open_page(await new_tab(), url)
    log = page.get_by_role("log", name="Chat messages")
    box = page.get_by_role("textbox", name="Send a message")
    await expect(page.get_by_role("button", name="Send")).to_be_visible()
    await box.focus()
    await page.keyboard.type("echo hi")
    await page.keyboard.press("Shift+Enter")  # a new line, not a send
    await page.keyboard.type("there")
    await expect(box).to_have_value("echo hi\nthere")
    await page.keyboard.press("Enter")
    reply = log.get_by_role("article", name="Message from Streamer")
    await expect(reply).to_contain_text("You said:")
    await expect(reply.locator("strong")).to_have_text("echo hi\nthere")  # Markdown, once done
    await expect(log.get_by_role("article", name="Message from User")).to_have_count(1)
    await expect(box).to_have_value("")
    await expect(box).to_be_focused()
    # A streamed reply disables the input meanwhile; the focus comes back after it.
    await page.keyboard.type("tell me more")
    await page.keyboard.press("Enter")
    await expect(box).to_be_disabled()
    await expect(log.get_by_role("article", name="Message from Streamer").last
                 ).to_have_attribute("aria-busy", "false", timeout=20_000)
    await expect(box).to_be_enabled()
    await expect(box).to_be_focused()
    # Tab reaches the buttons; Enter on Clear empties the log.
    await page.keyboard.press("Tab")
    await expect(page.get_by_role("button", name="Send")).to_be_focused()
    clear = page.get_by_role("button", name="Clear")
    await clear.focus()
    await page.keyboard.press("Enter")
    await expect(log.get_by_role("article")).to_have_count(0)


async def test_a_reply_cut_mid_stream_is_shown_whole_exactly_once(serve, new_tab) -> None:
    _, url = await serve(APPS / "chat.py")
    tab = await new_tab()
    wire = Wire()
    await wire.attach(tab.context)
    page = await open_page(tab, url)
    await page.get_by_role("textbox", name="Send a message").fill("tell me")
    await page.keyboard.press("Enter")
    reply = page.get_by_role("article", name="Message from Streamer")
    content = reply.locator(".docsync-chat-content")
    await expect(content).to_contain_text("w30 ")
    await expect(reply).to_have_attribute("aria-busy", "true")
    await expect(page.get_by_role("button", name="Stop")).to_be_visible()

    await wire.cut()
    await wait_state(page, "reconnecting")
    shown = await content.text_content()
    assert shown is not None and FULL.startswith(shown.rstrip())
    wire.restore()
    await wait_state(page, "open")
    await expect(reply).to_have_attribute("aria-busy", "false", timeout=20_000)
    await expect(content.locator("p")).to_have_text(FULL)  # every word, once, in order
    await expect(page.get_by_role("button", name="Send")).to_be_visible()
    # The resume replayed what the page missed: no second snapshot was needed.
    assert len(wire.received_of("snapshot")) == 1
    assert wire.received_of("welcome")[-1]["resumed"] is True
    # While it streamed, a word cost a small append op, never the whole text again.
    appends = [op for m in wire.received_of("patch") for op in m["ops"]
               if op["op"] == "add" and op["path"].endswith("/text/-")]
    assert appends and max(len(op["value"]) for op in appends) < 10


async def test_stop_ends_the_reply_and_the_page_can_send_again(serve, new_tab) -> None:
    _, url = await serve(APPS / "chat.py")
    page = await open_page(await new_tab(), url)
    box = page.get_by_role("textbox", name="Send a message")
    await box.fill("go")
    await box.press("Enter")
    reply = page.get_by_role("article", name="Message from Streamer")
    await expect(reply).to_contain_text("w10 ")
    await expect(box).to_be_disabled()
    await page.get_by_role("button", name="Stop").click()
    await expect(reply).to_have_attribute("aria-busy", "false")
    text = await reply.locator(".docsync-chat-content").text_content()
    assert text is not None and "w399" not in text and text.startswith("w0 w1")
    await expect(box).to_be_enabled()
    await box.fill("echo again")
    await box.press("Enter")
    await expect(page.get_by_role("article", name="Message from Streamer")).to_have_count(2)


async def test_a_message_over_the_limit_is_refused_and_the_input_restored(serve,
                                                                          new_tab) -> None:
    _, url = await serve(APPS / "chat.py")
    page = await open_page(await new_tab(), url)
    box = page.get_by_role("textbox", name="Send a message")
    limit = int(await box.get_attribute("maxlength") or 0)
    assert limit > 0
    # The page caps typing at the limit; a page that does not (an old or altered one)
    # is refused by the server.
    await box.evaluate("el => el.removeAttribute('maxlength')")
    await box.fill("x" * (limit + 1))
    await expect(page.locator(".docsync-toast-error")).to_contain_text(
        re.compile(f"the limit is {limit}"))
    await expect(box).to_have_value("")  # the server's value, back
    await box.fill("echo still here")
    await box.press("Enter")
    await expect(page.get_by_role("article", name="Message from Streamer")).to_contain_text(
        "still here")


async def test_light_and_dark_themes(serve, new_tab) -> None:
    _, url = await serve(APPS / "chat.py")
    page = await open_page(await new_tab(), url)
    box = page.get_by_role("textbox", name="Send a message")
    await box.fill("echo *themes*")
    await box.press("Enter")
    bubble = page.locator(".docsync-chat-bubble").last
    await expect(bubble).to_contain_text("themes")
    colors = {}
    for theme in ("light", "dark"):
        await page.evaluate(f"document.documentElement.dataset.docsyncTheme = '{theme}'")
        colors[theme] = await bubble.evaluate(
            "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]")
        await screenshot(page, f"chat-{theme}")
    assert colors["light"] != colors["dark"]
