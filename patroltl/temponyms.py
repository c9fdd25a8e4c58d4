"""Temponyms: background mentions that name a reference event ("the Sochi memorandum", "Operation
Peace Spring", "the Shield operation of Euphrates") join it.

A report of an agreement, an operation or a suspension dated only to a month, a year, a range of
days or not at all ("a deal reached last month", "the offensive Turkey launched in 2019") gets the
day of the reference-chronology entry of its type that its interval contains and its words name
(HeidelTime's temponyms): the entry's keywords, in any order, in the report's sentence, and the
entry's parties when both sides say who took part. At extraction (``keys``) the named entries are
kept with the mention as ``chron:`` keys; ``resolve`` narrows the date against them, when the
article is first dated and again when other sources date it (cross-source dating), so the report
joins the day-dated event of the same name.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .knowledge import ChronologyEntry, Knowledge
from .knowledge.chronology import cue_form
from .models import DateInterval, Mention

PREFIX = "chron:"


@lru_cache(maxsize=4)
def _generic(kn: Knowledge) -> tuple[re.Pattern[str], ...]:
    """The parties, claimants and event words, matched without regard to case (keywords are lower
    case)."""
    vocab = kn.vocabulary
    patterns = (*(p for _, p in vocab.actors), *(p for _, p in vocab.claimants), *(t.triggers for t in vocab.types))
    return tuple(re.compile(p.pattern, re.IGNORECASE) for p in patterns if p)


@lru_cache(maxsize=4096)
def _weight(keyword: str, kn: Knowledge) -> float:
    """What a keyword says of its entry: 1 for a name of the event itself, 0.5 for a place or a
    year (they fit many entries), 0 for a party, a claimant or a word for a kind of event."""
    if len(keyword) < 4 and not any(ch.isdigit() for ch in keyword):
        return 0.0
    if kn.vocabulary.is_event_name(keyword):
        return 1.0  # "claw-sword": a trigger too, but the name of this event
    if any(p.fullmatch(keyword) for p in _generic(kn)):
        return 0.0
    if kn.gazetteer.has_exact(kn.names.compact(keyword)) or keyword.isdigit():
        return 0.5
    return 1.0


def _names(entry: ChronologyEntry, words: frozenset[str], kn: Knowledge) -> bool:
    """Whether the sentence's words name the entry: a keyword that names the event itself, its
    words in any order ("the Shield operation of Euphrates" names "euphrates shield"), with
    another cue or alone; places and numbers only beside such a name."""
    weights = [_weight(k, kn) for k in entry.keywords if set(k.split()) <= words]
    return any(x >= 1.0 for x in weights)


YEAR = 366  # "the Sochi memorandum of October 2019", "the 2018 Sochi deal": a stated month or year


def _placed_within(m: Mention, entry: ChronologyEntry, words: frozenset[str], kn: Knowledge) -> bool:
    """ "The Sochi memorandum of last October": a place that is one of the entry's keywords, and a
    stated month or year that holds the entry's day, name it, as a news writer uses the town and
    the month to tell one memorandum from another; ``resolve`` still chooses none of two that fit."""
    if m.planned or not 1 < m.date.days <= YEAR or not m.date.start <= entry.start <= m.date.end:
        return False
    return any(_weight(k, kn) == 0.5 and not k.isdigit() for k in entry.keywords if set(k.split()) <= words)


WEEK = 7  # "a deal struck last week": a span of days this short holds at most one reference event of a kind


def _on_its_day(m: Mention, entry: ChronologyEntry) -> bool:
    """ "Following the talks, the two leaders adopted a Memorandum" on a page of 22 October 2019: a
    deal, an operation or a suspension dated to the very day of a reference event of its kind is
    that event, named or not (two such events of one kind on one day are too rare to keep apart
    on the day alone; other parties still tell them apart). So is one dated to a few days that hold
    that day ("under a deal struck by the two leaders last week"), when no other event of its kind
    falls in them (``resolve`` chooses none of two)."""
    if m.planned or entry.days != 1:
        return False
    return m.date.days <= WEEK and m.date.start <= entry.start <= m.date.end


def keys(m: Mention, kn: Knowledge) -> tuple[str, ...]:
    """The ``chron:`` keys of the reference events of the report's type family that its sentence
    names: a name of the event itself, or two weaker cues (a place, a number), and not another
    pair of parties than the entry's."""
    vocab = kn.vocabulary
    # patrols are many, but a series has one first: "the first joint patrol on the road" names it
    first = m.ordinal == 1 and vocab.family(m.type) == "patrol"
    if not vocab.get(m.type).named and not first:
        return ()
    words = frozenset(cue_form(m.sentence[:2000]).split())
    found = []
    for entry in kn.chronology:
        if vocab.family(entry.type) != vocab.family(m.type):
            continue
        if not _names(entry, words, kn) and not _on_its_day(m, entry) and not _placed_within(m, entry, words, kn):
            continue
        if entry.parties and len(set(m.actors)) >= 2 and len(set(m.actors) & set(entry.parties)) < 2:
            continue  # "the US-Turkey deal" is not the Russian-Turkish memorandum of that week
        found.append(PREFIX + entry.key)
    return tuple(found)


def resolve(m: Mention, kn: Knowledge) -> Mention:
    """The report dated by the reference event it names, when its own date holds the event's and
    says less ("in October 2019", "last month", "in 2019" -> 2019-10-22)."""
    if m.date.days <= 1:
        return m
    named = [e for k in m.keys if k.startswith(PREFIX) and (e := kn.chronology.get(k[len(PREFIX) :])) is not None]
    inside = [e for e in named if m.date.start <= e.start and e.end <= m.date.end and e.days < m.date.days]
    if len({e.key for e in inside}) != 1:
        return m  # none, or two named events fit: do not choose
    e = inside[0]
    why = f"'{m.date_text or m.date.text}' holds {e.name} ({e.start.isoformat()}), which the sentence names"
    src = f" (reference chronology; {e.source})" if e.source else " (reference chronology)"
    date = DateInterval(e.start, e.end, e.precision, m.date.text, (*m.date.evidence, why + src))
    return replace(m, date=date)


def placed(m: Mention, kn: Knowledge) -> Mention:
    """A report that names a reference event whose place is part of what it is ("since the fall of
    Assad": Damascus) takes that place, when the events it names that its date allows agree on one:
    if it has no place of its own, or if its sentence names that place too ("the fall of Damascus
    on Sunday, and the capture of Manbij on Monday": the other town is another event's)."""
    named = [e for k in m.keys if k.startswith(PREFIX) and (e := kn.chronology.get(k[len(PREFIX) :])) is not None]
    fits = {e.place for e in named if e.place and e.start <= m.date.end and m.date.start <= e.end}
    if len(fits) != 1:
        return m
    where = next(iter(fits))
    if m.place is not None and (m.place.name == where or not _word_in(where, m.sentence)):
        return m
    ref = kn.gazetteer.best(where)
    if ref is None or (m.place is not None and ref.place_id is not None and ref.place_id == m.place.place_id):
        return m  # its own place already, as its words spell it ("Morek" for Mūrak)
    ref = replace(ref, surface="")
    return replace(m, place=ref, places=(ref,))


def _word_in(name: str, sentence: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", sentence[:2000]) is not None
