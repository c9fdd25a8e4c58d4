"""Cluster stage: where two mentions become one event — a scored, explainable match.

Deterministic: mentions are visited in a canonical order (best-dated first, then by date and key),
so the same articles in any order give the same events, and an event's id is derived from its
members' keys. Blocking by type family and month (or month-day for a year-less date) keeps it
sub-quadratic. ``score`` is a tuple of vetoes (each can refuse a join) and evidence terms (each adds
a named weight of ``data/tuning.toml``); a mention joins the best cluster whose score reaches
``join_at``. The analyst's overrides (merge, split) are applied on top, by mention key, so they
survive later ingests.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any

from . import temponyms
from .extract import VENUE_KEY, summary_line
from .intervals import date_rank, precision_of
from .knowledge import Knowledge, PlaceKinds
from .knowledge.tuning import ClusterWeights, LagModel
from .models import DateInterval, Event, Mention, PlaceRef, StoredMention
from .places import distance_km
from .text import resemblance


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
    sketches: list[tuple[int, ...]] = field(default_factory=list)  # of a few members' sentences


SKETCHES = 8  # per cluster: a quote copied by many outlets is found in the first few of them


@dataclass(frozen=True, eq=False)
class Rules:
    """What the clustering reads of the knowledge: weights, the event types, the kinds of place and
    the weekday names."""

    w: ClusterWeights
    family: Callable[[str], str]
    parties: frozenset[str]  # families whose parties tell two events apart
    kinds: PlaceKinds
    weekdays: tuple[str, ...]
    named: frozenset[str] = frozenset()  # types of named events: few a year, told apart by parties
    lag: LagModel = field(default_factory=LagModel)
    venues: frozenset[str] = frozenset()  # types whose place is where they were held (event_types: venue)
    # a place id -> (country, first-level division, whether the record is a province) in the
    # gazetteer: a town is inside the province or not ("patrols in Hasakah province", "near Derik")
    division: Callable[[str], tuple[str, str, bool] | None] = lambda place_id: None

    @classmethod
    def of(cls, kn: Knowledge) -> Rules:
        vocab = kn.vocabulary
        gaz = kn.gazetteer
        heads = tuple(w.lower() for w in kn.lexicon.words("places.province_heads"))

        def division(place_id: str) -> tuple[str, str, bool] | None:
            place = gaz.get(place_id)
            if place is None or not place.admin1:
                return None
            # "Hasakah province" is read as the province named after its capital (the city's
            # record), a curated region as one only when its name says so ("Idlib province")
            province = place.kind != "region" or place.name.lower().endswith(heads)
            return place.country, place.admin1, province

        return cls(
            kn.tuning.cluster,
            vocab.family,
            frozenset(vocab.family(t.name) for t in vocab.types if t.parties),
            kn.kinds,
            tuple(n.lower() for n in kn.lexicon.weekday_names()),
            frozenset(t.name for t in vocab.types if t.named),
            kn.tuning.lag,
            frozenset(t.name for t in vocab.types if t.venue),
            division,
        )


def _sort_key(sm: StoredMention, kinds: PlaceKinds) -> tuple[int, int, int, date, str]:
    """Best-dated first; among equals, the mentions that say most (a place, an ordinal) seed events."""
    m = sm.mention
    richness = (m.place is not None and kinds.is_point(m.place.kind)) + (m.ordinal is not None)
    return (date_rank(m.date_from), m.date.days, -richness, m.date.start, sm.key)


def _months(start: date, end: date) -> Iterable[tuple[int, int]]:
    y, mo = start.year, start.month
    while (y, mo) <= (end.year, end.month):
        yield y, mo
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)


def _year_open(d: DateInterval) -> bool:
    return d.month is not None and d.day is not None and d.days > 366


@lru_cache(maxsize=1 << 16)
def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """distance_km, remembered: clustering measures the same few hundred places against each other."""
    return distance_km((lat1, lon1), (lat2, lon2))


def _own_places(m: Mention) -> tuple[PlaceRef, ...]:
    """The places the mention's own words name (an article-inferred place is no evidence)."""
    if not m.place_text:
        return ()
    return m.places or ((m.place,) if m.place else ())


@cache
def _weekday(text: str, names: tuple[str, ...]) -> int | None:
    low = text.lower()
    for i, name in enumerate(names):
        if name in low and not any(ch.isdigit() for ch in low):
            return i
    return None


def _day_apart(a: DateInterval, b: DateInterval) -> bool:
    return a.precision == b.precision == "day" and abs((a.start - b.start).days) == 1


# --------------------------------------------------------------------------------------------
# The score: vetoes and evidence terms
# --------------------------------------------------------------------------------------------

Term = tuple[float, str]  # a weight and why


def _same_number(m: Mention, c: Cluster) -> bool:
    return bool(m.ordinal and m.ordinal in c.ordinals)


def _distinct(m: Mention, c: Cluster, r: Rules) -> bool:
    """Whether the mention and the cluster tell of something there is one of: the same numbered
    patrol, the same named operation, or a named type (a suspension, an agreement: few a year).
    Dated a day apart, those are one event with a conflict, not two events."""
    if _same_number(m, c) or any(k.startswith("op:") for k in set(m.keys) & c.keys):
        return True
    return m.type in r.named and any(o.mention.type == m.type for o in c.members[:SKETCHES])


