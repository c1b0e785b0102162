"""Image panes (docsync/pane/image.py): bytes, paths, URLs and SVG markup become the ``src``
the browser loads; a pane refuses what it cannot show where the app sets it."""

import base64
import io
import struct
import zlib
from pathlib import Path

import pytest

from docsync.core.model import props_json
from docsync.pane import GIF, JPG, PNG, SVG, Image, WebP
from docsync.pane.image import image_format, is_image

SVG_MARKUP = ('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
              '<rect width="4" height="4"/></svg>')
GIF_BYTES = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
WEBP_BYTES = b"RIFF\x1a\x00\x00\x00WEBPVP8 "


def png_bytes(width: int = 2, height: int = 2, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A real PNG of one colour (so browser tests can show it too)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


def decoded(src: str) -> tuple[str, bytes]:
    head, data = src.split(",", 1)
    assert head.startswith("data:") and head.endswith(";base64")
    return head[5:-7], base64.b64decode(data)


def test_bytes_become_a_data_url_of_their_format():
    png = png_bytes()
    assert decoded(Image(png).src) == ("image/png", png)
    assert decoded(PNG(png).src) == ("image/png", png)
    assert decoded(JPG(JPEG_BYTES).src)[0] == "image/jpeg"
    assert decoded(GIF(GIF_BYTES).src)[0] == "image/gif"
    assert decoded(WebP(WEBP_BYTES).src)[0] == "image/webp"


def test_a_path_is_read_as_str_or_pathlike(tmp_path: Path):
    path = tmp_path / "pic.png"
    path.write_bytes(png_bytes())
    assert decoded(Image(path).src) == ("image/png", path.read_bytes())
    assert decoded(PNG(str(path)).src)[1] == path.read_bytes()


def test_svg_from_markup_bytes_or_file_is_shown_through_img(tmp_path: Path):
    path = tmp_path / "pic.svg"
    path.write_text('<?xml version="1.0"?>\n<!-- x -->\n' + SVG_MARKUP)
    for source in (SVG_MARKUP, SVG_MARKUP.encode(), path):
        mime, data = decoded(SVG(source).src)
        assert mime == "image/svg+xml" and b"<svg" in data


def test_a_url_is_passed_on_only_for_http_and_data_images():
    assert Image("https://example.org/logo.png").src == "https://example.org/logo.png"
    assert PNG("http://example.org/a.png?x=1").src == "http://example.org/a.png?x=1"
    assert Image("data:image/gif;base64,R0lG").src == "data:image/gif;base64,R0lG"
    with pytest.raises(ValueError, match="data: URL"):
        Image("data:text/html;base64,PHNjcmlwdD4=")
    with pytest.raises(ValueError, match="cannot read"):
        Image("javascript:alert(1)")  # not a URL we pass on: read as a path, which fails


def test_the_wire_carries_src_and_display_props_not_the_object():
    props = props_json(Image(png_bytes(), alt_text="A red square", caption="Red",
                             link_url="https://example.org", width=40), str)
    assert "object" not in props
    assert {k: props[k] for k in ("alt_text", "caption", "link_url", "fixed_aspect", "width")} \
        == {"alt_text": "A red square", "caption": "Red", "link_url": "https://example.org",
            "fixed_aspect": True, "width": 40}
    assert props["src"].startswith("data:image/png;base64,")


def test_a_pane_refuses_other_formats_and_unreadable_sources(tmp_path: Path):
    with pytest.raises(ValueError, match="PNG shows PNG, not JPEG"):
        PNG(JPEG_BYTES)
    with pytest.raises(ValueError, match="not a PNG/JPEG/GIF/SVG/WEBP image"):
        Image(b"plain bytes")
    with pytest.raises(ValueError, match="cannot read"):
        Image(tmp_path / "missing.png")
    with pytest.raises(ValueError, match="JPG shows JPEG, not PNG"):
        JPG("https://example.org/a.png")
    with pytest.raises(ValueError, match="link_url"):
        Image(png_bytes(), link_url="javascript:alert(1)")
    with pytest.raises(ValueError, match="must be an instance"):
        Image(42)


def test_a_new_object_recomputes_src_and_a_failed_one_raises_where_it_was_set():
    pane = Image(png_bytes(rgb=(1, 2, 3)))
    first = pane.src
    pane.object = GIF_BYTES
    assert pane.src != first and decoded(pane.src)[0] == "image/gif"
    pane.object = None
    assert pane.src is None
    with pytest.raises(ValueError):
        pane.object = b"not an image"


def test_format_sniffing_and_is_image(tmp_path: Path):
    assert image_format(png_bytes()) == "png"
    assert image_format(b"  <svg>") == "svg"
    assert image_format(b"<html>") is None
    existing = tmp_path / "x.jpg"
    existing.write_bytes(JPEG_BYTES)
    assert is_image(png_bytes()) and is_image(existing) and is_image(str(existing))
    assert is_image(Path("not/there.webp"))  # a Path with an image suffix
    assert is_image("https://example.org/a.GIF")
    assert not is_image(str(tmp_path / "missing.png")) and not is_image("# Title.png")
    assert not is_image(b"bytes") and not is_image(3)


def test_a_file_like_object_is_read_from_its_start(tmp_path: Path):
    png = png_bytes()
    stream = io.BytesIO(png)
    stream.read()  # at its end, as after writing to it
    assert decoded(Image(stream).src) == ("image/png", png)
    assert decoded(PNG(io.BytesIO(png)).src) == ("image/png", png)
    (tmp_path / "pic.gif").write_bytes(GIF_BYTES)
    with open(tmp_path / "pic.gif", "rb") as f:
        assert decoded(GIF(f).src) == ("image/gif", GIF_BYTES)
    with pytest.raises(ValueError, match="binary mode"):
        Image(io.StringIO(SVG_MARKUP))
    with pytest.raises(ValueError, match="JPG shows JPEG, not PNG"):
        JPG(io.BytesIO(png))
