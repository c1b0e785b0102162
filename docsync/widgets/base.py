"""The widget base: a caption (``label``, or ``name``), ``disabled``, a client-writable
``value``, Streamlit-style ``key``s, and Panel's ``from_param`` and ``from_values``.

Two sets of rules apply to a widget's value, as in Panel. A value the browser sends is
checked strictly: by the widget's ``_coerce_client_value`` (type, bounds, options), then
by the parameter's own rules; one that fails is refused as a whole with code ``invalid``
and the browser is sent the server's value back (PROTOCOL.md §5). A value the app's own
code sets follows Panel's rules instead, which each widget type's docstring states (a
slider's value outside ``start``..``end`` is kept; a ``Select`` value that is none of the
options becomes the first option).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, ClassVar, TypeVar

import param
from param.parameterized import register_reference_transform, transform_reference

from docsync.core.model import JSON, Model
from docsync.core.references import FollowsReferences
from docsync.exceptions import Invalid
from docsync.runtime.current import CURRENT_SESSION
from docsync.settings import sizing_default

__all__ = ["BUTTON_TYPES", "Widget", "as_reference", "number", "reference_name",
           "use_widget_references", "within"]

BUTTON_TYPES = ["default", "primary", "success", "warning", "danger", "light"]

_W = TypeVar("_W", bound="Widget")

# ``label`` and ``name`` are one caption under two names (Panel's current and older one).
_TWINS = {"label": "name", "name": "label"}


def caption_params(params: dict[str, Any], default: str) -> None:
    """Make ``params`` give ``label`` and ``name`` the same caption: ``label`` wins, else
    ``name``, else ``default`` (for any model with both, widgets and indicators)."""
    if "label" in params:
        params["name"] = params["label"]
    elif "name" in params:
        params["label"] = params["name"]
    else:
        params["name"] = params["label"] = default


def set_caption_twin(model: Model, attr: str, value: Any) -> None:
    """After ``model.<attr> = value``: set its twin too when ``attr`` is ``label`` or
    ``name`` (a model with both calls this from ``__setattr__`` once constructed)."""
    twin = _TWINS.get(attr)
    if twin is not None and getattr(model, twin) != value:
        super(Model, model).__setattr__(twin, value)


class Widget(Model, metaclass=FollowsReferences):
    """A control with a caption and a client-writable ``value``.

    ``label`` is the caption, Panel's current name for it; ``name`` is the same caption
    under its older name. Setting either sets both; given both, ``label`` wins (Panel also
    warns that ``name`` is deprecated; docsync does not). Only ``name`` is sent.
    """

    _wire_exclude = frozenset({"key", "label"})
    _client_writable = frozenset({"value"})
    _clone_exclude = frozenset({"key"})
    _reference_params = Model._reference_params | {"value"}  # whatever its type
    _unsupported: ClassVar[Mapping[str, str]] = {
        **Model._unsupported,
        "description": "docsync shows no tooltip: say it in the label, or in a Markdown "
                       "pane beside the widget",
    }

    name = param.String(default="", constant=False, doc="The caption; the same as ``label``.")
    label = param.String(default="", doc="The caption shown with the widget.")
    disabled = param.Boolean(default=False)
    key = param.String(default=None, allow_None=True, constant=True, doc=(
        "Made in a session (app code or a callback), the widget mirrors ``value`` into "
        "``state.session[key]`` both ways (Streamlit's widget keys); the store's value, if "
        "already set, wins. Server-only: never sent."))

    def __init__(self, **params: Any) -> None:
        caption_params(params, type(self).param["label"].default)
        if "color" in params and "button_type" in type(self).param:
            # Panel 1.10 renamed button_type to color; given both, color wins there too.
            params["button_type"] = params.pop("color")
        sizing_default(type(self), params)
        store = None
        if params.get("key") is not None:
            ctx = CURRENT_SESSION.get()
            store = ctx.store if ctx is not None else None
            if store is not None and params["key"] in store:
                params["value"] = store[params["key"]]
        type(self)._complete_params(params)
        super().__init__(**params)
        # From here on, the rules that react to a set (the caption's twin, a choice's
        # fallback) apply; while param sets the constructor's values they must not.
        self.__dict__["_widget_ready"] = True
        if store is not None:
            store.mirror(params["key"], self)

    @classmethod
    def _complete_params(cls, params: dict[str, Any]) -> None:
        """Fill in the constructor's ``params`` that follow from the others (``value``
        already restored from the key store), so that param sets them with the rest: a
        parameter first set after the constructor costs the instance its own copy of the
        ``param.Parameter`` (param's per-instance parameters), for as long as it lives."""

    def __setattr__(self, attr: str, value: Any) -> None:
        super().__setattr__(attr, value)
        if "_widget_ready" in self.__dict__:
            set_caption_twin(self, attr, value)

    def rx(self) -> Any:
        """A reactive expression of this widget's value (Panel's ``widget.rx()``; a
        ``Button``'s is its ``clicks``), as ``ds.rx(widget)`` gives."""
        use_widget_references()  # for widgets in the expression's operations too
        return param.rx(as_reference(self))

    def _refuse(self, reason: str) -> Invalid:
        """An :class:`Invalid` that names this widget, for ``raise``."""
        return Invalid(f"{type(self).__name__} {self.name!r}: {reason}")

    @classmethod
    def from_param(cls: type[_W], parameter: param.Parameter[Any], **params: Any) -> _W:
        """A widget of this type for ``parameter`` (``Owner.param.x`` or
        ``owner.param.x``), linked to it both ways (Panel's ``from_param``).

        See :func:`docsync.widgets.link.from_param` for what is derived and how.
        """
        from docsync.widgets.link import from_param  # known circle: tests/test_import_graph.py

        return from_param(cls, parameter, **params)

    @classmethod
    def from_values(cls: type[_W], values: Iterable[Any], **params: Any) -> _W:
        """A widget of this type whose arguments are inferred from ``values`` (Panel's
        ``from_values``); ``params`` win over what is inferred.

        The label is ``values.name`` when it has one (a pandas Series); ``start`` and
        ``end`` (for types that have them) are the least and greatest value, NaN left out;
        ``options`` (for types that have them) are the distinct values in order, or the
        dict itself; ``value`` is ``(start, end)`` for a range, else ``start``, else the
        first option for a single choice.
        """
        params = dict(params)
        caption = getattr(values, "name", None)
        if caption and "label" not in params and "name" not in params:
            params["label"] = str(caption)
        data = list(values.values()) if isinstance(values, dict) else list(values)
        present = [v for v in data if not (isinstance(v, float) and math.isnan(v))]
        if not present:
            raise ValueError(f"{cls.__name__}.from_values needs at least one value")
        if "start" in cls.param and "start" not in params:
            params["start"] = min(present)
        if "end" in cls.param and "end" not in params:
            params["end"] = max(present)
        if "options" in cls.param and "options" not in params:
            params["options"] = dict(values) if isinstance(values, dict) else _distinct(data)
        if "value" not in params:
            kind = cls.param["value"]
            if isinstance(kind, (param.Range, param.Tuple)):
                params["value"] = (params["start"], params["end"])
            elif "start" in params:
                params["value"] = params["start"]
            elif "options" in params and not isinstance(kind, param.List):
                params["value"] = next(iter(_choices(params["options"])))
        return cls(**params)


def reference_name(widget: Widget) -> str | None:
    """The parameter a widget stands for as a reference: ``value``, or ``clicks`` for a
    ``Button``, which has no value; None for a widget with neither."""
    return _reference_name(type(widget))


@cache  # read on every re-render of a bind: once per widget type, not per read
def _reference_name(cls: type[Widget]) -> str | None:
    for name in ("value", "clicks"):
        if name in cls.param:
            return name
    return None


def as_reference(arg: Any) -> Any:
    """``arg`` as ``param`` reads references: a docsync widget becomes its
    :func:`reference_name` parameter; anything else is returned unchanged.

    The widget's parameter is the instance's own (``widget.param[name]``), which param
    copies for that instance the first time it is asked for (about 0.4 KiB and 70 µs):
    ``ds.bind`` asks only when param itself needs the reference."""
    if isinstance(arg, Widget):
        name = reference_name(arg)
        if name is not None:
            return arg.param[name]
    return arg


class _Probe(Widget):
    """A widget with a value, made only to ask ``param`` whether :func:`as_reference` is
    among its reference transforms (``param`` offers no public list of them)."""

    value = param.Parameter(default=None)


def use_widget_references() -> None:
    """Make docsync widgets references for ``param`` itself (``param.bind(fn, widget)``,
    ``param.rx(widget)``, ``allow_refs`` parameters). Idempotent; there is no way to take
    it back, since ``param`` offers none, and it changes nothing for other objects.

    It lives with the widget base because ``Widget.rx`` needs it; ``docsync.bind``
    re-exports it."""
    if not isinstance(transform_reference(_Probe()), param.Parameter):
        register_reference_transform(as_reference)


def _distinct(values: list[Any]) -> list[Any]:
    seen: list[Any] = []
    for value in values:
        if not any(value is s or value == s for s in seen):
            seen.append(value)
    return seen


def _choices(options: list[Any] | dict[str, Any]) -> list[Any]:
    return list(options.values()) if isinstance(options, dict) else list(options)


def number(widget: Widget, value: JSON, *, integer: bool) -> int | float:
    """A finite JSON number for ``widget`` (an ``int`` when ``integer``), or Invalid."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise widget._refuse(f"{value!r} is not a number")
    if integer and isinstance(value, float):
        if not value.is_integer():
            raise widget._refuse(f"{value!r} is not a whole number")
        return int(value)
    return value


def within(widget: Widget, value: Any, start: Any, end: Any) -> None:
    """Refuse (Invalid) a client's ``value`` below ``start`` or above ``end`` (either may
    be None: no bound)."""
    if start is not None and value < start:
        raise widget._refuse(f"the value must be at least {start}, not {value}")
    if end is not None and value > end:
        raise widget._refuse(f"the value must be at most {end}, not {value}")
