"""``bind``, ``depends`` and ``rx`` as in Panel, with docsync widgets as references.

They are ``param``'s own ``bind``, ``depends`` and ``rx``: a widget given as an argument
stands for its ``value`` parameter (Panel's rule), a bound function or a reactive
expression given as an argument is resolved to its current value, and arguments left
unbound are supplied at call time. What shows their results in a page is
``docsync.pane.ParamFunction``; this module imports nothing of ``docsync.pane``.

``param.bind``, ``param.depends``, ``param.rx``, the operations of an ``rx`` expression and
parameters with ``allow_refs`` see a widget as a reference only once
:func:`use_widget_references` has run: it adds a reference transform to ``param``, which
is process-wide, so docsync adds it explicitly when a runtime starts (a served app, a
notebook's ``ds.extension()``) or an ``rx`` expression is made, rather than when it is
imported. That rule (:func:`as_reference`, :func:`use_widget_references`) is defined with
the widget base, ``docsync.widgets.base``, whose ``Widget.rx`` needs it; it is re-exported
here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import param
from param.parameterized import eval_function_with_deps, resolve_ref, transform_reference

from docsync.widgets.base import Widget, as_reference, reference_name, use_widget_references

__all__ = ["BoundFunction", "as_reference", "bind", "depends", "instance_parameters", "rx",
           "use_widget_references"]


class BoundFunction:
    """A function with some of its arguments bound (the result of :func:`bind`).

    Calling it reads the current value of every reference among the bound arguments and
    passes the call's own arguments after them (``functools.partial``'s rule). It carries
    ``param``'s dependency declaration (``_dinfo``), so ``param.bind``, ``depends``, ``rx``
    and parameters with ``allow_refs`` accept it as a reference, and ``ds.panel`` shows it
    as a ``ParamFunction`` that re-renders when one of its references changes.

    ``param``'s own bound function is made the first time something needs it (its
    dependency declaration, a call, or at once for ``watch=True``): what a page does with
    a bind (:meth:`current`, :meth:`dependencies`) needs neither it nor the widgets'
    instance parameters (about 2.5 KiB per bind, and most of the time making it took).
    """

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...] = (),
                 kwargs: dict[str, Any] | None = None, *, watch: bool = False) -> None:
        self.__wrapped__ = fn
        # The bound arguments as references: a widget kept as itself (see _current), any
        # other argument as param's reference transforms make it (an rx expression becomes
        # its evaluation function).
        self._args = tuple(_reference(a) for a in args)
        self._kwargs = {k: _reference(v) for k, v in (kwargs or {}).items()}
        self._watch = watch
        self._bound: Callable[..., Any] | None = None
        self.__name__ = getattr(fn, "__name__", type(fn).__name__)
        self.__doc__ = getattr(fn, "__doc__", None)
        if watch:
            self._param_bound()  # param's watchers call the function from now on

    def _param_bound(self) -> Callable[..., Any]:
        """``param.bind`` of the same function and arguments. Two threads asking at once
        may each make one; only ``watch=True`` has effects, and it is made in __init__."""
        bound = self._bound
        if bound is None:
            refs = tuple(as_reference(a) for a in self._args)
            kw_refs = {k: as_reference(v) for k, v in self._kwargs.items()}
            bound = self._bound = param.bind(self.__wrapped__, *refs, watch=self._watch,
                                             **kw_refs)
        return bound

    @property
    def _dinfo(self) -> dict[str, Any]:
        """param's dependency declaration: how param.bind, depends and rx find the
        references of a function."""
        return self._param_bound()._dinfo  # type: ignore[attr-defined, no-any-return]

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._param_bound()(*args, **kwargs)

    def current(self) -> Any:
        """The function called with the current values of its bound arguments: what
        ``param.resolve_value`` gives for this object (a coroutine, generator or async
        generator for such functions), reading each reference once rather than twice.
        A re-render calls this on every change of a reference."""
        args = [_current(a) for a in self._args]
        kwargs = {k: _current(v) for k, v in self._kwargs.items()}
        return self.__wrapped__(*args, **kwargs)

    def dependencies(self) -> list[tuple[param.Parameterized, str]]:
        """``(object, parameter name)`` for every parameter this bind depends on, without
        duplicates: what ``param.parameterized.resolve_ref`` finds for it, restricted (as
        ``ParamFunction`` watches them) to parameters of instances."""
        found: dict[tuple[int, str], tuple[param.Parameterized, str]] = {}
        for ref in (*self._args, *self._kwargs.values()):
            if isinstance(ref, BoundFunction):
                pairs = ref.dependencies()
            elif isinstance(ref, Widget):
                name = reference_name(ref)
                pairs = [] if name is None else [(ref, name)]
            else:
                pairs = instance_parameters(ref)
            for owner, name in pairs:
                found.setdefault((id(owner), name), (owner, name))
        return list(found.values())

    def __repr__(self) -> str:
        return f"bind({self.__name__})"


def instance_parameters(ref: Any) -> list[tuple[param.Parameterized, str]]:
    """``(object, parameter name)`` for each parameter of an instance that ``param``'s
    ``resolve_ref`` finds in ``ref`` (a parameter, a depends function, an ``rx``...; none
    for a plain value). Parameters of classes are left out: nothing watches them."""
    return [(p.owner, p.name) for p in resolve_ref(ref)
            if isinstance(p.owner, param.Parameterized) and p.name is not None]


def _reference(arg: Any) -> Any:
    if isinstance(arg, (Widget, BoundFunction)):
        return arg
    return transform_reference(arg)


def _current(arg: Any) -> Any:
    """The value a bound argument stands for now, by ``param.bind``'s rules: a reference
    with a dependency declaration (a bound function, a depends function, an ``rx``) is
    evaluated, a parameter of an object is read, a widget's :func:`reference_name`
    parameter is read, anything else is itself."""
    if isinstance(arg, BoundFunction):
        return arg.current()
    if isinstance(arg, Widget):
        name = reference_name(arg)
        return arg if name is None else getattr(arg, name)
    if hasattr(arg, "_dinfo"):
        return eval_function_with_deps(arg)
    if isinstance(arg, param.Parameter) and arg.owner is not None and arg.name is not None:
        return getattr(arg.owner, arg.name)
    return arg


def bind(function: Callable[..., Any], *args: Any, watch: bool = False,
         **kwargs: Any) -> BoundFunction:
    """Bind ``function``'s leading positional arguments and any keyword arguments to
    widgets, parameters, bound functions, reactive expressions or plain values (Panel's
    ``pn.bind``).

    Arguments not bound here are supplied when the result is called. With ``watch=True``
    the function is called again whenever one of the references changes (for its side
    effects). Shown in a layout, the result re-renders only its own part of the page
    whenever one of the references changes (Streamlit calls this a fragment).
    """
    if not callable(function):
        raise TypeError(f"bind() needs a function first, not {type(function).__name__}")
    return BoundFunction(function, args, kwargs, watch=watch)


def depends(*dependencies: Any, watch: bool = False, on_init: bool = False,
            **kw: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare what a function or a method of a ``param.Parameterized`` depends on
    (Panel's ``pn.depends``, which is ``param.depends``).

    Dependencies are widgets, parameters (``obj.param.x``) or, for methods, parameter
    names. ``ds.panel`` shows a decorated function or method as a ``ParamFunction`` that
    re-renders when one of them changes; ``watch=True`` also calls it on each change, and
    ``on_init=True`` once when its object is created.
    """
    return param.depends(*(as_reference(d) for d in dependencies), watch=watch,
                         on_init=on_init, **{k: as_reference(v) for k, v in kw.items()})


def rx(obj: Any = None, **kwargs: Any) -> param.rx:
    """A reactive expression over ``obj`` (Panel's ``pn.rx``, which is ``param.rx``): a
    widget stands for its value, here and in the expression's operations
    (``pn.rx("{}").format(widget)``), which is why this calls
    :func:`use_widget_references`. Shown with ``ds.panel`` (or in a layout), the
    expression's widgets and current value are shown (``ReactiveExpr``), and the value is
    re-rendered whenever one of its references changes."""
    use_widget_references()
    return param.rx(as_reference(obj), **kwargs)
