"""Cluster stage: group mentions into events by a scored, explainable match.

Deterministic: mentions are visited in a canonical order (best-dated first, then by date and key),
so the same articles in any order give the same events, and an event's id is derived from its
members' keys. Blocking by type family and month (or month-day for a year-less date) keeps it
sub-quadratic. The analyst's overrides (merge, split) are applied on top, by mention key, so they
survive later ingests.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache, lru_cache

from .extract import KIND_RANK, summary_line
from .models import POINT_KINDS, DateInterval, Event, Mention, PlaceRef, Precision, StoredMention, type_family
from .places import distance_km
from .vocab import load_vocabulary

DATE_RANK = {"text": 0, "report": 1, "published": 2, "none": 3}
JOIN_AT = 2.5
NEAR_KM = 30.0
FAR_KM = 150.0
REPORT_LAG = timedelta(days=10)  # a numbered patrol dated by its statement may be days before it
SHORT_LAG = timedelta(days=2)  # otherwise a statement is about the day or two before it
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WIDE = 62  # days: wider intervals are indexed by their keys only


PARTY_TYPES = frozenset({"agreement", "military_operation", "withdrawal"})


@dataclass(eq=False)
class Cluster:
    family: str
    date: DateInterval
    strong: bool
    members: list[StoredMention] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # why each member joined, in the order of members
    places: list[PlaceRef] = field(default_factory=list)
    ordinals: set[int] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    order: int = 0
    # tuples, not lists: an article has one mention in most clusters, and a list costs more
    by_article: dict[str, tuple[StoredMention, ...]] = field(default_factory=dict)
    actors: set[str] = field(default_factory=set)


def _sort_key(sm: StoredMention) -> tuple[int, int, int, date, str]:
    """Best-dated first; among equals, the mentions that say most (a place, an ordinal) seed events."""
    m = sm.mention
    richness = (m.place is not None and m.place.kind in POINT_KINDS) + (m.ordinal is not None)
    return (DATE_RANK.get(m.date_from, 3), m.date.days, -richness, m.date.start, sm.key)


def _months(start: date, end: date) -> Iterable[tuple[int, int]]:
    y, mo = start.year, start.month
    while (y, mo) <= (end.year, end.month):
        yield y, mo
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)


def _year_open(d: DateInterval) -> bool:
    return d.month is not None and d.day is not None and d.days > 366


def _place_score(m_places: Sequence[PlaceRef], c: Cluster) -> tuple[float, str]:
    if not m_places or not c.places:
        return 0.0, ""
    best = -3.0
    reason = ""
    for p in m_places:
        for q in c.places:
            if p.place_id and p.place_id == q.place_id:
                return 2.0, f"same place {q.name} +2"
            if p.lat is not None and p.lon is not None and q.lat is not None and q.lon is not None:
                d = _km(p.lat, p.lon, q.lat, q.lon)
                s = 1.5 if d <= NEAR_KM else 0.5 if d <= 100 else 0.0 if d <= FAR_KM else -3.0
                if s < 0 and not (p.kind in POINT_KINDS and q.kind in POINT_KINDS):
                    s = 0.0  # a river, a road or a region is no evidence against a town far from its point
                if s > best:
                    best, reason = s, f"{p.name} {d:.0f} km from {q.name} {s:+g}"
            elif not p.resolved and p.surface.lower() == q.surface.lower() and best < 1.5:
                best, reason = 1.5, f"same spelling {p.surface} +1.5"
    return best, reason


@lru_cache(maxsize=1 << 16)
def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """distance_km, remembered: clustering measures the same few hundred places against each other."""
    return distance_km((lat1, lon1), (lat2, lon2))


def _own_places(m: Mention) -> tuple[PlaceRef, ...]:
    """The places the mention's own words name (an article-inferred place is no evidence)."""
    if not m.place_text:
        return ()
    return m.places or ((m.place,) if m.place else ())


