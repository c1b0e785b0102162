"""``ParamFunction`` and ``ParamMethod``: a part of the page showing a reference's value
(a bound or ``depends`` function, a method of a ``param.Parameterized``, a reactive
expression), shown again whenever one of its references changes (Panel's panes of the
same names)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import param
from param.parameterized import resolve_value

from docsync.bind import BoundFunction, instance_parameters
from docsync.core.model import Model, is_reference
from docsync.indicators import LoadingSpinner
from docsync.pane.base import PaneBase
from docsync.runtime.current import CURRENT_SESSION
from docsync.settings import config, sizing_default

__all__ = ["ParamFunction", "ParamMethod", "evaluate", "is_method", "references",
           "release_at_session_end"]


def is_method(obj: Any) -> bool:
    """Whether ``obj`` is a method bound to a ``param.Parameterized`` instance."""
    return inspect.ismethod(obj) and isinstance(obj.__self__, param.Parameterized)


def references(obj: Any) -> list[tuple[param.Parameterized, str, str]]:
    """``(owner, parameter name, what)`` for every parameter ``obj``'s value depends on.

    A method of a Parameterized depends on what its ``depends`` declares, or on every
    parameter of its object when it declares nothing (Panel's ``ParamMethod`` rule);
    functions, bound functions and reactive expressions on their references (``param``'s
    ``resolve_ref``); anything else on nothing.
    """
    if isinstance(obj, BoundFunction):  # without making param's own bind of it
        return [(owner, name, "value") for owner, name in obj.dependencies()]
    if is_method(obj):
        owner: param.Parameterized = obj.__self__
        return [(d.inst if d.inst is not None else owner, d.name, d.what)
                for d in owner.param.method_dependencies(obj.__name__)]
    return [(owner, name, "value") for owner, name in instance_parameters(obj)]


def evaluate(obj: Any) -> Any:
    """The current value of ``obj``: a reference resolved by ``param`` (its function called
    with the current values of its dependencies), any other callable called with no
    arguments. An async or generator function gives its coroutine or generator
    (see :func:`is_stream`)."""
    if isinstance(obj, BoundFunction):  # the short way, reading each reference once
        return obj.current()
    return resolve_value(obj, recursive=False) if is_reference(obj) else obj()


def is_stream(value: Any) -> bool:
    """Whether ``value`` is shown over time: a coroutine (its result), or a generator or
    async generator (each value it yields, the latest replacing the one before)."""
    return inspect.iscoroutine(value) or inspect.isgenerator(value) or \
        inspect.isasyncgen(value)


def release_at_session_end(release: Callable[[], None]) -> None:
    """Made in a session: call ``release()`` when it ends, so watchers a component put on
    objects that outlive the session (a module-level Parameterized) go with it."""
    ctx = CURRENT_SESSION.get()
    if ctx is not None:
        ctx.on_destroyed(lambda *_: release())


def _current_session_loaded() -> bool | None:
    """Whether the current session's page shows its first snapshot; None outside one."""
    ctx = CURRENT_SESSION.get()
    if ctx is None or ctx.session is None:
        return None
    return bool(ctx.session.loaded)


class ParamFunction(Model):
    """Shows the value of ``object`` (a function of no arguments, a ``bind`` result, a
    ``depends`` function, a reactive expression) and shows it again whenever one of its
    references changes.

    When the new value is shown by a pane of the same type as the current one, that pane's
    ``object`` is updated in place, so the browser receives one property change rather than
    a new model. A value of ``param.Skip`` (raised or returned) keeps what is shown. An
    async function's result is shown when it is ready, and each value a generator (or async
    generator) yields replaces the one before; these run in the current session, and a
    newer computation stops an older one.

    ``defer_load`` (default ``ds.config.defer_load``): made in a session whose page is not
    shown yet, the first value is computed only once it is (``state.onload``), and a
    spinner shows until then. ``loading_indicator`` (default
    ``ds.config.loading_indicator``): in a session, a change of a reference sets
    ``loading`` (a spinner over this part of the page) and the value is computed in a
    separate call of the session, so the page shows the spinner while it runs. Outside a
    session both compute at once.
    """

    _wire_exclude = Model._wire_exclude | {"object", "defer_load", "loading_indicator"}

    object = param.Parameter(default=None, allow_refs=False, doc=(
        "What to show: a function of no arguments, a bind result, a depends function or "
        "method, or a reactive expression."))
    child = param.ClassSelector(class_=Model, default=None, allow_None=True, allow_refs=False)
    defer_load = param.Boolean(default=None, allow_None=True, doc=(
        "Compute the first value once the page is shown (None: ds.config.defer_load)."))
    loading_indicator = param.Boolean(default=None, allow_None=True, doc=(
        "Show a spinner while a new value is computed (None: "
        "ds.config.loading_indicator)."))

    def __init__(self, object: Any = None, **params: Any) -> None:
        if object is not None and not callable(object) and not is_reference(object):
            raise TypeError(f"{type(self).__name__} shows a function, a bind result, a "
                            f"method or a reactive expression, not {type(object).__name__}")
        if params.get("defer_load") is None:
            params["defer_load"] = config.defer_load
        if params.get("loading_indicator") is None:
            params["loading_indicator"] = config.loading_indicator
        sizing_default(type(self), params)
        deferred = params["defer_load"] and _current_session_loaded() is False
        given = params.get("child")
        # The first child is given to the constructor: a parameter set after it would make
        # param copy the parameter object for this instance.
        if deferred:
            params["child"] = LoadingSpinner(value=True, name="Loading", size=32)
            params["loading"] = True
        first: Any = param.Skip
        if not deferred and object is not None and given is None:
            first = _value_or_skip(object)
            if is_stream(first):
                _need_session(object, first)  # before any watcher is set up
            else:
                params["child"] = None if first is param.Skip else self._pane(first)
        super().__init__(object=object, **params)
        self._generation = 0  # the latest computation; a stream of an older one stops
        self._watchers: list[tuple[param.Parameterized, param.parameterized.Watcher]] = []
        self._link()  # from here on, a new object is linked and shown (__setattr__)
        release_at_session_end(self._unlink)
        if deferred:
            # Deferred only in a session whose page is not shown yet: there is a context.
            CURRENT_SESSION.get().onload(self._show_deferred)  # type: ignore[union-attr]
        elif is_stream(first):
            self._stream(first)
        elif given is not None and object is not None:
            self._render()

    @staticmethod
    def _pane(value: Any) -> Model:
        from docsync.pane.choose import panel  # known circle: tests/test_import_graph.py

        return panel(value)

    def _unlink(self) -> None:
        for owner, watcher in self._watchers:
            owner.param.unwatch(watcher)
        self._watchers = []

    def _link(self) -> None:
        self._unlink()
        if self.object is None:
            return
        deps = references(self.object)
        if not deps and not self.defer_load:
            # Panel's warning: a function passed where its value was meant never updates.
            self.param.warning(
                f"{getattr(self.object, '__name__', repr(self.object))!r} has no "
                "dependencies, so it is shown once and never updated: bind it to a widget "
                "or parameter (pass widget or obj.param.x, not its current value), or call "
                "it yourself and show the result.")
        groups: dict[tuple[int, str], tuple[param.Parameterized, list[str]]] = {}
        for owner, name, what in deps:
            groups.setdefault((id(owner), what), (owner, []))[1].append(name)
        for (_, what), (owner, names) in groups.items():
            self._watchers.append((owner, owner.param.watch(self._changed, names, what=what)))

    def __setattr__(self, name: str, value: Any) -> None:
        linked = name == "object" and "_watchers" in self.__dict__  # after __init__
        old = self.object if linked else None
        super().__setattr__(name, value)
        # Here rather than by a param watcher on ``object``, whose dicts and lists would
        # cost every bind shown in every session about 1 KiB; param.update sets through
        # here too. Like that watcher, setting the same object again does nothing.
        if linked and self.object is not old:
            self._link()
            self._render()

    def _show_deferred(self) -> None:
        self.child = None
        self._render()

    def _changed(self, *_: Any) -> None:
        ctx = CURRENT_SESSION.get() if self.loading_indicator else None
        if ctx is not None and ctx.session is not None:
            # A separate call: this one ends first, so its patch (loading on) reaches the
            # page before the value is computed.
            self.loading = True
            ctx.execute(self._render)
            return
        self._render()

    def _render(self) -> None:
        """Compute the value and show it (clearing ``loading``, at once or, for a stream,
        once it ends)."""
        self._generation += 1
        streaming = False
        try:
            if self.object is None:
                self.child = None
                return
            result = _value_or_skip(self.object)
            if is_stream(result):
                streaming = True
                self._stream(result)
            else:
                self._show(result)
        finally:
            if self.loading and not streaming:
                self.loading = False

    def _show(self, result: Any) -> None:
        from docsync.pane.choose import pane_type  # known circle: tests/test_import_graph.py

        if result is param.Skip:
            return
        current = self.child
        if (not isinstance(result, Model) and not callable(result)
                and isinstance(current, PaneBase) and pane_type(result) is type(current)):
            current.object = result
            return
        self.child = self._pane(result)

    def _stream(self, result: Any) -> None:
        """Show a coroutine's result, or each value a generator yields, as calls of the
        current session (each value reaches the page in its own patch). A newer
        computation stops an older stream."""
        ctx = _need_session(self.object, result)
        generation = self._generation

        def current() -> bool:
            return generation == self._generation

        def done() -> None:
            if current() and self.loading:
                self.loading = False

        if inspect.iscoroutine(result):
            async def awaited() -> None:
                try:
                    value = await result
                    if current():
                        self._show(value)
                except param.Skip:
                    pass
                finally:
                    done()

            ctx.execute(awaited)
        elif inspect.isasyncgen(result):
            async def iterated() -> None:
                try:
                    async for value in result:
                        if not current():
                            break
                        self._show(value)
                except param.Skip:
                    pass
                finally:
                    await result.aclose()
                    done()

            ctx.execute(iterated)
        else:
            def step() -> None:
                # One value per call: each call's changes are one patch, so the page sees
                # every value the generator yields.
                try:
                    value = next(result) if current() else _END
                except (StopIteration, param.Skip):
                    value = _END
                if value is _END:
                    result.close()
                    done()
                    return
                self._show(value)
                ctx.execute(step)

            ctx.execute(step)


_END = object()  # a generator's end (it may yield None)


def _need_session(obj: Any, result: Any) -> Any:
    """The current session's context, in which stream ``result`` of ``obj`` is run; raise
    ``TypeError`` (closing the stream) outside any session."""
    ctx = CURRENT_SESSION.get()
    if ctx is None:
        if inspect.iscoroutine(result) or inspect.isgenerator(result):
            result.close()  # no "never awaited" warning for a result refused here
        raise TypeError(
            f"{getattr(obj, '__name__', obj)!r} is an async or generator function: docsync "
            "runs those in a session (a served app or a notebook output), and this "
            "component was made outside one")
    return ctx


def _value_or_skip(obj: Any) -> Any:
    try:
        return evaluate(obj)
    except param.Skip:
        return param.Skip


class ParamMethod(ParamFunction):
    """A method of a ``param.Parameterized`` shown by ``ds.panel(obj.method)``: it is
    shown again when a parameter it depends on changes (every parameter of its object
    when it declares no ``depends``)."""

    def __init__(self, object: Any = None, **params: Any) -> None:
        if object is not None and not is_method(object):
            raise TypeError("ParamMethod shows a method of a param.Parameterized instance, "
                            f"not {type(object).__name__}; use ParamFunction for functions")
        super().__init__(object, **params)