def _date_term(sm: StoredMention, c: Cluster, r: Rules) -> Term | None:
    """How the mention's date fits the cluster's (None: it does not, a veto)."""
    m, cd, w = sm.mention, c.date, r.w
    if _year_open(m.date):
        if cd.month is None and cd.precision == "day" and (cd.start.month, cd.start.day) == (m.date.month, m.date.day):
            return w.yearless_inherits, f"same day of year {cd.start:%m-%d}, year {cd.start.year} inherited"
        if (cd.month, cd.day) == (m.date.month, m.date.day) and cd.month is not None:
            return w.yearless_same_day, "same day of year"
        return None
    if m.date_from in ("report", "published") and c.strong:
        lag = timedelta(days=r.lag.days(c.family, numbered=_same_number(m, c)))
        if not (m.date.start - lag <= cd.end and cd.start <= m.date.end):
            return None
        if m.date.precision == "day" and cd.precision == "day" and m.date.start == cd.start:
            return w.statement_same_day, "same day as the statement"
        return w.statement_days_before, "within days before the statement"
    if not m.date.overlaps(cd):
        if _day_apart(m.date, cd) and _distinct(m, c, r):
            # One outlet's Thursday, another's Friday for the same numbered patrol: one event,
            # a conflict for diff-sources to show, not two events.
            return w.day_apart_conflict, "dates a day apart (a conflict)"
        return None
    if m.date.precision == "day" and cd.precision == "day" and m.date.start == cd.start:
        return w.same_day, "dates overlap (same day)"
    if m.date.days <= 31 and cd.days <= 31:
        return w.overlap_narrow, "dates overlap (compatible)"
    return w.overlap_wide, "dates overlap (compatible)"


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


def _other_weekday(sm: StoredMention, c: Cluster, r: Rules) -> bool:
    """The mention names a weekday the cluster's day is not (unless it is the same numbered patrol
    a day apart: a conflict)."""
    m = sm.mention
    if m.date_from == "report":
        return False  # "..., the ministry said Friday": the day of the statement, not of the event
    wd = _weekday(m.date_text, r.weekdays)
    other = wd is not None and c.strong and c.date.precision == "day" and c.date.start.weekday() != wd
    return other and not (_distinct(m, c, r) and _day_apart(m.date, c.date))


def _alike_in_article(sm: StoredMention, c: Cluster, r: Rules) -> Term | None:
    m = sm.mention
    for o in c.by_article.get(sm.article_hash, ()):
        om = o.mention
        if (
            om.date_text == m.date_text
            and (m.date_text or m.date_from == om.date_from == "published")
            and (om.date.start, om.date.end) == (m.date.start, m.date.end)
        ):
            if om.timex == m.timex >= 0:  # one expression dates both: one took it from the other
                return r.w.same_article_alike + r.w.same_article_timex, "the same words of the article date both"
            return r.w.same_article_alike, "the same article dates both alike"
    return None


def _place_term(m: Mention, c: Cluster, r: Rules, same_article: bool = False) -> Term | None:
    """The best place evidence between the mention's own places and the cluster's. Places on both
    sides that nothing relates (two towns too far apart, an unresolved name against others) weigh
    -3: a veto (two patrols of one number far apart are of two series). In the article's own
    cluster a village the gazetteer does not know is no veto: the report goes on with its story
    ("the patrol toured Saida and Mushairfa" after "a patrol near Ain Issa")."""
    mine = _own_places(m)
    if not mine or not c.places:
        return None
    w = r.w
    best: Term = (0.0, "") if same_article and any(not p.resolved for p in mine) else (-3.0, "")
    points: Term | None = None  # the best between two towns or villages
    for p in mine:
        for q in c.places:
            if p.place_id and p.place_id == q.place_id:
                return w.same_place, f"same place {q.name}"
            if (inside := _inside(p, q, r)) is not None:
                # a town of the province is evidence; one of another province none (and against,
                # when nothing else the two name relates them)
                if inside[0] and best[0] < w.near_place:
                    best = (w.near_place, inside[1])
                continue
            if p.lat is not None and p.lon is not None and q.lat is not None and q.lon is not None:
                d = _km(p.lat, p.lon, q.lat, q.lon)
                s = w.near_place if d <= w.near_km else w.mid_place if d <= w.mid_km else 0.0 if d <= w.far_km else -3.0
                term = (s, f"{p.name} {d:.0f} km from {q.name}")
                if r.kinds.is_point(p.kind) and r.kinds.is_point(q.kind):
                    points = term if points is None or s > points[0] else points
                elif s < 0:  # a river, a road or a region is no evidence against a town far from its point
                    term = (0.0, term[1])
                if term[0] > best[0]:
                    best = term
            elif not p.resolved and p.surface.lower() == q.surface.lower() and best[0] < w.same_spelling:
                best = (w.same_spelling, f"same spelling {p.surface}")
    if points is not None and points[0] <= -3 and best[0] <= 0:
        # Towns on both sides, all far apart: a road or a region both name does not join them
        # ("near Kobani, east of the Euphrates" and "near Saraqib, on the M4 highway").
        best = points
    if best[0] <= -3 and m.type in r.venues and (same_article or _same_reference_event(m, c)):
        # "agree on Idlib cease-fire" over "agreed ... after talks in Moscow": one article names
        # an agreement's subject and its venue; and two reports of one well-known deal name what
        # it covers ("a corridor between Tronba and Ain al-Hawr") or where it was signed
        return None
    return best


def _same_reference_event(m: Mention, c: Cluster) -> bool:
    """Both name one event of the reference chronology (``chron:`` keys), each report of either
    side by a day of its own ("the agreements of 5 March") or by a name of the event ("agree on
    Idlib cease-fire"): one dated only by the place it is about ("the future of the Idlib
    arrangement", "the deal ... troops into Idlib") may be of another deal of that place."""
    if not any(k.startswith(temponyms.PREFIX) and k in c.keys for k in m.keys):
        return False
    return _dates_the_deal(m) and any(_dates_the_deal(o.mention) for o in c.members)


