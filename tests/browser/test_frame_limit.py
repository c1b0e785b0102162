"""The server's frame limit reaches the page (bootstrap ``max_message``): a message that
would be over it is not sent, the page says why and shows its earlier values, and the
connection stays up (no 1009 close, no resend loop)."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.browser.conftest import APPS, Wire, open_page

pytestmark = pytest.mark.browser

APP = APPS / "frame_limit.py"


async def test_messages_over_the_frame_limit_stay_in_the_page(serve, new_tab) -> None:
    _, url = await serve(APP, args=("--max-frame-size", "1024"))
    tab = await new_tab()
    wire = Wire()
    await wire.attach(tab.context)
    page = await open_page(tab, url)

    # Within the widget's own max_size (4 KiB) but, in a message, over the frame.
    upload = page.get_by_role("button", name="Upload")
    await upload.set_input_files(files=[{"name": "notes.txt", "mimeType": "text/plain",
                                         "buffer": b"x" * 1000}])
    toast = page.locator(".docsync-toast").last
    await expect(toast).to_contain_text("the server accepts messages of at most 1024 bytes")
    assert wire.sent_of("event") == []

    notes = page.get_by_role("textbox", name="Notes")
    await notes.fill("y" * 2000)
    await expect(notes).to_have_value("kept")  # the page shows what the server holds
    await expect(page.locator(".docsync-toast")).to_have_count(2)

    # The connection never dropped, and small edits still go through.
    await notes.fill("short")
    await expect(page.locator(".echo-notes")).to_contain_text("short")
    await expect(page.locator("#docsync-root")).to_have_attribute("data-docsync-state", "open")
    assert len(wire.links) == 1
