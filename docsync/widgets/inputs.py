"""Fields: number inputs, text inputs, a checkbox and a switch, static text, a date picker
and a colour picker."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any, ClassVar

import param

from docsync.core.model import JSON
from docsync.core.params import CalendarDate, Integer, Number
from docsync.widgets.base import Widget, number, within

__all__ = ["Checkbox", "ColorPicker", "DatePicker", "FloatInput", "IntInput", "NumberInput",
           "PasswordInput", "StaticText", "Switch", "TextAreaInput", "TextInput"]


class _NumberInput(Widget):
    """A number field: ``value`` is None while the field is empty. The browser sends it
    when the user commits an entry (Enter, leaving the field, the arrow keys or buttons),
    not on every keystroke, so a half-typed number is never refused.

    As in Panel, ``value`` starts at ``start`` when only that is given, and a value the
    app sets outside ``start``..``end`` is kept; one the browser sends outside them is
    refused.
    """

    _integer: ClassVar[bool] = False

    def __init__(self, **params: Any) -> None:
        if "value" not in params and params.get("start") is not None:
            params["value"] = params["start"]
        super().__init__(**params)

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if value is None:
            return None
        checked = number(self, value, integer=self._integer)
        within(self, checked, self.start, self.end)
        return checked


class IntInput(_NumberInput):
    _integer = True

    start = Integer(default=None, allow_None=True)
    end = Integer(default=None, allow_None=True)
    step = Integer(default=1)
    value = Integer(default=0, allow_None=True)


class FloatInput(_NumberInput):
    start = Number(default=None, allow_None=True)
    end = Number(default=None, allow_None=True)
    step = Number(default=0.1)
    value = Number(default=0.0, allow_None=True)


def NumberInput(**params: Any) -> IntInput | FloatInput:
    """Panel's ``NumberInput`` (also called ``Spinner``): an ``IntInput`` when ``value``,
    ``start``, ``end`` and ``step`` are all whole numbers or not given, else a
    ``FloatInput``."""
    given = [params[n] for n in ("value", "start", "end", "step") if params.get(n) is not None]
    if all(isinstance(v, int) and not isinstance(v, bool) for v in given):
        return IntInput(**params)
    return FloatInput(**params)


class TextInput(Widget):
    """One line of text. ``max_length`` bounds what the browser may send.

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
    max_length = Integer(default=5000, allow_None=True, bounds=(0, None))

    @classmethod
    def _complete_params(cls, params: dict[str, Any]) -> None:
        if params.get("value_throttled") is None:
            params["value_throttled"] = params.get("value", cls.param["value"].default)

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

    rows = Integer(default=2, bounds=(1, None))


class Checkbox(Widget):
    value = param.Boolean(default=False)


class Switch(Checkbox):
    """A ``Checkbox`` drawn as an on/off switch (ARIA role ``switch``)."""


class StaticText(Widget):
    """Text the page shows beside the caption, as "caption: value"; the browser cannot
    change it. ``value`` may be any object: the page shows its ``str()`` (nothing for
    None)."""

    _client_writable = frozenset()
    _wire_exclude = Widget._wire_exclude | {"value"}
    _derived_props = {"text": ("value",)}

    value = param.Parameter(default=None)

    def _derived(self, prop: str, ref: Any) -> JSON:
        return "" if self.value is None else str(self.value)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DatePicker(Widget):
    """A date (``datetime.date``, or None), sent as an ISO 8601 string ``"YYYY-MM-DD"``.
    The browser may send only dates within ``start`` and ``end`` when they are set; the
    app may set any date, as in Panel."""

    _unsupported: ClassVar[Mapping[str, str]] = {
        **Widget._unsupported,
        **dict.fromkeys(("enabled_dates", "disabled_dates", "options"),
                        "docsync's date picker is the browser's own, which bounds dates by "
                        "start and end only"),
    }

    value = CalendarDate(default=None, allow_None=True)
    start = CalendarDate(default=None, allow_None=True)
    end = CalendarDate(default=None, allow_None=True)

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if value is None:
            return None
        if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
            raise self._refuse(f"{value!r} is not a date like 2024-12-31")
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            raise self._refuse(f"{value!r} is not a date of the calendar") from None
        within(self, day, self.start, self.end)
        return day


_HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


class ColorPicker(Widget):
    """A colour as ``"#rrggbb"`` (the browser sends lower case hex)."""

    value = param.Color(default="#000000", allow_named=False)

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if not isinstance(value, str) or not _HEX_COLOR.fullmatch(value):
            raise self._refuse(f"{value!r} is not a colour like #1a2b3c")
        return value.lower()
