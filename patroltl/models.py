"""The small frozen records that pass between the pipeline stages.

load -> Document, clean -> Cleaned, extract -> Mention (with DateInterval and PlaceRef),
cluster -> Event. Nothing here does I/O.

The records only the ingest makes (Document, Cut, Cleaned, PlaceHit, Article) are defined in
``patroltl.documents`` and read from here as ever (``from patroltl.models import Article``): a view
never creates their classes (Python builds each dataclass's methods at import: start-up, issue 17).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .documents import Article as Article
    from .documents import Cleaned as Cleaned
    from .documents import Cut as Cut
    from .documents import Document as Document
    from .documents import PlaceHit as PlaceHit

_DOCUMENTS = frozenset({"Article", "Cleaned", "Cut", "Document", "PlaceHit"})


def __getattr__(name: str) -> Any:
    if name in _DOCUMENTS:
        from . import documents

        value = getattr(documents, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


Precision = Literal["day", "days", "month", "year", "unknown"]
PRECISIONS: tuple[str, ...] = ("day", "days", "month", "year", "unknown")

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


@dataclass(frozen=True, slots=True)
class Tag:
    """A temporal expression as the text states it, before it is grounded: HeidelTime's
    underspecified value. "November 1" is month 11, day 1, year open; "on Friday" is weekday 4 of
    the article's week; "the next day" is one day after the expression before it. Grounding it
    against the article's time (``patroltl.dates.ground``) gives its DateInterval, and it can be
    grounded again when the article's time becomes better known.

    kind: absolute | partial | range | weekday | relative | year | duration. The fields a kind
    uses: y/m/d (y2/m2/d2 for a range's end), mod (a part: early/mid/late/..., or season:NAME),
    year_rel/month_rel ("October last year": -1), wd (0 = Monday) and wd_rel (last/next/this),
    rel (the relative rule) with n (n..n2 for a vague count), unit and qual, prior (relative to
    the expression before, not to publication). anchor names the reference-chronology entry the
    sentence's words point at (with anchor_hits cue words), decided from the text and kept for
    grounding.
    """

    start: int
    end: int
    text: str
    kind: str
    tense: str = "past"
    y: int | None = None
    m: int | None = None
    d: int | None = None
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    mod: str | None = None
    year_rel: int | None = None
    month_rel: int | None = None
    wd: int | None = None
    wd_rel: str | None = None
    rel: str | None = None
    n: int = 0
    n2: int = 0  # a vague count's high end ("a few days ago": n 2, n2 5); 0: the same as n
    unit: str = ""
    qual: str = ""
    prior: bool = False
    notes: tuple[str, ...] = ()
    anchor: str | None = None
    anchor_hits: int = 0

    @property
    def same_day(self) -> bool:
        """ "the same day", "hours later": the day of the expression before it."""
        return self.unit == "day" and self.prior and self.n == 0

    @property
    def value(self) -> str:
        """The underspecified value in TIMEX3's manner: 2019-11-01, XXXX-11-01, XXXX-11,
        WD4 (a Friday of the article's week), PUB-1D (the day before publication), PREV+1D."""
        if self.kind in ("absolute", "partial", "range", "year"):
            y = f"{self.y:04d}" if self.y is not None else "XXXX"
            if self.m is None:
                return y + (f"..{self.y2:04d}" if self.y2 else "") + (f"-{self.mod}" if self.mod else "")
            out = f"{y}-{self.m:02d}" + (f"-{self.d:02d}" if self.d is not None else "")
            if self.d2 is not None and self.m2 is not None:
                out += f"..{self.m2:02d}-{self.d2:02d}"
            if self.wd is not None:
                out += f" (WD{self.wd})"
            return out + (f" ({self.mod})" if self.mod else "")
        base = "PREV" if self.prior else "PUB"
        if self.kind == "weekday":
            return f"WD{self.wd}{'-' + self.wd_rel if self.wd_rel else ''} of {base}"
        if self.rel == "day_of_month":
            return f"{base}{self.month_rel or 0:+d}M-{self.d:02d}"
        if self.m is not None:
            return f"{base}{self.year_rel or 0:+d}Y-{self.m:02d}" + (f" ({self.rel})" if self.rel else "")
        sign = "+" if self.n >= 0 else "-"
        return f"{base}{sign}{abs(self.n)}{(self.unit or 'D')[:1].upper()} ({self.rel})"


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
    # The index, among the article's tags, of the expression the date was grounded from (-1: none,
    # the date is the article's own or a reference event's): what lets it be grounded again.
    timex: int = -1
    # The sentence's detail words (``text.detail_words``): what tells this report's incident from
    # another's, read by cross-source dating when the sentence itself is not at hand.
    words: tuple[str, ...] = ()
    # A bottom-k sketch of the sentence's words (``crossdate.sketch``): a quote or a wire's sentence
    # copied by another outlet shares most of it.
    sketch: tuple[int, ...] = ()


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
    # The article's address and headline where known (a page's canonical link or og:url, a sidecar,
    # an export's column): what a reader clicks and cites. The path stays for articles with neither.
    url: str | None = None
    title: str | None = None


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


# An article of a file of many (an export's row, a feed's item) is named "FILE#N".
_ITEM = re.compile(r"#([1-9][0-9]{0,8})\Z")


def item_name(source: str, n: int) -> str:
    """The name of the n-th article (from 1) of a file that holds many."""
    return f"{source}#{n}"


def split_item(name: str) -> tuple[str, int | None]:
    """An article's file and its number in it ("feed.xml#2" -> ("feed.xml", 2)); a file of one
    article is itself, with no number."""
    m = _ITEM.search(name)
    return (name[: m.start()], int(m.group(1))) if m else (name, None)
