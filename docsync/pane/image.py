"""Image panes: ``Image`` (any supported format) and Panel's ``PNG``, ``JPG``, ``GIF``,
``SVG`` and ``WebP``, from bytes, a file-like object (``BytesIO``), a file path or a URL."""

from __future__ import annotations

import base64
import io
import os
import re
from pathlib import Path
from typing import Any, ClassVar

import param

from docsync.core.model import Model
from docsync.pane.base import PaneBase, set_computed
from docsync.pane.text import safe_url

__all__ = ["GIF", "IMAGE_SUFFIXES", "JPG", "PNG", "SVG", "Image", "WebP", "image_format",
           "is_image"]

#: Format → MIME type of every format the image panes show.
MIME = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif", "svg": "image/svg+xml",
        "webp": "image/webp"}
#: File suffix → format, for paths and URLs.
IMAGE_SUFFIXES = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif",
                  ".svg": "svg", ".webp": "webp"}
_SVG_START = re.compile(rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<svg[\s>]",
                        re.IGNORECASE | re.DOTALL)


def image_format(data: bytes) -> str | None:
    """The format of image ``data`` by its first bytes, or None if it is not one we show."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if _SVG_START.match(data[:4096]):
        return "svg"
    return None


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://", "data:"))


def is_image(obj: Any) -> bool:
    """Whether ``obj`` is something an image pane shows: image bytes, a path with an image
    suffix (an existing file, for a string), or an http(s) URL ending in one."""
    if isinstance(obj, bytes):
        return image_format(obj) is not None
    if isinstance(obj, os.PathLike):
        return Path(obj).suffix.lower() in IMAGE_SUFFIXES
    if isinstance(obj, str) and "\n" not in obj and len(obj) < 4096:
        suffix = Path(obj.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
        if suffix not in IMAGE_SUFFIXES:
            return False
        return obj.startswith(("http://", "https://")) or Path(obj).is_file()
    return False


def _read_stream(name: str, stream: io.IOBase) -> bytes:
    """All of a binary file-like object, from its start (as Panel reads one)."""
    if stream.seekable():
        stream.seek(0)
    data = stream.read()  # type: ignore[attr-defined]
    if not isinstance(data, bytes):
        raise ValueError(f"{name}: a file-like object must be opened in binary mode "
                         "(open(path, 'rb'), io.BytesIO)")
    return data


def _data_url(data: bytes, fmt: str) -> str:
    return f"data:{MIME[fmt]};base64,{base64.b64encode(data).decode('ascii')}"


class _ImageSource(param.Parameterized):
    """What every image pane shares: the source in ``object`` and how the picture is shown.

    The browser receives ``src``: the URL as given for a URL, else a ``data:`` URL of the
    bytes, computed when ``object`` is set (PaneBase's ``set_computed``). An SVG is shown
    through ``<img>``, where its scripts do not run. A source that cannot be read, or is not
    one of the pane's formats, raises ``ValueError`` where it was set.
    """

    #: The formats this pane accepts (keys of ``MIME``).
    _formats: ClassVar[tuple[str, ...]] = tuple(MIME)

    object = param.ClassSelector(class_=(bytes, str, os.PathLike, io.IOBase), default=None,
                                 allow_None=True, allow_refs=True,
                                 doc=("Image bytes, a binary file-like object (read whole, "
                                      "from its start, when set), a file path, an http(s) "
                                      "URL, or SVG markup."))
    alt_text = param.String(default="", doc="Text for screen readers and broken images.")
    caption = param.String(default="", doc="A caption shown below the image.")
    link_url = param.String(default=None, allow_None=True, doc="Open this URL on click.")
    fixed_aspect = param.Boolean(default=True, doc="Keep the aspect ratio when resized.")
    src = param.String(default=None, allow_None=True, constant=True,
                       doc="Computed: the URL the browser loads.")

    # Only ``src`` is sent; this mixin comes first in each pane's bases, so it wins.
    _wire_exclude: ClassVar[frozenset[str]] = Model._wire_exclude | {"object"}

    @param.depends("object", watch=True, on_init=True)
    def _load(self) -> None:
        set_computed(self, src=self._source_url(self.object))

    @param.depends("link_url", watch=True, on_init=True)
    def _check_link(self) -> None:
        if self.link_url is not None and not safe_url(self.link_url):
            raise ValueError(f"{type(self).__name__}: link_url must be http(s), mailto, tel "
                             f"or relative, not {self.link_url!r}")

    def _source_url(self, obj: Any) -> str | None:
        name = type(self).__name__
        if obj is None:
            return None
        if isinstance(obj, str) and _is_url(obj):
            return self._checked_url(obj)
        if isinstance(obj, str) and obj.lstrip().startswith("<"):
            data = obj.encode("utf-8")  # SVG markup
        elif isinstance(obj, bytes):
            data = obj
        elif isinstance(obj, io.IOBase):
            data = _read_stream(name, obj)
        else:
            try:
                data = Path(obj).read_bytes()
            except OSError as exc:
                raise ValueError(f"{name} cannot read {str(obj)!r}: {exc.strerror}") from None
        fmt = image_format(data)
        if fmt is None:
            raise ValueError(f"{name}: not a {self._formats_text()} image")
        if fmt not in self._formats:
            raise ValueError(f"{name} shows {self._formats_text()}, not {fmt.upper()}")
        return _data_url(data, fmt)

    def _checked_url(self, url: str) -> str:
        name = type(self).__name__
        if url.startswith("data:"):
            mime = url[5:].split(";", 1)[0].split(",", 1)[0].lower()
            if mime not in {MIME[f] for f in self._formats}:
                raise ValueError(f"{name}: a data: URL must hold a {self._formats_text()} image")
            return url
        suffix = Path(url.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
        fmt = IMAGE_SUFFIXES.get(suffix)
        if fmt is not None and fmt not in self._formats:
            raise ValueError(f"{name} shows {self._formats_text()}, not {fmt.upper()}: {url}")
        return url

    def _formats_text(self) -> str:
        return "/".join(f.upper() for f in self._formats)


class Image(_ImageSource, PaneBase):
    """An image of any supported format (PNG, JPEG, GIF, SVG, WebP), told by its content."""


class PNG(_ImageSource, PaneBase):
    """A PNG image (Panel's ``pn.pane.PNG``)."""

    _formats = ("png",)


class JPG(_ImageSource, PaneBase):
    """A JPEG image (Panel's ``pn.pane.JPG``)."""

    _formats = ("jpeg",)


class GIF(_ImageSource, PaneBase):
    """A GIF image, animated or not (Panel's ``pn.pane.GIF``)."""

    _formats = ("gif",)


class SVG(_ImageSource, PaneBase):
    """An SVG image, from markup, bytes, a path or a URL (Panel's ``pn.pane.SVG``)."""

    _formats = ("svg",)


class WebP(_ImageSource, PaneBase):
    """A WebP image (Panel's ``pn.pane.WebP``)."""

    _formats = ("webp",)
