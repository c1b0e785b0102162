"""Bokeh panes: ``Bokeh`` (a Bokeh figure or layout) and ``HoloViews`` (a HoloViews or hvPlot
object, rendered to one), drawn in the browser by BokehJS from Bokeh's own JSON item.

Nothing here imports bokeh, holoviews or panel until an app hands a pane such an object, so
apps that show no Bokeh plot never load them (``docsync[bokeh]`` is an optional extra).
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

import param

from docsync.pane.base import PaneBase, set_computed

__all__ = ["Bokeh", "HoloViews", "bokehjs_files", "dark_overrides", "is_bokeh_model",
           "is_holoviews"]

log = logging.getLogger(__name__)

#: The built-in Bokeh theme whose values the page uses in docsync's dark theme.
DARK_THEME = "dark_minimal"


def is_bokeh_model(obj: Any) -> bool:
    """Whether ``obj`` is a Bokeh ``LayoutDOM`` (a figure, a layout, a widget) that a page can
    show, without importing bokeh when the app has not."""
    if "bokeh.models" not in sys.modules:
        return False
    from bokeh.models import LayoutDOM

    return isinstance(obj, LayoutDOM)


def is_holoviews(obj: Any) -> bool:
    """Whether ``obj`` is a HoloViews object (what hvPlot returns), without importing
    holoviews when the app has not."""
    if type(obj).__module__.split(".", 1)[0] != "holoviews":
        return False
    from holoviews.core.dimension import Dimensioned

    return isinstance(obj, Dimensioned)


def bokehjs_files(model: Any) -> list[str]:
    """The BokehJS files (in ``bokeh/server/static/js``, in load order) that the page needs
    to draw ``model`` and every model it references: the widgets, tables, WebGL and MathJax
    parts are separate files that most plots do not need."""
    from bokeh.models import MathText, Plot
    from bokeh.models.glyphs import MathTextGlyph
    from bokeh.models.widgets import TableWidget, Widget

    objs = model.references()
    files = ["bokeh.min.js"]
    if any(isinstance(obj, Plot) and obj.output_backend == "webgl" for obj in objs):
        files.append("bokeh-gl.min.js")
    if any(isinstance(obj, Widget) for obj in objs):
        files.append("bokeh-widgets.min.js")
    if any(isinstance(obj, TableWidget) for obj in objs):
        files.append("bokeh-tables.min.js")
    if any(isinstance(obj, (MathText, MathTextGlyph)) for obj in objs):
        files.append("bokeh-mathjax.min.js")
    return files


def _attributes_by_id(node: Any, found: dict[str, dict[str, Any]]) -> None:
    # Bokeh's serialized form: a model is {"type": "object", "name", "id", "attributes"}
    # where first referenced, nested anywhere in another model's attributes.
    if isinstance(node, dict):
        if node.get("type") == "object" and "id" in node:
            found[node["id"]] = node.get("attributes", {})
        for value in node.values():
            _attributes_by_id(value, found)
    elif isinstance(node, list):
        for value in node:
            _attributes_by_id(value, found)


def _is_plain(value: Any) -> bool:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return True
    if isinstance(value, list):
        return all(_is_plain(v) for v in value)
    return False


def dark_overrides(light: dict[str, Any], dark: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """What differs between two ``json_item`` results of one model, serialized without and
    with a theme: ``{model id: {attribute: value in dark}}``, for plain values only (colours,
    widths, alphas). The page applies them to the light item in its dark theme, so the
    figure's data is sent once."""
    before: dict[str, dict[str, Any]] = {}
    after: dict[str, dict[str, Any]] = {}
    _attributes_by_id(light["doc"], before)
    _attributes_by_id(dark["doc"], after)
    overrides: dict[str, dict[str, Any]] = {}
    for model_id, attrs in after.items():
        old = before.get(model_id, {})
        changed = {name: value for name, value in attrs.items()
                   if _is_plain(value) and old.get(name, ...) != value}
        if changed:
            overrides[model_id] = changed
    return overrides


