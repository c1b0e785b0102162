"""The model base: a ``param.Parameterized`` whose parameters are its wire properties.

A model type declares which properties a client may write (``_client_writable``) and which
events a client may send (``_events``); everything else is read-only to the browser
(PROTOCOL.md §5). It knows nothing of documents, sessions or transports: whoever shows it
(a document) hears of its property changes through a change hook (:func:`listen`).
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import math
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any, ClassVar, TypeVar

import param

from docsync.exceptions import ArgumentError, Invalid

__all__ = ["ChangeHook", "Model", "check_arguments", "iter_models", "listen", "to_json",
           "unlisten"]

_M = TypeVar("_M", bound="Model")

JSON = Any

#: ``hook(model, name, structural)``: parameter ``name`` of ``model`` was set; ``structural``
#: says whether its old or new value references models (see :func:`listen`).
ChangeHook = Callable[["Model", str, bool], None]

# Values that cannot change in place: setting one that is the current value changes nothing.
_IMMUTABLE = (str, int, float, bool, type(None), bytes, complex)


class Model(param.Parameterized):
    """Base of every component. Subclasses are model *types* (PROTOCOL.md §3)."""

    #: Properties a client ``patch`` may ``replace`` (PROTOCOL.md §5).
    _client_writable: ClassVar[frozenset[str]] = frozenset()
    #: Event names a client ``event`` may carry.
    _events: ClassVar[frozenset[str]] = frozenset()
    #: Parameters that are not sent (not JSON, or server-only).
    _wire_exclude: ClassVar[frozenset[str]] = frozenset({"name"})
    #: Derived props: wire name → the parameters it is computed from (see ``_derived``).
    _derived_props: ClassVar[dict[str, tuple[str, ...]]] = {}
    #: Panel's arguments this type does not take → what to do instead (:func:`check_arguments`).
    _unsupported: ClassVar[Mapping[str, str]] = {
        "align": "set styles={'align-self': 'center'} (any CSS align-self value)",
        "aspect_ratio": "set styles={'aspect-ratio': '16 / 9'}",
        "min_width": "set styles={'min-width': '200px'}",
        "max_width": "set styles={'max-width': '600px'}",
        "min_height": "set styles={'min-height': '100px'}",
        "max_height": "set styles={'max-height': '400px'}",
        "stylesheets": "docsync's page takes no stylesheets per component: use css_classes "
                       "and styles",
        "design": "docsync draws every component with its own theme (see the template's "
                  "theme='light'|'dark'|'auto')",
        "tags": "docsync keeps no tags: keep your own data on your Python objects",
    }
    #: Panel's arguments this type does not take but already behaves as their value here
    #: asks (``orientation="horizontal"``): given that value, they are dropped.
    _panel_defaults: ClassVar[Mapping[str, Any]] = {}
    #: Parameters :meth:`clone` does not copy (they identify one instance).
    _clone_exclude: ClassVar[frozenset[str]] = frozenset()

    visible = param.Boolean(default=True, doc="Whether the component is shown.")
    css_classes = param.List(default=[], item_type=str, doc="Extra CSS classes.")
    styles = param.Dict(default={}, doc="Inline CSS properties.")
    width = param.Integer(default=None, allow_None=True, bounds=(0, None))
    height = param.Integer(default=None, allow_None=True, bounds=(0, None))
    margin = param.Parameter(default=None, doc="An int or [top, right, bottom, left] in px.")
    sizing_mode: param.Selector[Any] = param.Selector(
        default=None,
        objects=[None, "fixed", "stretch_width", "stretch_height", "stretch_both",
                 "scale_width", "scale_height", "scale_both"],
    )

    def __init__(self, **params: Any) -> None:
        """Set ``params``; an argument that is no parameter raises :class:`ArgumentError`
        (see :func:`check_arguments`)."""
        super().__init__(**check_arguments(type(self), params))  # type: ignore[no-untyped-call]

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        """The JSON value of derived prop ``prop`` (declared in ``_derived_props``).

        ``ref`` gives a referenced model's id, as in :func:`to_json`.
        """
        raise KeyError(prop)

    def _handle_event(self, name: str, data: JSON) -> None:
        """Act on a client event already checked against ``_events``."""

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        """Turn a client's JSON value for ``prop`` into the Python value to set.

        Raise :class:`Invalid` for values no parameter rule would catch; the parameter's
        own validation runs after this.
        """
        return value

    def servable(self, title: str | None = None) -> Model:
        """Mark this model as what the app being built shows (see ``docsync.core.build``)."""
        from docsync.core.build import mark_servable

        mark_servable(self, title)
        return self

    def link(self, target: param.Parameterized,
             callbacks: dict[str, Callable[..., Any]] | None = None,
             bidirectional: bool = False, **links: str) -> param.parameterized.Watcher:
        """Panel's ``link``: ``source.link(target, value="object")`` sets ``target.object``
        whenever ``value`` changes (see :func:`docsync.core.link.link`)."""
        from docsync.core.link import link

        return link(self, target, callbacks=callbacks, bidirectional=bidirectional,
                    links=links)

    def jslink(self, target: param.Parameterized, code: dict[str, str] | None = None,
               args: dict[str, Any] | None = None, bidirectional: bool = False,
               **links: str) -> param.parameterized.Watcher:
        """Panel's ``jslink`` with parameter links: docsync runs every link on the server
        (:meth:`link`), so the linked change reaches the page in the same patch as its
        cause; JavaScript ``code`` snippets are refused, since docsync runs no app
        JavaScript: use :meth:`link` with ``callbacks`` instead."""
        if code or args:
            raise ValueError("jslink(code=...): docsync runs no JavaScript of the app; link "
                             "in Python instead: source.link(target, callbacks={'value': "
                             "fn}) with fn(target, event)")
        from docsync.core.link import link

        return link(self, target, bidirectional=bidirectional, links=links)

    def clone(self: _M, **overrides: Any) -> _M:
        """A new model of this type with this one's parameter values, then ``overrides``
        (Panel's ``clone``).

        Lists and dicts are copied one level deep, so the copy and the original can be
        changed apart; models they hold (a layout's children) are shared, not cloned.
        Read-only parameters and those in ``_clone_exclude`` (a widget's ``key``) are not
        copied. The new model is in no document until it is shown.
        """
        values = {name: _shallow_copy(value) for name, value in self.param.values().items()
                  if not self.param[name].readonly and name not in type(self)._clone_exclude}
        values.update(overrides)
        return type(self)(**values)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r})"

    # A document hears of changes through one hook per model rather than a param watcher
    # per (model, parameter): param keeps a dict and a list for each watched parameter of
    # each instance, the larger part of a session's memory.
    def __setattr__(self, name: str, value: Any) -> None:
        hooks: list[ChangeHook] | None = self.__dict__.get("_change_hooks")
        if not hooks or name not in affected_props(type(self)):
            super().__setattr__(name, value)
            return
        old = getattr(self, name)
        try:
            super().__setattr__(name, value)  # validates, then runs param's watchers
        except BaseException:
            # A watcher may raise after the value was set: the change still happened.
            if getattr(self, name) is not old:
                _notify(self, hooks, name, old)
            raise
        _notify(self, hooks, name, old)

    def __getstate__(self) -> dict[str, Any]:
        # A copy or an unpickled model is in no document yet.
        state: dict[str, Any] = super().__getstate__()  # type: ignore[no-untyped-call]
        state.pop("_change_hooks", None)
        return state


def _shallow_copy(value: Any) -> Any:
    return type(value)(value) if type(value) in (list, dict) else value


def check_arguments(cls: type[Model], params: dict[str, Any]) -> dict[str, Any]:
    """``params`` without the Panel arguments that ask for what ``cls`` does anyway (its
    ``_panel_defaults``); raise :class:`ArgumentError` if it holds another name that is no
    parameter of ``cls``: for one of Panel's arguments that ``cls`` does not take (its
    ``_unsupported``), the message says what to do instead; for any other, it names the
    nearest parameter.
    """
    params = {name: value for name, value in params.items()
              if name in cls.param or name not in cls._panel_defaults
              or value != cls._panel_defaults[name]}
    for name in params:
        if name in cls.param:
            continue
        advice = cls._unsupported.get(name)
        if advice is not None:
            raise ArgumentError(f"{cls.__name__}: Panel's argument {name!r} is not supported "
                                f"by docsync; {advice}")
        public = [n for n in cls.param if not n.startswith("_")]
        near = difflib.get_close_matches(name, public, n=1)
        hint = (f"did you mean {near[0]!r}?" if near
                else f"its arguments are {', '.join(sorted(public))}")
        raise ArgumentError(f"{cls.__name__} has no argument {name!r}: {hint}")
    return params


def _notify(model: Model, hooks: list[ChangeHook], name: str, old: Any) -> None:
    new = getattr(model, name)
    if new is old and isinstance(new, _IMMUTABLE):
        return  # nothing changed; a mutable value set again may have changed in place
    structural = name in ref_params(type(model)) and (
        any(iter_models(new)) or any(iter_models(old)))
    for hook in tuple(hooks):  # a copy: another thread may listen or unlisten meanwhile
        hook(model, name, structural)


def listen(model: Model, hook: ChangeHook) -> None:
    """Call ``hook(model, name, structural)`` after each set of a parameter of ``model``
    that determines a wire prop (a key of :func:`affected_props`), in the setting thread.

    Every set is reported, whether or not the value changed (param's ``trigger`` sets a
    list mutated in place again), except setting an immutable value that is already the
    current one; a set made inside ``param``'s ``discard_events`` or
    ``batch_call_watchers`` is reported at once, since the hook is not a param watcher.
    ``structural`` is True when the old or the new value references models. A hook must
    be quick and must not raise. Thread-safe; a model may have several hooks (one per
    document showing it).
    """
    new = [hook]
    hooks = model.__dict__.setdefault("_change_hooks", new)  # atomic: no lock needed
    if hooks is not new:
        hooks.append(hook)


def unlisten(model: Model, hook: ChangeHook) -> None:
    """Remove a hook added by :func:`listen`; removing one that is not there does nothing."""
    hooks: list[ChangeHook] = model.__dict__.get("_change_hooks", [])
    with contextlib.suppress(ValueError):
        hooks.remove(hook)


@cache
def wire_params(cls: type[Model]) -> tuple[str, ...]:
    """The parameter names of ``cls`` that are sent as props, in declaration order."""
    return tuple(n for n in cls.param if n not in cls._wire_exclude)


@cache
def prop_index(cls: type[Model]) -> dict[str, int]:
    """Wire prop name → its position among the props of ``cls``, in :func:`props_json`
    order (parameters, then derived props)."""
    names = dict.fromkeys((*wire_params(cls), *cls._derived_props))
    return {name: i for i, name in enumerate(names)}


@cache
def affected_props(cls: type[Model]) -> dict[str, tuple[str, ...]]:
    """Parameter name → the wire props whose value it determines."""
    out: dict[str, list[str]] = {n: [n] for n in wire_params(cls)}
    for prop, sources in cls._derived_props.items():
        for source in sources:
            out.setdefault(source, []).append(prop)
    return {k: tuple(v) for k, v in out.items()}


def to_json(value: Any, ref: Callable[[Model], str]) -> JSON:
    """The JSON form of a property value; models become ``{"ref": id}`` (PROTOCOL.md §3)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Model):
        return {"ref": ref(value)}
    if isinstance(value, (datetime.date, datetime.time)):
        # ISO 8601 (a datetime too), as <input type=date|datetime-local|time> reads it.
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_json(v, ref) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v, ref) for k, v in value.items()}
    raise TypeError(f"{type(value).__name__} value cannot be sent to the browser")


