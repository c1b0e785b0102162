"""Buttons: ``Button`` (clicks), ``Toggle`` (pressed or not) and ``MenuButton`` (a button
that opens a menu of items)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

import param

from docsync.core.model import JSON
from docsync.core.params import Integer
from docsync.handlers import takes_session
from docsync.runtime.current import CURRENT_SESSION
from docsync.widgets.base import BUTTON_TYPES, Widget

__all__ = ["Button", "MenuButton", "Toggle", "menu_entries"]

#: Panel's button arguments that docsync's buttons do not take.
BUTTON_UNSUPPORTED: Mapping[str, str] = {
    **Widget._unsupported,
    **dict.fromkeys(("icon", "icon_size"), "docsync's buttons show text only: put a "
                                           "character such as ⬇ in the label"),
    **dict.fromkeys(("button_style", "variant"),
                    "docsync's buttons are solid: choose the colour with button_type"),
}


class Button(Widget):
    """A button; a click in the browser increments ``clicks`` and calls ``on_click`` handlers."""

    _client_writable = frozenset()
    _events = frozenset({"click"})
    _unsupported: ClassVar[Mapping[str, str]] = BUTTON_UNSUPPORTED
    _panel_defaults: ClassVar[Mapping[str, Any]] = {"button_style": "solid"}

    clicks = Integer(default=0, bounds=(0, None))
    button_type = param.Selector(default="default", objects=BUTTON_TYPES)

    def __init__(self, **params: Any) -> None:
        handler = params.pop("on_click", None)  # Panel's Button(on_click=fn)
        super().__init__(**params)
        if handler is not None:
            self.on_click(handler)

    def _handle_event(self, name: str, data: JSON) -> None:
        if name == "click":
            self.clicks += 1

    def on_click(self, callback: Callable[..., Any]) -> Any:
        """Call ``callback(event)`` on every click; returns the watcher (for ``unwatch``).

        A callback that declares a ``session`` parameter also receives the clicking
        session's ``state.session`` store (Datapane's convention).
        """
        if takes_session(callback):
            def handler(event: param.parameterized.Event) -> Any:
                ctx = CURRENT_SESSION.get()  # what state.session reads
                return callback(event, session=ctx.store if ctx is not None else None)

            return self.param.watch(handler, "clicks", onlychanged=False)
        return self.param.watch(callback, "clicks", onlychanged=False)


class Toggle(Widget):
    """A button that stays pressed (``value`` True) until pressed again."""

    _unsupported: ClassVar[Mapping[str, str]] = BUTTON_UNSUPPORTED
    _panel_defaults: ClassVar[Mapping[str, Any]] = {"button_style": "solid"}

    value = param.Boolean(default=False)
    button_type = param.Selector(default="default", objects=BUTTON_TYPES)


def menu_entries(items: list[Any]) -> list[tuple[str, str] | None]:
    """``items`` as ``(label, value)`` pairs (None for a separator); ValueError for an
    item that is none of a string, a ``(label, value)`` pair of strings, or None."""
    out: list[tuple[str, str] | None] = []
    for item in items:
        if item is None or isinstance(item, str):
            out.append(None if item is None else (item, item))
        elif isinstance(item, (tuple, list)) and len(item) == 2 \
                and all(isinstance(part, str) for part in item):
            out.append((item[0], item[1]))
        else:
            raise ValueError(f"MenuButton: the item {item!r} is not a string, a "
                             "(label, value) pair of strings, or None (a separator)")
    return out


class MenuButton(Widget):
    """A button that opens a menu of ``items``: strings, ``(label, value)`` pairs, or
    None for a separator. Choosing an item sets ``clicked`` to its value and calls the
    ``on_click`` handlers (even when the same item is chosen again). With ``split=True``
    the button has two parts: the main one sets ``clicked`` to the button's name, the
    arrow opens the menu.

    The browser sends an event ``click`` with ``{"item": i}`` (the index in ``items``)
    or, for a split button's main part, ``{"item": null}``; another index, a separator's
    or a main-part click on a button that is not split is refused.
    """

    _client_writable = frozenset()
    _events = frozenset({"click"})
    _unsupported: ClassVar[Mapping[str, str]] = BUTTON_UNSUPPORTED
    _panel_defaults: ClassVar[Mapping[str, Any]] = {"button_style": "solid"}

    items = param.List(default=[])
    clicked = param.String(default=None, allow_None=True)
    split = param.Boolean(default=False)
    button_type = param.Selector(default="default", objects=BUTTON_TYPES)

    def __init__(self, **params: Any) -> None:
        menu_entries(params.get("items", []))
        super().__init__(**params)

    def __setattr__(self, attr: str, value: Any) -> None:
        if attr == "items":
            menu_entries(value)  # refuse bad items before they are set
        super().__setattr__(attr, value)

    def _handle_event(self, name: str, data: JSON) -> None:
        item = data.get("item", "missing") if isinstance(data, dict) else "missing"
        if item is None and self.split:
            self.clicked = self.name
            return
        entries = menu_entries(self.items)
        if isinstance(item, bool) or not isinstance(item, int) \
                or not 0 <= item < len(entries) or entries[item] is None:
            raise self._refuse(f"{data!r} names no item of the menu")
        chosen = entries[item]
        assert chosen is not None
        self.clicked = chosen[1]  # on_click's watchers run even when it is unchanged

    def on_click(self, callback: Callable[..., Any]) -> Any:
        """Call ``callback(event)`` whenever an item is chosen (``event.new`` is its
        value); returns the watcher (for ``unwatch``)."""
        return self.param.watch(callback, "clicked", onlychanged=False)
