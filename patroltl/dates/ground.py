"""Phase two of the dates: ground each tagged expression against the article's time (HeidelTime's
resolution step). ``ground_all`` turns the article's tags into :class:`Timex` records with a
DateInterval and its evidence; it reads nothing but the tags, the publication interval and the
knowledge, so an article can be grounded again, without its text, when its publication date
becomes better known (``patroltl.dates.reground``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from ..intervals import (
    UNIT_DAYS,
    add_months,
    interval,
    is_open,
    month_end,
    month_start,
    open_interval,
    safe_date,
    shift,
)
from ..knowledge import ChronologyEntry, Knowledge
from ..models import DateInterval, Tag, format_interval
from . import years
from .years import Frame


@dataclass(frozen=True)
class Timex:
    """A temporal expression of the text, grounded. ``index`` is its tag's place among the
    article's tags (what a stored mention refers to)."""

    start: int
    end: int
    text: str
    kind: str  # absolute | partial | range | weekday | relative | year | duration
    interval: DateInterval
    tense: str  # past | future | present
    anchored: str | None = None
    index: int = -1


def frame_for(pub: DateInterval, kn: Knowledge, anchors: Sequence[tuple[int, date]] = ()) -> Frame:
    settings = kn.tuning.dates
    return Frame(
        pub,
        years.is_narrow(pub, settings.narrow_days),
        years.parts(kn.lexicon),
        tuple(anchors),
        settings.yearless_window_days,
    )


def allowed_anchors(tags: Sequence[Tag], pub: DateInterval | None, kn: Knowledge) -> dict[int, ChronologyEntry]:
    """The tags whose reference-chronology anchor stands, by index: all of them when publication
    is not known (``pub`` None), else those ``years.anchor_allowed`` keeps."""
    out: dict[int, ChronologyEntry] = {}
    frame = frame_for(pub, kn) if pub is not None else None
    for i, t in enumerate(tags):
        entry = kn.chronology.get(t.anchor) if t.anchor else None
        if entry is None:
            continue
        if pub is None or frame is None or years.anchor_allowed(t, entry, pub, frame):
            out[i] = entry
    return out


def day_anchors(
    tags: Sequence[Tag], anchored: dict[int, ChronologyEntry], kn: Knowledge, named: frozenset[int] = frozenset()
) -> list[tuple[int, date]]:
    """(offset, day) of the article's full day dates and of its day dates anchored to the chronology:
    what a year-less date is placed nearest to when publication is wide. Not a full date that names
    a known event (``named``: "the Sochi memorandum of 22 October 2019"): an analysis retells it
    years later, so it says nothing of the year of the article's other days."""
    p = years.parts(kn.lexicon)
    out = []
    for i, t in enumerate(tags):
        if t.start in named:
            continue
        if t.y is not None and t.kind == "absolute" and t.d is not None:
            sp = years.span_for_year(t, t.y, p)
            if sp:
                out.append((t.start, sp[0]))
        elif i in anchored and t.d is not None:
            out.append((t.start, anchored[i].start))
    return out


LIST_GAP = 5  # characters between two days of one list: " and ", ", "


