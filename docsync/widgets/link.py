"""``Widget.from_param``: a widget made from a ``param`` parameter and linked to it both
ways, as Panel's ``from_param`` does."""

from __future__ import annotations

from typing import Any, TypeVar

import param

from docsync.widgets.base import Widget
from docsync.widgets.buttons import Button, Toggle
from docsync.widgets.choices import MultiSelect, Select
from docsync.widgets.date_sliders import DateRangeSlider
from docsync.widgets.inputs import (
    Checkbox,
    ColorPicker,
    DatePicker,
    FloatInput,
    IntInput,
    TextInput,
)
from docsync.widgets.sliders import FloatSlider, IntRangeSlider, IntSlider, RangeSlider
from docsync.widgets.times import DatetimePicker

__all__ = ["from_param", "widget_type"]

_W = TypeVar("_W", bound=Widget)


def widget_type(parameter: param.Parameter[Any]) -> type[Widget]:
    """The widget type that edits ``parameter``, as Panel maps them: a slider for a
    number with both bounds, else a number input; a checkbox, a text input, a select, a
    multi-select, a date picker (``CalendarDate``), a date-and-time picker (``Date``), a
    colour picker, a range slider (``IntRangeSlider`` when both bounds are whole numbers,
    else ``RangeSlider``), a date range slider (``DateRange`` with both bounds), or a
    button for an ``Action`` or ``Event``.

    Raises ValueError for a parameter type that no docsync widget edits.
    """
    lower, upper = parameter.get_soft_bounds() if hasattr(parameter, "get_soft_bounds") \
        else (None, None)
    bounded = lower is not None and upper is not None
    for kind in type(parameter).__mro__:
        if kind in (param.Action, param.Event):
            return Button
        if kind is param.Boolean:
            return Checkbox
        if kind is param.CalendarDate:
            return DatePicker
        if kind is param.Date:
            return DatetimePicker
        if kind is param.DateRange and bounded:
            return DateRangeSlider
        if kind is param.Integer:
            return IntSlider if bounded else IntInput
        if kind is param.Number:
            return FloatSlider if bounded else FloatInput
        if kind is param.Range and bounded:
            whole = all(isinstance(b, int) and not isinstance(b, bool) for b in (lower, upper))
            return IntRangeSlider if whole else RangeSlider
        if kind is param.ListSelector:
            return MultiSelect
        if kind is param.Selector:
            return Select
        if kind is param.Color:
            return ColorPicker
        if kind is param.String:
            return TextInput
    raise ValueError(f"docsync has no widget for a {type(parameter).__name__} parameter "
                     f"({parameter.name!r}): call a widget type's from_param, such as "
                     "TextInput.from_param(...)")


def _derived(parameter: param.Parameter[Any], kind: type[Widget], value: Any) -> dict[str, Any]:
    """The widget arguments ``parameter`` implies, for the widget type ``kind``."""
    out: dict[str, Any] = {"label": parameter.label or "", "disabled": parameter.constant}
    if value is not None or parameter.allow_None:
        out["value"] = value
    if hasattr(parameter, "get_range"):
        choices = parameter.get_range()  # label → value
        if all(isinstance(v, str) and k == v for k, v in choices.items()):
            out["options"] = list(choices.values())
        else:
            out["options"] = dict(choices)
    if hasattr(parameter, "get_soft_bounds"):
        start, end = parameter.get_soft_bounds()
        lower, upper = getattr(parameter, "inclusive_bounds", (True, True))
        integer = isinstance(parameter, param.Integer)
        if start is not None:
            out["start"] = start + 1 if integer and not lower else start
        if end is not None:
            out["end"] = end - 1 if integer and not upper else end
        if getattr(parameter, "step", None):
            out["step"] = parameter.step
    if issubclass(kind, (Button, Toggle)):
        out.pop("value", None)
    return {k: v for k, v in out.items() if k in kind.param}


def from_param(cls: type[_W], parameter: param.Parameter[Any], **params: Any) -> _W:
    """A widget of type ``cls`` (of :func:`widget_type`'s choice when ``cls`` is
    ``Widget`` itself) for ``parameter`` of its owner (a Parameterized instance or class).

    Derived, then overridden by ``params``: the caption from the parameter's ``label``,
    ``disabled`` from ``constant``, ``value`` from the owner's current value, ``options``
    from a selector's objects, ``start``, ``end`` and ``step`` from its (soft) bounds.

    Linked both ways: a change of the widget's ``value`` sets the owner's parameter, and a
    change of the parameter sets the widget's ``value``. A value the parameter refuses
    puts the widget back to the parameter's value and raises the parameter's error. For
    an ``Action`` parameter the widget is a button whose click calls the action with the
    owner; for an ``Event``, a click triggers it. The link lives as long as both objects
    do: a class-level owner shared by every session keeps each session's widget alive,
    so give each session its own instance.
    """
    if not isinstance(parameter, param.Parameter):
        raise ValueError(f"{cls.__name__}.from_param takes a parameter such as "
                         f"Settings.param.x, not a {type(parameter).__name__}")
    owner, name = parameter.owner, parameter.name
    if owner is None or name is None:
        raise ValueError(f"{cls.__name__}.from_param: the parameter belongs to no "
                         "Parameterized class; declare it on one")
    kind: type[Any] = widget_type(parameter) if cls is Widget else cls
    if "name" in params and "label" not in params:
        params["label"] = params.pop("name")
    widget = kind(**{**_derived(parameter, kind, getattr(owner, name)), **params})
    if isinstance(parameter, param.Action):
        widget.on_click(lambda _event: getattr(owner, name)(owner))
    elif isinstance(parameter, param.Event):
        widget.on_click(lambda _event: owner.param.trigger(name))
    else:
        _link(widget, owner, name)
    return widget  # type: ignore[no-any-return]


def _link(widget: Widget, owner: Any, name: str) -> None:
    def to_owner(event: param.parameterized.Event) -> None:
        try:
            setattr(owner, name, event.new)
        except (ValueError, TypeError):
            widget.value = getattr(owner, name)
            raise

    def to_widget(event: param.parameterized.Event) -> None:
        widget.value = event.new

    widget.param.watch(to_owner, "value")
    owner.param.watch(to_widget, name)
