"""A large FileDownload in a real browser: the page follows the command's one-time URL."""

from __future__ import annotations

from tests.browser.apps.robust_download import BIG
from tests.browser.conftest import APPS, Wire, open_page


async def test_a_large_file_download_is_saved_from_its_url(serve, new_tab) -> None:
    _, url = await serve(APPS / "robust_download.py")
    tab = await new_tab()
    wire = Wire()
    await wire.attach(tab.context)
    page = await open_page(tab, url)
    async with page.expect_download(timeout=60_000) as info:
        await page.get_by_role("button", name="Download big.bin").click()
    download = await info.value
    assert download.suggested_filename == "big.bin"
    assert (await download.path()).read_bytes() == BIG
    [sent] = [m["data"] for m in wire.received_of("command") if m["name"] == "download"]
    assert set(sent) == {"filename", "mime_type", "url"}
