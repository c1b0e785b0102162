"""``Widget.from_param`` (docsync/widgets/link.py): what is derived from a parameter, and
the link both ways."""

import datetime

import param
import pytest

import docsync as pn
from docsync.widgets.link import widget_type

w = pn.widgets


class Settings(param.Parameterized):
    bins = param.Integer(default=10, bounds=(1, 50), step=2)
    ratio = param.Number(default=0.5, softbounds=(0.0, 1.0))
    weight = param.Number(default=2.5)
    count = param.Integer(default=3)
    shade = param.Selector(default="b", objects=["a", "b"])
    unit = param.Selector(default=1, objects={"one": 1, "two": 2})
    tags = param.ListSelector(default=["x"], objects=["x", "y"])
    title = param.String(default="Hi")
    flag = param.Boolean(default=True)
    day = param.CalendarDate(default=datetime.date(2024, 1, 1))
    color = param.Color(default="#112233")
    span = param.Range(default=(1, 3), bounds=(0, 5))
    fixed = param.Integer(default=1, constant=True)
    blob = param.Dict(default={})
    go = param.Event()
    hello = param.Action(lambda self: self.param.update(title="clicked"))


def test_the_widget_type_follows_the_parameter_type():
    s = Settings()
    kinds = {name: type(w.Widget.from_param(s.param[name])).__name__
             for name in ("bins", "ratio", "weight", "count", "shade", "tags", "title", "flag",
                          "day", "color", "span", "go", "hello")}
    assert kinds == {"bins": "IntSlider", "ratio": "FloatSlider", "weight": "FloatInput",
                     "count": "IntInput", "shade": "Select", "tags": "MultiSelect",
                     "title": "TextInput", "flag": "Checkbox", "day": "DatePicker",
                     "color": "ColorPicker", "span": "IntRangeSlider", "go": "Button",
                     "hello": "Button"}
    with pytest.raises(ValueError, match=r"no widget for a Dict parameter .*'blob'"):
        widget_type(Settings.param.blob)


def test_arguments_come_from_the_parameter_and_kwargs_win():
    s = Settings()
    bins = w.IntSlider.from_param(s.param.bins)
    assert (bins.label, bins.start, bins.end, bins.step, bins.value) == ("Bins", 1, 50, 2, 10)
    assert w.FloatSlider.from_param(s.param.ratio).end == 1.0
    unit = w.Select.from_param(s.param.unit)
    assert (unit.options, unit.value) == ({"one": 1, "two": 2}, 1)
    assert w.Select.from_param(s.param.shade).options == ["a", "b"]
    assert w.IntInput.from_param(s.param.fixed).disabled is True
    custom = w.IntSlider.from_param(s.param.bins, name="How many", end=20)
    assert (custom.label, custom.end) == ("How many", 20)


def test_the_link_goes_both_ways():
    s = Settings()
    bins = w.IntSlider.from_param(s.param.bins)
    bins.value = 30
    assert s.bins == 30
    s.bins = 12
    assert bins.value == 12
    with pytest.raises(ValueError):
        bins.value = 99  # the parameter refuses it: the widget goes back
    assert (bins.value, s.bins) == (12, 12)


def test_a_class_parameter_links_to_the_class():
    class Shared(param.Parameterized):
        level = param.Integer(default=1, bounds=(0, 9))

    level = w.IntSlider.from_param(Shared.param.level)
    level.value = 4
    assert Shared.level == 4


def test_events_and_actions_become_buttons_that_fire_them():
    s = Settings()
    seen = []
    s.param.watch(lambda e: seen.append(e.name), "go")
    go = w.Button.from_param(s.param.go)
    go._handle_event("click", {})
    assert seen == ["go"]
    hello = w.Widget.from_param(s.param.hello)
    assert hello.label == "Hello"
    hello._handle_event("click", {})
    assert s.title == "clicked"


def test_from_param_needs_a_parameter_of_a_class():
    with pytest.raises(ValueError, match=r"takes a parameter such as Settings.param.x, not a int"):
        w.IntSlider.from_param(3)
    with pytest.raises(ValueError, match=r"belongs to no Parameterized class"):
        w.IntSlider.from_param(param.Integer(1))
