"""Layouts: models that hold other models (``Column``, ``Row``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import param

from docsync.core.model import JSON, Model, to_json

__all__ = ["Column", "ListLike", "Row"]


class ListLike(Model):
    """A model holding an ordered list of child models in ``objects`` (Panel's name).

    Anything that is not a model is wrapped with :func:`docsync.pane.panel`. The list is
    sent as the derived prop ``children`` (refs). Mutating methods assign a new list, so
    every change is seen and sent.
    """

    _wire_exclude = Model._wire_exclude | {"objects"}
    _derived_props = {"children": ("objects",)}

    objects = param.List(default=[], item_type=Model, doc="The child components.")

    def __init__(self, *objects: Any, **params: Any) -> None:
        if objects:
            params["objects"] = [_panel(o) for o in objects]
        elif "objects" in params:
            params["objects"] = [_panel(o) for o in params["objects"]]
        super().__init__(**params)

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
        objects[index] = _panel(obj)
        self.objects = objects

    def append(self, obj: Any) -> None:
        self.objects = [*self.objects, _panel(obj)]

    def extend(self, objs: Any) -> None:
        self.objects = [*self.objects, *(_panel(o) for o in objs)]

    def insert(self, index: int, obj: Any) -> None:
        objects = list(self.objects)
        objects.insert(index, _panel(obj))
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
    """Children side by side."""
