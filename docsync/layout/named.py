"""Layouts whose children have titles (``Tabs``, ``Accordion``): Panel's ``NamedListLike``."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

from docsync.core.model import JSON, Model
from docsync.layout.base import ListLike, panel_of

__all__ = ["NamedList", "title_of"]


def title_of(model: Model) -> str:
    """``model``'s ``name``, or its class name when param named it ("Str00012")."""
    name = model.name or ""
    return type(model).__name__ if re.fullmatch(rf"{type(model).__name__}\d{{5,}}", name) \
        else name


class NamedList(ListLike):
    """A layout whose children have titles, sent as ``titles``.

    A child is given as an object, titled by its ``name``, or as a ``(title, object)``
    tuple, to the constructor, a list method, ``[i] =`` or ``objects =``. ``+`` and
    :meth:`clone` keep the titles.
    """

    _derived_props: ClassVar[dict[str, tuple[str, ...]]] = {
        **ListLike._derived_props, "titles": ("objects",)}
    _named = True

    def __init__(self, *objects: Any, **params: Any) -> None:
        self._titles: dict[Model, str] = {}
        super().__init__(*objects, **params)
        self.param.watch(self._forget_titles, "objects")

    def _item(self, obj: Any) -> Model:
        if isinstance(obj, tuple) and len(obj) == 2 and isinstance(obj[0], str):
            model = panel_of(obj[1])
            self._titles[model] = obj[0]
            return model
        return panel_of(obj)

    def _entries(self, *, named: bool) -> list[Any]:
        if not named:
            return list(self.objects)
        return list(zip(self.titles, self.objects, strict=True))

    @property
    def titles(self) -> list[str]:
        """Each child's title, in order."""
        return [self._titles.get(o) or title_of(o) for o in self.objects]

    def _forget_titles(self, *_: Any) -> None:
        live = set(self.objects)
        self._titles = {m: t for m, t in self._titles.items() if m in live}

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        if prop == "titles":
            return self.titles
        return super()._derived(prop, ref)
