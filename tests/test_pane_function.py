"""``ParamFunction`` and ``ParamMethod`` (docsync/pane/function.py): what they show, when
they show it again, defer_load and loading_indicator, and their watchers' lifetime."""

import logging

import param
import pytest

import docsync as ds
from docsync.core.document import Document
from docsync.location import Location
from docsync.pane import Markdown, ParamFunction, ParamMethod
from docsync.runtime.context import Runtime, RuntimeConfig, SessionContext


class Shape(param.Parameterized):
    sides = param.Integer(default=3, bounds=(3, 12))
    colour = param.String(default="red")

    def describe(self):
        return f"{self.colour} {self.sides}"

    @param.depends("sides")
    def sides_only(self):
        return f"{self.sides} sides ({self.colour})"


def test_a_bound_string_rerenders_in_place():
    x = ds.widgets.IntSlider(end=10, value=2)
    pf = ParamFunction(ds.bind(lambda v: f"v={v}", x))
    child = pf.child
    x.value = 5
    assert pf.child is child and child.object == "v=5"


def test_a_bound_function_returning_components_replaces_its_child_only():
    x = ds.widgets.IntSlider(end=10, value=1)
    col = ds.Column(x, ds.bind(lambda v: ds.Row(*[ds.pane.Str(i) for i in range(v)]), x))
    doc = Document([col])
    doc.snapshot(1)
    x.value = 2
    ops = doc.take_ops(2)
    kinds = [(o["op"], o["path"]) for o in ops]
    assert ("replace", "/models/m3/props/child") in kinds
    assert ("remove", "/models/m4") in kinds  # the old Row and its Str
    assert not any(p.startswith("/models/m1/") for _, p in kinds)  # the Column is untouched
    assert sum(1 for k, _ in kinds if k == "add") == 3


def test_a_change_of_result_type_swaps_the_pane():
    x = ds.widgets.Checkbox(value=False)
    pf = ParamFunction(ds.bind(lambda v: 42 if v else "text", x))
    assert type(pf.child).__name__ == "Markdown"
    x.value = True
    assert type(pf.child).__name__ == "Str"


def test_a_given_child_shows_the_first_result():
    x = ds.widgets.IntSlider(end=10, value=3)
    given = ds.pane.Markdown("placeholder")
    pf = ParamFunction(ds.bind(lambda v: f"v={v}", x), child=given)
    assert pf.child is given and given.object == "v=3"
    x.value = 4
    assert pf.child is given and given.object == "v=4"


def test_an_undecorated_method_follows_every_parameter_of_its_object():
    shape = Shape()
    pm = ds.panel(shape.describe)
    assert type(pm) is ParamMethod and pm.child.object == "red 3"
    shape.colour = "blue"
    assert pm.child.object == "blue 3"


def test_a_depends_method_follows_only_what_it_declares():
    shape = Shape()
    pm = ds.panel(shape.sides_only)
    shape.colour = "blue"
    assert pm.child.object == "3 sides (red)"
    shape.sides = 5
    assert pm.child.object == "5 sides (blue)"


def test_an_rx_expression_is_shown_and_followed():
    x = ds.widgets.IntSlider(end=10, value=2)
    pf = ParamFunction(ds.rx(x) * 3)
    assert pf.child.object == 6
    x.value = 4
    assert pf.child.object == 12


def test_skip_keeps_what_is_shown():
    x = ds.widgets.IntSlider(end=10, value=2)

    def odd_only(v):
        if v % 2 == 0:
            raise param.Skip
        return f"odd {v}"

    pf = ParamFunction(ds.bind(lambda v: f"odd {v}" if v % 2 else param.Skip, x))
    assert pf.child is None  # the first value was skipped
    x.value = 3
    assert pf.child.object == "odd 3"
    x.value = 4
    assert pf.child.object == "odd 3"
    raising = ParamFunction(ds.bind(odd_only, x))
    x.value = 6
    assert raising.child is None


def test_a_function_without_dependencies_is_shown_once_with_panels_warning(caplog):
    with caplog.at_level(logging.WARNING):
        pf = ds.panel(lambda: "static")
    assert pf.child.object == "static"
    assert "has no dependencies" in caplog.text and "'<lambda>'" in caplog.text


def test_a_new_object_is_followed_instead_of_the_old_one():
    a = ds.widgets.IntSlider(end=10, value=1)
    b = ds.widgets.IntSlider(end=10, value=7)
    pf = ParamFunction(ds.bind(lambda v: f"a={v}", a))
    pf.object = ds.bind(lambda v: f"b={v}", b)
    assert pf.child.object == "b=7"
    a.value = 2
    assert pf.child.object == "b=7"
    b.value = 8
    assert pf.child.object == "b=8"
    calls = []
    pf.param.update(object=ds.bind(lambda v: calls.append(v) or f"c={v}", a))
    assert pf.child.object == "c=2" and calls == [2]
    pf.object = pf.object  # the same object again: nothing to link or compute
    assert calls == [2]
    assert "object" not in pf.param.watchers  # followed by ParamFunction itself


def test_outside_a_session_defer_load_and_loading_indicator_compute_at_once():
    x = ds.widgets.IntSlider(end=10, value=1)
    pf = ds.panel(ds.bind(lambda v: f"v={v}", x), defer_load=True, loading_indicator=True)
    assert pf.child.object == "v=1" and pf.loading is False
    x.value = 2
    assert pf.child.object == "v=2" and pf.loading is False


def test_defaults_come_from_config():
    ds.config.loading_indicator = True
    try:
        pf = ParamFunction(ds.bind(lambda v: v, ds.widgets.IntSlider(end=3)))
        assert pf.loading_indicator is True and pf.defer_load is False
    finally:
        ds.config.loading_indicator = False


def test_what_cannot_be_shown_is_refused():
    with pytest.raises(TypeError, match="not int"):
        ParamFunction(3)
    with pytest.raises(TypeError, match="use ParamFunction for functions"):
        ParamMethod(lambda: 1)


def watching(obj: param.Parameterized) -> list[object]:
    return [w for kinds in obj.param.watchers.values() for ws in kinds.values() for w in ws]


async def test_watchers_on_objects_outliving_the_session_go_with_it():
    shared = Shape()
    runtime = Runtime(RuntimeConfig(num_threads=1))
    try:
        ctx = SessionContext(runtime, "s1", args={}, location=Location(), headers={},
                             cookies={}, deliver=lambda: None)
        with ctx.activate():
            shown = ds.Column(shared.describe, ds.Param(shared))
        assert watching(shared)
        ctx.destroy()
        assert not watching(shared)
        assert isinstance(shown[0].child, Markdown)
    finally:
        runtime.close()


def test_async_and_generator_functions_need_a_session():
    x = ds.widgets.IntSlider(end=3)

    async def fetch(v):
        return v

    def count(v):
        yield v

    for fn in (fetch, count):
        with pytest.raises(TypeError, match="runs those in a session"):
            ParamFunction(ds.bind(fn, x))