class Bokeh(PaneBase):
    """A Bokeh figure or layout, drawn in the browser by BokehJS (Panel's ``pn.pane.Bokeh``).

    The figure is serialized with ``bokeh.embed.json_item`` when ``object`` or ``theme`` is
    set, in that thread; the page loads BokehJS, served from the installed ``bokeh``
    package, the first time it shows a Bokeh pane. Tools that run in the browser (pan,
    zoom, hover, box select, reset) work; Bokeh's Python callbacks (``on_change``,
    ``on_event``, ``js_on_change`` aside) do not run, since the figure lives in the page,
    not in a Bokeh server document. After changing a figure in place, assign ``object``
    again or call ``param.trigger("object")`` to send it again.

    A figure that cannot be serialized does not raise: the pane shows the reason (``error``)
    and logs it, so the rest of the page keeps working.
    """

    _wire_exclude = PaneBase._wire_exclude | {"object", "theme"}
    _panel_defaults = {"autodispatch": True}
    _unsupported = {
        **PaneBase._unsupported,
        "autodispatch": "docsync runs no Bokeh Python callbacks (on_change, on_event): use "
                        "docsync widgets and replace the figure instead",
    }

    object = param.Parameter(default=None, doc="A Bokeh figure, layout or widget box.")
    theme = param.Parameter(default=None, doc=(
        "A bokeh.themes.Theme or the name of one of Bokeh's built-in themes, used in both "
        "page themes; None: Bokeh's default in light pages, dark_minimal in dark ones."))
    alt_text = param.String(default="", doc=(
        "Accessible name of the plot (default: the figure's title, else \"Plot\")."))
    item = param.Dict(default=None, allow_None=True, constant=True,
                      doc="Computed: bokeh.embed.json_item of the object.")
    dark = param.Dict(default=None, allow_None=True, constant=True,
                      doc="Computed: the item's attributes in the dark theme (see "
                          ":func:`dark_overrides`).")
    files = param.List(default=[], item_type=str, constant=True,
                       doc="Computed: the BokehJS files the item needs.")
    title = param.String(default="", constant=True, doc="Computed: the figure's title.")
    error = param.String(default=None, allow_None=True, constant=True,
                         doc="Computed: why the object could not be serialized.")

    @param.depends("object", "theme", watch=True, on_init=True)
    def _render(self) -> None:
        model = self._bokeh_model()
        if model is None:
            set_computed(self, item=None, dark=None, files=[], title="", error=None)
            return
        from bokeh.core.serialization import SerializationError
        from bokeh.embed import json_item

        title = _title_of(model)
        theme = self._theme()
        try:
            item = _plain(json_item(model, theme=theme))
            dark = None
            if theme is None:
                from bokeh.themes import built_in_themes

                themed = _plain(json_item(model, theme=built_in_themes[DARK_THEME]))
                dark = dark_overrides(item, themed)
        except (SerializationError, ValueError, TypeError) as exc:
            what = f"Bokeh pane ({type(model).__name__}{f' {title!r}' if title else ''})"
            message = f"{what}: cannot serialize the figure for BokehJS: {exc}"
            log.error("%s", message)
            set_computed(self, item=None, dark=None, files=[], title=title, error=message)
            return
        set_computed(self, item=item, dark=dark, files=bokehjs_files(model), title=title,
                     error=None)

    def _bokeh_model(self) -> Any:
        """The Bokeh model to show for ``object`` (None for none); raises ``ValueError``
        for an object of another kind."""
        obj = self.object
        if obj is None or is_bokeh_model(obj):
            return obj
        raise ValueError(f"{type(self).__name__} shows a Bokeh figure or layout (a "
                         f"bokeh.models.LayoutDOM), not {type(obj).__name__}")

    def _theme(self) -> Any:
        theme = self.theme
        if theme is None:
            return None
        from bokeh.themes import Theme, built_in_themes

        if isinstance(theme, Theme):
            return theme
        if isinstance(theme, str) and theme in built_in_themes:
            return built_in_themes[theme]
        raise ValueError(f"{type(self).__name__}: theme must be a bokeh.themes.Theme or one "
                         f"of {sorted(built_in_themes)}, not {theme!r}")


def _plain(item: Any) -> dict[str, Any]:
    # Bokeh's item holds tuples; as plain JSON it reads as the page will see it, and two
    # items compare value by value (dark_overrides). NaN is refused: JSON has none.
    plain: dict[str, Any] = json.loads(json.dumps(item, allow_nan=False))
    return plain


def _title_of(model: Any) -> str:
    title = getattr(model, "title", None)
    text = getattr(title, "text", title)
    return text if isinstance(text, str) else ""


class HoloViews(Bokeh):
    """A HoloViews object (an element, overlay or layout, such as hvPlot returns), rendered
    to a Bokeh figure with ``holoviews.render(obj, backend="bokeh")`` and shown as
    :class:`Bokeh` does (Panel's ``pn.pane.HoloViews``).

    Only the Bokeh backend is supported. A ``HoloMap`` or ``DynamicMap`` (hvPlot's
    ``groupby``, ``widgets``) raises: Panel draws its widgets and reruns it on the server,
    which docsync does not; build the widgets with docsync and ``pn.bind`` a function that
    returns one element instead.
    """

    _wire_exclude = Bokeh._wire_exclude | {"backend"}
    _unsupported = {
        **Bokeh._unsupported,
        **dict.fromkeys(
            ("widgets", "widget_type", "widget_location", "widget_layout", "default_widgets"),
            "docsync draws no HoloMap widgets: bind docsync widgets to a function that "
            "returns one element (pn.bind)"),
        "linked_axes": "each element is its own Bokeh figure; link ranges in the HoloViews "
                       "layout instead",
        "center": "set styles={'margin': '0 auto'}",
        "renderer": "docsync renders with holoviews.render(obj, backend='bokeh')",
        "format": "only the Bokeh backend is supported",
    }

    object = param.Parameter(default=None, doc="A HoloViews object.")
    backend: param.Selector[Any] = param.Selector(
        default=None, objects=[None, "bokeh", "matplotlib", "plotly"],
        doc="The HoloViews backend: only None or \"bokeh\" are supported.")

    def _bokeh_model(self) -> Any:
        obj = self.object
        if obj is None:
            return None
        if not is_holoviews(obj):
            raise ValueError(f"HoloViews shows a HoloViews object (hvPlot's result), not "
                             f"{type(obj).__name__}")
        if self.backend not in (None, "bokeh"):
            raise ValueError(f"HoloViews: backend {self.backend!r} is not supported by "
                             f"docsync; use \"bokeh\" (or pn.pane.Matplotlib for a figure)")
        from holoviews.core.spaces import HoloMap

        if isinstance(obj, HoloMap):
            raise ValueError(f"HoloViews: a {type(obj).__name__} needs Panel's widgets, "
                             f"which docsync does not draw; pick one frame (.last, .select) "
                             f"or bind docsync widgets to a function returning one element")
        import holoviews

        return holoviews.render(obj, backend="bokeh")
