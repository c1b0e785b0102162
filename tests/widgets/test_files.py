"""FileDownload's label and filename (docsync/widgets/files.py), derived as Panel does."""

import io
from pathlib import Path

import pytest

import docsync as pn

w = pn.widgets


def test_filename_and_label_follow_a_path():
    download = w.FileDownload("data/report.csv")
    assert (download.filename, download.label, download.name) == (
        "report.csv", "Download report.csv", "Download report.csv")
    download.file = Path("other/sales.xlsx")
    assert (download.filename, download.label) == ("sales.xlsx", "Download sales.xlsx")
    download.filename = "renamed.xlsx"
    assert download.label == "Download renamed.xlsx"


def test_a_label_the_app_sets_stays():
    download = w.FileDownload("a.csv", label="Get the data")
    download.file = "b.csv"
    assert (download.label, download.filename) == ("Get the data", "b.csv")
    later = w.FileDownload("a.csv")
    later.label = "Mine"
    later.file = "c.csv"
    assert later.label == "Mine"


def test_no_file_and_functions():
    assert w.FileDownload().label == "No file set"
    assert w.FileDownload(callback=lambda: "x.csv").label == "Download"
    assert w.FileDownload(callback=lambda: b"x", filename="x.bin").label == "Download x.bin"


def test_bytes_or_a_file_like_without_a_filename_are_refused():
    with pytest.raises(ValueError, match=r"file-like object, which has no name: give "
                                         "filename="):
        w.FileDownload(io.BytesIO(b"x"))
    with pytest.raises(ValueError, match=r"file is bytes, which has no name"):
        w.FileDownload(b"x")
    with pytest.raises(ValueError, match=r"cannot send a int"):
        w.FileDownload(3)
    download = w.FileDownload(io.BytesIO(b"x"), filename="x.bin")
    with pytest.raises(ValueError, match=r"no name"):
        download.filename = None
    assert download.filename == "x.bin"
