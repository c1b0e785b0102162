"""Widgets: models whose ``value`` the browser writes, and ``Button``'s click event."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import param

from docsync.core.model import JSON, Model
from docsync.exceptions import Invalid

__all__ = [
    "Button",
    "Checkbox",
    "FloatSlider",
    "IntSlider",
    "Select",
    "TextInput",
    "Widget",
]


class Widget(Model):
    """A control with a label (``name``, as in Panel) and a client-writable ``value``."""

    _wire_exclude = frozenset()
    _client_writable = frozenset({"value"})

    name = param.String(default="", doc="The label shown with the widget.")
    disabled = param.Boolean(default=False)

    def __init__(self, **params: Any) -> None:
        params.setdefault("name", "")
        super().__init__(**params)


class _Slider(Widget):
    """A slider: ``value`` stays within ``start`` and ``end`` as they change."""

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self._set_bounds()
        self.param.watch(self._set_bounds, ["start", "end"])

    def _set_bounds(self, *_: Any) -> None:
        self.param.value.bounds = (self.start, self.end)

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise Invalid(f"{type(self).__name__} {self.name!r}: value must be a number")
        return value


class IntSlider(_Slider):
    start = param.Integer(default=0)
    end = param.Integer(default=1)
    step = param.Integer(default=1)
    value = param.Integer(default=0)

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        value = super()._coerce_client_value(prop, value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return value


class FloatSlider(_Slider):
    start = param.Number(default=0.0)
    end = param.Number(default=1.0)
    step = param.Number(default=0.1)
    value = param.Number(default=0.0)


class TextInput(Widget):
    value = param.String(default="")
    placeholder = param.String(default="")


class Checkbox(Widget):
    value = param.Boolean(default=False)


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
        for option in _values(self.options):
            if option == value and type(option) is type(value):
                return option
        raise Invalid(f"Select {self.name!r}: {value!r} is not one of the options")


def _values(options: list[Any] | dict[str, Any]) -> list[Any]:
    return list(options.values()) if isinstance(options, dict) else list(options)


class Button(Widget):
    """A button; a click in the browser increments ``clicks`` and calls ``on_click`` handlers."""

    _client_writable = frozenset()
    _events = frozenset({"click"})

    clicks = param.Integer(default=0, bounds=(0, None))
    button_type = param.Selector(
        default="default",
        objects=["default", "primary", "success", "warning", "danger", "light"])

    def _handle_event(self, name: str, data: JSON) -> None:
        if name == "click":
            self.clicks += 1

    def on_click(self, callback: Callable[[param.parameterized.Event], Any]) -> Any:
        """Call ``callback(event)`` on every click; returns the watcher (for ``unwatch``)."""
        return self.param.watch(callback, "clicks", onlychanged=False)
