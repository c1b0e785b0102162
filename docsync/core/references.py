"""Which parameters of a model take references, as every parameter of a Panel component
does: given a widget, ``obj.param.x``, a bound function or an ``rx`` expression, such a
parameter takes the reference's current value and follows it
(``Tabulator(df, page_size=slider)``) until it is set to a plain value. ``param`` does the
following (``allow_refs``); this module says which parameters allow it, and lets a model's
constructor see the current values of the references it is given.
"""

from __future__ import annotations

import inspect
from typing import Any

import param
from param.parameterized import resolve_value, transform_reference

from docsync.core.params import Align, AspectRatio

__all__ = ["is_reference", "link_references", "split_references", "take_references"]

#: Values that are never references: skipped without asking param.
_PLAIN = (str, int, float, bool, type(None), bytes, list, dict, tuple)
#: Types whose values never hold models: a parameter of one of these takes references.
_REFERENCE_TYPES = (param.String, param.Number, param.Boolean, param.Selector, param.Color,
                    param.Tuple, Align, AspectRatio)


def is_reference(value: Any) -> bool:
    """Whether ``value`` is what ``param`` resolves as a reference: a parameter
    (``obj.param.x``), a bound or ``depends`` function, an ``rx`` expression, or a widget
    (which stands for its value once ``docsync.bind.use_widget_references`` ran)."""
    ref = transform_reference(value)  # type: ignore[no-untyped-call]
    return isinstance(ref, param.Parameter) or hasattr(ref, "_dinfo")


def take_references(cls: type[param.Parameterized]) -> None:
    """Let the parameters ``cls`` declares itself take references: those of scalar types
    (text, numbers, booleans, selections, dates, colours, tuples and ranges) except
    callables (a callback is kept, not called), and those named in the class's
    ``_reference_params`` (a widget's ``value``, whatever its type). Parameters that may
    hold models (a layout's ``objects``, a card's ``header``), lists and dicts do not: a
    model given to one is shown, not read. Call it before ``param`` reads the class's
    parameters (``__init_subclass__``), or on a class already made."""
    named: frozenset[str] = getattr(cls, "_reference_params", frozenset())
    for name, parameter in vars(cls).items():
        if isinstance(parameter, param.Parameter) and not isinstance(
                parameter, param.Callable) and (isinstance(parameter, _REFERENCE_TYPES)
                                                or name in named):
            parameter.allow_refs = True


def split_references(cls: type[param.Parameterized], params: dict[str, Any]
                     ) -> tuple[dict[str, Any], dict[str, Any]]:
    """``params`` with each reference that a parameter of ``cls`` takes replaced by its
    current value, and those references by name. A constructor's own rules (a choice's
    fallback, a caption's twin) then see values; :func:`link_references` gives the model
    the references once it is built. An async or generator reference, which has no current
    value yet, is left for ``param`` to resolve."""
    refs = {}
    for name, value in params.items():
        if isinstance(value, _PLAIN) or _is_async(value):
            continue
        if name in cls.param and cls.param[name].allow_refs and is_reference(value):
            refs[name] = value
    if not refs:
        return params, refs
    return {**params, **{name: resolve_value(ref) for name, ref in refs.items()}}, refs


def link_references(model: param.Parameterized, refs: dict[str, Any]) -> None:
    """Give ``model`` the references :func:`split_references` took out: each parameter
    follows its reference from now on (it already holds its current value)."""
    for name, ref in refs.items():
        setattr(model, name, ref)


def _is_async(value: Any) -> bool:
    return (inspect.iscoroutinefunction(value) or inspect.isasyncgenfunction(value)
            or inspect.isgeneratorfunction(value))
