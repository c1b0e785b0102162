"""Widgets: controls whose ``value`` the browser writes, and buttons whose clicks it sends.

Names and arguments follow Panel's. Every value a browser sends is checked by the widget's
``_coerce_client_value`` and then by the parameter's own rules; a value that fails is
refused as a whole with code ``invalid`` and the browser is sent the server's value back
(PROTOCOL.md §5).

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
import datetime
import math
import mimetypes
import re
from collections.abc import Callable
from pathlib import PurePath
from typing import Any, ClassVar

import param

from docsync.core.model import JSON, Model
from docsync.exceptions import Invalid
from docsync.handlers import takes_session
from docsync.runtime.context import CURRENT_SESSION
from docsync.runtime.download import send_file

__all__ = [
    "Button",
    "Checkbox",
    "CheckboxGroup",
    "ColorPicker",
    "DatePicker",
    "FileDownload",
    "FileInput",
    "FloatInput",
    "FloatSlider",
    "IntInput",
    "IntRangeSlider",
    "IntSlider",
    "MultiSelect",
    "PasswordInput",
    "RadioButtonGroup",
    "Select",
    "TextAreaInput",
    "TextInput",
    "Toggle",
    "Widget",
]

BUTTON_TYPES = ["default", "primary", "success", "warning", "danger", "light"]


class Widget(Model):
    """A control with a label (``name``, as in Panel) and a client-writable ``value``."""

    _wire_exclude = frozenset({"key"})
    _client_writable = frozenset({"value"})

    name = param.String(default="", doc="The label shown with the widget.")
    disabled = param.Boolean(default=False)
    key = param.String(default=None, allow_None=True, constant=True, doc=(
        "Made in a session (app code or a callback), the widget mirrors ``value`` into "
        "``state.session[key]`` both ways (Streamlit's widget keys); the store's value, if "
        "already set, wins. Server-only: never sent."))

    def __init__(self, **params: Any) -> None:
        params.setdefault("name", "")
        store = None
        if params.get("key") is not None:
            from docsync.runtime.context import CURRENT_SESSION

            ctx = CURRENT_SESSION.get()
            store = ctx.store if ctx is not None else None
            if store is not None and params["key"] in store:
                params["value"] = store[params["key"]]
        super().__init__(**params)
        if store is not None:
            store.mirror(params["key"], self)

    def _refuse(self, reason: str) -> Invalid:
        """An :class:`Invalid` that names this widget, for ``raise``."""
        return Invalid(f"{type(self).__name__} {self.name!r}: {reason}")


def _number(widget: Widget, value: JSON, *, integer: bool) -> int | float:
    """A finite JSON number for ``widget`` (an ``int`` when ``integer``), or Invalid."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise widget._refuse(f"{value!r} is not a number")
    if integer and isinstance(value, float):
        if not value.is_integer():
            raise widget._refuse(f"{value!r} is not a whole number")
        return int(value)
    return value


def _keep_bounds(widget: Widget, *names: str) -> None:
    """Bound the parameters ``names`` of ``widget`` by its ``start`` and ``end``, now and
    whenever they change."""
    def update(*_: Any) -> None:
        for name in names:
            widget.param[name].bounds = (widget.start, widget.end)

    update()
    widget.param.watch(update, ["start", "end"])


# -- sliders -------------------------------------------------------------------------------


class _Slider(Widget):
    """A slider: ``value`` and ``value_throttled`` stay within ``start`` and ``end``.

    The browser sends ``value`` while the handle is dragged (at most once per animation
    frame) and ``value_throttled`` only when the user lets go, so a callback that wants
    the final value only watches ``value_throttled``. It starts equal to ``value``; after
    that only the browser sets it (app code that sets ``value`` may set it too).
    """

    _client_writable = frozenset({"value", "value_throttled"})
    _integer: ClassVar[bool] = False

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        if self.value_throttled is None:
            self.value_throttled = self.value
        _keep_bounds(self, "value", "value_throttled")

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        return _number(self, value, integer=self._integer)


class IntSlider(_Slider):
    _integer = True

    start = param.Integer(default=0)
    end = param.Integer(default=1)
    step = param.Integer(default=1)
    value = param.Integer(default=0)
    value_throttled = param.Integer(default=None, allow_None=True)


class FloatSlider(_Slider):
    start = param.Number(default=0.0)
    end = param.Number(default=1.0)
    step = param.Number(default=0.1)
    value = param.Number(default=0.0)
    value_throttled = param.Number(default=None, allow_None=True)


class IntRangeSlider(_Slider):
    """A slider with two handles: ``value`` is ``(lower, upper)``, both within bounds."""

    _integer = True

    start = param.Integer(default=0)
    end = param.Integer(default=1)
    step = param.Integer(default=1)
    value = param.Range(default=(0, 1))
    value_throttled = param.Range(default=None, allow_None=True)

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if not isinstance(value, list) or len(value) != 2:
            raise self._refuse(f"{value!r} is not a [lower, upper] pair")
        lower, upper = (_number(self, v, integer=True) for v in value)
        if lower > upper:
            raise self._refuse(f"lower {lower} is above upper {upper}")
        return (lower, upper)