def iter_models(value: Any) -> Iterator[Model]:
    """Every model directly referenced by a property value."""
    if isinstance(value, Model):
        yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from iter_models(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from iter_models(v)


def props_json(model: Model, ref: Callable[[Model], str]) -> dict[str, JSON]:
    """All wire props of ``model`` (parameters then derived), as JSON."""
    cls = type(model)
    out = {n: to_json(getattr(model, n), ref) for n in wire_params(cls)}
    for prop in cls._derived_props:
        out[prop] = model._derived(prop, ref)
    return out


def prop_json(model: Model, prop: str, ref: Callable[[Model], str]) -> JSON:
    """The JSON value of one wire prop of ``model``."""
    if prop in type(model)._derived_props:
        return model._derived(prop, ref)
    return to_json(getattr(model, prop), ref)


_SCALAR_PARAMS = (param.String, param.Number, param.Boolean, param.Callable, param.Date,
                  param.Selector)


@cache
def ref_params(cls: type[Model]) -> tuple[str, ...]:
    """Parameters of ``cls`` whose values may hold models (not strings, numbers...)."""
    return tuple(n for n, p in cls.param.objects("existing").items()
                 if n != "name" and not isinstance(p, _SCALAR_PARAMS))


def children(model: Model) -> Iterator[Model]:
    """Models referenced by ``model``'s parameters: what makes them reachable (§3)."""
    for n in ref_params(type(model)):
        yield from iter_models(getattr(model, n))


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
        hooks = model.__dict__.get("_change_hooks")
        if hooks:
            for name, old in stored:
                if name in affected_props(type(model)):
                    _notify(model, hooks, name, old)


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
