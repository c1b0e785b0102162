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

from docsync.core.build import mark_servable
from docsync.core.chunks import Chunks
from docsync.core.link import link
from docsync.core.params import Align, AspectRatio, Integer
from docsync.core.references import is_reference, take_references
from docsync.exceptions import ArgumentError, UsageError

__all__ = ["ChangeHook", "Model", "check_arguments", "chunk_props", "iter_models", "listen",
           "notify_set", "to_json", "unlisten", "unsendable"]

_M = TypeVar("_M", bound="Model")

JSON = Any

#: ``hook(model, name, structural)``: parameter ``name`` of ``model`` was set; ``structural``
#: says whether its old or new value references models (see :func:`listen`).
ChangeHook = Callable[["Model", str, bool], None]

# Values that cannot change in place: setting one that is the current value changes nothing.
_IMMUTABLE = (str, int, float, bool, type(None), bytes, complex)


#: The parameters sent together as the derived prop ``box`` (see ``Model._derived``).
BOX_PARAMS = ("align", "aspect_ratio", "min_width", "max_width", "min_height", "max_height")


class Model(param.Parameterized):
    """Base of every component. Subclasses are model *types* (PROTOCOL.md §3)."""

    #: Properties a client ``patch`` may ``replace`` (PROTOCOL.md §5).
    _client_writable: ClassVar[frozenset[str]] = frozenset()
    #: Event names a client ``event`` may carry.
    _events: ClassVar[frozenset[str]] = frozenset()
    #: Parameters that are not sent (not JSON, or server-only).
    _wire_exclude: ClassVar[frozenset[str]] = frozenset({"name"})
    #: Large props of plain JSON data (a table's rows, a Plotly figure; never model
    #: references: they are not searched for any) sent, when they change, as the RFC 6902
    #: ops of what changed inside them rather than whole (``core/diff.py``).
    _diffed_props: ClassVar[frozenset[str]] = frozenset()
    #: Derived props: wire name → the parameters it is computed from (see ``_derived``).
    #: Every type has ``box`` (added by ``__init_subclass__`` when a type lists its own).
    _derived_props: ClassVar[dict[str, tuple[str, ...]]] = {"box": BOX_PARAMS}
    #: Panel's arguments this type does not take → what to do instead (:func:`check_arguments`).
    _unsupported: ClassVar[Mapping[str, str]] = {
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
    #: Parameters that hold no models but decide which of its models a type sends (see
    #: ``_sent_children``): setting one makes a document look again for models to add or
    #: drop, as setting a parameter that holds models does.
    _structural_params: ClassVar[frozenset[str]] = frozenset()
    #: Parameters declared by this type or a subclass that take references beyond those
    #: of plain types (see :func:`docsync.core.references.take_references`).
    _reference_params: ClassVar[frozenset[str]] = frozenset({"styles"})

    visible = param.Boolean(default=True, doc="Whether the component is shown.")
    loading = param.Boolean(default=False, doc=(
        "Show a spinner over the component (Panel's ``loading``), e.g. while it is "
        "recomputed."))
    css_classes = param.List(default=[], item_type=str, doc="Extra CSS classes.")
    styles = param.Dict(default={}, doc="Inline CSS properties.")
    width = Integer(default=None, allow_None=True, bounds=(0, None))
    height = Integer(default=None, allow_None=True, bounds=(0, None))
    margin = param.Parameter(default=None, doc="An int or [top, right, bottom, left] in px.")
    sizing_mode: param.Selector[Any] = param.Selector(
        default=None,
        objects=[None, "fixed", "stretch_width", "stretch_height", "stretch_both",
                 "scale_width", "scale_height", "scale_both"],
    )
    # Panel's size limits and alignment: sent as one derived prop, ``box``, which is null
    # while they all keep their defaults (so they cost a page nothing until used).
    align = Align(default="start", doc="Where the component sits in its layout's room.")
    aspect_ratio = AspectRatio(default=None, doc="Width / height to keep, or 'auto'.")
    min_width = Integer(default=None, allow_None=True, bounds=(0, None), doc="In px.")
    max_width = Integer(default=None, allow_None=True, bounds=(0, None), doc="In px.")
    min_height = Integer(default=None, allow_None=True, bounds=(0, None), doc="In px.")
    max_height = Integer(default=None, allow_None=True, bounds=(0, None), doc="In px.")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "box" not in cls._derived_props:
            cls._derived_props = {**cls._derived_props, "box": BOX_PARAMS}
        take_references(cls)  # before param reads the class's parameters

    def __init__(self, **params: Any) -> None:
        """Set ``params``; an argument that is no parameter raises :class:`ArgumentError`
        (see :func:`check_arguments`)."""
        super().__init__(**check_arguments(type(self), params))  # type: ignore[no-untyped-call]

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        """The JSON value of derived prop ``prop`` (declared in ``_derived_props``).

        ``ref`` gives a referenced model's id, as in :func:`to_json`. A subclass handles its
        own props and passes the others here.
        """
        if prop == "box":
            box = {}
            for name, parameter in box_parameters(type(self)):
                value = getattr(self, name)
                if value != parameter.default:  # read now: a class default may change
                    box[name] = value
            if "align" in box:
                align = box.pop("align")
                box["align"] = list(align) if isinstance(align, (tuple, list)) \
                    else [align, align]
            return box or None
        raise KeyError(prop)

    def _handle_event(self, name: str, data: JSON) -> None:
        """Act on a client event already checked against ``_events``."""

    def _sent_children(self) -> Iterator[Model]:
        """The referenced models a document sends with this one (PROTOCOL.md §3): all of
        :func:`children` unless a type holds some back (a dynamic ``Tabs`` sends only its
        shown tab). A type that narrows it lists what decides the choice in
        ``_structural_params``, and sends a held-back reference as ``null``."""
        return children(self)

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        """Turn a client's JSON value for ``prop`` into the Python value to set.

        Raise :class:`Invalid` for values no parameter rule would catch; the parameter's
        own validation runs after this.
        """
        return value

    def servable(self, title: str | None = None, location: bool = True, area: str = "main",
                 target: str | None = None) -> Model:
        """Mark this model as what the app being built shows (see ``docsync.core.build``).

        With a page template configured (``config.template``), ``target`` (or Panel's older
        ``area``) names the template area it goes to: ``"main"``, ``"sidebar"``,
        ``"header"`` or ``"modal"``. ``location`` is Panel's; every page already keeps its
        URL in sync (``state.location``), so only ``True`` is accepted.
        """
        if location is not True:
            raise UsageError("servable(location=...): every docsync page keeps its URL in "
                             "state.location; leave location out")
        mark_servable(self, title, target or area)
        return self

    def link(self, target: param.Parameterized,
             callbacks: dict[str, Callable[..., Any]] | None = None,
             bidirectional: bool = False, **links: str) -> param.parameterized.Watcher:
        """Panel's ``link``: ``source.link(target, value="object")`` sets ``target.object``
        whenever ``value`` changes (see :func:`docsync.core.link.link`)."""
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
        # A value that cannot be sent (a Secret in a list of options, say) is refused here,
        # where the app sets it, rather than failing every session at its snapshot.
        if name in wire_param_set(type(self)) and not isinstance(value, _IMMUTABLE):
            unsent = unsendable(value)
            if unsent is not None and not (type(self).param[name].allow_refs
                                           and is_reference(value)):
                raise ValueError(
                    f"{type(self).__name__}.{name} cannot hold a {unsent} value: it would "
                    f"be sent to the browser, which only takes JSON values and components")
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
    parameters = cls.param  # param builds this namespace at each access: once per call
    params = {name: value for name, value in params.items()
              if name in parameters or name not in cls._panel_defaults
              or value != cls._panel_defaults[name]}
    for name in params:
        if name in parameters:
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
    cls = type(model)
    structural = name in cls._structural_params or (name in ref_params(cls) and (
        any(iter_models(new)) or any(iter_models(old))))
    for hook in tuple(hooks):  # a copy: another thread may listen or unlisten meanwhile
        hook(model, name, structural)


def notify_set(model: Model, name: str, old: Any) -> None:
    """Tell ``model``'s change hooks that parameter ``name`` was set (its value was ``old``
    before), as :meth:`Model.__setattr__` does: for a code path that sets through param
    itself (a client's values, set in one batch)."""
    hooks = model.__dict__.get("_change_hooks")
    if hooks and name in affected_props(type(model)):
        _notify(model, hooks, name, old)


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
def box_parameters(cls: type[Model]) -> tuple[tuple[str, param.Parameter], ...]:  # type: ignore[type-arg]
    """The class parameters sent as ``box`` (``BOX_PARAMS``), looked up once per type:
    ``cls.param[name]`` builds a ``Parameters`` namespace at each call, a fifth of the
    cost of a model's props in a snapshot."""
    return tuple((name, cls.param[name]) for name in BOX_PARAMS)


@cache
def wire_param_set(cls: type[Model]) -> frozenset[str]:
    """:func:`wire_params` as a set, for membership tests."""
    return frozenset(wire_params(cls))


@cache
def prop_index(cls: type[Model]) -> dict[str, int]:
    """Wire prop name → its position among the props of ``cls``, in :func:`props_json`
    order (parameters, then derived props)."""
    names = dict.fromkeys((*wire_params(cls), *cls._derived_props))
    return {name: i for i, name in enumerate(names)}


@cache
def chunk_props(cls: type[Model]) -> tuple[str, ...]:
    """The wire parameters of ``cls`` declared to hold :class:`Chunks` (a
    ``param.ClassSelector(class_=Chunks)``): the document sends their growth as appends."""
    return tuple(n for n in wire_params(cls)
                 if isinstance(p := cls.param[n], param.ClassSelector) and p.class_ is Chunks)


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
    if isinstance(value, Chunks):  # a list of strings on the wire (see docsync.core.chunks)
        return value.pieces()
    raise TypeError(f"{type(value).__name__} value cannot be sent to the browser")


def unsendable(value: Any) -> str | None:
    """The type name of the first value inside ``value`` that :func:`to_json` refuses, or
    None when all of it can be sent. Iterative: a deeply nested value cannot overflow it."""
    stack = [value]
    while stack:
        item = stack.pop()
        if item is None or isinstance(item, (str, bool, int, float, Model, datetime.date,
                                             datetime.time, Chunks)):
            continue
        if isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        else:
            return type(item).__name__
    return None


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
                  param.Selector, Align, AspectRatio)
take_references(Model)


@cache
def ref_params(cls: type[Model]) -> tuple[str, ...]:
    """Parameters of ``cls`` whose values may hold models (not strings, numbers, or the
    plain data of ``_diffed_props``)."""
    return tuple(n for n, p in cls.param.objects("existing").items()
                 if n != "name" and n not in cls._diffed_props
                 and not isinstance(p, _SCALAR_PARAMS))


def children(model: Model) -> Iterator[Model]:
    """Every model referenced by ``model``'s parameters (what a document sends of them is
    ``model._sent_children()``)."""
    for n in ref_params(type(model)):
        yield from iter_models(getattr(model, n))
