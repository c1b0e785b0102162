"""``Param``: a form of widgets made from a ``param.Parameterized`` object's parameters,
kept in sync with it both ways (Panel's ``pn.Param``)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from typing import Any

import param

from docsync import widgets
from docsync.core.model import JSON, Model, to_json
from docsync.core.params import Number
from docsync.exceptions import Invalid
from docsync.layout import Column, ListLike
from docsync.pane.function import release_at_session_end
from docsync.pane.text import Markdown, Str

__all__ = ["Param", "widget_type"]

#: Parameter type → widget type name (in ``docsync.widgets``), looked up along the
#: parameter type's MRO, so the most derived type wins (``Event`` before ``Boolean``).
#: Numbers get a slider only when both bounds are known (else a number field), as in Panel.
_MAPPING: dict[type[param.Parameter], str] = {
    param.Action: "Button",
    param.Event: "Button",
    param.Boolean: "Checkbox",
    param.CalendarDate: "DatePicker",
    param.Date: "DatePicker",
    param.Color: "ColorPicker",
    param.Integer: "IntSlider",
    param.Number: "FloatSlider",
    param.ListSelector: "MultiSelect",
    param.Selector: "Select",
    param.Range: "IntRangeSlider",
    param.String: "TextInput",
    param.Bytes: "FileInput",
    # Every other parameter, as in Panel: its value as a Python literal, typed as text.
    param.Parameter: "LiteralInput",
}

#: Parameter types shown as read-only text instead: values that are no literal to edit
#: (Panel has array and table widgets for the first two; a callback is no value to type).
_READOUT = (param.Array, param.DataFrame, param.Series, param.Callable)

#: The type a ``LiteralInput`` holds for a parameter of these types (else any literal).
_LITERAL_TYPES = ((param.Tuple, tuple), (param.Dict, dict), (param.List, list))

_INPUTS = {"IntSlider": "IntInput", "FloatSlider": "FloatInput"}

#: What of a parameter, besides its value, changes its widget (the form is rebuilt).
_METADATA = ("constant", "readonly", "precedence", "objects", "bounds", "softbounds",
             "label", "step")


def _widgets_module() -> Any:
    return widgets


def widget_type(pobj: param.Parameter) -> type[Model] | None:
    """The widget class Panel's mapping gives parameter ``pobj``, or None when it is shown
    as read-only text (:data:`_READOUT`)."""
    widgets = _widgets_module()
    for cls in type(pobj).__mro__:  # the most derived type wins (an Action is a Callable)
        if cls in _READOUT:
            return None
        name = _MAPPING.get(cls)
        if name is None:
            continue
        if name in _INPUTS and None in _soft_bounds(pobj):
            name = _INPUTS[name]
        if name == "IntRangeSlider":
            bounds = _soft_bounds(pobj)
            if None in bounds:
                continue  # no slider without both ends: a literal tuple
            if not all(isinstance(b, int) and not isinstance(b, bool) for b in bounds):
                name = "RangeSlider"
        cls_: type[Model] = getattr(widgets, name)
        return cls_
    return None


def _literal_type(pobj: param.Parameter) -> type | None:
    return next((kind for ptype, kind in _LITERAL_TYPES if isinstance(pobj, ptype)), None)


def _soft_bounds(pobj: param.Parameter) -> tuple[Any, Any]:
    if hasattr(pobj, "get_soft_bounds"):
        lower, upper = pobj.get_soft_bounds()
        return lower, upper
    return None, None


def _label(name: str) -> str:
    """Panel's form title: an automatic instance name loses its 5-digit counter."""
    return re.sub(r"\d{5}$", "", name)


