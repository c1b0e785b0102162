"""What ``.servable()`` marks while an app is being built for one session."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docsync.core.model import Model

__all__ = ["Build", "building", "mark_servable"]


@dataclass
class Build:
    """The models an app run marked servable, in order, and the page title it asked for."""

    servables: list[Model] = field(default_factory=list)
    title: str | None = None


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


def mark_servable(model: Model, title: str | None) -> None:
    """Record ``model`` in the current build; outside a build (a plain script) do nothing."""
    build = _current.get()
    if build is None:
        return
    if model not in build.servables:
        build.servables.append(model)
    if title is not None:
        build.title = title
