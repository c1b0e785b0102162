"""A date with a time of day (``DatetimePicker``) and a time of day (``TimePicker``), each
edited with the browser's own picker and sent as ISO 8601 text."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any, ClassVar

import param

from docsync.core.model import JSON
from docsync.core.params import Date
from docsync.widgets.base import Widget, within

__all__ = ["DatetimePicker", "TimePicker", "parse_time"]

_PICKER = "docsync's picker is the browser's own, which "
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?")
_ISO_TIME = re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?")


class DatetimePicker(Widget):
    """A date and time of day (a naive ``datetime.datetime``, or None), sent as ISO 8601
    text ``"YYYY-MM-DDTHH:MM:SS"``. ``enable_seconds=False`` lets the user pick whole
    minutes only; ``enable_time=False`` a date only (the value is then that day at
    midnight). The browser may send only times within ``start`` and ``end`` when they are
    set, and whole minutes without seconds; the app may set any value, as in Panel (a
    ``datetime.date`` becomes that day at midnight).
    """

    _unsupported: ClassVar[Mapping[str, str]] = {
        **Widget._unsupported,
        **dict.fromkeys(("enabled_dates", "disabled_dates"),
                        _PICKER + "bounds the value by start and end only"),
        "military_time": _PICKER + "shows the clock of the user's locale",
        "allow_input": _PICKER + "always lets the user type the value as well",
        "as_numpy_datetime64": "the value is always a datetime.datetime: convert it with "
                               "numpy.datetime64(value)",
    }

    value = Date(default=None, allow_None=True)
    start = Date(default=None, allow_None=True)
    end = Date(default=None, allow_None=True)
    enable_time = param.Boolean(default=True, doc="Whether the user picks a time of day.")
    enable_seconds = param.Boolean(default=True, doc="Whether the user picks seconds.")

    def __init__(self, **params: Any) -> None:
        for name in ("value", "start", "end"):
            params[name] = _as_datetime(params.get(name))
        super().__init__(**params)

    def __setattr__(self, attr: str, value: Any) -> None:
        if attr in ("value", "start", "end"):
            value = _as_datetime(value)
        super().__setattr__(attr, value)

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if value is None:
            return None
        if not isinstance(value, str) or not _ISO_DATETIME.fullmatch(value):
            raise self._refuse(f"{value!r} is not a date and time like 2024-12-31T23:59:00")
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            raise self._refuse(f"{value!r} is not a time of the calendar") from None
        if not self.enable_time and moment.time() != datetime.time():
            raise self._refuse(f"{value!r} has a time of day; this picker takes dates only")
        if not self.enable_seconds and (moment.second or moment.microsecond):
            raise self._refuse(f"{value!r} has seconds; this picker takes whole minutes")
        within(self, moment, self.start, self.end)
        return moment


def _as_datetime(value: Any) -> Any:
    """A ``datetime.date`` as that day's midnight; anything else as it is."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return datetime.datetime.combine(value, datetime.time())
    return value


def parse_time(value: Any) -> datetime.time | None:
    """``value`` (a ``datetime.time``, ISO 8601 text such as ``"13:45"`` or
    ``"13:45:30"``, or None) as a ``datetime.time``; ValueError for anything else."""
    if value is None or isinstance(value, datetime.time):
        return value
    if isinstance(value, str) and _ISO_TIME.fullmatch(value):
        return datetime.time.fromisoformat(value)
    raise ValueError(f"{value!r} is not a time of day: give a datetime.time or text such "
                     "as '13:45' or '13:45:30'")


class TimePicker(Widget):
    """A time of day. The app may give it as a ``datetime.time`` or text such as
    ``"13:45:30"`` (as in Panel; other text raises ValueError); the browser sends text
    ``"HH:MM"`` or ``"HH:MM:SS"`` and the value becomes a ``datetime.time``. With
    ``seconds=False`` (the default, as in Panel) the user picks whole minutes; the
    browser may send only times within ``start`` and ``end`` when they are set.
    """

    _unsupported: ClassVar[Mapping[str, str]] = {
        **Widget._unsupported,
        **dict.fromkeys(("clock", "format"), _PICKER + "shows the time in the user's "
                                                       "locale"),
        **dict.fromkeys(("hour_increment", "minute_increment", "second_increment"),
                        _PICKER + "steps by one minute (one second with seconds=True)"),
    }
    _panel_defaults: ClassVar[Mapping[str, Any]] = {
        "hour_increment": 1, "minute_increment": 1, "second_increment": 1}

    value = param.ClassSelector(default=None, class_=datetime.time, allow_None=True)
    start = param.ClassSelector(default=None, class_=datetime.time, allow_None=True)
    end = param.ClassSelector(default=None, class_=datetime.time, allow_None=True)
    seconds = param.Boolean(default=False, doc="Whether the user picks seconds.")

    def __init__(self, **params: Any) -> None:
        for name in ("value", "start", "end"):
            params[name] = parse_time(params.get(name))
        super().__init__(**params)

    def __setattr__(self, attr: str, value: Any) -> None:
        if attr in ("value", "start", "end"):
            value = parse_time(value)
        super().__setattr__(attr, value)

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if value is None:
            return None
        if not isinstance(value, str) or not _ISO_TIME.fullmatch(value):
            raise self._refuse(f"{value!r} is not a time like 13:45 or 13:45:30")
        try:
            moment = datetime.time.fromisoformat(value)
        except ValueError:
            raise self._refuse(f"{value!r} is not a time of day") from None
        if not self.seconds and (moment.second or moment.microsecond):
            raise self._refuse(f"{value!r} has seconds; this picker takes whole minutes")
        within(self, moment, self.start, self.end)
        return moment