# -- number fields -------------------------------------------------------------------------


class _NumberInput(Widget):
    """A number field: ``value`` is None while the field is empty, and stays within
    ``start`` and ``end`` when they are set. The browser sends it when the user commits an
    entry (Enter, leaving the field, the arrow keys or buttons), not on every keystroke,
    so a half-typed number is never refused."""

    _integer: ClassVar[bool] = False

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        _keep_bounds(self, "value")

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        return None if value is None else _number(self, value, integer=self._integer)


class IntInput(_NumberInput):
    _integer = True

    start = param.Integer(default=None, allow_None=True)
    end = param.Integer(default=None, allow_None=True)
    step = param.Integer(default=1)
    value = param.Integer(default=0, allow_None=True)


class FloatInput(_NumberInput):
    start = param.Number(default=None, allow_None=True)
    end = param.Number(default=None, allow_None=True)
    step = param.Number(default=0.1)
    value = param.Number(default=0.0, allow_None=True)


# -- text ----------------------------------------------------------------------------------


class TextInput(Widget):
    """One line of text. ``max_length`` bounds it.

    The browser sends ``value`` while the user types (at most once per animation frame)
    and ``value_throttled`` only when the user commits the text (the field's ``change``:
    Enter in a single-line field, or leaving the field), so a callback that wants only
    the final text watches ``value_throttled``. It starts equal to ``value``; after that
    only the browser sets it (app code that sets ``value`` may set it too).
    """

    _client_writable = frozenset({"value", "value_throttled"})

    value = param.String(default="")
    value_throttled = param.String(default=None, allow_None=True)
    placeholder = param.String(default="")
    max_length = param.Integer(default=5000, allow_None=True, bounds=(0, None))

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        if self.value_throttled is None:
            self.value_throttled = self.value

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if not isinstance(value, str):
            raise self._refuse(f"{value!r} is not a string")
        if self.max_length is not None and len(value) > self.max_length:
            raise self._refuse(f"the text is longer than {self.max_length} characters")
        return value


class PasswordInput(TextInput):
    """A ``TextInput`` whose characters the page does not show."""


class TextAreaInput(TextInput):
    """Several lines of text; ``rows`` is the visible height."""

    rows = param.Integer(default=2, bounds=(1, None))


# -- on/off --------------------------------------------------------------------------------


class Checkbox(Widget):
    value = param.Boolean(default=False)


class Toggle(Widget):
    """A button that stays pressed (``value`` True) until pressed again."""

    value = param.Boolean(default=False)
    button_type = param.Selector(default="default", objects=BUTTON_TYPES)


# -- choices -------------------------------------------------------------------------------


def _values(options: list[Any] | dict[str, Any]) -> list[Any]:
    return list(options.values()) if isinstance(options, dict) else list(options)


def _option(widget: Widget, options: list[Any] | dict[str, Any], value: JSON) -> Any:
    """The option equal to ``value`` with the same type (so ``2.0`` is not ``2``), or Invalid."""
    for option in _values(options):
        if option == value and type(option) is type(value):
            return option
    raise widget._refuse(f"{value!r} is not one of the options")


class Select(Widget):
    """One choice among ``options``: a list of values, or a dict of label → value."""

    options = param.ClassSelector(default=[], class_=(list, dict))
    value = param.Parameter(default=None)

    def __init__(self, **params: Any) -> None:
        options = params.get("options", [])
        if "value" not in params and options:
            params["value"] = next(iter(_values(options)))
        super().__init__(**params)

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        return _option(self, self.options, value)


class RadioButtonGroup(Select):
    """One choice among ``options``, shown as a row of buttons (native radio buttons)."""

    button_type = param.Selector(default="default", objects=BUTTON_TYPES)


class _MultiChoice(Widget):
    """Any number of ``options`` (a list of values, or a dict of label → value): ``value``
    is the list of chosen ones, each at most once."""

    options = param.ClassSelector(default=[], class_=(list, dict))
    value = param.List(default=[])

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if not isinstance(value, list):
            raise self._refuse(f"{value!r} is not a list of options")
        chosen = [_option(self, self.options, v) for v in value]
        if len({repr(v) for v in chosen}) != len(chosen):
            raise self._refuse("an option is chosen twice")
        return chosen


class MultiSelect(_MultiChoice):
    """A list box; ``size`` is how many options show at once."""

    size = param.Integer(default=10, bounds=(1, None))


class CheckboxGroup(_MultiChoice):
    """A checkbox per option; ``inline`` lays them out in a row."""

    inline = param.Boolean(default=False)


