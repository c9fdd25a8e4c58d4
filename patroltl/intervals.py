"""Interval arithmetic on days, and the one rule for an interval's precision.

Every date patroltl gives is a closed interval of days (:class:`~patroltl.models.DateInterval`);
its precision is read off its shape by :func:`precision_of`, here and nowhere else. The rank of a
date's source (its own words before a statement's date before the article's date) and whether an
interval counts as dated are decided here too.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

from .models import EARLIEST, LATEST, DateInterval, Precision

ONE_DAY = timedelta(days=1)
# Days in a unit of time, for durations ("three weeks ago", "after a year of hiatus").
UNIT_DAYS: dict[str, int] = {"day": 1, "week": 7, "month": 30, "year": 365}
# An interval longer than this is not "a range of candidate days" any more: its year is not known.
MAX_DAYS_SPAN = 366

# Where a mention's date came from, best first: its own words, the date of the statement that
# reports it, the article's own time, nothing.
DATE_RANK: dict[str, int] = {"text": 0, "report": 1, "published": 2, "none": 3}


def date_rank(source: str) -> int:
    return DATE_RANK.get(source, len(DATE_RANK))


def last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def month_start(d: date) -> date:
    return d.replace(day=1)


def month_end(d: date) -> date:
    return d.replace(day=last_day(d.year, d.month))


def add_months(d: date, n: int) -> date:
    total = d.year * 12 + d.month - 1 + n
    y, m = divmod(total, 12)
    y = min(max(y, 1), 9998)
    return date(y, m + 1, min(d.day, last_day(y, m + 1)))


def safe_date(y: int, m: int, d: int) -> date | None:
    if not (1 <= y <= 9998 and 1 <= m <= 12 and 1 <= d <= last_day(y, m)):
        return None
    return date(y, m, d)


def shift(d: date, days: int) -> date:
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


def precision_of(start: date, end: date) -> Precision:
    """The honest precision of [start, end]: a day, a calendar month, a calendar year, a range of
    candidate days of at most a year, or unknown."""
    if start == end:
        return "day"
    if start.day == 1 and end == month_end(start):
        return "month"
    if (start.month, start.day) == (1, 1) and end == date(start.year, 12, 31):
        return "year"
    if (end - start).days + 1 <= MAX_DAYS_SPAN:
        return "days"
    return "unknown"


def interval(
    start: date,
    end: date,
    text: str = "",
    evidence: Iterable[str] = (),
    *,
    month: int | None = None,
    day: int | None = None,
) -> DateInterval:
    """The interval [start, end] (in either order) with its precision read off its shape."""
    if end < start:
        start, end = end, start
    return DateInterval(start, end, precision_of(start, end), text, tuple(evidence), month=month, day=day)


def open_interval(
    text: str = "", evidence: Iterable[str] = (), month: int | None = None, day: int | None = None
) -> DateInterval:
    """Any day patroltl covers: the date is not known (a known month or day may be kept)."""
    return DateInterval(EARLIEST, LATEST, "unknown", text, tuple(evidence), month=month, day=day)


def is_open(d: DateInterval) -> bool:
    return d.start <= EARLIEST and d.end >= LATEST


def is_dated(d: DateInterval) -> bool:
    """Whether an interval says when: a day, a month, a year or a range of days (not 'unknown')."""
    return d.precision != "unknown"


def intersect(a: DateInterval, b: DateInterval) -> tuple[date, date] | None:
    start, end = max(a.start, b.start), min(a.end, b.end)
    return (start, end) if start <= end else None