def _dates_the_deal(m: Mention) -> bool:
    """Dated to a day by words of its own or by a name of the event, not by the place it is about."""
    if m.date.precision != "day":
        return False
    if m.date_text:
        return True
    places = {w for p in m.places for w in re.findall(r"\w+", p.name.lower())}
    return bool(m.date.text) and not set(re.findall(r"\w+", m.date.text.lower())) <= places


def _inside(p: PlaceRef, q: PlaceRef, r: Rules) -> tuple[bool, str] | None:
    """ "Hasakah province" and "near Derik": whether a town or a village is inside the province the
    other names (the same first-level division of the gazetteer), and why; None when one is no
    province, or no town, or the gazetteer does not say."""
    if p.place_id is None or q.place_id is None:
        return None
    for region, point in ((p, q), (q, p)):
        if region.kind == "region" and r.kinds.is_point(point.kind):
            a, b = r.division(region.place_id or ""), r.division(point.place_id or "")
            if a is None or b is None or not a[2] or a[0] != b[0]:
                return None
            inside = a[1] == b[1]
            return inside, f"{point.name} {'in' if inside else 'not in'} {region.name}"
    return None


def _quoted(m: Mention, c: Cluster, r: Rules) -> Term | None:
    """A sentence most of whose words another outlet's has too: a quote of one statement, a wire's
    sentence copied."""
    if not m.sketch or not c.sketches:
        return None
    best = max(resemblance(m.sketch, s) for s in c.sketches)
    return (r.w.same_quote, f"the same words ({best:.0%})") if best >= r.w.quote_at else None


def _identity_terms(m: Mention, c: Cluster, r: Rules) -> list[Term]:
    w = r.w
    terms: list[Term] = []
    if m.ordinal and c.ordinals:  # the same one: a different one is a veto
        terms.append((w.same_ordinal, f"same ordinal {m.ordinal}"))
    parties = set(m.actors) & c.actors
    if c.family in r.parties and len(parties) >= 2:
        # Who agreed with whom (or fought whom) tells an agreement from another of the same month.
        terms.append((w.same_parties, f"same parties {', '.join(sorted(parties))}"))
    shared = (set(m.keys) - {f"ordinal:{m.ordinal}"}) & c.keys
    if shared:
        # A named operation is as distinctive as an ordinal; other keys are hints.
        bonus = sum(w.shared_operation if k.startswith("op:") else w.shared_key for k in shared)
        terms.append((bonus, f"shared keys {', '.join(sorted(shared))}"))
    return terms


def _with_its_lead(sm: StoredMention, c: Cluster, r: Rules, leads: frozenset[str]) -> Term | None:
    """A report with no date and no place of its own (a headline, "the patrol was pelted with
    stones") tells of the article's own news: the event of its lead report of that family. So does
    one dated only by the statement that tells it ("the ministry said on Wednesday that the patrol
    was conducted ...")."""
    if not leads or not reads_leads(sm.mention):
        return None
    if any(o.key in leads for o in c.by_article.get(sm.article_hash, ())):
        return r.w.same_article_lead, "the article's lead report of it"
    return None


def reads_leads(m: Mention) -> bool:
    """Whether ``score`` weighs the article's leads for this report (``_with_its_lead``): one with
    no date of its own, or only its statement's, and no place of its own."""
    return m.date_from in ("published", "report") and not _own_places(m)


def leads_of(mentions: Iterable[StoredMention], family: Callable[[str], str], *, dated: bool = True) -> frozenset[str]:
    """The keys of each article's first report of each type family, in the article's order (its
    headline or lead: the article's own news); with ``dated``, of those with a date of their own."""
    first: dict[tuple[str, str], tuple[int, str]] = {}
    for sm in mentions:
        if dated and sm.mention.date_from not in ("text", "report"):
            continue
        order = int(sm.key.rsplit(":", 1)[1]) if ":" in sm.key else 0
        k = (sm.article_hash, family(sm.mention.type))
        if k not in first or order < first[k][0]:
            first[k] = (order, sm.key)
    return frozenset(key for _, key in first.values())


def score(sm: StoredMention, c: Cluster, r: Rules, leads: frozenset[str] = frozenset()) -> tuple[float, str] | None:
    """How well a mention fits a cluster, with the reasons; None when a veto refuses the join."""
    m = sm.mention
    # Vetoes, cheapest first: most candidates a mention's dates reach are refused.
    if r.family(m.type) != c.family or (m.ordinal and c.ordinals and m.ordinal not in c.ordinals):
        return None
    date_term = _date_term(sm, c, r)
    if date_term is None or _same_article_other_date(sm, c) or _other_weekday(sm, c, r):
        return None
    place = _place_term(m, c, r, sm.article_hash in c.by_article)
    if place is not None and place[0] <= -3:
        return None
    # Evidence.
    terms = [
        date_term,
        _alike_in_article(sm, c, r),
        _with_its_lead(sm, c, r, leads),
        place,
        _quoted(m, c, r),
        *_identity_terms(m, c, r),
    ]
    kept = [t for t in terms if t is not None and t[1]]
    total = sum(t[0] for t in kept)
    return total, "; ".join(f"{why} {weight:+g}" for weight, why in kept)


# --------------------------------------------------------------------------------------------
# Blocking
# --------------------------------------------------------------------------------------------

Bucket = dict[int, "Cluster"]


def _alike_open(a: Mention, b: Mention) -> bool:
    """Two reports of an article of no known time that its time dates alike: by the same words, or
    one by none of its own and the other by words relative to the article's time."""
    if a.timex >= 0 and a.timex == b.timex:
        return True
    return (a.timex < 0) != (b.timex < 0) and a.date.days > 400 and b.date.days > 400


