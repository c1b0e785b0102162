import docsync as ds
from docsync.core.document import Document
from docsync.pane import ParamFunction
from docsync.pane.function import references


def test_bind_reads_widget_values_and_plain_values():
    x = ds.widgets.IntSlider(end=10, value=2)
    t = ds.widgets.TextInput(value="a")
    bound = ds.bind(lambda n, s, k=0: f"{s * n}{k}", x, t.param.value, k=7)
    assert bound() == "aa7"
    assert {(o, n) for o, n, _ in references(bound)} == {(x, "value"), (t, "value")}


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
