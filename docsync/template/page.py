"""``Page``: an app shell with a header bar, a sidebar, a main area and a modal dialog."""

from __future__ import annotations

from typing import Any

import param

from docsync.core.model import Model
from docsync.core.params import Integer
from docsync.pane.choose import panel
from docsync.settings import config

__all__ = ["Page"]


def _panels(objs: Any) -> list[Model]:
    if objs is None:
        return []
    if isinstance(objs, (list, tuple)):
        return [panel(o) for o in objs]
    return [panel(objs)]


class Page(Model):
    """A full-window app shell (Panel's templates): a header bar with an optional ``logo``,
    ``site`` name (linked to ``site_url``), ``title`` and ``header`` items, an optional
    ``sidebar``, the ``main`` area and a ``modal`` dialog shown while ``modal_open``.

    ``theme`` is ``"auto"`` (follow the browser's light/dark preference; the default, or
    ``"dark"`` when ``ds.config.theme`` is), ``"light"`` or ``"dark"``; the header's theme
    switch (shown when ``theme_toggle``) sets it from the browser, and the browser writes
    ``modal_open`` when the reader closes the dialog. Anything
    that is not a model is shown with :func:`docsync.pane.panel`, as in layouts.
    """

    _client_writable = frozenset({"theme", "modal_open"})

    title = param.String(default="", doc="Shown in the header and as the browser tab's title.")
    header = param.List(default=[], item_type=Model, doc="Components in the header bar.")
    sidebar = param.List(default=[], item_type=Model, doc="Components in the sidebar.")
    main = param.List(default=[], item_type=Model, doc="The page's content.")
    modal = param.List(default=[], item_type=Model, doc="The modal dialog's content.")
    modal_open = param.Boolean(default=False, doc="Whether the modal dialog is shown.")
    theme: param.Selector[Any] = param.Selector(default="auto", objects=["auto", "light", "dark"])
    theme_toggle = param.Boolean(default=True, doc="Show the header's light/dark switch.")
    sidebar_width = Integer(default=300, bounds=(120, 800), doc="In px.")
    main_max_width = param.String(default="", doc="A CSS width the main area keeps within "
                                                  "(\"1200px\"); empty for none.")
    accent = param.String(default="", doc="A CSS color for the header and controls; "
                                           "empty for the theme's own.")
    header_background = param.String(default="", doc="The header's CSS background color; "
                                                     "empty for the accent.")
    header_color = param.String(default="", doc="The header's CSS text color; empty for the "
                                                "theme's own.")
    logo = param.String(default="", doc="URL of an image shown at the start of the header.")
    favicon = param.String(default="", doc="URL of the browser tab's icon.")
    site = param.String(default="", doc="The site's name, shown before the title.")
    site_url = param.String(default="/", doc="Where the site name and logo link to.")

    def __init__(self, *, header: Any = None, sidebar: Any = None, main: Any = None,
                 modal: Any = None, **params: Any) -> None:
        if "theme" not in params:  # ds.config.theme = "dark" makes every page dark

            params["theme"] = "dark" if config.theme == "dark" else "auto"
        super().__init__(header=self._area(header), sidebar=self._area(sidebar),
                         main=self._area(main), modal=self._area(modal), **params)

    @classmethod
    def _area(cls, objs: Any) -> Any:
        """The value of an area parameter for ``objs`` as given to the constructor."""
        return _panels(objs)

    def open_modal(self) -> None:
        """Show the ``modal`` dialog in the page."""
        self.modal_open = True

    def close_modal(self) -> None:
        """Close the ``modal`` dialog."""
        self.modal_open = False