class Index:
    """Candidate clusters for a mention, by blocking: day-dated clusters by (family, day), others by
    (family, month), year-less lookups by (family, month, day), and distinctive keys. A mention is
    scored only against the clusters its own dates (and keys) reach."""

    def __init__(self, r: Rules) -> None:
        self.r = r
        self.by_date: dict[tuple[str, date], Bucket] = defaultdict(dict)
        self.by_month: dict[tuple[str, int, int], Bucket] = defaultdict(dict)
        self.by_day: dict[tuple[str, int, int], Bucket] = defaultdict(dict)
        self.by_key: dict[tuple[str, str], Bucket] = defaultdict(dict)
        # The clusters of an article's own reports: two reports of an article of no known time meet
        # here whatever their dates (a headline and its lead, "the patrol, of eight vehicles, ...").
        self.by_article: dict[tuple[str, str], Bucket] = defaultdict(dict)

    def joined(self, c: Cluster, sm: StoredMention) -> None:
        """``sm`` has joined ``c`` (or made it): what it brings is filed (its keys, its article, the
        cluster's date if it narrowed it). Filing the whole cluster again on each join made a
        cluster of n reports cost n² (a cluster stays where it was filed before: the same as filing
        it whole)."""
        self._file_date(c)
        for k in sm.mention.keys:
            self.by_key[(c.family, k)][id(c)] = c
        self.by_article[(c.family, sm.article_hash)][id(c)] = c

    def _file_date(self, c: Cluster) -> None:
        if c.date.precision == "day":
            self.by_date[(c.family, c.date.start)][id(c)] = c
            self.by_day[(c.family, c.date.start.month, c.date.start.day)][id(c)] = c
        elif c.date.days <= self.r.w.wide_days:
            for y, mo in _months(c.date.start, c.date.end):
                self.by_month[(c.family, y, mo)][id(c)] = c

    def candidates(self, sm: StoredMention) -> list[Cluster]:
        m = sm.mention
        fam = self.r.family(m.type)
        found: Bucket = {}
        if _year_open(m.date) and m.date.month and m.date.day:
            found.update(self.by_day.get((fam, m.date.month, m.date.day), {}))
        elif m.date.days <= 400:
            late = m.date_from in ("report", "published") or m.ordinal
            lag = timedelta(days=self.r.lag.days(fam, numbered=bool(m.ordinal)) if late else 1)
            day = m.date.start - lag
            while day <= m.date.end:
                found.update(self.by_date.get((fam, day), {}))
                day += timedelta(days=1)
            for y, mo in _months(m.date.start - lag, m.date.end):
                found.update(self.by_month.get((fam, y, mo), {}))
        for k in m.keys:
            found.update(self.by_key.get((fam, k), {}))
        if m.date.days > 400 and sm.published.days > 400:
            # The dates reach no block, in an article of no known time: the article's own clusters
            # that it dates alike ("yesterday" twice), or, for a report with no date of its own (a
            # headline), by the article's time ("on Friday", "yesterday": still open, where a
            # background date is narrow: "the patrols, which began in November 2019, ..."); and
            # the reverse. (An article of open date makes the clustering a full pass: incremental.py
            # never needs this block.)
            for ident, c in self.by_article.get((fam, sm.article_hash), {}).items():
                if any(_alike_open(o.mention, m) for o in c.by_article[sm.article_hash]):
                    found[ident] = c
        return list(found.values())


# --------------------------------------------------------------------------------------------
# Clustering
# --------------------------------------------------------------------------------------------


SortKey = tuple[int, int, int, date, str]


# A day group's clusters (their members) and the joins made among them, by index: what the next
# clustering of the same mentions replays without weighing them again (``Passes.wholes``).
WholeJoins = tuple[tuple[tuple[StoredMention, ...], ...], tuple[tuple[int, int], ...]]


@dataclass
class Passes:
    """What one clustering leaves the next over the same mentions, some of them re-dated (the
    rounds of ``crossdate.chronicle``: the same keys, types and ways of being dated, other dates for
    the narrowed articles' mentions; another set of mentions needs another ``Passes``): its greedy pass,
    each mention's decision (the cluster it joined and where in it, with the score and the reason,
    or that it began one); its events by their members; and the articles' leads (which a new date
    does not change: they are of keys, types and how a report is dated, not of its date)."""

    # key -> (the mention, its sort key, the first member of its cluster, its place there, score, why)
    seat: dict[str, Seat] = field(default_factory=dict)
    # a cluster's first member -> its members, their reasons, the event they made
    events: dict[str, tuple[tuple[StoredMention, ...], tuple[str, ...], Event]] = field(default_factory=dict)
    leads: frozenset[str] | None = None
    # the joins of whole clusters, by day group
    wholes: dict[tuple[str, date], WholeJoins] = field(default_factory=dict)


Seat = tuple[StoredMention, SortKey, str, int, float, str]


