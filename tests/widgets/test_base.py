"""The widget base (docsync/widgets/base.py): label and name, from_values, the errors for
arguments a widget does not take."""

import datetime

import pandas as pd
import pytest

import docsync as pn
from docsync.exceptions import ArgumentError
from docsync.widgets import Widget

w = pn.widgets


def test_label_and_name_are_one_caption():
    assert (w.TextInput(label="City").name, w.TextInput(name="City").label) == ("City", "City")
    both = w.TextInput(name="old", label="new")  # label wins, as in Panel
    assert (both.name, both.label) == ("new", "new")
    field = w.TextInput()
    assert (field.name, field.label) == ("", "")
    field.label = "Town"
    assert field.name == "Town"
    field.name = "Village"
    assert field.label == "Village"
    field.param.update(label="Hamlet")
    assert field.name == "Hamlet"


def test_only_name_is_sent():
    from docsync.core.model import props_json

    props = props_json(w.IntSlider(label="x"), lambda m: "m0")
    assert props["name"] == "x" and "label" not in props


def test_from_values_infers_bounds_options_and_label():
    series = pd.Series([3.5, float("nan"), 1.5, 9.0], name="rain")
    slider = w.FloatSlider.from_values(series)
    assert (slider.label, slider.start, slider.end, slider.value) == ("rain", 1.5, 9.0, 1.5)
    assert w.IntRangeSlider.from_values([4, 2, 8]).value == (2, 8)
    select = w.Select.from_values(["b", "a", "b"], label="Letter")
    assert (select.options, select.value, select.label) == (["b", "a"], "b", "Letter")
    assert w.Select.from_values({"One": 1, "Two": 2}).options == {"One": 1, "Two": 2}
    assert w.MultiSelect.from_values(["x", "y", "x"]).value == []
    day = datetime.date(2024, 1, 2)
    picker = w.DatePicker.from_values([day])
    assert (picker.start, picker.end, picker.value) == (day, day, day)
    assert w.IntSlider.from_values([5, 7], value=6).value == 6
    with pytest.raises(ValueError, match=r"at least one value"):
        w.IntSlider.from_values([float("nan")])


def test_an_unknown_argument_names_the_nearest_one():
    with pytest.raises(ArgumentError, match=r"IntSlider has no argument 'valeu': did you "
                                            "mean 'value'"):
        w.IntSlider(valeu=3)
    with pytest.raises(TypeError, match=r"Select has no argument 'option'.*'options'"):
        w.Select(option=["a"])
    with pytest.raises(ArgumentError, match=r"its arguments are .*disabled.*value"):
        w.Checkbox(zzzzzzzz=1)


def test_a_panel_argument_docsync_does_not_take_says_what_to_do_instead():
    with pytest.raises(ArgumentError, match=r"IntSlider: Panel's argument 'bar_color' is not "
                                            "supported by docsync"):
        w.IntSlider(bar_color="red")
    with pytest.raises(ArgumentError, match=r"'description'.*Markdown pane beside"):
        w.TextInput(description="Your city")
    assert w.Button(align="center").align == "center"  # Panel's align is supported
    with pytest.raises(ArgumentError, match=r"'embed'.*each click"):
        w.FileDownload(b"x", filename="x.txt", embed=True)


def test_a_panel_argument_that_asks_for_what_docsync_does_is_taken():
    slider = w.IntSlider(orientation="horizontal", direction="ltr", show_value=True, end=3)
    assert slider.end == 3
    assert w.FileDownload(b"x", filename="x.txt", embed=False, auto=True).filename == "x.txt"
    with pytest.raises(ArgumentError, match=r"'orientation'"):
        w.IntSlider(orientation="vertical")


def test_widget_depth_stays_within_three_below_model():
    from docsync.core.model import Model

    for name in w.__all__:
        kind = getattr(w, name)
        if isinstance(kind, type) and issubclass(kind, Widget):
            # Components between Model and the class (a plain mixin is not one of them).
            depth = sum(1 for c in kind.__mro__ if issubclass(c, Model) and c is not Model)
            assert depth <= 3, name


def test_panels_color_is_the_button_type():
    assert w.Button(name="Go", color="primary").button_type == "primary"
    assert w.Toggle(name="On", color="success", button_type="danger").button_type == "success"
    with pytest.raises(ValueError):
        w.Button(color="chartreuse")
