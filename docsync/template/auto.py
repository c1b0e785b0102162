"""``ds.config.template``: the page template that wraps what a session's app marked
servable, each in the area its ``servable(target=...)`` named."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docsync.core.build import current_build
from docsync.core.model import Model
from docsync.runtime.current import CURRENT_SESSION
from docsync.settings import config
from docsync.template.page import Page
from docsync.template.panel import TEMPLATES, BasicTemplate

if TYPE_CHECKING:
    from docsync.core.build import Build

__all__ = ["page_roots", "session_template"]


def page_roots(build: Build, title: str) -> tuple[list[Model], str]:
    """The document roots and title for what ``build`` marked servable.

    Without ``ds.config.template`` these are the servables themselves, in order. With one,
    it is one template of that kind (the one ``state.template`` made, if the app used it)
    whose areas hold the servables that named them, in order, titled by
    ``servable(title=...)`` (else the app's title). A servable that is itself a page shell
    (a ``Page`` or one of Panel's templates) turns this off: the title is then
    ``servable(title=...)``'s, else the first page's, else ``title``.
    """
    servables = list(build.servables)
    pages = [s for s in servables if isinstance(s, Page)]
    name = config.template
    if name is None or pages:  # a page shell is never put inside another
        # A page's own title names the browser tab unless servable(title=...) did.
        return servables, build.title or (pages[0].title if pages else "") or title
    template = build.template if isinstance(build.template, BasicTemplate) else None
    if template is None:
        template = TEMPLATES[name](title=build.title or title)
    elif build.title is not None and template.title == type(template).param["title"].default:
        template.title = build.title
    for model, area in zip(servables, build.areas, strict=True):
        getattr(template, area).append(model)
    return [template], template.title


def session_template() -> BasicTemplate | None:
    """Panel's ``pn.state.template``: the template ``ds.config.template`` gives the current
    session, or None when none is configured or outside a session's app and callbacks.

    While the app runs it is made on first use (the app may set its ``title``, ``site``,
    add to its areas...) and the servables join it afterwards; later, in a callback, it is
    the template the session's page shows.
    """
    name = config.template
    build = current_build()
    if build is not None:
        if name is None:
            return None
        if not isinstance(build.template, BasicTemplate):
            build.template = TEMPLATES[name]()
        return build.template
    ctx = CURRENT_SESSION.get()
    document = ctx.session.document if ctx is not None and ctx.session is not None else None
    roots = document.roots if document is not None else []
    return next((r for r in roots if isinstance(r, BasicTemplate)), None)
