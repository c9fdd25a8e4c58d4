"""Which year a date gets when its text does not say: every such decision is made here.

A year-less date ("On October 22", "in March", "the 9th of this month", "Wednesday, 14 April")
gets its year, in this order, from:

1. ``anchor_candidate`` / ``anchor_allowed``: the reference chronology (``data/chronology.tsv``),
   when an entry has the same month (and day) and its cue words stand near the date; with a known
   publication day, a single cue word must agree with the year publication gives
   (``anchor_allowed``), two or more win over it.
2. ``weekday_year``: a weekday with a day and a month, when exactly one year of the span the
   reference chronology covers puts that day on that weekday (and publication allows it).
3. ``resolve_yearless``: the publication interval, when it is narrow (the most recent occurrence
   not after publication for the past tense, the next one for the future); or, when publication
   is wide, the article's own dated references nearest to the date (``Frame.anchors``).
4. ``last_year_hint`` (publication only): "last year" beside an explicit year about the same
   subject makes the article's year the one after it.

Otherwise the year stays open: the interval spans EARLIEST..LATEST with month/day kept, and
clustering may give it the year another article knows. patroltl never invents a year.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from ..intervals import interval, is_open, last_day, safe_date, shift
from ..knowledge import Chronology, ChronologyEntry, Lexicon
from ..knowledge.chronology import cue_form
from ..models import DateInterval, Tag, format_interval
from ..text import Sentences

# --------------------------------------------------------------------------------------------
# Calendar arithmetic: the span a tag denotes in a given year
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Parts:
    """The lexicon's parts of months and years and its seasons, as numbers."""

    seasons: dict[str, tuple[int, int]]
    month_parts: dict[str, tuple[int, int]]
    year_parts: dict[str, tuple[int, int]]
    pause_factors: dict[str, tuple[float, float]]


@cache
def parts(lex: Lexicon) -> Parts:
    def pairs(path: str) -> dict[str, tuple[int, int]]:
        return {k: (int(v[0]), int(v[1])) for k, v in lex.table(path).items()}

    factors = {
        " ".join(k.split()): (float(v[0]), float(v[1])) for k, v in lex.table("dates.relative.pause_qualifiers").items()
    }
    return Parts(pairs("calendar.seasons"), pairs("dates.month_parts"), pairs("dates.year_parts"), factors)


def span_for_year(tag: Tag, y: int, p: Parts) -> tuple[date, date] | None:
    """The days the expression denotes in year ``y`` (None if it does not exist then)."""
    if not 1 <= y <= 9997:
        return None
    mod = tag.mod
    if mod and mod.startswith("season:"):
        first, last = p.seasons.get(mod.split(":", 1)[1], (1, 12))
        y_end = y + 1 if last < first else y
        return date(y, first, 1), date(y_end, last, last_day(y_end, last))
    if tag.m is None:
        if tag.y2 is not None:
            return date(y, 1, 1), date(tag.y2, 12, 31)
        a, b = p.year_parts.get(mod or "", (1, 12))
        return date(y, a, 1), date(y, b, last_day(y, b))
    if not 1 <= tag.m <= 12:
        return None
    if tag.d is None:
        last = last_day(y, tag.m)
        a, b = p.month_parts.get(mod or "", (1, last))
        return date(y, tag.m, min(a, last)), date(y, tag.m, min(b, last))
    start = safe_date(y, tag.m, tag.d)
    if start is None:
        return None
    if tag.d2 is not None and tag.m2 is not None:
        end = safe_date(y if tag.m2 >= tag.m else y + 1, tag.m2, tag.d2)
        if end is None or end < start:
            return None
        return start, end
    return start, start


# --------------------------------------------------------------------------------------------
# 1. The reference chronology
# --------------------------------------------------------------------------------------------


def cue_window(text: str, sentences: Sentences, tag: Tag) -> str:
    """The words around a date that may name a reference event: its sentence, at most 250
    characters on each side."""
    a, b = sentences.around(tag.start)
    return cue_form(text[max(a, tag.start - 250) : min(b, tag.end + 250)])


def anchor_candidate(tag: Tag, window: str, chronology: Chronology) -> tuple[ChronologyEntry, int] | None:
    """The reference event a month/day (or month) mention points at, with its number of cue words:
    an entry of that month (and day) with one cue word near a day, two near a month. Two entries of
    different years that fit equally: no anchor (do not guess)."""
    if tag.m is None or tag.kind in ("relative", "weekday", "duration", "year"):
        return None
    scored: list[tuple[int, ChronologyEntry]] = []
    for c in chronology:
        if c.start.month != tag.m or (tag.y is not None and c.start.year != tag.y):
            continue
        if not (
            (tag.d is not None and c.precision != "month" and c.start.day == tag.d) or (tag.d is None and not tag.mod)
        ):
            continue
        hits = sum(1 for k in c.keywords if f" {k} " in window)
        if hits >= (1 if tag.d is not None else 2):
            scored.append((hits, c))
    if not scored:
        return None
    scored.sort(key=lambda t: (-t[0], t[1].start))
    best = scored[0][0]
    top = [c for h, c in scored if h == best]
    if len({c.start.year for c in top}) > 1:
        return None
    return top[0], best