def cluster(
    mentions: Iterable[StoredMention],
    overrides: Sequence[tuple[str, str, str]] = (),
    kn: Knowledge | None = None,
    *,
    observe: Callable[[Sequence[Cluster], Rules], None] | None = None,
    passes: Passes | None = None,
) -> list[Event]:
    """``observe`` sees the clusters of the greedy pass before the event-level joins: what an
    incremental ingest keeps to redo only the part of the chronology new mentions reach.

    ``passes``: what the last clustering of the same mentions, some re-dated, left (replaced by
    this one's).
    A cluster is "as it was" while it has the members the last pass's had at that moment (the same
    objects, in the same order): it scores every mention as it did then, and is filed under the
    same blocks. A mention the last pass visited (the same object) whose cluster then is as it
    was, and which no cluster that is not outscores, decides as it did, without the others being
    weighed again: they lost to it then, and score as they did. The events are those of a full
    pass; the events of the same members for the same reasons are those made before."""
    kn = kn or Knowledge.bundled()
    r = Rules.of(kn)
    seat = passes.seat if passes is not None else {}
    timed = []
    for sm in mentions:
        if not sm.mention.planned:
            was = seat.get(sm.key)
            timed.append((was[1] if was is not None and was[0] is sm else _sort_key(sm, r.kinds), sm))
    timed.sort(key=lambda x: x[0])
    if passes is not None and passes.leads is not None:
        leads = passes.leads
    else:
        leads = leads_of((sm for _, sm in timed), r.family)
    clusters: list[Cluster] = []
    index = Index(r)
    by_seed: dict[str, Cluster] = {}
    # The clusters not as they were (by id): one took a member the last pass's did not, or a
    # member of the last pass's went elsewhere or is not visited (a re-dated mention is another
    # object: its cluster is not as it was from the moment the last pass visited it on).
    changed: set[int] = set()
    now = {sm.key: sm for _, sm in timed}
    gone = sorted((was[1], was[2]) for key, was in seat.items() if now.get(key) is not was[0])
    del now
    gone_at = 0
    made: dict[str, Seat] = {}
    for t, sm in timed:
        while gone_at < len(gone) and gone[gone_at][0] < t:
            if (left := by_seed.get(gone[gone_at][1])) is not None:
                changed.add(id(left))
            gone_at += 1
        candidates = index.candidates(sm)
        was = seat.get(sm.key)
        if was is not None and was[0] is not sm:
            was = None
        found = _as_before(sm, was, candidates, by_seed, changed, r, leads) if was is not None else None
        weight, why, c_ = found or _weighed(sm, candidates, r, leads)
        if c_ is None:
            c = _new_cluster(sm, r)
            c.order = len(clusters)
            clusters.append(c)
            by_seed[sm.key] = c
        else:
            c = c_
            _join(c, sm, why)
        index.joined(c, sm)
        seed, place = c.members[0].key, len(c.members) - 1
        made[sm.key] = (sm, t, seed, place, weight, why)
        if was is None or (was[2], was[3]) != (seed, place):
            changed.add(id(c))
            if was is not None and (before := by_seed.get(was[2])) is not None:
                changed.add(id(before))  # it went elsewhere
    del index, by_seed, changed, gone, timed  # not needed to make the events: a large database holds each thing once
    old_events = passes.events if passes is not None else {}
    if passes is not None:
        passes.seat, passes.leads, passes.events = made, leads, {}
    del made, seat
    if observe is not None:
        observe(clusters, r)
    clusters = _contained(clusters, r)
    clusters, wholes = _as_wholes(clusters, r, passes.wholes if passes is not None else None)
    if passes is not None:
        passes.wholes = wholes
    if overrides:
        groups = apply_overrides([c.members for c in clusters], overrides)
        why_of = _why(clusters)
        clusters.clear()
        return sorted((make_event(g, why_of, kn) for g in groups), key=event_sort_key)
    return sorted(_events(clusters, kn, old_events, passes), key=event_sort_key)


FIRST = "first mention of the event"


def same_objects(a: Sequence[object], b: Sequence[object]) -> bool:
    """Whether the two sequences hold the very same objects, in order."""
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


def _weighed(
    sm: StoredMention, candidates: Sequence[Cluster], r: Rules, leads: frozenset[str]
) -> tuple[float, str, Cluster | None]:
    """The candidate the mention joins (the best score that reaches join_at; of equal scores the
    older cluster), with the score and why; or (0, FIRST, None): it begins a cluster."""
    best: tuple[float, str, Cluster] | None = None
    for c in candidates:
        s = score(sm, c, r, leads)
        if s is None or s[0] < r.w.join_at:
            continue
        if best is None or (s[0], -c.order) > (best[0], -best[2].order):
            best = (s[0], s[1], c)
    return (0.0, FIRST, None) if best is None else (best[0], joined_why(best[0], best[1]), best[2])


def _events(
    clusters: list[Cluster],
    kn: Knowledge,
    before: Mapping[str, tuple[tuple[StoredMention, ...], tuple[str, ...], Event]],
    passes: Passes | None,
) -> list[Event]:
    """An event of each cluster, each cluster let go as it becomes one: of the same members (the
    same objects) for the same reasons, the event made before (``before``, by the first member)."""
    events = []
    while clusters:
        c = clusters.pop()
        seed = c.members[0].key  # one cluster's of a pass
        seen = before.get(seed)
        if seen is not None and same_objects(seen[0], c.members) and seen[1] == tuple(c.reasons):
            ev = seen[2]
        else:
            reasons = dict(zip((sm.key for sm in c.members), c.reasons, strict=True))
            ev = make_event(c.members, reasons, kn)
        if passes is not None:
            passes.events[seed] = (tuple(c.members), tuple(c.reasons), ev)
        events.append(ev)
    return events


def _as_before(
    sm: StoredMention,
    was: Seat,
    candidates: Sequence[Cluster],
    by_seed: Mapping[str, Cluster],
    changed: set[int],
    r: Rules,
    leads: frozenset[str],
) -> tuple[float, str, Cluster | None] | None:
    """The mention's decision of the last pass (``was``: it joined the cluster a mention began,
    or began one), when it stands: that cluster is as it was, and no candidate that is not scores
    more, or as much and is older. None: weigh every candidate."""
    _, _, seed, _, weight, why = was
    won: Cluster | None = None
    if seed != sm.key:
        won = by_seed.get(seed)
        if won is None or id(won) in changed or not any(c is won for c in candidates):
            return None
    for c in candidates:
        if c is won or id(c) not in changed:
            continue
        s = score(sm, c, r, leads)
        if s is None or s[0] < r.w.join_at:
            continue
        if won is None or (s[0], -c.order) > (weight, -won.order):
            return None
    return weight, why, won


