import threading

import param
import pytest

import docsync as ds
from docsync.core.document import Document
from docsync.exceptions import BadMessage, Forbidden, Invalid


def replace(mid, prop, value):
    return {"op": "replace", "path": f"/models/{mid}/props/{prop}", "value": value}


@pytest.fixture
def hello():
    x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
    doc = Document([ds.Column(x, ds.bind(lambda v: f"x is {v}", x))], title="t")
    doc.snapshot(1)
    return doc, x


def test_snapshot_lists_every_reachable_model_with_refs():
    x = ds.widgets.IntSlider(name="x", value=1, end=5)
    col = ds.Column(x, ds.Row(ds.pane.Str("s")))
    snap = Document([col], title="T").snapshot(1)
    assert snap["title"] == "T" and snap["roots"] == ["m1"]
    assert [m["type"] for m in snap["models"].values()] == ["Column", "IntSlider", "Row", "Str"]
    assert snap["models"]["m1"]["props"]["children"] == [{"ref": "m2"}, {"ref": "m3"}]
    assert snap["models"]["m2"]["props"]["value"] == 1
    assert snap["models"]["m4"]["props"]["text"] == "s"


def test_many_changes_coalesce_into_one_op_per_property(hello):
    doc, x = hello
    for v in range(10):
        x.value = v
    x.value = 7
    ops = doc.take_ops(2)
    paths = [op["path"] for op in ops]
    assert paths == ["/models/m4/props/object", "/models/m4/props/html", "/models/m2/props/value"]
    assert ops[0]["value"] == "x is 7"
    assert doc.take_ops(3) == []


def test_a_change_back_to_the_sent_value_sends_nothing(hello):
    doc, x = hello
    x.value = 9
    x.value = 3
    assert doc.take_ops(2) == []


def test_on_dirty_fires_once_per_clean_to_dirty_transition(hello):
    doc, x = hello
    calls = []
    doc.on_dirty = lambda: calls.append(1)
    x.value = 1
    x.value = 2
    assert calls == [1]
    doc.take_ops(2)
    x.value = 3
    assert calls == [1, 1]


def test_models_are_added_and_removed_as_they_become_reachable():
    col = ds.Column(ds.pane.Markdown("a"))
    doc = Document([col])
    doc.snapshot(1)
    inner = ds.Row(ds.pane.Str("b"))
    col.append(inner)
    ops = doc.take_ops(2)
    assert [(o["op"], o["path"]) for o in ops] == [
        ("add", "/models/m3"), ("add", "/models/m4"), ("replace", "/models/m1/props/children")]
    assert ops[0]["value"]["type"] == "Row"
    assert ops[2]["value"] == [{"ref": "m2"}, {"ref": "m3"}]
    col.remove(inner)
    ops = doc.take_ops(3)
    assert [(o["op"], o["path"]) for o in ops] == [
        ("replace", "/models/m1/props/children"), ("remove", "/models/m3"),
        ("remove", "/models/m4")]
    # An unreachable model no longer reaches the client, and ids are never reused.
    inner[0].object = "changed"
    assert doc.take_ops(4) == []
    col.append(inner)
    assert [o["path"] for o in doc.take_ops(5) if o["op"] == "add"] == ["/models/m5", "/models/m6"]


def test_title_and_roots_changes_are_ops():
    a, b = ds.pane.Str("a"), ds.pane.Str("b")
    doc = Document([a], title="one")
    doc.snapshot(1)
    doc.title = "two"
    doc.roots = [b]
    ops = doc.take_ops(2)
    assert {"op": "replace", "path": "/title", "value": "two"} in ops
    assert {"op": "replace", "path": "/roots", "value": ["m2"]} in ops
    assert {"op": "remove", "path": "/models/m1"} in ops


def test_client_values_are_applied_and_not_echoed(hello):
    doc, x = hello
    doc.apply_client_ops([replace("m2", "value", 6)], base=1)
    assert x.value == 6
    assert [o["path"] for o in doc.take_ops(2)] == [
        "/models/m4/props/object", "/models/m4/props/html"]


def test_a_message_is_all_or_nothing(hello):
    doc, x = hello
    with pytest.raises(Invalid) as info:
        doc.apply_client_ops([replace("m2", "value", 4), replace("m2", "value", 11)], base=1)
    assert x.value == 3
    assert info.value.paths == (("m2", "value"), ("m2", "value"))
    with pytest.raises(Forbidden):
        doc.apply_client_ops([replace("m2", "value", 4), replace("m2", "end", 20)], base=1)
    assert x.value == 3 and x.end == 10


def test_validation_does_not_notify_watchers(hello):
    doc, x = hello
    seen = []
    x.param.watch(lambda e: seen.append(e.new), "value")
    with pytest.raises(Invalid):
        doc.apply_client_ops([replace("m2", "value", 4), replace("m2", "value", "x")], base=1)
    assert seen == []


@pytest.mark.parametrize(("ops", "error"), [
    ([{"op": "add", "path": "/models/m2/props/value", "value": 1}], Forbidden),
    ([{"op": "remove", "path": "/models/m2"}], Forbidden),
    ([replace("m9", "value", 1)], Forbidden),
    ([replace("m2", "name", "y")], Forbidden),
    ([replace("m4", "object", "<script>")], Forbidden),
    ([{"op": "replace", "path": "/title", "value": "x"}], Forbidden),
    ([{"op": "replace", "path": "/models/m2/props/value"}], BadMessage),
    (["nonsense"], BadMessage),
    ([replace("m2", "value", 10.5)], Invalid),
    ([replace("m2", "value", True)], Invalid),
    ([replace("m2", "value", "5")], Invalid),
    ([replace("m2", "value", -1)], Invalid),
])
def test_refusals(hello, ops, error):
    doc, x = hello
    with pytest.raises(error):
        doc.apply_client_ops(ops, base=1)
    assert x.value == 3


