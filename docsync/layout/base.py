"""The list behaviour every layout shares (Panel's ``ListLike``): ``objects``, the list
methods, ``+``, ``clone`` and ``select``."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator
from typing import Any, ClassVar

import param

from docsync.core.model import JSON, Model, children, to_json
from docsync.settings import sizing_default

__all__ = ["Children", "ListLike", "Selector", "own_copy", "panel_of", "select"]

#: What ``select`` takes: a model type, a predicate, or None for every model.
Selector = type | Callable[[Model], bool] | None

SCROLL_MODES = [False, True, "both-auto", "y-auto", "x-auto", "both", "x", "y"]

_UNSET: Any = object()


def panel_of(obj: Any) -> Model:
    """The model that shows ``obj`` (:func:`docsync.pane.panel`)."""
    from docsync.pane.choose import panel  # known circle: tests/test_import_graph.py

    return panel(obj)


class Children(param.List):
    """A layout's ``objects``: a list of models. An item that is not a model is shown with
    :func:`docsync.pane.panel`, as Panel's ``objects`` does, whenever a list is set."""

    def __set__(self, obj: Any, val: Any) -> None:
        if isinstance(obj, ListLike) and isinstance(val, (list, tuple)):
            val = [obj._item(v) for v in val]
        super().__set__(obj, val)


class ListLike(Model):
    """A model holding an ordered list of child models in ``objects`` (Panel's name).

    It behaves like a Python list of its children: indexes (negative ones too) and slices
    to get, set and delete (``del`` is docsync's: Panel has none), ``in``, ``len``,
    ``append``, ``extend``, ``insert``, ``pop``, ``remove``, ``index``, ``reverse``,
    ``clear``, ``+=`` with any iterable, and ``+`` with a list or another layout, which
    makes a new layout of this one's type (:meth:`clone`). Every change assigns a new list
    to ``objects``, so watchers of ``objects`` and the page see each one. The children are
    sent as the derived prop ``children`` (refs).
    """

    _wire_exclude = Model._wire_exclude | {"objects"}
    _derived_props: ClassVar[dict[str, tuple[str, ...]]] = {"children": ("objects",)}
    #: Whether ``+`` and ``clone`` hand this type ``(title, object)`` pairs (Tabs).
    _named: ClassVar[bool] = False

    objects = Children(default=[], item_type=Model, doc="The child components.")
    scroll = param.Selector(
        default=False, objects=SCROLL_MODES,
        doc="Scrollbars for contents that do not fit: True along the layout's direction, "
            "'x', 'y' or 'both' always, their '-auto' forms when needed.")

    def __init__(self, *objects: Any, **params: Any) -> None:
        if objects:
            if "objects" in params:
                raise ValueError(f"Give a {type(self).__name__} its objects as arguments or "
                                 "as objects=, not both")
            params["objects"] = list(objects)
        sizing_default(type(self), params)
        super().__init__(**params)

    def _item(self, obj: Any) -> Model:
        """The child model for ``obj`` as given to the constructor or a list method."""
        return panel_of(obj)

    def _entries(self, *, named: bool) -> list[Any]:
        """The children as another layout takes them (``named``: as ``(title, obj)``)."""
        return list(self.objects)

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        if prop == "children":
            return to_json(self.objects, ref)
        return super()._derived(prop, ref)

    # -- the list protocol ---------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.objects)

    def __iter__(self) -> Iterator[Model]:
        return iter(self.objects)

    def __contains__(self, obj: object) -> bool:
        return any(o is obj for o in self.objects)

    def __getitem__(self, index: int | slice) -> Any:
        return self.objects[index]

    def __setitem__(self, index: int | slice, obj: Any) -> None:
        objects: list[Any] = list(self.objects)
        if isinstance(index, slice):
            objects[index] = list(obj)
        else:
            objects[index] = obj
        self.objects = objects

    def __delitem__(self, index: int | slice) -> None:
        objects = list(self.objects)
        del objects[index]
        self.objects = objects

    def __iadd__(self, other: Iterable[Any]) -> ListLike:
        self.extend(other)
        return self

    def __add__(self, other: Iterable[Any]) -> ListLike:
        return self.clone(*self._entries(named=self._named), *self._others(other))

    def __radd__(self, other: Iterable[Any]) -> ListLike:
        return self.clone(*self._others(other), *self._entries(named=self._named))

    def _others(self, other: Iterable[Any]) -> list[Any]:
        if isinstance(other, ListLike):
            return other._entries(named=self._named)
        return list(other)

    def append(self, obj: Any) -> None:
        self.objects = [*self.objects, obj]

    def extend(self, objs: Iterable[Any]) -> None:
        self.objects = [*self.objects, *objs]

    def insert(self, index: int, obj: Any) -> None:
        objects: list[Any] = list(self.objects)
        objects.insert(index, obj)
        self.objects = objects

    def pop(self, index: int = -1) -> Model:
        objects = list(self.objects)
        obj = objects.pop(index)
        self.objects = objects
        return obj

    def remove(self, obj: Model) -> None:
        """Remove ``obj`` (the very object, not an equal one); ValueError if absent."""
        self.pop(self.index(obj))

    def index(self, obj: Model) -> int:
        """The position of ``obj`` (the very object); ValueError if absent."""
        for i, o in enumerate(self.objects):
            if o is obj:
                return i
        raise ValueError(f"{obj!r} is not in this {type(self).__name__}")

    def reverse(self) -> None:
        self.objects = self.objects[::-1]

    def clear(self) -> list[Model]:
        """Remove every child; returns them."""
        objects = list(self.objects)
        self.objects = []
        return objects

    # -- copies and queries --------------------------------------------------------------

    def clone(self, *objects: Any, **params: Any) -> ListLike:
        """A new layout of this type with this one's parameter values, overridden by
        ``params``, holding ``objects`` (or ``objects=``; by default this one's children,
        which are then shown by both)."""
        if objects and "objects" in params:
            raise ValueError(f"Give a {type(self).__name__} its objects as arguments or as "
                             "objects=, not both")
        items = list(objects) if objects else params.pop("objects", _UNSET)
        if items is _UNSET:
            items = self._entries(named=self._named)
        values = {n: own_copy(getattr(self, n)) for n in self.param
                  if n == "name" or (n != "objects" and not self.param[n].constant)}
        return type(self)(*items, **{**values, **params})

    def select(self, selector: Selector = None) -> list[Model]:
        """This layout and every model below it that matches ``selector`` (see
        :func:`select`)."""
        return select(self, selector)


def own_copy(value: Any) -> Any:
    """``value`` for a copy of a component: lists and dicts copied (``css_classes``,
    ``styles``), components and everything else shared."""
    return copy.copy(value) if isinstance(value, (list, dict)) else value


def select(root: Model, selector: Selector = None) -> list[Model]:
    """``root`` and every model it references, directly or not (hidden tabs included),
    that ``selector`` matches: an instance of it when it is a type, a model it returns
    true for when it is a function, every model when None. Depth-first, each model once."""
    if selector is None:
        def match(model: Model) -> bool:
            return True
    elif isinstance(selector, type):
        def match(model: Model) -> bool:
            return isinstance(model, selector)
    else:
        match = selector
    seen: dict[Model, None] = {}
    stack = [root]
    while stack:
        model = stack.pop()
        if model not in seen:
            seen[model] = None
            stack.extend(reversed(list(children(model))))
    return [m for m in seen if match(m)]
