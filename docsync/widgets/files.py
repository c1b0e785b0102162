"""Files: ``FileInput`` (upload) and ``FileDownload``.

Files cross the wire as base64 text, because protocol v1 has text frames only (§1):

- ``FileInput``: the browser sends the chosen file as one ``event`` named ``"upload"``
  with data ``{"filename", "mime_type", "data"}`` (``data`` is base64). An event, not a
  client-writable prop, because the bytes are not document state: nothing of them is kept
  in the client's document or the server's mirror, and no snapshot or resume sends them
  again (§3, §6). The widget checks the file against ``max_size`` and ``accept`` before
  setting ``value`` (bytes, server-only), ``filename`` and ``mime_type``, and refuses it
  as ``invalid`` otherwise. The whole upload is one frame: with base64's 4/3 growth it
  must fit the server's ``--max-frame-size`` (the default 10 MiB fits the default 20 MiB
  frame). The browser checks ``max_size`` before sending, and refuses any message over
  the frame limit it reads from the bootstrap (``max_message``) with a message.
- ``FileDownload``: a click sends a ``click`` event; the server reads ``file`` (or calls
  ``callback``) then and there, and sends the clicking page a ``command`` named
  ``"download"`` with data ``{"filename", "mime_type", "data"}`` (base64), which the page
  saves as a file (§4). Like an upload, the bytes travel once per click and are no
  document state.
"""

from __future__ import annotations

import base64
import binascii
import mimetypes
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any, ClassVar

import param

from docsync.core.model import JSON
from docsync.core.params import Integer
from docsync.runtime.current import CURRENT_SESSION
from docsync.runtime.download import send_file
from docsync.widgets.base import BUTTON_TYPES, Widget
from docsync.widgets.buttons import BUTTON_UNSUPPORTED

__all__ = ["FileDownload", "FileInput", "accepts", "format_size"]


