import threading

import pytest

from docsync.runtime.store import SessionStore, UnpicklableValue


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
