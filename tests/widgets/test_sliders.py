"""RangeSlider (docsync/widgets/sliders.py): IntRangeSlider's float twin."""

import pytest

import docsync as pn
from docsync.core.client_values import check_client_value
from docsync.exceptions import Invalid

w = pn.widgets


def test_a_range_slider_takes_fractions_within_its_ends():
    slider = w.RangeSlider(start=0.0, end=2.0)
    assert slider.value == slider.value_throttled == (0.0, 2.0)
    assert (slider.value_start, slider.value_end) == (0.0, 2.0)
    assert check_client_value(slider, "value", [0.25, 1.5]) == (0.25, 1.5)
    assert check_client_value(slider, "value", [0, 1]) == (0.0, 1.0)
    assert all(isinstance(v, float) for v in check_client_value(slider, "value", [0, 1]))
    for bad, words in [([1.5, 0.25], "above upper"), ([0.5, 2.5], "at most"), (1.0, "pair")]:
        with pytest.raises(Invalid, match=words):
            check_client_value(slider, "value", bad)
