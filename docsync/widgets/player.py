"""``Player``: a slider over whole numbers that the page steps through on a timer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import param

from docsync.core.model import JSON
from docsync.widgets.base import Widget, number, within

__all__ = ["Player"]


class Player(Widget):
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
    _unsupported: ClassVar[Mapping[str, str]] = {
        **Widget._unsupported,
        **dict.fromkeys(("visible_buttons", "visible_loop_options", "scale_buttons",
                         "value_align", "preview_duration"),
                        "docsync's player shows all its buttons at the theme's size"),
    }
    _panel_defaults: ClassVar[Mapping[str, Any]] = {"preview_duration": 1500,
                                                    "scale_buttons": 1}

    start = param.Integer(default=0)
    end = param.Integer(default=10)
    step = param.Integer(default=1, bounds=(1, None))
    value = param.Integer(default=0)
    interval = param.Integer(default=500, bounds=(10, None), doc="Milliseconds per step.")
    direction = param.Integer(default=0, bounds=(-1, 1),
                              doc="1 playing forwards, -1 backwards, 0 paused.")
    loop_policy = param.Selector(default="once", objects=["once", "loop", "reflect"])
    show_loop_controls = param.Boolean(default=True)
    show_value = param.Boolean(default=False, doc="Whether the value is shown.")

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if prop == "loop_policy":
            return value  # the Selector refuses anything else
        checked = number(self, value, integer=True)
        if prop == "direction":
            if checked not in (-1, 0, 1):
                raise self._refuse(f"direction must be -1, 0 or 1, not {checked}")
            return checked
        within(self, checked, self.start, self.end)
        return checked

    def play(self) -> None:
        """Start playing forwards (as the page's play button does)."""
        self.direction = 1

    def pause(self) -> None:
        """Stop playing."""
        self.direction = 0

    def reverse(self) -> None:
        """Start playing backwards."""
        self.direction = -1