# -- date and colour -----------------------------------------------------------------------

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DatePicker(Widget):
    """A date (``datetime.date``, or None), sent as an ISO 8601 string ``"YYYY-MM-DD"``,
    within ``start`` and ``end`` when they are set."""

    value = param.CalendarDate(default=None, allow_None=True)
    start = param.CalendarDate(default=None, allow_None=True)
    end = param.CalendarDate(default=None, allow_None=True)

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        _keep_bounds(self, "value")

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if value is None:
            return None
        if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
            raise self._refuse(f"{value!r} is not a date like 2024-12-31")
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise self._refuse(f"{value!r} is not a date of the calendar") from None


_HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


class ColorPicker(Widget):
    """A colour as ``"#rrggbb"`` (the browser sends lower case hex)."""

    value = param.Color(default="#000000", allow_named=False)

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if not isinstance(value, str) or not _HEX_COLOR.fullmatch(value):
            raise self._refuse(f"{value!r} is not a colour like #1a2b3c")
        return value.lower()


# -- buttons and files ---------------------------------------------------------------------


class Button(Widget):
    """A button; a click in the browser increments ``clicks`` and calls ``on_click`` handlers."""

    _client_writable = frozenset()
    _events = frozenset({"click"})

    clicks = param.Integer(default=0, bounds=(0, None))
    button_type = param.Selector(default="default", objects=BUTTON_TYPES)

    def _handle_event(self, name: str, data: JSON) -> None:
        if name == "click":
            self.clicks += 1

    def on_click(self, callback: Callable[..., Any]) -> Any:
        """Call ``callback(event)`` on every click; returns the watcher (for ``unwatch``).

        A callback that declares a ``session`` parameter also receives the clicking
        session's ``state.session`` store (Datapane's convention).
        """
        if takes_session(callback):
            def handler(event: param.parameterized.Event) -> Any:
                from docsync.state import state

                return callback(event, session=state.session)

            return self.param.watch(handler, "clicks", onlychanged=False)
        return self.param.watch(callback, "clicks", onlychanged=False)


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

    accept = param.String(default="")
    max_size = param.Integer(default=10 * 1024 * 1024, bounds=(0, None))
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


def _read(source: Any) -> bytes:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source)
    if isinstance(source, (str, PurePath)):
        with open(source, "rb") as f:
            return f.read()
    if hasattr(source, "read"):
        content = source.read()
        return content.encode("utf-8") if isinstance(content, str) else bytes(content)
    raise TypeError(f"FileDownload cannot send a {type(source).__name__}: give a path, "
                    "bytes or a file-like object")


class FileDownload(Widget):
    """A button that downloads ``file`` as ``filename``.

    ``file`` is a path, bytes or a file-like object, or a function that returns one (as is
    ``callback``, Panel's name, which wins when set); it is read on every click, so a file
    that changes on disk is sent as it is then. ``filename`` defaults to the path's name
    (that of ``file``, else of the path the function returns, else "download");
    ``mime_type`` defaults to the type its extension suggests. ``label`` is the button's
    text (default "Download <filename>"). ``downloads`` counts the files sent (server-side
    only).

    A click sends the file to the page that was clicked, and to no other, as a ``download``
    command (PROTOCOL.md §4), so it needs that page's session: a served app or a notebook
    output. Without one (``docsync.testing.LocalClient``, say) a click raises
    ``RuntimeError``. The file is read whole into memory. Up to 512 KiB it travels
    base64-encoded in the command; a larger one, from a server, by a URL that the page
    fetches once (``docsync.runtime.download``), so it never fills the replay log (§6).
    """

    _client_writable = frozenset()
    _events = frozenset({"click"})
    _wire_exclude = Widget._wire_exclude | {"file", "callback", "mime_type", "downloads"}

    file = param.Parameter(default=None)
    callback = param.Callable(default=None, allow_None=True)
    filename = param.String(default=None, allow_None=True)
    label = param.String(default=None, allow_None=True)
    button_type = param.Selector(default="default", objects=BUTTON_TYPES)
    mime_type = param.String(default=None, allow_None=True,
                             doc="The file's type; None guesses it from filename.")
    downloads = param.Integer(default=0, bounds=(0, None), doc="Files sent so far.")

    def __init__(self, file: Any = None, **params: Any) -> None:
        if params.get("filename") is None and isinstance(file, (str, PurePath)):
            params["filename"] = PurePath(file).name
        super().__init__(file=file, **params)

    def _handle_event(self, name: str, data: JSON) -> None:
        ctx = CURRENT_SESSION.get()
        if ctx is None:
            raise RuntimeError("FileDownload sends its file to the page that was clicked, and "
                               "there is no session here: serve the app (ds.serve, docsync "
                               "serve), show it in a notebook, or test it with NetworkClient")
        source = self.callback if self.callback is not None else self.file
        if callable(source):
            source = source()
        content = _read(source)
        filename = self.filename
        if filename is None:
            filename = PurePath(source).name if isinstance(source, (str, PurePath)) else "download"
        mime_type = (self.mime_type or mimetypes.guess_type(filename)[0]
                     or "application/octet-stream")
        send_file(ctx, filename, mime_type, content)
        self.downloads += 1
