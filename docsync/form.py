"""``Form``: fields whose edits stay in the browser until submit; ``on_submit`` gets them all.

How a submit travels (PROTOCOL.md §4, §5). The browser keeps the user's edits of the
form's fields to itself until the user submits, then sends **one** ``patch`` whose ops
replace every edited field's value and, last, raise the form's client-writable ``submits``
counter by one. That is the smallest reading of the protocol that makes a submit atomic:

- §5 makes a ``patch`` all or nothing: every value is checked before any is set, so an
  invalid field refuses the whole submit (code ``invalid``, naming the field and the rule),
  ``on_submit`` is not called, and the server's corrective patch puts every field (and
  the counter) back to the server's values. Nothing new is needed on the wire.
- The counter is set after the fields (one message's ops apply in order), so when its
  watcher runs, ``on_submit`` reads the submitted values. An ``event`` could not carry
  the values under §5's rules, and an event after a patch would be two messages.

Fields that the user did not edit are not resent: the server already holds their values.
Events are not held back: a ``Button`` inside a form acts at once, and a ``FileInput``
uploads the chosen file when it is chosen (one ``event``; ``on_submit`` then reads the
file with the other values).

What ``on_submit`` returns is shown below the form, replacing the previous result
(Datapane's *function chaining*): a component, a list of them (shown in a ``Column``),
anything :func:`docsync.pane.panel` shows, or a new ``Form`` whose handler closes over
earlier inputs. Each session runs its own handlers on its own models, so results are
never shared between sessions. A form without fields is a button whose handler's result
appears below it.

``cache=True`` (Datapane's option) runs the handler through ``ds.cache``: a submit with
the same validated values reuses an earlier result, from any session, computed once
even when sessions submit together. The key is the handler's code, the code of what it
uses from its module, its closure values (the inputs of earlier forms in a chain) and
the submitted values. Each caller gets its own deep copy of the result (``copy=True``),
so no model is shared between sessions: return content (panes, tables, figures, a new
form), not components bound to widgets outside the result. At most 128 results are kept
(least recently used first out). A handler that takes ``session`` depends on per-user
state and is never cached.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import param

from docsync.cache import cache as process_cache
from docsync.core.model import JSON, Model, children
from docsync.core.params import Integer
from docsync.exceptions import Invalid
from docsync.handlers import accepts, call_handler, takes_session
from docsync.layout import Column, ListLike
from docsync.pane import panel
from docsync.runtime.current import CURRENT_SESSION
from docsync.widgets import Widget

__all__ = ["Form"]


class Form(ListLike):
    """Fields submitted together: ``Form(*fields, on_submit=fn, submit_label="Submit")``.

    ``fields`` are widgets (named by their ``name``), mappings of name → widget such as
    :class:`docsync.controls.Controls` (named by key), or other components shown among
    them (a ``Markdown`` help text, a ``Row`` of widgets). ``controls=`` takes the same as
    Datapane's argument of that name. The fields are every widget with a ``value`` inside
    the form's ``objects``, except those inside a nested ``Form``.

    ``on_submit`` is called with each field's value as a keyword argument, plus
    ``session`` (``state.session``) and ``params`` (all values in a dict) when it declares
    them (see :mod:`docsync.handlers`); a coroutine function runs on the event loop.
    """

    _client_writable = frozenset({"submits"})
    _wire_exclude = ListLike._wire_exclude | {"on_submit", "cache"}

    label = param.String(default="", doc="A heading above the fields; the form's name.")
    submit_label = param.String(default="Submit", doc="The submit button's text.")
    submits = Integer(default=0, bounds=(0, None), doc=(
        "Submits so far. The browser raises it by one with each submit; app code may too "
        "(see ``submit``)."))
    result = param.ClassSelector(class_=Model, default=None, allow_None=True,
                                 allow_refs=False, doc=(
        "What ``on_submit`` returned last, shown below the form."))
    on_submit = param.Callable(default=None, allow_None=True, doc=(
        "Called with the fields' values by name when the form is submitted."))
    cache = param.Boolean(default=False, doc=(
        "Reuse the result of an earlier submit of equal values, from any session (see the "
        "module docstring); off for a handler that takes ``session``."))

    def __init__(self, *fields: Any, controls: Any = None,
                 on_submit: Callable[..., Any] | None = None, submit_label: str = "Submit",
                 cache: bool = False, **params: Any) -> None:
        objects: list[Any] = []
        self._names: dict[Model, str] = {}
        for item in (*fields, *_as_items(controls)):
            if isinstance(item, Mapping):
                for name, widget in item.items():
                    self._names[widget] = name
                    if isinstance(widget, Widget) and not widget.name:
                        _label(widget, name)
                    objects.append(widget)
            else:
                objects.append(item)
        super().__init__(*objects, on_submit=on_submit, submit_label=submit_label,
                         cache=cache, **params)
        names = list(self.fields)
        if on_submit is not None:
            accepts(on_submit, names)
        self.param.watch(self._submitted, "submits")

    # -- fields --------------------------------------------------------------------------

    @property
    def fields(self) -> dict[str, Widget]:
        """Field name → widget, in page order. Raises ``ValueError`` for a field without a
        name or two fields with one name."""
        out: dict[str, Widget] = {}
        for widget in _widgets(self.objects):
            name = self._names.get(widget) or widget.name
            if not name:
                raise ValueError(f"a {type(widget).__name__} in a Form has no name: give it "
                                 "a name (its label), or pass it by keyword in Controls")
            if name in out:
                raise ValueError(f"two fields of a Form are named {name!r}: names must be "
                                 "unique")
            out[name] = widget
        return out

    @property
    def values(self) -> dict[str, Any]:
        """Field name → current value."""
        return {name: widget.value for name, widget in self.fields.items()}

    # -- submitting ----------------------------------------------------------------------

    def submit(self) -> None:
        """Submit the fields' current values, as the browser does."""
        self.submits += 1

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        # Only ``submits`` is client-writable; a submit raises it, never lowers or repeats it.
        if isinstance(value, bool) or not isinstance(value, int) or value <= self.submits:
            raise Invalid(f"Form {self.label or self.name!r}: a submit must raise 'submits' "
                          f"above {self.submits}, not set it to {value!r}")
        return value

    def _submitted(self, _event: param.parameterized.Event) -> None:
        handler = self.on_submit
        if handler is None:
            return
        values = self.values
        ctx = CURRENT_SESSION.get()
        session = ctx.store if ctx is not None else None
        cached = self.cache and not takes_session(handler)
        if inspect.iscoroutinefunction(handler):
            if ctx is None:
                raise RuntimeError("an async on_submit runs on a server's event loop: serve "
                                   "the app, or make the handler a plain function")

            async def run() -> None:
                result = await (_cached_ainvoke(handler, values) if cached
                                else call_handler(handler, values, session=session))
                self.result = _as_result(result)

            ctx.execute(run)
            return
        result = (_cached_invoke(handler, values) if cached
                  else call_handler(handler, values, session=session))
        self.result = _as_result(result)


