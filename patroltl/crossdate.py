"""Cross-source dating: where an article with no publication date of its own gets one from the
events other articles date.

An article whose publication interval is open or wide (``[crossdate] wide_days``) has its reports
compared, by what they say, with the events other articles date: the same numbered patrol, the
same place (or one nearby), the same named operation, the same incident (stones, tear gas, an IED:
``[content.incidents]``), the same rare names and figures, the same quoted words — not by date,
which is what is missing. A report can tell of an event only on the publication days its own words
allow for the event's date ("on Tuesday", "yesterday", "April 14", or no date at all: the
article's own time): that window is found by grounding the report's stored tag again
(``dates.ground``), so the rules of dates are not written twice. The article is tied to the one
event its reports' evidence names clearly (``choose``); its publication interval becomes its own
narrowed to the window, and says why. Its tags are grounded again against it, its mentions
re-dated, and the corpus clustered again, until nothing changes (``chronicle``, at most
``max_rounds`` rounds: a chain of undated articles needs one round per link). Nothing is invented:
an article no other source corroborates keeps its open interval, and one whose reports point at
different dates keeps it too, with the disagreement in its evidence.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property, lru_cache

from . import series, temponyms
from .cluster import Cluster, Passes, Rules, _months, cluster, leads_of, make_event, same_objects
from .dates import publication, reground
from .dates.ground import frame_for, ground_one
from .intervals import interval, precision_of, safe_date, shift
from .knowledge import Knowledge
from .knowledge.gazetteer import distance_km, normalise, skeleton
from .knowledge.lexicon import words_pattern
from .knowledge.tuning import CrossdateWeights
from .models import EARLIEST, LATEST, DateInterval, Event, Mention, PlaceRef, StoredMention, Tag, format_interval
from .text import resemblance

Window = tuple[date, date]
TagsOf = Callable[[str], Sequence[Tag] | None]
Term = tuple[float, str]


# --------------------------------------------------------------------------------------------
# What tells one report's incident from another's (computed at extraction, stored with mentions)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _DetailWords:
    incidents: tuple[tuple[str, re.Pattern[str]], ...]
    not_names: frozenset[str]
    name_patterns: tuple[re.Pattern[str], ...]
    negation: re.Pattern[str]  # before an incident word: its absence ("without casualties")
    # every incident word in one pattern: where it finds nothing, no incident's pattern can match
    # (most sentences name none), and the patterns are not run one by one (a third of the time)
    any_incident: re.Pattern[str] = re.compile(r"(?!)")


_NAME = re.compile(r"(?<![\w'’-])[A-Z][a-z'’-]{2,30}(?![\w'’-])")
# What ends a sentence or opens a line: the capital after it starts a sentence, it names nothing
# ("... drones overhead. First one since they were stopped").
_OPENS = re.compile(r"(?:[.!?:;][\"”’')\]]{0,2}\s{1,4}|\n[ \t]{0,8}(?:[-•*][ \t]{1,4})?)$")
_NUMBER = re.compile(r"(?<![\w.,])\d{2,6}(?![\w.,]\d)")


@lru_cache(maxsize=4)
def _detail_words(kn: Knowledge) -> _DetailWords:
    lex = kn.lexicon
    incidents = tuple(
        (key, words_pattern(lex.words(f"content.incidents.{key}"))) for key in lex.words("content.incidents")
    )
    not_names = {w.lower() for w in lex.words("content.common_words")}
    not_names |= {n.lower() for names in lex.groups("calendar.months") for n in names}
    not_names |= {n.lower() for names in lex.groups("calendar.weekdays") for n in names}
    not_names |= {w.lower() for w in lex.words("sentences.abbreviations")}
    not_names |= {w.lower() for w in lex.words("content.not_names")}
    for o in kn.outlets.outlets:
        not_names.update(w.lower() for a in (o.name, *o.aliases) for w in re.findall(r"\w+", a))
    patterns = tuple(p.compiled for _, p in (*kn.vocabulary.actors, *kn.vocabulary.claimants))
    negation = re.compile(rf"\b(?:{lex.alternation('modality.negation')})\b[^.;:,!?]{{0,40}}$", re.IGNORECASE)
    every = words_pattern(w for key in lex.words("content.incidents") for w in lex.words(f"content.incidents.{key}"))
    return _DetailWords(incidents, frozenset(not_names), patterns, negation, every)


def _told(pattern: re.Pattern[str], text: str, negation: re.Pattern[str]) -> bool:
    """Whether the text tells of the incident, not of its absence ("without casualties", "did not
    cause casualties or injuries")."""
    return any(not negation.search(text, max(0, m.start() - 48), m.start()) for m in pattern.finditer(text))


@lru_cache(maxsize=65_536)
def name_key(word: str) -> str:
    """A detail word as outlets' spellings of it compare: a name by its consonant skeleton
    ("mushayrfa", "mashirfa" and "mushairfa" are "@msrf"; "ghareeb" and "gharib" "@grb"; the
    romanisation rules of data/names.toml), a number or an incident as it is; a name too short for
    a telling skeleton as it is written."""
    if not word.isalpha():
        return word
    sk = skeleton(normalise(word))
    return "@" + sk if len(sk) >= 3 else word


def detail_words(m: Mention, kn: Knowledge, after: str = "") -> tuple[str, ...]:
    """What tells this report's incident from another's: the incidents it names (``~stones``,
    ``~explosive``: ``[content.incidents]``), the names it gives that are not places, parties,
    outlets or calendar words (a person, an unresolved village: "titov", "sheyrek"; compared by
    ``name_key``), and its
    numbers of two digits or more ("344"); in its sentence and ``after`` it (the sentences that
    tell more of it). Sorted."""
    d = _detail_words(kn)
    sentence = f"{m.sentence[:2000]} {after[:2000]}".strip()
    out = set()
    if d.any_incident.search(sentence):
        out = {"~" + key for key, pattern in d.incidents if _told(pattern, sentence, d.negation)}
    # A place the gazetteer knows is compared as a place; an unresolved one ("the village of
    # Qarat Zulfi") is a name like any other, and among the most telling.
    places = {w.lower() for p in m.places if p.resolved for w in re.findall(r"\w+", f"{p.surface} {p.name}")}
    words = re.findall(r"\w+", sentence)
    title_case = len(words) >= 4 and sum(w[:1].isupper() for w in words) > 0.6 * len(words)
    if not title_case:  # a headline in title case has no names to tell
        for match in _NAME.finditer(sentence):
            word = re.sub(r"['’]s$", "", match.group(0).lower())
            opens = match.start() == 0 or _OPENS.search(sentence, max(0, match.start() - 12), match.start())
            if opens or word in d.not_names or word in places or len(word) < 3:
                continue
            if not any(p.fullmatch(match.group(0)) for p in d.name_patterns):
                out.add(word)
    out.update(n.lstrip("0") for n in _NUMBER.findall(sentence) if not 1900 <= int(n) <= 2100)
    return tuple(sorted(out))


# --------------------------------------------------------------------------------------------
# The window a report allows
# --------------------------------------------------------------------------------------------


def _grounded(tag: Tag, day: date, kn: Knowledge) -> DateInterval:
    return ground_one(tag, frame_for(interval(day, day), kn), kn, None, None).interval


def _first(lo: date, hi: date, ok: Callable[[date], bool]) -> date | None:
    """The first day of [lo, hi] where the monotone ``ok`` holds (binary search)."""
    if not ok(hi):
        return None
    while lo < hi:
        mid = lo + (hi - lo) // 2
        if ok(mid):
            hi = mid
        else:
            lo = mid + timedelta(days=1)
    return lo


def tag_window(tag: Tag, target: DateInterval, kn: Knowledge, reach: int) -> Window | None:
    """The publication days on which ``tag`` grounds to a span overlapping ``target``. What a tag
    denotes never moves back when publication moves forward (the last Friday, three days ago, the
    most recent April 14), so the days form one interval, found by two binary searches (or at once
    for a weekday and a count of days: most of them). Kept for the next candidate with that date."""
    if tag.prior or tag.y is not None:
        return None  # relative to another expression, or dated by its own words: no clue to publication
    return _window(tag, target.start, target.end, kn, reach)


@lru_cache(maxsize=65_536)
def _window(tag: Tag, first: date, last: date, kn: Knowledge, reach: int) -> Window | None:
    quick = _days_window(tag, first, last)
    if quick is not None:
        return quick or None
    target = interval(first, last)
    lo, hi = target.start - timedelta(days=reach), target.end + timedelta(days=reach)
    start = _first(lo, hi, lambda p: _grounded(tag, p, kn).end >= target.start)
    if start is None:
        return None
    after = _first(start, hi, lambda p: _grounded(tag, p, kn).start > target.end)
    end = hi if after is None else after - timedelta(days=1)
    if end < start or _grounded(tag, start, kn).start > target.end or (start, end) == (lo, hi):
        return None  # it never points at the date, or whenever the article was written: no clue
    return (EARLIEST if start == lo else start), (LATEST if end == hi else end)  # a search bound is none


def _days_window(tag: Tag, first: date, last: date) -> Window | tuple[()] | None:
    """The window of a weekday ("on Friday", "last Friday", "next Friday") or a count of days
    ("today", "yesterday") in closed form, as ``dates.ground`` grounds them against one day; ()
    when the tag never points into [first, last]; None for any other tag (searched instead)."""
    if tag.kind == "weekday" and tag.wd is not None and tag.d is None:
        if tag.wd_rel == "last":
            before, after = 1, 7  # the last Friday before the day: one to seven days before it
        elif tag.wd_rel == "next" or tag.tense == "future":
            before, after = -7, -1
        else:
            before, after = 0, 6  # up to and including the day
        days = [d for d in (first + timedelta(days=i) for i in range(min(7, (last - first).days + 1)))]
        hits = [d for d in days if d.weekday() == tag.wd]
        if not hits:
            return ()
        last_hit = last - timedelta(days=(last.weekday() - tag.wd) % 7)
        return hits[0] + timedelta(days=before), last_hit + timedelta(days=after)
    if tag.kind == "relative" and tag.rel in ("today", "days") and not tag.prior:
        n = tag.n if tag.rel == "days" else 0
        if tag.wd is not None:  # "today, Tuesday": only the target's Tuesdays can be the day it tells of
            first = first + timedelta(days=(tag.wd - first.weekday()) % 7)
            last = last - timedelta(days=(last.weekday() - tag.wd) % 7)
            if first > last:
                return ()
        return first - timedelta(days=n), last - timedelta(days=n)
    return None


def report_window(
    sm: StoredMention,
    tag: Tag | None,
    target: DateInterval,
    w: CrossdateWeights,
    kn: Knowledge,
    *,
    aside: bool = False,
) -> Window | None:
    """The publication days the report allows for the event's date, within the article's own (an
    aside with no date: the aside_days after it)."""
    m, own = sm.mention, sm.published
    lag = kn.tuning.lag.days(kn.vocabulary.family(m.type), numbered=bool(m.ordinal))
    if aside:
        found: Window | None = (target.start, target.end + timedelta(days=w.aside_days))
    elif m.date_from == "published":
        # No date in the clause: the article's own news, written within days of it.
        found = (target.start, target.end + timedelta(days=max(w.news_lag_days, lag)))
    elif tag is None or m.date_from not in ("text", "report"):
        return None
    elif m.date_from == "report":
        # "said on Friday": the statement is on the event's day or within days after it.
        found = tag_window(tag, replace(target, end=target.end + timedelta(days=lag)), kn, w.reach_days)
    else:
        found = tag_window(tag, target, kn, w.reach_days)
    if found is None:
        return None
    start, end = max(found[0], own.start), min(found[1], own.end)
    return (start, end) if start <= end else None


# --------------------------------------------------------------------------------------------
# What each side says
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """What some reports say of an event: where, what incident, which number, who."""

    places: tuple[PlaceRef, ...] = ()
    words: frozenset[str] = frozenset()
    figures: frozenset[tuple[str, float]] = frozenset()
    ordinals: frozenset[int] = frozenset()
    keys: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    sketches: tuple[tuple[int, ...], ...] = ()
    shown: tuple[tuple[str, str], ...] = ()  # a word's key and how one of the reports spells it

    @classmethod
    def of(cls, mentions: Iterable[Mention]) -> Evidence:
        ms = list(mentions)
        spelt = {name_key(w): w for m in ms for w in m.words}
        return cls(
            places=tuple({p.place_id or p.surface: p for m in ms for p in _own_places(m)}.values()),
            words=frozenset(spelt),
            figures=frozenset(f for m in ms for f in m.figures),
            ordinals=frozenset(m.ordinal for m in ms if m.ordinal),
            keys=frozenset(k for m in ms for k in m.keys if k.startswith("op:")),
            actors=frozenset(a for m in ms for a in m.actors),
            sketches=tuple(m.sketch for m in ms if m.sketch),
            shown=tuple((k, w) for k, w in spelt.items() if k != w),
        )

    @cached_property
    def place_index(self) -> tuple[dict[str, int], dict[str, int]]:
        """Where each of its places first appears, by gazetteer id and, unresolved, by name: what
        ``_same_place`` looks a report's places up in (an event's evidence is asked by every
        report that may link to it)."""
        by_id: dict[str, int] = {}
        by_name: dict[str, int] = {}
        for k, q in enumerate(self.places):
            if q.place_id:
                by_id.setdefault(q.place_id, k)
            if not q.resolved:
                by_name.setdefault(q.surface.lower(), k)
        return by_id, by_name

    @cached_property
    def sketch_words(self) -> frozenset[int]:
        """Every word of its sketched sentences."""
        return frozenset().union(*self.sketches)

    def __or__(self, other: Evidence) -> Evidence:
        return Evidence(
            tuple({p.place_id or p.surface: p for p in (*self.places, *other.places)}.values()),
            self.words | other.words,
            self.figures | other.figures,
            self.ordinals | other.ordinals,
            self.keys | other.keys,
            self.actors | other.actors,
            (*self.sketches, *other.sketches),
            (*self.shown, *other.shown),
        )


def _said(members: Sequence[StoredMention], memo: dict[tuple[str, ...], Evidence]) -> Evidence:
    """The evidence of some mentions, remembered in ``memo`` by their keys."""
    keys = tuple(sm.key for sm in members)
    if keys not in memo:
        memo[keys] = Evidence.of(sm.mention for sm in members)
    return memo[keys]


def _own_places(m: Mention) -> tuple[PlaceRef, ...]:
    """The places the report's own words name (an article-inferred place is no evidence)."""
    return (m.places or ((m.place,) if m.place else ())) if m.place_text else ()


def _reliable(sm: StoredMention, max_days: int) -> bool:
    """A member that dates the event: its date is narrow, and comes from its words or from an
    article whose own date is narrow."""
    if sm.mention.date.days > max_days or sm.mention.planned:
        return False
    return sm.mention.date_from in ("text", "report") or sm.published.days <= max_days


@dataclass(frozen=True)
class _Side:
    """One article's members of an event: their evidence (the numbers of the series they give
    included: the clustering keeps one number to an event) and the date they give it (if narrow
    and founded)."""

    evidence: Evidence
    date: DateInterval | None


@dataclass(frozen=True)
class _Target:
    """An event, with what each article says of it: an article's reports are compared with what
    the other articles say, never with its own words."""

    event: Event
    family: str
    sides: Mapping[str, _Side]

    @property
    def dated(self) -> bool:
        return any(s.date is not None for s in self.sides.values())

    def with_event(self, ev: Event) -> _Target:
        """The target of an event of the same members (made again by another clustering): the same
        sides, and what was worked out of them."""
        out = _Target(ev, self.family, self.sides)
        out.__dict__.update((k, v) for k, v in self.__dict__.items() if k not in ("event", "family", "sides"))
        return out

    @cached_property
    def fingerprint(self) -> tuple[str, int]:
        """The event and what each article says it is and when: equal fingerprints, equal links."""
        return self.event.id, hash(tuple((a, s.date, s.evidence) for a, s in sorted(self.sides.items())))

    @cached_property
    def link_print(self) -> tuple[str, str, int]:
        """What a link to the event is made of: what each article says it is, and the days it
        dates it to (not why: an article dated by other sources dates its events with other
        words, and the same days)."""
        sides = tuple(
            (a, s.evidence, (s.date.start, s.date.end) if s.date else None) for a, s in sorted(self.sides.items())
        )
        return self.event.id, self.family, hash(sides)

    @cached_property
    def everyone(self) -> Evidence:
        """What all its articles say: what the others say to an article that is not one of them."""
        found = Evidence()
        for s in self.sides.values():
            found = found | s.evidence
        return found

    def others(self, article: str) -> Evidence:
        if article not in self.sides:
            return self.everyone
        found = Evidence()
        for a, s in self.sides.items():
            if a != article:
                found = found | s.evidence
        return found

    @cached_property
    def _dated(self) -> tuple[str, ...]:
        return tuple(a for a, s in self.sides.items() if s.date is not None)

    @cached_property
    def hull(self) -> tuple[date, date] | None:
        """The first and last day its articles date it to."""
        return self._hull_of(self._dated)

    def _hull_of(self, articles: Iterable[str]) -> tuple[date, date] | None:
        dates = [d for a in articles if (d := self.sides[a].date) is not None]
        return (min(d.start for d in dates), max(d.end for d in dates)) if dates else None

    def dated_by(self, article: str, through: Collection[str] = ()) -> list[str]:
        """The other articles that date the event, but not ``through`` (those other sources dated
        through ``article``: a source does not corroborate itself by way of the articles it dated)."""
        return [a for a in self._dated if a != article and a not in through]

    def date_without(self, article: str, max_days: int, through: Collection[str] = ()) -> DateInterval | None:
        """The event's date as the other articles give it (the hull of theirs), if narrow."""
        if article in self.sides or (through and any(a in through for a in self._dated)):
            hull = self._hull_of(self.dated_by(article, through))
        else:
            # most candidates: an event the article is no part of (asked by every article near it)
            if max_days not in self._hull_dates:
                self._hull_dates[max_days] = self._narrow(self.hull, max_days)
            return self._hull_dates[max_days]
        return self._narrow(hull, max_days)

    @cached_property
    def _hull_dates(self) -> dict[int, DateInterval | None]:
        return {}

    @staticmethod
    def _narrow(hull: tuple[date, date] | None, max_days: int) -> DateInterval | None:
        if hull is None:
            return None
        start, end = hull
        return interval(start, end) if (end - start).days < max_days else None


def _target(ev: Event, family: str, max_days: int, said: dict[tuple[str, ...], Evidence]) -> _Target:
    """``said``: the evidence of each set of members seen before (a mention's evidence does not
    change when other sources date its article: the next round finds most sides as they were)."""
    groups: dict[str, list[StoredMention]] = defaultdict(list)
    for sm in ev.members:
        groups[sm.article_hash].append(sm)
    sides = {}
    for a, members in sorted(groups.items()):
        dated = [sm for sm in members if _reliable(sm, max_days)]
        evidence = _said(members, said)
        best = min((sm.mention.date for sm in dated), key=lambda d: (d.days, d.start), default=None)
        sides[a] = _Side(evidence, best)
    return _Target(ev, family, sides)


# --------------------------------------------------------------------------------------------
# The evidence that two sides tell of one event
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scorer:
    w: CrossdateWeights
    idf: Mapping[str, float]
    is_point: Callable[[str], bool]

    def place(self, mine: Evidence, theirs: Evidence, same: PlaceRef | None) -> Term | None:
        """The same place (``same``: ``_same_place``), or two points nearby; two points far apart
        are a veto (None)."""
        w, best = self.w, (0.0, "")
        if same is not None:
            return w.same_place, f"same place {same.name}"
        for p in mine.places:
            for q in theirs.places:
                if p.lat is None or p.lon is None or q.lat is None or q.lon is None:
                    continue
                d = _distance(p.lat, p.lon, q.lat, q.lon)
                if d <= w.near_km and best[0] < w.near_place:
                    best = (w.near_place, f"{p.name} {d:.0f} km from {q.name}")
                elif d > w.far_km and self.is_point(p.kind) and self.is_point(q.kind) and not best[0]:
                    best = (-1.0, "far apart")
        return None if best[0] < 0 else best

    def more_places(self, mine: Evidence, theirs: Evidence, same: PlaceRef | None) -> Term:
        """The villages and towns both name besides the same place of the place term: a route
        through the same three villages is one patrol far more surely than one town in common."""
        if same is None:
            return 0.0, ""
        ids = {p.place_id: p.name for p in mine.places if p.place_id and self.is_point(p.kind)}
        shared = sorted({ids[q.place_id] for q in theirs.places if q.place_id in ids} - {same.name})
        extra = min(len(shared), self.w.more_places_cap)
        return (extra * self.w.more_place, "also " + ", ".join(shared[:extra])) if extra else (0.0, "")

    def words(self, mine: Evidence, theirs: Evidence, counted: set[str]) -> Term:
        found = (x for x in mine.words & theirs.words if x not in counted)
        shared = sorted(found, key=lambda x: (-self.idf.get(x, 0.0), x))  # ties by the word: any hash seed
        weight = sum(min(self.idf.get(x, 0.0), self.w.word_cap) for x in shared) * self.w.word_weight
        spelt = dict(mine.shown)
        return min(weight, self.w.words_cap), (
            "same " + ", ".join(spelt.get(x, x) for x in shared[:4]) if shared else ""
        )

    def quote(self, mine: Evidence, theirs: Evidence) -> Term:
        if not mine.sketches or not theirs.sketches:
            return 0.0, ""
        # Only their sentences that share a word with one of mine can resemble it (resemblance is 0
        # otherwise): an event told by hundreds of reports is not compared sentence by sentence.
        words = mine.sketch_words
        near = [b for b in theirs.sketches if not words.isdisjoint(b)]
        best = max((resemblance(a, b) for a in mine.sketches for b in near), default=0.0)
        return (self.w.same_quote, f"same words ({best:.0%})") if best >= self.w.quote_at else (0.0, "")

    def slack(self, mine: Evidence, theirs: Evidence) -> float:
        """What some of ``mine`` may score above all of it: the words it counts as figures (a
        report that gives "60" as a word where the others give it as a figure scores the word),
        and one further village where its same place is a village and a road or zone is named
        too (reports that name only the road have the road as their same place, and count the
        village as a further one)."""
        out = 0.0
        same = _same_place(mine, theirs)
        if same is not None and self.is_point(same.kind) and not all(self.is_point(p.kind) for p in mine.places):
            out += self.w.more_place if self.w.more_places_cap > 0 else 0.0
        figures = {f"{v:g}" for f in mine.figures & theirs.figures if (v := f[1]) > self.w.routine_figure}
        if figures:
            words = figures & mine.words & theirs.words
            out += sum(min(self.idf.get(x, 0.0), self.w.word_cap) for x in words) * self.w.word_weight
        return out

    def score(self, mine: Evidence, theirs: Evidence) -> Term | None:
        """The evidence that ``mine`` tells of what ``theirs`` tells of (None: it cannot)."""
        w = self.w
        if mine.ordinals and theirs.ordinals and not mine.ordinals & theirs.ordinals:
            return None  # another number of the series
        same = _same_place(mine, theirs)
        place = self.place(mine, theirs, same)
        if place is None:
            return None
        terms = [place, self.quote(mine, theirs), self.more_places(mine, theirs, same)]
        if len(theirs.ordinals) == 1 and theirs.ordinals <= mine.ordinals:
            terms.append((w.same_ordinal, f"same number {min(theirs.ordinals)}"))
        if mine.keys & theirs.keys:
            terms.append((w.same_operation, "same named operation"))
        figures = sorted(f for f in mine.figures & theirs.figures if f[1] > w.routine_figure)
        if figures:
            terms.append((w.same_figure * len(figures), "same " + ", ".join(f"{v:g} {k}" for k, v in figures)))
        terms.append(self.words(mine, theirs, {f"{v:g}" for _, v in figures}))
        if len(mine.actors & theirs.actors) >= 2:
            terms.append((w.same_parties, "same parties"))
        kept = [t for t in terms if t[1]]
        return sum(t[0] for t in kept), "; ".join(t[1] for t in kept)


def _same_place(mine: Evidence, theirs: Evidence) -> PlaceRef | None:
    """The first place of theirs that names one of mine (mine in order): the same gazetteer place,
    or two unresolved names spelt alike; found by lookup (an event of hundreds of reports has many
    places), as a loop over the pairs would find it."""
    by_id, by_name = theirs.place_index
    for p in mine.places:
        hits = [by_id[p.place_id]] if p.place_id and p.place_id in by_id else []
        if not p.resolved and p.surface.lower() in by_name:
            hits.append(by_name[p.surface.lower()])
        if hits:
            return theirs.places[min(hits)]
    return None


@lru_cache(maxsize=1 << 16)
def _distance(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """distance_km, remembered: the links measure the same few hundred places against each other."""
    return distance_km((lat1, lon1), (lat2, lon2))


def place_key(p: PlaceRef) -> str:
    """A place as ``_idf`` counts it: a village few articles name tells an incident as a rare word does."""
    return f"@@{p.place_id}"


def _idf(mentions: Sequence[StoredMention]) -> dict[str, float]:
    """How rare each detail word is: the log of the articles over the articles that use it."""
    articles: dict[str, set[str]] = defaultdict(set)
    for sm in mentions:
        articles[sm.article_hash].update(name_key(w) for w in sm.mention.words)
        # and how rare each place is (no word of any report: ``place_key``)
        articles[sm.article_hash].update(place_key(p) for p in _own_places(sm.mention) if p.place_id)
    df: dict[str, int] = defaultdict(int)
    for words in articles.values():
        for word in words:
            df[word] += 1
    n = max(len(articles), 1)
    return {word: math.log((n + 1) / (k + 0.5)) for word, k in df.items()}


# --------------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------------


class _Index:
    """Dated events by what a report can share with them: a place (and its neighbourhood), a key,
    a number of the series, a rare word, a distinctive figure."""

    CELL = 0.5  # degrees: a report's place finds the events in its cell and the eight around it

    def __init__(
        self,
        targets: Iterable[_Target],
        rare: Callable[[str], bool],
        routine: float,
        weighty: Callable[[str], bool] = lambda word: False,
    ) -> None:
        self.rare, self.routine, self.weighty = rare, routine, weighty
        self.by: dict[tuple[str, object], dict[str, _Target]] = defaultdict(dict)
        self.targets: dict[str, _Target] = {}  # event id -> its target, as filed
        for t in targets:
            self.add(t)

    def _filed(self, t: _Target) -> set[tuple[str, object]]:
        """The blocks the target is filed under."""
        out: set[tuple[str, object]] = {(t.family, p) for p in self.probes(t.everyone, around=False, placed_words=True)}
        months = tuple(_months(*t.hull)) if t.hull else ()
        for probe in self.probes(t.everyone, around=False):
            if isinstance(probe, tuple) and probe[:1] == ("cell",):
                # a place is filed by the months of the event's dates: a report looks up only
                # the months its words can reach (every event of a town in years was a candidate)
                out.update((t.family, (*probe, *month)) for month in months)
            else:
                out.add((t.family, probe))
        return out

    def add(self, t: _Target) -> None:
        self.targets[t.event.id] = t
        for block in self._filed(t):
            self.by[block][t.event.id] = t

    def remove(self, t: _Target) -> None:
        del self.targets[t.event.id]
        for block in self._filed(t):
            found = self.by[block]
            del found[t.event.id]
            if not found:
                del self.by[block]

    def update(self, targets: Iterable[_Target]) -> None:
        """The index of these targets, from the one of the round before: only the events that
        changed are filed again."""
        now = {t.event.id: t for t in targets}
        for ident, t in list(self.targets.items()):
            if now.get(ident) is not t:
                self.remove(t)
        for ident, t in now.items():
            if ident not in self.targets:
                self.add(t)

    def probes(self, e: Evidence, *, around: bool, placed_words: bool = False) -> set[object]:
        """What a report's evidence is looked up by: its keys, numbers, rare words and distinctive
        figures; and its places' cells (with ``around``, the cells around them too), or, with
        ``placed_words``, each cell with each word that weighs (a place alone cannot make a link:
        an article of no known time would find every event of its town in five years)."""
        out: set[object] = {*e.keys, *e.ordinals}
        out.update(x for x in e.words if self.rare(x))
        out.update(f for f in e.figures if f[1] > self.routine)
        cells: set[object] = set()
        for p in e.places:
            cell = _cell(p)
            if around and isinstance(cell, tuple):
                cells.update((cell[0] + dy, cell[1] + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1))
            else:
                cells.add(cell)
        if placed_words:
            words = [x for x in e.words if self.weighty(x)]
            out.update(("in", c, x) for c in cells for x in words)
            # a village few articles name is looked up by itself ("Sermesax": one incident's village)
            out.update(("at", k) for p in e.places if p.place_id and self.rare(k := place_key(p)))
        else:
            out.update(("cell", c) for c in cells)
        return out

    def candidates(
        self, family: str, e: Evidence, reach: tuple[date, date], *, open_time: bool = False
    ) -> list[_Target]:
        """The events the evidence may point at within ``reach`` (the days the report's events can
        fall on; others may be returned too): for an article whose time is known to a year or so,
        those of the cells around its places; for one of no known time, those that share a weighty
        word at one of its places' cells (a place and the parties alone never link it)."""
        found: dict[str, _Target] = {}
        months = tuple(_months(*reach))
        for probe in self.probes(e, around=not open_time, placed_words=open_time):
            if isinstance(probe, tuple) and probe[:1] == ("cell",):
                for month in months:
                    found.update(self.by.get((family, (*probe, *month)), {}))
            else:
                found.update(self.by.get((family, probe), {}))
        return [found[k] for k in sorted(found)]


def _cell(p: PlaceRef) -> object:
    if p.lat is None or p.lon is None:
        return "name:" + p.surface.lower()
    return (math.floor(p.lat / _Index.CELL), math.floor(p.lon / _Index.CELL))


# --------------------------------------------------------------------------------------------
# Links
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """An undated article tied to an event other articles date, through some of its reports."""

    article: str
    event: Event
    target: DateInterval  # the event's date as the other articles give it
    window: Window  # the publication days the reports' words allow for that date
    score: float
    why: str
    mentions: tuple[StoredMention, ...]
    by: frozenset[str] = frozenset()  # the articles whose dates the target's date is
    series: str = ""  # set when the link is the order of a numbered series (``series.between``): why
    # links to other events of the same day through other reports, whose evidence this link's
    # score includes (``_supported``): the attack and the patrol it struck, both told elsewhere
    support: tuple[Link, ...] = ()


@dataclass
class _Article:
    """A wide article's reports that may be linked, with the tag each was dated by."""

    hash: str
    reports: list[tuple[StoredMention, Tag | None]]
    # The numbers of the series the article dates itself ("the second patrol was held on
    # November 5"): (family, number, date).
    numbered: list[tuple[str, int, DateInterval]] = field(default_factory=list)
    # Numbered reports with no date of their own that are not the article's lead ("This was the
    # third joint patrol since the deal"): they name the event, and allow weeks for its date.
    asides: set[str] = field(default_factory=set)
    families: dict[str, str] = field(default_factory=dict)  # report key -> its type family
    # "On the same day", "the next day": a report dated from the date told before it, which is
    # relative to the article's day: the report's tag is that date's, its day that many days later.
    shifts: dict[str, int] = field(default_factory=dict)

    _evidence: dict[str, Evidence] = field(default_factory=dict)
    _said: dict[tuple[str, ...], Evidence] = field(default_factory=dict)

    def family_of(self, sm: StoredMention) -> str:
        return self.families.get(sm.key, "")

    def said(self, members: Sequence[StoredMention]) -> Evidence:
        """What some of its reports say together (asked again for every candidate event)."""
        return _said(members, self._said)

    def evidence(self, family: str) -> Evidence:
        """What all the article's reports of a family say together."""
        if family not in self._evidence:
            self._evidence[family] = Evidence.of(sm.mention for sm, _ in self.reports if self.family_of(sm) == family)
        return self._evidence[family]

    def unnumbered(self, family: str) -> bool:
        """Whether some report of the family gives no number of the series and tells of another
        day than the numbered ones ("Last Friday, the patrol passed through Sermesax" beside "this
        is the second patrol"), not of theirs ("the patrol, of eight vehicles, set off from ...")."""
        ours = [sm.mention for sm, _ in self.reports if self.family_of(sm) == family]
        numbered = {m.date_text for m in ours if m.ordinal}
        return any(not m.ordinal and m.date_from == "text" and m.date_text not in numbered for m in ours)

    def in_series(self, family: str, number: int | None, target: DateInterval, gap_days: int) -> bool:
        """Whether the target's date fits the numbers the article dates: patrols of one series
        come days or weeks apart, so the nth is at most gap_days per number from the kth."""
        if number is None:
            return True
        for fam, k, d in self.numbered:
            if fam == family and k != number:
                allowed = timedelta(days=abs(number - k) * gap_days)
                early, late = (d.start, d.end + allowed) if number > k else (d.start - allowed, d.end)
                if not (early <= target.start and target.end <= late):
                    return False
        return True


def _reports(mentions: Sequence[StoredMention], tags_of: TagsOf, kn: Knowledge) -> list[_Article]:
    w = kn.tuning.crossdate
    leads = leads_of(mentions, kn.vocabulary.family, dated=False)
    by_article: dict[str, _Article] = {}
    family = kn.vocabulary.family
    for sm in mentions:
        m = sm.mention
        if m.planned or sm.published.days <= w.wide_days:
            continue
        if m.date.days <= w.target_days:
            if m.ordinal and m.date_from == "text":
                art = by_article.setdefault(sm.article_hash, _Article(sm.article_hash, []))
                art.numbered.append((family(m.type), m.ordinal, m.date))
            continue
        aside = m.date_from == "published" and sm.key not in leads
        if aside and not m.ordinal:
            continue  # an undated aside is not the article's own news: it says nothing of its date
        tags = tags_of(sm.article_hash)
        tag = tags[m.timex] if tags is not None and 0 <= m.timex < len(tags) else None
        art = by_article.setdefault(sm.article_hash, _Article(sm.article_hash, []))
        if tag is not None and tags is not None and tag.prior and tag.rel == "shift" and tag.unit == "day":
            base = _counted_from(tags, m.timex, kn.tuning.dates.prior_chars)
            if base is not None:
                art.shifts[sm.key] = tag.n
                tag = base
        art.reports.append((sm, tag))
        art.families[sm.key] = family(m.type)
        if aside:
            art.asides.add(sm.key)
    return [by_article[a] for a in sorted(by_article) if by_article[a].reports]


def _shifted(target: DateInterval, days: int) -> DateInterval:
    return target if not days else replace(target, start=shift(target.start, days), end=shift(target.end, days))


def _counted_from(tags: Sequence[Tag], i: int, reach: int) -> Tag | None:
    """The date a "the same day" or "the next day" at ``tags[i]`` counts from, when that one is
    relative to the article's day ("Yesterday ... On the same day"): the last one before it."""
    t = tags[i]
    for o in reversed(tags[:i]):
        if o.end <= t.start and t.start - o.end <= reach and not o.prior:
            return o if o.kind in ("relative", "weekday") and o.y is None and o.d is None else None
    return None


_Bound = tuple[float, DateInterval, Evidence]
_UNSEEN = object()


def _bound(art: _Article, t: _Target, scorer: _Scorer, through: Collection[str] = ()) -> _Bound | None:
    """The most a link of the article to the target can score, with the target's date and what
    the others say of it; None when it cannot link. What all the article's reports of the family
    say together is about the most any link can (a link's evidence is some of them: each term
    grows with more evidence but the words counted as figures, ``_Scorer.slack``): most candidates
    (every event at a town the article names) fall short of narrow_at, and are left before any
    window is worked out."""
    w = scorer.w
    target = t.date_without(art.hash, w.target_days, through)
    if target is None:
        return None
    theirs = t.others(art.hash)
    mine = art.evidence(t.family)
    if mine.ordinals and theirs.ordinals and not mine.ordinals & theirs.ordinals and art.unnumbered(t.family):
        # "the second patrol" of Kobani and the Friday patrol of Sermesax: the number vetoes only
        # the reports that give it, and the bound is of what the others may say
        mine = replace(mine, ordinals=frozenset())
    bound = scorer.score(mine, theirs)
    if bound is None or bound[0] < min(w.narrow_at, w.link_at):
        return None
    return bound[0] + scorer.slack(mine, theirs), target, theirs


def _link(
    art: _Article,
    t: _Target,
    scorer: _Scorer,
    kn: Knowledge,
    through: Collection[str] = (),
    bounded: _Bound | None = None,
) -> Link | None:
    """The article tied to the target through the reports whose words allow its date: their
    evidence together (each piece counted once), their windows intersected (``through``: the
    articles dated through this one, which do not date it back). ``bounded``: its ``_bound``."""
    w = scorer.w
    if bounded is None and (bounded := _bound(art, t, scorer, through)) is None:
        return None
    _, target, theirs = bounded
    by = frozenset(t.dated_by(art.hash, through))
    kept: list[tuple[float, StoredMention, Window]] = []
    told_day: set[str] = set()  # reports of a day and month of their own ("on the fifteenth of March")
    for sm, tag in art.reports:
        if kn.vocabulary.family(sm.mention.type) != t.family:
            continue
        if not art.in_series(t.family, sm.mention.ordinal, target, w.series_gap_days):
            continue
        window = report_window(sm, tag, _shifted(target, -art.shifts.get(sm.key, 0)), w, kn, aside=sm.key in art.asides)
        alone = scorer.score(art.said((sm,)), theirs) if window else None
        if window is not None and alone is not None:
            kept.append((alone[0], sm, window))
            if tag is not None and tag.kind in ("partial", "range") and sm.mention.date_from == "text":
                told_day.add(sm.key)
    if not kept:
        return None
    kept.sort(key=lambda k: (-k[0], k[1].key))
    start, end = kept[0][2]
    members: list[StoredMention] = []
    for weight, sm, (a, b) in kept:  # the strongest reports first; one whose window disagrees is left out
        retold = (sm.key in told_day) != (members[0].key in told_day) if members else False
        if members and (retold or (weight < w.report_at and sm.mention.date_from != "published")):
            # A dated report that tells nothing of this event of its own ("a patrol on Friday")
            # does not narrow its date; an undated one (the headline) is the article's news anyway,
            # but not the same event as a report with a day and month of its own: "The patrols
            # began on the 15th of March" is background, the headline's news of any later day.
            continue
        if max(start, a) <= min(end, b):
            start, end = max(start, a), min(end, b)
            members.append(sm)
    if _retells_the_target(kept, members, told_day, (start, end)):
        return None
    found = scorer.score(art.said(members), theirs)
    if found is None:
        return None
    return Link(art.hash, t.event, target, (start, end), found[0], found[1], tuple(members), by)


def _retells_the_target(
    kept: Sequence[tuple[float, StoredMention, Window]],
    members: Sequence[StoredMention],
    told_day: set[str],
    window: Window,
) -> bool:
    """The article dates the target's day itself, in a report of a day and month of its own that
    the link leaves out as background ("In mid-July, a car bomb exploded near a patrol near
    Ariha"), while the link is of its undated news ("an explosive device went off today"): it tells
    that event as an earlier one, so its news is not that event, whatever words they share."""
    if not members or members[0].key in told_day:
        return False
    used = {sm.key for sm in members}
    return any(
        sm.key in told_day and sm.key not in used and max(a, window[0]) <= min(b, window[1]) for _, sm, (a, b) in kept
    )


def _clear(lk: Link, pool: Sequence[Link], w: CrossdateWeights) -> bool:
    """No link of the article to another date comes within margin, or within ratio, of ``lk``."""
    return not _rivals(lk, pool, w)


@dataclass(frozen=True)
class Choice:
    """What an article's links decide: the events that date it (``chosen``), or, when links to
    different dates are about as strong, those rivals (``rivals``) and no date from them."""

    chosen: tuple[Link, ...] = ()
    rivals: tuple[Link, ...] = ()
    # The first publication day on which the article's statement ("Tass reported on Thursday") is
    # not before the latest event its links date, and why.
    floor: tuple[date, str] | None = None

    @property
    def article(self) -> str:
        return (self.chosen or self.rivals)[0].article


def _strong(lk: Link, w: CrossdateWeights) -> bool:
    """Whether a link has the evidence to date the article on its own: link_at, and undated_extra
    more when only reports with no date of their own point at it."""
    dated = any(sm.mention.date_from != "published" for sm in lk.mentions)
    return lk.score >= w.link_at + (0.0 if dated else w.undated_extra)


def choose(links: Sequence[Link], w: CrossdateWeights, news: Callable[[str], bool]) -> Choice:
    """The events an article tells of, where the evidence names them. First the strongest link
    (the article's own news before background events, unless no link of its news has the evidence:
    then "yesterday's air strike", an operation, may date it): it must reach link_at (undated_extra
    more when only reports with no date of their own point at it), and no link to another date may come
    within margin, or within ratio, of it (else the links disagree: the rivals are kept, to say
    so). Then any other event its other reports tell of (with narrow_at of evidence: the article
    is placed already), whose window agrees ("yesterday" told of the day before: the windows
    narrow)."""
    ranked = sorted(links, key=lambda lk: (-lk.score, lk.event.id))
    own_news = [lk for lk in ranked if news(lk.event.type)]
    pool = own_news if own_news and _strong(own_news[0], w) else ranked
    if not pool or not _strong(pool[0], w):
        return Choice()
    top = pool[0]
    if not _clear(top, pool, w):
        return Choice(rivals=(top, *_rivals(top, pool, w)))
    chosen = [top, *top.support]
    start, end = max(lk.window[0] for lk in chosen), min(lk.window[1] for lk in chosen)
    used = {sm.key for lk in chosen for sm in lk.mentions}
    told = {id(lk): frozenset(sm.key for sm in lk.mentions) for lk in links}  # the reports each link is of
    for lk in sorted(links, key=lambda lk: (-lk.score, lk.event.id)):
        if lk.event.id == top.event.id or not used.isdisjoint(told[id(lk)]) or lk.score < w.narrow_at:
            continue
        others = [o for o in links if not told[id(o)].isdisjoint(told[id(lk)])]
        if _clear(lk, others, w) and max(start, lk.window[0]) <= min(end, lk.window[1]):
            start, end = max(start, lk.window[0]), min(end, lk.window[1])
            chosen.append(lk)
            used |= told[id(lk)]
    return Choice(chosen=tuple(chosen))


def _supported(found: Sequence[Link], art: _Article, targets: Mapping[str, _Target], scorer: _Scorer) -> list[Link]:
    """Each link with its support: the article's links through other reports to other events of
    the very same day (the attack and the patrol it struck, one incident told as two events), each
    with support_at of evidence and a window that agrees; the link then scores what all their
    reports say together against what the others say of all those events (each word counted once:
    an attack and a patrol told in one sentence share its words)."""
    w = scorer.w
    out: list[Link] = []
    # the links that may support another, strongest first, by the day they date their event to
    # (and their reports): a link is weighed only against those of its own day, not every other
    # link of the article (an article at a town of many events has thousands of links)
    by_day: dict[tuple[date, date], list[tuple[Link, frozenset[str]]]] = defaultdict(list)
    for lk in sorted(found, key=lambda lk: (-lk.score, lk.event.id)):
        if lk.score >= w.support_at:
            by_day[(lk.target.start, lk.target.end)].append((lk, frozenset(sm.key for sm in lk.mentions)))
    for top in found:
        support: list[Link] = []
        used = {sm.key for sm in top.mentions}
        start, end = top.window
        for lk, keys in by_day.get((top.target.start, top.target.end), ()):
            if lk.event.id == top.event.id:
                continue
            if used & keys or max(start, lk.window[0]) > min(end, lk.window[1]):
                continue
            support.append(lk)
            used |= keys
            start, end = max(start, lk.window[0]), min(end, lk.window[1])
        if not support:
            out.append(top)
            continue
        theirs = targets[top.event.id].others(art.hash)
        for lk in support:
            theirs = theirs | targets[lk.event.id].others(art.hash)
        members = [sm for lk in (top, *support) for sm in lk.mentions]
        together = scorer.score(art.said(members), theirs)
        if together is None or together[0] <= top.score:
            out.append(top)
            continue
        out.append(replace(top, window=(start, end), score=together[0], why=together[1], support=tuple(support)))
    return out


def _rivals(lk: Link, pool: Sequence[Link], w: CrossdateWeights) -> list[Link]:
    """The links about as strong as ``lk`` that would date the article otherwise: to another date,
    with publication days ``lk`` does not allow (an article of the third patrol and the fourth
    links to both, and is published after both: no disagreement)."""
    close = max(lk.score - w.margin, lk.score / w.ratio)
    return [
        o
        for o in pool
        if o is not lk
        and o.target != lk.target
        and o.score > close
        and (o.window[1] < lk.window[0] or lk.window[1] < o.window[0])
    ]


@dataclass
class Rounds:
    """What the rounds of one chronicle share: the articles' reports and the words' rarity (the
    articles' own mentions do not change between rounds), and each article's last choice with the
    events it was made from, kept while those events and what dates them stay the same."""

    idf: dict[str, float] = field(default_factory=dict)
    reports: list[_Article] = field(default_factory=list)
    last: dict[str, tuple[object, Choice]] = field(default_factory=dict)
    # article -> a number for (what a candidate event says and the days it is dated to, the articles
    # dated through this one) -> its link, or its bound if not worked out, or None, of the round
    # before: a round re-links only the events that changed.
    linked: dict[str, dict[int, Link | _Bound | None]] = field(default_factory=dict)
    said: dict[tuple[str, ...], Evidence] = field(default_factory=dict)  # members -> their evidence
    ready: bool = False
    reported: bool = False  # ``reports`` given
    # an event's id -> its members and its target, of the round before: an event of the same
    # members (the same objects) is the same target (its sides are of its members)
    targets: dict[str, tuple[tuple[StoredMention, ...], _Target]] = field(default_factory=dict)
    index: _Index | None = None  # the dated targets of the round before, filed


def links(
    mentions: Sequence[StoredMention],
    events: Sequence[Event],
    tags_of: TagsOf,
    kn: Knowledge,
    basis: Mapping[str, frozenset[str]] | None = None,
    rounds: Rounds | None = None,
) -> list[Choice]:
    """Each wide article's links to the events its reports tell of, where the evidence names them
    (or the links to different dates that disagree)."""
    w = kn.tuning.crossdate
    family = kn.vocabulary.family
    r = rounds or Rounds()
    if not r.ready:
        r.idf, r.ready = _idf(mentions), True
        if not r.reported:
            r.reports, r.reported = _reports(mentions, tags_of, kn), True
    idf = r.idf
    rare_at = math.log((len({sm.article_hash for sm in mentions}) + 1) / (w.rare_articles + 0.5))

    def rare(word: str) -> bool:
        return idf.get(word, 0.0) >= rare_at

    def weighty(word: str) -> bool:  # a word that alone brings report_at to a link
        return min(idf.get(word, 0.0), w.word_cap) * w.word_weight >= w.report_at

    targets = []
    known: dict[str, tuple[tuple[StoredMention, ...], _Target]] = {}
    for ev in events:
        seen = r.targets.get(ev.id)
        if seen is None or not same_objects(seen[0], ev.members):
            made = _target(ev, family(ev.type), w.target_days, r.said)
        else:
            made = seen[1] if seen[1].event is ev else seen[1].with_event(ev)
        known[ev.id] = (ev.members, made)
        if made.dated:
            targets.append(made)
    r.targets = known
    if r.index is None:
        r.index = index = _Index(targets, rare, w.routine_figure, weighty)
    else:
        index = r.index
        index.update(targets)
    anchors = series.Sectors(
        one
        for t in targets
        if t.family == "patrol" and (one := series.anchor(t.event, t.hull, t.dated_by(""))) is not None
    )
    # article -> the articles dated through it (they may not date it back)
    dependents: dict[str, set[str]] = defaultdict(set)
    for a, rests_on in (basis or {}).items():
        for b in rests_on:
            dependents[b].add(a)
    scorer = _Scorer(w, idf, kn.kinds.is_point)
    out = []
    for art in r.reports:
        candidates: dict[str, _Target] = {}
        reach: dict[str, tuple[date, date]] = {}  # family -> the days its reports' events can fall on
        for sm, tag in art.reports:
            lo, hi = _reach(sm, tag, w, kn)
            fam = art.family_of(sm)
            reach[fam] = (min(lo, reach[fam][0]), max(hi, reach[fam][1])) if fam in reach else (lo, hi)
        for sm, _ in art.reports:
            open_time = sm.published.days > kn.tuning.dates.narrow_days
            lo, hi = reach[art.family_of(sm)]
            for t in index.candidates(family(sm.mention.type), art.said((sm,)), (lo, hi), open_time=open_time):
                hull = t.hull
                if hull is not None and hull[1] >= lo and hull[0] <= hi:
                    candidates.setdefault(t.event.id, t)
        through: Collection[str] = dependents.get(art.hash, ())
        key = (frozenset(through), frozenset(t.fingerprint for t in candidates.values()))
        before = r.last.get(art.hash)
        if before is not None and before[0] == key:
            choice = before[1]  # the same events, dated by the same articles: the same choice
        else:
            found = _supported(_links_of(art, candidates.values(), scorer, kn, through, r), art, candidates, scorer)
            choice = choose(found, w, kn.vocabulary.news)
            if choice.chosen:
                choice = replace(choice, floor=_statement_floor(art, choice.chosen, kn, w.reach_days))
            r.last[art.hash] = (key, choice)
        if not (choice.chosen or choice.rivals) and (by_order := _series_link(art, anchors, through, kn)) is not None:
            choice = Choice(chosen=(by_order,))
        if choice.chosen or choice.rivals:
            out.append(choice)
    return out


def _links_of(
    art: _Article, candidates: Iterable[_Target], scorer: _Scorer, kn: Knowledge, through: Collection[str], r: Rounds
) -> list[Link]:
    """The article's links to its candidates: a candidate whose articles say the same as in the
    round before (``_Target.link_print``) links as it did then (a link is made of what they say, the
    article's reports and ``through``); only the events that changed are weighed again."""
    before = r.linked.get(art.hash, {})
    now: dict[int, Link | _Bound | None] = {}
    weigh: list[tuple[int, _Target, _Bound]] = []
    held = frozenset(through)
    out: list[Link] = []
    for t in candidates:
        key = hash((t.link_print, held))  # a number: an article may have hundreds of candidates
        kept = before.get(key, _UNSEEN)
        if isinstance(kept, Link):
            # with this round's event: the link does not keep the events of the rounds before
            now[key] = again = kept if kept.event is t.event else replace(kept, event=t.event)
            out.append(again)
        elif kept is None or (bounded := kept if isinstance(kept, tuple) else _bound(art, t, scorer, through)) is None:
            now[key] = None
        else:
            weigh.append((key, t, bounded))
    # No link can reach link_at (a link scores at most its bound, with its support at most the
    # bounds of the day's events together): the article has no date from its links, whatever
    # their windows (``choose``); they are not worked out.
    by_day: dict[tuple[date, date], float] = defaultdict(float)
    for _, _t, (bound, target, _) in weigh:
        by_day[(target.start, target.end)] += bound if bound >= scorer.w.support_at else 0.0
    if (
        max((b[0] for _, _, b in weigh), default=0.0) >= scorer.w.link_at
        or max(by_day.values(), default=0.0) >= scorer.w.link_at
        or any(lk.score >= scorer.w.link_at for lk in out)
    ):
        for print_, t, bounded in weigh:
            lk = now[print_] = _link(art, t, scorer, kn, through, bounded)
            if lk is not None:
                out.append(lk)
    else:
        now.update((print_, bounded) for print_, _, bounded in weigh)  # weighed, not worked out
    r.linked[art.hash] = now
    return out


def _series_link(art: _Article, anchors: series.Sectors, through: Collection[str], kn: Knowledge) -> Link | None:
    """An article that no event's evidence names, placed by the order of its numbered patrols
    (``series.between``): the publication days its numbered reports' words allow for the days
    between the dated numbers around them, when those narrow its own interval."""
    w = kn.tuning.crossdate
    found: list[tuple[StoredMention, series.Between, Window]] = []
    for sm, tag in art.reports:
        m = sm.mention
        if not m.ordinal or kn.vocabulary.family(m.type) != "patrol":
            continue
        near, gap = w.series_km, w.series_min_gap_days
        b = series.between(m.ordinal, m.place, anchors, not_from=(art.hash, *through), near_km=near, gap_days=gap)
        window = report_window(sm, tag, interval(b.start, b.end), w, kn, aside=sm.key in art.asides) if b else None
        if b is not None and window is not None:
            found.append((sm, b, window))
    if not found:
        return None
    start, end = max(f[2][0] for f in found), min(f[2][1] for f in found)
    own = found[0][0].published
    if start > end or (start <= own.start and own.end <= end):
        return None  # the numbers disagree, or they say nothing the article does not
    sm, b, _ = min(found, key=lambda f: (f[2][1] - f[2][0], f[0].key))
    why = b.why(sm.mention.ordinal or 0, w.series_min_gap_days)
    target = interval(b.start, b.end)
    by = b.below.articles | b.above.articles
    return Link(art.hash, b.above.event, target, (start, end), w.link_at, why, tuple(f[0] for f in found), by, why)


def _reach(sm: StoredMention, tag: Tag | None, w: CrossdateWeights, kn: Knowledge) -> tuple[date, date]:
    """The days an event the report tells of can fall on, whatever the article's day within its
    own interval: the report's date as the article's own evidence grounds it (the union over those
    days), widened by the lag of a statement or an undated report; a date with no year ("November
    5") any day of the year before the article's earliest day."""
    m, own = sm.mention, sm.published
    lag = kn.tuning.lag.days(kn.vocabulary.family(m.type), numbered=bool(m.ordinal))
    if m.date_from == "published":
        start, before = own.start, max(w.aside_days, w.news_lag_days, lag)
    elif tag is not None and tag.y is None and tag.kind in ("partial", "range"):
        start, before = own.start, kn.tuning.dates.yearless_window_days
    else:
        start, before = m.date.start, lag
    end = max(m.date.end, own.end) if m.date_from == "published" else m.date.end
    return (start - timedelta(days=before) if start > EARLIEST + timedelta(days=before) else EARLIEST), end


def _statement_floor(art: _Article, chosen: Sequence[Link], kn: Knowledge, reach: int) -> tuple[date, str] | None:
    """A statement the article reports ("Tass reported on Thursday") is made after what it tells
    of: the first publication day on which the article's first statement date is not before the
    latest event its links date (the killing "on Monday" that the statement comes after)."""
    latest = max(lk.target.end for lk in chosen)
    for sm, tag in sorted(art.reports, key=lambda r: _order(r[0].key)):
        if sm.mention.date_from != "report" or tag is None or tag.prior or tag.y is not None:
            continue

        def after(p: date, t: Tag = tag) -> bool:
            return _grounded(t, p, kn).end >= latest

        day = _first(latest - timedelta(days=reach), latest + timedelta(days=reach), after)
        if day is None:
            return None
        return day, f"the statement '{tag.text.strip()}' is not before {latest.isoformat()}"
    return None


def _order(key: str) -> int:
    return int(key.rsplit(":", 1)[1]) if ":" in key else 0


# --------------------------------------------------------------------------------------------
# Narrowing and re-dating
# --------------------------------------------------------------------------------------------


def describe(lk: Link, kn: Knowledge) -> str:
    """'its joint patrol at Kobani is event e.., dated 2019-11-05 by TASS (same place; same ~stones)'."""
    if lk.series:
        return lk.series
    ev = lk.event
    where = f" at {ev.place.name}" if ev.place else ""
    others = sorted({s.outlet for s in ev.members if s.article_hash != lk.article})
    by = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
    label = kn.vocabulary.label(ev.type).lower()
    return f"its {label}{where} is event {ev.id}, dated {format_interval(lk.target)} by {by} ({lk.why})"


def narrowed(
    own: DateInterval, chosen: Sequence[Link], kn: Knowledge, floor: tuple[date, str] | None = None
) -> DateInterval | None:
    """The article's publication interval as its links give it, with why (and not before the day
    its statement allows, ``floor``, when that leaves any day); a dateline's day and month with no
    year ("MOSCOW, November 5. /TASS/.") then fixes the day, when one year fits."""
    start = max(own.start, *(lk.window[0] for lk in chosen))
    end = min(own.end, *(lk.window[1] for lk in chosen))
    floor_why = ""
    if floor is not None and start < floor[0] <= end:
        start, floor_why = floor[0], f"; {floor[1]}"
    if own.month is not None and own.day is not None:
        days = [
            d for y in range(start.year, end.year + 1) if (d := safe_date(y, own.month, own.day)) and start <= d <= end
        ]
        if len(days) != 1:
            return None
        start = end = days[0]
    if start > end:
        return None
    why = (
        f"published {format_interval(interval(start, end))}: "
        + "; ".join(describe(lk, kn) for lk in chosen)
        + floor_why
    )
    return DateInterval(start, end, precision_of(start, end), own.text, (why, *own.evidence))


def redate(
    sm: StoredMention, published: DateInterval, tags: Sequence[Tag] | None, kn: Knowledge, *, lead: bool = True
) -> StoredMention:
    """A mention of a cross-dated article with its date grounded again against ``published``. A
    report with no date of its own takes the article's new date if it is the article's lead (its
    own news); an aside with no date ("the first patrol took place near Qamishli") may be of the
    weeks before the article: it takes those (``[crossdate] aside_days``)."""
    m = sm.mention
    if m.date_from == "published" and not lead:
        start = max(sm.published.start, published.start - timedelta(days=kn.tuning.crossdate.aside_days))
        why = f"no date in the clause: some time in the {kn.tuning.crossdate.aside_days} days before the article"
        d = DateInterval(start, published.end, precision_of(start, published.end), "", (*published.evidence, why))
        return replace(sm, published=published, mention=replace(m, date=d))
    if m.date_from == "published":
        d = replace(published, evidence=(*published.evidence, "no date in the clause: the article's own time"))
    elif tags is not None and 0 <= m.timex < len(tags) and m.date_from in ("text", "report"):
        d = _regrounded(tuple(tags), published, kn)[m.timex]
        d = replace(d, evidence=(*d.evidence, published.evidence[0]))
    else:
        return replace(sm, published=published)
    return replace(sm, published=published, mention=temponyms.resolve(replace(m, date=d), kn))


@lru_cache(maxsize=1024)
def _regrounded(tags: tuple[Tag, ...], published: DateInterval, kn: Knowledge) -> tuple[DateInterval, ...]:
    return tuple(t.interval for t in reground(tags, published, kn))


# --------------------------------------------------------------------------------------------
# The fixed point
# --------------------------------------------------------------------------------------------


def chronicle(
    mentions: Iterable[StoredMention],
    tags_of: TagsOf,
    overrides: Sequence[tuple[str, str, str]] = (),
    kn: Knowledge | None = None,
    observe: Callable[[Sequence[Cluster], Rules], None] | None = None,
) -> tuple[list[Event], dict[str, DateInterval]]:
    """The events of the corpus with every wide article dated by what other sources date, and
    those articles' narrowed publication intervals. Each round links the articles' own reports
    (as their own evidence dates them) to the events of the round before, so a round may undo what
    another did; it stops when the narrowed intervals no longer change. ``observe`` sees the greedy
    pass of the first clustering (see ``cluster.cluster``)."""
    kn = kn or Knowledge.bundled()
    w = kn.tuning.crossdate
    own = list(mentions)
    own_pub = {sm.article_hash: sm.published for sm in own}
    published: dict[str, DateInterval] = {}
    rounds = Rounds(reports=_reports(own, tags_of, kn), reported=True)
    # each clustering decides as the last did what is unchanged (no article to date: one clustering)
    passes = Passes() if w.max_rounds > 0 and rounds.reports else None
    events = cluster(own, overrides, kn, observe=observe, passes=passes)
    leads = leads_of(own, kn.vocabulary.family, dated=False)
    # article -> its publication date of the round before and its mentions re-dated to it: an
    # article dated as in the round before has the same mentions (the clustering knows them)
    redated: dict[str, tuple[DateInterval, dict[str, StoredMention]]] = {}
    disputed: dict[str, str] = {}
    basis: dict[str, frozenset[str]] = {}  # article -> the articles its narrowed date rests on
    for _ in range(w.max_rounds):
        choices = links(own, events, tags_of, kn, basis, rounds)
        now = {
            c.article: publication.refine(iv, tags_of(c.article) or (), kn)
            for c in choices
            if c.chosen and (iv := narrowed(own_pub[c.article], c.chosen, kn, c.floor)) is not None
        }
        basis = {c.article: _basis(c.chosen, basis) for c in choices if c.article in now}
        disputed = {c.article: disagreement(c.rivals, kn) for c in choices if c.rivals}
        if {a: (d.start, d.end) for a, d in now.items()} == {a: (d.start, d.end) for a, d in published.items()}:
            break
        published = now
        redated = _redated(own, published, redated, tags_of, kn, leads)
        current = [redated[sm.article_hash][1][sm.key] if sm.article_hash in redated else sm for sm in own]
        events = cluster(current, overrides, kn, passes=passes)
    _regrounded.cache_clear()
    _window.cache_clear()
    if disputed:
        events = _with_disputes(events, disputed, own_pub, kn)
        published = {
            **published,
            **{a: _disputed(own_pub[a], why) for a, why in disputed.items() if a not in published},
        }
    return events, published


def _redated(
    own: Sequence[StoredMention],
    published: Mapping[str, DateInterval],
    before: Mapping[str, tuple[DateInterval, dict[str, StoredMention]]],
    tags_of: TagsOf,
    kn: Knowledge,
    leads: frozenset[str],
) -> dict[str, tuple[DateInterval, dict[str, StoredMention]]]:
    """Each cross-dated article's mentions re-dated to its narrowed date (``redate``), by key: those
    of the round before where its date is the same (the same objects, which the next clustering
    knows from the last)."""
    out: dict[str, tuple[DateInterval, dict[str, StoredMention]]] = {}
    for sm in own:
        a = sm.article_hash
        if a not in published:
            continue
        if a not in out:
            kept = before.get(a)
            out[a] = kept if kept is not None and kept[0] == published[a] else (published[a], {})
        if sm.key not in out[a][1]:
            out[a][1][sm.key] = redate(sm, published[a], tags_of(a), kn, lead=sm.key in leads)
    return out


def _basis(chosen: Sequence[Link], before: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """The articles a narrowed date rests on: those that dated its links' events, and what theirs
    rest on."""
    found: set[str] = set()
    for lk in chosen:
        for a in lk.by:
            found.add(a)
            found |= before.get(a, frozenset())
    return frozenset(found)


def disagreement(rivals: Sequence[Link], kn: Knowledge) -> str:
    """'other sources disagree: its joint patrol ... dated 2019-11-01 by ...; or ... dated ...'."""
    return "other sources disagree, so they do not date it: " + "; or ".join(describe(lk, kn) for lk in rivals)


def _disputed(own: DateInterval, why: str) -> DateInterval:
    return replace(own, evidence=(*own.evidence, why))


def _with_disputes(
    events: list[Event], disputed: Mapping[str, str], own_pub: Mapping[str, DateInterval], kn: Knowledge
) -> list[Event]:
    """The events with the members of articles whose links disagree saying so, in their article's
    date and, where the article's time dates them, in their own: the interval stays as it was."""

    def told(sm: StoredMention) -> StoredMention:
        why = disputed.get(sm.article_hash)
        if why is None or sm.published != own_pub[sm.article_hash]:
            return sm  # not disputed, or dated by other sources after all
        m = sm.mention
        if m.date_from in ("published", "text", "report") and m.date.start != m.date.end:
            m = replace(m, date=replace(m.date, evidence=(*m.date.evidence, why)))
        return replace(sm, published=_disputed(sm.published, why), mention=m)

    out = []
    for ev in events:
        if any(sm.article_hash in disputed for sm in ev.members):
            ev = make_event([told(sm) for sm in ev.members], dict(ev.why), kn)
        out.append(ev)
    return out
