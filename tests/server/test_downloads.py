"""One-time HTTP downloads (docsync.server.downloads): a large ``FileDownload`` travels by
URL, once, to the page it was sent to, not through the replay log (issue 12)."""

from __future__ import annotations

import base64
import itertools
from urllib.parse import urljoin

import pytest

import docsync as ds
from docsync.runtime.download import INLINE_DOWNLOAD_MAX
from docsync.server.downloads import Downloads
from docsync.testing import fetch
from tests.conftest import TRANSPORTS


@pytest.fixture(params=TRANSPORTS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Every test here runs over the websockets server and the ASGI app alike."""
    return str(request.param)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def downloads(clock: Clock) -> Downloads:
    count = itertools.count()
    return Downloads(ttl=60, clock=clock, token=lambda: f"t{next(count)}")


def test_an_offer_is_taken_once_by_its_session_only():
    store = downloads(Clock())
    url = store.offer("s1", "a.bin", "application/octet-stream", b"abc")
    assert url == "_docsync/download/t0?session=s1"
    assert store.held_bytes == 3
    assert store.take("t0", "s2") is None  # another session's page
    assert store.take("t0", None) is None
    offer = store.take("t0", "s1")
    assert offer is not None and (offer.filename, offer.content) == ("a.bin", b"abc")
    assert store.take("t0", "s1") is None  # once
    assert store.held_bytes == 0


def test_offers_end_with_their_session_or_their_lifetime():
    clock = Clock()
    store = downloads(clock)
    store.offer("s1", "a", "x/y", b"1")
    store.offer("s2", "b", "x/y", b"22")
    store.forget("s1")
    assert store.take("t0", "s1") is None and store.held_bytes == 2
    clock.now = 60.0
    assert store.take("t1", "s2") is None and store.held_bytes == 0


def sent_files(client) -> list[dict]:
    return [m["data"] for m in client.client.commands if m["name"] == "download"]


async def test_a_large_file_download_reaches_the_page_by_a_one_time_url(serve_app, clients):
    """issue 12: a FileDownload over ~0.8 MB never reached the page."""
    big = bytes(range(256)) * (40 * 4096)  # 40 MiB
    small = b"small file"

    def app():
        return ds.Column(ds.widgets.FileDownload(big, filename="big.bin", label="big"),
                         ds.widgets.FileDownload(small, filename="small.txt", label="small"))

    handle = serve_app(app)
    page = await clients(handle.url + "app").open()
    other = await clients(handle.url + "app").open()
    big_id, small_id = (page.client.find("FileDownload", label=n) for n in ("big", "small"))

    await page.click(small_id)
    await page.wait_for(lambda _c: len(sent_files(page)) == 1)
    assert base64.b64decode(sent_files(page)[0]["data"]) == small  # small: inline, as before

    await page.click(big_id)
    await page.wait_for(lambda _c: len(sent_files(page)) == 2)
    sent = sent_files(page)[1]
    assert set(sent) == {"filename", "mime_type", "url"}
    assert sent["filename"] == "big.bin" and len(big) > INLINE_DOWNLOAD_MAX
    url = urljoin(page.page_url, sent["url"])
    # Not through the replay log: every frame it holds is small.
    session = handle.server.registries["app"].sessions[page.client.session_id]
    held = session.log_range
    frames = [] if held is None else session.frames_after(held[0] - 1)
    assert all(len(frame) < 10_000 for frame in frames)
    # Another session's page may not take it: the URL names the session it was made for.
    other_url = url.replace(page.client.session_id, other.client.session_id)
    status, _, _ = await fetch(other_url)
    assert status == 404
    status, headers, body = await fetch(url)
    assert status == 200 and body == big
    assert headers["content-type"] == "application/octet-stream"
    assert headers["content-disposition"] == "attachment; filename*=UTF-8''big.bin"
    status, _, _ = await fetch(url)  # once
    assert status == 404
    assert handle.server.downloads.held_bytes == 0
    assert page.close_code is None and page.client.snapshots == 1
