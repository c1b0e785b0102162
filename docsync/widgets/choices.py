"""Choices among ``options``: ``Select``, ``RadioButtonGroup`` and ``RadioBoxGroup`` (one),
``MultiSelect``, ``CheckboxGroup`` and ``CheckButtonGroup`` (any number), and Panel's
``ToggleGroup``, which makes one of the four groups.

``options`` is a list of values or a dict of label → value. The browser sends the chosen
value itself (JSON), which must equal an option of the same type (so ``2.0`` is not
``2``). App code follows Panel's rules: a single choice set to a value that is none of the
options, or left without one when the options change, becomes the first option (the first
enabled one for a ``Select``); a multiple choice drops the chosen values that a change of
options removes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import param

from docsync.core.model import JSON
from docsync.core.params import Integer
from docsync.widgets.base import BUTTON_TYPES, Widget

__all__ = ["CheckButtonGroup", "CheckboxGroup", "MultiSelect", "RadioBoxGroup",
           "RadioButtonGroup", "Select", "ToggleGroup", "is_in", "option_values"]


def option_values(options: list[Any] | dict[str, Any] | None) -> list[Any]:
    """The values of ``options`` (a list of values, or a dict of label → value)."""
    if not options:
        return []
    return list(options.values()) if isinstance(options, dict) else list(options)


def is_in(value: Any, values: list[Any]) -> bool:
    """Whether ``value`` is one of ``values`` (the same object, or equal)."""
    return any(v is value or v == value for v in values)


def _client_option(widget: Widget, values: list[Any], value: JSON) -> Any:
    """The option equal to ``value`` with the same type, or Invalid."""
    for option in values:
        if option == value and type(option) is type(value):
            return option
    raise widget._refuse(f"{value!r} is not one of the options")


class _SingleChoice(Widget):
    """One choice among ``options``; ``value`` is always one of the enabled ones (or None
    when there are none), following the rules in the module docstring."""

    options = param.ClassSelector(default=[], class_=(list, dict))
    value = param.Parameter(default=None)

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self._keep_value()

    def __setattr__(self, attr: str, value: Any) -> None:
        super().__setattr__(attr, value)
        if attr in ("options", "groups", "value", "disabled_options") \
                and "_widget_ready" in self.__dict__:
            self._keep_value()

    @property
    def values(self) -> list[Any]:
        """The values among which ``value`` is chosen (Panel's ``values``)."""
        return option_values(self.options)

    @property
    def labels(self) -> list[str]:
        """The label of each value, in order (Panel's ``labels``)."""
        if isinstance(self.options, dict):
            return list(self.options)
        return [str(v) for v in self.values]

    @classmethod
    def _enabled_in(cls, get: Callable[[str], Any]) -> list[Any]:
        """The values that may be chosen, given ``get(parameter name)``."""
        return option_values(get("options"))

    def _enabled(self) -> list[Any]:
        return self._enabled_in(lambda name: getattr(self, name))

    @classmethod
    def _complete_params(cls, params: dict[str, Any]) -> None:
        # The fallback value is given to the constructor rather than set after it (see
        # Widget._complete_params); _keep_value applies the same rule from then on.
        def get(name: str) -> Any:
            return params.get(name, cls.param[name].default)

        enabled = cls._enabled_in(get)
        if not is_in(get("value"), enabled):
            params["value"] = enabled[0] if enabled else None

    def _keep_value(self) -> None:
        enabled = self._enabled()
        if is_in(self.value, enabled):
            return
        fallback = enabled[0] if enabled else None
        if fallback is not self.value:
            self.value = fallback

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        return _client_option(self, self.values, value)


def _check_select(name: str, state: dict[str, Any]) -> None:
    """Raise ValueError if a Select with parameters ``state`` breaks one of Panel's rules
    among its options, groups, size and disabled options."""
    options, groups, disabled = state["options"], state["groups"], state["disabled_options"]
    if options and groups:
        raise ValueError(f"{name}: options and groups cannot both be given; put every option "
                         "in groups, or give options alone")
    if groups and state["size"] > 1:
        raise ValueError(f"{name}: groups need size=1 (a drop-down); a list box (size > 1) "
                         "takes options")
    if groups and not (all(isinstance(g, list) for g in groups.values())
                       or all(isinstance(g, dict) for g in groups.values())):
        raise ValueError(f"{name}: the values of groups must all be lists of values or all "
                         "be dicts of label → value")
    values = option_values(options) if options else _group_values(groups)
    unknown = [v for v in disabled if not is_in(v, values)]
    if unknown:
        raise ValueError(f"{name}: disabled_options {unknown!r} are not among the options")
    if disabled and all(is_in(v, disabled) for v in values):
        raise ValueError(f"{name}: every option is disabled; leave at least one enabled")


def _disabled_value(name: str, value: Any) -> ValueError:
    return ValueError(f"{name}: the value {value!r} is a disabled option; choose an enabled "
                      "one")


def _group_values(groups: dict[str, Any] | None) -> list[Any]:
    return [v for group in (groups or {}).values() for v in option_values(group)]


_SELECT_RULES = ("options", "groups", "disabled_options", "size", "value")


class Select(_SingleChoice):
    """One choice among ``options``, or among ``groups`` (group title → a list of values
    or a dict of label → value, shown as titled groups of a drop-down).

    ``disabled_options`` are shown but cannot be chosen; ``size`` above 1 shows that many
    options at once in a list box instead of a drop-down. As in Panel, ``options`` and
    ``groups`` exclude each other, ``groups`` needs ``size`` 1, ``disabled_options`` must
    be among the options and not all of them, and a disabled option can be no value given
    or set: breaking one of these raises ``ValueError`` and changes nothing. The rules
    among options, groups, size and disabled options are checked once ``param.update``
    has set all it was given, so several of them may change together in any order (a
    disabled value is refused at once: param keeps what ``update`` set before it). The
    first value, when none is given, is the first enabled option, and a value that a
    change disables falls back to it (Panel raises when ``disabled_options`` come to hold
    the value).
    """

    groups = param.Dict(default=None, allow_None=True,
                        doc="Group title → a list of values or a dict of label → value.")
    disabled_options = param.List(default=[], doc="Options shown but not choosable.")
    size = Integer(default=1, bounds=(1, None),
                         doc="How many options show at once: 1 is a drop-down.")

    def __init__(self, **params: Any) -> None:
        cls = type(self)
        state = {n: params.get(n, cls.param[n].default) for n in _SELECT_RULES}
        _check_select(cls.__name__, state)
        if is_in(state["value"], state["disabled_options"]):
            raise _disabled_value(cls.__name__, state["value"])
        super().__init__(**params)
        # A watcher, not a check before each set: param.update runs it once, after
        # setting every parameter it was given.
        self.param.watch(self._check_rules, list(_SELECT_RULES))

    def __setattr__(self, attr: str, value: Any) -> None:
        if attr == "value" and "_widget_ready" in self.__dict__ \
                and is_in(value, self.disabled_options):
            raise _disabled_value(type(self).__name__, value)
        super().__setattr__(attr, value)

    def _check_rules(self, *events: param.parameterized.Event) -> None:
        try:
            _check_select(type(self).__name__, {n: getattr(self, n) for n in _SELECT_RULES})
        except ValueError:
            self.param.update({e.name: e.old for e in events})
            raise
        self._keep_value()

    @property
    def values(self) -> list[Any]:
        if self.options:
            return option_values(self.options)
        return _group_values(self.groups)

    @property
    def labels(self) -> list[str]:
        if self.options or not self.groups:
            return super().labels
        return [label for group in self.groups.values()
                for label in (group if isinstance(group, dict) else map(str, group))]

    @classmethod
    def _enabled_in(cls, get: Callable[[str], Any]) -> list[Any]:
        options = get("options")
        values = option_values(options) if options else _group_values(get("groups"))
        disabled = get("disabled_options")
        return [v for v in values if not is_in(v, disabled)]

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        chosen = super()._coerce_client_value(prop, value)
        if is_in(chosen, self.disabled_options):
            raise self._refuse(f"{value!r} is a disabled option")
        return chosen


class RadioButtonGroup(_SingleChoice):
    """One choice among ``options``, shown as a row of buttons (native radio buttons)."""

    button_type = param.Selector(default="default", objects=BUTTON_TYPES)


class _MultiChoice(Widget):
    """Any number of ``options`` (a list of values, or a dict of label → value): ``value``
    is the list of chosen ones, each at most once. The app may set values that are not
    options, as in Panel (the page shows only the ones that are); a change of ``options``
    drops the chosen values it removes."""

    options = param.ClassSelector(default=[], class_=(list, dict))
    value = param.List(default=[])

    def __setattr__(self, attr: str, value: Any) -> None:
        super().__setattr__(attr, value)
        if attr == "options" and "_widget_ready" in self.__dict__:
            values = option_values(self.options)
            kept = [v for v in self.value if is_in(v, values)]
            if len(kept) != len(self.value):
                self.value = kept

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if not isinstance(value, list):
            raise self._refuse(f"{value!r} is not a list of options")
        values = option_values(self.options)
        chosen = [_client_option(self, values, v) for v in value]
        if len({repr(v) for v in chosen}) != len(chosen):
            raise self._refuse("an option is chosen twice")
        return chosen


class MultiSelect(_MultiChoice):
    """A list box; ``size`` is how many options show at once (4, as in Panel)."""

    size = Integer(default=4, bounds=(1, None))


class CheckboxGroup(_MultiChoice):
    """A checkbox per option; ``inline`` lays them out in a row."""

    inline = param.Boolean(default=False)


class RadioBoxGroup(_SingleChoice):
    """One choice among ``options``, shown as a list of radio buttons; ``inline`` lays
    them out in a row."""

    inline = param.Boolean(default=False)


class CheckButtonGroup(_MultiChoice):
    """Any number of ``options``, shown as a row of buttons that stay pressed (native
    checkboxes); ``orientation="vertical"`` stacks them."""

    button_type = param.Selector(default="default", objects=BUTTON_TYPES)
    orientation = param.Selector(default="horizontal", objects=["horizontal", "vertical"])


_GROUPS: dict[tuple[str, str], type[Widget]] = {
    ("button", "check"): CheckButtonGroup,
    ("box", "check"): CheckboxGroup,
    ("button", "radio"): RadioButtonGroup,
    ("box", "radio"): RadioBoxGroup,
}


def ToggleGroup(*, widget_type: Literal["button", "box"] = "button",
                behavior: Literal["check", "radio"] = "check", **params: Any) -> Widget:
    """Panel's ``ToggleGroup``: a ``CheckButtonGroup`` (the default), a ``CheckboxGroup``
    (``widget_type="box"``), a ``RadioButtonGroup`` (``behavior="radio"``) or a
    ``RadioBoxGroup`` (both), made with ``params``.

    Raises ValueError for another ``widget_type`` or ``behavior``, and for a list
    ``value`` with ``behavior="radio"`` (a radio group holds one value).
    """
    if widget_type not in ("button", "box"):
        raise ValueError(f"ToggleGroup: widget_type must be 'button' or 'box', not "
                         f"{widget_type!r}")
    if behavior not in ("check", "radio"):
        raise ValueError(f"ToggleGroup: behavior must be 'check' or 'radio', not {behavior!r}")
    if behavior == "radio" and isinstance(params.get("value"), list):
        raise ValueError(f"ToggleGroup: behavior='radio' holds one value, not the list "
                         f"{params['value']!r}; pass one option, or use behavior='check'")
    return _GROUPS[widget_type, behavior](**params)