def ground_all(
    tags: Sequence[Tag],
    pub: DateInterval,
    kn: Knowledge,
    anchored: dict[int, ChronologyEntry],
    named: frozenset[int] = frozenset(),
) -> tuple[Timex, ...]:
    """Every tag grounded against ``pub``; a relative expression that refers to the one before
    ("the next day") is grounded on the nearest dated expression before it."""
    frame = replace(
        # a known event's date is no year for the others only while publication is open; once it
        # is known, a retelling goes on from it ("A March 5, 2020, protocol ... A bomb on July 14")
        frame_for(
            pub,
            kn,
            day_anchors(
                tags, anchored, kn, named if not years.is_narrow(pub, kn.tuning.dates.narrow_days) else frozenset()
            ),
        ),
        attributive=frozenset(t.start for t in tags if t.qual == "of"),
    )
    prior_chars = kn.tuning.dates.prior_chars
    out: list[Timex] = []
    prior: DateInterval | None = None
    prior_end = -1
    day: tuple[DateInterval, int] | None = None  # the last date of one day: what "the same day" is of
    first_day: DateInterval | None = None  # the first: what "the same day as the blast" is of
    before_list: tuple[DateInterval, int] | None = None  # ... and the one before a list of days
    for i, t in enumerate(tags):
        near_prior = prior if (prior is not None and t.start - prior_end < prior_chars) else None
        if t.qual == "as" and first_day is not None:
            near_prior = first_day  # "the same day as the Idlib blast": the day of the article's news
        elif t.unit == "day" and t.prior and day is not None and t.start - day[1] < prior_chars:
            near_prior = day[0]  # "on Wednesday ... the 150th since November 2019 ... the same day"
        elif t.same_day and day is not None and _coarse(near_prior):
            # "the same day" is of a day told before, however far, not of a month or a year nearer it
            # ("... yesterday. [...] since the invasion in October 2019. On the same day, a drone ...")
            near_prior = day[0]
        tx = replace(ground_one(t, frame, kn, near_prior, anchored.get(i)), index=i)
        out.append(tx)
        if tx.interval.precision != "unknown":
            prior, prior_end = tx.interval, tx.end
        if tx.interval.precision == "day":
            first_day = first_day or tx.interval
            # two days a few characters apart ("Tuesday and Thursday", "4, 6 and 9 February") are a list
            listed = i > 0 and out[i - 1].interval.precision == "day" and 0 <= t.start - tags[i - 1].end <= LIST_GAP
            # "on Tuesday and Thursday last week. The same day ...": no one day of a list is "the same
            # day"; it is the day told before the list
            if listed and before_list is not None:
                day = before_list
            elif not listed:
                before_list, day = day, (tx.interval, tx.end)
    return tuple(out)


def _coarse(iv: DateInterval | None) -> bool:
    return iv is None or iv.precision in ("month", "year")


def ground_one(
    t: Tag, frame: Frame, kn: Knowledge, prior: DateInterval | None, anchor: ChronologyEntry | None
) -> Timex:
    if t.wd is not None and t.d is not None:
        return _weekday_date(t, frame, kn, anchor)
    if t.kind == "weekday" and t.wd_rel in ("following", "previous") and prior is not None:
        return Timex(t.start, t.end, t.text, "weekday", _weekday_of_prior(t, prior, kn), t.tense)
    if t.kind == "weekday":
        return Timex(t.start, t.end, t.text, "weekday", weekday(t, frame.pub, kn), t.tense)
    if t.kind in ("relative", "duration"):
        return Timex(t.start, t.end, t.text, t.kind, relative(t, frame, prior), t.tense)
    if anchor is not None and t.y is None:
        sp = years.span_for_year(t, anchor.start.year, frame.parts)
        if sp is not None:
            ev = [
                f"'{t.text.strip()}' has no year",
                f"year {anchor.start.year} from reference chronology: {anchor.name} "
                f"({anchor.start.isoformat()}, {t.anchor_hits} cue word(s) in the sentence; {anchor.source})",
            ]
            return Timex(t.start, t.end, t.text, t.kind, interval(sp[0], sp[1], t.text, ev), t.tense, anchor.name)
    iv = calendar_interval(t, frame)
    return Timex(t.start, t.end, t.text, t.kind, iv, t.tense, anchor.name if anchor else None)


def calendar_interval(t: Tag, frame: Frame, extra_check: Callable[[date, date], bool] | None = None) -> DateInterval:
    """Absolute, partial, range and year expressions."""
    ev = list(t.notes)
    if t.y is not None:
        sp = years.span_for_year(t, t.y, frame.parts)
        if sp is None:
            return open_interval(t.text, [f"'{t.text}' is not a valid date"], t.m, t.d)
        return interval(sp[0], sp[1], t.text, [f"explicit date '{t.text.strip()}'", *ev])
    sp, why = years.resolve_yearless(t, frame, extra_check)
    ev.extend(why)
    if sp is None:
        return open_interval(t.text, [f"'{t.text.strip()}' has no year", *ev], t.m, t.d)
    return interval(sp[0], sp[1], t.text, [f"'{t.text.strip()}' has no year", *ev])