def format_size(size: int) -> str:
    """``size`` bytes for people: "812 bytes", "12.3 KiB", "4.0 MiB" (as the page says it)."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"


def accepts(accept: str, filename: str, mime_type: str) -> bool:
    """Whether a file matches an HTML ``accept`` list such as ``".csv,image/*,text/plain"``
    (an empty list accepts anything), by file name extension or MIME type."""
    tokens = [t.strip().lower() for t in accept.split(",") if t.strip()]
    if not tokens:
        return True
    name, mime = filename.lower(), mime_type.lower()
    return any(name.endswith(t) if t.startswith(".")
               else mime.startswith(t[:-1]) if t.endswith("/*")
               else mime == t
               for t in tokens)


class FileInput(Widget):
    """A file chooser. The chosen file arrives as ``value`` (bytes), with ``filename`` and
    ``mime_type``; see the module docstring for how it travels.

    ``accept`` lists the file types offered and accepted (HTML's ``accept``: extensions
    and MIME types); ``max_size`` is the largest file accepted, in bytes.
    """

    _client_writable = frozenset()
    _events = frozenset({"upload"})
    _wire_exclude = Widget._wire_exclude | {"value"}
    _unsupported: ClassVar[Mapping[str, str]] = {
        **Widget._unsupported,
        "multiple": "docsync's FileInput takes one file; use one FileInput per file",
        "directory": "docsync's FileInput takes one file, not a folder",
    }
    _panel_defaults: ClassVar[Mapping[str, Any]] = {"multiple": False, "directory": False}

    accept = param.String(default="")
    max_size = Integer(default=10 * 1024 * 1024, bounds=(0, None))
    value = param.Bytes(default=None, allow_None=True)
    filename = param.String(default=None, allow_None=True)
    mime_type = param.String(default=None, allow_None=True)

    def _handle_event(self, name: str, data: JSON) -> None:
        if not isinstance(data, dict) or not all(
                isinstance(data.get(k), str) for k in ("filename", "mime_type", "data")):
            raise self._refuse("an upload needs string 'filename', 'mime_type' and 'data'")
        filename, mime_type, encoded = data["filename"], data["mime_type"], data["data"]
        limit = f"the limit is {format_size(self.max_size)}"
        # Refuse from the encoded length first: an oversized file is never decoded.
        if len(encoded) > 4 * ((self.max_size + 2) // 3):
            raise self._refuse(f"{filename} is larger than {format_size(self.max_size)}; {limit}")
        try:
            content = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise self._refuse(f"the data of {filename} is not base64") from None
        if len(content) > self.max_size:
            raise self._refuse(f"{filename} is {format_size(len(content))}; {limit}")
        if not accepts(self.accept, filename, mime_type):
            raise self._refuse(f"{filename} ({mime_type or 'unknown type'}) is not one of "
                               f"the accepted types: {self.accept}")
        self.param.update(value=content, filename=filename, mime_type=mime_type)


def _is_path(source: Any) -> bool:
    return isinstance(source, (str, PurePath))


def _check_source(file: Any, filename: str | None) -> None:
    """Raise ValueError for a ``file`` FileDownload cannot send, or cannot name."""
    if file is None or callable(file) or _is_path(file):
        return
    if not isinstance(file, (bytes, bytearray)) and not hasattr(file, "read"):
        raise ValueError(f"FileDownload cannot send a {type(file).__name__}: give a path, "
                         "bytes, a file-like object or a function that returns one")
    if filename is None:
        kind = "bytes" if isinstance(file, (bytes, bytearray)) else "a file-like object"
        raise ValueError(f"FileDownload: file is {kind}, which has no name: give "
                         "filename='report.csv' (the name the browser saves it as)")


def _read(source: Any) -> bytes:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source)
    if _is_path(source):
        with open(source, "rb") as f:
            return f.read()
    if hasattr(source, "read"):
        # Read from the start on every click, as Panel does: a BytesIO sent once is at its end.
        if getattr(source, "seekable", lambda: False)():
            source.seek(0)
        content = source.read()
        return content.encode("utf-8") if isinstance(content, str) else bytes(content)
    raise TypeError(f"FileDownload cannot send a {type(source).__name__}: give a path, "
                    "bytes or a file-like object")


class FileDownload(Widget):
    """A button that downloads ``file`` as ``filename``.

    ``file`` is a path, bytes or a file-like object, or a function that returns one (as is
    ``callback``, Panel's name, which wins when set); it is read on every click (a
    file-like from its start), so a file that changes on disk is sent as it is then.

    As in Panel, ``filename`` follows ``file`` while that is a path (its name), and bytes
    or a file-like object without a ``filename`` raise ``ValueError``; the caption
    (``label``) is "Download <filename>", or "No file set" without a file, until the app
    sets one. Beyond Panel, a function with no ``filename`` is allowed: its button reads
    "Download" and the file is named after the path the function returns (a click on one
    that returns bytes or a file-like object fails with a message). ``mime_type``
    defaults to the type the extension suggests; ``downloads`` counts the files sent
    (server-side only).

    A click sends the file to the page that was clicked, and to no other, as a ``download``
    command (PROTOCOL.md §4), so it needs that page's session: a served app or a notebook
    output (or ``docsync.testing.LocalClient``). Without one (the model's event handled
    outside any session) a click raises ``RuntimeError``. The file is read whole into
    memory and travels base64-encoded (4/3 of its size) in one frame. No frame limit
    applies on its way: ``--max-frame-size`` bounds what the server receives, and
    browsers and ``NetworkClient`` take frames of any size. Until the page acknowledges
    it, the frame is also held in the session's replay log (§6); one larger than the
    log's byte bound pushes every older message out, so a page that reconnects then gets
    a snapshot instead of a replay.
    """

    _client_writable = frozenset()
    _events = frozenset({"click"})
    # The caption travels as ``label`` (the button's text) as well as ``name``.
    _wire_exclude = frozenset({"key", "file", "callback", "mime_type", "downloads"})
    _unsupported: ClassVar[Mapping[str, str]] = {
        **BUTTON_UNSUPPORTED,
        "embed": "docsync never puts the file in the page: it is read and sent on each click",
        "auto": "the file is always downloaded on the first click",
        "data": "docsync keeps no file data in the document: give file= or callback=",
    }
    _panel_defaults: ClassVar[Mapping[str, Any]] = {"embed": False, "auto": True,
                                                     "button_style": "solid"}

    file = param.Parameter(default=None)
    callback = param.Callable(default=None, allow_None=True)
    filename = param.String(default=None, allow_None=True)
    button_type = param.Selector(default="default", objects=BUTTON_TYPES)
    mime_type = param.String(default=None, allow_None=True,
                             doc="The file's type; None guesses it from filename.")
    downloads = Integer(default=0, bounds=(0, None), doc="Files sent so far.")

    def __init__(self, file: Any = None, **params: Any) -> None:
        if params.get("filename") is None and _is_path(file):
            params["filename"] = PurePath(file).name
        _check_source(file, params.get("filename"))
        derived = "label" not in params and "name" not in params
        if derived:
            params["label"] = _caption(file, params.get("callback"), params.get("filename"))
        super().__init__(file=file, **params)
        self.__dict__["_derived_label"] = derived

    def __setattr__(self, attr: str, value: Any) -> None:
        ready = "_widget_ready" in self.__dict__
        if ready and attr in ("file", "filename"):
            file = value if attr == "file" else self.file
            filename = value if attr == "filename" else self.filename
            if attr == "file" and _is_path(value):
                filename = PurePath(value).name
            _check_source(file, filename)
        super().__setattr__(attr, value)
        if not ready:
            return
        if attr == "file" and _is_path(value):
            self.filename = PurePath(value).name
        if attr in ("label", "name"):
            self.__dict__["_derived_label"] = False
        elif attr in ("file", "filename", "callback") and self.__dict__["_derived_label"]:
            Widget.__setattr__(self, "label", _caption(self.file, self.callback, self.filename))

    def _handle_event(self, name: str, data: JSON) -> None:
        ctx = CURRENT_SESSION.get()
        if ctx is None:
            raise RuntimeError("FileDownload sends its file to the page that was clicked, and "
                               "there is no session here: serve the app (ds.serve, docsync "
                               "serve), show it in a notebook, or test it with LocalClient")
        source = self.callback if self.callback is not None else self.file
        if callable(source):
            source = source()
        filename = self.filename
        if filename is None:
            if not _is_path(source):
                raise ValueError(f"FileDownload: its function returned a "
                                 f"{type(source).__name__}, which has no name: give "
                                 "filename='report.csv'")
            filename = PurePath(source).name
        content = _read(source)
        mime_type = (self.mime_type or mimetypes.guess_type(filename)[0]
                     or "application/octet-stream")
        send_file(ctx, filename, mime_type, content)  # a large one by a one-time URL
        self.downloads += 1


def _caption(file: Any, callback: Any, filename: str | None) -> str:
    """The button's text when the app sets none: Panel's, and "Download" for a function
    whose file is named only when it runs."""
    if file is None and callback is None:
        return "No file set"
    return f"Download {filename}" if filename else "Download"
