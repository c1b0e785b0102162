"""``DiscreteSlider``: a slider whose stops are ``options`` rather than numbers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import param

from docsync.core.model import JSON
from docsync.widgets.base import Widget
from docsync.widgets.choices import is_in, option_values
from docsync.widgets.sliders import SLIDER_UNSUPPORTED

__all__ = ["DiscreteSlider"]


class DiscreteSlider(Widget):
    """A slider with one stop per option (``options``: a list of values, or a dict of
    label → value); the readout shows the chosen option's label.

    As in Panel: ``value`` starts at the first option; given or set by the app, a value
    that is none of the options raises ValueError; a change of ``options`` that drops
    the value moves it to the first option. The browser sends the chosen option's value
    itself (JSON), which must equal an option of the same type: ``value`` while the
    handle is dragged, ``value_throttled`` when the user lets go.
    """

    _client_writable = frozenset({"value", "value_throttled"})
    _unsupported: ClassVar[Mapping[str, str]] = {
        **SLIDER_UNSUPPORTED,
        "formatter": "the readout shows each option's label: pass options as a dict of "
                     "label → value to choose the text",
    }
    _panel_defaults: ClassVar[Mapping[str, Any]] = {
        "direction": "ltr", "orientation": "horizontal", "show_value": True}

    options = param.ClassSelector(default=[], class_=(list, dict))
    value = param.Parameter(default=None)
    value_throttled = param.Parameter(default=None)

    def __init__(self, **params: Any) -> None:
        values = option_values(params.get("options"))
        if params.get("value") is None and values:
            params["value"] = values[0]
        elif values and not is_in(params.get("value"), values):
            raise self._not_an_option(params["value"])
        if params.get("value_throttled") is None:
            params["value_throttled"] = params.get("value")
        super().__init__(**params)

    def __setattr__(self, attr: str, value: Any) -> None:
        ready = "_widget_ready" in self.__dict__
        if ready and attr == "value" and self.options \
                and not is_in(value, option_values(self.options)):
            raise self._not_an_option(value)
        super().__setattr__(attr, value)
        if ready and attr == "options":
            values = option_values(self.options)
            if values and not is_in(self.value, values):
                self.value = values[0]

    def _not_an_option(self, value: Any) -> ValueError:
        return ValueError(f"DiscreteSlider {self.name!r}: {value!r} is not one of the "
                          "options; give one of them")

    @property
    def values(self) -> list[Any]:
        """The option values, in order (Panel's ``values``)."""
        return option_values(self.options)

    @property
    def labels(self) -> list[str]:
        """The label of each option, in order (Panel's ``labels``)."""
        if isinstance(self.options, dict):
            return list(self.options)
        return [str(v) for v in self.values]

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        for option in self.values:
            # JSON has one number type: the page sends the option 2.0 as 2.
            numbers = isinstance(option, float) and isinstance(value, int) \
                and not isinstance(value, bool)
            if option == value and (type(option) is type(value) or numbers):
                return option
        raise self._refuse(f"{value!r} is not one of the options")
