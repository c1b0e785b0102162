"""What ``.servable()`` marks while an app is being built for one session."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docsync.exceptions import UsageError

if TYPE_CHECKING:
    from docsync.core.model import Model

__all__ = ["AREAS", "Build", "building", "current_build", "mark_servable"]

#: The areas of a page template a servable may go to (Panel's ``servable(target=...)``).
AREAS = ("main", "sidebar", "header", "modal")


@dataclass
class Build:
    """The models an app run marked servable, in order, the template area each asked for
    (``areas[i]`` is that of ``servables[i]``), the page title it asked for, and the page
    template made for it while it ran (``state.template``), if any."""

    servables: list[Model] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    title: str | None = None
    template: Model | None = None


_current: ContextVar[Build | None] = ContextVar("docsync_build", default=None)


@contextmanager
def building() -> Iterator[Build]:
    """Collect ``.servable()`` calls made inside the block (per thread/task context)."""
    build = Build()
    token = _current.set(build)
    try:
        yield build
    finally:
        _current.reset(token)


def current_build() -> Build | None:
    """The build of the app running in this context, or None outside one."""
    return _current.get()


def mark_servable(model: Model, title: str | None, area: str = "main") -> None:
    """Record ``model`` in the current build, for template area ``area`` (one of
    :data:`AREAS`; only a page template uses it); outside a build (a plain script) only
    check ``area``. Marking a model again keeps its first place and area."""
    if area not in AREAS:
        raise UsageError(f"servable(target={area!r}): a template area is one of "
                         f"{', '.join(map(repr, AREAS))}")
    build = _current.get()
    if build is None:
        return
    if model not in build.servables:
        build.servables.append(model)
        build.areas.append(area)
    if title is not None:
        build.title = title
