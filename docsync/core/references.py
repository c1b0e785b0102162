"""Which parameters of a model take references, as every parameter of a Panel component
does: given a widget, ``obj.param.x``, a bound function or an ``rx`` expression, such a
parameter takes the reference's current value and follows it
(``Tabulator(df, page_size=slider)``) until it is set to a plain value. ``param`` itself
follows the references (a parameter's ``allow_refs``); this module says which parameters
take them, and lets a widget's constructor see the current values of those it is given.
"""

from __future__ import annotations

import inspect
from typing import Any, cast

import param
from param.parameterized import ParameterizedMetaclass, resolve_value, transform_reference

from docsync.core.params import Align, AspectRatio

__all__ = ["FollowsReferences", "is_reference", "split_references", "take_references"]

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
    (text, numbers, booleans, selections, dates, colours, tuples and ranges), class
    selectors of plain classes (a choice's ``options``, a date slider's ``start``), lists of
    plain items (``css_classes``), and those named in the class's ``_reference_params``
    (a widget's ``value``, ``styles``). Not callables (a callback is kept, not called), nor
    parameters that may hold components (a layout's ``objects``, a card's ``header``): a
    component given to one is shown, not read. Call it before ``param`` reads the class's
    parameters (``__init_subclass__``), or on a class already made."""
    named: frozenset[str] = getattr(cls, "_reference_params", frozenset())
    for name, parameter in vars(cls).items():
        if isinstance(parameter, param.Parameter) and (name in named
                                                       or _plain_values(parameter)):
            parameter.allow_refs = True


def _plain_values(parameter: param.Parameter[Any]) -> bool:
    """Whether ``parameter``'s values are plain data, never components or callbacks."""
    if isinstance(parameter, param.Callable):
        return False
    if isinstance(parameter, _REFERENCE_TYPES):
        return True
    if isinstance(parameter, param.ClassSelector):
        classes = parameter.class_ if isinstance(parameter.class_, tuple) \
            else (parameter.class_,)
        return not any(isinstance(c, type) and issubclass(c, param.Parameterized)
                       for c in classes)
    if isinstance(parameter, param.List):
        item = parameter.item_type
        return isinstance(item, type) and not issubclass(item, param.Parameterized)
    return False


def split_references(cls: type[param.Parameterized], params: dict[str, Any]
                     ) -> tuple[dict[str, Any], dict[str, Any]]:
    """``params`` with each reference that a parameter of ``cls`` takes replaced by its
    current value, and those references by name. An async or generator reference, which
    has no current value yet, is left for ``param`` to resolve."""
    refs = {}
    for name, value in params.items():
        if isinstance(value, _PLAIN) or _is_async(value):
            continue
        if name in cls.param and cls.param[name].allow_refs and is_reference(value):
            refs[name] = value
    if not refs:
        return params, refs
    return {**params, **{name: resolve_value(ref) for name, ref in refs.items()}}, refs


class FollowsReferences(ParameterizedMetaclass):
    """The metaclass of models whose constructors have rules of their own (widgets: a
    choice's fallback, a slider's bounds): every ``__init__`` of the class sees the current
    value of each reference it is given (:func:`split_references`), and the model built
    follows those references, except one whose value a rule replaced (a choice that fell
    back to its first option, a value restored from the session's store)."""

    def __call__(cls, *args: Any, **params: Any) -> Any:
        params, refs = split_references(cast("type[param.Parameterized]", cls), params)
        model = super().__call__(*args, **params)
        for name, ref in refs.items():
            if getattr(model, name) is params[name]:
                setattr(model, name, ref)  # already its value: param now follows it
        return model


def _is_async(value: Any) -> bool:
    return (inspect.iscoroutinefunction(value) or inspect.isasyncgenfunction(value)
            or inspect.isgeneratorfunction(value))
