"""Panel's ``pn.viewable``: ``Viewer``, the base of a component made of other components,
and ``Viewable``, the base every component shares."""

from __future__ import annotations

from typing import Any

import param

from docsync.core.model import Model
from docsync.pane.choose import panel

__all__ = ["Viewable", "Viewer"]

#: What every docsync component is (Panel's base of its components): for ``isinstance``.
Viewable = Model


class Viewer(param.Parameterized):
    """A component of your own, made of others (Panel's ``Viewer``): subclass it, declare
    its parameters, and define ``__panel__()`` to return what shows it (a layout, a
    template...). It is shown wherever a component is (``pn.panel``, layouts, a
    notebook cell) and served with :meth:`servable`.

    ``__panel__`` is called each time the viewer is shown: build the components in
    ``__init__`` and return them, so every display shares them, or build them in
    ``__panel__`` for a fresh set per display.
    """

    def _panel(self) -> Model:
        if not callable(getattr(self, "__panel__", None)):
            raise TypeError(f"{type(self).__name__} is a Viewer without a __panel__ method: "
                            "define __panel__(self) to return the components that show it")
        return panel(self)

    def servable(self, title: str | None = None, **kwargs: Any) -> Viewer:
        """Mark what ``__panel__()`` returns as what the app shows (as ``.servable()`` of a
        component, with the same arguments); returns the viewer."""
        self._panel().servable(title, **kwargs)
        return self
