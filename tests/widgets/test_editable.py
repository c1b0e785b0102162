"""Editable sliders (docsync/widgets/editable.py)."""

import pytest

import docsync as pn
from docsync.core.client_values import check_client_value, set_client_values
from docsync.exceptions import Invalid

w = pn.widgets


def test_the_ends_come_from_the_fixed_bounds_or_each_other():
    assert (lambda s: (s.start, s.end, s.value))(w.EditableIntSlider(fixed_start=2, fixed_end=9)) \
        == (2, 9, 2)
    assert (lambda s: (s.start, s.end))(w.EditableFloatSlider(end=3.0, step=0.5)) == (2.5, 3.0)


def test_a_typed_value_past_an_end_moves_that_end_within_the_fixed_bounds():
    slider = w.EditableIntSlider(start=0, end=10, fixed_end=100)
    set_client_values(slider, {"value": check_client_value(slider, "value", 50)})
    assert (slider.start, slider.end, slider.value) == (0, 50, 50)
    slider.value = -5  # no fixed start: the app and the user may go below
    assert slider.start == -5
    with pytest.raises(Invalid, match="at most 100"):
        check_client_value(slider, "value", 101)
    with pytest.raises(Invalid, match="not a whole number"):
        check_client_value(slider, "value", 1.5)


def test_a_slider_that_is_not_editable_keeps_the_browser_within_its_ends():
    slider = w.EditableFloatSlider(start=0.0, end=1.0, editable=False)
    with pytest.raises(Invalid, match=r"at most 1\.0"):
        check_client_value(slider, "value", 2.0)
