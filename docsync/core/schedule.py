"""When scheduled tasks run: periods, ``at`` times and cron expressions, with no clock.

The caller passes ``now`` (an aware or naive ``datetime``, consistently); this module only
computes the next due time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

__all__ = ["Schedule", "parse_period"]

_UNITS = {"ms": 0.001, "s": 1.0, "sec": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0,
          "hr": 3600.0, "d": 86400.0, "w": 604800.0}
_PERIOD = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$")


def parse_period(period: float | timedelta | str) -> float:
    """Seconds in ``period``: a number of seconds, a ``timedelta``, or ``"30s"``, ``"5min"``,
    ``"1h"``, ``"2d"``, ``"1w"``, ``"250ms"``. Raises ValueError saying what is accepted."""
    if isinstance(period, timedelta):
        seconds = period.total_seconds()
    elif isinstance(period, str):
        match = _PERIOD.match(period.lower())
        if match is None or match.group(2) not in _UNITS:
            raise ValueError(f"period {period!r} is not understood: use a number of seconds, "
                             "a timedelta, or a string such as '30s', '5min', '1h', '2d'")
        seconds = float(match.group(1)) * _UNITS[match.group(2)]
    elif isinstance(period, (int, float)) and not isinstance(period, bool):
        seconds = float(period)
    else:
        raise ValueError(f"period must be seconds, a timedelta or a string, not {period!r}")
    if seconds <= 0:
        raise ValueError(f"period must be positive, not {period!r}")
    return seconds


@dataclass
class Schedule:
    """The due times of one task.

    - ``cron``: a cron expression, evaluated by ``cron_next(expr, after)``;
    - ``at``: a first ``datetime``, an iterator of datetimes, or a callable returning the
      next datetime (or None when done); with ``period`` the task repeats after ``at``;
    - ``period`` alone: every ``period`` seconds from the first call of :meth:`next_after`.
    """

    at: Any = None
    period: float | None = None
    cron: str | None = None
    cron_next: Callable[[str, datetime], datetime] | None = None
    _last: datetime | None = field(default=None, init=False)
    _iterator: Iterator[datetime] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.cron is not None:
            if self.at is not None or self.period is not None:
                raise ValueError("give cron alone, not with at or period")
            if self.cron_next is None:
                raise ValueError("a cron schedule needs cron_next")
        elif self.at is None and self.period is None:
            raise ValueError("a task needs at=, period= or cron=")
        if self.at is not None and not isinstance(self.at, datetime) and not callable(self.at):
            self._iterator = iter(self.at)

    def next_after(self, now: datetime) -> datetime | None:
        """The next due time after a run (or the first one, before any run); None when the
        schedule is exhausted. Times already past are skipped, never run twice to catch up."""
        due = self._next(now)
        self._last = due
        return due

    def _next(self, now: datetime) -> datetime | None:
        if self.cron is not None:
            assert self.cron_next is not None
            return self.cron_next(self.cron, now)
        if self._last is None:
            if isinstance(self.at, datetime):
                return self.at
            if self.at is None:
                assert self.period is not None
                return now + timedelta(seconds=self.period)
        if self.period is not None and self._last is not None:
            due = self._last + timedelta(seconds=self.period)
            if due <= now:  # a slow run or a sleeping machine: skip to the next slot
                missed = (now - due) // timedelta(seconds=self.period) + 1
                due += missed * timedelta(seconds=self.period)
            return due
        if self._iterator is not None:
            for due in self._iterator:
                if due > now or self._last is None:
                    return due
            return None
        if callable(self.at):
            result = self.at()
            return result if isinstance(result, datetime) else None
        return None
