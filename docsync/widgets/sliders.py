"""Sliders: ``IntSlider``, ``FloatSlider``, ``IntRangeSlider`` and ``RangeSlider``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import param

from docsync.core.model import JSON
from docsync.core.params import Integer, Number
from docsync.widgets.base import Widget, number, within

__all__ = ["SLIDER_UNSUPPORTED", "FloatSlider", "IntRangeSlider", "IntSlider", "RangeSlider",
           "range_value"]


#: Panel's slider arguments that docsync's sliders do not take.
SLIDER_UNSUPPORTED: Mapping[str, str] = {
    **Widget._unsupported,
    **dict.fromkeys(("bar_color", "direction", "orientation", "tooltips"),
                    "docsync's slider is the page's native range input, drawn "
                    "horizontally from left to right in the theme's colours"),
    "show_value": "the value is always shown beside the label",
}


class _Slider(Widget):
    """A slider between ``start`` and ``end``.

    The browser sends ``value`` while the handle is dragged (at most once per animation
    frame) and ``value_throttled`` only when the user lets go, so a callback that wants
    the final value only watches ``value_throttled``. It starts equal to ``value``; after
    that only the browser sets it (app code that sets ``value`` may set it too).

    As in Panel, ``value`` starts at ``start`` when not given, and a value the app sets
    outside ``start``..``end`` is kept as it is (the page shows the handle at the nearer
    end, and the readout the value); one the browser sends outside them is refused.
    """

    _client_writable = frozenset({"value", "value_throttled"})
    _integer: ClassVar[bool] = False
    _unsupported: ClassVar[Mapping[str, str]] = {
        **SLIDER_UNSUPPORTED,
        "format": "the readout shows the number unformatted; bind a Markdown pane to the "
                  "slider to show it formatted",
    }
    _panel_defaults: ClassVar[Mapping[str, Any]] = {
        "direction": "ltr", "orientation": "horizontal", "show_value": True}

    def __init__(self, **params: Any) -> None:
        if "value" not in params:
            params["value"] = self._initial(params)
        if params.get("value_throttled") is None:
            params["value_throttled"] = params["value"]
        super().__init__(**params)

    @classmethod
    def _initial(cls, params: dict[str, Any]) -> Any:
        return params.get("start", cls.param["start"].default)

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        checked = number(self, value, integer=self._integer)
        within(self, checked, self.start, self.end)
        return checked


class IntSlider(_Slider):
    _integer = True

    start = Integer(default=0)
    end = Integer(default=1)
    step = Integer(default=1)
    value = Integer(default=0)
    value_throttled = Integer(default=None, allow_None=True)


class FloatSlider(_Slider):
    start = Number(default=0.0)
    end = Number(default=1.0)
    step = Number(default=0.1)
    value = Number(default=0.0)
    value_throttled = Number(default=None, allow_None=True)


def _both_ends(cls: type[_Slider], params: dict[str, Any]) -> tuple[Any, Any]:
    return (params.get("start", cls.param["start"].default),
            params.get("end", cls.param["end"].default))


def range_value(widget: _Slider, value: JSON, *, integer: bool) -> tuple[Any, Any]:
    """A browser's ``[lower, upper]`` for a range slider: two numbers (whole when
    ``integer``), lower not above upper, both within ``start``..``end``; or Invalid."""
    if not isinstance(value, list) or len(value) != 2:
        raise widget._refuse(f"{value!r} is not a [lower, upper] pair")
    lower, upper = (number(widget, v, integer=integer) for v in value)
    if not integer:  # JSON has one number type: the page sends 1.0 as 1
        lower, upper = float(lower), float(upper)
    if lower > upper:
        raise widget._refuse(f"lower {lower} is above upper {upper}")
    within(widget, lower, widget.start, widget.end)
    within(widget, upper, widget.start, widget.end)
    return (lower, upper)


class _Range:
    """What the two range sliders share (a mixin over ``_Slider``): ``(start, end)`` when
    no value is given, a checked pair from the page, Panel's ``value_start``/``value_end``."""

    _integer: ClassVar[bool]
    value: Any

    @classmethod
    def _initial(cls, params: dict[str, Any]) -> Any:
        return _both_ends(cls, params)

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        return range_value(self, value, integer=self._integer)  # type: ignore[arg-type]

    @property
    def value_start(self) -> Any:
        """The lower end of ``value`` (Panel's ``value_start``)."""
        return self.value[0]

    @property
    def value_end(self) -> Any:
        """The upper end of ``value`` (Panel's ``value_end``)."""
        return self.value[1]


class IntRangeSlider(_Range, _Slider):
    """A slider with two handles: ``value`` is ``(lower, upper)``, ``(start, end)`` when
    not given."""

    _integer = True

    start = Integer(default=0)
    end = Integer(default=1)
    step = Integer(default=1)
    value = param.Range(default=(0, 1))
    value_throttled = param.Range(default=None, allow_None=True)



class RangeSlider(_Range, _Slider):
    """``IntRangeSlider``'s float twin: ``value`` is ``(lower, upper)``, ``(start, end)``
    when not given; the handles move by ``step`` (0.1 unless given)."""

    start = Number(default=0.0)
    end = Number(default=1.0)
    step = Number(default=0.1)
    value = param.Range(default=(0.0, 1.0))
    value_throttled = param.Range(default=None, allow_None=True)

