"""``bind``, ``depends`` and ``rx`` (docsync/bind.py): Panel's rules, widgets as references."""

import param
import pytest

import docsync as ds
from docsync.bind import use_widget_references
from docsync.pane.function import references


def test_bind_reads_widget_values_and_plain_values():
    x = ds.widgets.IntSlider(end=10, value=2)
    t = ds.widgets.TextInput(value="a")
    bound = ds.bind(lambda n, s, k=0: f"{s * n}{k}", x, t.param.value, k=7)
    assert bound() == "aa7"
    assert {(o, n) for o, n, _ in references(bound)} == {(x, "value"), (t, "value")}


def test_arguments_left_unbound_are_given_at_call_time():
    who = ds.widgets.TextInput(value="Ann")
    greet = ds.bind(lambda name, greeting, punct="!": f"{greeting} {name}{punct}", who)
    assert greet("Hi") == "Hi Ann!"
    who.value = "Bo"
    assert greet("Hey", punct="?") == "Hey Bo?"


def test_a_bound_function_as_an_argument_is_resolved_to_its_value():
    x = ds.widgets.IntSlider(end=10, value=2)
    double = ds.bind(lambda v: v * 2, x)
    label = ds.bind(lambda d, unit: f"{d} {unit}", double, "m")
    assert label() == "4 m"
    assert {(o, n) for o, n, _ in references(label)} == {(x, "value")}
    x.value = 5
    assert label() == "10 m"


def test_watch_true_calls_the_function_on_each_change():
    x = ds.widgets.IntSlider(end=10, value=1)
    seen: list[int] = []
    ds.bind(seen.append, x, watch=True)
    x.value = 3
    x.value = 4
    assert seen == [3, 4]


def test_depends_takes_widgets_and_rx_wraps_their_values():
    x = ds.widgets.IntSlider(end=10, value=2)

    @ds.depends(x)
    def square(v):
        return v * v

    assert {(o, n) for o, n, _ in references(square)} == {(x, "value")}
    expr = ds.rx(x) + 1
    assert expr.rx.value == 3
    x.value = 6
    assert expr.rx.value == 7


def test_widgets_are_references_for_param_once_a_runtime_asked_for_it():
    use_widget_references()
    use_widget_references()  # idempotent
    x = ds.widgets.IntSlider(end=10, value=2)
    assert param.parameterized.transform_reference(x) is x.param["value"]
    assert param.bind(lambda v: v + 1, x)() == 3
    expr = param.rx(x) * 10
    x.value = 4
    assert expr.rx.value == 40


def test_bind_refuses_a_non_function():
    with pytest.raises(TypeError, match="needs a function first"):
        ds.bind(3, 4)  # type: ignore[arg-type]


def test_depends_watch_true_calls_on_each_change_and_on_init_once():
    x = ds.widgets.IntSlider(end=10, value=1)
    seen: list[int] = []

    @ds.depends(x, watch=True)
    def record(v):
        seen.append(v)

    x.value = 5
    assert seen == [5]

    class Counter(param.Parameterized):
        n = param.Integer(default=0)
        calls = param.List(default=[])

        @ds.depends("n", watch=True, on_init=True)
        def track(self):
            self.calls = [*self.calls, self.n]

    c = Counter()
    c.n = 2
    assert c.calls == [0, 2]


def test_current_is_what_param_resolves_for_every_kind_of_argument():
    """``BoundFunction.current`` (what a shown bind re-renders with) reads each reference
    once; it must give what param's own resolution gives: widgets, parameters, nested
    binds, rx expressions, depends functions and plain values, bound by position and by
    keyword."""
    class Owner(param.Parameterized):
        n = param.Integer(3)

    owner = Owner()
    x = ds.widgets.IntSlider(end=10, value=2)
    word = ds.widgets.TextInput(value="ha")
    loud = ds.rx(word).upper()
    twice = ds.bind(lambda v: v * 2, x)

    @ds.depends(x)
    def plus_one(v):
        return v + 1

    bound = ds.bind(lambda a, b, c, d, e, f="", g=0: (a, b, c, d, e, f, g),
                    x, owner.param.n, twice, loud, "plain", f=plus_one, g=word)
    expected = (2, 3, 4, "HA", "plain", 3, "ha")
    assert bound.current() == expected == param.parameterized.resolve_value(bound)
    x.value, owner.n, word.value = 5, 9, "ho"
    expected = (5, 9, 10, "HO", "plain", 6, "ho")
    assert bound.current() == expected == param.parameterized.resolve_value(bound)


def test_dependencies_are_what_param_finds_in_its_own_bind():
    """``dependencies`` (what a shown bind watches) must name what ``param.resolve_ref``
    finds in param's own bind of the same arguments, each parameter once."""
    class Owner(param.Parameterized):
        n = param.Integer(3)

    owner = Owner()
    x = ds.widgets.IntSlider(end=10, value=2)
    word = ds.widgets.TextInput(value="ha")
    press = ds.widgets.Button()
    loud = ds.rx(word).upper()
    twice = ds.bind(lambda v: v * 2, x)

    @ds.depends(x)
    def plus_one(v):
        return v + 1

    bound = ds.bind(lambda *a, **k: (a, k), x, owner.param.n, twice, loud, "plain", press,
                    f=plus_one, g=word, h=Owner.param.n)
    ours = [(id(o), n) for o, n in bound.dependencies()]
    theirs = {(id(p.owner), p.name) for p in param.parameterized.resolve_ref(bound._param_bound())
              if isinstance(p.owner, param.Parameterized)}
    assert len(ours) == len(set(ours))
    assert set(ours) == theirs == {(id(x), "value"), (id(owner), "n"), (id(word), "value"),
                                   (id(press), "clicks")}


def test_a_shown_bind_leaves_the_widget_without_an_instance_parameter():
    """Showing ``bind(f, widget)`` reads the widget by name: param's copy of the widget's
    parameter for the instance (memory every session would hold for every widget shown)
    is made only when param itself is given the bind, or the widget is set (param copies
    a parameter on an instance's first set of it)."""
    x = ds.widgets.IntSlider(end=10, value=2)
    shown = ds.panel(ds.bind(lambda v: f"v={v}", x))
    assert shown.child.object == "v=2"
    assert x.param.objects("existing")["value"] is ds.widgets.IntSlider.param["value"]
    bound = ds.bind(lambda v: v + 1, x)
    assert param.parameterized.resolve_value(bound) == 3  # param's view: made on demand
    assert x.param.objects("existing")["value"].owner is x
    x.value = 3
    assert shown.child.object == "v=3"
