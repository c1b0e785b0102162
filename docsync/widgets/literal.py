"""``LiteralInput``: a text field that holds a Python literal (a number, string, list,
dict, tuple, set, bool or None), parsed on the server."""

from __future__ import annotations

import ast
import json
from typing import Any

import param

from docsync.core.model import JSON
from docsync.widgets.base import Widget

__all__ = ["LiteralInput"]


def _type_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)


class LiteralInput(Widget):
    """A Python literal typed as text (Panel's ``LiteralInput``).

    The page shows ``value`` as text (on the wire, ``value`` is that text): its ``repr``
    (``serializer="ast"``, the default) or its JSON (``serializer="json"``); None shows
    as an empty field. The browser sends the text the user commits (Enter, or leaving
    the field) as ``value``; the server parses it with ``ast.literal_eval`` (or
    ``json.loads``), and an empty text is None. Text that does not parse, or a value
    that is not of ``type`` (a type or a tuple of types, when given), is refused with a
    message and the field shows the server's text again. The app may set only values
    of ``type`` (others raise ``ValueError``, as in Panel), and with
    ``serializer="json"`` only values JSON can hold.
    """

    # On the wire ``value`` is the text: the page edits it as text, and the server
    # parses what the page sends.
    _wire_exclude = Widget._wire_exclude | {"value", "type"}
    _derived_props = {"value": ("value", "serializer")}

    value = param.Parameter(default=None)
    type = param.ClassSelector(default=None, class_=(type, tuple),
                               allow_None=True, doc="The type (or types) of the value.")
    serializer = param.Selector(default="ast", objects=["ast", "json"])
    placeholder = param.String(default="")

    def __init__(self, **params: Any) -> None:
        kind = params.get("type")
        if isinstance(kind, tuple) and not all(isinstance(k, type) for k in kind):
            raise ValueError("LiteralInput: type must be a type or a tuple of types")
        self._check_value(params.get("value"), kind, params.get("serializer", "ast"))
        super().__init__(**params)

    def __setattr__(self, attr: str, value: Any) -> None:
        if attr == "value" and "_widget_ready" in self.__dict__:
            self._check_value(value, self.type, self.serializer)
        super().__setattr__(attr, value)

    def _check_value(self, value: Any, kind: Any, serializer: str) -> None:
        if value is not None and kind is not None and not isinstance(value, kind):
            raise ValueError(f"LiteralInput {self.name!r}: the value must be a "
                             f"{_type_name(kind)}, not {type(value).__name__} {value!r}")
        if serializer == "json":
            try:
                json.dumps(value)
            except (TypeError, ValueError):
                raise ValueError(f"LiteralInput {self.name!r}: {value!r} cannot be written "
                                 "as JSON; use serializer='ast'") from None

    def _derived(self, prop: str, ref: Any) -> JSON:
        if self.value is None:
            return ""
        return json.dumps(self.value) if self.serializer == "json" else repr(self.value)

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if not isinstance(value, str):
            raise self._refuse(f"{value!r} is not text")
        if not value.strip():
            return None
        try:
            parsed = json.loads(value) if self.serializer == "json" \
                else ast.literal_eval(value.strip())
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            what = "JSON" if self.serializer == "json" else "a Python literal"
            raise self._refuse(f"{value[:60]!r} is not {what}") from None
        if self.type is not None and not isinstance(parsed, self.type):
            raise self._refuse(f"the value must be a {_type_name(self.type)}, not "
                               f"{type(parsed).__name__}")
        return parsed


