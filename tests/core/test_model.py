import copy
import pickle

import param
import pytest

from docsync.core.client_values import check_client_value
from docsync.core.model import Model, listen, unlisten
from docsync.exceptions import Invalid


class Box(Model):
    value = param.Integer(default=0, bounds=(0, 10))
    items = param.List(default=[])
    child = param.ClassSelector(class_=Model, default=None, allow_None=True)
    secret = param.String(default="")

    _wire_exclude = Model._wire_exclude | {"secret"}


@pytest.fixture
def box():
    b = Box()
    seen = []
    listen(b, lambda model, name, structural: seen.append((model, name, structural)))
    return b, seen


def test_a_set_of_a_wire_parameter_is_reported(box):
    b, seen = box
    b.value = 4
    b.param.update(value=5, items=[1])
    assert seen == [(b, "value", False), (b, "value", False), (b, "items", False)]


def test_server_only_parameters_are_not_reported(box):
    b, seen = box
    b.secret = "x"
    b.other = "not a parameter"
    assert seen == []


def test_structural_when_the_old_or_the_new_value_holds_models(box):
    b, seen = box
    b.child = Box()
    b.items = [Box()]
    b.child = None
    assert [s for _, _, s in seen] == [True, True, True]


def test_setting_the_same_immutable_value_is_not_reported(box):
    b, seen = box
    b.value = 0
    assert seen == []


def test_a_trigger_after_an_in_place_change_is_reported(box):
    b, seen = box
    b.items.append(1)
    b.param.trigger("items")
    assert seen == [(b, "items", False)]


def test_changes_inside_discard_events_and_batches_are_reported_at_once(box):
    b, seen = box
    with param.parameterized.discard_events(b):
        b.value = 1
    assert len(seen) == 1
    with param.parameterized.batch_call_watchers(b):
        b.value = 2
        assert len(seen) == 2


def test_a_refused_value_is_not_reported(box):
    b, seen = box
    with pytest.raises(ValueError):
        b.value = 11
    assert seen == [] and b.value == 0


def test_a_watcher_that_raises_does_not_hide_the_change(box):
    b, seen = box

    def boom(event):
        raise RuntimeError("app code failed")

    b.param.watch(boom, "value")
    with pytest.raises(RuntimeError):
        b.value = 3
    assert seen == [(b, "value", False)]


def test_trying_a_client_value_reports_nothing(box):
    b, seen = box
    assert check_client_value(b, "value", 7) == 7
    with pytest.raises(Invalid):
        check_client_value(b, "value", 70)
    assert seen == [] and b.value == 0


def test_several_hooks_and_unlisten():
    b = Box()
    first, second = [], []

    def hook_1(model, name, structural):
        first.append(name)

    def hook_2(model, name, structural):
        second.append(name)

    listen(b, hook_1)
    listen(b, hook_2)
    b.value = 1
    unlisten(b, hook_1)
    unlisten(b, hook_1)  # removing twice does nothing
    b.value = 2
    assert first == ["value"] and second == ["value", "value"]
    unlisten(Box(), hook_2)  # never listened to


def test_copies_and_unpickled_models_have_no_hooks(box):
    b, seen = box
    for other in (copy.copy(b), copy.deepcopy(b), pickle.loads(pickle.dumps(b))):
        other.value = 9
        assert other.value == 9
    assert seen == []


# -- clone and arguments ---------------------------------------------------------------------

def test_clone_copies_values_applies_overrides_and_shares_no_list():
    box = Box(value=3, items=[1, 2], width=100)
    copy_ = box.clone(value=4)
    assert (type(copy_), copy_.value, copy_.items, copy_.width) == (Box, 4, [1, 2], 100)
    copy_.items.append(3)
    assert box.items == [1, 2]
    assert box.clone().value == 3


def test_clone_of_components_keeps_children_and_drops_the_widget_key():
    import docsync as ds

    slider = ds.widgets.IntSlider(label="x", start=0, end=5, value=2, key="k")
    column = ds.Column(slider, "# Title", width=300)
    twin = column.clone()
    assert twin is not column and twin.objects == column.objects and twin.width == 300
    other = slider.clone(label="y")
    assert (other.label, other.name, other.end, other.value, other.key) == ("y", "y", 5, 2, None)
    assert ds.pane.Markdown("# a").clone(object="# b").object == "# b"


def test_unknown_arguments_raise_argument_error():
    from docsync.exceptions import ArgumentError

    with pytest.raises(ArgumentError, match="Box has no argument 'valu': did you mean 'value'"):
        Box(valu=1)
    with pytest.raises(ArgumentError, match="Box: Panel's argument 'stylesheets' is not "
                                            "supported by docsync; docsync's page takes"):
        Box(stylesheets=["a.css"])


def test_size_limits_and_align_travel_as_one_box_prop():
    from docsync.layout import Column

    plain = Column()
    assert plain._derived("box", str) is None  # nothing to send while all are defaults
    col = Column(align="center", min_width=100, aspect_ratio=1.5)
    assert col._derived("box", str) == {"min_width": 100, "aspect_ratio": 1.5,
                                        "align": ["center", "center"]}
    col.align = ("end", "start")
    assert col._derived("box", str)["align"] == ["end", "start"]
    for bad in ("middle", ("start",), ("a", "b")):
        with pytest.raises(ValueError, match="align must be"):
            Column(align=bad)
    for bad in (0, -1.0, "wide", True):
        with pytest.raises(ValueError, match="aspect_ratio must be"):
            Column(aspect_ratio=bad)


def test_the_box_prop_holds_what_differs_from_the_class_defaults_as_they_are_now():
    class Sized(Model):
        pass

    ref = str
    model = Sized(min_width=100, align="center")
    assert model._derived("box", ref) == {"min_width": 100, "align": ["center", "center"]}
    # A class default changed after the first snapshot is read again, not remembered.
    Sized.param.min_width.default = 100
    assert model._derived("box", ref) == {"align": ["center", "center"]}
    assert Sized()._derived("box", ref) is None
