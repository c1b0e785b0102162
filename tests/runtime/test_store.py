import threading

import pytest

from docsync.exceptions import UnpicklableValue
from docsync.runtime.store import SessionStore


def test_dict_and_attribute_access_are_the_same():
    s = SessionStore()
    s["a"] = 1
    s.b = 2
    assert s.a == 1 and s["b"] == 2 and dict(s) == {"a": 1, "b": 2}
    del s.a
    assert "a" not in s and s.get("a", 9) == 9
    with pytest.raises(AttributeError, match="set it first"):
        _ = s.missing


def test_unpicklable_values_are_refused_at_assignment_naming_the_key():
    s = SessionStore(require_picklable=True)
    s.ok = {"x": [1, 2]}
    with pytest.raises(UnpicklableValue, match="'lock'"):
        s.lock = threading.Lock()
    assert "lock" not in s
    SessionStore().lock = threading.Lock()  # allowed when not required


def test_a_mirrored_key_and_its_widgets_stay_equal_both_ways():
    import docsync as ds

    s = SessionStore()
    a = ds.widgets.IntSlider(name="a", end=10, value=3)
    s.mirror("op1", a)
    assert s["op1"] == 3
    s.op1 = 7
    assert a.value == 7
    a.value = 2
    assert s["op1"] == 2
    b = ds.widgets.IntSlider(name="b", end=10, value=9)
    s.mirror("op1", b)  # the store's value wins
    assert b.value == 2
    b.value = 5
    assert (a.value, s.op1) == (5, 5)
    with pytest.raises(ValueError):
        s["op1"] = "fifty"  # not an int: the sliders refuse it, so it is not stored
    assert (s.op1, a.value, b.value) == (5, 5, 5)


def test_mirrors_end_with_their_widget_and_pickling_keeps_values_only():
    import gc
    import pickle

    import docsync as ds

    s = SessionStore()
    s.mirror("t", ds.widgets.TextInput(name="t", value="hi"))
    gc.collect()
    s.t = "bye"  # the widget is gone: nothing to update
    restored = pickle.loads(pickle.dumps(s))
    assert dict(restored) == {"t": "bye"}
