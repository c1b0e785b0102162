"""Panes: models that show an object (``Markdown``, ``HTML``, ``Str``) and ``panel()``."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

import param
from markdown_it import MarkdownIt

from docsync.core.model import JSON, Model

__all__ = ["HTML", "Markdown", "PaneBase", "Str", "panel"]


class PaneBase(Model):
    """A model that shows one ``object``."""

    object = param.Parameter(default=None, doc="What the pane shows.")

    def __init__(self, object: Any = None, **params: Any) -> None:
        super().__init__(object=object, **params)


@cache
def _markdown() -> MarkdownIt:
    # Raw HTML in the source is escaped, not passed through: the output is safe to insert.
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


_PLAIN = re.compile(r'[^\\`*_{}\[\]<>()#+\-.!|~&"\n\r\t]*')


@lru_cache(maxsize=1024)
def render_markdown(source: str) -> str:
    """Sanitized HTML for Markdown ``source``. A pure function, memoized (bounded): every
    session of an app renders the same texts."""
    if _PLAIN.fullmatch(source) and source.strip() == source:
        # No Markdown syntax and nothing to escape: CommonMark gives one paragraph.
        return f"<p>{source}</p>\n" if source else ""
    return _markdown().render(source)


class Markdown(PaneBase):
    """Markdown source in ``object``, rendered to sanitized HTML on the server (``html``)."""

    object = param.String(default="", allow_None=True)
    _derived_props = {"html": ("object",)}

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        if prop == "html":
            return render_markdown(self.object or "")
        return super()._derived(prop, ref)


class HTML(PaneBase):
    """An HTML string, inserted as is."""

    object = param.String(default="", allow_None=True)


class Str(PaneBase):
    """Any object shown as preformatted text (its ``str()``)."""

    _wire_exclude = PaneBase._wire_exclude | {"object"}
    _derived_props = {"text": ("object",)}

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        if prop == "text":
            return "" if self.object is None else str(self.object)
        return super()._derived(prop, ref)


def pane_type(obj: Any) -> type[Model]:
    """The model type :func:`panel` would use for ``obj`` (nothing is built)."""
    from docsync.bind import ParamFunction

    if isinstance(obj, Model):
        return type(obj)
    if callable(obj):
        return ParamFunction
    if isinstance(obj, str):
        return Markdown
    return Str


def panel(obj: Any) -> Model:
    """The model that shows ``obj``: itself if a model, a ``ParamFunction`` for a function
    (including ``bind`` results), ``Markdown`` for a string, ``Str`` for anything else."""
    from docsync.bind import ParamFunction

    if isinstance(obj, Model):
        return obj
    if callable(obj):
        return ParamFunction(obj)
    if isinstance(obj, str):
        return Markdown(obj)
    return Str(obj)