def _weekday_date(t: Tag, frame: Frame, kn: Knowledge, anchor: ChronologyEntry | None) -> Timex:
    """'on Saturday (August 24, 2024)', 'on Friday, the first of November': the date wins, and its
    weekday may fix its year."""
    want = t.wd or 0
    day_name = kn.lexicon.weekday_names()[want]
    if t.y is not None:
        iv = calendar_interval(t, frame)
        ev = list(iv.evidence)
        if iv.precision == "day" and iv.start.weekday() != want:
            ev.append(f"note: {iv.start.isoformat()} is not a {day_name}")
        iv = replace(iv, evidence=("weekday with explicit date: the date wins", *ev))
        return Timex(t.start, t.end, t.text, "absolute", iv, t.tense)
    if anchor is not None:
        d = safe_date(anchor.start.year, t.m or 1, t.d or 1)
        if d is not None and d.weekday() == want:
            ev = [f"year {d.year} from reference chronology: {anchor.name} ({anchor.source})", f"{d} is a {day_name}"]
            return Timex(t.start, t.end, t.text, "partial", interval(d, d, t.text, ev), t.tense, anchor.name)

    def on_weekday(a: date, b: date) -> bool:
        return a.weekday() == want

    sp, why = years.resolve_yearless(t, frame, on_weekday)
    if sp is None:
        y = years.weekday_year(t, kn.chronology, frame.pub)
        d = safe_date(y, t.m or 1, t.d or 1) if y is not None else None
        if d is not None:
            span = kn.chronology.years()
            why = [f"year {d.year}: the only year of {span.start}-{span.stop - 1} in which it is a {day_name}"]
            sp = (d, d)
    if sp is None:
        iv = open_interval(t.text, [f"'{t.text.strip()}' has no year", *why], t.m, t.d)
    else:
        ev = [f"'{t.text.strip()}' has no year", *why, f"{sp[0].isoformat()} is a {day_name}"]
        iv = interval(sp[0], sp[1], t.text, ev)
    return Timex(t.start, t.end, t.text, "partial", iv, t.tense)


def _weekday_fn(wd: int, mode: str) -> Callable[[date], date]:
    if mode == "on_or_before":
        return lambda p: shift(p, -((p.weekday() - wd) % 7))
    if mode == "before":
        return lambda p: shift(p, -((p.weekday() - wd - 1) % 7 + 1))
    return lambda p: shift(p, (wd - p.weekday() - 1) % 7 + 1)  # strictly after


def _weekday_of_prior(t: Tag, prior: DateInterval, kn: Knowledge) -> DateInterval:
    """ "the following Monday" after "4 and 6 February": the first Monday after the date before;
    "the previous Friday" the last one before it."""
    name = kn.lexicon.weekday_names()[t.wd or 0]
    after = t.wd_rel == "following"
    fn = _weekday_fn(t.wd or 0, "after" if after else "before")
    a, b = fn(prior.start), fn(prior.end)
    ref = format_interval(prior)
    why = (
        f"the first {name} after the preceding date ({ref})"
        if after
        else f"the last {name} before the preceding date ({ref})"
    )
    return interval(min(a, b), max(a, b), t.text, [why])


def weekday(t: Tag, pub: DateInterval, kn: Knowledge) -> DateInterval:
    """'on Friday': the last Friday up to the article's day (the next one in the future tense)."""
    name = kn.lexicon.weekday_names()[t.wd or 0]
    if is_open(pub):
        return open_interval(t.text, [f"'{t.text.strip()}': publication date unknown"])
    if t.wd_rel == "last_week":
        # "on Tuesday last week": that weekday of the calendar week before the article's
        wd = t.wd or 0
        a, b = (shift(p, -p.weekday() - 7 + wd) for p in (pub.start, pub.end))
        ev = [f"the {name} of the week before publication ({format_interval(pub)})"]
        if a != b:
            ev.append("publication day uncertain: a range of candidate days")
        return interval(a, b, t.text, ev)
    if t.wd_rel == "last":
        mode, why = "before", f"the last {name} before publication"
    elif t.wd_rel == "next" or t.tense == "future":
        mode, why = "after", f"future: the next {name} after publication"
    else:
        mode, why = "on_or_before", f"past: the last {name} up to and including publication"
    fn = _weekday_fn(t.wd or 0, mode)
    a, b = fn(pub.start), fn(pub.end)
    ev = [why + f" ({format_interval(pub)})"]
    if a != b:
        ev.append("publication day uncertain: a range of candidate days")
    return interval(a, b, t.text, ev)


def _period(p: date, unit: str, offset: int) -> tuple[date, date]:
    if unit == "day":
        d = shift(p, offset)
        return d, d
    if unit in ("week", "weekend"):
        monday = shift(p, -p.weekday() + 7 * offset)
        if unit == "weekend":
            return shift(monday, 5), shift(monday, 6)
        return monday, shift(monday, 6)
    if unit == "month":
        first = add_months(month_start(p), offset)
        return first, month_end(first)
    y = min(max(p.year + offset, 1), 9997)
    return date(y, 1, 1), date(y, 12, 31)


