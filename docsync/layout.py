"""Layouts: models that arrange other models (``Column``, ``Row``, ``Tabs``, ``Card``,
``GridBox``) and the ones that only take room (``Spacer``, ``Divider``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import param

from docsync.core.model import JSON, Model, to_json
from docsync.exceptions import Invalid
from docsync.settings import sizing_default

__all__ = ["Card", "Column", "Divider", "GridBox", "HSpacer", "ListLike", "Row", "Spacer",
           "Tabs", "VSpacer"]


class ListLike(Model):
    """A model holding an ordered list of child models in ``objects`` (Panel's name).

    Anything that is not a model is wrapped with :func:`docsync.pane.panel`. The list is
    sent as the derived prop ``children`` (refs). Mutating methods assign a new list, so
    every change is seen and sent.
    """

    _wire_exclude = Model._wire_exclude | {"objects"}
    _derived_props = {"children": ("objects",)}

    objects = param.List(default=[], item_type=Model, doc="The child components.")
    scroll = param.Boolean(default=False, doc="Scroll the contents that do not fit.")

    def __init__(self, *objects: Any, **params: Any) -> None:
        if objects:
            params["objects"] = [self._item(o) for o in objects]
        elif "objects" in params:
            params["objects"] = [self._item(o) for o in params["objects"]]
        sizing_default(type(self), params)
        super().__init__(**params)

    def _item(self, obj: Any) -> Model:
        """The child model for ``obj`` as given to the constructor or a list method."""
        return _panel(obj)

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        if prop == "children":
            return to_json(self.objects, ref)
        return super()._derived(prop, ref)

    def __len__(self) -> int:
        return len(self.objects)

    def __iter__(self) -> Iterator[Model]:
        return iter(self.objects)

    def __getitem__(self, index: int) -> Model:
        return self.objects[index]

    def __setitem__(self, index: int, obj: Any) -> None:
        objects = list(self.objects)
        objects[index] = self._item(obj)
        self.objects = objects

    def append(self, obj: Any) -> None:
        self.objects = [*self.objects, self._item(obj)]

    def extend(self, objs: Any) -> None:
        self.objects = [*self.objects, *(self._item(o) for o in objs)]

    def insert(self, index: int, obj: Any) -> None:
        objects = list(self.objects)
        objects.insert(index, self._item(obj))
        self.objects = objects

    def pop(self, index: int = -1) -> Model:
        objects = list(self.objects)
        obj = objects.pop(index)
        self.objects = objects
        return obj

    def remove(self, obj: Model) -> None:
        self.objects = [o for o in self.objects if o is not obj]

    def clear(self) -> None:
        self.objects = []


def _panel(obj: Any) -> Model:
    from docsync.pane import panel

    return panel(obj)


class Column(ListLike):
    """Children stacked vertically."""


class Row(ListLike):
    """Children side by side (wrapping onto a new line when they do not fit)."""


def _title_of(model: Model) -> str:
    # param names unnamed objects "<Class>00012": show the class name instead.
    name = model.name or ""
    return type(model).__name__ if re.fullmatch(rf"{type(model).__name__}\d{{5,}}", name) \
        else name


class Tabs(ListLike):
    """Children as tabs, one shown at a time (Panel's ``Tabs``).

    A child is given as an object, titled by its ``name``, or as a ``(title, object)``
    tuple. ``active`` (the shown tab's index) is written by the browser when the reader
    picks a tab (by click, or the arrow keys, Home and End) and may be set by the app; it
    always names an existing tab, or 0 when there is none. The titles are sent as
    ``titles``.
    """

    _client_writable = frozenset({"active"})
    _derived_props = {**ListLike._derived_props, "titles": ("objects",)}

    active = param.Integer(default=0, bounds=(0, None), doc="Index of the shown tab.")
    tabs_location: param.Selector[str] = param.Selector(
        default="above", objects=["above", "below", "left", "right"])

    def __init__(self, *objects: Any, **params: Any) -> None:
        self._titles: dict[Model, str] = {}
        super().__init__(*objects, **params)
        self.param.watch(self._keep_active, ["objects", "active"])
        self._keep_active()

    def _item(self, obj: Any) -> Model:
        if isinstance(obj, tuple) and len(obj) == 2 and isinstance(obj[0], str):
            model = _panel(obj[1])
            self._titles[model] = obj[0]
            return model
        return _panel(obj)

    @property
    def titles(self) -> list[str]:
        """Each tab's title, in order."""
        return [self._titles.get(o) or _title_of(o) for o in self.objects]

    def _keep_active(self, *_: Any) -> None:
        live = set(self.objects)
        self._titles = {m: t for m, t in self._titles.items() if m in live}
        if self.active >= len(self.objects):
            self.active = max(0, len(self.objects) - 1)

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        if prop == "titles":
            return self.titles
        return super()._derived(prop, ref)

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if prop == "active" and (type(value) is not int
                                 or not 0 <= value < max(1, len(self.objects))):
            raise Invalid(f"Tabs active must be a tab index from 0 to "
                          f"{max(0, len(self.objects) - 1)}, not {value!r}")
        return super()._coerce_client_value(prop, value)


class Card(ListLike):
    """Children under a header that can collapse them (Panel's ``Card``).

    The header shows ``header`` (a component) or else ``title``. With ``collapsible``, a
    button in the header (``aria-expanded``) toggles ``collapsed``, which the browser
    writes and the app may set.
    """

    _client_writable = frozenset({"collapsed"})

    title = param.String(default="", doc="The header text, when there is no ``header``.")
    header = param.ClassSelector(class_=Model, default=None, allow_None=True,
                                 doc="A component shown in the header instead of the title.")
    collapsed = param.Boolean(default=False, doc="Whether the contents are hidden.")
    collapsible = param.Boolean(default=True, doc="Whether the reader may collapse it.")
    hide_header = param.Boolean(default=False, doc="Show no header at all.")
    header_background = param.String(default=None, allow_None=True, doc="A CSS color.")
    header_color = param.String(default=None, allow_None=True, doc="A CSS color.")

    def __init__(self, *objects: Any, header: Any = None, **params: Any) -> None:
        super().__init__(*objects, header=None if header is None else _panel(header), **params)


class GridBox(ListLike):
    """Children in a grid, filled row by row: ``ncols`` columns, or ``nrows`` rows filled
    column by column when only ``nrows`` is given (Panel's ``GridBox``)."""

    ncols = param.Integer(default=None, allow_None=True, bounds=(1, None))
    nrows = param.Integer(default=None, allow_None=True, bounds=(1, None))


class Spacer(Model):
    """Empty room: ``width`` and ``height``, or a stretching ``sizing_mode``."""


class HSpacer(Spacer):
    """Empty room that takes up the free width of a ``Row``."""

    sizing_mode: param.Selector[Any] = param.Selector(
        default="stretch_width", objects=Spacer.param.sizing_mode.objects)


class VSpacer(Spacer):
    """Empty room that takes up the free height of a ``Column`` of fixed height."""

    sizing_mode: param.Selector[Any] = param.Selector(
        default="stretch_height", objects=Spacer.param.sizing_mode.objects)


class Divider(Model):
    """A horizontal rule (``<hr>``) across the full width."""

    sizing_mode: param.Selector[Any] = param.Selector(
        default="stretch_width", objects=Model.param.sizing_mode.objects)


def __getattr__(name: str) -> Any:
    # Only for names not found otherwise: says whether the name is Panel's (docsync.compat).
    from docsync.compat import missing

    raise missing(__name__, name)
