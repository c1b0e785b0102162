"""``Param`` (docsync/pane/param.py): Panel's widget for each parameter type, the form's
options, and the two-way sync between widgets and parameters."""

import datetime

import param
import pytest

import docsync as ds
from docsync.exceptions import Invalid
from docsync.pane import Markdown, Param, Str
from docsync.pane.param import widget_type


class Settings(param.Parameterized):
    ratio = param.Number(default=0.5, bounds=(0, 1))
    free = param.Number(default=2.5)
    count = param.Integer(default=3, bounds=(0, 10))
    open_count = param.Integer(default=3, bounds=(0, None))
    flag = param.Boolean(default=False)
    kind = param.Selector(default="a", objects=["a", "b"])
    many = param.ListSelector(default=[], objects=["x", "y"])
    title = param.String(default="t")
    day = param.CalendarDate(default=datetime.date(2024, 1, 2))
    colour = param.Color(default="#112233")
    span = param.Range(default=(1, 2), bounds=(0, 5))
    float_span = param.Range(default=(0.5, 1.5), bounds=(0.0, 2.0))
    data = param.Dict(default={"k": 1})
    fired = param.Event()


def test_widgets_follow_panels_mapping():
    s = Settings.param
    assert {name: getattr(widget_type(s[name]), "__name__", None) for name in [
        "ratio", "free", "count", "open_count", "flag", "kind", "many", "title", "day",
        "colour", "span", "float_span", "data", "fired"]} == {
        "ratio": "FloatSlider", "free": "FloatInput", "count": "IntSlider",
        "open_count": "IntInput", "flag": "Checkbox", "kind": "Select",
        "many": "MultiSelect", "title": "TextInput", "day": "DatePicker",
        "colour": "ColorPicker", "span": "IntRangeSlider", "float_span": "RangeSlider",
        "data": "LiteralInput", "fired": "Button"}


def test_the_form_shows_a_title_and_a_widget_per_parameter_in_precedence_order():
    class Ordered(param.Parameterized):
        b = param.Integer(default=1, precedence=2)
        a = param.Integer(default=1, precedence=1)
        c = param.Integer(default=1)
        hidden = param.Integer(default=1, precedence=-1)

    form = Param(Ordered(name="Things"))
    kinds = [(type(o).__name__, getattr(o, "name", "")) for o in form.layout]
    assert kinds[0] == ("Markdown", kinds[0][1]) and form.layout[0].object == "**Things**"
    assert list(form.widget_map) == ["c", "a", "b"]
    form.display_threshold = -5
    assert "hidden" in form.widget_map
    form.show_name = False
    assert not isinstance(form.layout[0], Markdown)


def test_parameters_without_a_widget_show_as_text_that_follows_them():
    class Held(param.Parameterized):
        action = param.Callable(default=print)
        table = param.Array(default=None, allow_None=True)

    held = Held()
    form = Param(held, parameters=["action", "table"])
    shown = form.layout.objects[1:]
    assert all(isinstance(s, Str) for s in shown)
    assert shown[0].object == "Action: <built-in function print>"
    held.action = len
    assert shown[0].object == "Action: <built-in function len>"


class Blob(param.Parameterized):
    blob = param.Bytes(default=b"abc")


def test_other_parameters_are_typed_python_literals_as_in_panel():
    class Held(param.Parameterized):
        data = param.Dict(default={"k": 1})
        items = param.List(default=[1, 2])
        pair = param.Tuple(default=(1, "a"))
        anything = param.Parameter(default=None)

    held = Held()
    form = Param(held)
    data, items, pair, anything = (form.widget_map[n] for n in ("data", "items", "pair",
                                                                  "anything"))
    assert [type(w).__name__ for w in (data, items, pair, anything)] == ["LiteralInput"] * 4
    assert (data.type, items.type, pair.type, anything.type) == (dict, list, tuple, None)
    data.value = {"k": 2}
    anything.value = [3]
    assert held.data == {"k": 2} and held.anything == [3]
    held.items = [4]
    assert items.value == [4]
    blob = Param(Blob()).widget_map["blob"]
    assert type(blob).__name__ == "FileInput" and blob.value == b"abc"
    with pytest.raises(ValueError, match="must be a dict"):
        data.value = [1]  # the widget refuses what its parameter's type cannot hold
    assert held.data == {"k": 2}


def test_edits_reach_the_object_and_the_object_reaches_the_widgets():
    s = Settings()
    form = Param(s)
    form.widget_map["count"].value = 7
    form.widget_map["kind"].value = "b"
    form.widget_map["span"].value = (0, 4)
    assert (s.count, s.kind, s.span) == (7, "b", (0, 4))
    s.ratio = 0.25
    s.many = ["y"]
    assert form.widget_map["ratio"].value == 0.25 and form.widget_map["many"].value == ["y"]


def test_a_value_the_parameter_refuses_is_invalid_and_the_widget_goes_back():
    class Word(param.Parameterized):
        word = param.String(default="one", regex=r"^\w+$")

    w = Word()
    form = Param(w)
    with pytest.raises(Invalid, match=r"Word: .*regex"):
        form.widget_map["word"].value = "two words"
    assert w.word == "one" and form.widget_map["word"].value == "one"


def test_buttons_run_actions_and_trigger_events():
    ran: list[str] = []

    class Actions(param.Parameterized):
        go = param.Action(lambda self: ran.append("go"))
        fired = param.Event()

    a = Actions()
    a.param.watch(lambda e: ran.append("fired"), "fired")
    form = Param(a)
    form.widget_map["go"].clicks += 1
    form.widget_map["fired"].clicks += 1
    assert ran == ["go", "fired"]