def _invoke(on_submit: Callable[..., Any], inputs: dict[str, Any]) -> Any:
    return call_handler(on_submit, inputs)


async def _ainvoke(on_submit: Callable[..., Any], inputs: dict[str, Any]) -> Any:
    return await call_handler(on_submit, inputs)


# Every cached form of the process shares these (keyed by handler code, closure and values).
_cached_invoke = process_cache(max_items=128, copy=True)(_invoke)
_cached_ainvoke = process_cache(max_items=128, copy=True)(_ainvoke)


def _label(widget: Widget, name: str) -> None:
    """Label an unnamed field with its key (a widget's ``name`` is constant in param)."""
    with param.edit_constant(widget):
        widget.name = name


def _as_items(controls: Any) -> list[Any]:
    if controls is None:
        return []
    if isinstance(controls, Mapping):
        return [controls]
    return list(controls)


def _widgets(models: list[Model]) -> Iterator[Widget]:
    """Widgets with a ``value`` among ``models`` and their descendants, depth first; a
    nested ``Form`` and what it holds are its own."""
    seen: set[Model] = set()
    stack = list(reversed(models))
    while stack:
        model = stack.pop()
        if model in seen or isinstance(model, Form):
            continue
        seen.add(model)
        if isinstance(model, Widget) and "value" in model.param:
            yield model
        stack.extend(reversed(list(children(model))))


def _as_result(result: Any) -> Model | None:
    """The component that shows a handler's return value (None shows nothing)."""
    if result is None:
        return None
    if isinstance(result, (list, tuple)):
        return Column(*result)
    return panel(result)
