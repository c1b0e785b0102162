"""Date-and-time and time pickers (docsync/widgets/times.py): the app's values, and the
strict check of the browser's ISO 8601 text."""

import datetime as dt

import pytest

import docsync as pn
from docsync.core.client_values import check_client_value
from docsync.core.model import props_json
from docsync.exceptions import ArgumentError, Invalid

w = pn.widgets


def test_a_datetime_picker_keeps_datetimes_and_turns_dates_into_midnight():
    picker = w.DatetimePicker(value=dt.date(2024, 5, 1), start=dt.datetime(2024, 1, 1, 8))
    assert picker.value == dt.datetime(2024, 5, 1)
    picker.value = dt.datetime(2030, 1, 1, 12, 30)  # past no bound: the app may set any
    assert props_json(picker, str)["value"] == "2030-01-01T12:30:00"


def test_a_datetime_picker_checks_the_browsers_text():
    picker = w.DatetimePicker(start=dt.datetime(2024, 1, 1), end=dt.datetime(2024, 12, 31),
                              enable_seconds=False)
    assert check_client_value(picker, "value", "2024-03-04T05:06") == dt.datetime(2024, 3, 4, 5, 6)
    assert check_client_value(picker, "value", None) is None
    for bad, words in [("2024-03-04", "not a date and time"), (17, "not a date and time"),
                       ("2024-02-30T00:00", "not a time of the calendar"),
                       ("2025-01-01T00:00", "at most"), ("2024-03-04T05:06:07", "has seconds")]:
        with pytest.raises(Invalid, match=words):
            check_client_value(picker, "value", bad)
    dates_only = w.DatetimePicker(enable_time=False)
    with pytest.raises(Invalid, match="dates only"):
        check_client_value(dates_only, "value", "2024-03-04T05:06")


def test_panels_picker_options_it_lacks_are_refused_with_advice():
    with pytest.raises(ArgumentError, match="locale"):
        w.DatetimePicker(military_time=False)


def test_a_time_picker_takes_times_or_text_and_refuses_other_text():
    picker = w.TimePicker(value="12:30", start="09:00", end=dt.time(18))
    assert (picker.value, picker.start) == (dt.time(12, 30), dt.time(9))
    assert props_json(picker, str)["value"] == "12:30:00"
    picker.value = "07:15:10"
    assert picker.value == dt.time(7, 15, 10)
    with pytest.raises(ValueError, match="not a time of day"):
        picker.value = "quarter past"
    assert check_client_value(picker, "value", "10:05") == dt.time(10, 5)
    for bad, words in [("19:00", "at most"), ("10:05:09", "has seconds"), ("25:00", "not a time"),
                       (1005, "not a time like")]:
        with pytest.raises(Invalid, match=words):
            check_client_value(picker, "value", bad)
    assert check_client_value(w.TimePicker(seconds=True), "value", "10:05:09") == dt.time(10, 5, 9)
