"""Indicators: models that show a value to the user and take no input (Panel's names)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import param

from docsync.core.model import JSON, Model
from docsync.core.params import Integer
from docsync.core.params import Number as NumberParameter
from docsync.settings import sizing_default
from docsync.widgets.base import caption_params, set_caption_twin

__all__ = ["Indicator", "LoadingSpinner", "Number", "Progress"]


class Indicator(Model):
    """A read-only display; ``label`` (or ``name``, its twin, as on widgets) is its caption,
    sent as ``name``."""

    _wire_exclude = frozenset({"label"})

    name = param.String(default="", constant=False, doc="The label shown with the indicator.")
    label = param.String(default="", doc="The label shown with the indicator.")

    def __init__(self, **params: Any) -> None:
        caption_params(params, "")
        sizing_default(type(self), params)
        super().__init__(**params)
        self.__dict__["_caption_ready"] = True

    def __setattr__(self, attr: str, value: Any) -> None:
        super().__setattr__(attr, value)
        if "_caption_ready" in self.__dict__:
            set_caption_twin(self, attr, value)


class Number(Indicator):
    """A big number under its label (Datapane's ``BigNumber``).

    ``format`` is a ``str.format`` template with one field, ``{value}`` (``"{value:,.1f} %"``);
    ``nan_format`` shows a None or NaN value. ``colors`` is a list of ``(threshold, color)``
    in rising order: the number takes the color of the first threshold it does not exceed,
    and the last one's above them all; without ``colors`` it is ``default_color`` (None:
    the page's text color). The page receives the formatted ``text`` and its ``color``.
    """

    value = NumberParameter(default=0, allow_None=True)
    format = param.String(default="{value}")
    nan_format = param.String(default="-")
    colors = param.List(default=None, allow_None=True)
    default_color = param.String(default=None, allow_None=True)
    font_size = param.String(default="54pt")
    title_size = param.String(default="18pt")

    _derived_props = {
        "text": ("value", "format", "nan_format"),
        "color": ("value", "colors", "default_color"),
    }

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self._check()
        self.param.watch(self._check, ["format", "colors"])

    def _check(self, *_: Any) -> None:
        # Fail in the app code that set a bad template or threshold, not later in a flush.
        try:
            self.format.format(value=0)
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(f"Number {self.name!r}: format {self.format!r} needs one "
                             f"'{{value}}' field ({type(exc).__name__}: {exc})") from None
        for pair in self.colors or []:
            if (not isinstance(pair, (tuple, list)) or len(pair) != 2
                    or isinstance(pair[0], bool) or not isinstance(pair[0], (int, float))):
                raise ValueError(f"Number {self.name!r}: colors must be (threshold, color) "
                                 f"pairs with a number threshold, not {pair!r}")

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        value = self.value
        missing = value is None or (isinstance(value, float) and math.isnan(value))
        if prop == "text":
            if missing:
                return self.nan_format
            try:
                return self.format.format(value=value)
            except (KeyError, IndexError, ValueError):  # e.g. "{value:d}" and a float
                return str(value)
        if prop == "color":
            if missing or not self.colors:
                return self.default_color
            for threshold, color in self.colors:
                if value <= threshold:
                    return str(color)
            return str(self.colors[-1][1])
        return super()._derived(prop, ref)


class Progress(Indicator):
    """A progress bar (a native ``<progress>``): ``value`` out of ``max``; a ``value`` of
    None (or -1, as in Panel) shows an indeterminate bar that keeps moving."""

    value = Integer(default=None, allow_None=True, bounds=(-1, None))
    max = Integer(default=100, bounds=(1, None))
    bar_color = param.Selector(
        default="primary",
        objects=["primary", "secondary", "success", "info", "warning", "danger", "light", "dark"])


class LoadingSpinner(Indicator):
    """A spinner that turns while ``value`` is True (role ``status``, named by ``name`` or
    "Loading")."""

    value = param.Boolean(default=False)
    size = Integer(default=48, bounds=(8, None), doc="Diameter in pixels.")


def __getattr__(name: str) -> Any:
    # Only for names not found otherwise: says whether the name is Panel's (docsync.compat).
    from docsync.compat import missing

    raise missing(__name__, name)