def joined_why(weight: float, why: str) -> str:
    # interned: a few thousand distinct reasons for hundreds of thousands of mentions
    return sys.intern(f"joined (score {weight:g}): {why}")


def _named(c: Cluster, r: Rules) -> set[str]:
    """The named types ``c`` tells of (a resumption is named, the patrols of its family are not)."""
    return {sm.mention.type for sm in c.members if sm.mention.type in r.named}


def day_named(s: Cluster, r: Rules) -> bool:
    """A cluster a coarse one may become part of: dated to a few days, from words, of a named type."""
    return s.date.days <= r.w.day_days and s.strong and bool(_named(s, r))


def host_of(c: Cluster, days: Sequence[Cluster], r: Rules) -> tuple[Cluster, str] | None:
    """The day-dated cluster of ``days`` the coarse ``c`` becomes part of, with why, or None."""
    fits = sorted(
        ((len(c.actors & s.actors), len(s.by_article), -s.order, s) for s in days if _holds(c, s, r)),
        key=lambda f: f[:3],
        reverse=True,
    )
    if not fits or (len(fits) > 1 and fits[1][0] == fits[0][0] and fits[0][1] < 2 * fits[1][1]):
        return None
    s = fits[0][3]
    return s, contained_why(c, s)


def contained_why(c: Cluster, s: Cluster) -> str:
    return sys.intern(
        f"joined (event): the only {c.family} of its parties on {s.date.start} within {c.date.start}..{c.date.end}"
    )


def coarse(c: Cluster, r: Rules) -> bool:
    coarse = c.date.days > r.w.day_days and c.date.precision != "unknown"
    return coarse and all(sm.mention.type in r.named for sm in c.members)


def _holds(c: Cluster, s: Cluster, r: Rules) -> bool:
    """Whether the day-dated cluster ``s`` may be the event the coarse ``c`` tells of: of its
    family and telling of its named type, inside its interval, of no other parties, not dated
    otherwise by an article they share."""
    if s.family != c.family or s.date.days > r.w.day_days or not s.strong or not _named(c, r) & _named(s, r):
        return False
    if not (c.date.start <= s.date.start and s.date.end <= c.date.end):
        return False
    if c.ordinals and s.ordinals and not c.ordinals & s.ordinals:
        return False
    return not any(_same_article_other_date(sm, s) for sm in c.members)


def _contained(clusters: list[Cluster], r: Rules) -> list[Cluster]:
    """Event-level joins: a cluster of a named event (an agreement, an operation, a suspension)
    dated only to a month, a year or a range of days ("a deal reached last month", "in 2019")
    becomes part of the day-dated cluster of its family its interval holds that shares most of its
    parties ("the US-Turkey deal" is not the Russian-Turkish memorandum of that week) and, among
    those, is told by at least twice as many articles as any other; otherwise it stays apart
    (there is no telling which)."""
    days = [s for s in clusters if day_named(s, r)]
    kept: list[Cluster] = []
    for c in clusters:
        host = host_of(c, days, r) if coarse(c, r) else None
        if host is None:
            kept.append(c)
            continue
        s, why = host
        for sm in c.members:
            _join(s, sm, why)
    return sorted(kept, key=lambda c: c.order)


def day_group(c: Cluster) -> tuple[str, date] | None:
    """The clusters a cluster may be merged with as a whole: those of its family dated to its day."""
    return (c.family, c.date.start) if c.date.precision == "day" else None


def merge_group(group: Sequence[Cluster], r: Rules, order: Callable[[Cluster], Any]) -> list[tuple[Cluster, Cluster]]:
    """Event-level joins of the clusters of one family and day (``day_group``): the greedy pass
    weighs one mention at a time against the clusters as they are when it is visited, so two
    outlets' reports of one event may stay apart (each article's reports join each other first,
    before the other outlet's cluster holds what would have drawn them). A cluster joins a larger
    one (more articles; of equal size the older, by ``order``) of no article of its own when none
    of its members is vetoed there and one of them scores join_at: as it would have joined had
    it come after the whole of it. Returns each (joined, into) in the order the joins are made
    (``into`` has the members of ``joined`` after its own)."""
    ranked = sorted(group, key=lambda c: (-len(c.by_article), order(c)))
    joins: list[tuple[Cluster, Cluster]] = []
    gone: set[int] = set()
    for i, b in enumerate(ranked):
        for a in ranked[:i]:
            if id(a) in gone or not a.by_article.keys().isdisjoint(b.by_article) or not _fits_whole(b, a, r):
                continue
            _join_whole(b, a)
            gone.add(id(b))
            joins.append((b, a))
            break
    return joins


def _join_whole(b: Cluster, a: Cluster) -> None:
    """Every member of ``b`` joins ``a``, in its order, for the one reason."""
    why = sys.intern(f"joined (event): the {a.family} of {a.date.start}, as a whole")
    for sm in list(b.members):
        _join(a, sm, why)


def _fits_whole(b: Cluster, a: Cluster, r: Rules) -> bool:
    """No member of ``b`` is refused by ``a`` and one reaches join_at (the articles are apart: an
    article's lead is no evidence here)."""
    reached = False
    for sm in b.members:
        found = score(sm, a, r)
        if found is None:
            return False
        reached = reached or found[0] >= r.w.join_at
    return reached


