"""Media panes: ``Video`` and ``Audio`` (the browser's own player, its state synced both
ways) and ``PDF`` (the browser's PDF viewer in an embedded frame).

Where the browser gets the file: a URL is passed on as given (http(s), or a path on this
server starting with ``/``, such as a file served with ``docsync serve --static-dirs``);
a local file, bytes or a binary file-like object is embedded in the page as a ``data:``
URL, up to :data:`EMBED_LIMIT` bytes. A larger one raises ValueError saying how to serve
it instead: it would be sent in every session's first message and held in its memory.
"""

from __future__ import annotations

import base64
import io
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import param

from docsync.core.model import JSON, Model
from docsync.core.params import Integer, Number
from docsync.exceptions import Invalid
from docsync.pane.base import PaneBase, set_computed

__all__ = ["EMBED_LIMIT", "PDF", "Audio", "Video", "media_pane", "media_type"]

#: The largest file (in bytes) a media pane embeds in the page.
EMBED_LIMIT = 10 * 1024 * 1024

#: File suffix → MIME type of each format a media pane takes.
_MIME = {".mp4": "video/mp4", ".webm": "video/webm", ".ogg": "audio/ogg", ".ogv": "video/ogg",
         ".mp3": "audio/mpeg", ".wav": "audio/wav", ".pdf": "application/pdf"}


