"""Choices made by typing: ``AutocompleteInput`` (one text, suggested from ``options``) and
``MultiChoice`` (any number of options, picked from a filtered list)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import param

from docsync.core.model import JSON
from docsync.core.params import Integer
from docsync.widgets.base import Widget
from docsync.widgets.choices import _MultiChoice, option_values

__all__ = ["AutocompleteInput", "MultiChoice"]


class AutocompleteInput(Widget):
    """A text field that suggests ``options`` (strings) as the user types.

    The browser sends ``value_input`` on every keystroke and ``value`` when the user
    commits the text (Enter, choosing a suggestion, or leaving the field). With
    ``restrict=True`` (the default, as in Panel) a committed ``value`` must be one of
    the options, compared as ``case_sensitive`` says, and the option's own spelling is
    kept; an empty text clears it to ``""``. ``max_length`` bounds both texts.
    """

    _client_writable = frozenset({"value", "value_input"})
    _unsupported: ClassVar[Mapping[str, str]] = {
        **Widget._unsupported,
        "search_option_limit": "docsync's suggestions are the browser's own list, which "
                               "shows all matches",
    }

    options = param.ClassSelector(default=[], class_=(list, dict))
    value = param.String(default="", allow_None=True)
    value_input = param.String(default="", allow_None=True)
    placeholder = param.String(default="")
    restrict = param.Boolean(default=True, doc="Whether value must be one of the options.")
    case_sensitive = param.Boolean(default=True)
    search_strategy = param.Selector(default="starts_with", objects=["starts_with", "includes"])
    min_characters = Integer(default=2, bounds=(0, None))
    max_length = Integer(default=5000, allow_None=True, bounds=(0, None))

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if not isinstance(value, str):
            raise self._refuse(f"{value!r} is not a string")
        if self.max_length is not None and len(value) > self.max_length:
            raise self._refuse(f"the text is longer than {self.max_length} characters")
        if prop == "value_input" or not self.restrict or value == "":
            return value
        for option in option_values(self.options):
            if option == value or (not self.case_sensitive
                                   and str(option).casefold() == value.casefold()):
                return str(option)
        raise self._refuse(f"{value!r} is not one of the options")


class MultiChoice(_MultiChoice):
    """Any number of ``options``, chosen from a list filtered by what the user types;
    the chosen ones show as removable tags. ``max_items`` (None: no limit) bounds how
    many the browser may choose; the app may set more, as in Panel."""

    _unsupported: ClassVar[Mapping[str, str]] = {
        **Widget._unsupported,
        "solid": "docsync's tags are drawn in the theme's colours",
        **dict.fromkeys(("option_limit", "search_option_limit"),
                        "docsync's list shows every option that matches the typed text"),
    }
    _panel_defaults: ClassVar[Mapping[str, Any]] = {"solid": True, "delete_button": True}

    max_items = Integer(default=None, allow_None=True, bounds=(1, None))
    placeholder = param.String(default="")

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        chosen = super()._coerce_client_value(prop, value)
        if self.max_items is not None and len(chosen) > self.max_items:
            raise self._refuse(f"at most {self.max_items} options may be chosen, not "
                               f"{len(chosen)}")
        return chosen


