"""AutocompleteInput and MultiChoice (docsync/widgets/typeahead.py)."""

import pytest

import docsync as pn
from docsync.core.client_values import check_client_value
from docsync.exceptions import ArgumentError, Invalid

w = pn.widgets


def test_a_restricted_autocomplete_takes_only_options_in_their_own_spelling():
    box = w.AutocompleteInput(options=["Biology", "Chemistry"], case_sensitive=False)
    assert check_client_value(box, "value", "biology") == "Biology"
    assert check_client_value(box, "value", "") == ""
    assert check_client_value(box, "value_input", "bio") == "bio"  # any text while typing
    with pytest.raises(Invalid, match="'Physics' is not one of the options"):
        check_client_value(box, "value", "Physics")
    strict = w.AutocompleteInput(options=["Biology"])
    with pytest.raises(Invalid, match="not one of the options"):
        check_client_value(strict, "value", "biology")
    free = w.AutocompleteInput(options=["Biology"], restrict=False, max_length=5)
    assert check_client_value(free, "value", "Maths") == "Maths"
    with pytest.raises(Invalid, match="longer than 5"):
        check_client_value(free, "value", "Physics")


def test_multichoice_bounds_the_browser_by_max_items_but_not_the_app():
    choice = w.MultiChoice(options=["a", "b", "c"], max_items=2)
    assert check_client_value(choice, "value", ["c", "a"]) == ["c", "a"]
    with pytest.raises(Invalid, match="at most 2 options"):
        check_client_value(choice, "value", ["a", "b", "c"])
    with pytest.raises(Invalid, match="not one of the options"):
        check_client_value(choice, "value", ["z"])
    choice.value = ["a", "b", "c"]
    assert choice.value == ["a", "b", "c"]
    with pytest.raises(ArgumentError, match="solid"):
        w.MultiChoice(options=["a"], solid=False)