def score(sm: StoredMention, c: Cluster) -> tuple[float, str] | None:
    """How well a mention fits a cluster, with the reasons; None when it must not join."""
    m = sm.mention
    # The vetoes that cost least come first: most candidates a mention's dates reach are refused.
    if type_family(m.type) != c.family:
        return None
    if m.ordinal and c.ordinals and m.ordinal not in c.ordinals:
        return None
    parts: list[str] = []
    total = 0.0
    cd = c.date
    if _year_open(m.date):
        if cd.month is None and cd.precision == "day" and (cd.start.month, cd.start.day) == (m.date.month, m.date.day):
            total += 2.0
            parts.append(f"same day of year {cd.start:%m-%d}, year {cd.start.year} inherited +2")
        elif (cd.month, cd.day) == (m.date.month, m.date.day) and cd.month is not None:
            total += 1.5
            parts.append("same day of year +1.5")
        else:
            return None
    elif m.date_from in ("report", "published") and c.strong:
        lag = REPORT_LAG if (m.ordinal and m.ordinal in c.ordinals) else SHORT_LAG
        if not (m.date.start - lag <= cd.end and cd.start <= m.date.end):
            return None
        same = m.date.precision == "day" and cd.precision == "day" and m.date.start == cd.start
        total += 1.5 if same else 1.0
        parts.append(("same day as the statement" if same else "within days before the statement") + f" +{total:g}")
    else:
        if not m.date.overlaps(cd):
            if _day_apart(m.date, cd) and (
                (m.ordinal and m.ordinal in c.ordinals) or any(k.startswith("op:") for k in set(m.keys) & c.keys)
            ):
                # One outlet's Thursday, another's Friday for the same numbered patrol: one event,
                # a conflict for diff-sources to show, not two events.
                total += 0.5
                parts.append("dates a day apart (a conflict) +0.5")
            else:
                return None
        else:
            narrow = m.date.days <= 31 and cd.days <= 31
            exact = m.date.precision == "day" and cd.precision == "day" and m.date.start == cd.start
            s = 3.0 if exact else 2.0 if narrow else 0.5
            total += s
            parts.append(f"dates overlap ({'same day' if exact else 'compatible'}) +{s:g}")
    if _same_article_other_date(sm, c):
        return None
    wd = _weekday(m.date_text)
    same_number = bool(m.ordinal and m.ordinal in c.ordinals)
    other_weekday = wd is not None and c.strong and c.date.precision == "day" and c.date.start.weekday() != wd
    if other_weekday and not (same_number and _day_apart(m.date, c.date)):
        return None
    if any(
        o.mention.date_text == m.date_text
        and (m.date_text or m.date_from == o.mention.date_from == "published")
        and (o.mention.date.start, o.mention.date.end) == (m.date.start, m.date.end)
        for o in c.by_article.get(sm.article_hash, ())
    ):
        total += 1.5
        parts.append("the same article dates both alike +1.5")
    ps, reason = _place_score(_own_places(m), c)
    if ps <= -3 and not (m.ordinal and m.ordinal in c.ordinals):
        return None
    if reason:
        total += ps
        parts.append(reason)
    if m.ordinal and c.ordinals:  # the same one: a different one was refused above
        total += 3.0
        parts.append(f"same ordinal {m.ordinal} +3")
    parties = set(m.actors) & c.actors
    if c.family in PARTY_TYPES and len(parties) >= 2:
        # Who agreed with whom (or fought whom) tells an agreement from another of the same month.
        total += 0.5
        parts.append(f"same parties {', '.join(sorted(parties))} +0.5")
    shared = (set(m.keys) - {f"ordinal:{m.ordinal}"}) & c.keys
    if shared:
        # A named operation is as distinctive as an ordinal; other keys are hints.
        bonus = sum(2.0 if k.startswith("op:") else 1.0 for k in shared)
        total += bonus
        parts.append(f"shared keys {', '.join(sorted(shared))} +{bonus:g}")
    return total, "; ".join(parts)


