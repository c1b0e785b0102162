"""Page templates: ``Page``, an app shell with a header, a sidebar and a main area."""

from __future__ import annotations

from typing import Any

import param

from docsync.core.model import Model

__all__ = ["Page"]


def _panels(objs: Any) -> list[Model]:
    from docsync.pane import panel

    if objs is None:
        return []
    if isinstance(objs, (list, tuple)):
        return [panel(o) for o in objs]
    return [panel(objs)]


class Page(Model):
    """A full-window app shell (Panel's templates): a header bar with ``title`` and
    ``header`` items, an optional ``sidebar`` and the ``main`` area.

    ``theme`` is ``"auto"`` (follow the browser's light/dark preference), ``"light"`` or
    ``"dark"``; the header's theme switch sets it from the browser. Anything that is not a
    model is shown with :func:`docsync.pane.panel`, as in layouts.
    """

    _client_writable = frozenset({"theme"})

    title = param.String(default="", doc="Shown in the header and as the browser tab's title.")
    header = param.List(default=[], item_type=Model, doc="Components in the header bar.")
    sidebar = param.List(default=[], item_type=Model, doc="Components in the sidebar.")
    main = param.List(default=[], item_type=Model, doc="The page's content.")
    theme: param.Selector[Any] = param.Selector(default="auto", objects=["auto", "light", "dark"])
    sidebar_width = param.Integer(default=300, bounds=(120, 800), doc="In px.")
    accent = param.String(default="", doc="A CSS color for the header and controls; "
                                           "empty for the theme's own.")

    def __init__(self, *, header: Any = None, sidebar: Any = None, main: Any = None,
                 **params: Any) -> None:
        super().__init__(header=_panels(header), sidebar=_panels(sidebar), main=_panels(main),
                         **params)


def __getattr__(name: str) -> Any:
    # Only for names not found otherwise: says whether the name is Panel's (docsync.compat).
    from docsync.compat import missing

    raise missing(__name__, name)
