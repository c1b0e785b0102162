"""Media panes (docsync/pane/media.py): where the browser gets the file, the embed limit,
and the strict check of the player state the browser sends."""

import base64
import io
from pathlib import Path

import pytest

import docsync as pn
from docsync.core.client_values import check_client_value
from docsync.core.model import props_json
from docsync.exceptions import ArgumentError, Invalid
from docsync.pane.media import EMBED_LIMIT, media_type
from tests.browser.apps.more_widgets import PDF_BYTES, tone_wav

MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00"


def test_urls_are_passed_on_and_server_paths_kept():
    assert pn.pane.Video("https://example.org/clip.mp4").src == "https://example.org/clip.mp4"
    assert pn.pane.Audio("/media/tone.wav").src == "/media/tone.wav"
    assert pn.pane.Video(None).src is None
    wire = props_json(pn.pane.Video("https://example.org/a.webm", loop=True), str)
    assert "object" not in wire and wire["src"] == "https://example.org/a.webm"
    assert (wire["loop"], wire["paused"], wire["volume"]) == (True, True, 100)


def test_local_files_and_bytes_are_embedded_with_their_type(tmp_path: Path):
    wav = tone_wav(0.1)
    path = tmp_path / "tone.wav"
    path.write_bytes(wav)
    for source in (path, str(path), wav, io.BytesIO(wav)):
        src = pn.pane.Audio(source).src
        assert src == "data:audio/wav;base64," + base64.b64encode(wav).decode()
    assert pn.pane.PDF(PDF_BYTES).src.startswith("data:application/pdf;base64,")
    assert pn.pane.Video(MP4_HEAD).src.startswith("data:video/mp4;base64,")
    assert media_type(b"OggS\x00") == "audio/ogg"


def test_a_file_over_the_limit_says_how_to_serve_it(tmp_path: Path):
    big = tmp_path / "long.wav"
    big.write_bytes(tone_wav(0.01)[:44] + bytes(EMBED_LIMIT))
    with pytest.raises(ValueError, match=r"long.wav is 10,485,804 bytes.*--static-dirs media="):
        pn.pane.Audio(big)
    with pytest.raises(ValueError, match=r"over 10.0 MiB"):
        pn.pane.Audio(io.BytesIO(tone_wav(0.01)[:44] + bytes(EMBED_LIMIT)))


@pytest.mark.parametrize("pane, source, words", [
    (pn.pane.Video, "clip.mp4", "there is no file 'clip.mp4'"),
    (pn.pane.Video, "javascript:alert(1)", "neither an http"),
    (pn.pane.Audio, MP4_HEAD, "not audio/mpeg or audio/wav or audio/ogg"),
    (pn.pane.PDF, "data:text/html,<b>hi</b>", "must hold one of application/pdf"),
])
def test_a_source_the_pane_cannot_use_raises_where_it_is_set(pane, source, words):
    with pytest.raises(ValueError, match=words):
        pane(source)


def test_a_pane_checks_the_suffix_of_a_file(tmp_path: Path):
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(PDF_BYTES)
    with pytest.raises(ValueError, match=r"notes\.pdf is not video"):
        pn.pane.Video(notes)
    video = pn.pane.Video("https://example.org/a.mp4")
    with pytest.raises(ValueError, match="no file"):
        video.object = "missing.mp4"
    assert video.src == "https://example.org/a.mp4"


def test_the_browser_sends_player_state_that_is_checked():
    video = pn.pane.Video("https://example.org/a.mp4")
    assert check_client_value(video, "paused", False) is False
    assert check_client_value(video, "time", 12.5) == 12.5
    assert check_client_value(video, "volume", 50.0) == 50
    for prop, bad, words in [("paused", "yes", "true or false"), ("time", -1, "at least 0"),
                             ("time", "1", "must be a number"), ("volume", 101, "at most 100"),
                             ("volume", 33.3, "whole number"), ("muted", 1, "true or false")]:
        with pytest.raises(Invalid, match=words):
            check_client_value(video, prop, bad)


def test_panels_arguments_the_panes_lack_say_what_to_do():
    with pytest.raises(ArgumentError, match="wave module"):
        pn.pane.Audio("/a.wav", sample_rate=8000)
    assert pn.pane.PDF("/a.pdf", embed=False, start_page=3).start_page == 3
    with pytest.raises(ArgumentError, match="browser's own viewer"):
        pn.pane.PDF("/a.pdf", embed=True)
