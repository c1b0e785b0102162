"""JSONEditor (docsync/widgets/json_editor.py): a JSON value edited in the page."""

import math

import pytest

import docsync as pn
from docsync.core.client_values import check_client_value
from docsync.core.model import props_json
from docsync.exceptions import ArgumentError, Invalid

w = pn.widgets


def test_the_value_and_mode_go_to_the_page_as_they_are():
    editor = w.JSONEditor(name="Config", value={"a": [1, 2.5, None], "b": {"c": True}},
                          mode="form", menu=False)
    wire = props_json(editor, str)
    assert wire["value"] == {"a": [1, 2.5, None], "b": {"c": True}}
    assert (wire["mode"], wire["menu"], wire["search"]) == ("form", False, True)
    assert w.JSONEditor().value == {}


def test_the_browser_writes_any_json_value_and_a_known_mode():
    editor = w.JSONEditor(value=[1])
    assert check_client_value(editor, "value", {"x": ["y", 2]}) == {"x": ["y", 2]}
    assert check_client_value(editor, "value", "text") == "text"
    assert check_client_value(editor, "mode", "text") == "text"
    with pytest.raises(Invalid, match="code"):
        check_client_value(editor, "mode", "code")


def test_the_app_may_set_only_json():
    editor = w.JSONEditor(name="Config", value={"a": 1})
    for bad in [{1, 2}, {"a": object()}, {"n": math.nan}, [math.inf]]:
        with pytest.raises(ValueError, match="JSONEditor 'Config': the value must be JSON"):
            editor.value = bad
    assert editor.value == {"a": 1}
    with pytest.raises(ValueError, match="must be JSON"):
        w.JSONEditor(value={"a": {1, 2}})
    editor.value = [None, "x"]
    assert props_json(editor, str)["value"] == [None, "x"]


def test_panel_arguments_docsync_lacks_say_what_to_do():
    for name, value, words in [("schema", {"type": "object"}, "watcher"),
                               ("selection", ["a"], "selection"),
                               ("templates", [{}], "text mode")]:
        with pytest.raises(ArgumentError, match=words):
            w.JSONEditor(**{name: value})
