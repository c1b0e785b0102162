"""A client's values for a model's properties: checked by the parameters' own rules, then
set in one batch (PROTOCOL.md §5). A refused value raises :class:`Invalid` naming the widget
and the rule, for the document to answer with an ``error`` and restore the widget."""

from __future__ import annotations

from typing import Any

import param

from docsync.core.model import JSON, Model, notify_set
from docsync.exceptions import Invalid

__all__ = ["check_client_value", "set_client_values"]


def _refusal(model: Model, exc: Exception) -> Invalid:
    return Invalid(f"{type(model).__name__} {model.name!r}: {exc}")


def set_client_values(model: Model, values: dict[str, Any]) -> None:
    """Set a client's values (from ``_coerce_client_value``) on ``model``, in one batch.

    param validates each value before storing it: a refused one raises :class:`Invalid`
    naming the widget and the rule, and neither it nor the values after it are set (check
    several values with :func:`check_client_value` first; one value needs no check). Then
    param's watchers run, seeing one batch of events (an exception of theirs propagates
    unchanged), and then the change hooks hear of each stored value, as they hear of any
    set after its watchers.
    """
    if len(values) == 1:  # one event: param's batch would only wrap a plain set
        [(name, value)] = values.items()
        _set_client_value(model, name, value)
        return
    stored: list[tuple[str, Any]] = []
    try:
        with param.parameterized.batch_call_watchers(model):  # watchers run on leaving it
            for name, value in values.items():
                old = getattr(model, name)
                try:
                    super(Model, model).__setattr__(name, value)
                except (ValueError, TypeError) as exc:
                    raise _refusal(model, exc) from None
                stored.append((name, old))
    finally:
        for name, old in stored:
            notify_set(model, name, old)


def _set_client_value(model: Model, name: str, value: Any) -> None:
    """:func:`set_client_values` of one value: the set validates, then runs the watchers;
    the change hooks hear of it even when a watcher raised."""
    old = getattr(model, name)
    try:
        super(Model, model).__setattr__(name, value)
    except (ValueError, TypeError) as exc:
        if getattr(model, name) is old and value is not old:  # validation refused it
            raise _refusal(model, exc) from None
        notify_set(model, name, old)
        raise
    except BaseException:
        notify_set(model, name, old)
        raise
    notify_set(model, name, old)


def check_client_value(model: Model, prop: str, value: JSON) -> Any:
    """Validate a client's value for ``prop`` with the parameter's own rules.

    Returns the Python value; raises :class:`Invalid` naming the widget and the rule.
    Nothing is changed on ``model`` (events are discarded and change hooks not called
    while trying the value).
    """
    py = model._coerce_client_value(prop, value)
    old = getattr(model, prop)
    trial = super(Model, model).__setattr__  # a trial set: no change hooks either
    try:
        with param.parameterized.discard_events(model):
            trial(prop, py)
            trial(prop, old)
    except (ValueError, TypeError) as exc:
        raise _refusal(model, exc) from None
    return py
