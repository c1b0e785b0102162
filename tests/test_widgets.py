import pytest

import docsync as ds
from docsync.core.model import check_client_value
from docsync.exceptions import Invalid


def test_int_slider_bounds_follow_start_and_end():
    s = ds.widgets.IntSlider(start=0, end=10, value=3)
    with pytest.raises(ValueError):
        s.value = 11
    s.end = 20
    s.value = 15
    assert check_client_value(s, "value", 12.0) == 12
    with pytest.raises(Invalid):
        check_client_value(s, "value", 21)
    with pytest.raises(Invalid):
        check_client_value(s, "value", 2.5)


def test_float_slider_accepts_numbers_in_bounds_only():
    s = ds.widgets.FloatSlider(start=0.0, end=1.0, value=0.5)
    assert check_client_value(s, "value", 0.25) == 0.25
    for bad in (1.5, "0.3", None, True):
        with pytest.raises(Invalid):
            check_client_value(s, "value", bad)


def test_select_accepts_only_its_options_and_keeps_their_type():
    s = ds.widgets.Select(name="s", options={"One": 1, "Two": 2})
    assert s.value == 1
    assert check_client_value(s, "value", 2) == 2
    for bad in (3, "2", 2.0, True):
        with pytest.raises(Invalid, match="not one of the options"):
            check_client_value(s, "value", bad)
    assert ds.widgets.Select(options=["a", "b"]).value == "a"


def test_text_checkbox_types():
    with pytest.raises(Invalid):
        check_client_value(ds.widgets.TextInput(), "value", 5)
    with pytest.raises(Invalid):
        check_client_value(ds.widgets.Checkbox(), "value", "yes")
    assert check_client_value(ds.widgets.Checkbox(), "value", True) is True


def test_button_click_counts_and_calls_back():
    b = ds.widgets.Button(name="Go", button_type="primary")
    seen = []
    b.on_click(lambda e: seen.append(e.new))
    b._handle_event("click", {})
    b._handle_event("click", {})
    assert b.clicks == 2 and seen == [1, 2]
    assert "value" not in b._client_writable and "click" in b._events


def test_widget_names_are_labels_and_are_sent():
    s = ds.widgets.TextInput(name="Your name", placeholder="type")
    assert s.name == "Your name"
    assert ds.widgets.TextInput().name == ""
