"""Series order: the nth numbered patrol of a series falls between the dated kth and mth.

Outlets number the patrols of a sector ("the 49th joint patrol in the countryside of Kobani", "this
patrol was the 69th between the two sides"), and a series' numbers rise with its dates. So an
article that gives no year ("on the fifth of April, the forty-ninth joint patrol ...") is placed
by the numbered patrols of the same sector that other sources date: the 49th is at least one day
per number after a dated 18th and before a dated 95th (no series numbers two patrols a day), and
of the years its "fifth of April" can fall in, only the one between them is left. Nothing is
assumed of how often a series patrols beyond that one day.

A sector is the dated patrols within ``[crossdate] series_km`` of the report's place (at most about
a degree: ``Sectors`` looks in the cells around it). Outlets count
differently (the whole series or one sector; "the 23rd" of one wire is "the 24th" of another): the
numbers of a sector are used only when they are in order — no higher number dated before a lower,
no number dated twice apart. A mix of counts gives no bound at all rather than a wrong one.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from .intervals import interval
from .knowledge.gazetteer import distance_km
from .models import Event, PlaceRef, format_interval

# Two outlets may date one numbered patrol a day or two apart (a conflict, not two series).
CONFLICT_DAYS = 3


@dataclass(frozen=True)
class Anchor:
    """A numbered patrol other sources date: its number, its dates, where, and who dates it."""

    number: int
    start: date
    end: date
    lat: float
    lon: float
    event: Event
    articles: frozenset[str]


@dataclass(frozen=True)
class Between:
    """The days a numbered report's patrol can fall on, and the two patrols that bound it."""

    start: date
    end: date
    below: Anchor
    above: Anchor

    def why(self, number: int, gap_days: int) -> str:
        def one(a: Anchor) -> str:
            where = f" at {a.event.place.name}" if a.event.place else ""
            outlets = sorted({sm.outlet for sm in a.event.members if sm.article_hash in a.articles})
            by = ", ".join(outlets[:2]) + (f" and {len(outlets) - 2} more" if len(outlets) > 2 else "")
            when = format_interval(interval(a.start, a.end))
            return f"the {_nth(a.number)} (event {a.event.id}{where}, {when} by {by})"

        return (
            f"its {_nth(number)} numbered patrol lies between {one(self.below)} and {one(self.above)}, at least "
            f"{gap_days} day(s) per number from each: {format_interval(interval(self.start, self.end))}"
        )


def _nth(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def number_of(ev: Event) -> int | None:
    """The event's one series number (None: none, or members that give different numbers)."""
    numbers = Counter(sm.mention.ordinal for sm in ev.members if sm.mention.ordinal)
    return next(iter(numbers)) if len(numbers) == 1 else None


def anchor(ev: Event, hull: tuple[date, date] | None, articles: Iterable[str]) -> Anchor | None:
    """The event as a bound for others of its sector, when it has one number, a dated hull and a
    place with coordinates."""
    n = number_of(ev)
    p = ev.place
    if n is None or hull is None or p is None or p.lat is None or p.lon is None:
        return None
    return Anchor(n, hull[0], hull[1], p.lat, p.lon, ev, frozenset(articles))


class Sectors:
    """The anchors by cell of one degree, so that a report looks only at those around its place."""

    def __init__(self, anchors: Iterable[Anchor]) -> None:
        self.cells: dict[tuple[int, int], list[Anchor]] = defaultdict(list)
        for a in anchors:
            self.cells[(math.floor(a.lat), math.floor(a.lon))].append(a)

    def around(self, lat: float, lon: float) -> list[Anchor]:
        y, x = math.floor(lat), math.floor(lon)
        return [a for dy in (-1, 0, 1) for dx in (-1, 0, 1) for a in self.cells.get((y + dy, x + dx), ())]


def _in_order(near: Sequence[Anchor]) -> bool:
    """Whether the sector's dated numbers rise with their dates (one count, not a mix of counts)."""
    by_number = sorted(near, key=lambda a: (a.number, a.start))
    for x, y in pairwise(by_number):
        if x.number == y.number:
            if abs((y.start - x.start).days) > CONFLICT_DAYS:
                return False  # one number dated weeks apart: two counts
        elif x.start > y.end:
            return False  # a higher number dated before a lower one
    return True


def between(
    number: int,
    place: PlaceRef | None,
    anchors: Sectors,
    *,
    not_from: Iterable[str],
    near_km: float,
    gap_days: int,
) -> Between | None:
    """The days the ``number``th patrol at ``place`` can fall on, from the numbered patrols of its
    sector dated by other articles than ``not_from``: after the highest dated number below it and
    before the lowest above it (``gap_days`` per number from each); None without both bounds, or
    when the sector's numbers are not in order."""
    if place is None or place.lat is None or place.lon is None:
        return None
    excluded = frozenset(not_from)
    near = [
        a
        for a in anchors.around(place.lat, place.lon)
        if not (a.articles & excluded) and distance_km((place.lat, place.lon), (a.lat, a.lon)) <= near_km
    ]
    if not near or not _in_order(near):
        return None
    below = [a for a in near if a.number < number]
    above = [a for a in near if a.number > number]
    if not below or not above:
        return None
    gap = timedelta(days=gap_days)
    low = max(below, key=lambda a: (a.start + gap * (number - a.number), a.event.id))
    high = min(above, key=lambda a: (a.end - gap * (a.number - number), a.event.id))
    start, end = low.start + gap * (number - low.number), high.end - gap * (high.number - number)
    return Between(start, end, low, high) if start <= end else None
