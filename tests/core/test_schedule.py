from datetime import datetime, timedelta

import pytest
from croniter import croniter

from docsync.core.schedule import Schedule, parse_period

T0 = datetime(2026, 1, 1, 12, 0, 0)


def cron_next(expr, after):
    return croniter(expr, after).get_next(datetime)


@pytest.mark.parametrize(("text", "seconds"), [
    (5, 5.0), (0.5, 0.5), (timedelta(minutes=2), 120.0), ("30s", 30.0), ("5min", 300.0),
    ("1h", 3600.0), ("2d", 172800.0), ("1w", 604800.0), ("250ms", 0.25), (" 1.5 h ", 5400.0)])
def test_parse_period(text, seconds):
    assert parse_period(text) == seconds


@pytest.mark.parametrize("bad", ["soon", "5 parsecs", 0, -1, "0s", None, True])
def test_bad_periods_say_what_is_accepted(bad):
    with pytest.raises(ValueError, match="period"):
        parse_period(bad)


def test_period_alone_runs_every_period_and_skips_missed_slots():
    s = Schedule(period=10)
    first = s.next_after(T0)
    assert first == T0 + timedelta(seconds=10)
    assert s.next_after(first) == T0 + timedelta(seconds=20)
    # The machine slept for 35 s: the next slot is in the future, no catch-up burst.
    assert s.next_after(T0 + timedelta(seconds=55)) == T0 + timedelta(seconds=60)


def test_at_then_period():
    s = Schedule(at=T0 + timedelta(hours=1), period=60)
    assert s.next_after(T0) == T0 + timedelta(hours=1)
    assert s.next_after(T0 + timedelta(hours=1)) == T0 + timedelta(hours=1, minutes=1)


def test_at_alone_runs_once():
    s = Schedule(at=T0)
    assert s.next_after(T0 - timedelta(seconds=1)) == T0
    assert s.next_after(T0) is None


def test_at_iterator_and_callable():
    s = Schedule(at=iter([T0, T0 + timedelta(minutes=1)]))
    assert s.next_after(T0) == T0
    assert s.next_after(T0) == T0 + timedelta(minutes=1)
    assert s.next_after(T0 + timedelta(minutes=1)) is None
    times = iter([T0 + timedelta(seconds=5), None])
    s = Schedule(at=lambda: next(times))
    assert s.next_after(T0) == T0 + timedelta(seconds=5)
    assert s.next_after(T0) is None


def test_cron():
    s = Schedule(cron="*/15 * * * *", cron_next=cron_next)
    assert s.next_after(T0) == T0 + timedelta(minutes=15)
    assert s.next_after(T0 + timedelta(minutes=15)) == T0 + timedelta(minutes=30)


def test_schedule_needs_one_kind():
    with pytest.raises(ValueError):
        Schedule()
    with pytest.raises(ValueError):
        Schedule(cron="* * * * *", period=5, cron_next=cron_next)
