"""``PageSettings``: the ``ds.config`` settings a session's page acts on, sent as a model.

Stylesheets, scripts, the theme and the notification texts are known only once the app has
built the session (a script's ``pn.extension(raw_css=[...])`` runs per session), after the
page itself was sent (PROTOCOL.md §2: serving the page runs no app code). So they reach
the page through the document: one ``PageSettings`` model, the first root, that shows
nothing and whose view (js/src/views/page_settings.js) puts the stylesheets and scripts
in the page's ``<head>``, sets the theme and tells the client how to notify and whether
sliders are throttled. A session whose settings are all at their defaults gets no such
model, so it costs nothing.
"""

from __future__ import annotations

from typing import Any

import param

from docsync.core.model import Model
from docsync.exceptions import UsageError
from docsync.settings import config

__all__ = ["PageSettings", "page_settings"]


def _strings(name: str, value: Any, *, what: str) -> list[str]:
    """The strings of list (or dict values) setting ``name``; UsageError for any other
    value (a list mutated in place is not checked when it is changed)."""
    items = list(value.values()) if isinstance(value, dict) else list(value)
    for item in items:
        if not isinstance(item, str) or not item:
            raise UsageError(f"pn.config.{name}: {item!r} is not {what}")
    return items


_URL = "a URL (give strings such as 'https://example.com/style.css' or a path on this server)"


class PageSettings(Model):
    """What the page takes from ``ds.config``; read-only to the browser.

    The CSS texts and URLs are the app author's and are used as written: the view puts a
    text in a ``<style>`` element's text and a URL in an element's ``href``/``src``
    property (never through HTML parsing), so neither can break out of its element.
    """

    css = param.List(default=[], item_type=str, doc=(
        "CSS texts (raw_css, then global_css), one <style> element each."))
    css_files = param.List(default=[], item_type=str, doc="Stylesheet URLs, in order.")
    js_files = param.List(default=[], item_type=str, doc="Classic script URLs, in order.")
    js_modules = param.List(default=[], item_type=str, doc="ES module URLs, in order.")
    theme: param.Selector[Any] = param.Selector(default="default", objects=["default", "dark"])
    notifications = param.Boolean(default=False, doc=(
        "Toast ready_notification once shown, disconnect_notification while disconnected."))
    ready_notification = param.String(default=None, allow_None=True)
    disconnect_notification = param.String(default=None, allow_None=True)
    throttled = param.Boolean(default=False, doc="Sliders send value only when released.")


def page_settings() -> PageSettings | None:
    """The ``PageSettings`` of the current scope's ``ds.config`` (the session's, inside
    one), or None when every setting it carries is at its default. Raises
    :class:`UsageError` naming the setting when a CSS text or URL is not a string."""
    values: dict[str, Any] = {
        "css": [*_strings("raw_css", config.raw_css, what="CSS text"),
                *_strings("global_css", config.global_css, what="CSS text")],
        "css_files": _strings("css_files", config.css_files, what=_URL),
        "js_files": _strings("js_files", config.js_files, what=_URL),
        "js_modules": _strings("js_modules", config.js_modules, what=_URL),
        "theme": config.theme,
        "notifications": config.notifications,
        "throttled": config.throttled,
    }
    if config.notifications:
        values["ready_notification"] = config.ready_notification or None
        values["disconnect_notification"] = config.disconnect_notification or None
    defaults = PageSettings.param
    if all(value == defaults[name].default for name, value in values.items()):
        return None
    return PageSettings(**values)
