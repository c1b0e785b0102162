"""Datapane's form controls as thin factories of docsync widgets, and ``Controls``.

Each factory returns an ordinary widget (so it also works outside a ``Form``):

================  ==========================================================
``TextBox``       ``TextInput``
``NumberBox``     ``IntInput`` when ``initial`` is an ``int``, else ``FloatInput``
``Choice``        ``Select``
``Range``         ``IntSlider`` when every bound is an ``int``, else ``FloatSlider``
``Switch``        ``Checkbox``
``File``          ``FileInput`` (``on_submit`` receives the file's bytes)
================  ==========================================================

A docsync widget has one ``name``, which is also its label (Panel's convention). A form
field is named by its ``Controls`` key when it has one, else by its widget's ``name``: so
``NumberBox("x")`` is the field ``x``, and ``Controls(x=NumberBox(label="Enter x"))`` is the
field ``x`` labelled "Enter x". A factory given both a name and a different label refuses,
since the widget could carry only one of them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import param

from docsync.widgets import (
    Checkbox,
    FileInput,
    FloatInput,
    FloatSlider,
    IntInput,
    IntSlider,
    Select,
    TextInput,
    Widget,
)

__all__ = ["Choice", "Controls", "File", "NumberBox", "Range", "Switch", "TextBox"]


def _label(factory: str, name: str | None, label: str | None) -> str:
    if name is not None and label is not None and name != label:
        raise TypeError(
            f"{factory}({name!r}, label={label!r}): a widget has one name, shown as its "
            f"label. Name the field with a Controls key instead: "
            f"Controls({name}={factory}(label={label!r}))")
    return label if label is not None else name or ""


def TextBox(name: str | None = None, *, label: str | None = None, initial: str = "",
            placeholder: str = "") -> TextInput:
    """A line of text."""
    return TextInput(name=_label("TextBox", name, label), value=initial,
                     placeholder=placeholder)


def NumberBox(name: str | None = None, *, label: str | None = None,
              initial: int | float = 0.0) -> IntInput | FloatInput:
    """A number: whole numbers when ``initial`` is an ``int``."""
    text = _label("NumberBox", name, label)
    if isinstance(initial, int) and not isinstance(initial, bool):
        return IntInput(name=text, value=initial)
    return FloatInput(name=text, value=float(initial))


def Choice(name: str | None = None, options: Sequence[Any] | Mapping[str, Any] = (), *,
           label: str | None = None, initial: Any = None) -> Select:
    """One of ``options`` (a list of values, or a dict of label → value)."""
    opts: list[Any] | dict[str, Any] = dict(options) if isinstance(options, Mapping) \
        else list(options)
    params: dict[str, Any] = {"name": _label("Choice", name, label), "options": opts}
    if initial is not None:
        params["value"] = initial
    return Select(**params)


def Range(name: str | None = None, *, min: int | float, max: int | float,
          initial: int | float | None = None, step: int | float | None = None,
          label: str | None = None) -> IntSlider | FloatSlider:
    """A number between ``min`` and ``max`` on a slider (whole numbers when all are ints)."""
    text = _label("Range", name, label)
    value = min if initial is None else initial
    numbers = [n for n in (min, max, value, step) if n is not None]
    if all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
        return IntSlider(name=text, start=int(min), end=int(max), value=int(value),
                         step=int(step or 1))
    return FloatSlider(name=text, start=float(min), end=float(max), value=float(value),
                       step=float(step) if step is not None else (max - min) / 100)


def Switch(name: str | None = None, *, label: str | None = None,
           initial: bool = False) -> Checkbox:
    """On or off."""
    return Checkbox(name=_label("Switch", name, label), value=initial)


def File(name: str | None = None, *, label: str | None = None, accept: str = "",
         max_size: int | None = None) -> FileInput:
    """A file the user uploads; the handler receives its bytes (``io.BytesIO`` reads them
    like a file: ``pd.read_csv(io.BytesIO(file))``)."""
    params: dict[str, Any] = {"name": _label("File", name, label), "accept": accept}
    if max_size is not None:
        params["max_size"] = max_size
    return FileInput(**params)


class Controls(Mapping[str, Widget]):
    """Form fields by name: ``Controls(NumberBox("x"), y=NumberBox(label="Y"))``.

    Positional widgets are named by their ``name``; keyword ones by their keyword (a widget
    without a label is labelled with it). Names are unique.
    """

    def __init__(self, *widgets: Widget, **named: Widget) -> None:
        self._fields: dict[str, Widget] = {}
        for widget in widgets:
            self._add(widget.name, widget)
        for name, widget in named.items():
            if not widget.name:
                with param.edit_constant(widget):  # a widget's name is constant in param
                    widget.name = name
            self._add(name, widget)

    def _add(self, name: str, widget: Any) -> None:
        if not isinstance(widget, Widget):
            raise TypeError(f"field {name!r} is a {type(widget).__name__}, not a widget")
        if not name:
            raise ValueError(f"a {type(widget).__name__} field has no name: give it a name "
                             "(its label) or pass it by keyword")
        if name in self._fields:
            raise ValueError(f"two fields are named {name!r}: names must be unique")
        self._fields[name] = widget

    def __getitem__(self, name: str) -> Widget:
        return self._fields[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __repr__(self) -> str:
        return f"Controls({', '.join(f'{k}={v!r}' for k, v in self._fields.items())})"