def _ident(p: PlaceRef) -> str:
    return p.place_id or p.surface.lower()


@cache
def _weekday(text: str) -> int | None:
    low = text.lower()
    for i, name in enumerate(WEEKDAYS):
        if name in low and not any(ch.isdigit() for ch in low):
            return i
    return None


def _day_apart(a: DateInterval, b: DateInterval) -> bool:
    return a.precision == b.precision == "day" and abs((a.start - b.start).days) == 1


def _same_article_other_date(sm: StoredMention, c: Cluster) -> bool:
    """An article that dates two events apart ("Earlier, on 5 November, ...", "Yesterday ...",
    "Last Friday ...") means two events, even when neither date is known to the day."""
    m = sm.mention
    for o in c.by_article.get(sm.article_hash, ()):
        if o.mention.date_from != "text" or m.date_from != "text":
            continue
        od = o.mention.date
        if not od.overlaps(m.date):
            return True
        if (
            (od.start, od.end) != (m.date.start, m.date.end)
            and o.mention.date_text
            and m.date_text
            and o.mention.date_text != m.date_text
            and od.precision in ("day", "days")
            and m.date.precision in ("day", "days")
        ):
            return True
    return False


Bucket = dict[int, "Cluster"]


class Index:
    """Candidate clusters for a mention, by blocking: day-dated clusters by (family, day), others by
    (family, month), year-less lookups by (family, month, day), and distinctive keys. A mention is
    scored only against the clusters its own dates (and keys) reach."""

    def __init__(self) -> None:
        self.by_date: dict[tuple[str, date], Bucket] = defaultdict(dict)
        self.by_month: dict[tuple[str, int, int], Bucket] = defaultdict(dict)
        self.by_day: dict[tuple[str, int, int], Bucket] = defaultdict(dict)
        self.by_key: dict[tuple[str, str], Bucket] = defaultdict(dict)

    def add(self, c: Cluster) -> None:
        if c.date.precision == "day":
            self.by_date[(c.family, c.date.start)][id(c)] = c
            self.by_day[(c.family, c.date.start.month, c.date.start.day)][id(c)] = c
        elif c.date.days <= WIDE:
            for y, mo in _months(c.date.start, c.date.end):
                self.by_month[(c.family, y, mo)][id(c)] = c
        for k in c.keys:
            self.by_key[(c.family, k)][id(c)] = c

    def candidates(self, sm: StoredMention) -> list[Cluster]:
        m = sm.mention
        fam = type_family(m.type)
        found: Bucket = {}
        if _year_open(m.date) and m.date.month and m.date.day:
            found.update(self.by_day.get((fam, m.date.month, m.date.day), {}))
        elif m.date.days <= 400:
            lag = REPORT_LAG if m.date_from in ("report", "published") or m.ordinal else timedelta(days=1)
            day = m.date.start - lag
            while day <= m.date.end:
                found.update(self.by_date.get((fam, day), {}))
                day += timedelta(days=1)
            for y, mo in _months(m.date.start - lag, m.date.end):
                found.update(self.by_month.get((fam, y, mo), {}))
        for k in m.keys:
            found.update(self.by_key.get((fam, k), {}))
        return list(found.values())


def cluster(mentions: Iterable[StoredMention], overrides: Sequence[tuple[str, str, str]] = ()) -> list[Event]:
    ordered = sorted((sm for sm in mentions if not sm.mention.planned), key=_sort_key)
    clusters: list[Cluster] = []
    index = Index()
    for sm in ordered:
        best: tuple[float, str, Cluster] | None = None
        for c in index.candidates(sm):
            s = score(sm, c)
            if s is None or s[0] < JOIN_AT:
                continue
            if best is None or (s[0], -c.order) > (best[0], -best[2].order):
                best = (s[0], s[1], c)
        if best is None:
            c = _new_cluster(sm)
            c.order = len(clusters)
            clusters.append(c)
            index.add(c)
        else:
            # interned: a few thousand distinct reasons for hundreds of thousands of mentions
            _join(best[2], sm, sys.intern(f"joined (score {best[0]:g}): {best[1]}"))
            index.add(best[2])
    del index, ordered  # not needed to make the events: a large database holds each thing once
    if overrides:
        groups = apply_overrides([c.members for c in clusters], overrides)
        why = _why(clusters)
        clusters.clear()
        events = [make_event(g, why) for g in groups]
    else:
        events = []
        while clusters:  # each cluster let go as it becomes an event
            c = clusters.pop()
            events.append(make_event(c.members, dict(zip((sm.key for sm in c.members), c.reasons, strict=True))))
    return sorted(events, key=event_sort_key)