def media_type(data: bytes) -> str | None:
    """The MIME type of media ``data`` by its first bytes, or None if it is none we take."""
    if data[4:8] == b"ftyp":
        return "video/mp4"
    if data.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm"
    if data.startswith(b"OggS"):
        return "audio/ogg"
    if data.startswith(b"ID3") or data[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "audio/mpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "audio/wav"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB"


class _MediaSource(param.Parameterized):
    """The source in ``object`` and the ``src`` the browser loads (see the module
    docstring), computed when ``object`` is set; a source that cannot be used raises
    ``ValueError`` where it was set. ``_types`` are the MIME types the pane takes."""

    _types: ClassVar[tuple[str, ...]] = ()

    object = param.ClassSelector(class_=(bytes, str, os.PathLike, io.IOBase), default=None,
                                 allow_None=True,
                                 doc="A URL, a file path, bytes or a binary file-like object.")
    src = param.String(default=None, allow_None=True, constant=True,
                       doc="Computed: the URL the browser loads.")

    _wire_exclude: ClassVar[frozenset[str]] = Model._wire_exclude | {"object"}

    @param.depends("object", watch=True, on_init=True)
    def _load(self) -> None:
        set_computed(self, src=self._source_url(self.object))

    def _refuse(self, reason: str) -> ValueError:
        return ValueError(f"{type(self).__name__}: {reason}")

    def _source_url(self, obj: Any) -> str | None:
        if obj is None or obj == "":
            return None
        if isinstance(obj, str) and obj.startswith(("http://", "https://")):
            return obj
        if isinstance(obj, str) and obj.startswith("data:"):
            if obj[5:].split(";", 1)[0].split(",", 1)[0].lower() not in self._types:
                raise self._refuse(f"a data: URL must hold one of {', '.join(self._types)}")
            return obj
        if isinstance(obj, str) and ":" in obj.split("/", 1)[0]:
            raise self._refuse(f"{obj[:60]!r} is neither an http(s) URL nor a file path")
        if isinstance(obj, (bytes, io.IOBase)):
            data = self._read_stream(obj) if isinstance(obj, io.IOBase) else obj
            kind = media_type(data)
            if kind not in self._types:
                raise self._refuse(f"the bytes are not {self._types_text()}")
            return self._embed(data, kind, "the bytes",
                               exact=not isinstance(obj, io.IOBase))
        path = Path(obj)
        if not path.is_file():
            if isinstance(obj, str) and obj.startswith("/"):
                return obj  # a path on this server, such as a --static-dirs file
            raise self._refuse(f"there is no file {str(obj)!r}; give an existing file, an "
                               "http(s) URL, or a path on this server starting with /")
        kind = _MIME.get(path.suffix.lower())
        if kind == "audio/ogg" and "video/ogg" in self._types:
            kind = "video/ogg"
        if kind not in self._types:
            raise self._refuse(f"{path.name} is not {self._types_text()} (by its suffix)")
        size = path.stat().st_size
        if size > EMBED_LIMIT:
            raise self._too_big(path.name, size, exact=True)
        return self._embed(path.read_bytes(), kind, path.name, exact=True)

    def _read_stream(self, stream: io.IOBase) -> bytes:
        if stream.seekable():
            stream.seek(0)
        data = stream.read(EMBED_LIMIT + 1)  # type: ignore[attr-defined]
        if not isinstance(data, bytes):
            raise self._refuse("a file-like object must be opened in binary mode")
        return data

    def _embed(self, data: bytes, kind: str, what: str, *, exact: bool) -> str:
        """``data`` as a data: URL; ``exact`` is False when ``data`` was read only up to
        one byte past the limit (a stream), so its size is not known."""
        if len(data) > EMBED_LIMIT:
            raise self._too_big(what, len(data), exact=exact)
        return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"

    def _too_big(self, what: str, size: int, *, exact: bool) -> ValueError:
        told = f"{size:,} bytes" if exact else f"over {_size(EMBED_LIMIT)}"
        return self._refuse(
            f"{what} is {told}; docsync embeds "
            f"files up to {_size(EMBED_LIMIT)} in the page. Serve larger ones as files: "
            "docsync serve app.py --static-dirs media=./folder, then give '/media/name'")

    def _types_text(self) -> str:
        return " or ".join(self._types)


class _Player(_MediaSource):
    """What ``Video`` and ``Audio`` share: the browser's own player (its controls are
    keyboard-operable), and its state.

    ``paused``, ``time`` (seconds), ``volume`` (0 to 100) and ``muted`` are synced both
    ways: the app may set them, and the browser sends them as the user plays, seeks or
    turns the volume (``time`` at most every ``throttle`` milliseconds while playing).
    ``autoplay`` starts playing when loaded (browsers allow it only ``muted``), ``loop``
    starts again at the end.
    """

    _client_writable = frozenset({"paused", "time", "volume", "muted"})

    autoplay = param.Boolean(default=False)
    loop = param.Boolean(default=False)
    muted = param.Boolean(default=False)
    paused = param.Boolean(default=True)
    time = Number(default=0.0, bounds=(0, None), doc="The position, in seconds.")
    throttle = Integer(default=250, bounds=(0, None),
                             doc="Milliseconds between the browser's time updates.")

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        def refuse(reason: str) -> Invalid:
            return Invalid(f"{type(self).__name__}: {reason}")

        if prop in ("paused", "muted"):
            if not isinstance(value, bool):
                raise refuse(f"{prop} must be true or false, not {value!r}")
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not math.isfinite(value):
            raise refuse(f"{prop} must be a number, not {value!r}")
        if prop == "volume" and not float(value).is_integer():
            raise refuse(f"volume must be a whole number from 0 to 100, not {value!r}")
        return int(value) if prop == "volume" else value


class Video(_Player, PaneBase):
    """A video (MP4, WebM or Ogg) in the browser's own player (Panel's
    ``pn.pane.Video``); see ``_Player`` for the state synced both ways."""

    _types = ("video/mp4", "video/webm", "video/ogg")

    volume = Integer(default=100, bounds=(0, 100))


class Audio(_Player, PaneBase):
    """A sound (MP3, WAV or Ogg) in the browser's own player (Panel's ``pn.pane.Audio``);
    see ``_Player`` for the state synced both ways. ``volume`` None leaves the browser's
    own (Panel's default)."""

    _types = ("audio/mpeg", "audio/wav", "audio/ogg")
    _unsupported: ClassVar[Mapping[str, str]] = {
        **Model._unsupported,
        "sample_rate": "docsync's Audio takes a sound file, not samples: write the array "
                       "to a WAV file (the standard library's wave module) and pass its "
                       "path or bytes",
    }

    volume = Integer(default=None, allow_None=True, bounds=(0, 100))


class PDF(_MediaSource, PaneBase):
    """A PDF document in the browser's PDF viewer, in a frame of the pane's ``width``
    and ``height`` (Panel's ``pn.pane.PDF``), opened at ``start_page``. The page also
    offers a link that opens the document, for browsers without a PDF viewer."""

    _types = ("application/pdf",)
    _panel_defaults: ClassVar[Mapping[str, Any]] = {"embed": False}
    _unsupported: ClassVar[Mapping[str, str]] = {
        **Model._unsupported,
        "embed": "docsync always shows the PDF through the browser's own viewer; a local "
                 "file is embedded in the page as it is",
    }

    start_page = Integer(default=1, bounds=(1, None))


def media_pane(obj: Any) -> type[Video | Audio | PDF] | None:
    """The media pane that shows ``obj`` (what ``panel()`` picks), or None: for a path or
    an http(s) URL, by its suffix (``.mp4``, ``.webm``, ``.ogv`` a ``Video``; ``.mp3``,
    ``.wav``, ``.ogg`` an ``Audio``; ``.pdf`` a ``PDF``), a string naming a file only if
    the file exists; for bytes, by their first bytes (:func:`media_type`)."""
    kind: str | None = None
    if isinstance(obj, bytes):
        kind = media_type(obj)
    elif isinstance(obj, os.PathLike):
        kind = _MIME.get(Path(obj).suffix.lower())
    elif isinstance(obj, str) and "\n" not in obj and len(obj) < 4096:
        suffix = Path(obj.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
        if suffix in _MIME and (obj.startswith(("http://", "https://")) or Path(obj).is_file()):
            kind = _MIME[suffix]
    if kind is None:
        return None
    for pane in (Video, Audio, PDF):
        if kind in pane._types:
            return pane
    return None