class Param(Model):
    """A column of widgets, one per parameter of ``object`` (a ``param.Parameterized``
    instance or class, its ``.param``, or one parameter ``obj.param.x``), each kept in sync
    with its parameter both ways.

    - Widgets follow Panel's mapping: ``Integer``/``Number`` with both bounds → slider,
      otherwise a number field; ``Boolean`` → ``Checkbox``; ``Selector`` → ``Select``;
      ``ListSelector`` → ``MultiSelect``; ``String`` → ``TextInput``; ``Date`` and
      ``CalendarDate`` → ``DatePicker``; ``Color`` → ``ColorPicker``; ``Action`` and
      ``Event`` → ``Button`` (a click calls the action, or triggers the event);
      ``Range`` with both bounds → ``IntRangeSlider`` (whole numbers) or ``RangeSlider``;
      ``Bytes`` → ``FileInput`` (an upload sets it); any other parameter →
      ``LiteralInput`` (typed ``tuple``, ``dict`` or ``list`` for those parameters).
      Arrays, DataFrames, Series, callables and Parameterized sub-objects are shown as
      read-only text that follows the value.
    - ``parameters`` picks and orders the parameters (default: all but ``name``, ordered by
      precedence); ``widgets`` maps a name to a widget class, a widget instance, or a dict
      of widget arguments with an optional ``"type"``/``"widget_type"``.
    - A ``constant`` or ``readonly`` parameter's widget is disabled (hidden with
      ``hide_constant``); a parameter whose precedence is below ``display_threshold`` is
      not shown. A change of a parameter's bounds, objects, constant, precedence or label
      rebuilds the form.
    - A value the object refuses (param's own rules) is refused to the browser as
      ``invalid`` and the widget shows the object's value again.
    - A parameter whose value is itself a Parameterized gets a toggle (unless
      ``expand_button=False``) that shows its nested form below the widgets;
      ``expand=True`` shows them from the start.
    - ``sort`` orders the widgets by label (or by a key function of ``(name, parameter)``),
      ``default_precedence`` orders parameters without a precedence, ``initializer`` is
      called with the object first, ``default_layout`` is the form's layout class.
    """

    _wire_exclude = Model._wire_exclude | {
        "object", "parameters", "widgets", "display_threshold", "show_name", "show_labels",
        "hide_constant", "expand", "expand_button", "sort", "default_precedence",
        "initializer", "default_layout", "layout"}
    _derived_props = {"child": ("layout",)}

    object = param.Parameter(default=None, allow_refs=False, doc="The Parameterized shown.")
    parameters = param.List(default=None, allow_None=True, item_type=str, doc=(
        "The parameters to show, in order (None: all but name, by precedence)."))
    widgets = param.Dict(default=None, allow_None=True, doc=(
        "Parameter name → widget class, widget instance, or dict of widget arguments."))
    name = param.String(default="", doc="The form's title (default: the object's name).")
    show_name = param.Boolean(default=True, doc="Show the title above the widgets.")
    show_labels = param.Boolean(default=True, doc="Label each widget with its parameter.")
    hide_constant = param.Boolean(default=False, doc="Hide constant parameters' widgets.")
    display_threshold = Number(default=0, doc=(
        "Parameters with a precedence below this are not shown."))
    expand = param.Boolean(default=False, doc=(
        "Show Parameterized sub-objects as nested forms from the start."))
    expand_button = param.Boolean(default=None, allow_None=True, doc=(
        "A toggle per sub-object that shows or hides its form (None: as True)."))
    sort = param.ClassSelector(default=False, class_=(bool, Callable), doc=(
        "True: order the widgets by label; a function: the sort key of each "
        "(name, parameter) pair."))
    default_precedence = Number(default=1e-8, doc=(
        "The precedence of parameters that declare none, for ordering."))
    initializer = param.Callable(default=None, allow_None=True, doc=(
        "Called with the object once, before the form is made."))
    default_layout = param.ClassSelector(default=None, class_=Model, is_instance=False,
                                         allow_None=True, doc=(
        "The layout class of the form (None: Column)."))
    layout = param.ClassSelector(class_=Model, default=None, allow_None=True,
                                 allow_refs=False, doc=(
        "The Column holding the title and the widgets (rebuilt with the form)."))

    def __init__(self, object: Any = None, **params: Any) -> None:
        if isinstance(object, param.Parameter):
            if not isinstance(object.owner, param.Parameterized):
                raise TypeError("Param shows a parameter of a Parameterized object "
                                "(obj.param.x), not an unbound Parameter")
            params.setdefault("show_name", False)
            params["parameters"] = [object.name]
            object = object.owner
        if isinstance(object, param.parameterized.Parameters):
            object = object.cls if object.self is None else object.self
        if object is not None and not _is_parameterized(object):
            raise TypeError(f"Param shows a param.Parameterized object or class, not "
                            f"{type(object).__name__}")
        if object is not None and "name" not in params:
            params["name"] = _label(object.name)
        layout_class = params.get("default_layout") or Column
        if not (isinstance(layout_class, type) and issubclass(layout_class, ListLike)):
            raise TypeError(f"Param(default_layout=...) takes a layout class such as "
                            f"Column or Row, not {layout_class!r}")
        super().__init__(object=object, layout=layout_class(), **params)
        if self.initializer is not None and object is not None:
            self.initializer(object)
        #: Parameter name → its widget, for the current form.
        self.widget_map: dict[str, Model] = {}
        self._links: list[tuple[Any, param.parameterized.Watcher]] = []
        self._syncing: set[str] = set()
        self._items: list[Model] = []
        self._expanded: list[str] = []  # sub-object parameters whose form is shown
        self._subforms: dict[str, Param] = {}
        self._build()
        self.param.watch(self._rebuild, [
            "object", "parameters", "widgets", "name", "show_name", "show_labels",
            "hide_constant", "display_threshold", "expand", "expand_button", "sort",
            "default_precedence", "default_layout"])

        release_at_session_end(self._unlink)

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        if prop == "child":
            return to_json(self.layout, ref)
        return super()._derived(prop, ref)

    # -- building --------------------------------------------------------------------------

    def _names(self) -> list[str]:
        obj = self.object
        if obj is None:
            return []
        if self.parameters is not None:
            missing = [n for n in self.parameters if n not in obj.param]
            if missing:
                raise ValueError(f"Param: {type(obj).__name__} has no parameter "
                                 f"{', '.join(map(repr, missing))}")
            return list(self.parameters)
        names = [n for n in obj.param if n != "name"]
        if callable(self.sort):
            key = self.sort
            return [n for n, _ in sorted(((n, obj.param[n]) for n in names), key=key)]
        if self.sort:
            return sorted(names, key=lambda n: obj.param[n].label or n)
        # Panel's order: by precedence, declaration order among equals (a stable sort).
        default = self.default_precedence
        return sorted(names, key=lambda n: obj.param[n].precedence
                      if obj.param[n].precedence is not None else default)

    def _shown(self) -> Iterator[str]:
        for name in self._names():
            precedence = self.object.param[name].precedence
            if precedence is None or precedence >= self.display_threshold:
                yield name

    def _build(self) -> None:
        self._unlink()
        self.widget_map = {}
        obj = self.object
        items: list[Model] = []
        if obj is not None and self.show_name and self.name:
            items.append(Markdown(f"**{self.name}**"))
        self._subforms = {}
        self._expanded = []
        if obj is not None:
            names = list(self._shown())
            for name in names:
                self.widget_map[name] = self._widget(name)
                items.append(self.widget_map[name])
                if self._subobject(name) is not None:
                    if self.expand:
                        self._expanded.append(name)
                    if self.expand_button is not False:
                        items.append(self._expand_toggle(name))
            self._watch(obj, self._object_changed, names)
            self._watch(obj, self._metadata_changed, names, *_METADATA)
        self._items = items
        self._arrange()

    def _subobject(self, name: str) -> param.Parameterized | None:
        value = getattr(self.object, name)
        if isinstance(value, param.Parameterized) and not isinstance(value, Model):
            return value
        return None

    def _expand_toggle(self, name: str) -> Model:
        """A toggle that shows or hides the form of sub-object parameter ``name``."""
        toggle = _widgets_module().Toggle(name=f"{self.object.param[name].label or name} ⋮",
                                          value=name in self._expanded)

        def toggled(event: Any) -> None:
            if event.new and name not in self._expanded:
                self._expanded.append(name)
            elif not event.new and name in self._expanded:
                self._expanded.remove(name)
            self._arrange()

        self._links.append((toggle, toggle.param.watch(toggled, "value")))
        return toggle

    def _arrange(self) -> None:
        """The layout's items: the widgets, then the forms of the expanded sub-objects."""
        forms: list[Model] = []
        for name in self._expanded:
            sub = self._subobject(name)
            if sub is None:
                continue
            form = self._subforms.get(name)
            if form is None or form.object is not sub:
                form = self._subforms[name] = Param(
                    sub, expand=self.expand, expand_button=self.expand_button,
                    display_threshold=self.display_threshold, sort=self.sort,
                    default_precedence=self.default_precedence)
            forms.append(form)
        self.layout.objects = [*self._items, *forms]

    def _watch(self, obj: Any, fn: Callable[..., Any], names: list[str], *what: str) -> None:
        if not names:
            return
        for kind in what or ("value",):
            self._links.append((obj, obj.param.watch(fn, names, what=kind)))

    def _unlink(self, *_: Any) -> None:
        for owner, watcher in self._links:
            owner.param.unwatch(watcher)
        self._links = []

    def _rebuild(self, *events: Any) -> None:
        if self.object is not None and not _is_parameterized(self.object):
            raise TypeError(f"Param shows a param.Parameterized object or class, not "
                            f"{type(self.object).__name__}")
        if any(e.name == "default_layout" for e in events):
            self.layout = (self.default_layout or Column)()
        self._build()

    def _widget(self, name: str) -> Model:
        """The widget for parameter ``name``, linked to it both ways."""
        obj = self.object
        pobj = obj.param[name]
        spec = (self.widgets or {}).get(name)
        label = (pobj.label or name) if self.show_labels else ""
        if isinstance(spec, Model):
            widget = spec
        else:
            kwargs: dict[str, Any] = {}
            if isinstance(spec, dict):
                kwargs = dict(spec)
                spec = kwargs.pop("type", kwargs.pop("widget_type", None))
            cls = spec if spec is not None else widget_type(pobj)
            if cls is None or (spec is None and self._subobject(name) is not None):
                return self._readout(name, label)  # a sub-object: its form, not its repr
            widget = cls(**{**self._arguments(pobj, cls, label), **kwargs})
        self._link_widget(name, pobj, widget)
        return widget

    def _arguments(self, pobj: param.Parameter, cls: type[Model], label: str) -> dict[str, Any]:
        """Widget arguments from the parameter: label, disabled, value, options, bounds."""
        value = getattr(self.object, pobj.name)
        kw: dict[str, Any] = {"name": label, "disabled": bool(pobj.constant or pobj.readonly)}
        if self.hide_constant and pobj.constant:
            kw["visible"] = False
        if isinstance(pobj, param.Selector):
            options = dict(pobj.get_range())
            if not options and value is not None:
                options = {str(value): value}
            kw["options"] = options
        lower, upper = _soft_bounds(pobj)
        if "start" in cls.param and lower is not None:
            kw["start"] = lower
        if "end" in cls.param and upper is not None:
            kw["end"] = upper
        if "step" in cls.param and getattr(pobj, "step", None) is not None:
            kw["step"] = pobj.step
        if "clicks" not in cls.param and (value is not None or cls.param["value"].allow_None):
            kw["value"] = _to_widget(value)
        if "type" in cls.param and "serializer" in cls.param:  # a LiteralInput
            kw["type"] = _literal_type(pobj)
        return kw

    def _readout(self, name: str, label: str) -> Model:
        def text() -> str:
            value = getattr(self.object, name)
            return f"{label}: {value!r}" if label else repr(value)

        shown = Str(text())
        self._watch(self.object, lambda *_: setattr(shown, "object", text()), [name])
        return shown

    # -- syncing ---------------------------------------------------------------------------

    def _link_widget(self, name: str, pobj: param.Parameter, widget: Model) -> None:
        if "clicks" in widget.param:  # a Button: a click runs the action or the event
            def clicked(_event: Any) -> None:
                if isinstance(pobj, param.Event):
                    self.object.param.trigger(name)
                else:
                    getattr(self.object, name)(self.object)

            self._links.append((widget, widget.param.watch(clicked, "clicks")))
            return

        def edited(event: Any) -> None:
            if name in self._syncing:
                return
            current = getattr(self.object, name)
            self._syncing.add(name)
            try:
                setattr(self.object, name, _from_widget(event.new, current))
            except (ValueError, TypeError) as exc:
                widget.value = _to_widget(current)
                raise Invalid(f"{pobj.label or name}: {exc}") from None
            finally:
                self._syncing.discard(name)

        self._links.append((widget, widget.param.watch(edited, "value")))

    def _object_changed(self, *events: Any) -> None:
        if any(e.name in self._expanded for e in events):
            self._arrange()  # a sub-object shown as a form was replaced
        for event in events:
            widget = self.widget_map.get(event.name)
            if widget is None or event.name in self._syncing or "clicks" in widget.param:
                continue
            self._syncing.add(event.name)
            try:
                widget.value = _to_widget(event.new)
            finally:
                self._syncing.discard(event.name)

    def _metadata_changed(self, *_events: Any) -> None:
        self._build()


def _is_parameterized(obj: Any) -> bool:
    return isinstance(obj, param.Parameterized) or (
        isinstance(obj, type) and issubclass(obj, param.Parameterized))


def _to_widget(value: Any) -> Any:
    """A parameter's value as its widget holds it: a DatePicker holds dates, not times."""
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def _from_widget(value: Any, current: Any) -> Any:
    """A widget's value for the parameter: a date keeps the current value's time of day."""
    if isinstance(current, datetime.datetime) and type(value) is datetime.date:
        return datetime.datetime.combine(value, current.timetz())
    return value
