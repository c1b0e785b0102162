"""``Card`` (children under a header that collapses them) and ``Accordion`` (a stack of
such cards, Panel's ``Accordion``)."""

from __future__ import annotations

from typing import Any

import param

from docsync.core.model import JSON, Model
from docsync.exceptions import Invalid
from docsync.layout.base import ListLike, panel_of
from docsync.layout.named import NamedList

__all__ = ["Accordion", "Card"]


class Card(ListLike):
    """Children under a header that can collapse them (Panel's ``Card``).

    The header shows ``header`` (a component) or else ``title``. With ``collapsible``, a
    button in the header (``aria-expanded``) toggles ``collapsed``, which the browser
    writes and the app may set.
    """

    _client_writable = frozenset({"collapsed"})

    title = param.String(default="", doc="The header text, when there is no ``header``.")
    header = param.ClassSelector(class_=Model, default=None, allow_None=True, allow_refs=False,
                                 doc="A component shown in the header instead of the title.")
    collapsed = param.Boolean(default=False, doc="Whether the contents are hidden.")
    collapsible = param.Boolean(default=True, doc="Whether the reader may collapse it.")
    hide_header = param.Boolean(default=False, doc="Show no header at all.")
    header_background = param.String(default=None, allow_None=True, doc="A CSS color.")
    header_color = param.String(default=None, allow_None=True, doc="A CSS color.")

    def __init__(self, *objects: Any, header: Any = None, **params: Any) -> None:
        super().__init__(*objects, header=None if header is None else panel_of(header),
                         **params)


class Accordion(NamedList):
    """Children as a stack of collapsible sections, titled like tabs (Panel's
    ``Accordion``).

    ``active`` lists the indexes of the open sections, in the order they were opened; the
    browser writes it when the reader opens or closes one (a header is a button with
    ``aria-expanded``) and the app may set it. With ``toggle=True`` at most one section is
    open: opening one closes the others. When children change, an open section stays open
    at its new index and a removed one leaves ``active``; a browser's list of bad indexes
    is refused.
    """

    _client_writable = frozenset({"active"})

    active = param.List(default=[], item_type=int, doc="Indexes of the open sections.")
    toggle = param.Boolean(default=False, doc="Open one section at a time.")
    header_background = param.String(default=None, allow_None=True, doc="A CSS color.")
    active_header_background = param.String(default=None, allow_None=True,
                                            doc="A CSS color for open sections' headers.")
    header_color = param.String(default=None, allow_None=True, doc="A CSS color.")

    def __init__(self, *objects: Any, **params: Any) -> None:
        super().__init__(*objects, **params)
        self.param.watch(self._follow_objects, "objects")
        self.param.watch(self._keep_active, ["active", "toggle"])
        self._keep_active()

    def _follow_objects(self, event: param.parameterized.Event) -> None:
        opened = [event.old[i] for i in self.active if 0 <= i < len(event.old)]
        index = {id(m): i for i, m in enumerate(event.new)}
        self.active = [index[id(m)] for m in opened if id(m) in index]
        self._keep_active()

    def _keep_active(self, *_: Any) -> None:
        n = len(self.objects)
        active = list(dict.fromkeys(i for i in self.active if 0 <= i < n))
        if self.toggle:
            active = active[-1:]
        if active != self.active:
            self.active = active

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if prop == "active":
            n = len(self.objects)
            if not isinstance(value, list) or not all(
                    type(i) is int and 0 <= i < n for i in value) or len(set(value)) != len(value):
                raise Invalid(f"Accordion active must be a list of distinct section indexes "
                              f"from 0 to {n - 1}, not {value!r}")
            if self.toggle and len(value) > 1:
                raise Invalid("this Accordion opens one section at a time (toggle=True)")
        return super()._coerce_client_value(prop, value)
