"""LiteralInput (docsync/widgets/literal.py): the text the page shows, the parse of the
text the browser sends, and the type rule for both."""

import pytest

import docsync as pn
from docsync.core.client_values import check_client_value
from docsync.core.model import props_json
from docsync.exceptions import Invalid

w = pn.widgets


def test_the_page_shows_the_repr_or_the_json():
    box = w.LiteralInput(name="Limits", value={"low": (1, 2)}, type=dict)
    wire = props_json(box, str)
    assert wire["value"] == "{'low': (1, 2)}" and "type" not in wire
    as_json = w.LiteralInput(value={"low": [1, 2]}, serializer="json")
    assert props_json(as_json, str)["value"] == '{"low": [1, 2]}'
    assert props_json(w.LiteralInput(), str)["value"] == ""


def test_the_browsers_text_is_parsed_and_checked():
    box = w.LiteralInput(value=[1], type=(list, tuple))
    assert check_client_value(box, "value", "(1, 'a', None)") == (1, "a", None)
    assert check_client_value(box, "value", "  ") is None
    for bad, words in [("[1,", "is not a Python literal"), ("__import__('os')", "literal"),
                       ("{'a': 1}", "must be a list or tuple, not dict"), (3, "not text")]:
        with pytest.raises(Invalid, match=words):
            check_client_value(box, "value", bad)
    as_json = w.LiteralInput(serializer="json")
    assert check_client_value(as_json, "value", '{"a": [true, null]}') == {"a": [True, None]}
    with pytest.raises(Invalid, match="is not JSON"):
        check_client_value(as_json, "value", "{'a': 1}")


def test_the_app_may_set_only_values_of_the_type():
    box = w.LiteralInput(value={"a": 1}, type=dict)
    with pytest.raises(ValueError, match="must be a dict, not list"):
        box.value = [1]
    assert box.value == {"a": 1}
    with pytest.raises(ValueError, match="must be a dict"):
        w.LiteralInput(value=3, type=dict)
    with pytest.raises(ValueError, match="cannot be written as JSON"):
        w.LiteralInput(value={1, 2}, serializer="json")
