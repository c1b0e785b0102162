"""DiscreteSlider (docsync/widgets/discrete.py): Panel's rules for its options."""

import pytest

import docsync as pn
from docsync.core.client_values import check_client_value
from docsync.exceptions import Invalid

w = pn.widgets


def test_the_value_starts_at_the_first_option_and_must_be_one():
    slider = w.DiscreteSlider(options={"Low": 1, "High": 10})
    assert (slider.value, slider.values, slider.labels) == (1, [1, 10], ["Low", "High"])
    with pytest.raises(ValueError, match="5 is not one of the options"):
        slider.value = 5
    with pytest.raises(ValueError, match="'x' is not one of the options"):
        w.DiscreteSlider(options=[1, 2], value="x")
    slider.options = [10, 20]
    assert slider.value == 10
    slider.options = [30]
    assert slider.value == 30


def test_the_browser_sends_an_option_of_the_same_type():
    slider = w.DiscreteSlider(options=[1, 2, 4])
    assert check_client_value(slider, "value_throttled", 4) == 4
    for bad in (3, 4.0, "4"):
        with pytest.raises(Invalid, match="not one of the options"):
            check_client_value(slider, "value", bad)
