"""``JSON``: a JSON-like object shown as a collapsible tree in the browser."""

from __future__ import annotations

import json
from typing import Any

import param

from docsync.core.params import Integer
from docsync.pane.base import PaneBase, set_computed
from docsync.pane.plain import to_plain

__all__ = ["JSON"]


class JSON(PaneBase):
    """A dict, list or JSON string shown as a tree of collapsible nodes (Panel's
    ``pn.pane.JSON``).

    ``depth`` levels are open at first (-1: all); the reader opens and closes the rest. The
    object is sent as plain JSON data (``data``, see ``to_plain``); a string that does not
    parse as JSON is shown as a string.
    """

    _wire_exclude = PaneBase._wire_exclude | {"object"}

    depth = Integer(default=1, bounds=(-1, None), doc="Levels open at first; -1: all.")
    data = param.Parameter(default=None, constant=True, doc="Computed: the object as JSON.")

    @param.depends("object", watch=True, on_init=True)
    def _convert(self) -> None:
        set_computed(self, data=to_plain(_parsed(self.object)))


def _parsed(obj: Any) -> Any:
    if isinstance(obj, (str, bytes)):
        try:
            return json.loads(obj)
        except ValueError:
            return obj.decode("utf-8", "replace") if isinstance(obj, bytes) else obj
    return obj
