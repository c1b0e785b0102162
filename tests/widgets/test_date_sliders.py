"""Sliders over days (docsync/widgets/date_sliders.py)."""

import datetime as dt

import pytest

import docsync as pn
from docsync.core.client_values import check_client_value
from docsync.core.model import props_json
from docsync.exceptions import Invalid

w = pn.widgets


def test_a_date_slider_starts_at_start_and_checks_days_and_steps():
    slider = w.DateSlider(start=dt.date(2024, 1, 1), end=dt.date(2024, 1, 31), step=2)
    assert slider.value == slider.value_throttled == dt.date(2024, 1, 1)
    assert check_client_value(slider, "value", "2024-01-05") == dt.date(2024, 1, 5)
    for bad, words in [("2024-01-04", "multiple of 2 days"), ("2024-02-01", "at most"),
                       ("Jan 5", "not a date like"), ("2024-01-32", "not a date of")]:
        with pytest.raises(Invalid, match=words):
            check_client_value(slider, "value", bad)


def test_a_date_range_slider_keeps_datetimes_when_start_is_one():
    slider = w.DateRangeSlider(start=dt.datetime(2024, 1, 1), end=dt.datetime(2024, 3, 1))
    assert slider.value == (dt.datetime(2024, 1, 1), dt.datetime(2024, 3, 1))
    assert (slider.value_start, slider.value_end) == slider.value
    assert props_json(slider, str)["value"] == ["2024-01-01T00:00:00", "2024-03-01T00:00:00"]
    assert check_client_value(slider, "value", ["2024-01-05", "2024-02-01"]) == (
        dt.datetime(2024, 1, 5), dt.datetime(2024, 2, 1))
    for bad, words in [(["2024-02-01", "2024-01-05"], "is after upper"),
                       ("2024-01-05", "pair of dates"), (["2023-12-31", "2024-01-02"], "at least")]:
        with pytest.raises(Invalid, match=words):
            check_client_value(slider, "value", bad)


def test_date_sliders_need_both_ends():
    with pytest.raises(ValueError, match="needs start and end"):
        w.DateSlider(start=dt.date(2024, 1, 1))
