"""``bind``: a function of widget values, re-rendered in its own part of the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import param

from docsync.core.model import Model
from docsync.settings import sizing_default

__all__ = ["BoundFunction", "ParamFunction", "bind"]


def _reference(arg: Any) -> tuple[param.Parameterized, str] | None:
    """The (owner, parameter name) an argument stands for, if it is reactive."""
    from docsync.widgets import Widget

    if isinstance(arg, Widget):
        return arg, "value"
    if isinstance(arg, param.Parameter) and isinstance(arg.owner, param.Parameterized):
        return arg.owner, arg.name
    return None


class BoundFunction:
    """``fn`` with some arguments bound to widgets: calling it reads their current values."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...],
                 kwargs: dict[str, Any]) -> None:
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.__name__ = getattr(fn, "__name__", "bound")
        self.__doc__ = getattr(fn, "__doc__", None)

    @property
    def dependencies(self) -> list[tuple[param.Parameterized, str]]:
        """Every (owner, parameter) the result depends on."""
        refs = (_reference(a) for a in (*self.args, *self.kwargs.values()))
        return [r for r in refs if r is not None]

    def __call__(self) -> Any:
        def value(arg: Any) -> Any:
            ref = _reference(arg)
            return arg if ref is None else getattr(*ref)

        return self.fn(*(value(a) for a in self.args),
                       **{k: value(v) for k, v in self.kwargs.items()})


def bind(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> BoundFunction:
    """Bind ``fn``'s arguments to widgets (or their parameters) and plain values.

    Shown in a layout, the result re-renders only its own part of the page whenever one of
    the widgets changes (Streamlit calls this a fragment).
    """
    return BoundFunction(fn, args, kwargs)


class ParamFunction(Model):
    """Shows the result of a function, re-evaluated when its dependencies change.

    When the new result is shown by a pane of the same type as the current one, that pane's
    ``object`` is updated in place, so the browser receives one property change rather than a
    new model.
    """

    _wire_exclude = Model._wire_exclude | {"object"}

    object = param.Callable(allow_refs=False,
                            doc="A function of no arguments, usually from ``bind``.")
    child = param.ClassSelector(class_=Model, default=None, allow_None=True)

    def __init__(self, object: Callable[..., Any], **params: Any) -> None:
        from docsync.pane import panel

        # The first child is given to the constructor: a parameter set after it would make
        # param copy the parameter object for this instance.
        sizing_default(type(self), params)
        rendered = callable(object) and "child" not in params
        if rendered:
            params["child"] = panel(object())
        super().__init__(object=object, **params)
        deps = object.dependencies if isinstance(object, BoundFunction) else []
        for owner, name in deps:
            owner.param.watch(self._rerender, name)
        if not rendered:
            self._rerender()

    def _rerender(self, *_: Any) -> None:
        from docsync.pane import PaneBase, pane_type, panel

        result = self.object()
        current = self.child
        if (not isinstance(result, Model) and not callable(result)
                and isinstance(current, PaneBase) and pane_type(result) is type(current)):
            current.object = result
            return
        self.child = panel(result)
