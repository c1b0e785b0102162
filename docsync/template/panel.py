"""Panel's template classes (``FastListTemplate``, ``BootstrapTemplate``...) built on
:class:`~docsync.template.page.Page`.

What differs from ``Page``: the areas (``header``, ``sidebar``, ``main``, ``modal``) are
list-like ``Column``s, so that Panel's ``template.main.append(obj)`` and
``template.sidebar.extend([...])`` work, before the page is shown and in callbacks alike;
``theme`` takes Panel's ``"default"``/``"dark"`` or its ``DefaultTheme``/``DarkTheme``
classes; the default theme is ``ds.config.theme``. Each template is drawn by the page view
with a CSS class of its own (``docsync-fastlisttemplate``...) that gives it its look.
"""

from __future__ import annotations

from typing import Any, ClassVar

import param

from docsync.core.params import Integer
from docsync.layout import Column, ListLike
from docsync.settings import config
from docsync.template.page import Page

__all__ = ["BasicTemplate", "BootstrapTemplate", "DarkTheme", "DefaultTheme",
           "FastListTemplate", "MaterialTemplate", "VanillaTemplate"]


class DefaultTheme:
    """Panel's light theme, as a name for ``theme=``."""

    name = "default"


class DarkTheme:
    """Panel's dark theme, as a name for ``theme=``."""

    name = "dark"


_THEMES: dict[Any, str] = {DefaultTheme: "default", DarkTheme: "dark"}


def theme_name(value: Any) -> Any:
    """The theme name for a ``theme=`` value: Panel's theme classes become ``"default"``
    and ``"dark"``; anything else is returned unchanged, for the parameter to check."""
    try:
        return _THEMES.get(value, value)
    except TypeError:  # unhashable
        return value


def _column(objs: Any) -> Column:
    if isinstance(objs, Column):
        return objs
    if isinstance(objs, ListLike):
        return Column(*objs.objects)
    if objs is None:
        return Column()
    return Column(*objs) if isinstance(objs, (list, tuple)) else Column(objs)


class BasicTemplate(Page):
    """The common base of Panel's templates (Panel's ``BasicTemplate``)."""

    #: The default ``accent`` (header and controls) of this template.
    _default_accent: ClassVar[str] = "#0072B5"

    header = param.ClassSelector(class_=Column, default=None, allow_None=True, constant=True, doc=(
        "The header's components: a Column (append, extend...)."))
    sidebar = param.ClassSelector(class_=Column, default=None, allow_None=True, constant=True, doc=(
        "The sidebar's components: a Column (append, extend...)."))
    main = param.ClassSelector(class_=Column, default=None, allow_None=True, constant=True, doc=(
        "The page's content: a Column (append, extend...)."))
    modal = param.ClassSelector(class_=Column, default=None, allow_None=True, constant=True, doc=(
        "The modal dialog's content: a Column; open_modal() shows it."))
    theme: param.Selector[Any] = param.Selector(
        default="default", objects=["default", "light", "dark", "auto"], doc=(
            "\"default\" or \"light\" (the page's theme switch says \"light\"), \"dark\", or "
            "\"auto\" (the browser's preference); Panel's DefaultTheme and DarkTheme classes "
            "are accepted too."))
    title = param.String(default="Panel Application", doc=(
        "Shown in the header and as the browser tab's title."))
    accent_base_color = param.String(default="", doc=(
        "A CSS color for links, sliders and buttons; empty for the template's own."))
    collapsed_sidebar = param.Boolean(default=False, doc=(
        "Start with the sidebar collapsed (the header's menu button opens it)."))

    _client_writable = Page._client_writable | {"collapsed_sidebar"}

    def __init__(self, **params: Any) -> None:
        accent = params.pop("accent", None)
        if accent is not None:  # Panel's shorthand: both the header and the controls
            params.setdefault("accent_base_color", accent)
            params.setdefault("header_background", accent)
        params.setdefault("accent", self._default_accent)
        params["theme"] = theme_name(params.get("theme", config.theme))
        super().__init__(**params)

    @classmethod
    def _area(cls, objs: Any) -> Any:
        return _column(objs)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "theme":
            value = theme_name(value)
        super().__setattr__(name, value)


class FastListTemplate(BasicTemplate):
    """Panel's ``FastListTemplate``: a Fast-design shell with rounded cards in a list."""

    _default_accent = "#0072B5"

    theme_toggle = param.Boolean(default=True, doc="Show the header's light/dark switch.")
    sidebar_width = Integer(default=330, bounds=(120, 800), doc="In px.")


class BootstrapTemplate(BasicTemplate):
    """Panel's ``BootstrapTemplate``: a Bootstrap-looking shell."""

    _default_accent = "#0d6efd"

    sidebar_width = Integer(default=350, bounds=(120, 800), doc="In px.")


class MaterialTemplate(BasicTemplate):
    """Panel's ``MaterialTemplate``: a Material-design shell (raised header, flat sidebar)."""

    _default_accent = "#3f51b5"

    sidebar_width = Integer(default=370, bounds=(120, 800), doc="In px.")


class VanillaTemplate(BasicTemplate):
    """Panel's ``VanillaTemplate``: a plain shell."""

    _default_accent = "#0072B5"

    sidebar_width = Integer(default=330, bounds=(120, 800), doc="In px.")


#: ``config.template`` names → the template class (Panel's names).
TEMPLATES: dict[str, type[BasicTemplate]] = {
    "bootstrap": BootstrapTemplate, "fast": FastListTemplate, "fast-list": FastListTemplate,
    "material": MaterialTemplate, "vanilla": VanillaTemplate,
}