def _as_wholes(
    clusters: list[Cluster], r: Rules, before: Mapping[tuple[str, date], WholeJoins] | None = None
) -> tuple[list[Cluster], dict[tuple[str, date], WholeJoins]]:
    """The joins of whole clusters in every day group (``merge_group``), with what they were; a
    group whose clusters are those of ``before`` (the same members, the same objects) joins as it
    did then."""
    groups: dict[tuple[str, date], list[Cluster]] = defaultdict(list)
    for c in clusters:
        if (g := day_group(c)) is not None:
            groups[g].append(c)
    joined: set[int] = set()
    made: dict[tuple[str, date], WholeJoins] = {}
    for g, group in groups.items():
        if len(group) < 2:
            continue
        members = tuple(tuple(c.members) for c in group)
        was = (before or {}).get(g)
        if was is not None and len(was[0]) == len(members) and all(map(same_objects, was[0], members)):
            pairs = was[1]
            for i, k in pairs:
                _join_whole(group[i], group[k])
        else:
            where = {id(c): i for i, c in enumerate(group)}
            pairs = tuple((where[id(b)], where[id(a)]) for b, a in merge_group(group, r, lambda c: c.order))
        made[g] = (members, pairs)
        joined.update(id(group[i]) for i, _ in pairs)
    return ([c for c in clusters if id(c) not in joined] if joined else clusters), made


def _why(clusters: Sequence[Cluster]) -> dict[str, str]:
    out: dict[str, str] = {}
    for c in clusters:
        out.update(zip((sm.key for sm in c.members), c.reasons, strict=True))
    return out


def _new_cluster(sm: StoredMention, r: Rules) -> Cluster:
    m = sm.mention
    c = Cluster(r.family(m.type), m.date, m.date_from == "text")
    _join(c, sm, FIRST)
    return c


def _ident(p: PlaceRef) -> str:
    return p.place_id or p.surface.lower()


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
    if m.sketch and len(c.sketches) < SKETCHES:
        c.sketches.append(m.sketch)
    if m.date_from == "text" and not _year_open(m.date) and m.date.overlaps(c.date):
        start, end = max(m.date.start, c.date.start), min(m.date.end, c.date.end)
        if (end - start).days + 1 < c.date.days:
            c.date = replace(m.date, start=start, end=end, precision=precision_of(start, end))


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


# --------------------------------------------------------------------------------------------
# From a cluster to an event
# --------------------------------------------------------------------------------------------


def _event_type(members: Sequence[StoredMention], kn: Knowledge) -> str:
    """The type most reports give; but a patrol that its own article's reports call the
    resumption ("resumes joint patrols" in the headline, "carried out a joint patrol after the
    patrols were suspended" in the lead) is the resumption however many sentences just describe the
    patrol: those reports do not say it was not one."""
    vocab = kn.vocabulary
    counts = Counter(sm.mention.type for sm in members)
    best = max(counts, key=lambda t: (counts[t], -vocab.rank(t)))
    special = [
        t for t in counts if t != best and vocab.family(t) == best and vocab.get(t).modifies == best and counts[t] >= 2
    ]
    return max(special, key=lambda t: (counts[t], -vocab.rank(t))) if special else best


def _on_weekday(start: date, end: date, best: Mention, weekdays: tuple[str, ...]) -> tuple[date, date]:
    """The event's date that holds only days a report of "on Monday" allows (the Mondays up to a
    publication of 20 Nov..21 Dec, narrowed by a report of the article's own time) still falls on a
    Monday: its ends are moved in to the nearest Mondays."""
    wd = _weekday(best.date_text, weekdays) if best.date.precision == "days" else None
    if wd is None or best.date.start.weekday() != wd:
        return start, end
    lo = start + timedelta(days=(wd - start.weekday()) % 7)
    hi = end - timedelta(days=(end.weekday() - wd) % 7)
    return (lo, hi) if lo <= hi else (start, end)


def _event_date(members: Sequence[StoredMention], weekdays: tuple[str, ...] = ()) -> DateInterval:
    """The narrowest date the members support: a text date before a statement's or an article's
    date of the same width, then narrowed by every other member date that agrees with it."""
    dated = [sm.mention for sm in members if not _year_open(sm.mention.date)]
    if not dated:
        return min((sm.mention.date for sm in members), key=lambda d: (d.days, d.start))
    dated.sort(key=lambda m: (m.date.days, date_rank(m.date_from), m.date.start))
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
    for m in dated:
        moved = _on_weekday(start, end, m, weekdays) if m.date.start <= start and end <= m.date.end else None
        if moved and moved != (start, end):
            start, end = moved
            break
    if (start, end) != (best.start, best.end):
        return replace(best, start=start, end=end, precision=precision_of(start, end))
    return best


INFERRED_VOTE = 0.1
# Places of these kinds' ranks (towns, capitals, roads) are chosen by how many sources name them:
# "the first M4 patrol" is on the M4 highway for seven outlets though one names the village it set
# out from. Coarser kinds (zones, regions, rivers) come only after them: "east of the Euphrates" is
# no place for a patrol any outlet places in a town.
PLACE_RANK_BY_VOTES = 2