def test_constant_readonly_and_hide_constant():
    class Fixed(param.Parameterized):
        c = param.Integer(default=1, constant=True)
        r = param.Integer(default=1, readonly=True)
        v = param.Integer(default=1)

    form = Param(Fixed())
    assert [w.disabled for w in form.widget_map.values()] == [True, True, False]
    hidden = Param(Fixed(), hide_constant=True)
    # param makes a readonly parameter constant too
    assert [w.visible for w in hidden.widget_map.values()] == [False, False, True]


def test_a_change_of_bounds_objects_or_constant_rebuilds_the_widget():
    s = Settings()
    form = Param(s, parameters=["count", "kind", "title"])
    s.param.count.bounds = (0, 50)
    s.param.kind.objects = ["a", "b", "c"]
    with param.parameterized.edit_constant(s):
        s.param.title.constant = True
    assert form.widget_map["count"].end == 50
    assert form.widget_map["kind"].options == {"a": "a", "b": "b", "c": "c"}
    assert form.widget_map["title"].disabled is True


def test_parameters_widgets_and_labels_options():
    s = Settings()
    given = ds.widgets.TextInput(name="Given")
    form = Param(s, parameters=["title", "count", "free"], show_labels=False, widgets={
        "title": given, "count": ds.widgets.IntInput,
        "free": {"type": ds.widgets.FloatSlider, "start": 0, "end": 10}})
    assert list(form.widget_map) == ["title", "count", "free"]
    assert form.widget_map["title"] is given
    assert type(form.widget_map["count"]) is ds.widgets.IntInput
    assert form.widget_map["count"].name == ""
    free = form.widget_map["free"]
    assert type(free) is ds.widgets.FloatSlider and free.end == 10 and free.value == 2.5
    given.value = "typed"
    assert s.title == "typed"
    with pytest.raises(ValueError, match="no parameter 'nope'"):
        Param(s, parameters=["nope"])


def test_one_parameter_a_class_and_a_param_namespace():
    s = Settings()
    single = ds.panel(s.param.count)
    assert type(single) is Param and list(single.widget_map) == ["count"]
    assert not single.show_name
    assert list(Param(s.param).widget_map) == list(Param(s).widget_map)

    class Defaults(param.Parameterized):
        level = param.Integer(default=1, bounds=(0, 5))

    form = ds.panel(Defaults)
    form.widget_map["level"].value = 4
    assert Defaults.level == 4


def test_a_datetime_keeps_its_time_of_day():
    class When(param.Parameterized):
        at = param.Date(default=datetime.datetime(2024, 1, 2, 9, 30))

    w = When()
    form = Param(w)
    picker = form.widget_map["at"]
    assert picker.value == datetime.date(2024, 1, 2)
    picker.value = datetime.date(2024, 3, 4)
    assert w.at == datetime.datetime(2024, 3, 4, 9, 30)


class Inner(param.Parameterized):
    depth = param.Integer(default=1, bounds=(0, 3))


class Outer(param.Parameterized):
    inner = param.ClassSelector(class_=Inner, default=Inner(name="Inner"))


def nested(form: Param) -> list[Param]:
    return [o for o in form.layout if isinstance(o, Param)]


def test_a_toggle_shows_and_hides_a_sub_objects_form():
    outer = Outer()
    form = Param(outer)
    toggle = next(o for o in form.layout if isinstance(o, ds.widgets.Toggle))
    assert toggle.name == "Inner ⋮" and not nested(form)
    toggle.value = True
    [sub] = nested(form)
    assert list(sub.widget_map) == ["depth"]
    sub.widget_map["depth"].value = 2
    assert outer.inner.depth == 2
    outer.inner = Inner(name="Other", depth=3)  # a new sub-object: a form of it
    [other] = nested(form)
    assert other.object is outer.inner and other.widget_map["depth"].value == 3
    toggle.value = False
    assert not nested(form)


def test_expand_and_expand_button():
    assert len(nested(Param(Outer(), expand=True))) == 1
    plain = Param(Outer(), expand_button=False)
    assert not nested(plain)
    assert not any(isinstance(o, ds.widgets.Toggle) for o in plain.layout)
    assert len(nested(Param(Outer(), expand=True, expand_button=False))) == 1


def test_sort_default_precedence_initializer_and_default_layout():
    class Letters(param.Parameterized):
        b = param.Integer(default=1)
        a = param.Integer(default=1, label="Zed")
        c = param.Integer(default=1, precedence=0.5)

    assert list(Param(Letters()).widget_map) == ["b", "a", "c"]
    assert list(Param(Letters(), default_precedence=1).widget_map) == ["c", "b", "a"]
    assert list(Param(Letters(), sort=True).widget_map) == ["b", "c", "a"]  # by label
    by_name = Param(Letters(), sort=lambda item: item[0])
    assert list(by_name.widget_map) == ["a", "b", "c"]
    letters = Letters()
    form = Param(letters, initializer=lambda obj: setattr(obj, "b", 9),
                 default_layout=ds.Row)
    assert isinstance(form.layout, ds.Row) and form.widget_map["b"].value == 9
    form.default_layout = ds.Column
    assert isinstance(form.layout, ds.Column) and len(form.layout) == 4
    with pytest.raises(TypeError, match="layout class"):
        Param(letters, default_layout=ds.pane.Markdown)


def test_what_is_not_a_parameterized_is_refused():
    with pytest.raises(TypeError, match="not int"):
        Param(3)