def day_of_month_anchor(tag: Tag, window: str, chronology: Chronology) -> ChronologyEntry | None:
    """The reference event "the fifth of this month" or "the 9th of last month" names, when its
    sentence names it (a cue word, as for a day of a named month) and it fell on that day of a
    month: then the month of publication is known. Two entries that fit: none."""
    if tag.rel != "day_of_month" or tag.d is None or tag.month_rel is None or tag.prior:
        return None
    fits = [
        c
        for c in chronology
        if c.precision == "day" and c.start.day == tag.d and any(f" {k} " in window for k in c.keywords)
    ]
    return fits[0] if len(fits) == 1 else None


def anchor_allowed(tag: Tag, entry: ChronologyEntry, pub: DateInterval | None, frame: Frame) -> bool:
    """Whether the chronology's year stands against what publication says."""
    if tag.y is not None or pub is None or pub.precision == "unknown":
        return True
    if tag.tense != "future" and entry.start > pub.end:
        return False  # a past reference after the article was written
    if tag.anchor_hits >= 2 or not frame.narrow:
        return True
    sp, _ = resolve_yearless(tag, Frame(pub, True, frame.parts, (), frame.window_days))
    return sp is not None and sp[0].year == entry.start.year


# --------------------------------------------------------------------------------------------
# 3. Publication and the article's own references
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """What a year-less date is resolved against: publication (and whether it is narrow), and
    the article's day-dated references by offset."""

    pub: DateInterval
    narrow: bool
    parts: Parts
    anchors: Sequence[tuple[int, date]] = ()
    window_days: int = 366
    attributive: frozenset[int] = frozenset()  # offsets of anchors that name a thing's date ("of 22 October 2019")


def is_narrow(pub: DateInterval, narrow_days: int) -> bool:
    """Whether publication is known well enough to give a year-less date its year."""
    return not is_open(pub) and (pub.end - pub.start).days <= narrow_days


def resolve_yearless(
    tag: Tag, frame: Frame, extra_check: Callable[[date, date], bool] | None = None
) -> tuple[tuple[date, date] | None, list[str]]:
    """Pick the year of a month(/day) expression whose year the text does not give."""
    pub = frame.pub
    what = tag.text.strip()
    if is_open(pub) and not frame.anchors:
        return None, ["no year in the text, no publication date and no anchor: year left open"]
    lo_year, hi_year = pub.start.year - 1, pub.end.year + 1
    if not frame.narrow:
        if not frame.anchors:
            return None, ["publication date too uncertain to fix the year"]
        years = [d.year for _, d in _nearest_anchors(frame, tag)]
        lo_year, hi_year = max(lo_year, min(years) - 1), min(hi_year, max(years) + 1)
    candidates = _candidates(tag, frame, range(lo_year, hi_year + 1), extra_check)
    if frame.narrow and tag.tense != "future" and (told := _narrative_year(tag, frame, candidates)) is not None:
        return told
    if not candidates:
        return None, [f"no year puts '{what}' in the allowed range: year left open"]
    if len(candidates) == 1:
        c = candidates[0]
        return c, [f"year {c[0].year}: the only one consistent with publication {format_interval(pub)}"]
    if (not frame.narrow or tag.kind != "weekday") and frame.anchors:
        near = _nearest_anchors(frame, tag)

        def dist(c: tuple[date, date]) -> int:
            return min(min(abs((c[0] - d).days), abs((c[1] - d).days)) for _, d in near)

        best = min(candidates, key=lambda c: (dist(c), -c[0].toordinal()))
        ref = min(near, key=lambda a: min(abs((best[0] - a[1]).days), abs((best[1] - a[1]).days)))
        return best, [f"year {best[0].year}: nearest to the article's dated reference {ref[1].isoformat()}"]
    if tag.tense == "future":
        return candidates[0], [f"future tense: next occurrence on/after publication {format_interval(pub)}"]
    past = [c for c in candidates if c[0] <= pub.end]
    c = past[-1] if past else candidates[-1]
    return c, [f"past tense: most recent occurrence not after publication {format_interval(pub)}"]


