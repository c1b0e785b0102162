"""Panel's ``interact``: widgets made from a function's arguments, and its result shown
below them, re-run whenever a widget changes.

Each keyword (or the argument's default) is an abbreviation of a widget:

- a widget: itself; ``fixed(value)``: that value, with no widget;
- ``True``/``False``: a ``Checkbox``; a string: a ``TextInput``;
- a number ``v``: a slider from ``-v`` to ``3v`` (``3v`` to ``-v`` below zero, 0 to 1 for
  zero), an ``IntSlider`` for an int, a ``FloatSlider`` for a float;
- ``(min, max)``, ``(min, max, step)``, ``(min, max, step, value)``: a slider over that
  range (int if every number is an int), starting in the middle, or at ``value``; a
  ``step`` of None keeps the slider's default;
- a list (or another iterable) or a dict of label → value: a ``Select`` of them.

A default that is a list or dict is passed as it is (``fixed``), as in Panel.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from numbers import Real
from typing import Any

from docsync.bind import bind
from docsync.core.model import Model
from docsync.layout import Column
from docsync.pane.choose import panel
from docsync.widgets import Button, Checkbox, FloatSlider, IntSlider, Select, TextInput, Widget

__all__ = ["fixed", "interact", "interact_manual", "interactive"]


class fixed:
    """An argument value ``interact`` passes as it is, with no widget for it."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"fixed({self.value!r})"


def _range_of(value: float) -> tuple[float, float]:
    if value == 0:
        return value, value + 1
    return (-value, 3 * value) if value > 0 else (3 * value, -value)


def _slider(start: Any, end: Any, *, step: Any = None, value: Any = None,
            label: str) -> Widget:
    numbers = [n for n in (start, end, step, value) if n is not None]
    if any(isinstance(n, bool) or not isinstance(n, Real) for n in numbers):
        raise TypeError(f"interact: {label}={(start, end, step, value)!r}: a range holds "
                        "numbers (min, max[, step[, value]])")
    if step is not None and step <= 0:
        raise ValueError(f"interact: {label}: the step must be above 0, not {step!r}")
    if value is None:
        middle = start + (end - start) / 2
        value = middle if not all(isinstance(n, int) for n in (start, end)) else \
            start + (end - start) // 2
    elif step is not None:  # on a step of the range, as the slider would put it
        value = start + int((value - start) / step) * step
    if not start <= value <= end:
        raise ValueError(f"interact: {label}: {value!r} is not between {start!r} and {end!r}")
    integer = all(isinstance(n, int) for n in numbers)
    kind = IntSlider if integer else FloatSlider
    options: dict[str, Any] = {"start": start, "end": end, "value": value, "label": label}
    if step is not None:
        options["step"] = step
    return kind(**options)


def widget_for(abbreviation: Any, label: str) -> Widget | fixed:
    """The widget (or ``fixed``) an abbreviation stands for; see the module docstring.
    Raises ``TypeError``/``ValueError`` naming the argument for one it cannot read."""
    if isinstance(abbreviation, (Widget, fixed)):
        return abbreviation
    if isinstance(abbreviation, bool):
        return Checkbox(value=abbreviation, label=label)
    if isinstance(abbreviation, str):
        return TextInput(value=abbreviation, label=label)
    if isinstance(abbreviation, Real):
        start, end = _range_of(abbreviation)
        return _slider(start, end, value=abbreviation, label=label)
    if isinstance(abbreviation, tuple) and 2 <= len(abbreviation) <= 4 and \
            all(isinstance(n, Real) or n is None for n in abbreviation):
        start, end, *rest = abbreviation
        step = rest[0] if rest else None
        value = rest[1] if len(rest) > 1 else None
        return _slider(start, end, step=step, value=value, label=label)
    if isinstance(abbreviation, Mapping):
        return Select(options=dict(abbreviation), label=label)
    if isinstance(abbreviation, Iterable):
        options = list(abbreviation)
        if not options:
            raise ValueError(f"interact: {label}: an empty list offers nothing to choose")
        return Select(options=options, label=label)
    raise TypeError(f"interact: {label}={abbreviation!r}: give a widget, a bool, a string, a "
                    "number, a (min, max[, step[, value]]) range, a list or a dict")


