"""``Tabs``: children as tabs, one shown at a time; dynamic and closable."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, ClassVar

import param

from docsync.core.model import JSON, Model, to_json
from docsync.core.params import Integer
from docsync.exceptions import Invalid
from docsync.layout.named import NamedList

__all__ = ["Tabs"]


class Tabs(NamedList):
    """Children as tabs, one shown at a time (Panel's ``Tabs``).

    ``active`` (the shown tab's index) is written by the browser when the reader picks a
    tab (by click, or the arrow keys, Home and End) and may be set by the app; it always
    names an existing tab, or 0 when there is none.

    ``dynamic=True`` sends the page only the shown tab's contents: the others are sent as
    ``null`` in ``children`` and their models are not in the document until their tab is
    picked (and leave it again when another is), which saves what they would cost a page
    that never shows them.

    ``closable=True`` gives each tab a close button (and the Delete key on a focused tab):
    the page sends a ``close`` event naming the tab's index and title; the server checks
    both against its current tabs (a stale or forged close is refused) and removes that
    child from ``objects``, keeping the shown tab shown when it is another one.
    """

    _client_writable = frozenset({"active"})
    _events = frozenset({"close"})
    _derived_props: ClassVar[dict[str, tuple[str, ...]]] = {
        **NamedList._derived_props, "children": ("objects", "active", "dynamic")}
    _structural_params = frozenset({"active", "dynamic"})

    active = Integer(default=0, bounds=(0, None), doc="Index of the shown tab.")
    closable = param.Boolean(default=False, doc="Whether the reader may close tabs.")
    dynamic = param.Boolean(default=False, doc="Send only the shown tab's contents.")
    tabs_location = param.Selector(default="above",
                                   objects=["above", "below", "left", "right"])

    def __init__(self, *objects: Any, **params: Any) -> None:
        super().__init__(*objects, **params)
        self.param.watch(self._keep_active, ["objects", "active"])
        self._keep_active()

    def _keep_active(self, *_: Any) -> None:
        if self.active >= len(self.objects):
            self.active = max(0, len(self.objects) - 1)

    def _shown(self) -> list[Model]:
        """The children the page is sent: all of them, or only the active one if dynamic."""
        if not self.dynamic:
            return list(self.objects)
        return self.objects[self.active:self.active + 1]

    def _sent_children(self) -> Iterator[Model]:
        return iter(self._shown())

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        if prop == "children":
            shown = set(self._shown())
            return [to_json(o, ref) if o in shown else None for o in self.objects]
        return super()._derived(prop, ref)

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if prop == "active" and (type(value) is not int
                                 or not 0 <= value < max(1, len(self.objects))):
            raise Invalid(f"Tabs active must be a tab index from 0 to "
                          f"{max(0, len(self.objects) - 1)}, not {value!r}")
        return super()._coerce_client_value(prop, value)

    def _handle_event(self, name: str, data: JSON) -> None:
        if name == "close":
            self._close(data)

    def _close(self, data: JSON) -> None:
        if not self.closable:
            raise Invalid("these tabs are not closable (closable=False)")
        index = data.get("index") if isinstance(data, dict) else None
        title = data.get("title") if isinstance(data, dict) else None
        if type(index) is not int or not isinstance(title, str):
            raise Invalid("a tab close needs an integer 'index' and a string 'title'")
        titles = self.titles
        if not 0 <= index < len(titles) or titles[index] != title:
            raise Invalid(f"there is no tab {title!r} at index {index} any more; "
                          "the tabs changed, close it again")
        active = self.active - 1 if index < self.active else self.active
        objects = list(self.objects)
        del objects[index]
        self.param.update(objects=objects, active=max(0, min(active, len(objects) - 1)))