def relative(t: Tag, frame: Frame, prior: DateInterval | None) -> DateInterval:
    """'yesterday', 'three days ago', 'last week', 'the next day', 'the 9th of this month', ..."""
    base = prior if (t.prior and prior is not None) else frame.pub
    base_name = "the preceding date" if base is prior else "publication"
    if is_open(base):
        return open_interval(t.text, [f"'{t.text.strip()}': {base_name} unknown"], t.m, t.d)
    found = _relative_span(t, base, frame)
    if found is None:
        return open_interval(t.text, [f"'{t.text.strip()}' not understood"], t.m, t.d)
    if isinstance(found, str):
        return open_interval(t.text, [found], t.m, t.d)
    s, e, extra = found
    return interval(s, e, t.text, [f"relative to {base_name} {format_interval(base)}", *extra])


SpanOrWhy = tuple[date, date, list[str]] | str | None


def _relative_span(t: Tag, base: DateInterval, frame: Frame) -> SpanOrWhy:
    a, b = base.start, base.end
    rel = t.rel
    if rel == "days" and t.wd is not None:  # "yesterday, Monday": the days it may be that are Mondays
        rel, a, b = "today", shift(a, t.n), shift(b, t.n)
    if rel == "today":
        if t.wd is not None:  # "Today, Tuesday": the days of the base that are Tuesdays
            first, last = shift(a, (t.wd - a.weekday()) % 7), shift(b, -((b.weekday() - t.wd) % 7))
            if first > last:  # a page stamped after midnight: its day, and the disagreement said
                return a, b, [f"'{t.text.strip()}': the weekday is not among the days {format_interval(base)}"]
            return first, last, []
        return a, b, []
    # a vague shift ("days later": n..n2) spans every count of it
    lo, hi = (min(t.n, t.n2), max(t.n, t.n2)) if rel == "shift" and t.n2 else (t.n, t.n)
    if rel in ("days", "shift") and (rel == "days" or t.unit == "day"):
        return shift(a, lo), shift(b, hi), []
    if rel == "ago":
        return (*_ago(t, a, b), [])
    if rel == "shift":
        return _period(a, t.unit, lo)[0], _period(b, t.unit, hi)[1], []
    if rel == "period":
        return (*_period_of(t, a, b), [])
    if rel == "trailing":
        return (*_trailing(t, a, b), [])
    if rel == "last_weekend":
        return (*_last_weekend(a, b), [])
    if rel == "day_of_month":
        return _day_of_month(t, a, b)
    if rel == "recent_day":
        return _recent_day(t, a, b)
    if rel == "hiatus":
        return _hiatus(t, a, b, frame)
    if t.year_rel is not None:
        return _year_relative(t, a, b, frame)
    return _month_name(t, a, b)


def _same_day_back(d: date, t: Tag) -> date:
    if t.unit == "day":
        return shift(d, -t.n)
    if t.unit == "week":
        return shift(d, -7 * t.n)
    back = add_months(d, -t.n * (12 if t.unit == "year" else 1))
    return safe_date(back.year, back.month, d.day) or back  # 29 February a year back: the 28th


def _ago(t: Tag, a: date, b: date) -> tuple[date, date]:
    """'three days ago' (from each end of the base), 'a few weeks back' (over the whole count)."""
    most, least = max(t.n, t.n2), t.n
    if t.qual.startswith("same_day-"):  # "five years ago today": the day itself, so many units back
        days = int(t.qual.rsplit("-", 1)[1])  # "a week ago yesterday": from the day before
        return _same_day_back(shift(a, -days), t), _same_day_back(shift(b, -days), t)
    if t.unit == "day":
        return shift(a, -most), shift(b, -least)
    if t.unit == "week":
        return shift(a, -7 * most - 3), shift(b, -7 * least + 3)
    unit_months = 12 if t.unit == "year" else 1
    s = month_start(add_months(a, -most * unit_months))
    e = month_end(add_months(b, -least * unit_months))
    if t.unit == "year":
        return date(s.year, 1, 1), date(e.year, 12, 31)
    return s, e


def _trailing(t: Tag, a: date, b: date) -> tuple[date, date]:
    """'the past week', 'over the last few days': from that many units before the base up to it."""
    days = UNIT_DAYS.get(t.unit, 7) * max(t.n, t.n2, 1)
    return shift(a, -days), b


