"""Sliders over days: ``DateSlider`` (one date) and ``DateRangeSlider`` (two)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any, ClassVar

import param

from docsync.core.model import JSON
from docsync.core.params import Date, Integer
from docsync.widgets.base import Widget, within
from docsync.widgets.sliders import SLIDER_UNSUPPORTED

__all__ = ["DateRangeSlider", "DateSlider"]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_UNSUPPORTED: Mapping[str, str] = {
    **SLIDER_UNSUPPORTED,
    "format": "the readout shows the ISO date (2024-12-31); bind a Markdown pane to the "
              "slider to show it formatted",
    "as_datetime": "the slider moves by whole days and its value is a date (a datetime "
                   "when start is one): use a DatetimePicker to pick a time of day",
}


def _day(widget: Widget, value: JSON) -> datetime.date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise widget._refuse(f"{value!r} is not a date like 2024-12-31")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise widget._refuse(f"{value!r} is not a date of the calendar") from None


def _like(day: datetime.date, model: Any) -> datetime.date:
    """``day`` as a datetime at midnight when ``model`` (the slider's start) is one."""
    if isinstance(model, datetime.datetime):
        return datetime.datetime.combine(day, datetime.time())
    return day


def _on_step(widget: Any, day: datetime.date) -> None:
    """Refuse a day that is not a whole number of ``step`` days after ``start``."""
    offset = (day - widget.start.date() if isinstance(widget.start, datetime.datetime)
              else day - widget.start).days
    if offset % widget.step:
        raise widget._refuse(f"{day.isoformat()} is not a multiple of {widget.step} days "
                             f"after the start")


def _check_bounds(name: str, params: dict[str, Any]) -> None:
    if params.get("start") is None or params.get("end") is None:
        raise ValueError(f"{name} needs start and end dates")


class DateSlider(Widget):
    """A slider over the days from ``start`` to ``end`` (both needed), ``step`` days at a
    time; ``value`` starts at ``start`` when not given.

    The browser sends ISO dates ("2024-12-31"): ``value`` while the handle is dragged
    and ``value_throttled`` when the user lets go; each must be a day within
    ``start``..``end`` on a step. They become ``datetime.date`` values, or datetimes at
    midnight when ``start`` is a datetime. The app may set any date, as in Panel.
    """

    _client_writable = frozenset({"value", "value_throttled"})
    _unsupported: ClassVar[Mapping[str, str]] = _UNSUPPORTED
    _panel_defaults: ClassVar[Mapping[str, Any]] = {
        "direction": "ltr", "orientation": "horizontal", "show_value": True,
        "as_datetime": False}

    value = Date(default=None, allow_None=True)
    value_throttled = Date(default=None, allow_None=True)
    start = Date(default=None)
    end = Date(default=None)
    step = Integer(default=1, bounds=(1, None), doc="Days per step of the handle.")

    def __init__(self, **params: Any) -> None:
        _check_bounds(type(self).__name__, params)
        params.setdefault("value", params["start"])
        if params.get("value_throttled") is None:
            params["value_throttled"] = params["value"]
        super().__init__(**params)

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        day = _day(self, value)
        within(self, _like(day, self.start), self.start, self.end)
        _on_step(self, day)
        return _like(day, self.start)


class DateRangeSlider(Widget):
    """A slider with two handles over the days from ``start`` to ``end`` (both needed):
    ``value`` is ``(lower, upper)``, ``(start, end)`` when not given; ``step`` is in days.

    The browser sends ``[lower, upper]`` as ISO dates, each checked as ``DateSlider``
    checks its value, lower not after upper.
    """

    _client_writable = frozenset({"value", "value_throttled"})
    _unsupported: ClassVar[Mapping[str, str]] = _UNSUPPORTED
    _panel_defaults: ClassVar[Mapping[str, Any]] = DateSlider._panel_defaults

    value = param.DateRange(default=None, allow_None=True)
    value_throttled = param.DateRange(default=None, allow_None=True)
    start = Date(default=None)
    end = Date(default=None)
    step = Integer(default=1, bounds=(1, None), doc="Days per step of a handle.")

    def __init__(self, **params: Any) -> None:
        _check_bounds(type(self).__name__, params)
        params.setdefault("value", (params["start"], params["end"]))
        if params.get("value_throttled") is None:
            params["value_throttled"] = params["value"]
        super().__init__(**params)

    @property
    def value_start(self) -> Any:
        """The lower end of ``value`` (Panel's ``value_start``)."""
        return self.value[0] if self.value else None

    @property
    def value_end(self) -> Any:
        """The upper end of ``value`` (Panel's ``value_end``)."""
        return self.value[1] if self.value else None

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if not isinstance(value, list) or len(value) != 2:
            raise self._refuse(f"{value!r} is not a [lower, upper] pair of dates")
        lower, upper = (_day(self, v) for v in value)
        if lower > upper:
            raise self._refuse(f"lower {lower.isoformat()} is after upper {upper.isoformat()}")
        for day in (lower, upper):
            within(self, _like(day, self.start), self.start, self.end)
            _on_step(self, day)
        return (_like(lower, self.start), _like(upper, self.start))
