"""``JSONEditor``: a JSON value (objects, arrays, strings, numbers, booleans, null) edited
in the page as a tree or as text."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, ClassVar

import param

from docsync.core.model import JSON
from docsync.widgets.base import Widget

__all__ = ["JSONEditor"]


class JSONEditor(Widget):
    """Panel's ``JSONEditor``: ``value`` is any JSON value (default ``{}``).

    ``mode`` says how the page shows it: ``"tree"`` (default) a tree whose leaves are
    edited as JSON text, so a leaf may become an object or a list; ``"form"`` the same
    tree where an edit must keep each leaf's kind (a string stays a string); ``"text"``
    the whole value as JSON text; ``"view"`` a read-only tree and ``"preview"`` read-only
    text. With ``menu`` (default) the editable modes get a Tree/Text switch, which the
    page writes back to ``mode``; with ``search`` (default) the tree gets a search field
    that opens and marks the entries whose key or value holds the text.

    The page validates what the user types: text that is not JSON (or, in form mode, a
    leaf of another kind) is not sent, and the page says why next to it. What it sends is
    the whole new value. The app may set only values JSON can hold: anything else, NaN
    and infinities included, raises ValueError naming the widget.
    """

    _client_writable = frozenset({"value", "mode"})
    _unsupported: ClassVar[Mapping[str, str]] = {
        **Widget._unsupported,
        "schema": "validate the value in a watcher of value and set it back, or use a "
                  "Form whose handler checks it",
        "selection": "the page does not report a selection",
        "templates": "the tree has no context menu: edit in text mode to add entries",
    }

    value = param.Parameter(default={}, doc="The JSON value edited.")
    mode = param.Selector(default="tree", objects=["tree", "view", "form", "text", "preview"])
    menu = param.Boolean(default=True, doc="Whether the editable modes show a Tree/Text "
                                           "switch.")
    search = param.Boolean(default=True, doc="Whether the tree shows a search field.")

    def __init__(self, **params: Any) -> None:
        if "value" in params:
            self._check_json(params.get("name", params.get("label", "")), params["value"])
        super().__init__(**params)

    def __setattr__(self, attr: str, value: Any) -> None:
        if attr == "value" and "_widget_ready" in self.__dict__:
            self._check_json(self.name, value)
        super().__setattr__(attr, value)

    @staticmethod
    def _check_json(name: str, value: Any) -> None:
        try:
            json.dumps(value, allow_nan=False)
        except (TypeError, ValueError) as err:
            raise ValueError(f"JSONEditor {name!r}: the value must be JSON (dicts with "
                             f"string keys, lists, strings, finite numbers, booleans, "
                             f"None): {err}") from None

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        return value  # a patch's value is JSON already; mode is checked by its Selector
