"""The small frozen records that pass between the pipeline stages.

load -> Document, clean -> Cleaned, extract -> Mention (with DateInterval and PlaceRef),
cluster -> Event. Nothing here does I/O.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Precision = Literal["day", "days", "month", "year", "unknown"]
PRECISIONS: tuple[str, ...] = ("day", "days", "month", "year", "unknown")

EVENT_TYPES: tuple[str, ...] = (
    "patrol",
    "patrol_resumed",
    "patrol_suspended",
    "agreement",
    "military_operation",
    "attack",
    "withdrawal",
    "other",
)

# A resumed patrol is a patrol: the two may be one event. Other types stand alone.
TYPE_FAMILY = {"patrol_resumed": "patrol"}

# Places that are a point on the map (a road, a river, a zone or a region is not).
POINT_KINDS = frozenset({"village", "town", "city", "capital", "crossing", "airbase"})


def type_family(type_: str) -> str:
    return TYPE_FAMILY.get(type_, type_)


# The widest interval the tool ever gives: the conflict's articles are not older than this and
# no event is later than the far end. An "unknown" date spans it.
EARLIEST = date(2011, 1, 1)
LATEST = date(2035, 12, 31)


@dataclass(frozen=True, slots=True)
class DateInterval:
    """A closed interval of days with an honest precision and the reasons for it.

    ``month``/``day`` keep a partial date whose year the evidence does not fix ("March 15"), so that
    clustering can give it the year another source knows.
    """

    start: date
    end: date
    precision: Precision
    text: str = ""
    evidence: tuple[str, ...] = ()
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"interval ends before it starts: {self.start} > {self.end}")

    def overlaps(self, other: DateInterval) -> bool:
        return self.start <= other.end and other.start <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Document:
    """An article as loaded: its text and whatever metadata came with it."""

    path: str
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Cut:
    """A part of the raw text the cleaner removed, and why."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Cleaned:
    text: str
    cuts: tuple[Cut, ...] = ()


@dataclass(frozen=True)
class Outlet:
    name: str
    side: str = "unknown"
    how: str = "unknown"  # metadata | url | dateline | self-reference | filename


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place as a mention names it, resolved to the gazetteer when the match is good enough."""

    surface: str
    name: str
    place_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str = "unresolved"
    country: str | None = None
    score: float = 0.0

    @property
    def resolved(self) -> bool:
        return self.place_id is not None


@dataclass(frozen=True, slots=True)
class Mention:
    """One event as one article reports it."""

    type: str
    sentence: str
    start: int
    end: int
    date: DateInterval
    place: PlaceRef | None = None
    places: tuple[PlaceRef, ...] = ()
    figures: tuple[tuple[str, float], ...] = ()
    ordinal: int | None = None
    actors: tuple[str, ...] = ()
    claimant: str | None = None
    planned: bool = False
    summary: str = ""
    keys: tuple[str, ...] = ()
    # Where the date came from: "text" (the clause's own words), "report" (the date the claim was
    # made: "said on March 15"), "published" (nothing in the clause: the article's own time).
    date_from: str = "text"
    date_text: str = ""
    place_text: str = ""


@dataclass(frozen=True, slots=True)
class StoredMention:
    """A mention as the store hands it back: with its article's identity."""

    key: str
    article_path: str
    article_hash: str
    outlet: str
    side: str
    published: DateInterval
    mention: Mention


@dataclass(frozen=True, slots=True)
class Event:
    """A deduplicated cluster of mentions: one real-world event."""

    id: str
    type: str
    date: DateInterval
    place: PlaceRef | None
    aliases: tuple[str, ...]
    summary: str
    members: tuple[StoredMention, ...]
    figures: tuple[tuple[str, float], ...] = ()
    why: tuple[tuple[str, str], ...] = ()  # (mention key, why it joined)
    conflicts: tuple[str, ...] = ()
    # The event's public JSON line as written when it was clustered and stored (``export.event_line``);
    # empty for an event not read back from the store. Exports use it instead of decoding every member.
    stored_json: str = field(default="", repr=False, compare=False)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({m.outlet for m in self.members}))


@dataclass(frozen=True)
class Article:
    """A cleaned, attributed article with its extracted mentions."""

    path: str
    content_hash: str
    text: str
    outlet: Outlet
    published: DateInterval
    mentions: tuple[Mention, ...] = ()
    title: str | None = None
    url: str | None = None
    language: str = "en"
    cuts: tuple[Cut, ...] = ()
    notes: tuple[str, ...] = field(default=())
    raw: str = ""  # the text as received (normalised): the cuts' offsets point into it


def format_interval(interval: DateInterval) -> str:
    """Compact form: 2019-11-01, 2019-11, 2019, 2019-03-12..04-08, ????-03-15, ?

    Here, not in the dates stage, so that the views need not load the date grammar."""
    s, e = interval.start, interval.end
    if interval.precision == "unknown" and (s, e) == (EARLIEST, LATEST):
        if interval.month is not None:
            return f"????-{interval.month:02d}" + (f"-{interval.day:02d}" if interval.day else "")
        if interval.day is not None:
            return f"????-??-{interval.day:02d}"
        return "?"
    if s == e:
        return s.isoformat()
    if s.day == 1 and e == s.replace(day=calendar.monthrange(s.year, s.month)[1]):
        return f"{s.year:04d}-{s.month:02d}"
    if (s.month, s.day) == (1, 1) and e == date(s.year, 12, 31):
        return f"{s.year:04d}"
    if (s.month, s.day) == (1, 1) and (e.month, e.day) == (12, 31):
        return f"{s.year:04d}..{e.year:04d}"
    if e == LATEST:
        return f"{s.isoformat()}.."
    if s == EARLIEST:
        return f"..{e.isoformat()}"
    if s.year == e.year:
        return f"{s.isoformat()}..{e.month:02d}-{e.day:02d}"
    return f"{s.isoformat()}..{e.isoformat()}"
