"""Buttons: ``Button`` (clicks) and ``Toggle`` (pressed or not)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

import param

from docsync.core.model import JSON
from docsync.handlers import takes_session
from docsync.widgets.base import BUTTON_TYPES, Widget

__all__ = ["Button", "Toggle"]

#: Panel's button arguments that docsync's buttons do not take.
BUTTON_UNSUPPORTED: Mapping[str, str] = {
    **Widget._unsupported,
    **dict.fromkeys(("icon", "icon_size"), "docsync's buttons show text only: put a "
                                           "character such as ⬇ in the label"),
    **dict.fromkeys(("button_style", "variant", "color"),
                    "docsync's buttons are solid: choose the colour with button_type"),
}


class Button(Widget):
    """A button; a click in the browser increments ``clicks`` and calls ``on_click`` handlers."""

    _client_writable = frozenset()
    _events = frozenset({"click"})
    _unsupported: ClassVar[Mapping[str, str]] = BUTTON_UNSUPPORTED
    _panel_defaults: ClassVar[Mapping[str, Any]] = {"button_style": "solid"}

    clicks = param.Integer(default=0, bounds=(0, None))
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
                from docsync.state import state

                return callback(event, session=state.session)

            return self.param.watch(handler, "clicks", onlychanged=False)
        return self.param.watch(callback, "clicks", onlychanged=False)


class Toggle(Widget):
    """A button that stays pressed (``value`` True) until pressed again."""

    _unsupported: ClassVar[Mapping[str, str]] = BUTTON_UNSUPPORTED
    _panel_defaults: ClassVar[Mapping[str, Any]] = {"button_style": "solid"}

    value = param.Boolean(default=False)
    button_type = param.Selector(default="default", objects=BUTTON_TYPES)
