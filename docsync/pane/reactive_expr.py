"""``ReactiveExpr``: a reactive expression (``rx``) shown as Panel shows one, the widgets
it uses beside its current value."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import param
from param.parameterized import resolve_ref

from docsync.core.model import JSON, Model, to_json
from docsync.layout import Column, Row
from docsync.pane.function import ParamFunction
from docsync.widgets import Widget

__all__ = ["ReactiveExpr", "widgets_of"]

#: widget_location → (the layout: "row" or "column", widgets first, the widget box's
#: alignment across the layout), as Panel places them.
_LOCATIONS: dict[str, tuple[str, bool, str]] = {
    "left": ("row", True, "center"), "left_top": ("row", True, "flex-start"),
    "left_bottom": ("row", True, "flex-end"), "right": ("row", False, "center"),
    "right_top": ("row", False, "flex-start"), "right_bottom": ("row", False, "flex-end"),
    "top": ("column", True, "center"), "top_left": ("column", True, "flex-start"),
    "top_right": ("column", True, "flex-end"), "bottom": ("column", False, "center"),
    "bottom_left": ("column", False, "flex-start"),
    "bottom_right": ("column", False, "flex-end"),
}


def widgets_of(expr: Any) -> list[Model]:
    """The docsync widgets an expression reads, in the order it reads them, each once."""
    found: list[Model] = []
    for p in resolve_ref(expr):
        if isinstance(p.owner, Widget) and p.owner not in found:
            found.append(p.owner)
    return found


class ReactiveExpr(Model):
    """Shows ``object`` (a ``param.rx`` expression): a box of the widgets it reads, placed
    at ``widget_location`` around a ``ParamFunction`` showing its value (Panel's pane of
    the same name). ``show_widgets=False`` shows the value alone.

    A widget is a model, so it is shown in one place of a page: leave the widgets of an
    expression shown this way out of the rest of the layout, or use ``show_widgets=False``
    (or ``pn.pane.Markdown(expr)``) where they are placed elsewhere.
    """

    _wire_exclude = Model._wire_exclude | {"object", "show_widgets", "widget_location",
                                           "layout"}
    _derived_props = {"child": ("layout",)}

    object = param.Parameter(default=None, allow_refs=False, doc="The rx expression shown.")
    show_widgets = param.Boolean(default=True, doc="Show the widgets the expression reads.")
    widget_location = param.Selector(default="left_top", objects=list(_LOCATIONS), doc=(
        "Where the widgets go around the value."))
    layout = param.ClassSelector(class_=Model, default=None, allow_None=True,
                                 allow_refs=False, doc=(
        "The Row or Column holding the widgets and the value."))

    def __init__(self, object: Any = None, **params: Any) -> None:
        if object is not None and not isinstance(object, param.rx):
            raise TypeError(f"ReactiveExpr shows a param.rx / ds.rx expression, not "
                            f"{type(object).__name__}")
        super().__init__(object=object, **params)
        self._output: Any = None
        self._arrange()
        self.param.watch(self._arrange, ["object", "show_widgets", "widget_location"])

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        if prop == "child":
            return to_json(self.layout, ref)
        return super()._derived(prop, ref)

    def _arrange(self, *_: Any) -> None:
        if self._output is not None:
            self._output._unlink()  # the expression's old output stops following it
            self._output = None
        if self.object is None:
            self.layout = None
            return
        output = self._output = ParamFunction(self.object)
        widgets = widgets_of(self.object) if self.show_widgets else []
        if not widgets:
            self.layout = output
            return
        kind, first, align = _LOCATIONS[self.widget_location]
        box = Column(*widgets, styles={"align-self": align})
        items = [box, output] if first else [output, box]
        self.layout = Row(*items) if kind == "row" else Column(*items)