def test_revert_sends_the_server_value_even_if_unchanged(hello):
    doc, _ = hello
    doc.revert([("m2", "value"), ("m9", "value"), ("m2", "nope")])
    assert doc.take_ops(2) == [replace("m2", "value", 3)]


def test_convergence_client_edit_racing_a_server_change(hello):
    """PROTOCOL.md §7: the server changed value in seq 2; the client edited with base 1."""
    doc, x = hello
    x.value = 8
    doc.take_ops(2)
    doc.apply_client_ops([replace("m2", "value", 5)], base=1)
    ops = doc.take_ops(3)
    assert replace("m2", "value", 5) in ops  # the client will have shown 8 last: resend


def test_client_edit_after_seeing_the_server_change_is_not_echoed(hello):
    doc, x = hello
    x.value = 8
    doc.take_ops(2)
    doc.apply_client_ops([replace("m2", "value", 5)], base=2)
    assert replace("m2", "value", 5) not in doc.take_ops(3)


def test_events_reach_declared_handlers_only():
    button = ds.widgets.Button(name="Go")
    clicks = []
    button.on_click(lambda e: clicks.append(e.new))
    doc = Document([button])
    doc.snapshot(1)
    doc.dispatch_event("m1", "click", {})
    doc.dispatch_event("m1", "click", {})
    assert clicks == [1, 2]
    with pytest.raises(Forbidden):
        doc.dispatch_event("m1", "hover", {})
    with pytest.raises(Forbidden):
        doc.dispatch_event("m7", "click", {})


def test_changes_from_other_threads_are_recorded(hello):
    doc, x = hello

    def work():
        for v in range(11):
            x.value = v

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    ops = doc.take_ops(2)
    assert replace("m2", "value", x.value) in ops


def test_close_stops_watching():
    x = ds.widgets.IntSlider(end=5)
    doc = Document([x])
    doc.snapshot(1)
    doc.close()
    x.value = 2
    assert not doc.dirty and doc.take_ops(2) == []
    assert not x.__dict__.get("_change_hooks")


def test_a_model_shared_by_two_documents_updates_both():
    x = ds.widgets.IntSlider(end=5)
    d1, d2 = Document([x]), Document([x])
    d1.snapshot(1)
    d2.snapshot(1)
    d1.apply_client_ops([replace("m1", "value", 4)], base=1)
    assert d1.take_ops(2) == []
    assert d2.take_ops(2) == [replace("m1", "value", 4)]


def test_unserializable_values_are_a_clear_error():
    class Odd(ds.pane.HTML):
        extra = param.Parameter(default=object())

    with pytest.raises(TypeError, match="cannot be sent"):
        Document([Odd("x")]).snapshot(1)


def test_a_change_made_while_param_discards_events_is_still_sent(hello):
    """§7: the client ends up showing the server's value, even one set silently for app
    watchers."""
    doc, x = hello
    with param.parameterized.discard_events(x):
        x.value = 9
    assert doc.take_ops(2) == [replace("m2", "value", 9)]


def test_a_single_op_refused_by_the_parameter_leaves_no_trace(hello):
    doc, x = hello
    seen = []
    x.param.watch(lambda e: seen.append(e.new), "value")
    with pytest.raises(Invalid) as info:
        doc.apply_client_ops([replace("m2", "value", 11)], base=1)
    assert info.value.paths == (("m2", "value"),)
    assert x.value == 3 and seen == []
    x.param.trigger("value")  # the mirror still holds the server's value: nothing to send
    assert doc.take_ops(2) == []


def test_an_app_watcher_error_is_not_a_refusal(hello):
    doc, x = hello

    def boom(event):
        raise ValueError("app code failed")

    x.param.watch(boom, "value")
    with pytest.raises(ValueError, match="app code failed"):
        doc.apply_client_ops([replace("m2", "value", 6)], base=1)
    assert x.value == 6
    assert [o["path"] for o in doc.take_ops(2)] == [
        "/models/m4/props/object", "/models/m4/props/html"]  # the client's own value: no echo


class _Figure(ds.pane.PaneBase):
    _diffed_props = frozenset({"spec"})
    spec = param.Dict(default={})


def test_a_diffed_prop_sends_only_what_changed_inside_it():
    traces = [{"y": list(range(50))}, {"y": [1, 2, 3]}]
    pane = _Figure(spec={"data": traces, "layout": {"title": "t"}})
    doc = Document([pane])
    doc.snapshot(1)
    pane.spec = {"data": [traces[0], {"y": [4, 5, 6]}], "layout": {"title": "t"}}
    assert doc.take_ops(2) == [{"op": "replace", "path": "/models/m1/props/spec/data/1/y",
                                "value": [4, 5, 6]}]
    pane.spec = {}
    assert doc.take_ops(3) == [replace("m1", "spec", {})]


def test_a_reverted_diffed_prop_is_sent_whole(hello):
    pane = _Figure(spec={"data": [{"y": [1]}]})
    doc = Document([pane])
    doc.snapshot(1)
    doc.revert([("m1", "spec")])
    assert doc.take_ops(2) == [replace("m1", "spec", {"data": [{"y": [1]}]})]
