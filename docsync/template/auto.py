"""``ds.config.template``: the page template that wraps what a session's app marked
servable, each in the area its ``servable(target=...)`` named."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docsync.core.model import Model
from docsync.template.page import Page
from docsync.template.panel import TEMPLATES, BasicTemplate

if TYPE_CHECKING:
    from docsync.core.build import Build

__all__ = ["page_roots"]


def page_roots(build: Build, title: str) -> tuple[list[Model], str]:
    """The document roots and title for what ``build`` marked servable.

    Without ``ds.config.template`` these are the servables themselves, in order. With one,
    it is one template of that kind whose areas hold the servables that named them, in
    order, titled by ``servable(title=...)`` (else the app's title); a servable that is
    itself one of Panel's templates turns this off. The title is ``servable(title=...)``'s,
    else the first servable page's (a ``Page`` or template), else ``title``.
    """
    from docsync import config

    servables = list(build.servables)
    pages = [s for s in servables if isinstance(s, Page)]
    name = config.template
    if name is None or any(isinstance(s, BasicTemplate) for s in servables):
        # A page's own title names the browser tab unless servable(title=...) did.
        return servables, build.title or (pages[0].title if pages else "") or title
    template = TEMPLATES[name](title=build.title or title)
    for model, area in zip(servables, build.areas, strict=True):
        getattr(template, area).append(model)
    return [template], template.title