def _abbreviations(fn: Callable[..., Any], kwargs: dict[str, Any]) -> dict[str, Any]:
    """Argument name → abbreviation, in the function's order, then extra keywords."""
    given = dict(kwargs)
    out: dict[str, Any] = {}
    for name, parameter in inspect.signature(fn).parameters.items():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if name in given:
            out[name] = given.pop(name)
        elif parameter.default is not parameter.empty:
            default = parameter.default
            is_container = isinstance(default, (Iterable, Mapping)) and \
                not isinstance(default, str)
            out[name] = fixed(default) if is_container else default
        else:
            raise TypeError(f"interact: give {fn.__name__}'s argument {name!r} a value, a "
                            "range or a widget (interact(f, x=10)), or a default")
    takes_more = any(p.kind is p.VAR_KEYWORD for p in inspect.signature(fn).parameters.values())
    if given and not takes_more:
        raise TypeError(f"interact: {fn.__name__} takes no argument "
                        f"{', '.join(map(repr, given))}")
    out.update(given)
    return out


class interactive(Column):
    """``interact``'s result: a ``Column`` of two: the widgets (``widget_box``, also
    ``self[0]``) and the function's output (``self[1]``), re-run when a widget changes
    (on release with ``throttled=True``; on a button's click with ``manual_update``)."""

    def __init__(self, fn: Callable[..., Any], abbreviations: Mapping[str, Any], *,
                 throttled: bool = False, manual_update: bool = False,
                 manual_name: str = "Run Interact", **params: Any) -> None:
        widgets = {name: widget_for(abbrev, name) for name, abbrev in abbreviations.items()}
        shown: list[Model] = [w for w in widgets.values() if isinstance(w, Widget)]
        if manual_update:
            button = Button(label=manual_name)
            shown.append(button)

            def run(_clicks: int) -> Any:
                return fn(**{name: w.value for name, w in widgets.items()})

            output = panel(bind(run, button.param.clicks))
        else:
            refs = {name: w.param.value_throttled
                    if throttled and "value_throttled" in w.param else w
                    for name, w in widgets.items() if isinstance(w, Widget)}
            constants = {name: w.value for name, w in widgets.items() if isinstance(w, fixed)}
            output = panel(bind(lambda **values: fn(**values, **constants), **refs))
        super().__init__(Column(*shown), output, **params)
        self.__dict__["widgets"] = widgets

    @property
    def widget_box(self) -> Model:
        """The widgets (Panel's name)."""
        return self[0]

    @property
    def kwargs(self) -> dict[str, Any]:
        """The argument values the widgets give now."""
        return {name: w.value for name, w in self.widgets.items()}


def interact(fn: Callable[..., Any] | None = None, /, *, throttled: bool = False,
             manual_update: bool = False, manual_name: str = "Run Interact",
             **kwargs: Any) -> Any:
    """Panel's ``interact(f, x=10)``: an :class:`interactive` of ``f`` with a widget per
    argument. Without ``f`` (``@interact(x=10)`` or ``@interact``), a decorator that
    returns that ``interactive``."""
    if fn is None:
        return lambda f: interact(f, throttled=throttled, manual_update=manual_update,
                                  manual_name=manual_name, **kwargs)
    if "throttled" in inspect.signature(fn).parameters:
        raise ValueError("interact: a function cannot take an argument named 'throttled'")
    return interactive(fn, _abbreviations(fn, kwargs), throttled=throttled,
                       manual_update=manual_update, manual_name=manual_name)


def interact_manual(fn: Callable[..., Any] | None = None, /, **kwargs: Any) -> Any:
    """``interact`` with a "Run Interact" button: the function runs on its click only."""
    return interact(fn, manual_update=True, **kwargs)