NARRATIVE_CHARS = 400  # how far back a dated sentence still sets the time of a retelling
RECENT_DAYS = 31  # a year-less date this near publication is the article's news, of its year


def _narrative_year(
    tag: Tag, frame: Frame, candidates: Sequence[tuple[date, date]]
) -> tuple[tuple[date, date], list[str]] | None:
    """ "On Oct. 9, 2019, Turkey launched ... a March 5, 2020, protocol ... A bomb near Ariha on July
    14 wounded soldiers": in a retelling of earlier years, a year-less date goes on from the dated
    one just before it (HeidelTime's narrative reference time), not from publication; only when the
    publication year would make it old news anyway (not "On March 9" in an article of March 10)."""
    recent = [c for c in candidates if c[1] >= shift(frame.pub.start, -RECENT_DAYS)]
    prior = [
        (off, d) for off, d in frame.anchors if 0 < tag.start - off <= NARRATIVE_CHARS and off not in frame.attributive
    ]
    if recent or not prior:
        return None
    _, ref = max(prior)
    if ref.year >= frame.pub.start.year:
        return None
    sp = span_for_year(tag, ref.year, frame.parts)
    if sp is None or sp[0] < ref or (sp[0] - ref).days > 366:
        return None
    return sp, [f"year {ref.year}: the retelling goes on from {ref.isoformat()}, dated just before it"]


def _nearest_anchors(frame: Frame, tag: Tag) -> list[tuple[int, date]]:
    return sorted(frame.anchors, key=lambda a: abs(a[0] - tag.start))[:3]


def _candidates(
    tag: Tag, frame: Frame, years: range, extra_check: Callable[[date, date], bool] | None
) -> list[tuple[date, date]]:
    pub, window = frame.pub, frame.window_days
    out = []
    for y in years:
        sp = span_for_year(tag, y, frame.parts)
        if sp is None:
            continue
        a, b = sp
        if tag.tense == "future":
            ok = b >= pub.start and a <= shift(pub.end, window)
        else:
            ok = a <= pub.end and b >= shift(pub.start, -window)
        if ok and (extra_check is None or extra_check(a, b)):
            out.append(sp)
    return out


# --------------------------------------------------------------------------------------------
# 2. A weekday with a day and a month
# --------------------------------------------------------------------------------------------


def weekday_year(tag: Tag, chronology: Chronology, pub: DateInterval) -> int | None:
    """The one year of the chronology's span (and of publication's, when known) in which the
    tag's day and month fall on its weekday ("Wednesday, 14 April": 2021 among 2014-2025)."""
    if tag.wd is None or tag.m is None or tag.d is None:
        return None
    years = [
        y
        for y in chronology.years()
        if (d := safe_date(y, tag.m, tag.d)) is not None
        and d.weekday() == tag.wd
        and (is_open(pub) or shift(pub.start, -366) <= d <= shift(pub.end, 366))
    ]
    return years[0] if len(years) == 1 else None


# --------------------------------------------------------------------------------------------
# 4. "last year" beside an explicit year
# --------------------------------------------------------------------------------------------

_YEAR_WORD = re.compile(r"\b(?:19|20)\d\d\b")
_CAPWORD = re.compile(r"\b[A-Z][a-z]{3,}\b")


def last_year_hint(
    text: str, tags: Sequence[Tag], sentences: Sentences, common: frozenset[str]
) -> tuple[int, str] | None:
    """ "last year" in a sentence next to an explicit year about the same subject (a capitalised
    word they share, other than ``common`` ones) -> publication year."""
    votes: dict[int, str] = {}
    starts = sentences.starts
    for t in tags:
        if not (t.rel == "period" and t.unit == "year" and t.n == -1 and t.qual == ""):
            continue
        a, b = sentences.around(t.start)
        i = bisect_right(starts, t.start) - 1
        pa = starts[i - 1] if i >= 1 else a
        here, prev = text[a:b][:600], text[pa:a][-600:]
        caps_here = {w for w in _CAPWORD.findall(here) if w not in common}
        for chunk in (here, prev):
            found = [int(y) for y in _YEAR_WORD.findall(chunk)]
            if not found:
                continue
            shared = caps_here & {w for w in _CAPWORD.findall(chunk) if w not in common}
            if chunk is prev and not shared:
                continue
            y = max(found)
            votes[y + 1] = (
                f"'last year' ({t.text.strip()}) next to an explicit {y} about "
                f"{', '.join(sorted(shared)) or 'the same sentence'}: published in {y + 1}"
            )
            break
    if len(votes) == 1:
        ((y, why),) = votes.items()
        return y, why
    return None


def year_interval(y: int, why: str) -> DateInterval:
    return interval(date(y, 1, 1), date(y, 12, 31), "", [why])