def _last_weekend(a: date, b: date) -> tuple[date, date]:
    """'over the weekend': the Saturday and Sunday last begun on or before the base's day."""
    start = shift(a, -((a.weekday() - 5) % 7))
    end = shift(shift(b, -((b.weekday() - 5) % 7)), 1)
    return start, min(end, b)


def _period_of(t: Tag, a: date, b: date) -> tuple[date, date]:
    s, e = _period(a, t.unit, t.n)[0], _period(b, t.unit, t.n)[1]
    if t.prior and t.qual in ("earlier", "later"):
        # "later that month" after "in early February": the rest of the month after that date
        return (shift(b, 1), e) if t.qual == "later" and b < e else (s, shift(a, -1)) if a > s else (s, e)
    if t.qual == "earlier" and t.n == 0:
        # before the article's day ("earlier this week" on a Friday: Monday to Thursday); a day
        # earlier today would be "earlier today"
        return s, max(s, shift(b, -1))
    if t.qual == "later" and t.n == 0:
        return a, e
    if t.qual in ("early", "late") and (s.year, s.month) == (e.year, e.month) and t.unit == "month":
        return (s, s.replace(day=10)) if t.qual == "early" else (s.replace(day=20), e)
    if t.qual in ("early", "late") and s.year == e.year and t.unit == "year":
        return (s, date(s.year, 4, 30)) if t.qual == "early" else (date(s.year, 9, 1), e)
    return s, e


def _day_of_month(t: Tag, a: date, b: date) -> SpanOrWhy:
    firsts = add_months(month_start(a), t.month_rel or 0)
    lasts = add_months(month_start(b), t.month_rel or 0)
    d1 = safe_date(firsts.year, firsts.month, t.d or 1)
    d2 = safe_date(lasts.year, lasts.month, t.d or 1)
    if d1 is None or d2 is None:
        return f"'{t.text.strip()}' is not a valid day"
    return d1, d2, []


def _recent_day(t: Tag, a: date, b: date) -> SpanOrWhy:
    """ "On the 14th": the last day of that number up to the article's time (the next one, for
    what is announced), in the month of publication or the one before."""
    ahead = t.tense == "future"

    def nearest(x: date) -> date | None:
        for step in (0, 1, 2):
            first = add_months(month_start(x), step if ahead else -step)
            day = safe_date(first.year, first.month, t.d or 1)
            if day is not None and (day >= x if ahead else day <= x):
                return day
        return None

    lo, hi = nearest(a), nearest(b)
    if lo is None or hi is None:
        return f"'{t.text.strip()}' is not a valid day"
    which = "the next day of that number from" if ahead else "the last day of that number up to"
    why = f"'{t.text.strip()}': {which} publication"
    return lo, hi, [why]


def _hiatus(t: Tag, a: date, b: date, frame: Frame) -> SpanOrWhy:
    """'after nearly a year of hiatus': the pause began about that long before, stretched or
    shrunk by its qualifier (the lexicon's pause_qualifiers)."""
    days = t.n * UNIT_DAYS.get(t.unit, 365)
    lo_f, hi_f = frame.parts.pause_factors.get(t.qual, (0.85, 1.15))
    why = f"the pause began about {t.n} {t.unit}(s) before ({t.qual or 'approx.'})"
    return shift(a, -round(days * hi_f)), shift(b, -round(days * lo_f)), [why]


def _year_relative(t: Tag, a: date, b: date, frame: Frame) -> SpanOrWhy:
    if t.m is None:  # "last spring"
        y = a.year + (t.year_rel or 0)
        sp = years.span_for_year(t, y, frame.parts) or (date(y, 1, 1), date(y, 12, 31))
        return sp[0], sp[1], []
    sp1 = years.span_for_year(t, a.year + (t.year_rel or 0), frame.parts)
    sp2 = years.span_for_year(t, b.year + (t.year_rel or 0), frame.parts)
    if sp1 is None or sp2 is None:
        return "invalid date"
    return sp1[0], sp2[1], []


def _month_name(t: Tag, a: date, b: date) -> SpanOrWhy:
    mo = t.m or 1
    if t.rel in ("following_month", "next_month_name"):
        y = a.year if mo > a.month else a.year + 1
        y2 = b.year if mo > b.month else b.year + 1
    elif t.rel in ("previous_month", "last_month_name"):
        y = a.year if mo < a.month else a.year - 1
        y2 = b.year if mo < b.month else b.year - 1
    elif t.rel == "this_month_name":
        y, y2 = a.year, b.year
    else:
        return None
    return date(y, mo, 1), month_end(date(y2, mo, 1)), []
