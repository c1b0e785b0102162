"""``EditableIntSlider`` and ``EditableFloatSlider``: a slider with a number field beside
it, in which the user may type a value past the slider's ends."""

from __future__ import annotations

from typing import Any

import param

from docsync.core.model import JSON
from docsync.core.params import Integer, Number
from docsync.widgets.base import number, within
from docsync.widgets.sliders import _Slider

__all__ = ["EditableFloatSlider", "EditableIntSlider"]


def _ends(params: dict[str, Any], default_step: float) -> None:
    """Fill in ``start`` and ``end`` from the fixed bounds or from each other, as Panel
    does: an end not given is the fixed bound on that side, else the other end one step
    away."""
    step = params.get("step", default_step)
    if "start" not in params:
        if params.get("fixed_start") is not None:
            params["start"] = params["fixed_start"]
        elif "end" in params:
            params["start"] = params["end"] - step
        elif params.get("fixed_end") is not None:
            params["start"] = params["fixed_end"] - step
    if "end" not in params:
        if params.get("fixed_end") is not None:
            params["end"] = params["fixed_end"]
        elif "start" in params:
            params["end"] = params["start"] + step


def _widen(event: param.parameterized.Event) -> None:
    """Once ``value`` is past ``start`` or ``end``, move that end to it, so the handle
    shows the value typed in the field (Panel's rule)."""
    slider, value = event.obj, event.new
    if value is None:
        return
    if value < slider.start:
        slider.start = value
    elif value > slider.end:
        slider.end = value


def _check(slider: Any, value: JSON, *, integer: bool) -> int | float:
    """A browser's value: a number within ``fixed_start``..``fixed_end`` while the field
    is editable, else within ``start``..``end``."""
    checked = number(slider, value, integer=integer)
    if slider.editable:
        within(slider, checked, slider.fixed_start, slider.fixed_end)
    else:
        within(slider, checked, slider.start, slider.end)
    return checked if integer else float(checked)  # the page sends 2.0 as 2


class EditableIntSlider(_Slider):
    """An ``IntSlider`` with a number field. ``start`` and ``end`` are the slider's ends;
    ``fixed_start`` and ``fixed_end`` (None: no bound) bound what the user may type.
    A value past an end moves that end to it. ``editable=False`` makes the field read
    only. As in Panel, ``start`` and ``end`` not given come from the fixed bounds, or
    lie one step from the other end."""

    _integer = True

    start = Integer(default=0)
    end = Integer(default=1)
    step = Integer(default=1)
    value = Integer(default=0)
    value_throttled = Integer(default=None, allow_None=True)
    fixed_start = Integer(default=None, allow_None=True)
    fixed_end = Integer(default=None, allow_None=True)
    editable = param.Boolean(default=True, doc="Whether the user may type a value.")

    def __init__(self, **params: Any) -> None:
        _ends(params, 1)
        super().__init__(**params)
        self.param.watch(_widen, "value")

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        return _check(self, value, integer=True)


class EditableFloatSlider(_Slider):
    """A ``FloatSlider`` with a number field; otherwise as ``EditableIntSlider``."""

    start = Number(default=0.0)
    end = Number(default=1.0)
    step = Number(default=0.1)
    value = Number(default=0.0)
    value_throttled = Number(default=None, allow_None=True)
    fixed_start = Number(default=None, allow_None=True)
    fixed_end = Number(default=None, allow_None=True)
    editable = param.Boolean(default=True, doc="Whether the user may type a value.")

    def __init__(self, **params: Any) -> None:
        _ends(params, 0.1)
        super().__init__(**params)
        self.param.watch(_widen, "value")

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        return _check(self, value, integer=False)
