"""Text panes: ``Markdown`` and ``Alert`` (rendered on the server), ``HTML``, ``Str``.

What reaches the browser's ``innerHTML`` is always sanitized here, on the server: Markdown
source cannot carry raw HTML or unsafe link targets, and ``HTML`` goes through nh3 unless the
app opts out with ``sanitize=False``.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from functools import cache, lru_cache

import nh3
import param
from markdown_it import MarkdownIt

from docsync.core.model import JSON, Model
from docsync.pane.base import PaneBase

__all__ = ["ALERT_TYPES", "HTML", "Alert", "Markdown", "Str", "render_markdown",
           "safe_url", "sanitize_html"]

#: Schemes a link or image in rendered Markdown or sanitized HTML may use. Anything else
#: (``javascript:``, ``vbscript:``, ``data:text/html``, ``file:``...) is dropped.
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
# SVG is safe only where it is an image: inside <img> its scripts do not run.
_DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp|svg\+xml);", re.IGNORECASE)


def safe_url(url: str, *, image: bool = False) -> bool:
    """Whether ``url`` may be a link target (or, with ``image``, an image source).

    Relative URLs and the :data:`SAFE_SCHEMES` pass; ``data:`` passes only for images
    (an ``<img>`` or a picture opened from a link). Browsers ignore leading spaces and
    control characters before a scheme, so those are skipped before the scheme is read.
    """
    bare = url.lstrip("".join(map(chr, range(33))))
    match = _SCHEME.match(bare)
    if match is None:
        return True  # relative: no scheme before the first ':' (or no ':' at all)
    if match.group(1).lower() in SAFE_SCHEMES:
        return True
    return image and _DATA_IMAGE.match(bare) is not None


class _SafeLinksMarkdown(MarkdownIt):
    """markdown-it whose links and images may only point at :func:`safe_url` targets."""

    def validateLink(self, url: str) -> bool:  # markdown-it's name
        # markdown-it checks links and images with one hook; a data:image in a link only
        # opens a picture, which is harmless.
        return safe_url(url, image=True)


@cache
def _markdown() -> MarkdownIt:
    # Raw HTML in the source is escaped, not passed through: the output is safe to insert.
    return _SafeLinksMarkdown("commonmark", {"html": False, "linkify": False}).enable("table")


_PLAIN = re.compile(r'[^\\`*_{}\[\]<>()#+\-.!|~&"\n\r\t]*')


@lru_cache(maxsize=1024)
def render_markdown(source: str, *, dedent: bool = False) -> str:
    """Sanitized HTML for Markdown ``source``. A pure function, memoized (bounded): every
    session of an app renders the same texts. ``dedent`` removes the common indentation
    first (so an indented triple-quoted string is not a code block)."""
    if dedent:
        source = textwrap.dedent(source).strip("\n")
    if _PLAIN.fullmatch(source) and source.strip() == source:
        # No Markdown syntax and nothing to escape: CommonMark gives one paragraph.
        return f"<p>{source}</p>\n" if source else ""
    return _markdown().render(source)


class Markdown(PaneBase):
    """Markdown source in ``object``, rendered to sanitized HTML on the server (``html``).

    Raw HTML in the source is shown as text; links and images may only use relative URLs,
    http(s), mailto and tel (and ``data:`` raster images).
    """

    object = param.String(default="", allow_None=True, allow_refs=True)
    dedent = param.Boolean(default=True, doc="Remove the source's common indentation.")
    _wire_exclude = PaneBase._wire_exclude | {"dedent"}
    _derived_props = {"html": ("object", "dedent")}

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        if prop == "html":
            return render_markdown(self.object or "", dedent=self.dedent)
        return super()._derived(prop, ref)


ALERT_TYPES = ("primary", "secondary", "success", "danger", "warning", "info", "light", "dark")


class Alert(PaneBase):
    """A highlighted message (``role=alert``) with Markdown content, as Panel's ``Alert``.

    ``alert_type`` picks the colours, with Bootstrap's names.
    """

    object = param.String(default="", allow_None=True, allow_refs=True)
    dedent = param.Boolean(default=True, doc="Remove the source's common indentation.")
    alert_type: param.Selector[str] = param.Selector(default="primary", objects=list(ALERT_TYPES))
    _wire_exclude = PaneBase._wire_exclude | {"dedent"}
    _derived_props = {"html": ("object", "dedent")}

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        if prop == "html":
            return render_markdown(self.object or "", dedent=self.dedent)
        return super()._derived(prop, ref)


def _keep_safe_urls(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ("href", "src", "cite", "poster"):
        return value if safe_url(value, image=attribute in ("src", "poster")) else None
    return value


@cache
def _cleaner() -> nh3.Cleaner:
    tags = set(nh3.ALLOWED_TAGS) | {"audio", "video", "source", "track"}
    attributes = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
    # Presentation only: no ids (they could shadow the page's own), no event handlers.
    attributes["*"] = {"class", "style", "title", "lang", "dir", "role", "aria-label",
                       "aria-hidden", "aria-describedby"}
    attributes["a"] |= {"target"}
    for media in ("audio", "video"):
        attributes[media] = {"src", "controls", "loop", "muted", "autoplay", "preload",
                             "width", "height", "poster"}
    attributes["source"] = {"src", "type"}
    attributes["track"] = {"src", "kind", "srclang", "label"}
    return nh3.Cleaner(tags=tags, attributes=attributes, attribute_filter=_keep_safe_urls,
                       url_schemes=set(SAFE_SCHEMES) | {"data"}, link_rel="noopener noreferrer")


@lru_cache(maxsize=256)
def sanitize_html(source: str) -> str:
    """``source`` with scripts, styles, event handlers, unknown elements and unsafe URLs
    removed (nh3, an html5ever-based sanitizer). Memoized (bounded), like Markdown."""
    return _cleaner().clean(source)


class HTML(PaneBase):
    """An HTML string, sanitized on the server before it is sent (``html``).

    ``sanitize=False`` sends ``object`` as it is: only for HTML the app itself wrote, never
    for text a user typed. ``sanitize`` stays on the server.
    """

    object = param.String(default="", allow_None=True, allow_refs=True)
    sanitize = param.Boolean(default=True, doc="Clean the HTML with nh3 before sending it.")
    _wire_exclude = PaneBase._wire_exclude | {"object", "sanitize"}
    _derived_props = {"html": ("object", "sanitize")}

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        if prop == "html":
            source = self.object or ""
            return sanitize_html(source) if self.sanitize else source
        return super()._derived(prop, ref)


class Str(PaneBase):
    """Any object shown as preformatted text (its ``str()``)."""

    _wire_exclude = PaneBase._wire_exclude | {"object"}
    _derived_props = {"text": ("object",)}

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        if prop == "text":
            return "" if self.object is None else str(self.object)
        return super()._derived(prop, ref)
