"""``FileInput`` and ``FileDownload`` over the protocol (docsync/widgets/files.py): sizes
and types as the page shows them, uploads kept off the wire and checked, downloads to the
clicked page alone, inline or by a one-time URL."""

import base64
import io
import json
from typing import Any

import pytest

import docsync as ds
from docsync.testing import LocalClient
from docsync.widgets import accepts, format_size

w = ds.widgets


def test_file_sizes_and_types_read_like_the_page_says_them():
    assert format_size(812) == "812 bytes"
    assert format_size(12_600) == "12.3 KiB"
    assert format_size(4 * 1024 * 1024) == "4.0 MiB"
    assert accepts("", "x.bin", "")
    assert accepts(".csv, .TSV", "DATA.tsv", "")
    assert accepts("image/*", "photo", "image/png")
    assert accepts("text/plain", "notes", "TEXT/PLAIN")
    assert not accepts("image/*", "notes.txt", "text/plain")
    assert not accepts(".csv", "notes.txt", "text/csv-ish")


def test_default_upload_limit_fits_the_default_frame_in_base64():
    limit = w.FileInput().max_size
    encoded = 4 * ((limit + 2) // 3)
    assert encoded + 4096 < 20 * 1024 * 1024  # ServerConfig.max_frame_size's default


def upload(data: bytes, filename: str = "notes.txt",
           mime_type: str = "text/plain") -> dict[str, str]:
    return {"filename": filename, "mime_type": mime_type,
            "data": base64.b64encode(data).decode("ascii")}


def test_file_input_takes_an_upload_event_and_keeps_the_bytes_off_the_wire():
    fi = w.FileInput(name="f", accept=".txt,text/*", max_size=1024)
    seen = []
    fi.param.watch(lambda *events: seen.append(sorted(e.name for e in events)),
                   ["value", "filename"])
    local = LocalClient(lambda: fi).connect()
    fid = local.client.find("FileInput")
    local._send(local.client.event(fid, "upload", upload(b"hello\n")))
    assert fi.value == b"hello\n" and fi.filename == "notes.txt" and fi.mime_type == "text/plain"
    assert seen == [["filename", "value"]]  # one batch: watchers see the upload whole
    assert local.client.errors == [] and not local.client.outbox
    props = local.client.props(fid)
    assert props["filename"] == "notes.txt" and props["mime_type"] == "text/plain"
    assert "value" not in props
    assert "aGVsbG8K" not in str(local.client.doc)


UPLOAD_REFUSALS = [
    (upload(b"x" * 1025), "notes.txt is 1.0 KiB; the limit is 1.0 KiB"),
    (upload(b"x" * 4000), "notes.txt is larger than 1.0 KiB"),
    (upload(b"x", filename="a.png", mime_type="image/png"), "not one of the accepted types"),
    ({**upload(b"x"), "data": "not base64!"}, "is not base64"),
    ({"filename": "a.txt", "data": "eA=="}, "needs string 'filename', 'mime_type' and 'data'"),
    ("just a string", "needs string"),
]


@pytest.mark.parametrize("data, words", UPLOAD_REFUSALS)
def test_file_input_refuses_uploads_that_break_its_rules(data, words):
    fi = w.FileInput(name="f", accept=".txt,text/*", max_size=1024)
    local = LocalClient(lambda: fi).connect()
    fid = local.client.find("FileInput")
    local._send(local.client.event(fid, "upload", data))
    [error] = local.client.errors
    assert error["code"] == "invalid" and words in error["message"]
    assert fi.value is None and fi.filename is None
    # The session goes on: a good upload after it works.
    local._send(local.client.event(fid, "upload", upload(b"ok")))
    assert fi.value == b"ok" and len(local.client.errors) == 1


def sent_files(client) -> list[dict[str, Any]]:
    """The data of every ``download`` command ``client`` (a Network- or LocalClient)
    received."""
    return [m["data"] for m in client.client.commands if m["name"] == "download"]


async def test_file_download_sends_the_file_to_the_clicked_page_alone(serve_app, clients,
                                                                      tmp_path):
    path = tmp_path / "report.csv"
    path.write_text("a,b\n1,2\n")
    made: list[Any] = []

    def app():
        made.append(w.FileDownload(path, button_type="primary"))
        return ds.Column(made[-1])

    handle = serve_app(app)
    a = await clients(handle.url + "app").open()
    b = await clients(handle.url + "app").open()
    did = a.client.find("FileDownload")
    assert a.client.props(did)["filename"] == "report.csv"

    await a.click(did)
    await a.wait_for(lambda _c: len(sent_files(a)) == 1)
    first = base64.b64encode(b"a,b\n1,2\n").decode("ascii")
    assert sent_files(a) == [{"filename": "report.csv", "mime_type": "text/csv", "data": first}]
    # The file is read again on the next click.
    path.write_text("changed")
    await a.click(did)
    await a.wait_for(lambda _c: len(sent_files(a)) == 2)
    assert base64.b64decode(sent_files(a)[1]["data"]) == b"changed"
    # The bytes are no document state: no prop holds them or counts them.
    props = a.client.props(did)
    assert not {"file", "data", "mime_type", "downloads"} & set(props)
    assert first not in json.dumps(a.client.doc)
    assert made[0].downloads == 2
    # The other page's session got nothing of it, and gets its own file on its own click.
    await b.click(b.client.find("FileDownload"))
    await b.wait_for(lambda _c: len(sent_files(b)) == 1)
    assert base64.b64decode(sent_files(b)[0]["data"]) == b"changed"
    assert len(sent_files(a)) == 2 and made[1].downloads == 1


async def test_file_download_sources(serve_app, clients, tmp_path):
    (tmp_path / "made.txt").write_text("from a path")

    def app():
        return ds.Column(
            w.FileDownload(b"\x00\x01", filename="x.bin", label="bytes"),
            w.FileDownload(lambda: io.BytesIO(b"made"), filename="made.bin", label="file-like"),
            w.FileDownload(callback=lambda: io.StringIO("text"), filename="t.txt", label="text"),
            w.FileDownload(lambda: tmp_path / "made.txt", label="path"),
            w.FileDownload(b"{}", filename="x.data", mime_type="application/json",
                           label="typed"))

    handle = serve_app(app)
    client = await clients(handle.url + "app").open()
    expected = {"bytes": (b"\x00\x01", "x.bin", "application/octet-stream"),
                "file-like": (b"made", "made.bin", "application/octet-stream"),
                "text": (b"text", "t.txt", "text/plain"),
                "path": (b"from a path", "made.txt", "text/plain"),
                "typed": (b"{}", "x.data", "application/json")}
    for count, (label, (content, filename, mime_type)) in enumerate(expected.items(), 1):
        await client.click(client.client.find("FileDownload", label=label))
        await client.wait_for(lambda _c, count=count: len(sent_files(client)) == count)
        sent = sent_files(client)[-1]
        assert (base64.b64decode(sent["data"]), sent["filename"], sent["mime_type"]) == (
            content, filename, mime_type), label


async def test_a_file_larger_than_the_frame_limit_still_downloads(serve_app, clients):
    # --max-frame-size bounds what the server receives; the page takes any frame (§1).
    content = bytes(range(256)) * 1024  # 256 KiB: 341 KiB of base64, in one frame
    handle = serve_app(lambda: w.FileDownload(content, filename="big.bin"),
                       max_frame_size=64 * 1024)
    client = await clients(handle.url + "app").open()
    await client.click(client.client.find("FileDownload"))
    await client.wait_for(lambda _c: sent_files(client), timeout=20)
    assert base64.b64decode(sent_files(client)[0]["data"]) == content


async def test_file_download_of_a_missing_file_fails_in_the_session_not_the_page(
        serve_app, clients, tmp_path):
    handle = serve_app(lambda: w.FileDownload(tmp_path / "missing.csv"))
    client = await clients(handle.url + "app").open()
    await client.click(client.client.find("FileDownload"))
    await client.wait_for(lambda c: any(m["name"] == "notify" for m in c.commands))
    [note] = [m["data"] for m in client.client.commands if m["name"] == "notify"]
    assert note["level"] == "error" and "FileNotFoundError" in note["message"]
    assert not sent_files(client) and not client.client.errors  # no protocol error either


def test_file_download_in_a_local_client_sends_the_file_to_its_page():
    dl = w.FileDownload(b"x", filename="x.txt")
    local = LocalClient(lambda: dl).connect()
    local.click(local.client.find("FileDownload"))
    assert local.errors_raised == [] and dl.downloads == 1
    assert sent_files(local) == [{"filename": "x.txt", "mime_type": "text/plain",
                                  "data": base64.b64encode(b"x").decode("ascii")}]


def test_file_download_outside_a_session_says_it_needs_one():
    dl = w.FileDownload(b"x", filename="x.txt")
    with pytest.raises(RuntimeError, match="there is no session here"):
        dl._handle_event("click", {})
    assert dl.downloads == 0