def _why(clusters: Sequence[Cluster]) -> dict[str, str]:
    out: dict[str, str] = {}
    for c in clusters:
        out.update(zip((sm.key for sm in c.members), c.reasons, strict=True))
    return out


def _new_cluster(sm: StoredMention) -> Cluster:
    m = sm.mention
    c = Cluster(type_family(m.type), m.date, m.date_from == "text")
    _join(c, sm, "first mention of the event")
    return c


def _join(c: Cluster, sm: StoredMention, why: str) -> None:
    m = sm.mention
    c.members.append(sm)
    c.by_article[sm.article_hash] = (*c.by_article.get(sm.article_hash, ()), sm)
    c.reasons.append(why)
    # Distinct places only: scoring compares pairs, and a hundred reports of one town are one place.
    c.places.extend(p for p in _own_places(m) if all(_ident(p) != _ident(q) for q in c.places))
    if m.ordinal:
        c.ordinals.add(m.ordinal)
    c.keys.update(m.keys)
    c.actors.update(m.actors)
    if m.date_from == "text" and not _year_open(m.date) and m.date.overlaps(c.date):
        start, end = max(m.date.start, c.date.start), min(m.date.end, c.date.end)
        if (end - start).days + 1 < c.date.days:
            c.date = replace(m.date, start=start, end=end, precision=_precision(start, end))


def _precision(start: date, end: date) -> Precision:
    days = (end - start).days + 1
    if days == 1:
        return "day"
    if start.day == 1 and start.month == end.month and start.year == end.year and (end + timedelta(1)).day == 1:
        return "month"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return "year"
    return "days" if days <= 366 else "unknown"


def apply_overrides(
    groups: list[list[StoredMention]], overrides: Sequence[tuple[str, str, str]]
) -> list[list[StoredMention]]:
    for kind, a, b in overrides:
        where = {sm.key: i for i, g in enumerate(groups) for sm in g}
        if kind == "split" and a in where:
            g = groups[where[a]]
            if len(g) > 1:
                moved = [sm for sm in g if sm.key == a]
                groups[where[a]] = [sm for sm in g if sm.key != a]
                groups.append(moved)
        elif kind == "merge" and a in where and b in where and where[a] != where[b]:
            ia, ib = where[a], where[b]
            groups[ia] = groups[ia] + groups[ib]
            groups[ib] = []
    return [g for g in groups if g]


def event_id(members: Sequence[StoredMention]) -> str:
    return "e" + hashlib.sha1(min(sm.key for sm in members).encode()).hexdigest()[:9]


def event_sort_key(ev: Event) -> tuple[str, str, str, str]:
    return (ev.date.start.isoformat(), ev.date.end.isoformat(), ev.type, ev.id)


TYPE_ORDER = (
    "patrol_resumed",
    "patrol_suspended",
    "attack",
    "patrol",
    "agreement",
    "military_operation",
    "withdrawal",
    "other",
)


def _event_type(members: Sequence[StoredMention]) -> str:
    counts = Counter(sm.mention.type for sm in members)
    return max(counts, key=lambda t: (counts[t], -TYPE_ORDER.index(t) if t in TYPE_ORDER else -99))


