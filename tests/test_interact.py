"""``interact``: widgets from a function's arguments, and its output re-run."""

from __future__ import annotations

import pytest

import docsync as pn
from docsync.interact import fixed, interact_manual, widget_for
from docsync.widgets import Checkbox, FloatSlider, IntSlider, Select, TextInput


@pytest.mark.parametrize(("abbrev", "kind", "values"), [
    (10, IntSlider, {"start": -10, "end": 30, "value": 10}),
    (-2, IntSlider, {"start": -6, "end": 2, "value": -2}),
    (0, IntSlider, {"start": 0, "end": 1, "value": 0}),
    (2.5, FloatSlider, {"start": -2.5, "end": 7.5, "value": 2.5}),
    ((0, 8), IntSlider, {"start": 0, "end": 8, "value": 4}),
    ((0, 8, 2), IntSlider, {"start": 0, "end": 8, "step": 2, "value": 4}),
    ((0.0, 10.0), FloatSlider, {"start": 0.0, "end": 10.0, "value": 5.0}),
    ((0.0, 20.0, 0.5, 5.5), FloatSlider, {"start": 0.0, "end": 20.0, "step": 0.5,
                                          "value": 5.5}),
    ((0.0, 20.0, None, 5.5), FloatSlider, {"start": 0.0, "end": 20.0, "value": 5.5}),
    (True, Checkbox, {"value": True}),
    ("hi", TextInput, {"value": "hi"}),
])
def test_abbreviations_make_panels_widgets(abbrev, kind, values):
    widget = widget_for(abbrev, "x")
    assert type(widget) is kind and widget.label == "x"
    for name, value in values.items():
        assert getattr(widget, name) == value


def test_lists_and_dicts_make_selects_and_widgets_are_kept():
    assert widget_for(["a", "b"], "x").options == ["a", "b"]
    assert isinstance(widget_for({"one": 10, "two": 20}, "x"), Select)
    slider = IntSlider(start=0, end=5)
    assert widget_for(slider, "x") is slider


@pytest.mark.parametrize(("abbrev", "message"), [
    (object(), "give a widget"),
    ((0, 1, -1), "step must be above 0"),
    ((0, 10, 1, 20), "not between"),
    ([], "offers nothing"),
])
def test_bad_abbreviations_name_the_argument(abbrev, message):
    with pytest.raises((TypeError, ValueError), match=message):
        widget_for(abbrev, "x")


def test_output_follows_the_widgets_and_fixed_values_stay_out():
    def f(x, y=2, z="a"):
        return f"{x}-{y}-{z}"

    layout = pn.interact(f, x=10, y=fixed(5))
    assert [w.label for w in layout.widget_box] == ["x", "z"]  # no widget for y
    layout.widgets["x"].value = 12
    layout.widgets["z"].value = "b"
    assert layout[1].child.object == "12-5-b"
    assert layout.kwargs == {"x": 12, "y": 5, "z": "b"}


def test_a_list_default_is_passed_as_it_is():
    layout = pn.interact(lambda items=[1, 2]: f"{len(items)} items")
    assert list(layout.widget_box) == [] and layout[1].child.object == "2 items"


def test_decorator_forms_and_manual_and_throttled_runs():
    @pn.interact(x=True, y=10)
    def g(x, y):
        return f"{x} {y}"

    assert g[1].child.object == "True 10"

    manual = interact_manual(lambda x=1: f"x={x}")
    manual.widgets["x"].value = 3
    assert manual[1].child.object == "x=1"  # waits for the button
    manual.widget_box[-1].clicks += 1
    assert manual[1].child.object == "x=3"

    slow = pn.interact(lambda x: f"x={x}", x=1, throttled=True)
    slow.widgets["x"].value = 2
    assert slow[1].child.object == "x=1"  # dragging
    slow.widgets["x"].value_throttled = 2
    assert slow[1].child.object == "x=2"  # released


def test_missing_and_unknown_arguments_are_errors():
    def f(x):
        return x

    with pytest.raises(TypeError, match="give f's argument 'x'"):
        pn.interact(f)
    with pytest.raises(TypeError, match="takes no argument 'w'"):
        pn.interact(lambda x: x, x=1, w=2)
    with pytest.raises(ValueError, match="'throttled'"):
        pn.interact(lambda throttled: 0, throttled=False)
