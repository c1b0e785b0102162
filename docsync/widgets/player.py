"""``Player`` and ``DiscretePlayer``: a slider over whole numbers, or over a list of
options, that the page steps through on a timer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import param

from docsync.core.model import JSON
from docsync.core.params import Integer
from docsync.widgets.base import Widget, number, within
from docsync.widgets.choices import is_in, option_values

__all__ = ["DiscretePlayer", "Player"]

_UNSUPPORTED = {
    **Widget._unsupported,
    **dict.fromkeys(("visible_buttons", "visible_loop_options", "scale_buttons",
                     "value_align", "preview_duration"),
                    "docsync's player shows all its buttons at the theme's size"),
}
_PANEL_DEFAULTS = {"preview_duration": 1500, "scale_buttons": 1}


def _play_control(widget: Widget, prop: str, value: JSON) -> Any:
    """A client's ``loop_policy`` or ``direction``, checked (both players send them)."""
    if prop == "loop_policy":
        return value  # the Selector refuses anything else
    checked = number(widget, value, integer=True)
    if checked not in (-1, 0, 1):
        raise widget._refuse(f"direction must be -1, 0 or 1, not {checked}")
    return checked


class _PlayButtons:
    """The page's play, pause and reverse buttons as methods (Panel's), for a widget with
    a ``direction`` (1 forwards, -1 backwards, 0 paused)."""

    direction: int

    def play(self) -> None:
        """Start playing forwards (as the page's play button does)."""
        self.direction = 1

    def pause(self) -> None:
        """Stop playing."""
        self.direction = 0

    def reverse(self) -> None:
        """Start playing backwards."""
        self.direction = -1


class Player(_PlayButtons, Widget):
    """Plays ``value`` from ``start`` to ``end`` in steps of ``step``, one step every
    ``interval`` milliseconds (Panel's unit), with buttons to play forwards or
    backwards, pause, step once, and go to either end.

    The page runs the timer: it sends each new ``value`` and the play ``direction`` (1
    forwards, -1 backwards, 0 paused). At an end, ``loop_policy`` says what happens:
    ``"once"`` pauses, ``"loop"`` starts again from the other end, ``"reflect"`` turns
    back. The browser may send only whole numbers within ``start``..``end`` and a
    direction of -1, 0 or 1; the app may set any whole number, as in Panel.
    """

    _client_writable = frozenset({"value", "direction", "loop_policy"})
    _unsupported: ClassVar[Mapping[str, str]] = _UNSUPPORTED
    _panel_defaults: ClassVar[Mapping[str, Any]] = _PANEL_DEFAULTS

    start = Integer(default=0)
    end = Integer(default=10)
    step = Integer(default=1, bounds=(1, None))
    value = Integer(default=0)
    interval = Integer(default=500, bounds=(10, None), doc="Milliseconds per step.")
    direction = Integer(default=0, bounds=(-1, 1),
                              doc="1 playing forwards, -1 backwards, 0 paused.")
    loop_policy = param.Selector(default="once", objects=["once", "loop", "reflect"])
    show_loop_controls = param.Boolean(default=True)
    show_value = param.Boolean(default=False, doc="Whether the value is shown.")

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if prop != "value":
            return _play_control(self, prop, value)
        checked = number(self, value, integer=True)
        within(self, checked, self.start, self.end)
        return checked



class DiscretePlayer(_PlayButtons, Widget):
    """Plays through ``options`` (a list of values, or a dict of label → value) as
    :class:`Player` plays through numbers: one option every ``interval`` milliseconds,
    skipping ``step - 1`` options per step, with the same buttons, ``direction`` and
    ``loop_policy``; the value shown is the option's label.

    As in Panel, ``value`` starts at the first option and a change of ``options`` that
    drops the value moves it to the first option. Given or set by the app, a value that
    is none of the options raises ValueError (Panel silently takes the first option).
    On the wire the page sees the option labels and the index of ``value``, so options
    need not be JSON; it sends the index of each new frame, which the server turns back
    into the option (an index out of range is refused).
    """

    # The page plays over positions 0..len(options) - 1 and shows the labels.
    _wire_exclude = Widget._wire_exclude | {"value", "options"}
    _derived_props = {"value": ("value", "options"), "labels": ("options",),
                      "end": ("options",)}
    _client_writable = frozenset({"value", "direction", "loop_policy"})
    _unsupported: ClassVar[Mapping[str, str]] = {
        **_UNSUPPORTED,
        "value_throttled": "the page sends every frame as value; watch value",
    }
    _panel_defaults: ClassVar[Mapping[str, Any]] = _PANEL_DEFAULTS

    options = param.ClassSelector(default=[], class_=(list, dict))
    value = param.Parameter(default=None)
    step = Integer(default=1, bounds=(1, None), doc="Options advanced per frame.")
    interval = Integer(default=500, bounds=(10, None), doc="Milliseconds per step.")
    direction = Integer(default=0, bounds=(-1, 1),
                              doc="1 playing forwards, -1 backwards, 0 paused.")
    loop_policy = param.Selector(default="once", objects=["once", "loop", "reflect"])
    show_loop_controls = param.Boolean(default=True)
    show_value = param.Boolean(default=True, doc="Whether the option's label is shown.")

    def __init__(self, **params: Any) -> None:
        values = option_values(params.get("options"))
        if params.get("value") is None and values:
            params["value"] = values[0]
        elif values and not is_in(params.get("value"), values):
            raise self._not_an_option(params.get("name", ""), params["value"])
        super().__init__(**params)

    def __setattr__(self, attr: str, value: Any) -> None:
        ready = "_widget_ready" in self.__dict__
        if ready and attr == "value" and self.options and not is_in(value, self.values):
            raise self._not_an_option(self.name, value)
        super().__setattr__(attr, value)
        if ready and attr == "options":
            values = self.values
            if values and not is_in(self.value, values):
                self.value = values[0]

    @staticmethod
    def _not_an_option(name: str, value: Any) -> ValueError:
        return ValueError(f"DiscretePlayer {name!r}: {value!r} is not one of the options; "
                          "give one of them")

    @property
    def values(self) -> list[Any]:
        """The option values, in order (Panel's ``values``)."""
        return option_values(self.options)

    @property
    def labels(self) -> list[str]:
        """The label of each option, in order (Panel's ``labels``)."""
        if isinstance(self.options, dict):
            return [str(k) for k in self.options]
        return [str(v) for v in self.values]

    def _index(self) -> int | None:
        for i, option in enumerate(self.values):
            if option is self.value or option == self.value:
                return i
        return None

    def _derived(self, prop: str, ref: Any) -> JSON:
        if prop == "value":
            return self._index()
        if prop == "labels":
            return list(self.labels)
        if prop == "end":
            return max(len(self.values) - 1, 0)
        return super()._derived(prop, ref)

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if prop != "value":
            return _play_control(self, prop, value)
        index = number(self, value, integer=True)
        if not 0 <= index < len(self.values):
            raise self._refuse(f"frame {index} is not an option's index (0 to "
                               f"{len(self.values) - 1})")
        return self.values[int(index)]