def _event_date(members: Sequence[StoredMention]) -> DateInterval:
    """The narrowest date the members support: a text date before a statement's or an article's
    date of the same width, then narrowed by every other member date that agrees with it."""
    dated = [sm.mention for sm in members if not _year_open(sm.mention.date)]
    if not dated:
        return min((sm.mention.date for sm in members), key=lambda d: (d.days, d.start))
    dated.sort(key=lambda m: (m.date.days, DATE_RANK.get(m.date_from, 3), m.date.start))
    best = dated[0].date
    start, end = best.start, best.end
    for m in dated[1:]:
        d = m.date
        if d.start <= end and start <= d.end and (d.start > start or d.end < end):
            start, end = max(start, d.start), min(end, d.end)
    # Outlets that date the event to different days: the date covers every claim (a conflict).
    for m in dated:
        d = m.date
        if (
            m.date_from == "text"
            and d.precision == "day"
            and not (start <= d.start <= end)
            and abs((d.start - start).days) <= 3
        ):
            start, end = min(start, d.start), max(end, d.end)
    if (start, end) != (best.start, best.end):
        return replace(best, start=start, end=end, precision=_precision(start, end))
    return best


def _event_place(members: Sequence[StoredMention]) -> tuple[PlaceRef | None, tuple[str, ...]]:
    # Each mention votes for its places; "near Ras al-Ayn and Qamishli" gives each half a vote.
    votes: dict[str, float] = defaultdict(float)
    places: list[PlaceRef] = []
    for sm in members:
        m = sm.mention
        own = [p for p in _own_places(m) if p.resolved] or list(_own_places(m))[:1]
        towns = [p for p in own if p.kind in POINT_KINDS]
        for p in own:
            if len(towns) >= 2 and p in towns:
                weight = 1.0 / len(towns)  # "near Ras al-Ayn and Qamishli": between them, neither alone
            elif m.place is not None and _ident(p) == _ident(m.place):
                weight = 1.0
            else:
                weight = 0.5 / len(own)
            votes[_ident(p)] += weight
            places.append(p)
    if not places:
        inferred = [sm.mention.place for sm in members if sm.mention.place is not None]
        if not inferred:
            return None, ()
        best = inferred[0]
        return best, (best.name,)
    best = min(
        places,
        key=lambda p: (
            0 if p.resolved else 1,
            KIND_RANK.get(p.kind, 5),
            -votes[_ident(p)],
            places.index(p),
        ),
    )
    ident = best.place_id or best.surface.lower()
    aliases = {p.surface for p in places if (p.place_id or p.surface.lower()) == ident and p.surface}
    aliases.add(best.name)
    return best, tuple(sorted(aliases, key=str.lower))


def make_event(members: Sequence[StoredMention], why: dict[str, str]) -> Event:
    members = sorted(members, key=_sort_key)
    type_ = _event_type(members)
    date_ = _event_date(members)
    others = sorted({sm.article_path for sm in members})
    if len(others) > 1 and any(_year_open(sm.mention.date) for sm in members):
        date_ = replace(date_, evidence=(*date_.evidence, "year from other articles: " + ", ".join(others)))
    place, aliases = _event_place(members)
    figures: dict[str, float] = {}
    for sm in members:
        for k, v in sm.mention.figures:
            figures.setdefault(k, v)
    ordinals = Counter(sm.mention.ordinal for sm in members if sm.mention.ordinal)
    ordinal = ordinals.most_common(1)[0][0] if ordinals else None
    vocab = load_vocabulary()
    claimants = [sm.mention.claimant for sm in members if sm.mention.claimant]
    summary = summary_line(vocab.label(type_), ordinal, claimants, sorted(figures.items()), False)
    return Event(
        id=event_id(members),
        type=type_,
        date=date_,
        place=place,
        aliases=aliases,
        summary=summary,
        members=tuple(members),
        figures=tuple(sorted(figures.items())),
        why=tuple((sm.key, why.get(sm.key, "")) for sm in members),
    )
