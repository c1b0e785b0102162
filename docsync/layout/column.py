"""``Column``, ``Row`` and ``WidgetBox``: children stacked or side by side."""

from __future__ import annotations

from typing import Any

import param

from docsync.core.model import Model
from docsync.core.params import Integer
from docsync.layout.base import ListLike

__all__ = ["Column", "Row", "WidgetBox"]


_SCROLL_OPTIONS = frozenset({"auto_scroll_limit", "scroll_button_threshold", "view_latest"})


class Column(ListLike):
    """Children stacked vertically (Panel's ``Column``).

    A scrolling Column (``scroll``, or any of the options below, which turn ``scroll`` on
    as Panel does) keeps its place in ``scroll_position`` (pixels from the top), written
    by the browser when the reader stops scrolling and scrolled to when the app sets it.
    ``auto_scroll_limit``: when children are added and the reader is within this many
    pixels of the end, the page follows to the end (a log, a chat). ``view_latest``: the
    page starts at the end. ``scroll_button_threshold``: farther than this from the end, a
    button offers to scroll there. 0 turns each off.
    """

    _client_writable = frozenset({"scroll_position"})

    scroll_position = Integer(default=0, bounds=(0, None),
                                    doc="Pixels scrolled from the top.")
    auto_scroll_limit = Integer(default=0, bounds=(0, None),
                                      doc="Follow new children within this many pixels.")
    scroll_button_threshold = Integer(default=0, bounds=(0, None),
                                            doc="Offer a scroll button beyond this distance.")
    view_latest = param.Boolean(default=False, doc="Start scrolled to the last child.")

    def __init__(self, *objects: Any, **params: Any) -> None:
        super().__init__(*objects, **params)
        self._scroll_if_needed()
        self.__dict__["_scroll_ready"] = True

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        # Checked here rather than by a param watcher, whose dicts and lists would cost
        # every Column of every session ~0.7 KiB; only app code sets these (param.update
        # sets through here too), none is client-writable.
        if name in _SCROLL_OPTIONS and "_scroll_ready" in self.__dict__:
            self._scroll_if_needed()

    def _scroll_if_needed(self, *_: Any) -> None:
        if not self.scroll and (self.scroll_position or self.auto_scroll_limit
                                or self.scroll_button_threshold or self.view_latest):
            self.scroll = True


class Row(ListLike):
    """Children side by side, wrapping onto a new line when they do not fit (Panel's
    ``Row``); with ``scroll=True`` they stay on one line and scroll sideways."""


class WidgetBox(ListLike):
    """Widgets grouped in a framed box (Panel's ``WidgetBox``): stacked, or side by side
    with ``horizontal``. Setting ``disabled`` sets every widget's ``disabled`` in it,
    nested ones included; while it is True, children added later are disabled too (Panel
    also re-enables them when children change under ``disabled=False``; docsync leaves a
    widget the app disabled alone then)."""

    disabled = param.Boolean(default=False, doc="Disable every widget inside.")
    horizontal = param.Boolean(default=False, doc="Lay the widgets out in a row.")

    def __init__(self, *objects: Any, **params: Any) -> None:
        super().__init__(*objects, **params)
        if self.disabled:
            self._disable_widgets()
        self.param.watch(self._disable_widgets, "disabled")
        self.param.watch(self._disable_added, "objects")

    def _disable_added(self, *_: Any) -> None:
        if self.disabled:
            self._disable_widgets()

    def _disable_widgets(self, *_: Any) -> None:
        for model in self.select(_has_disabled):
            if model is not self:
                model.disabled = self.disabled


def _has_disabled(model: Model) -> bool:
    return "disabled" in model.param