def _event_place(
    members: Sequence[StoredMention], kinds: PlaceKinds, *, venue: bool = False, point: bool = False
) -> tuple[PlaceRef | None, tuple[str, ...]]:
    # Each mention votes for its places; "near Ras al-Ayn and Qamishli" gives each half a vote. An
    # article gives a place at most one vote, however many of its sentences name it: one outlet
    # that repeats a town does not outvote three that name another once. An agreement's venue
    # is its place, whatever else its sentence names ("those in Idlib follow the Moscow protocol").
    votes: dict[str, float] = defaultdict(float)
    per_article: dict[tuple[str, str], float] = defaultdict(float)
    places: list[PlaceRef] = []
    for sm in members:
        m = sm.mention
        own = [p for p in _own_places(m) if p.resolved] or list(_own_places(m))[:1]
        towns = [p for p in own if kinds.is_point(p.kind)]
        for p in own:
            if venue and m.place is not None and _ident(p) == _ident(m.place):
                weight = 1.0
            elif len(towns) >= 2 and p in towns:
                weight = 1.0 / len(towns)  # "near Ras al-Ayn and Qamishli": between them, neither alone
            elif m.place is not None and _ident(p) == _ident(m.place):
                weight = 1.0
            else:
                weight = 0.5 / len(own)
            key = (sm.article_hash, _ident(p))
            weight = min(weight, 1.0 - per_article[key])
            per_article[key] += weight
            votes[_ident(p)] += weight
            places.append(p)
        if not own and m.place is not None:
            # A place inferred from the article's other reports is no evidence of its own, but it
            # tells two places that are otherwise as well attested apart.
            votes[_ident(m.place)] += INFERRED_VOTE
    if not places:
        inferred = [sm.mention.place for sm in members if sm.mention.place is not None]
        if not inferred:
            return None, ()
        return inferred[0], tuple(dict.fromkeys(n for n in (inferred[0].name, inferred[0].surface) if n))
    # Ties in votes go to the place more articles name, then to a deal's venue that a report names
    # it by ("the Sochi Agreement" over the Idlib its patrols are for); only then to the order of
    # mention.
    named_by: dict[str, set[str]] = defaultdict(set)
    for sm in members:
        for p in _own_places(sm.mention):
            named_by[_ident(p)].add(sm.article_hash)
    by_venue = (
        {k[len(VENUE_KEY) :] for sm in members for k in sm.mention.keys if k.startswith(VENUE_KEY)} if venue else set()
    )
    best = min(
        places,
        key=lambda p: (
            0 if p.resolved else 1,
            kinds.rank(p.kind) > PLACE_RANK_BY_VOTES,
            -round(votes[_ident(p)], 6),
            kinds.rank(p.kind),
            -len(named_by[_ident(p)]),
            (p.place_id or p.name) not in by_venue,
            places.index(p),
        ),
    )
    best = _finer(best, places, votes) if point else best
    ident = _ident(best)
    aliases = {p.surface for p in places if _ident(p) == ident and p.surface}
    aliases.add(best.name)
    return best, tuple(sorted(aliases, key=lambda a: (a.lower(), a)))


FINER_KM = 40.0  # a town this near a city that most reports name is where, of that city's area
FINER_SHARE = 0.5  # ... when it has at least this share of the city's votes


def _finer(best: PlaceRef, places: Sequence[PlaceRef], votes: Mapping[str, float]) -> PlaceRef:
    """ "in Syria's Idlib" in every headline, "near Ariha" or "on the M4 highway" in half the bodies:
    a city that names its whole area loses to a town or a road near it that enough reports name; it
    says more of where."""
    if best.kind not in ("city", "capital") or best.lat is None or best.lon is None:
        return best
    near = [
        p
        for p in places
        if p.kind in ("town", "village", "road")
        and p.resolved
        and p.lat is not None
        and p.lon is not None
        and votes[_ident(p)] >= FINER_SHARE * votes[_ident(best)]
        and _km(best.lat, best.lon, p.lat, p.lon) <= FINER_KM
    ]
    return max(near, key=lambda p: (votes[_ident(p)], -places.index(p))) if near else best


def _with_press_names(place: PlaceRef | None, aliases: tuple[str, ...], kn: Knowledge) -> tuple[str, ...]:
    """The names an event's place goes by: the spellings its reports use, and the ones the curated
    gazetteer knows the press to use ("M4" for the M4 highway, "Kobani" for Ayn al-Arab), so that
    a reader, a filter or a join finds the place by any common name, not only the one shown."""
    known = kn.gazetteer.get(place.place_id) if place is not None and place.place_id else None
    if known is None or not known.press_names:
        return aliases
    names = dict.fromkeys((*aliases, *known.press_names))
    return tuple(sorted(names, key=lambda a: (a.lower(), a)))


def make_event(members: Sequence[StoredMention], why: dict[str, str], kn: Knowledge | None = None) -> Event:
    kn = kn or Knowledge.bundled()
    members = sorted(members, key=lambda sm: _sort_key(sm, kn.kinds))
    type_ = _event_type(members, kn)
    date_ = _event_date(members, tuple(n.lower() for n in kn.lexicon.weekday_names()))
    others = sorted({sm.article_path for sm in members})
    if len(others) > 1 and any(_year_open(sm.mention.date) for sm in members):
        date_ = replace(date_, evidence=(*date_.evidence, "year from other articles: " + ", ".join(others)))
    # where one patrol or one blast happened is a point; a stop or a deal of a whole area is not
    et = kn.vocabulary.get(type_)
    place, aliases = _event_place(members, kn.kinds, venue=et.venue, point=et.modifies is None and not et.venue)
    aliases = _with_press_names(place, aliases, kn)
    figures: dict[str, float] = {}
    for sm in members:
        for k, v in sm.mention.figures:
            figures.setdefault(k, v)
    ordinals = Counter(sm.mention.ordinal for sm in members if sm.mention.ordinal)
    ordinal = ordinals.most_common(1)[0][0] if ordinals else None
    claimants = [sm.mention.claimant for sm in members if sm.mention.claimant]
    vocab = kn.vocabulary
    summary = summary_line(vocab.label(type_), ordinal, claimants, sorted(figures.items()), False, vocab)
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
