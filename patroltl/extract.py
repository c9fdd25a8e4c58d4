"""Extract stage: find the events an article reports, one Mention per event per clause.

Each trigger word of an event type (``data/event_types.toml``) becomes a candidate event. The
temporal expressions and places of its sentence are shared out among the sentence's triggers by
distance (a date right after "said" dates the claim, not the event), so that "the patrol ... in
line with the March 5 agreement" gives the agreement, not the patrol, its March 5. The words this
stage reads besides the event types are the lexicon's ``[extract]``, ``[modality]``,
``[attribution]`` and ``[figures]``.
"""

from __future__ import annotations

import calendar
import itertools
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache, lru_cache, partial
from typing import Any, Generic, Protocol, TypeVar

from .clauses import Clauses, segment
from .dates import Grounding, Timex
from .figures import figures_in
from .intervals import date_rank
from .knowledge import ChronologyEntry, Knowledge, Lexicon, PlaceKinds, Vocabulary
from .knowledge.chronology import cue_form
from .knowledge.lexicon import alternation, words_pattern
from .knowledge.vocabulary import EventType
from .modality import ANNOUNCED, DENIED, FACT, HABITUAL, PLANNED, modal_words, modality
from .models import EARLIEST, LATEST, DateInterval, Mention, PlaceHit, PlaceRef
from .ordinals import Ordinal, find_ordinals, ordinal_subjects, ordinal_value, ordinal_words
from .places import distance_km
from .roles import LANDMARK, RANK, TOPIC, roles
from .text import Sentences, clause_break, split

NEAR_CHARS = 400  # a date or place further than this from a trigger belongs to the nearest one
MAX_TRIGGERS = 40  # per sentence: real sentences have a handful; hostile text is cut short here

# A dateline: up to four capitalised words, then a separator ("MOSCOW, November 1.", "ERBIL (Kurdistan
# 24) –", "ANKARA - Turkey and Russia ...") or the end of the line. A longer run of capitals is a
# subheading ("THE TENTH JOINT PATROL WAS CARRIED OUT ON TUESDAY"): text to read.
_DATELINE = re.compile(r"[A-Z][A-Z.'’-]{1,30}(?: [A-Z][A-Z.'’-]{0,30}){0,3}(?=\s{0,3}(?:[,(–—/]|-|$))")
# A wire's dateline in ordinary case names its agency in brackets before a dash ("Istanbul (dpa) -",
# "Beirut, July 14 (Reuters) -", "Moscow (AFP) –"): the city is where the story was filed.
_AGENCY_DATELINE = re.compile(
    r"[A-Z][A-Za-z.'’-]{1,30}(?: [A-Z][A-Za-z.'’-]{1,30}){0,2}"
    r"(?=(?:,[^()\n]{1,30})?\s{0,3}\([^()\n]{2,40}\)\s{0,3}(?:-{1,2}|–|—|\.-|:))"
)


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    type: str
    surface: str
    apart: bool = False  # one of a count told one by one ("two patrols, one ... and one ..."): its own event


# --------------------------------------------------------------------------------------------
# The stage's patterns, built from the lexicon once
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Words:
    ordinal: re.Pattern[str]
    ordinal_words: dict[str, int]
    number: str  # a regex group that matches a number in digits or words
    before_source: tuple[str, ...]
    locative: re.Pattern[str]
    venue_noun: re.Pattern[str]
    subject_of: re.Pattern[str]  # "accord on ": the place after it is what was agreed on, not where
    venue_in: re.Pattern[str]  # "signed in ": the place after it is where an agreement was made
    deal_in: re.Pattern[str]  # "the period set in ": where a deal laid down what it says, whatever the event
    metonym: re.Pattern[str]
    time_zone: re.Pattern[str]
    excluded: re.Pattern[str]  # "excluding (the city of)" right before a place
    possessed: re.Pattern[str]  # "Istanbul's Istiklal Avenue": a town's part, the town a place
    anaphor: re.Pattern[str]
    anaphor_inside: re.Pattern[str]  # "their assault on the province": the place of the sentence before
    goes_on: re.Pattern[str]  # "The convoy drove through ...": the event just reported, told on
    took_place: re.Pattern[str]  # "The incident took place in ...": where the event just told was
    # "began on March 15 under an agreement": an event named as a given after a date is not the
    # date's (the date is the clause's before it)
    given_after: re.Pattern[str]
    given_before: re.Pattern[str]  # "the patrol under the Sochi memorandum": the memorandum is a given
    auxiliary: re.Pattern[str]  # "was", "has": a finite verb again after a noun phrase
    done_after: re.Pattern[str]  # "the memorandum signed on 22 October": the modality's participles
    comes_after: re.Pattern[str]  # "comes (two days) " before an after-clause
    since_before: re.Pattern[str]  # "since " before a date or opening it
    retold_time: re.Pattern[str]  # "at that time": a time told before, not the article's
    amid: re.Pattern[str]  # "amid a Turkish air campaign": at the time of its clause
    operation: re.Pattern[str]
    operation_word: re.Pattern[str]
    operation_ends: frozenset[str]
    operation_aliases: dict[str, str]
    local: re.Pattern[str]
    finite_verb: re.Pattern[str]
    series_start: re.Pattern[str]
    per_side: re.Pattern[str]
    clause_break: re.Pattern[str]
    conjunct: re.Pattern[str]  # "and", "or": the next conjunct starts ("in 2018 and Operation Peace Spring")
    approximately: str
    passive: str
    plural_heads: frozenset[str]
    count_before: re.Pattern[str]  # "344 joint ground" before "patrols": a count of them
    object_prepositions: frozenset[str]  # "from" of "withdrew from": the stop's object follows
    days_apart: re.Pattern[str]  # "a day after", "two weeks before": two events that far apart
    another_of_kind: re.Pattern[str]  # "another", "a separate": one more event of a kind told
    follow_verb: re.Pattern[str]  # "follows", "came after": its object is another, earlier event
    each_first: re.Pattern[str]  # ", one" right after "two patrols": the first of them told apart
    each_after: re.Pattern[str]  # ", one" a few words after it ("two patrols on Tuesday, one ...")
    each_next: re.Pattern[str]  # "and one", "and another": the next of them
    causal: frozenset[str]  # subordinators of a cause
    attributive_year: re.Pattern[str]  # "a 2019 Russian-Turkish" before "agreement"
    ends_event: re.Pattern[str]  # "to end", "that ended": what links a deal to the offensive it ended
    first_since: re.Pattern[str]  # "the first of its kind since" before a date
    known_before: re.Pattern[str]  # "the (Istanbul bomb)" right before an event word: a known event
    series_base: re.Pattern[str]  # "the 95th patrol (...) since" right before a date: the series' start
    event_pronoun: re.Pattern[str]  # "They were suspended": a pronoun opening a sentence, for its events
    period_start: re.Pattern[str]  # "150 hours from (midday)" right before a date: a period's clock
    solo: re.Pattern[str]  # "alone", "unilaterally": one army's patrol
    after_words: frozenset[str]  # "after", "following": a clause of what came before
    time_anchor: re.Pattern[str]  # "since (Operation)" right before an event word: named for its time
    noun_before: re.Pattern[str]  # "follows the (heinous)" right before an event word: a noun of what came before
    interruption: re.Pattern[str]  # "pause", "hiatus": an interruption named by a noun
    long_pause: re.Pattern[str]  # "after 10 months": an interruption told by its length
    joint: re.Pattern[str]  # "joint", "Russian-Turkish": both armies
    sides: frozenset[str]  # the actors that patrol together
    solo_labels: dict[str, str]  # actor (lower case) -> how a summary names its patrol
    report_participles: frozenset[str]  # "a statement released by ... on Tuesday"
    report_gap_break: re.Pattern[str]  # ", and" after a claim: a clause of its own
    until_before: re.Pattern[str]  # "until" before a date: the end of a span
    contrast: re.Pattern[str]  # "However," opening a sentence
    attributive: re.Pattern[str]  # "the" right before "agreed route": a participle as an adjective
    new_referent: re.Pattern[str]  # "a (10-point)" right before "memorandum": told as new


@cache
def words(lex: Lexicon) -> Words:
    ordinals = lex.numbers("numbers.ordinals")
    tens = lex.numbers("numbers.tens")
    cardinals = sorted(lex.numbers("numbers.cardinals"), key=len, reverse=True)
    units = "|".join(w for w, v in lex.numbers("numbers.cardinals").items() if 1 <= v <= 9)
    number = (
        rf"(\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{'|'.join(tens)})(?:[-\s](?:{units}))?\b|{'|'.join(cardinals)})"
    )
    fillers = lex.alternation("extract.ordinal_fillers")
    ordinal_alt = "|".join(sorted(ordinals, key=len, reverse=True))
    op_words = lex.alternation("extract.operation_words")
    return Words(
        ordinal=re.compile(
            rf"\b(?:({ordinal_alt})|(\d{{1,4}})(?:st|nd|rd|th|d))\b((?:[\s-]+(?:{fillers})){{0,5}})[\s-]+"
            rf"(?:{lex.alternation('extract.ordinal_nouns')})",
            re.IGNORECASE,
        ),
        ordinal_words=ordinals,
        number=number,
        before_source=tuple(w.lower() for w in lex.words("attribution.before_source")),
        locative=re.compile(
            rf"\b(?:{lex.alternation('places.locatives')}|(?:{lex.alternation('places.of_heads')})\s+of)\s+(?:the\s+)?$",
            re.IGNORECASE,
        ),
        venue_noun=re.compile(
            rf"\s+(?:(?:{lex.alternation('places.venue_modifiers')})\s+)?(?:{lex.alternation('places.venue_events')})\b",
            re.IGNORECASE,
        ),
        venue_in=re.compile(
            rf"\b(?:(?:{lex.alternation('places.venue_verbs')})\s+(?:[\w,’'-]+\s+){{0,4}}?"
            rf"|(?:{lex.alternation('places.venue_terms')})\s+)(?:in|at)\s+(?:the\s+)?$",
            re.IGNORECASE,
        ),
        deal_in=re.compile(rf"\b(?:{lex.alternation('places.venue_terms')})\s+(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE),
        subject_of=re.compile(rf"\b(?:{lex.alternation('places.subject_prepositions')})\s+(?:the\s+)?$", re.IGNORECASE),
        excluded=re.compile(
            rf"\b(?:{lex.alternation('places.exclusions')})\s+(?:the\s+)?(?:(?:{lex.alternation('places.of_heads')})\s+of\s+)?$",
            re.IGNORECASE,
        ),
        metonym=re.compile(rf"(?:{lex.alternation('places.metonym_suffixes')})(?!\w)"),
        time_zone=re.compile(rf"\s+(?:{lex.alternation('places.time_zones')})(?!\w)", re.IGNORECASE),
        possessed=re.compile(
            # "Istanbul's busy Istiklal Avenue": an adjective or two may stand before the part's name
            rf"['’]s\s+(?:(?:{lex.alternation('places.possessed_parts')})\b|(?:(?-i:[a-z][a-z-]{{1,20}})\s+){{0,2}}(?-i:[A-Z]))",
            re.IGNORECASE,
        ),
        anaphor=re.compile(
            rf"\s*(?:{lex.alternation('extract.anaphor_determiners')})\s+(?:{lex.alternation('extract.anaphor_nouns')})\b"
        ),
        amid=re.compile(
            rf"\b(?:{lex.alternation('extract.concurrent_prepositions')})\s+(?:[\w’'/-]+\s+){{0,4}}$", re.IGNORECASE
        ),
        since_before=re.compile(rf"\b(?:{lex.alternation('extract.since_words')})\s", re.IGNORECASE),
        retold_time=re.compile(rf"\b(?:{lex.alternation('extract.retold_time')})\b(?!\s+of\b)", re.IGNORECASE),
        comes_after=re.compile(
            rf"\b(?:{lex.alternation('extract.comes_after')})\s+(?:[\w-]+\s+){{0,2}}$", re.IGNORECASE
        ),
        given_after=re.compile(
            rf"\W{{0,3}}(?:{lex.alternation('modality.presupposing')})\s+(?:[\w’'-]+\s+){{0,4}}$", re.IGNORECASE
        ),
        given_before=re.compile(
            rf"\b(?:{lex.alternation('extract.frame_prepositions')})\s+(?:[\w’'-]+\s+){{0,4}}$", re.IGNORECASE
        ),
        auxiliary=re.compile(rf"\b(?:{lex.alternation('clauses.auxiliaries')})\b"),
        done_after=modal_words(lex).done,
        took_place=re.compile(rf"\b(?:{lex.alternation('extract.took_place')})\s+(?:in|at|near)\b", re.IGNORECASE),
        goes_on=re.compile(
            rf"\b(?:{lex.alternation('extract.anaphor_determiners')})\s+(?:[\w-]+\s+)?"
            rf"(?:{lex.alternation('extract.event_vehicles')})\b",
            re.IGNORECASE,
        ),
        anaphor_inside=re.compile(
            # and "shelled villages north of the town": where, from the town the sentence before named
            rf"\b(?:{lex.alternation('extract.anaphor_prepositions')}|(?:{lex.alternation('places.compass')})\s+of)"
            rf"\s+the\s+(?:{lex.alternation('extract.anaphor_nouns')})\b"
            r"(?!\s+(?:of|[A-Z]))"
        ),
        # "Operation Peace Spring", or the name in quotes after a lower-case "operation" ("its
        # military operation “Peace Spring”")
        operation=re.compile(
            rf"\b(?:{op_words})\s+((?:[A-Z][\w’'-]*\s?){{1,3}})"
            rf"|\b(?i:{op_words})\s+(?:of\s+)?[“\"‘]((?:[A-Z][\w’'-]*\s?){{1,3}}(?:(?:of|the)\s(?:[A-Z][\w’'-]*\s?){{1,2}})?)[”\"’]"
        ),
        operation_word=re.compile(rf"^(?:{op_words})\s+"),
        operation_ends=frozenset(w.lower() for w in lex.words("extract.operation_name_ends")),
        operation_aliases={k: str(v).lower() for k, v in lex.table("extract.operation_aliases").items()},
        local=re.compile(
            rf"[^,;.]{{0,70}}?\bin\s+(?:the\s+)?(?:(?:{lex.alternation('extract.local_heads')})\s+of\s+)?$"
        ),
        finite_verb=words_pattern(lex.words("extract.finite_verbs")),
        series_start=words_pattern(lex.words("extract.series_start")),
        per_side=re.compile(
            rf"(?<![\w.,]){number}(?:\s+[A-Za-z-]+){{0,3}}?\s+(?:{lex.alternation('figures.per_side')})\b",
            re.IGNORECASE,
        ),
        clause_break=clause_break(lex),
        conjunct=re.compile(rf"\b(?:{lex.alternation('clauses.coordinators')})\b", re.IGNORECASE),
        approximately=lex.alternation("figures.approximately"),
        passive=lex.alternation("figures.passive"),
        plural_heads=frozenset(x.lower() for x in lex.words("extract.plural_heads")),
        causal=frozenset(x.lower() for x in lex.words("clauses.causal")),
        attributive_year=re.compile(
            # "a 2019 Russian-Turkish agreement", and after a possessive: "Turkey's 2019 incursion"
            rf"(?:\b(?:{lex.alternation('extract.year_determiners')})|[^\W\d_]['’]s)\s+(\d{{4}})\s+(?:[\w’'-]+\s+){{0,3}}$",
            re.IGNORECASE,
        ),
        ends_event=words_pattern(lex.words("extract.ends_event")),
        until_before=re.compile(rf"\b(?:{lex.alternation('extract.until_words')})\s*$", re.IGNORECASE),
        contrast=re.compile(rf"\s*(?:{lex.alternation('extract.contrast_openers')})\b"),
        attributive=re.compile(rf"\b(?:{lex.alternation('extract.attributive_determiners')})\s{{1,3}}$", re.IGNORECASE),
        new_referent=re.compile(
            rf"\b(?:{lex.alternation('extract.new_referent_determiners')})\s{{1,3}}(?:[\w’'-]{{1,30}}\s{{1,3}}){{0,3}}$",
            re.IGNORECASE,
        ),
        report_participles=frozenset(x.lower() for x in lex.words("attribution.report_participles")),
        report_gap_break=re.compile(
            rf"[.;]|,\s*(?:{lex.alternation('attribution.report_gap_breaks')})\b"
            rf"|\b(?:{lex.alternation('attribution.complementizers')})(?:\s+\S|\s*$)",
            re.IGNORECASE,
        ),
        solo=words_pattern(lex.words("extract.solo_words")),
        after_words=frozenset(x.lower() for x in lex.words("extract.after_words")),
        noun_before=re.compile(
            rf"\b(?:{lex.alternation('extract.after_words', 'extract.follow_verbs')})\s+"
            rf"(?:{lex.alternation('extract.known_determiners', 'extract.new_referent_determiners')})\s+"
            rf"(?:[\w-]+\s+){{0,2}}$",
            re.IGNORECASE,
        ),
        # a noun phrase, not a clause: "since Operation Peace Spring", "after the 2019 offensive"
        time_anchor=re.compile(
            rf"\b(?i:{lex.alternation('extract.after_words')})\s+"
            rf"(?:(?:(?i:{lex.alternation('extract.known_determiners')})|[A-Z][\w-]*|\d{{4}})\s+){{0,3}}$"
        ),
        interruption=words_pattern(lex.words("extract.interruption_nouns")),
        long_pause=re.compile(
            rf"\b(?:{lex.alternation('extract.after_words')})\s+(?:[\w-]+\s+){{0,2}}"
            rf"(?:{lex.alternation('extract.pause_units')})\b(?!\s+of\b)",
            re.IGNORECASE,
        ),
        joint=words_pattern(lex.words("extract.joint_words")),
        sides=frozenset(lex.table("extract.sides")),
        solo_labels={k: str(v) for k, v in lex.table("extract.sides").items()},
        first_since=re.compile(
            rf"\b(?:{lex.alternation('extract.first_words')})\b[^.;:]{{0,50}}\b(?:{lex.alternation('extract.since_words')})\s+$",
            re.IGNORECASE,
        ),
        known_before=re.compile(
            rf"\b(?:{lex.alternation('extract.known_prepositions')})\s+"
            rf"(?:{lex.alternation('extract.known_determiners')})\s+(?:\S+\s+){{0,2}}$",
            re.IGNORECASE,
        ),
        series_base=re.compile(rf"\b(?:{lex.alternation('extract.ordinal_bases')})\s+$", re.IGNORECASE),
        event_pronoun=re.compile(rf"\s{{0,3}}({lex.alternation('extract.event_pronouns')})\b"),
        period_start=re.compile(
            rf"(?<![\w.,-]){number}[\s-]{{1,3}}(?:{lex.alternation('extract.period_units')})\s{{1,3}}"
            rf"(?:{lex.alternation('extract.period_starts')})\s{{1,3}}"
            rf"(?:(?:{lex.alternation('extract.times_of_day')})\s{{1,3}}(?:on\s{{1,3}})?)?$",
            re.IGNORECASE,
        ),
        count_before=re.compile(
            rf"(?<![\w.,-]){number}(?:[\s-]+(?!(?:{lex.alternation('extract.count_breakers')})\b)[A-Za-z][\w-]*){{0,3}}[\s-]+$",
            re.IGNORECASE,
        ),
        object_prepositions=frozenset(x.lower() for x in lex.words("extract.object_prepositions")),
        each_first=re.compile(
            rf"\s{{0,3}}[,:(—–-]?\s{{0,3}}\b(?:{lex.alternation('extract.each_first')})\b(?!\s{{1,3}}of\b)",
            re.IGNORECASE,
        ),
        days_apart=re.compile(
            rf"\b(an?|one|\d{{1,2}}|{lex.alternation('extract.small_numbers')})\s{{1,3}}(days?|weeks?)\s{{1,3}}(after|before)\s",
            re.IGNORECASE,
        ),
        another_of_kind=re.compile(rf"\b(?:{lex.alternation('extract.another_of_kind')})\b", re.IGNORECASE),
        # ... with its object ("follows the fall of ..."), not "a second followed on Tuesday"
        follow_verb=re.compile(
            rf"\b(?:{lex.alternation('extract.follow_verbs')})\s+"
            rf"(?:{lex.alternation('extract.known_determiners', 'extract.new_referent_determiners')})\s",
            re.IGNORECASE,
        ),
        each_after=re.compile(
            rf"[,:(—–]\s{{0,3}}\b(?:{lex.alternation('extract.each_first')})\b(?!\s{{1,3}}of\b)", re.IGNORECASE
        ),
        each_next=re.compile(
            rf"(?:\band|\bwhile|,|;)\s{{1,3}}(?:then\s{{1,3}})?\b(?:{lex.alternation('extract.each_next')})\b(?!\s{{1,3}}of\b)",
            re.IGNORECASE,
        ),
    )


# --------------------------------------------------------------------------------------------
# Triggers
# --------------------------------------------------------------------------------------------


def find_triggers(
    text: str,
    a: int,
    b: int,
    vocab: Vocabulary,
    blocked: Sequence[tuple[int, int]],
    cl: Clauses | None = None,
    w: Words | None = None,
    dates: Sequence[Timex] = (),
    known: Callable[[str, str], bool] | None = None,
    after: str = "",
    before: frozenset[str] = frozenset(),
) -> list[Trigger]:
    """The event words of ``text[a:b]``. A modifier ("suspended", "resumed") takes the place of the
    words of its base type in its own clause ("the patrols were halted": one suspension); in a
    clause of its own ("patrols, which had been suspended since October, resumed") it is an event of
    its own and consumes nothing. ``after``: the next sentence, whose toll counts for a conditional
    word when it refers back to the event by one of its words ("A drone targeted a car near Tal
    Tamr. Two civilians were wounded in the strike")."""
    found, modifiers = trigger_words(text, a, b, vocab, blocked, w, dates, known, after)
    if not found and not modifiers:
        return []
    cl = cl or segment(text, a, b, Knowledge.bundled().lexicon)
    return _resolved(text, a, b, found, modifiers, vocab, cl, w, before)


def trigger_words(
    text: str,
    a: int,
    b: int,
    vocab: Vocabulary,
    blocked: Sequence[tuple[int, int]],
    w: Words | None = None,
    dates: Sequence[Timex] = (),
    known: Callable[[str, str], bool] | None = None,
    after: str = "",
) -> tuple[list[Trigger], list[Trigger]]:
    """The event words of ``text[a:b]`` and its modifiers, each word read on its own (what
    ``find_triggers`` then weighs against its clauses)."""
    found: list[Trigger] = []
    modifiers: list[Trigger] = []
    sentence = text[a:b]
    for et in vocab.types:
        if et.triggers is None:
            continue
        excluded: list[tuple[int, int]] | None = None  # found once a trigger needs them (most sentences have none)
        for m in et.triggers.finditer(text, a, b):
            if excluded is None:
                excluded = [(x.start(), x.end()) for x in et.exclude.finditer(text, a, b)] if et.exclude else []
            if any(s <= m.start() < e for s, e in blocked) or any(s <= m.start() < e for s, e in excluded):
                continue
            word = m.group(0).lower()
            if (
                word in et.conditional
                and not et.cue_in(sentence, word)
                and (
                    # a word with cues of its own that is another type's word too needs them: "air
                    # strikes" that hit no camp are the operation's, whatever else the sentence names
                    (et.grouped(word) and _shared_word(vocab, et.name, word))
                    or not (
                        _dated_noun(text, m, dates)
                        or (known is not None and known(et.name, sentence))
                        or _toll_after(sentence, after, et)
                    )
                )
            ):
                continue  # an aid convoy or a US convoy is not a joint patrol
            if w is not None and not et.modifies and _participle_adjective(text, m, w):
                continue
            t = Trigger(m.start(), m.end(), et.name, m.group(0))
            (modifiers if et.modifies else found).append(t)
    return found, modifiers


def _resolved(
    text: str,
    a: int,
    b: int,
    found: list[Trigger],
    modifiers: list[Trigger],
    vocab: Vocabulary,
    cl: Clauses,
    w: Words | None,
    before: frozenset[str],
) -> list[Trigger]:
    """The sentence's events from its event words and modifiers, read in its clauses."""
    modifiers = [m for m in modifiers if not _object_elsewhere(m, found, vocab, w)]
    pronoun = [] if found else _pronoun_base(text, a, b, modifiers, before, vocab, w)
    found = [t for t in _apply_modifiers(text, found + pronoun, modifiers, vocab, cl, w) if t not in pronoun]
    # "lost 33 soldiers in a single airstrike": a word of two types on one span (here an attack with
    # its casualties and a raid) is one event, of the type that wins a disagreement (the lower rank)
    spans: dict[tuple[int, int], Trigger] = {}
    for t in found:
        o = spans.get((t.start, t.end))
        if o is None or vocab.get(t.type).rank < vocab.get(o.type).rank:
            spans[(t.start, t.end)] = t
    found = [t for t in found if spans[(t.start, t.end)] is t]
    # "Operation Peace Spring", "the Peace Spring operation": a word of a type and a name of that
    # type side by side are one event word
    found.sort(key=lambda t: (t.start, t.type))
    found = [t for k, t in enumerate(found) if not _beside_same(text, found[:k], t)]
    # "a campaign of drone and air strikes", "a wave of shelling", "Memorandum of Understanding": one
    # event, named by the word after "of" (what the one before it is made of), nearer its details
    found = [o for o in found if not any(_made_of(text, o, t) for t in found)]
    # "agreed in talks in Sochi": the talks are the agreement's venue, not an event of their own
    types = {t.type for t in found}
    found = [t for t in found if vocab.get(t.type).venue_of not in types]
    return sorted(found, key=lambda t: (t.start, t.type))[:MAX_TRIGGERS]


@lru_cache(maxsize=256)
def _shared_word(vocab: Vocabulary, name: str, word: str) -> bool:
    """Whether a trigger word of the type is a trigger word of another type too."""
    return any(o.name != name and o.triggers is not None and o.triggers.fullmatch(word) for o in vocab.types)


_WORD_AFTER = re.compile(r"\s{1,3}[a-z][a-z-]{1,30}\b")


TOLL_CHARS = 300  # of the sentence after a conditional event word, read for its toll
TOLL_REACH = 40  # ... which stands this close before the word that names the event again
_THE_BEFORE = re.compile(r"\bthe\s{1,3}$", re.IGNORECASE)


def _toll_after(sentence: str, after: str, et: EventType) -> bool:
    """Whether the next sentence gives the event its toll ("Two civilians were wounded in the
    strike"): it names the event again, definite, by a word of its type, and with the sentence
    before it has what the conditional word needs."""
    if not after or et.triggers is None:
        return False
    for t in et.triggers.finditer(after, 0, len(after)):
        definite = t.group(0).lower().startswith("the ") or _THE_BEFORE.search(after, max(0, t.start() - 8), t.start())
        # the toll right before the reference ("were wounded in the strike"), not a word of another
        # clause ("launched the attacks after ..., in which six people lost their lives")
        lo = max(0, t.start() - TOLL_REACH)
        if definite and any(b.search(after, lo, t.start()) for _, b in et.pairs):
            return et.cue_in(f"{sentence} {after}")
    return False


def _participle_adjective(text: str, m: re.Match[str], w: Words) -> bool:
    """ "the agreed route", "an agreed timetable": a participle between a determiner and a noun is
    an adjective, no event of its own (the suspension's "the cancelled patrol" is a modifier: kept)."""
    return (
        m.group(0).lower().endswith("ed")
        and w.attributive.search(text, max(0, m.start() - 8), m.start()) is not None
        and _WORD_AFTER.match(text, m.end()) is not None
    )


_BESIDE = re.compile(r"[\s\"'“”‘’«»-]{0,4}")


def _beside_same(text: str, before: Sequence[Trigger], t: Trigger) -> bool:
    return any(o.type == t.type and o.end <= t.start and _BESIDE.fullmatch(text, o.end, t.start) for o in before[-3:])


_DETERMINER_BEFORE = re.compile(r"(?i)\b(?:the|a|an|its|their|[\w-]+['’]s)\s{1,3}(?:[a-z-]{3,20}\s{1,3})?$")
_SPACE = re.compile(r"\s{1,3}")


def _dated_noun(text: str, m: re.Match[str], dates: Sequence[Timex]) -> bool:
    """An event noun that its date names, as a premodifier ("the November 13 bombing in Istanbul",
    "Istanbul's 13 November explosion") or after "of" ("the bombing of 13 November"): one event of
    that day or month, reported whatever the rest of its sentence says."""
    for tx in dates:
        if tx.interval.precision not in ("day", "month") or tx.kind not in ("absolute", "partial"):
            continue
        before = tx.end <= m.start() and _SPACE.fullmatch(text, tx.end, m.start())
        if before and _DETERMINER_BEFORE.search(text, max(0, tx.start - 40), tx.start):
            return True
        if tx.start >= m.end() and _OF_DATE.fullmatch(text, m.end(), tx.start):
            return True
    return False


def _made_of(text: str, o: Trigger, t: Trigger) -> bool:
    return t.type == o.type and _CONTENT_OF.fullmatch(text, o.end, t.start) is not None


def without_counts(
    text: str,
    a: int,
    triggers: list[Trigger],
    cl: Clauses,
    timexes: Sequence[Timex],
    w: Words,
    lex: Lexicon,
    towns: int = 0,
) -> list[Trigger]:
    """ "344 joint ground patrols had been conducted", "carrying out 344 patrols until October": a
    count of patrols is the series' figure, not an event; unless its clause dates each of them ("two
    patrols were conducted on July 22 and August 12"), or a few of them to one day (``DAY_COUNT``)."""
    out = []
    ordinals: list[Ordinal] | None = None  # found once a count needs them (most sentences give none)
    for t in triggers:
        if t.type != "patrol":
            out += _each_of_count(text, a, t, w, lex)
            continue
        m = w.count_before.search(text, max(a, t.start - 60), t.start)
        if m and ordinals is None:
            ordinals = find_ordinals(text, a, max((x.end for x in triggers), default=a), lex)
        if m and any(o.start <= m.end(1) and m.start() < o.end for o in ordinals or ()):
            m = None  # "the forty-ninth joint patrol": an ordinal, not a count
        if m and any(x.start <= m.start(1) < x.end for x in timexes):
            m = None  # "8 November     Third patrol ...": the day of a date, not a count
        value = lex.number_value(m.group(1)) if m else None
        if value is None or not 2 <= value < 1900:
            out.append(t)
            continue
        # its clause's days, or the day that opens the sentence ("9 September: ... two joint patrols")
        days = [x for x in timexes if (cl.same(x.start, t.start) or x.start - a <= 4) and x.interval.precision == "day"]
        each = _each_told(text, t, value, w) if len(days) == 1 and value <= DAY_COUNT else []
        if each:
            out += each
        elif len(days) == value or (len(days) == 1 and value <= DAY_COUNT and towns <= 1):
            out.append(t)
    return out


def _each_of_count(text: str, a: int, t: Trigger, w: Words, lex: Lexicon) -> list[Trigger]:
    """ "had signed two memoranda in Sochi: one in September 2018 ..., and another in October 2019":
    a few deals or operations counted, then told one by one, are that many events."""
    m = w.count_before.search(text, max(a, t.start - 30), t.start)
    value = lex.number_value(m.group(1)) if m else None
    if value is None or not 2 <= value <= DAY_COUNT:
        return [t]
    return _each_told(text, t, value, w) or [t]


def _each_told(text: str, t: Trigger, value: float, w: Words) -> list[Trigger]:
    """ "two separate joint patrols, one west of Kobani and one east of Ras al-Ain": a few events
    told one by one are that many events, each at the word that opens its part (the places after
    it are its own). Only when the parts are as many as the count."""
    first = w.each_first.match(text, t.end, t.end + 12)
    if first is None:
        # "two joint patrols on Tuesday, one near Derbasiye ...": a date or place between, then a comma
        first = w.each_after.search(text, t.end, _sentence_end(text, t.end, EACH_REACH))
    if first is None:
        return []
    end = _sentence_end(text, first.end())
    parts = [first, *w.each_next.finditer(text, first.end(), end)]
    if len(parts) != value:
        return []
    return [Trigger(p.end() - len(p.group(0).split()[-1]), p.end(), t.type, t.surface, apart=True) for p in parts]


_STOP = re.compile(r"[.;!?\n]")
_CLAUSE_PUNCT = re.compile(r"[,;:()—–]")  # what sets a phrase off within a sentence


PRONOUN_REACH = 30  # "They have since been suspended": how far after the pronoun its verb stands


def _pronoun_base(
    text: str, a: int, b: int, modifiers: Sequence[Trigger], before: frozenset[str], vocab: Vocabulary, w: Words | None
) -> list[Trigger]:
    """ "Joint patrols began in 2019. They were suspended in October 2023": the pronoun that opens
    a sentence with no event word of its own stands for the events of the sentence before (of the
    families ``before``), as the base its first modifier modifies; it is no event itself."""
    pronoun = w.event_pronoun.match(text, a, b) if w is not None and before and modifiers else None
    if pronoun is None:
        return []
    first = min(modifiers, key=lambda m: m.start)
    base = vocab.get(first.type).modifies
    if base not in before or first.start - pronoun.end(1) > PRONOUN_REACH:
        return []
    return [Trigger(pronoun.start(1), pronoun.end(1), base or "", pronoun.group(1))]


def _sentence_end(text: str, i: int, reach: int = 300) -> int:
    stop = _STOP.search(text, i, i + reach)
    return stop.start() if stop else min(len(text), i + reach)


EACH_REACH = 60  # "two patrols <on Tuesday in the countryside>, one ...": how far the first part may start


# "held two joint patrols on Wednesday near Kobani": a few patrols of one day are that day's news,
# reported as one (a running total is of hundreds, "since" or "until" a month); not when the
# sentence names several towns ("one west of Kobani and one near Abu Rasin"): one report of two
# patrols far apart would join them.
DAY_COUNT = 4


def _apply_modifiers(
    text: str, found: list[Trigger], modifiers: Sequence[Trigger], vocab: Vocabulary, cl: Clauses, w: Words | None
) -> list[Trigger]:
    bases = list(found)
    kept = list(found)
    for mod in modifiers:
        et = vocab.get(mod.type)
        cands = [t for t in bases if t.type == et.modifies]
        if not cands:
            if mod.surface.lower() in et.absences and not found:
                kept.append(mod)  # "a further no-show at al-Darbasiyah the following Monday": the patrol's
            continue  # "resumed talks" is no resumption of patrols
        same = [t for t in cands if cl.same(t.start, mod.start)]
        if not same and _governs_other(mod, et.modifies or "", found, cl):
            continue  # "brokered to halt the Turkish invasion": it halts the invasion, not the patrols
        target = same or [min(cands, key=lambda t: abs(t.start - mod.start))]
        if mod.surface.lower() in et.series_only and not any(_plural(text, t, w) for t in target):
            continue  # "the patrol was stopped before the explosion": one patrol cut short
        kept = [t for t in kept if t not in same or (w is not None and _own_predicate(text, t, cl, w))]
        kept.append(mod)
    return _resumed_after_pause(text, kept, modifiers, vocab, cl, w)


def _own_predicate(text: str, t: Trigger, cl: Clauses, w: Words) -> bool:
    """ "The patrols, launched in March 2020, were halted in May": the apposition right after the
    patrol word is its own start, an event of its own that the halt does not consume."""
    after = cl.group_at(t.end + 3)
    group = cl.groups[after] if cl.groups else None
    if group is None or group.kind not in ("apposition", "relative") or not 0 < group.start - t.end <= 3:
        return False
    end = next((p.end for p in cl.pieces if p.group == after), group.start)
    return w.series_start.search(text, group.start, end) is not None


def _lineage(cl: Clauses, g: int) -> tuple[int, ...]:
    """A clause group and the groups it hangs on, innermost first."""
    out: list[int] = []
    while g >= 0 and g not in out and cl.groups:
        out.append(g)
        g = cl.groups[g].parent
    return tuple(out)


def _resumed_after_pause(
    text: str, kept: list[Trigger], modifiers: Sequence[Trigger], vocab: Vocabulary, cl: Clauses, w: Words | None
) -> list[Trigger]:
    """ "carried out a joint patrol ..., after the patrols were suspended" / "after a two-week
    pause": a patrol of the main clause after a stop is the resumption."""
    resumed = next((t.name for t in vocab.types if t.modifies and vocab.family(t.name) == t.modifies), None)
    if resumed is None or w is None:
        return kept
    # a stop, not a no-show: a patrol done after the other side stayed away resumes nothing
    stops = [
        m
        for m in modifiers
        if m.type != resumed and vocab.get(m.type).modifies and m.surface.lower() not in vocab.get(m.type).absences
    ]
    out = []
    for t in kept:
        g = cl.group_at(t.start)
        # the clause of the patrol or one it hangs on ("reported that they carried out a patrol, after
        # the patrols were suspended": a comma ends the "that" clause)
        lineage = _lineage(cl, g)
        if t.type == vocab.get(resumed).modifies and any(
            x > t.start
            and cl.group_at(x) != g  # "after the first patrol was cut short": the stop's own patrol
            and cl.groups[cl.group_at(x)].parent in lineage
            and cl.kind_at(x) == "subordinate"
            and cl.opener_of(x) in w.after_words
            for x in [
                *(m.start for m in stops),
                *(m.start() for m in w.interruption.finditer(text, t.end, t.end + 160)),
                *(m.end() - 1 for m in w.long_pause.finditer(text, t.end, t.end + 160)),
            ]
        ):
            t = replace(t, type=resumed)
        out.append(t)
    return out


def _object_elsewhere(mod: Trigger, found: Sequence[Trigger], vocab: Vocabulary, w: Words | None) -> bool:
    """ "after US forces withdrew from the town": a stop that ends in its preposition ("withdrew
    from", "pulled out of") stops what comes right after it; unless that is the patrols, it stops
    no patrol."""
    if w is None or mod.surface.lower().rsplit(None, 1)[-1] not in w.object_prepositions:
        return False
    base = vocab.get(mod.type).modifies
    return not any(t.type == base and 0 <= t.start - mod.end <= OBJECT_REACH for t in found)


# "withdrew from the joint Turkish-Russian patrols": how far after the preposition its object starts
OBJECT_REACH = 40


def _governs_other(mod: Trigger, base: str, found: Sequence[Trigger], cl: Clauses) -> bool:
    """Whether an event word of another type follows the modifier closely in its clause: its object."""
    return any(t.type != base and 0 <= t.start - mod.end <= 30 and cl.same(t.start, mod.start) for t in found)


def _plural(text: str, t: Trigger, w: Words | None) -> bool:
    """ "the patrols", "joint patrolling", "patrol activities": the series, not one patrol."""
    low = t.surface.lower()
    if low.endswith(("s", "ing")):
        return True
    nxt = re.match(r"\s{1,3}([A-Za-z]{1,20})", text[t.end : t.end + 24])
    return bool(w and nxt and nxt.group(1).lower() in w.plural_heads)


def _gap(a0: int, a1: int, b0: int, b1: int) -> int:
    if a1 <= b0:
        return b0 - a1
    if b1 <= a0:
        return a0 - b1
    return 0


def _nearest(span: tuple[int, int], triggers: Sequence[Trigger], text: str, w: Words, *, after_bonus: int = 0) -> int:
    """Index of the trigger a date or place belongs to: the closest, within its clause if possible."""
    best, best_cost = 0, 10**9
    near = [i for i, t in enumerate(triggers) if _gap(span[0], span[1], t.start, t.end) <= NEAR_CHARS]
    for i in near or range(len(triggers)):
        t = triggers[i]
        cost = _gap(span[0], span[1], t.start, t.end)
        lo, hi = sorted((min(span[1], t.end), max(span[0], t.start)))
        cost += 25 * len(w.clause_break.findall(text[lo:hi][:500]))
        cost += 60 * sum(1 for o in triggers if o is not t and lo <= o.start < hi and o.type != t.type)
        if _given_after(span, t, text, w):
            cost += 200  # "began on March 15 under an agreement reached ...": the agreement is a given
        if span[1] <= t.start and w.conjunct.search(text, span[1], t.start):
            cost += 25  # "Olive Branch in Afrin in 2018 and Operation Peace Spring": 2018 ends its conjunct
        if span[0] >= t.end:
            cost -= after_bonus
            if not after_bonus and span[0] - t.end <= 80 and not _CLAUSE_PUNCT.search(text, t.end, span[0]):
                cost //= 3  # "the agreement reached in Sochi on October 22": one phrase
        if cost < best_cost:
            best, best_cost = i, cost
    return best


_SENTENCE_BREAK = re.compile(r"[.;]")


def is_report_date(text: str, tx: Timex, vocab: Vocabulary, floor: int, w: Words | None = None) -> bool:
    """A date right after "said"/"statement ... on": when the claim was made; "a statement released
    by the Turkish Ministry of Defense on Tuesday" too."""
    if vocab.reporting.match(tx.text):
        return True  # "said Friday": the weekday's expression holds the verb
    before = text[max(floor, tx.start - 80) : tx.start]
    last = [*vocab.reporting.finditer(before)][-1:]
    if not last:
        return False
    gap = before[last[0].end() :]
    words = gap.split()
    limit = 9 if w is not None and words and words[0].lower() in w.report_participles else 5
    # "it said had come from Syria, and days later ...": a clause of its own begins after the claim
    breaks = w.report_gap_break if w is not None else _SENTENCE_BREAK
    return len(words) <= limit and not breaks.search(gap)


def _claimant(sentence: str, vocab: Vocabulary, w: Words) -> str | None:
    """Who makes the claim: a source named with a reporting verb ("the SOHR reported", "according to
    the Turkish Defence Ministry"), not any organisation the sentence names."""
    for name, pat in vocab.claimants:
        for m in pat.finditer(sentence):
            before = sentence[max(0, m.start() - 25) : m.start()].lower()
            after = sentence[m.end() : m.end() + 40]
            if (
                any(cue in before for cue in w.before_source)
                or vocab.reporting.match(re.sub(r"^(?:['’]s)?\s*(?:\w+\s+){0,2}?", "", after, count=1))
                or vocab.reporting.search(after[:25])
            ):
                return name
    return None


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


def _figures_for(type_: str, figures: tuple[tuple[str, float], ...]) -> tuple[tuple[str, float], ...]:
    """A count of patrols ("344 patrols until October") describes the series, not one patrol."""
    if type_ in ("patrol", "patrol_resumed"):
        return tuple(f for f in figures if f[0] != "patrols")
    return figures


def summary_line(
    type_label: str,
    ordinal: int | None,
    claimants: Sequence[str],
    figures: Sequence[tuple[str, float]],
    planned: bool,
    vocab: Vocabulary,
) -> str:
    """One line: what, which in the series, the figures, and who says so (the place has its own column)."""
    text = f"{type_label} no. {ordinal}" if ordinal else type_label
    figs = [f"{v:g} {label}" for k, v in figures if k != "per_side" and (label := vocab.figure_label(k))]
    if figs:
        text += ": " + ", ".join(figs)
    if claimants:
        text += " (per " + " and ".join(sorted(set(claimants))[:2]) + ")"
    return ("Planned: " + text) if planned else text


# --------------------------------------------------------------------------------------------
# Places of a sentence
# --------------------------------------------------------------------------------------------


def _place_rank(p: PlaceRef, kinds: PlaceKinds) -> tuple[int, int]:
    return (0 if p.resolved else 1, kinds.rank(p.kind))


def _dateline_end(text: str, a: int, b: int) -> int:
    """The end of a dateline's city opening a sentence: in capitals ("MOSCOW, November 1. /TASS/."),
    or before an agency in brackets ("Istanbul (dpa) -")."""
    m = _DATELINE.match(text, a, b)
    if m and m.group(0).strip().isupper() and len(m.group(0).strip()) >= 3:
        return min(b, m.end() + 1)
    m = _AGENCY_DATELINE.match(text, a, b)
    return min(b, m.end() + 1) if m else a


def _subheading(text: str, a: int, b: int) -> bool:
    """A whole sentence in capitals, of five words or more: a subheading, not a dateline."""
    sentence = text[a:b]
    return len(sentence.split()) >= 5 and sentence.upper() == sentence and any(c.isalpha() for c in sentence)


# "Staff and agencies in Beirut", "Martin Chulov in Beirut", "By Jane Roe in Istanbul": where the
# writer is, on a line of its own
_BYLINE = re.compile(
    r"(?:[Bb]y\s+)?(?:[Ss]taff(?:\s+and\s+agencies)?|[Aa]gencies|[A-Z][\w'’.-]{1,20}(?:\s+[A-Z][\w'’.-]{1,20}){0,3}"
    r"(?:\s+and\s+[A-Z][\w'’.-]{1,20}(?:\s+[A-Z][\w'’.-]{1,20}){0,3})?)\s+in\s+[A-Z][\w'’ -]{1,30}\s*"
)


def _byline(text: str, a: int, b: int) -> bool:
    """Whether the sentence is a byline line: a writer and the town the story was filed from."""
    if b - a > 80 or (a > 0 and text[a - 1] != "\n") or text[a:b].rstrip().endswith((".", "!", "?")):
        return False
    return _BYLINE.fullmatch(text, a, b) is not None


def _dateline_place(h: PlaceHit) -> bool:
    """ "ERBIL (Kurdistan 24) –", "MOSCOW, November 5.": where the story was filed, not where it happened."""
    letters = [c for c in h.surface if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _metonym(text: str, h: PlaceHit, w: Words) -> bool:
    """A capital that stands for its government ("Ankara-backed", "Moscow's support", "Ankara
    says") is an actor, not where something happened; so is it in a clock's zone ("18:00 Moscow
    time"). A line's "Moscow: Kurdish fighters have left" is what Moscow says; "Moscow: Additional
    Protocol" names the deal it was the venue of, and a date before it makes a chronology row."""
    if w.time_zone.match(text, h.end, h.end + 16):
        return True
    if w.metonym.match(text, h.end, h.end + 14):
        town = h.ref.kind in ("city", "town", "village")
        return not (town and w.possessed.match(text, h.end, h.end + 40))
    if h.ref.kind == "capital":
        if w.venue_noun.match(text, h.end, h.end + 30):
            return False  # "the Moscow summit"
        if text[h.end : h.end + 1] == ":":
            # a chronology row's place after its date ("17 October  Ankara: ... sign an agreement");
            # what a capital says when it opens the line ("Moscow: Kurdish fighters have left")
            opens_line = text[text.rfind("\n", 0, h.start) + 1 : h.start].strip() == ""
            return opens_line and w.venue_noun.match(text, h.end + 1, h.end + 31) is None
        return w.locative.search(text[max(0, h.start - 30) : h.start]) is None
    return False


def _series_start(text: str, a: int, t: Trigger, hits: Sequence[PlaceHit], w: Words, kinds: PlaceKinds) -> bool:
    """ "Turkey and Russia began joint patrolling in northeastern Syria on November 1" starts the
    series; "joint patrols have begun in the Kobani region" only starts them there."""
    window = text[max(a, t.start - 40) : t.end + 40]
    if not w.series_start.search(window):
        return False
    return not any(t.start - 40 <= h.start <= t.end + 60 and kinds.is_point(h.ref.kind) for h in hits)


def _local_ordinal(text: str, at: int, hits: Sequence[PlaceHit], w: Words) -> bool:
    """ "The first joint patrol (to be conducted) in Kobani" counts patrols there, not the series;
    "the first patrol took place in the area of Qamishli" is the series' first."""
    for h in hits:
        if at <= h.start <= at + 110 and h.ref.kind in ("town", "city", "village"):
            gap = text[at : h.start]
            if w.local.search(gap) and not w.finite_verb.search(gap):
                return True
    return False


def _operation_keys(sentence: str, hits: Sequence[PlaceHit], w: Words, named: Sequence[str] = ()) -> list[str]:
    """A named operation, whether the sentence names it, its event word is its name ("Claw-Sword,
    launched on ..."), or a zone is named after it ("the Operation Peace Spring area"): the same key
    lets reports of one operation find each other."""
    names = [m.group(1) or m.group(2) for m in w.operation.finditer(sentence)] + list(named)
    names += [h.ref.name for h in hits if h.ref.kind == "zone" and w.operation_word.match(h.ref.name)]
    keys = []
    for name in names:
        low = " ".join(w.operation_word.sub("", name).lower().split())
        low = w.operation_aliases.get(low, low)  # "Spring of Peace", a translation's word order
        parts = [p for p in low.split() if p not in w.operation_ends]
        if parts:
            keys.append("op:" + " ".join(parts[:2]))
    return sorted(set(keys))


def _own_name(text: str, trig: Trigger, vocab: Vocabulary, w: Words) -> str | None:
    """The name an event word is or opens ("Peace Spring", "Operation Olive Branch"), as its key."""
    if vocab.is_event_name(trig.surface):
        keys = _operation_keys("", (), w, [trig.surface])
    elif (m := w.operation.match(text, trig.start)) is not None:
        keys = _operation_keys(m.group(0), (), w)
    else:
        return None
    return keys[0] if keys else None


# --------------------------------------------------------------------------------------------
# One sentence
# --------------------------------------------------------------------------------------------


@dataclass
class _Sentence:
    """What a sentence's triggers share: its span, dates, places and words."""

    a: int
    b: int
    body: int
    triggers: list[Trigger]
    hits: list[PlaceHit]
    dated: dict[int, list[Timex]]
    reports: list[Timex]
    placed: dict[int, list[PlaceHit]]
    before: list[PlaceHit]
    anaphoric: bool
    clauses: Clauses
    # Dates of a subordinate clause with no event word of its own ("killed in Afrin after coming
    # under fire in December"): the main clause's event takes them only when it has none.
    weak: dict[int, list[Timex]] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)  # the role of each place, by its start
    # the places the sentence is about ("a ceasefire in Manbij"): no event's, but a deal's own
    topics: list[PlaceHit] = field(default_factory=list)
    first_since: re.Pattern[str] = re.compile(r"(?!)")  # "the first (...) since" before a date


def _sentence_places(text: str, hits: Sequence[PlaceHit], body: int, b: int, w: Words) -> list[PlaceHit]:
    subheading = _subheading(text, body, b)
    return [
        h
        for h in hits
        if body <= h.start
        and h.end <= b
        and h.ref.kind != "country"
        and not _metonym(text, h, w)
        and not w.excluded.search(text, max(body, h.start - 50), h.start)
        and not _possessor(text, h, hits)
        and (subheading or not _dateline_place(h))
    ]


def _possessor(text: str, h: PlaceHit, hits: Sequence[PlaceHit]) -> bool:
    """ "Idlib's M4 highway": the possessor of a place the gazetteer knows only describes it (the
    possessed is the place); of one it does not ("Istanbul's Istiklal Avenue") it is the place."""
    if text[h.end : h.end + 2] not in ("'s", "’s"):
        return False
    return any(o.ref.resolved and 0 < o.start - h.end <= 4 for o in hits)


def _share_out(text: str, s: _Sentence, timexes: Sequence[Timex], vocab: Vocabulary, w: Words) -> None:
    """Each date of the sentence goes to the event word of its own clause (a relative clause or an
    apposition without one dates the noun it follows); a report date ("said on Friday") to none;
    then an event word without a date shares one of its own clause or of the clause it hangs on.
    Places go to the nearest event word, then are shared within the clause."""
    # "the Sochi memorandum of October 2019": a date after "of" right after an event word is that
    # word's own, and the word takes no other date of its clause ("... since November 1, 2019")
    attached = {
        tx.start: i for tx in timexes for i, t in enumerate(s.triggers) if _OF_DATE.fullmatch(text, t.end, tx.start)
    }
    # "under an Oct 22 deal": a date between a determiner and an event word is that word's
    # attribute, its alone (no other event word of the clause shares it)
    attributes = {
        tx.start: i
        for tx in timexes
        if w.attributive.search(text, max(s.a, tx.start - 8), tx.start)
        for i, t in enumerate(s.triggers)
        if 0 <= t.start - tx.end <= 3 and not text[tx.end : t.start].strip()
    }
    attached |= attributes
    others: list[Timex] = []  # dates of a clause about another noun: no event word's
    uncued = _uncued(text, s, vocab)
    for tx in timexes:
        if is_report_date(text, tx, vocab, s.a, w):
            s.reports.append(tx)
            continue
        if (
            _about_other(text, tx.start, s, vocab)
            or _date_of_untold(text, tx, s, uncued)
            or _in_what_it_follows(text, tx, s, w)
            or _possessive_of_other(text, tx, s)
        ):
            others.append(tx)
            continue
        if tx.start in attached:
            s.dated.setdefault(attached[tx.start], []).append(tx)
            continue
        owner = _date_owner(text, (tx.start, tx.end), s, w, frozenset(attached.values()))
        if owner is not None:
            s.dated.setdefault(owner, []).append(tx)
            main = _day_of_clause(text, tx, s, owner)
            if main is not None:
                s.dated.setdefault(main, []).append(tx)
        elif (weak := _weak_owner(text, (tx.start, tx.end), s, w)) is not None:
            s.weak.setdefault(weak, []).append(tx)
    owners: dict[int, int] = {}
    # a place of an event the sentence names but does not report: no event's, owned or shared
    untold = {id(h) for h in s.hits if _after_untold(text, h, s, uncued, w)}
    for k, h in enumerate(s.hits):
        owner = None if id(h) in untold else _place_owner(text, h, s, w, vocab)
        # "a patrol near the village of Urum al-Jawz, west of Ariha, was hit by a bomb": a landmark
        # that says where the place before it lies goes with that place, not to the nearest word
        if k and s.roles.get(h.start) == LANDMARK and (k - 1) in owners and _offset_of_previous(text, s.hits[k - 1], h):
            owner = owners[k - 1]
        if owner is not None:
            owners[k] = owner
            s.placed.setdefault(owner, []).append(h)
    _yield_other_years(text, s, w)
    dates = [t for t in timexes if t not in s.reports and t not in others and t.start not in attributes]
    _share_within_clause(text, s, s.dated, dates, vocab, w)
    _share_amid(text, s, dates, w)
    _share_from_parent(s, dates, vocab)
    _share_with_head(text, s, dates, vocab)
    _share_fronted(text, s, dates, vocab, w)
    venues = {id(h) for i, hs in s.placed.items() if vocab.get(s.triggers[i].type).venue for h in hs}
    kept = [h for h in s.hits if id(h) not in venues and id(h) not in untold]
    _share_within_clause(text, s, s.placed, kept, vocab, w, cross=True)


def _interruptions(text: str, s: _Sentence, vocab: Vocabulary) -> None:
    """ "The latest patrol, conducted last week, was the first of its kind since September 2023":
    the patrol resumed the series, and the date after "since" is when it was interrupted, not when
    the patrol took place. The patrol becomes a resumption and the interruption a suspension."""
    resumed, suspended = _patrol_modifier(vocab, resumes=True), _patrol_modifier(vocab, resumes=False)
    if resumed is None or suspended is None:
        return
    for i, t in list(enumerate(s.triggers)):
        if t.type != "patrol":
            continue
        for tx in list(s.dated.get(i, [])):
            lead = s.clauses.spans_before(tx.start, 70)
            if not lead or not s.first_since.search(text, lead[-1][0], tx.start):
                continue
            s.dated[i] = [d for d in s.dated[i] if d is not tx]
            s.triggers[i] = replace(t, type=resumed)
            s.triggers.append(Trigger(tx.start, tx.end, suspended, tx.text))
            s.dated[len(s.triggers) - 1] = [tx]
            break


def _yield_other_years(text: str, s: _Sentence, w: Words) -> None:
    """ "resumed on Monday under the terms of a 2019 agreement": the agreement's own words date it;
    a date of its clause outside that year belongs to the clause's other event word."""
    for i, t in enumerate(s.triggers):
        m = w.attributive_year.search(text, max(s.a, t.start - 60), t.start)
        if m is None or not s.dated.get(i):
            continue
        year = int(m.group(1))
        others = [j for j, o in enumerate(s.triggers) if j != i and s.clauses.same(o.start, t.start)]
        for tx in [x for x in s.dated[i] if not x.interval.start.year <= year <= x.interval.end.year]:
            s.dated[i].remove(tx)
            if others:
                j = min(others, key=lambda k: abs(s.triggers[k].start - tx.start))
                s.dated.setdefault(j, []).append(tx)


_CONTENT_OF = re.compile(r"\s{1,3}of\s{1,3}(?:[\w-]{1,20}\s{1,3}){0,3}")
_OF_DATE = re.compile(r"\s{1,3}(?:of|dated)\s{1,3}(?:the\s{1,3})?")


def _date_owner(
    text: str, span: tuple[int, int], s: _Sentence, w: Words, closed: frozenset[int] = frozenset()
) -> int | None:
    """The event word a date belongs to: the nearest of its clause; for a relative clause or an
    apposition without one, the noun it follows ("The latest patrol, conducted last week, ...");
    none for a subordinate clause without one ("after the ministry announced it on Sunday"). An
    event word whose date stands after "of" (``closed``) takes no other."""
    cl = s.clauses
    g = cl.group_at(span[0])
    same = [
        i
        for i, t in enumerate(s.triggers)
        if cl.group_at(t.start) == g and i not in closed and not _given_after(span, t, text, w)
    ]
    if len(same) > 1:
        same = _without_frames(text, span, s, same, w)
    if same:
        return same[_nearest(span, [s.triggers[i] for i in same], text, w)]
    group = cl.groups[g]
    if group.kind in ("relative", "apposition", "bracket"):
        before = [i for i, t in enumerate(s.triggers) if t.end <= group.start and cl.group_at(t.start) == group.parent]
        if before and group.start - s.triggers[before[-1]].end <= 60:
            return before[-1]
    if group.kind == "subordinate":
        return None
    return _nearest(span, s.triggers, text, w)


def _without_frames(text: str, span: tuple[int, int], s: _Sentence, same: list[int], w: Words) -> list[int]:
    """ "The first joint patrol under the Sochi memorandum was carried out today": a date after an
    event word that frames the one before it ("under", "in line with") and after the clause's
    verb is of what the clause tells, unless a participle of its own follows the framing word
    ("the patrol under the memorandum signed on 22 October")."""

    def frames(i: int) -> bool:
        t = s.triggers[i]
        return (
            t.end <= span[0]
            and w.given_before.search(text, max(0, t.start - 60), t.start) is not None
            and any(s.triggers[j].end <= t.start for j in same if j != i)
            and not w.done_after.match(text, t.end, span[0])
            # the clause's own verb again, its date after it ("... was carried out today"), not a
            # clause of the framing word's ("a memorandum the two presidents signed on 22 October")
            and w.auxiliary.search(text, t.end, span[0]) is not None
        )

    told = [i for i in same if not frames(i)]
    return told or same


_DAY_CLAUSE = re.compile(r"(?!['’]s\b)[^,.;:!?()\n]{3,80}?,")
_OPENING = re.compile(r"\W{0,3}(?:on\s{1,3})?$", re.IGNORECASE)


def _day_of_clause(text: str, tx: Timex, s: _Sentence, owner: int) -> int | None:
    """ "The same day the campaign began, a U.S. F-16 shot down a Turkish drone": a day that opens
    the sentence, told by a clause of its own up to a comma, is the day of the main clause's event
    too (its first event word after the comma), not only of the clause's."""
    if not _OPENING.fullmatch(text, s.a, tx.start):
        return None
    m = _DAY_CLAUSE.match(text, tx.end)
    t = s.triggers[owner]
    if m is None or not tx.end <= t.start < m.end():
        return None
    return next((i for i, o in enumerate(s.triggers) if o.start >= m.end()), None)


_BEFORE_DATE = re.compile(r"\s{1,3}(?:of\s{1,3}|on\s{1,3})?$")


_POSSESSIVE_S = re.compile(r"['’]s\b")
POSSESSED_REACH = 30  # "Monday's deadly earthquake": how far after the date its noun may start


def _possessive_of_other(text: str, tx: Timex, s: _Sentence) -> bool:
    """ "in the areas hit by Monday's earthquake": a date in the possessive is of the noun it
    governs; when that is no event word of the sentence, the date is no date of its events."""
    end = tx.end
    if text[end - 2 : end] not in ("'s", "’s"):
        m = _POSSESSIVE_S.match(text, end)
        if m is None:
            return False
        end = m.end()
    return not any(end <= t.start <= end + POSSESSED_REACH for t in s.triggers)


UNTOLD_REACH = 80  # "the attack on Sunday in front of the security directorate in Ankara": its phrase


def _uncued(text: str, s: _Sentence, vocab: Vocabulary) -> tuple[EventType, ...]:
    """The types whose conditional words the sentence gives no cue (an attack told without its
    casualties): asked once per sentence, not for each of its dates and places."""
    sentence = text[s.a : s.b]
    return tuple(et for et in vocab.types if et.triggers is not None and et.conditional and not et.cue_in(sentence))


def _untold_words(text: str, s: _Sentence, uncued: Sequence[EventType], lo: int, hi: int) -> list[re.Match[str]]:
    """Event words between ``lo`` and ``hi`` that the sentence does not make events: conditional
    words of the ``uncued`` types that no trigger took."""
    return [
        m
        for et in uncued
        if et.triggers is not None
        for m in et.triggers.finditer(text, lo, hi)
        if m.group(0).lower() in et.conditional and not any(t.start <= m.start() < t.end for t in s.triggers)
    ]


def _after_untold(text: str, h: PlaceHit, s: _Sentence, uncued: Sequence[EventType], w: Words) -> bool:
    """ "The air campaign follows the heinous attack on Sunday in front of the security directorate
    in Ankara": a place in the phrase of an event word the sentence does not make an event, named
    after what came before, is where that event was, not the campaign's place."""
    lo = max(s.a, h.start - UNTOLD_REACH)
    # a noun after "follows the", "after a" ("follows the heinous attack"), not the object of the
    # event's own verb ("the blast hit the convoy on the M4") nor a verb ("has been bombing Rojava")
    words = [
        m
        for m in _untold_words(text, s, uncued, lo, h.start)
        if w.noun_before.search(text, max(s.a, m.start() - 30), m.start())
    ]
    if not words:
        return False
    last = max(m.end() for m in words)
    return not any(last <= t.start < h.start for t in s.triggers) and _CLAUSE_PUNCT.search(text, last, h.start) is None


def _date_of_untold(text: str, tx: Timex, s: _Sentence, uncued: Sequence[EventType]) -> bool:
    """ "The air campaign follows the attack on Sunday in Ankara": a date right after an event word
    no trigger took (its sentence does not make it an event) is that event's, not the campaign's."""
    lo = max(s.a, tx.start - 40)
    gap = _BEFORE_DATE.search(text, lo, tx.start)
    if gap is None:
        return False
    if any(t.end == gap.start() for t in s.triggers):
        return False
    return any(m.end() == gap.start() for m in _untold_words(text, s, uncued, lo, gap.start()))


FOLLOWED_REACH = 160  # how far after "follows" a date is still in the phrase of what it follows


def _in_what_it_follows(text: str, tx: Timex, s: _Sentence, w: Words) -> bool:
    """ "The agreement follows the fall of the former government on 8 December": a date in the
    object of a follow verb, with no event word between them, is of what the event follows (an
    event no word of the sentence made), not of the event word before the verb."""
    lo = max(s.a, tx.start - FOLLOWED_REACH)
    verbs = list(w.follow_verb.finditer(text, lo, tx.start))
    if not verbs:
        return False
    v = verbs[-1]
    g = s.clauses.group_at(v.start())
    if s.clauses.group_at(tx.start) != g:
        return False
    before = any(t.end <= v.start() and s.clauses.group_at(t.start) == g for t in s.triggers)
    between = any(v.end() <= t.start < tx.start for t in s.triggers)
    return before and not between


def _about_other(text: str, at: int, s: _Sentence, vocab: Vocabulary) -> bool:
    """Whether ``at`` lies in a relative clause or an apposition with no event word that describes a
    noun after the last event word before it (``_describes_other``)."""
    cl = s.clauses
    g = cl.group_at(at)
    group = cl.groups[g] if cl.groups else None
    if (
        group is None
        or group.kind not in ("relative", "apposition")
        or any(cl.group_at(t.start) == g for t in s.triggers)
    ):
        return False
    before = [t for t in s.triggers if t.end <= group.start]
    return bool(before) and _describes_other(text, before[-1].end, group.start, s, vocab)


def _describes_other(text: str, after: int, start: int, s: _Sentence, vocab: Vocabulary | None) -> bool:
    """Whether a relative clause or an apposition opening at ``start`` describes a noun after the
    event word that ends at ``after``: a place ("around Kobani, the border town that became a symbol
    ... in 2014") or an event no trigger took ("revenge for the bomb that tore through ... a week
    ago"). Its dates and places are that noun's, not the event word's."""
    # the place and, set off after it, what it is ("Kobani, the border town that ..."); not "a patrol
    # west of Kobani that had been scheduled for Thursday", where the clause is the patrol's
    if any(
        after <= h.start and h.end <= start and start - h.end <= 30 and text[h.end : h.end + 1] == "," for h in s.hits
    ):
        return True
    if vocab is None or start - after < 3:
        return False
    lo = max(after, start - 30)
    return any(
        not _BESIDE.fullmatch(text, after, m.start())  # "Operation Spring Shield, launched on": one name
        for t in vocab.types
        if t.triggers is not None
        for m in t.triggers.finditer(text, lo, start)
    )


def _given_after(span: tuple[int, int], t: Trigger, text: str, w: Words) -> bool:
    """Whether the event word stands right after the date behind a word that names it as a given
    ("began on March 15 under an agreement")."""
    return t.start >= span[1] and t.start - span[1] <= 60 and w.given_after.match(text, span[1], t.start) is not None


_APPOSED = re.compile(r"\s{0,2}[,(]\s{0,3}(?:[\w-]+\s+){0,4}$")


def _offset_of_previous(text: str, prev: PlaceHit, h: PlaceHit) -> bool:
    """ "Urum al-Jawz, west of Ariha", "Tarnaba (5 km west of Saraqib)": the landmark is set off right
    after the place it locates."""
    return 0 <= h.start - prev.end <= 40 and _APPOSED.match(text, prev.end, h.start) is not None


def _place_owner(text: str, h: PlaceHit, s: _Sentence, w: Words, vocab: Vocabulary) -> int | None:
    """The event word a place belongs to: the nearest of its clause, else of the clause its clause
    hangs on, else the nearest ("the suspension ... a result of the killing ... in Idlib": Idlib is
    the killing's). None for the place of a cause the sentence does not report as an event of its
    own ("the campaign Ankara opened after a bombing in Istanbul": Istanbul is the bombing's)."""
    cl = s.clauses
    g = cl.group_at(h.start)
    if _cause_place(text, h, s, g, vocab) or _names_untold(text, h, s, vocab):
        return None
    for group in (g, cl.groups[g].parent):
        cands = [i for i, t in enumerate(s.triggers) if group >= 0 and cl.group_at(t.start) == group]
        if len(cands) > 1:  # "the patrol under the Sochi memorandum was carried out near Amuda"
            cands = _without_frames(text, (h.start, h.end), s, cands, w)
        if cands:
            return cands[_nearest((h.start, h.end), [s.triggers[i] for i in cands], text, w, after_bonus=10)]
    # "The village lies south of the M4, ... held since Operation Peace Spring": a place of a clause
    # with no event word is not that of an event named only for its time
    timed = [i for i, t in enumerate(s.triggers) if not w.time_anchor.search(text, max(s.a, t.start - 40), t.start)]
    if not timed:
        return None
    return timed[_nearest((h.start, h.end), [s.triggers[i] for i in timed], text, w, after_bonus=10)]


_GAP = re.compile(r"[\s'’s-]{1,3}")


def _names_untold(text: str, h: PlaceHit, s: _Sentence, vocab: Vocabulary) -> bool:
    """ "a week after the Istanbul bombing": a town right before an event word no trigger took names
    that event (where it was), not the one the sentence reports."""
    gap = _GAP.match(text, h.end)
    if gap is None or any(t.start == gap.end() for t in s.triggers):
        return False
    return any(t.triggers is not None and t.triggers.match(text, gap.end()) for t in vocab.types)


def _cause_place(text: str, h: PlaceHit, s: _Sentence, g: int, vocab: Vocabulary) -> bool:
    """A place of a subordinate clause that names an event of its own with a word no trigger of the
    sentence took (a conditional one: "after a bombing in Istanbul", "following an explosion in
    Ankara"): where that event was, not where the one the clause hangs on was."""
    group = s.clauses.groups[g] if g >= 0 else None
    if group is not None and group.kind == "relative" and not any(s.clauses.group_at(t.start) == g for t in s.triggers):
        # "revenge for the bomb that tore through a shopping street in Istanbul": the bomb's place
        before = [t for t in s.triggers if t.end <= group.start]
        if (
            before
            and _describes_other(text, before[-1].end, group.start, s, vocab)
            and not any(before[-1].end <= o.start and o.end <= group.start for o in s.hits)
        ):
            return True
    if group is None or group.kind != "subordinate":
        return False
    if any(s.clauses.group_at(t.start) == g for t in s.triggers):
        return False
    # talks are where the deal they led to was made ("agreed ... after talks in Moscow"): its venue
    return any(
        t.triggers is not None and t.venue_of is None and t.triggers.search(text, group.start, h.start)
        for t in vocab.types
    )


def _weak_owner(text: str, span: tuple[int, int], s: _Sentence, w: Words) -> int | None:
    """For a date of a subordinate clause without an event word: the nearest event word of the
    clause it hangs on; none when the clause tells what came before it ("The patrol comes after the
    army escalated its shelling last month": the patrol is not of last month)."""
    cl = s.clauses
    g = cl.group_at(span[0])
    if cl.groups[g].opener.lower() in w.after_words and w.comes_after.search(text, s.a, cl.groups[g].start):
        return None
    parent = cl.groups[cl.group_at(span[0])].parent
    cands = [i for i, t in enumerate(s.triggers) if cl.group_at(t.start) == parent]
    return cands[_nearest(span, [s.triggers[i] for i in cands], text, w)] if cands else None


def _background(s: _Sentence, i: int) -> bool:
    """An event word of a subordinate clause ("after the patrols were suspended", "prior to the
    suspension") reports background: it takes no date of the clause it hangs on, nor the article's."""
    return s.clauses.kind_at(s.triggers[i].start) == "subordinate"


def _news(s: _Sentence, i: int, vocab: Vocabulary) -> bool:
    t = s.triggers[i]
    return vocab.get(t.type).is_news(t.surface) and not _background(s, i)


def _share_within_clause(
    text: str,
    s: _Sentence,
    owned: dict[int, list[Any]],
    items: Sequence[Any],
    vocab: Vocabulary,
    w: Words,
    *,
    cross: bool = False,
) -> None:
    """A trigger with no date (or place) of its own shares one standing in its own clause:
    "residents attacked a patrol near Qamishli on July 19" dates and places the attack too. Only
    news events share dates: a background event named inside a news clause is not dated by it. A
    subordinate clause is read on its own ("after a bomb targeted a patrol near Ariha on 14 July":
    the bomb's date too), though it dates nothing of the clause it hangs on."""
    triggers, cl = s.triggers, s.clauses

    def own_news(j: int) -> bool:  # news of its own clause, which may be a subordinate one
        return vocab.get(triggers[j].type).is_news(triggers[j].surface)

    for i, t in enumerate(triggers):
        inside = not cross and _background(s, i) and own_news(i)
        if owned.get(i) or (not cross and not inside and not _news(s, i, vocab)):
            continue
        news = own_news if inside else (lambda j: _news(s, j, vocab))
        for item in sorted(items, key=lambda x: _gap(x.start, x.end, t.start, t.end)):
            if not cross and _attributive(text, item, t, triggers):
                continue  # "part of the 5 March agreement": the date is the agreement's alone
            lo, hi = (t.end, item.start) if item.start >= t.end else (item.end, t.start)
            crossed = any(o is not t and lo <= o.start < hi and not (cross or news(j)) for j, o in enumerate(triggers))
            same = cl.same(t.start, item.start) and not w.clause_break.search(text, lo, max(lo, hi))
            if hi - lo <= 120 and not crossed and same:
                owned[i] = [item]
                break
    # "two patrols on 9 September, one ... and one ...": the later parts share what the first has
    for i, t in enumerate(triggers):
        if t.apart and not owned.get(i) and i > 0 and triggers[i - 1].apart and owned.get(i - 1):
            owned[i] = owned[i - 1]


def _attributive(text: str, item: Any, t: Trigger, triggers: Sequence[Trigger]) -> bool:
    """Whether the date stands before another event word as its attribute ("the 5 March agreement",
    "the October 22 memorandum")."""
    return any(o is not t and 0 <= o.start - item.end <= 3 and not text[item.end : o.start].strip() for o in triggers)


# Clauses a sentence's opening date does not frame: what came before or is said of a noun, and asides.
NOT_FRAMED = frozenset({"subordinate", "relative"}) | frozenset({"quote", "bracket", "aside"})


def _share_fronted(text: str, s: _Sentence, dates: Sequence[Timex], vocab: Vocabulary, w: Words) -> None:
    """ "Last Friday, a convoy patrolling between two villages was attacked by angry people": a date
    that opens the sentence before a comma frames its main clause, so every news event word of that
    clause (and of the clauses hanging on it) without a date of its own takes it; not one of a
    subordinate clause ("after ...", "since ..."), which reports the background."""
    # "Last Friday, ...", and a dated line of a digest or a ticker ("• Tue 14 Jul — A bomb hit ...")
    opening = [d for d in dates if d.start - s.a <= 6 and text[d.end : d.end + 3].lstrip()[:1] in (",", "—", "–", ":")]
    if not opening:
        return
    tx, cl = opening[0], s.clauses
    if len([d for d in dates if cl.group_at(d.start) != cl.group_at(tx.start)]) > 0:
        return  # another clause has a date of its own: which clause each date frames is unclear
    # the dash after a line's date opens its text, not an aside
    after_dash = text[tx.end : tx.end + 3].lstrip()[:1] in ("—", "–")
    line = cl.group_at(min(s.b - 1, tx.end + 3)) if after_dash else -1
    for i, t in enumerate(s.triggers):
        if s.dated.get(i) or s.weak.get(i) or not _news(s, i, vocab):
            continue
        if cl.kind_at(t.start) in NOT_FRAMED and cl.group_at(t.start) != line:
            continue
        if w.known_before.search(text, max(s.a, t.start - 40), t.start):
            continue  # "in response to the Istanbul bomb attack": a known event named, from before
        s.dated[i] = [tx]


def _share_amid(text: str, s: _Sentence, dates: Sequence[Timex], w: Words) -> None:
    """ "The patrols had been suspended in October 2023 amid a Turkish air campaign": an event word
    after "amid" or "during" goes on at the time of its clause, background or not; it takes the
    date of the clause's dated event before it."""
    for i, t in enumerate(s.triggers):
        if s.dated.get(i) or not w.amid.search(text, max(s.a, t.start - 50), t.start):
            continue
        before = [j for j in range(i) if s.dated.get(j) and s.triggers[j].end <= t.start]
        if before:
            s.dated[i] = list(s.dated[before[-1]])


def _share_from_parent(s: _Sentence, dates: Sequence[Timex], vocab: Vocabulary) -> None:
    """A news event word of a "when" clause, a participle or a relative clause without a date of
    its own happened when the clause it hangs on did ("344 patrols until October last year, when
    they were suspended")."""
    cl = s.clauses
    for i, t in enumerate(s.triggers):
        if s.dated.get(i):
            continue
        g = cl.group_at(t.start)
        group = cl.groups[g]
        # "... until October last year, when they were suspended": the date the clause follows;
        # a background event's too ("the crisis of October 2019, when Turkey sent troops across")
        right_before = [d for d in dates if 0 <= group.start - d.end <= 3]
        news = _news(s, i, vocab)
        if group.kind in ("concurrent", "relative") and right_before and (news or group.kind == "concurrent"):
            s.dated[i] = right_before[-1:]
            continue
        if not news:
            continue
        if group.parent < 0 or group.kind not in ("concurrent", "participle", "relative", "coordinate"):
            continue
        mine = [d for d in dates if cl.group_at(d.start) == group.parent]
        if mine:
            s.dated[i] = [min(mine, key=lambda d: abs(d.start - t.start))]


HEAD_GAP = 3  # characters between an event word and the relative clause that tells of it


def _share_with_head(text: str, s: _Sentence, dates: Sequence[Timex], vocab: Vocabulary) -> None:
    """ "claimed the explosion that hit a joint patrol near Ariha last month": a relative clause
    right after an event word tells when that event happened, even when the date went to the
    clause's own event word (the patrol it hit); the event word before takes it too."""
    cl = s.clauses
    for i, t in enumerate(s.triggers):
        if s.dated.get(i) or not _news(s, i, vocab):
            continue
        g = cl.group_at(min(s.b - 1, t.end + HEAD_GAP + 1))
        group = cl.groups[g] if cl.groups else None
        if group is None or group.kind != "relative" or not 0 <= group.start - t.end <= HEAD_GAP:
            continue
        if text[t.end : group.start].strip():
            continue  # "the explosion, which ...": a comma tells no restriction
        mine = [d for d in dates if cl.group_at(d.start) == g]
        if len(mine) == 1:
            s.dated[i] = mine


def _coarseness(d: DateInterval) -> int:
    """Precision classes, so that a month is not preferred to another month for a day's length."""
    if d.precision == "day":
        return 0
    if d.days <= 10:
        return 1
    if d.days <= 31:
        return 2
    return 3 if d.days <= 366 else 4


def _date_for(
    own: Sequence[Timex], reports: Sequence[Timex], trig: Trigger, news: bool, published: DateInterval
) -> tuple[DateInterval, str, str, int]:
    """(date, where it came from, its words, the index of its timex or -1)."""
    if own:
        return own[0].interval, "text", own[0].text, own[0].index
    if news and reports:
        tx = min(reports, key=lambda t: abs(t.start - trig.start))
        ev = (*tx.interval.evidence, "the date of the statement: the clause has no date of its own")
        return replace(tx.interval, evidence=ev), "report", tx.text, tx.index
    if news:
        ev = (*published.evidence, "no date in the clause: the article's own time")
        return replace(published, evidence=ev, text=published.text), "published", "", -1
    end = max(published.end, EARLIEST)
    undated = DateInterval(EARLIEST, end, "unknown", "", ("no date in the clause: some time before the article",))
    return undated, "none", "", -1


def _attributive_year(text: str, s: _Sentence, trig: Trigger, w: Words) -> tuple[DateInterval, str, str, int] | None:
    """ "under the terms of a 2019 Russian-Turkish agreement": the year before the event word."""
    m = w.attributive_year.search(text, max(s.a, trig.start - 60), trig.start)
    if m and 1990 <= int(m.group(1)) <= 2100:
        y = int(m.group(1))
        why = f"'{m.group(1)}' before '{trig.surface}': the year of the {trig.surface}"
        return DateInterval(date(y, 1, 1), date(y, 12, 31), "year", m.group(1), (why,)), "text", m.group(1), -1
    return None


def _background_date(text: str, s: _Sentence, i: int, w: Words) -> tuple[DateInterval, str, str, int] | None:
    """An undated background event dated by its own words or by the event that ended it: "under
    the terms of a 2019 Russian-Turkish agreement" (a year before the noun); "reached a deal last
    October to end an eight-day offensive" (the deal's month: the offensive ran up to it)."""
    trig = s.triggers[i]
    own_year = _attributive_year(text, s, trig, w)
    if own_year is not None:
        return own_year
    # the nearest event word on either side that ended it (or that it ended)
    for j, other in sorted(enumerate(s.triggers), key=lambda jt: _gap(jt[1].start, jt[1].end, trig.start, trig.end)):
        dated = s.dated.get(j)
        if j == i or other.type == trig.type:
            continue
        # "a deal last October to end an offensive" dates the offensive; "the memorandum that ended
        # last autumn's offensive" the memorandum: the end comes in the month of the event it ends
        lo, hi = (other.end, trig.start) if other.end <= trig.start else (trig.end, other.start)
        if not 0 < hi - lo <= 150 or not w.ends_event.search(text, lo, hi):
            continue
        if not dated:
            # "since a 2019 deal that ended a Turkish offensive": the year of the deal, at the latest
            year = _attributive_year(text, s, other, w)
            if year is not None and other.end <= trig.start:
                iv, _, words, _ = year
                return (
                    replace(iv, evidence=(f"ended by the {other.surface} of {words}: that year at the latest",)),
                    "text",
                    words,
                    -1,
                )
            continue
        # the date the other word's own mention takes: its finest, the nearest of equals
        own = min(dated, key=lambda t: (_coarseness(t.interval), abs(t.start - other.start)))
        iv = own.interval
        # the date is the other clause's own ("last month"), so grounded again with it when other
        # sources date the article; a day is widened to its month, which is not that date
        index = -1 if iv.day is not None else own.index
        if iv.precision == "day":
            last = calendar.monthrange(iv.start.year, iv.start.month)[1]
            iv = replace(iv, start=iv.start.replace(day=1), end=iv.start.replace(day=last), precision="month")
            index = -1
        if other.end <= trig.start:
            why = f"ended by the {other.surface} of {own.text}: the same month at the latest"
        else:
            why = f"ended the {other.surface} of {own.text}: in the same month"
        return replace(iv, evidence=(*iv.evidence, why)), "text", own.text, index
    return None


def _solo_side(text: str, s: _Sentence, i: int, vocab: Vocabulary, w: Words) -> str | None:
    """The one army that carried out a patrol alone: named in its clause with "alone",
    "unilaterally" ("Russian military police patrolled the area alone"), or the only side a
    sentence without "joint" names ("a Russian patrol was confronted by locals")."""
    t = s.triggers[i]
    if t.type != "patrol":
        return None
    spans = [*s.clauses.spans_before(t.start, 120), s.clauses.span_after(t.end)]
    if any(w.solo.search(text, lo, hi) for lo, hi in spans):
        # the side its clause names first: the subject ("Russian military police patrolled ... alone")
        first = [
            (m.start(), name)
            for name, pat in vocab.actors
            if name.lower() in w.sides
            for lo, hi in spans
            if (m := pat.search(text, lo, hi)) is not None
        ]
        return min(first)[1] if first else None
    if w.joint.search(text, s.a, s.b):
        return None
    sides = {name for name, pat in vocab.actors if name.lower() in w.sides and pat.search(text, s.a, s.b)}
    return sides.pop() if len(sides) == 1 else None


def _has_day(tx: Timex | None) -> bool:
    """An announcement's own day: "today", "on Friday", "on November 1": an expression of one day,
    however wide its grounding when the article's own day is uncertain."""
    if tx is None:
        return False
    if tx.kind == "weekday" or tx.interval.day is not None:
        return True
    if tx.kind in ("absolute", "partial"):
        return tx.interval.precision == "day"
    return tx.kind == "relative" and tx.interval.precision in ("day", "days") and tx.interval.days <= 7


def _ordinal_of(text: str, trig: Trigger, ordinals: Sequence[Ordinal], s: _Sentence, w: Words) -> int | None:
    noun = "patrol" if trig.type.startswith("patrol") else "attack" if trig.type == "attack" else None
    ordinals = [o for o in ordinals if o.noun == noun]
    if not ordinals:
        return None
    om = min(ordinals, key=lambda o: abs(o.start - trig.start))
    # Only the first few are counted place by place ("the first joint patrol in Kobani");
    # "the 100th joint patrol in the countryside of X" is the series' hundredth.
    local = om.value <= 3 and _local_ordinal(text, om.end, s.hits, w)
    return om.value if abs(om.start - trig.start) < 80 and not local else None


# The kinds of place a deal is made in or named by (not a province, a road or a region)
DEAL_TOWN_KINDS = ("city", "capital", "town", "village")
_DEAL_FOR = re.compile(r"\s{1,3}(?:in|for|on|over)\s{1,3}(?:the\s{1,3})?", re.IGNORECASE)


VENUE_CUE_CHARS = 60  # how far before a town "signed ... in" may start


def _signed_in(text: str, h: PlaceHit, w: Words, lo: int = 0) -> bool:
    """ "signed in Moscow": the town is where the deal was made (the cue after ``lo``)."""
    return bool(w.venue_in.search(text, max(lo, h.start - VENUE_CUE_CHARS), h.start))


def _names_deal(text: str, h: PlaceHit, trig: Trigger) -> bool:
    """ "the Sochi memorandum": the town the deal is named by, right before its word."""
    return h.end <= trig.start and _SPACE.fullmatch(text, h.end, trig.start) is not None


def _trigger_places(trig: Trigger, i: int, s: _Sentence, ctx: _Context, venue: bool = False) -> list[PlaceHit]:
    """The places of an event word, those of the best role only: where it happened ("the village of
    Gharib") before a landmark of an offset ("15 km east of Kobani"), which is a fallback."""
    kinds = ctx.kn.kinds

    def role(h: PlaceHit) -> int:
        return RANK.get(s.roles.get(h.start, "event"), 0)

    def subject(h: PlaceHit) -> bool:
        return bool(ctx.w.subject_of.search(ctx.text, max(0, h.start - 16), h.start))

    def made_in(h: PlaceHit) -> bool:
        return _signed_in(ctx.text, h, ctx.w)

    def named(h: PlaceHit) -> bool:
        return _names_deal(ctx.text, h, trig)

    p_hits = sorted(s.placed.get(i, []), key=lambda h: (role(h), _place_rank(h.ref, kinds), abs(h.start - trig.start)))
    if not venue:
        # "completed hours before the 150-hour period set in Sochi ran out", "a guarantor of the
        # Astana process": the town is the deal's, or the name of a format, not where this happened
        p_hits = [
            h
            for h in p_hits
            if not ctx.w.deal_in.search(ctx.text, max(0, h.start - 30), h.start)
            and not ctx.w.venue_noun.match(ctx.text, h.end, h.end + 30)
        ]
    else:
        # Where an agreement was reached: a town named after the trigger ("agreed ... in Sochi"),
        # or before it as its name ("the Sochi accord"); what it is about ("on Idlib") only if no
        # other town is named.
        p_hits = sorted(
            (h for h in p_hits if h.ref.kind in DEAL_TOWN_KINDS),
            key=lambda h: (
                role(h),
                not made_in(h),
                not named(h),  # "the Sochi memorandum ..., which ... in Idlib": Sochi
                subject(h),
                h.start < trig.start,
                abs(h.start - trig.start),
            ),
        )
    if not p_hits and s.anaphoric and s.before:
        # "The territory was recaptured ... in 2019": the place of the sentence before.
        p_hits = sorted(s.before, key=lambda h: _place_rank(h.ref, kinds))
    if not p_hits:
        return []
    best = [h for h in p_hits if role(h) == role(p_hits[0])]
    if not any(kinds.is_point(h.ref.kind) for h in best):
        # "on the M4 highway a few miles west of Ain Issa": the landmark town says where on the road
        best += [h for h in p_hits if role(h) == RANK[LANDMARK] and kinds.is_point(h.ref.kind)]
    return best


@dataclass(frozen=True)
class _Context:
    """What every sentence of an article reads."""

    text: str
    published: DateInterval
    kn: Knowledge
    w: Words


def _mention(ctx: _Context, s: _Sentence, i: int, trig: Trigger, ordinals: Any, shared: dict[str, Any]) -> Mention:
    text, vocab, kinds, w = ctx.text, ctx.kn.vocabulary, ctx.kn.kinds, ctx.w
    et = vocab.get(trig.type)
    ordinal = _ordinal_of(text, trig, ordinals, s, w)
    own = sorted(
        s.dated.get(i) or s.weak.get(i, []), key=lambda t: (_coarseness(t.interval), abs(t.start - trig.start))
    )
    if ordinal and ordinal > 1:
        # "the 95th such joint patrol the two militaries have conducted since late 2019": the date
        # after "since" is where the count starts, not the day of the 95th ("the first patrol since
        # September" is another thing: the series resumed, interrupted since then)
        own = [t for t in own if not _series_base(text, t, s, w)]
    # "150 hours from midday Wednesday": the clock of a period the event sets, not its day
    own = [t for t in own if not w.period_start.search(text, max(s.a, t.start - 60), t.start)]
    # "cut short at that time": retold, so not of the article's time when the clause has no date
    news = _news(s, i, vocab) and not w.retold_time.search(text, s.body, s.b)
    date, date_from, date_text, timex = _date_for(own, s.reports, trig, news, ctx.published)
    if date_from == "none":
        found = _background_date(text, s, i, w)
        if found is not None:
            date, date_from, date_text, timex = found
    p_hits = _trigger_places(trig, i, s, ctx, et.venue)
    place = p_hits[0].ref if p_hits else (_deal_for(text, trig, s) if et.venue else None)
    mode = modality(text, trig.start, trig.end, s.clauses, vocab, ctx.kn.lexicon)
    if mode == DENIED and (stop := _none_since(text, trig, own, vocab, w, s.clauses)) is not None:
        # "have recorded no joint patrol since early October", "had seen no patrol since Sunday":
        # the patrols stopped then, a suspension of that date
        trig, et, mode = replace(trig, type=stop), vocab.get(stop), FACT
    announced = mode == ANNOUNCED and et.announced and date_from == "text" and _has_day(own[0] if own else None)
    # A habit ("are still running joint patrols") is no one event: kept out of the chronology.
    planned = mode in (PLANNED, DENIED, HABITUAL) or (mode == ANNOUNCED and not announced)
    keys = [f"ordinal:{ordinal}"] if ordinal else []
    if announced:
        keys.append("announced")
    label = et.label
    side = _solo_side(text, s, i, vocab, w)
    absence = next((t for t in s.triggers if t.surface.lower() in vocab.get(t.type).absences), None)
    if side and absence is not None:
        # "patrolled the area alone after their Turkish counterparts failed to show up": the
        # suspension, with the solo patrol's date and place
        trig, et = replace(trig, type=absence.type), vocab.get(absence.type)
        label = et.label
    elif side:
        keys.append(f"solo:{side}")  # one army's patrol: not the joint one
        label = w.solo_labels.get(side.lower(), label)
    # the places of the patrol itself: "under the Sochi agreement" names no place the series began at
    if not ordinal and trig.type == "patrol" and _series_start(text, s.a, trig, p_hits, w, kinds):
        keys.append("ordinal:1")  # "began joint patrols in northern Syria": the first patrol
    if trig.type == "military_operation":
        keys += _operation_keys(
            shared["sentence"], p_hits, w, [trig.surface] if vocab.is_event_name(trig.surface) else []
        )
    if et.venue and et.named:
        keys += _named_by_venue(text, trig, s.hits)
    figures = shared["figures"] if et.news else ()
    return Mention(
        type=trig.type,
        sentence=shared["sentence"],
        start=s.a,
        end=s.b,
        date=date,
        place=place,
        places=tuple(h.ref for h in p_hits),
        figures=_figures_for(trig.type, figures),
        ordinal=ordinal,
        actors=shared["actors"],
        claimant=shared["claimant"],
        planned=planned,
        summary=summary_line(
            label, ordinal, (shared["claimant"],) if shared["claimant"] else (), figures, planned, vocab
        ),
        keys=tuple(keys),
        date_from=date_from,
        date_text=date_text,
        place_text=place.surface if place else "",  # "" for a deal's town (_deal_for): not its words' place
        timex=timex,
    )


def _deal_for(text: str, trig: Trigger, s: _Sentence) -> PlaceRef | None:
    """ "A ceasefire in Manbij brokered by the US": a deal with no venue named takes the town it is
    for, named right after its word, as a place its words do not report (no ``place_text``): it
    weighs like a place inferred from the article, so the venue other reports give it ("agreed in
    Moscow on a ceasefire in Idlib") stays the event's place."""
    for h in s.topics:
        if h.ref.kind in DEAL_TOWN_KINDS and _DEAL_FOR.fullmatch(text, trig.end, h.start):
            return replace(h.ref, surface="")
    return None


VENUE_KEY = "venue:"  # the key of a deal named by its town, and the place id after it


def _named_by_venue(text: str, trig: Trigger, hits: Sequence[PlaceHit]) -> list[str]:
    """ "the 1998 Adana Agreement", "the Sochi memorandum": a deal named by its town. The key lets
    its reports find each other at any precision (a year, in two articles); dates still keep two
    deals of one town apart (the Sochi agreements of 2018 and 2019)."""
    return [
        f"{VENUE_KEY}{h.ref.place_id or h.ref.name}"
        for h in hits
        if h.end <= trig.start
        and _SPACE.fullmatch(text, h.end, trig.start)
        and h.ref.kind in ("town", "city", "capital")
    ][:1]


def _patrol_modifier(vocab: Vocabulary, *, resumes: bool) -> str | None:
    """The type that resumes the patrols (of their family) or the one that stops them (of its own)."""
    return next((t.name for t in vocab.types if t.modifies == "patrol" and (t.family == "patrol") == resumes), None)


def _none_since(
    text: str, trig: Trigger, own: Sequence[Timex], vocab: Vocabulary, w: Words, cl: Clauses | None = None
) -> str | None:
    """The stop type, when a denied patrol is denied since a date of its clause, or since an event
    a clause opened by "since" dates ("Since the strikes began a week ago, no joint patrol has been
    seen")."""
    if trig.type != "patrol" or not own:
        return None
    stop = _patrol_modifier(vocab, resumes=False)
    tx = own[0]
    # "since" before the date, or opening it ("since Sunday" is one expression)
    since = w.since_before.search(text, max(0, tx.start - 12), min(tx.end, tx.start + 8))
    # ... after the patrol word or opening the sentence ("Since early December, observers have
    # recorded no joint patrol")
    if stop and since and (tx.start > trig.end or not text[max(0, since.start() - 2) : since.start()].strip()):
        return stop
    group = cl.groups[cl.group_at(tx.start)] if cl is not None and cl.groups else None
    opened = group is not None and group.kind == "subordinate" and w.since_before.match(text, group.start)
    return stop if stop and opened else None


_GAP_REST = re.compile(r"[\s,]*and\s+(?:(?:and|the|,)\s*)*")


def _gapped(text: str, s: _Sentence, i: int) -> list[tuple[list[Timex], list[PlaceHit]]] | None:
    """ "occupied Efrîn in 2018 and Serêkaniyê and Girê Spî in 2019": a verb left out before the
    second conjunct (gapping) reports a second event, with the places and the date of its part."""
    own = sorted(s.dated.get(i, []), key=lambda x: x.start)
    t = s.triggers[i]
    if len(own) != 2 or own[0].start < t.end:
        return None
    a, b = own
    hits = [h for h in s.hits if a.end <= h.start and h.end <= b.start]
    if not hits or any(a.end <= o.start < b.start for o in s.triggers):
        return None
    rest, pos = [], a.end
    for h in hits:
        rest.append(text[pos : h.start])
        pos = h.end
    rest.append(text[pos : b.start])
    if not _GAP_REST.fullmatch(" ".join(rest)):
        return None
    first = [h for h in s.placed.get(i, []) if h.end <= a.start]
    return [([a], first), ([b], hits)]


def _per_date(text: str, s: _Sentence, i: int, vocab: Vocabulary) -> list[list[Timex]]:
    """One list of dates per event the word reports: "two patrols were conducted on July 22 and
    August 12", "On May 5 and May 7, respectively, the patrol ..." are two patrols, one per day."""
    own = s.dated.get(i, [])
    t = s.triggers[i]
    # a day whose year is still open ("May 5" in an article of no known date) is one day too
    one_day = [x for x in own if x.interval.precision == "day" or x.interval.day is not None]
    days = sorted(one_day, key=lambda x: x.start)
    if len(days) < 2 or "patrol" not in (vocab.family(t.type), vocab.get(t.type).modifies):
        return [own]
    joined = all(
        b.start - a.end <= 14 and re.fullmatch(r"[\s,]*(?:and\s+)?(?:on\s+)?", text[a.end : b.start])
        for a, b in itertools.pairwise(days)
    )
    several = _plural(text, t, None) or re.search(r"\brespectively\b", text[s.a : s.b], re.IGNORECASE)
    # "on 4 and 6 February": days listed one by one before their month, each a day of its own
    listed = all(x.text.isdigit() for x in days[:-1]) or all(
        x.kind == "weekday" for x in days
    )  # "on Tuesday and Thursday"
    return [[x] for x in days] if joined and (several or listed) else [own]


def _series_base(text: str, tx: Timex, s: _Sentence, w: Words) -> bool:
    """A date where the count of a numbered patrol starts: right after "since" ("the 95th patrol
    since late 2019") or in a clause "since" opens ("since these patrols started in late 2019")."""
    if w.series_base.search(text, max(s.a, tx.start - 12), tx.start):
        return True
    cl = s.clauses
    return cl.kind_at(tx.start) == "subordinate" and w.series_base.fullmatch(cl.opener_of(tx.start) + " ") is not None


def _since_cause(ctx: _Context, s: _Sentence, i: int, m: Mention, mentions: Sequence[Mention], before: int) -> Mention:
    """ "Russia has cancelled the patrols after the explosion", "Since the air operation, Turkey
    refused to conduct joint patrols": a stop with no date of its own began with the incident its
    clause names, which the article dated before (the explosion of yesterday morning, the operation
    of November 20). Only a stop: what follows its cause at once."""
    vocab, cl, w = ctx.kn.vocabulary, s.clauses, ctx.w
    et = vocab.get(m.type)
    if m.date_from not in ("published", "none") or not et.modifies or vocab.family(m.type) == et.modifies:
        return m
    for j, cause in enumerate(s.triggers):
        if j == i or cause.type == m.type or s.dated.get(j) or cl.kind_at(cause.start) != "subordinate":
            continue
        if cl.opener_of(cause.start) not in w.after_words:
            continue
        # the last report of the incident before this sentence (``mentions[:before]``), looked for
        # backwards: most stops find it in the sentences just before
        told = next(
            (
                e
                for e in reversed(mentions[max(0, before - 200) : before])
                if e.type == cause.type and e.date_from == "text" and not e.planned
            ),
            None,
        )
        if told is None:
            continue
        d = told.date
        why = f"began with the {cause.surface} it follows, dated {d.text or told.date_text} before in the article"
        date = replace(d, evidence=(*d.evidence, why))
        m = replace(m, date=date, date_from="text", date_text=told.date_text, timex=told.timex)
        return _without_places_of(m, ctx.text, cl, cl.group_at(cause.start))
    return m


def _without_places_of(m: Mention, text: str, cl: Clauses, g: int) -> Mention:
    """The mention without the places named in clause ``g`` and the clauses that hang on it
    ("after the explosion, which occurred near the town of Ariha": where the explosion was)."""
    # and a relative clause right after it, which says more of its last noun ("the explosion, which")
    end = max((p.end for p in cl.pieces if p.group == g), default=-10)
    heads = {g}
    for p in cl.pieces:
        opens = cl.groups[p.group].start >= p.start  # the clause's first piece
        if opens and cl.groups[p.group].kind == "relative" and 0 <= p.start - end <= 3:
            heads.add(p.group)
    spans = [(p.start, p.end) for p in cl.pieces if heads & set(_lineage(cl, p.group))]
    inside = " ".join(text[a:b] for a, b in spans)
    if not m.place_text or m.place_text not in inside:
        return m
    kept = tuple(p for p in m.places if p.surface not in inside)
    if not kept:
        return replace(m, place=None, places=(), place_text="")
    return replace(m, place=kept[0], places=kept, place_text=kept[0].surface)


def _sentence_mentions(ctx: _Context, s: _Sentence, mentions: list[Mention]) -> None:
    """The sentence's mentions, one per type unless the sentence dates two of them apart."""
    text, vocab = ctx.text, ctx.kn.vocabulary
    sentence = text[s.a : s.b]
    shared = {
        "sentence": sentence,
        "figures": figures_in(sentence, vocab, ctx.kn),
        "actors": tuple(name for name, pat in vocab.actors if pat.search(sentence)),
        "claimant": _claimant(sentence, vocab, ctx.w),
    }
    ordinals = find_ordinals(text, s.a, s.b, ctx.kn.lexicon)
    seen_types: dict[str, int] = {}
    seen_names: dict[str, str | None] = {}
    seen_venues: dict[str, str | None] = {}
    seen_triggers: dict[str, int] = {}
    background: set[int] = set()
    before = len(mentions)
    made: dict[int, int] = {}  # trigger -> its mention
    distanced = _set_apart(text, s, ctx.w)
    for i, trig in enumerate(s.triggers):
        parts: list[tuple[list[Timex], list[PlaceHit] | None]] = [(d, None) for d in _per_date(text, s, i, vocab)]
        for dates, places in _gapped(text, s, i) or parts:
            s.dated[i] = dates
            if places is not None:
                s.placed[i] = places
            mention = _since_cause(ctx, s, i, _mention(ctx, s, i, trig, ordinals, shared), mentions, before)
            name = _own_name(text, trig, vocab, ctx.w)
            venue = _venue_of(trig, s, ctx) if vocab.get(trig.type).venue else None
            if trig.type in seen_types and not trig.apart and i not in distanced:
                j = seen_types[trig.type]
                prev = mentions[j]
                numbered_apart = prev.ordinal and mention.ordinal and prev.ordinal != mention.ordinal
                same_date = prev.date_from != "text" or mention.date_from != "text" or prev.date == mention.date
                # "Operation Olive Branch in Afrin in 2018 and Operation Peace Spring ...": two names, two events
                named_apart = name is not None and seen_names.get(trig.type) not in (None, name)
                # "the protocol signed in Moscow on March 5 to the Sochi memorandum": two towns that
                # two deals were made in (or are named by) are two deals
                made_apart = venue is not None and seen_venues.get(trig.type) not in (None, venue)
                # "The Sochi memorandum replaces the pause that the Turks agreed with the Americans on
                # the 17th": a deal named by its town and another, in a clause of its own that dates it
                k = seen_triggers[trig.type]
                made_apart = made_apart or _named_and_dated_apart(k, i, (seen_venues.get(trig.type), venue), s)
                if same_date and not numbered_apart and not named_apart and not made_apart:
                    mentions[j] = _better(prev, mention, ctx.kn.kinds, vocab.get(trig.type).venue, ctx.w)
                    continue
            seen_types[trig.type] = len(mentions)
            seen_names[trig.type] = name
            seen_venues[trig.type] = venue
            seen_triggers[trig.type] = i
            if _background(s, i) and s.clauses.opener_of(trig.start) in ctx.w.causal:
                background.add(len(mentions))
            made.setdefault(i, len(mentions))
            mentions += _far_apart(mention, trig, text, ctx)
    _days_apart(text, s, made, mentions, ctx)
    _hours_after(text, s, made, mentions, ctx)
    first = len(mentions) - len(set(seen_types.values()))
    _borrow_places(mentions, first=first, vocab=vocab, background=frozenset(background))


def _named_and_dated_apart(k: int, i: int, venues: tuple[str | None, str | None], s: _Sentence) -> bool:
    """ "The Sochi memorandum replaces the pause that the Turks agreed with the Americans on the
    17th": of triggers ``k`` and ``i`` of one type, one is a deal named by its town with no date of
    its own, the other is dated in a relative clause of another deal's word, which comes after the
    named one (not "The Sochi memorandum, which they agreed on October 22, ...")."""
    if (venues[0] is None) == (venues[1] is None):
        return False
    named, dated = (k, i) if venues[0] is not None else (i, k)
    if s.dated.get(named) or not s.dated.get(dated):
        return False
    cl = s.clauses
    g = cl.groups[cl.group_at(s.triggers[dated].start)]
    if g.kind != "relative" or cl.group_at(s.triggers[named].start) == cl.group_at(s.triggers[dated].start):
        return False
    # the word the clause hangs on: a trigger of the type right before the clause's opener
    head = next(
        (
            t
            for t in reversed(s.triggers)
            if t.end <= g.start and g.start - t.end <= 3 and t.type == s.triggers[dated].type
        ),
        None,
    )
    return head is not None and head.start > s.triggers[named].end


VENUE_REACH = 60  # how far after a deal's word "signed in Moscow" still tells where it was made


def _venue_of(trig: Trigger, s: _Sentence, ctx: _Context) -> str | None:
    """The town a deal's word is named by ("the Sochi memorandum", "the Moscow protocol": a town
    abroad) or made in right after it ("the protocol signed in Moscow"), in the word's own clause;
    None if neither."""
    text, group = ctx.text, s.clauses.group_at(trig.start)
    for h in s.hits:
        if h.ref.place_id is None or h.ref.kind not in DEAL_TOWN_KINDS:
            continue
        if _names_deal(text, h, trig):
            if h.ref.country == ctx.kn.tuning.places.theatre:
                continue  # "the Idlib memorandum": what it is about
            return h.ref.place_id
        if (
            trig.end <= h.start <= trig.end + VENUE_REACH
            and s.clauses.group_at(h.start) == group
            and _signed_in(text, h, ctx.w, lo=trig.end)
        ):
            return h.ref.place_id
    return None


# "The patrols began on November 1. The second, on Nov. 5, went ...": how far (in characters) after
# a patrol an ordinal with no noun still stands for the next one
SUBJECT_REACH = 400


def _struck_where(mentions: list[Mention], first: int, kn: Knowledge) -> None:
    """ "An explosive device went off as a joint patrol was passing along the M4 west of Ayn Issa":
    an attack its sentence places on a road or in a region only happened where the patrol it struck
    was, when the sentence places that patrol at a town or village."""
    vocab, point = kn.vocabulary, kn.kinds.is_point
    patrols = [m for m in mentions[first:] if vocab.family(m.type) == "patrol" and m.place_text]
    towns = next((m.places for m in patrols if any(point(p.kind) for p in m.places)), ())
    if not towns:
        return
    for k in range(first, len(mentions)):
        m = mentions[k]
        if m.type == "attack" and m.place_text and not any(point(p.kind) for p in m.places):
            extra = tuple(p for p in towns if p not in m.places)
            mentions[k] = replace(m, places=m.places + extra)


def _with_ordinal_subjects(
    text: str,
    a: int,
    b: int,
    triggers: list[Trigger],
    blocked: Sequence[tuple[int, int]],
    timexes: Sequence[Timex],
    kn: Knowledge,
) -> list[Trigger]:
    """ "The second, on Nov. 5, went through villages", "while the 72nd took place in ...": an
    ordinal with no noun, where patrols are being told, is a patrol of its own."""
    taken = [*((t.start, t.end) for t in triggers), *blocked, *((x.start, x.end) for x in timexes)]
    extra = [
        Trigger(o.start, o.end, "patrol", "patrol")
        for o in ordinal_subjects(text, a, b, kn.lexicon)
        if not any(s <= o.start < e or o.start <= s < o.end for s, e in taken)
    ]
    return sorted([*triggers, *extra], key=lambda t: (t.start, t.type)) if extra else triggers


def _set_apart(text: str, s: _Sentence, w: Words) -> set[int]:
    """The event words right after "N weeks after" ("The attack came six weeks after a roadside bomb
    struck a patrol") of a type the sentence named before the words: another event of that type,
    not the same one told twice (``_days_apart`` then dates it from the first)."""
    out: set[int] = set()
    for m in w.days_apart.finditer(text, s.a, s.b):
        if (comma := _opening_offset(text, s, m)) is not None:
            # "Eight days before the full-route patrol, a roadside bomb hit the convoy": the convoy
            # of the main clause is another patrol than the one the opening phrase names
            named = {t.type for t in s.triggers if m.end() <= t.start < comma}
            out |= {i for i, t in enumerate(s.triggers) if t.type in named and t.start > comma}
            continue
        before = {t.type for t in s.triggers if t.end <= m.start()}
        out |= {i for i, t in enumerate(s.triggers) if t.type in before and 0 <= t.start - m.end() <= 80}
    return out


OPENING_REACH = 100  # how long "Eight days before the full-route patrol," may run to its comma


def _opening_offset(text: str, s: _Sentence, m: re.Match[str]) -> int | None:
    """The comma that ends "N days before/after <an event>," when the sentence opens with it."""
    if text[s.body : m.start()].strip():
        return None
    comma = text.find(",", m.end(), min(s.b, m.end() + OPENING_REACH))
    return comma if comma > 0 else None


def _days_apart(text: str, s: _Sentence, made: dict[int, int], mentions: list[Mention], ctx: _Context) -> None:
    """ "Russia put the patrols on hold, a day after a roadside bomb ...", "halted the patrols a day
    after the July 14 bombing": the event before "N days after" and the one right after it are N
    days apart; the one dated to a day dates the other, which had no date of its own."""
    for m in ctx.w.days_apart.finditer(text, s.a, s.b):
        n = ctx.kn.lexicon.number_value(m.group(1)) if m.group(1).lower() not in ("a", "one") else 1
        if n is None or not 0 < n <= 60:
            continue
        days = int(n) * (7 if m.group(2).lower().startswith("week") else 1)
        days = days if m.group(3).lower() == "after" else -days
        # the event right after the words, and those of its clause ("a day after a bomb hit a joint
        # patrol": the bomb and the patrol it hit)
        words = m.group(0).strip()
        if (comma := _opening_offset(text, s, m)) is not None:
            # "Eight days before the full-route patrol, a roadside bomb hit the convoy": the main
            # clause's events are so many days from the event the opening phrase names
            named = [i for i, t in enumerate(s.triggers) if i in made and m.end() <= t.start < comma]
            if named:
                _date_from_opening(
                    mentions, made[named[0]], [made[i] for i in made if s.triggers[i].start > comma], days, words
                )
            continue
        later = [i for i, t in enumerate(s.triggers) if i in made and 0 <= t.start - m.end() <= 80]
        earlier = [i for i, t in enumerate(s.triggers) if i in made and t.end <= m.start()]
        for k in later:
            if earlier:
                _date_apart(mentions, made[earlier[-1]], made[k], days, words)
            else:
                _date_before_words(mentions, made[k], text[s.a : m.start()], days, words)


_HOURS_AFTER = re.compile(r"\s{0,3}[\w\s]{0,12}?\bhours?\s{1,3}(?:after|before)\s", re.IGNORECASE)


def _hours_after(text: str, s: _Sentence, made: dict[int, int], mentions: list[Mention], ctx: _Context) -> None:
    """ "Hours after the strikes began, a US F-16 shot down a Turkish drone": a sentence that opens
    with "hours after" an event is of that event's day, when that event is dated to one and the
    main clause's event is not."""
    m = _HOURS_AFTER.match(text, s.body)
    if m is None or m.end() - s.body > 24:
        return
    comma = text.find(",", m.end(), s.b)
    if comma < 0:
        return
    ref = [made[i] for i, t in enumerate(s.triggers) if i in made and m.end() <= t.start < comma]
    main = [made[i] for i, t in enumerate(s.triggers) if i in made and t.start > comma]
    before = [k for k, x in enumerate(mentions) if x.end <= s.a]
    if ref:
        r = mentions[ref[0]]
        if r.date_from not in ("text", "report"):  # "the strikes": the last report of them with a day
            r = next(
                (
                    o
                    for o in reversed(mentions[: ref[0]])
                    if o.type == r.type and o.date_from == "text" and o.date.precision == "day"
                ),
                r,
            )
    elif before:
        r = mentions[before[-1]]  # "Hours after the strikes began" with no event word taken: the report before
    else:
        return
    if r.date.precision != "day" or r.date_from not in ("text", "report"):
        return
    for k in main:
        if mentions[k].date_from == "published":
            why = f"'{m.group(0).strip()}' {r.date_text or 'the event'}: the same day"
            _on_day(mentions, k, r.date.start, m.group(0).strip(), (*r.date.evidence, why))


def _date_before_words(mentions: list[Mention], other: int, before: str, days: int, words: str) -> None:
    """ "The ministry accused Ankara on Monday of failing to secure the road, a day after the first
    patrol was halted": no event before the words, but the clause's date (which the event after
    them took for its own): the event is that many days from it."""
    b = mentions[other]
    if b.date_from not in ("text", "report") or b.date.precision != "day" or not b.date_text:
        return
    if b.date_text not in before:
        return  # its date is its own, after the words ("a day after the patrol of March 15")
    day = b.date.start - timedelta(days=days)
    why = f"'{words}' {b.date_text}: {abs(days)} day(s) {'before' if days > 0 else 'after'} it"
    _on_day(mentions, other, day, words, (*b.date.evidence, why))


def _on_day(mentions: list[Mention], k: int, day: date, words: str, evidence: tuple[str, ...]) -> None:
    """Mention ``k`` dated to ``day`` by the words that set it apart from another ("a day after")."""
    if EARLIEST <= day <= LATEST:
        iv = DateInterval(day, day, "day", words, evidence)
        mentions[k] = replace(mentions[k], date=iv, date_from="text", date_text=words, timex=-1)


def _date_from_opening(mentions: list[Mention], ref: int, mains: Sequence[int], days: int, words: str) -> None:
    """ "Eight days before the full-route patrol, a roadside bomb hit the convoy": the event the
    opening phrase names is dated by its own words or is the one told before with a day ("On 22
    July, ... completed a patrol"); the main clause's events with no day of their own are so many
    days from it. The named event is never dated from them."""
    r = mentions[ref]
    if not (r.date_from == "text" and r.date.precision == "day"):
        r = _told_before(mentions, ref) or r
        if not (r.date_from == "text" and r.date.precision == "day"):
            return
    side = "after" if days > 0 else "before"
    why = f"'{words}' {r.date_text or 'the event'} ({r.date.start.isoformat()}): {abs(days)} day(s) {side} it"
    for k in dict.fromkeys(mains):
        x = mentions[k]
        if k != ref and (x.date_from in ("published", "none") or x.date.days > 31 or x.date == mentions[ref].date):
            _on_day(mentions, k, r.date.start + timedelta(days=days), words, (*r.date.evidence, why))


def _date_apart(mentions: list[Mention], main: int, other: int, days: int, words: str) -> None:
    a, b = mentions[main], mentions[other]

    def own_day(x: Mention) -> bool:
        return x.date_from == "text" and x.date.precision == "day"

    def loose(x: Mention) -> bool:
        return x.date_from in ("published", "none") or x.date.days > 31

    side = "after" if days > 0 else "before"
    if own_day(b) and loose(a):
        day, target = b.date.start + timedelta(days=days), main
        why = f"'{words}' {b.date_text or 'the event'}: {abs(days)} day(s) {side} it"
    elif (own_day(a) or (a.date_from in ("published", "report") and a.date.precision == "day")) and loose(b):
        told = _told_before(mentions, main) if a.date_from == "published" else None
        a = told or a  # "A blast hit a patrol on Tuesday. The attack came six weeks after ...": Tuesday's
        day, target = a.date.start - timedelta(days=days), other
        ref = a.date_text or "the article's day"
        why = f"'{words}' it: {abs(days)} day(s) {'before' if days > 0 else 'after'} {ref} ({a.date.start.isoformat()})"
    else:
        return
    _on_day(mentions, target, day, words, (*(mentions[other if target == main else main].date.evidence), why))


def _told_before(mentions: Sequence[Mention], k: int) -> Mention | None:
    """The report of the same type told last before mention ``k``, dated to a day by its own words:
    what "The attack came ..." with no date of its own goes on about."""
    m = mentions[k]
    for o in reversed(mentions[:k]):
        if o.type == m.type and o.start < m.start:
            return o if o.date_from == "text" and o.date.precision == "day" else None
    return None


def _far_apart(m: Mention, trig: Trigger, text: str, ctx: _Context) -> list[Mention]:
    """ "Joint patrols near Derbasiye and Kobani": events of a plural word at towns too far apart to
    be one event's (beyond the clustering's far_km) are one event at each; one report of them would
    join the two sectors' patrols."""
    points = {
        p: (p.lat, p.lon) for p in m.places if p.lat is not None and p.lon is not None and ctx.kn.kinds.is_point(p.kind)
    }
    et = ctx.kn.vocabulary.get(trig.type)
    if len(points) < 2 or et.venue or not et.news or not _plural(text, trig, ctx.w):
        # "agreements reached in Sochi" on the patrols near Derbisia: one agreement, its venue; "the
        # raids struck villages around Kobani and near Derik": one campaign's raids (a type not told
        # as news of its own day is no event a place makes two of)
        return [m]
    if max(distance_km(a, b) for a in points.values() for b in points.values()) <= ctx.kn.tuning.cluster.far_km:
        return [m]
    return [replace(m, place=p, places=(p,), place_text=p.surface) for p in points]


class _HasSpan(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_S = TypeVar("_S", bound=_HasSpan)


class _ByStart(Generic[_S]):
    """The article's dates or place hits looked up by where they start, so that each sentence reads
    only its own (scanning all of them for every sentence was quadratic in a long article). What it
    returns keeps the order of the list it was built from."""

    def __init__(self, items: Sequence[_S]) -> None:
        self.items = items
        self.order = sorted(range(len(items)), key=lambda i: items[i].start)
        self.starts = [items[i].start for i in self.order]
        self.in_order = self.order == list(range(len(items)))
        self.longest = max((it.end - it.start for it in items), default=0)

    def starting(self, a: int, b: int) -> list[_S]:
        """The items that start in [a, b]."""
        idx = self.order[bisect_left(self.starts, a) : bisect_right(self.starts, b)]
        return [self.items[i] for i in (idx if self.in_order else sorted(idx))]

    def within(self, a: int, b: int) -> list[_S]:
        """The items inside [a, b], as ``[x for x in items if a <= x.start and x.end <= b]``."""
        return [x for x in self.starting(a, b) if x.end <= b]

    def overlapping(self, a: int, b: int) -> list[_S]:
        """The items that may hold an offset of [a, b) (a superset: each is checked by the caller)."""
        return self.starting(a - self.longest, b)


_NO_CLAUSES = Clauses((), ())  # of a sentence that names no event and no place: never read


def extract(
    text: str,
    grounding: Grounding,
    hits: Sequence[PlaceHit],
    *,
    kn: Knowledge | None = None,
    sentences: Sentences | None = None,
) -> tuple[Mention, ...]:
    """The mentions of events ``text`` reports, its dates grounded (``grounding``) and its places
    found (``hits``)."""
    kn = kn or Knowledge.bundled()
    ctx = _Context(text, grounding.published, kn, words(kn.lexicon))
    vocab = kn.vocabulary
    mentions: list[Mention] = []
    place_spans = _ByStart([h for h in hits if h.ref.kind in ("zone", "road", "region")])
    hits_at, timexes_at = _ByStart(hits), _ByStart(grounding.timexes)
    prev_hits: list[PlaceHit] = []
    until: Timex | None = None
    told = -SUBJECT_REACH - 1  # where the last patrol was told
    told_types: frozenset[str] = frozenset()  # the families the sentence before tells of
    stamp: Timex | None = None  # the date line the text below stands under (a feed's post)
    spans = list(sentences or split(text, kn.lexicon))
    for k, (a, b) in enumerate(spans):
        body = _dateline_end(text, a, b)
        in_sentence = timexes_at.within(a, b)
        if _stamp_line(text, a, b, in_sentence):
            stamp = in_sentence[0]
            continue
        until, prev_until = _until_date(text, in_sentence, ctx.w), until
        s_hits = [] if _byline(text, a, b) else _sentence_places(text, hits_at.within(body, b), body, b, ctx.w)
        blocked = [(h.start, h.end) for h in place_spans.overlapping(body, b)]
        after = text[spans[k + 1][0] : min(spans[k + 1][1], spans[k + 1][0] + TOLL_CHARS)] if k + 1 < len(spans) else ""
        found, modifiers = trigger_words(
            text, body, b, vocab, blocked, ctx.w, in_sentence, partial(_names_known, kn), after=after
        )
        # most sentences of a long article name neither an event nor a place: no clauses to read
        cl = (
            segment(text, body, b, kn.lexicon, [t.start for t in in_sentence])
            if found or modifiers or s_hits
            else _NO_CLAUSES
        )
        role = roles(text, s_hits, cl, kn.lexicon)
        topics = [h for h in s_hits if role[h.start] == TOPIC]
        s_hits = [h for h in s_hits if role[h.start] in RANK]
        before, prev_hits = prev_hits, s_hits or prev_hits
        triggers = (
            _resolved(text, body, b, found, modifiers, vocab, cl, ctx.w, told_types) if found or modifiers else []
        )
        told_types = frozenset(vocab.family(t.type) for t in triggers)
        towns = len({h.ref.place_id or h.surface for h in s_hits if kn.kinds.is_point(h.ref.kind)})
        triggers = without_counts(text, body, triggers, cl, in_sentence, ctx.w, kn.lexicon, towns)
        if any(vocab.family(t.type) == "patrol" for t in triggers) or a - told <= SUBJECT_REACH:
            triggers = _with_ordinal_subjects(text, body, b, triggers, blocked, in_sentence, kn)
            if triggers and cl is _NO_CLAUSES:  # "The second, on Nov. 5, went through ...": read after all
                cl = segment(text, body, b, kn.lexicon, [t.start for t in in_sentence])
        if any(vocab.family(t.type) == "patrol" for t in triggers):
            told = b
        else:
            _carry_ordinal(mentions, text, a, b, kn)
        if not any(t.type == "attack" for t in triggers):
            _carry_attack_number(mentions, text, a, b, kn)
        if not triggers:
            _carry_figures(mentions, text[a:b], a, kn)
            _carry_date(mentions, text, a, in_sentence, s_hits, ctx)
            _carry_places(mentions, text[body:b], a, s_hits, ctx.w, vocab)
            continue
        # A duration ("after nearly a year of hiatus") says how long, not when the clause happened.
        timexes = [t for t in in_sentence if t.kind != "duration"]
        anaphoric = bool(ctx.w.anaphor.match(text, body, b) or ctx.w.anaphor_inside.search(text, body, b))
        s = _Sentence(
            a,
            b,
            body,
            triggers,
            s_hits,
            {},
            [],
            {},
            before,
            anaphoric,
            cl,
            roles=role,
            first_since=ctx.w.first_since,
            topics=topics,
        )
        _share_out(text, s, timexes, vocab, ctx.w)
        # "... under a deal struck in Sochi. The patrols have been targeted before": where a deal was
        # made is no place the next sentence's "the patrols" refers back to
        venues = {
            id(h)
            for i, hs in s.placed.items()
            if vocab.get(s.triggers[i].type).venue
            for h in hs
            # a town abroad ("struck in the Black Sea resort of Sochi"), not the region it is about
            if h.ref.country is not None and h.ref.country not in kn.gazetteer.matching.fuzzy_countries
        }
        if venues:
            prev_hits = [h for h in prev_hits if id(h) not in venues]
        _interruptions(text, s, vocab)
        first = len(mentions)
        _sentence_mentions(ctx, s, mentions)
        _struck_where(mentions, first, kn)
        if stamp is not None:
            _under_stamp(mentions, first, stamp)
        _numbered_anaphor(mentions, first, text, a, b, kn)
        if prev_until is not None and ctx.w.contrast.match(text, body, b):
            _date_by_contrast(mentions, first, prev_until, vocab)
    mentions = _series_told([_headline_dated(m, grounding) for m in mentions], vocab)
    mentions = [_anchored(m, text, grounding.published, kn) for m in mentions]
    mentions = _lead_news(mentions, grounding.published, vocab, ctx.w)
    mentions = _another_the_same_day(mentions, grounding, vocab, ctx.w)
    # A background event with no date cannot stand in a chronology.
    # a sentence's own date before the article's lead's: "14 Jul IED attack on a joint patrol"
    kept = _same_day([m for m in mentions if m.date_from != "none"], kn, ctx.w)
    kept = _inherit_main(kept, grounding.published, kn)
    return tuple(_article_place(_goes_on(kept, text, kn), kn, grounding.published))


# --------------------------------------------------------------------------------------------
# The article as a whole
# --------------------------------------------------------------------------------------------


_CLOCK_ONLY = re.compile(r"[\s,.|•·:–—-]*(?:\d{1,2}[:.]\d\d(?:\s?[AaPp]\.?[Mm]\.?)?)?[\s,.|•·:–—-]*")


def _stamp_line(text: str, a: int, b: int, timexes: Sequence[Timex]) -> bool:
    """A line that is only a day of a year (and maybe its clock): the date of a post of a feed,
    a timeline or a live page ("Sep 3, 2020" above a ministry's tweet)."""
    if len(timexes) != 1 or (a > 0 and text[a - 1] != "\n") or (b < len(text) and text[b : b + 1] not in ("\n", "")):
        return False
    tx = timexes[0]
    # a day of a known year: written in full, or a weekday and a day ("Wednesday, 14 April") that
    # only one year of the chronology's span has
    if tx.kind not in ("absolute", "partial") or tx.interval.precision != "day" or b - a > 60:
        return False
    return bool(_CLOCK_ONLY.fullmatch(text, a, tx.start) and _CLOCK_ONLY.fullmatch(text, tx.end, b))


def _under_stamp(mentions: list[Mention], first: int, stamp: Timex) -> None:
    """The news a feed's post tells without a date of its own is of the post's day."""
    for k in range(first, len(mentions)):
        m = mentions[k]
        if m.date_from == "published" and not m.planned:
            why = (*stamp.interval.evidence, f"the post's date line ('{stamp.text}')")
            mentions[k] = replace(
                m, date=replace(stamp.interval, evidence=why), date_from="text", date_text=stamp.text, timex=stamp.index
            )


def _until_date(text: str, timexes: Sequence[Timex], w: Words) -> Timex | None:
    """The last date of a sentence that ends a span ("Until Oct. 5, 2023, 344 patrols had been
    conducted")."""
    found = [
        t for t in timexes if w.until_before.search(text, max(0, t.start - 12), t.start) or w.until_before.match(t.text)
    ]
    return found[-1] if found else None


def _date_by_contrast(mentions: list[Mention], first: int, until: Timex, vocab: Vocabulary) -> None:
    """ "Until Oct. 5, 2023, 344 patrols had been conducted. However, patrol activities were halted":
    the stop, undated in its own sentence, came at the end of the span the sentence before gives."""
    for k in range(first, len(mentions)):
        m = mentions[k]
        if vocab.get(m.type).modifies and m.date_from in ("report", "published"):
            why = (*until.interval.evidence, f"the end of the span the sentence before gives ('{until.text}')")
            mentions[k] = replace(
                m, date=replace(until.interval, evidence=why), date_from="text", date_text=until.text, timex=until.index
            )


def _lead_news(mentions: list[Mention], published: DateInterval, vocab: Vocabulary, w: Words) -> list[Mention]:
    """ "Following the talks, the two leaders adopted a Memorandum of Understanding": the lead (the
    first sentence after the headline that tells an event) tells the article's own news, whatever
    its type. When none of its events has a date or a name and each is told as new ("a memorandum",
    not "discussed the offensive"), they are of the article's own time, as news would be; a lead
    with a dated or a news event keeps its background background."""
    body = [m for m in mentions if not _headline(m)]
    if not body:
        return mentions
    lead = min(body, key=lambda m: m.start)
    told = [k for k, m in enumerate(mentions) if m.sentence == lead.sentence and abs(m.start - lead.start) < 2000]
    if any(mentions[k].date_from != "none" or mentions[k].planned for k in told):
        return mentions
    if not all(_told_as_new(mentions[k], vocab, w) for k in told):
        return mentions
    ev = (*published.evidence, "the lead's own event: no date in it, so the article's own time")
    out = list(mentions)
    for k in told:
        out[k] = replace(out[k], date=replace(published, evidence=ev, text=published.text), date_from="published")
    return out


def _another_the_same_day(mentions: list[Mention], grounding: Grounding, vocab: Vocabulary, w: Words) -> list[Mention]:
    """ "Patrols follow the protocol agreed in Moscow on 5 March. On the same day, the two armies held
    another joint patrol near Kobani": one more event of the kind of the article's news ("another",
    "a separate", "also") on "the same day" is of the day of that news, the article's first event of
    its family dated by the text, not of the background day told last before it."""
    out = list(mentions)
    for i, m in enumerate(mentions):
        if m.date_from != "text" or m.planned or not 0 <= m.timex < len(grounding.tags):
            continue
        t = grounding.tags[m.timex]
        if not t.same_day or t.qual == "as":
            continue
        if not w.another_of_kind.search(m.sentence[:2000]):
            continue
        family = vocab.family(m.type)
        lead = next(
            (
                o
                for o in mentions
                if o.start < m.start
                and o.date_from in ("text", "report")
                and not o.planned
                and o.timex != m.timex
                and vocab.news(o.type)
                and vocab.family(o.type) == family
            ),
            None,
        )
        if lead is not None and (lead.date.start, lead.date.end) != (m.date.start, m.date.end):
            why = f"'{m.date_text}' of one more {m.type}: the day of the article's news ('{lead.date_text}')"
            # its own words stay its own (they are no second expression that dates both alike); the
            # news's expression is what grounds it again when the article's time is re-read
            out[i] = replace(m, date=replace(lead.date, evidence=(*lead.date.evidence, why)), timex=lead.timex)
    return out


def _told_as_new(m: Mention, vocab: Vocabulary, w: Words) -> bool:
    words = vocab.get(m.type).triggers
    sentence = m.sentence[:2000]
    return words is not None and any(
        w.new_referent.search(sentence, max(0, t.start() - 60), t.start())
        for t in words.finditer(sentence, 0, len(sentence))
    )


def _headline_dated(m: Mention, grounding: Grounding) -> Mention:
    """ "Russian-Turkish patrol in Northeast Syria | April 13th, 2020": a date in the headline, which
    the dates stage took for the article's own, dates the headline's event."""
    span = grounding.published_span
    pub = grounding.published
    if span is None or m.date_from not in ("published", "report") or pub.precision != "day":
        return m
    if not (m.start <= span[0] and span[1] <= m.end) or not _headline(m):
        return m
    why = (*pub.evidence, "the headline's own date")
    return replace(m, date=replace(pub, evidence=why), date_from="text", date_text=pub.text or "", timex=-1)


def _article_place(mentions: list[Mention], kn: Knowledge, published: DateInterval) -> list[Mention]:
    """A news event the article does not place happened, most likely, where the article's other
    news events did ("the first joint patrol on March 15" in an article about the M4 highway). The
    place is marked as inferred (no place_text, no places) and never used as evidence for merging."""
    vocab = kn.vocabulary
    counts: dict[str, int] = {}
    first: dict[str, PlaceRef] = {}
    news = [m for m in mentions if vocab.news(m.type) and not m.planned]
    # the places of the article's news of its lead's days, not of the background it retells ("units
    # entered Kobani the following day" of a deal weeks before), when the article's own time is
    # known (else which news is of its days is not): those of all its news if none
    lead = min(news, key=lambda m: m.start).date if news and published.days <= NEWS_DAYS else None
    of_lead = [m for m in news if lead is not None and m.date.start <= lead.end and lead.start <= m.date.end]
    # none of them placed: all its news, but what is dated only by the reference event it names, a
    # background told of another time ("halted on Thursday after a suicide attack in Ankara")
    placed_lead = any(_placed(m) for m in of_lead)
    for m in of_lead if placed_lead else [m for m in news if m.date_from != "text" or m.date_text or lead is None]:
        # "near the village of Ain Diwar in the Derik countryside": a village the gazetteer lacks
        # counts by the known place named with it
        ref = _placed(m)
        if ref is not None:
            counts[ref.name] = counts.get(ref.name, 0) + 1
            first.setdefault(ref.name, ref)
    if not counts:
        return mentions
    # a capital is where a statement is made or a bomb went off far from the patrol routes: the
    # article's news is placed there only when it names nowhere else
    top = max(counts, key=lambda n: (first[n].kind != "capital", counts[n], -list(first).index(n)))
    ref = first[top]
    return [
        replace(m, place=replace(ref, surface=""), places=(), place_text="")
        if m.place is None and vocab.news(m.type) and not m.planned
        else m
        for m in mentions
    ]


NEWS_DAYS = 3  # a publication interval this short is the article's known time


def _placed(m: Mention) -> PlaceRef | None:
    return next((r for r in (m.place, *m.places) if r is not None and r.resolved), None)


def _series_told(mentions: list[Mention], vocab: Vocabulary) -> list[Mention]:
    """ "Residents threw stones at a joint patrol earlier this week. The joint patrols were launched
    under the memorandum": the series' first patrol, with no date of its own, after the article has
    told its own patrol, is the series' history (background), not news of the article's time."""
    out: list[Mention] = []
    told = False  # a patrol of the article's own told before
    began = False  # the series' first patrol told before: the article's news is the series' start
    for m in mentions:  # in the text's order (their order is their keys': kept)
        patrol = vocab.family(m.type) == "patrol"
        first = m.ordinal == 1 or "ordinal:1" in m.keys
        if patrol and first and told and not began and m.date_from == "published" and not m.planned:
            m = replace(m, date_from="none")
        began = began or (patrol and first)
        # a resumption told first ("have resumed joint patrols ... Combined patrols have begun") makes
        # the series' start its news
        told = told or (m.type == "patrol" and not first and not m.planned)
        out.append(m)
    return out


WEEK_DAYS = 7  # a span this short is a date of its own, not a period a name narrows


@lru_cache(maxsize=4)
def _anaphoric_period(lex: Lexicon) -> re.Pattern[str]:
    """ "that month", "later that year", "the same week": a period told by the date before it (the
    words of data/lang/en.toml's dates.relative)."""
    parts = lex.alternation("dates.relative.period_parts")
    that = lex.alternation("dates.relative.anaphoric")
    units = lex.alternation("dates.relative.anaphoric_named_units")
    same = alternation(k for k, v in lex.numbers("dates.relative.neighbours").items() if v == 0)
    return re.compile(rf"(?i)(?:(?:{parts})\s{{1,3}})?(?:{that}|the\s{{1,3}}(?:{same}))\s{{1,3}}(?:{units})\b")


def _anchored(m: Mention, text: str, published: DateInterval, kn: Knowledge) -> Mention:
    """An undated background report dated by the reference event its sentence names; and one of a
    month or a year only ("That month, Erdogan and Putin met in Sochi and agreed ...") by the one
    of that span it names (``temponyms.resolve`` does so for the stronger names of ``keys``)."""
    if m.date_from == "none":
        here = frozenset(p.place_id for p in (*m.places, *((m.place,) if m.place else ())) if p.place_id)
        found = _anchor_by_name(m.type, m.sentence, text, published, kn, here=here)
        return m if found is None else replace(m, date=found, date_from="text", date_text="")
    if m.date_from != "text" or m.planned or m.date.days <= WEEK_DAYS:
        return m
    if not _anaphoric_period(kn.lexicon).match(m.date_text):
        return m  # "in March": a month of its own; its span bounds the article's time as told
    found = _anchor_by_name(m.type, m.sentence, text, published, kn, within=m.date)
    if found is None or found.days >= m.date.days:
        return m
    why = f"'{m.date_text or m.date.text}' holds the day {found.evidence[0].split('; ', 1)[-1]}"
    return replace(m, date=replace(found, text=m.date.text, evidence=(*m.date.evidence, why)))


@cache
def _word(keyword: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(keyword)}(?!\w)")


@cache
def _distinctive(keyword: str, vocab: Vocabulary) -> bool:
    """A cue that names the event itself: not a leader or a party, who take part in many events,
    and not a word for a kind of event ("deal", "memorandum"), which fits many entries."""
    if len(keyword) < 4 and not any(ch.isdigit() for ch in keyword):
        return False
    if vocab.is_event_name(keyword):
        return True  # "peace spring": the name of one event, a trigger too
    generic = (*vocab.actors, *vocab.claimants, *((t.name, t.triggers) for t in vocab.types if t.triggers))
    return not any(p is not None and re.fullmatch(p.pattern, keyword, re.IGNORECASE) for _, p in generic)


@lru_cache(maxsize=4)
def _article_cues(head: str) -> str:
    """The article's head as chronology keywords are matched, once per article (every undated
    background report of it looks its name up there)."""
    return cue_form(head)


def _names_known(kn: Knowledge, type_: str, sentence: str) -> bool:
    """Whether the sentence names a reference chronology event of the type by a proper name of its
    own ("the Istanbul bombing", "the bomb on Istiklal Avenue"): an event word there is that event,
    whatever else the sentence says (an attack word needs a casualty or a patrol otherwise)."""
    keywords = _known_names(kn).get(type_, ())
    if not keywords:
        return False
    low = _cue_form_of(sentence[:2000])
    small = _title_small_words(kn)
    return any(k in low and _capitalised(k, sentence, small) and _word(k).search(low) is not None for k in keywords)


@lru_cache(maxsize=4)
def _known_names(kn: Knowledge) -> dict[str, tuple[str, ...]]:
    """The chronology's distinctive keywords of four letters or more, by event type (found once: an
    attack word of every sentence asks)."""
    out: dict[str, set[str]] = {}
    for entry in kn.chronology:
        for k in entry.keywords:
            if len(k) >= 4 and _distinctive(k, kn.vocabulary):
                out.setdefault(entry.type, set()).add(k)
    return {t: tuple(sorted(ks)) for t, ks in out.items()}


def _another_place(keyword: str, here: frozenset[str], kn: Knowledge) -> bool:
    """Whether a chronology keyword is the name of a place, none of them one of ``here`` (ids)."""
    gaz = kn.gazetteer
    found = gaz.exact(kn.names.compact(keyword))
    return bool(found) and not any(gaz.places[i].id in here for i, *_ in found)


@lru_cache(maxsize=256)
def _cue_form_of(sentence: str) -> str:
    return cue_form(sentence)


@lru_cache(maxsize=4)
def _title_small_words(kn: Knowledge) -> frozenset[str]:
    return frozenset(kn.lexicon.words("extract.title_small_words"))


def _capitalised(keyword: str, sentence: str, small: frozenset[str] = frozenset()) -> bool:
    """Whether the keyword stands in the sentence as a name: each of its words capitalised, but
    for the ``small`` words of a title after its first ("Dawn of Freedom")."""
    words = r"[\W_]+".join(re.escape(w) for w in keyword.split())
    m = re.search(rf"(?<!\w){words}(?!\w)", sentence, re.IGNORECASE)
    if m is None:
        return False
    parts = [w for w in re.split(r"[\W_]+", m.group(0)) if w]
    return all(w[:1].isupper() or (k and w in small) for k, w in enumerate(parts))


def _anchor_by_name(
    type_: str,
    sentence: str,
    article: str,
    published: DateInterval,
    kn: Knowledge,
    within: DateInterval | None = None,
    here: frozenset[str] = frozenset(),
) -> DateInterval | None:
    """An undated background event ("after Ankara launched Operation Peace Spring") dated by the
    reference chronology entry its sentence names, the article's other words breaking ties. With
    ``within`` (a report's own month or year), only an entry of that span its sentence names by a
    name ("Sochi", "Peace Spring"), and better than any other there: the article's words break no
    tie of the span. ``here``: the gazetteer ids of the report's own places: a keyword that is
    another place ("a pause announced in Ankara ... later replaced by the Sochi arrangement") names
    the other event of the sentence more likely than the report's."""
    # as the keywords are written: lower case, no accents, punctuation as spaces ("claw-sword")
    low_s, low_a = cue_form(sentence[:2000]), _article_cues(article[:20000])
    small = _title_small_words(kn)
    ranked: list[tuple[tuple[int, int, date], ChronologyEntry, str]] = []
    for entry in kn.chronology:
        if entry.type != type_ or entry.start > published.end:
            continue
        if within is not None and not (within.start <= entry.start and entry.end <= within.end):
            continue
        in_sentence = [
            k for k in entry.keywords if k in low_s and _distinctive(k, kn.vocabulary) and _word(k).search(low_s)
        ]
        if not in_sentence:
            continue
        if within is not None and not any(_capitalised(k, sentence, small) for k in in_sentence):
            continue  # a report of a month named by a common phrase ("Turkish soldiers were killed")
        elsewhere = {k for k in in_sentence if here and _another_place(k, here, kn)}
        told = sum(1 if k in elsewhere else 2 for k in in_sentence)
        # a name written as one ("Operation Claw-Sword") says more than a common phrase ("its air
        # campaign") that fits other entries too
        told += sum(1 if k in elsewhere else 2 for k in in_sentence if _capitalised(k, sentence, small))
        # and so does its toll or count ("after 34 Turkish soldiers were killed"): a number fits few entries
        told += 2 * sum(1 for k in in_sentence if k.isdigit())
        # The sentence's words decide; the article's only between entries its sentence names as
        # well: an article on the Sochi memorandum names its words everywhere, and its sentence on
        # "an earlier pause agreed to in Ankara by Vice President Mike Pence" is of another deal.
        # Of two entries named alike ("in Sochi": 2018 and 2019), the one nearer the article's time.
        around = sum(1 for k in entry.keywords if len(k) >= 4 and k in low_a)
        if told + around >= 3:
            ranked.append(((told, around, entry.start), entry, in_sentence[0]))
    if not ranked:
        return None
    ranked.sort(key=lambda r: r[0], reverse=True)
    if within is not None and len(ranked) > 1 and ranked[1][0][0] >= ranked[0][0][0]:
        return None  # "in February": the sentence names two attacks of that month as well
    _, entry, word = ranked[0]
    src = f"; {entry.source}" if entry.source else ""
    why = f"no date in the clause; '{word}' names {entry.name} in the reference chronology{src}"
    return DateInterval(entry.start, entry.end, entry.precision, word, (why,))


def _latest(mentions: Sequence[Mention]) -> int:
    """The first of the latest-starting of ``mentions`` (not empty) while the sentences are read."""
    # They are made sentence by sentence, in text order, each starting where its sentence starts
    # (and nothing in between moves one), so that is the first of the last sentence's: found from
    # the end, not by a scan of all of them, which made long articles quadratic (this runs for every
    # sentence without an event word).
    last = len(mentions) - 1
    while last > 0 and mentions[last - 1].start == mentions[last].start:
        last -= 1
    return last


def _just_told(
    mentions: Sequence[Mention], at: int, vocab: Vocabulary, told: Callable[[Mention], bool] | None = None
) -> int | None:
    """The news event of the sentences just before ``at`` (the last mention, if news, or ``told`` of
    it, and near), which a sentence naming no event of its own goes on with."""
    if not mentions:
        return None
    last = _latest(mentions)
    m = mentions[last]
    return last if (told(m) if told is not None else vocab.news(m.type)) and at - m.end <= 400 else None


def _carry_figures(mentions: list[Mention], sentence: str, at: int, kn: Knowledge) -> None:
    """ "There are nine vehicles in total." names no event: its figures belong to the news event of
    the sentences just before it."""
    vocab = kn.vocabulary
    # the report first: most sentences go on with none, and then their figures are not needed
    if (last := _just_told(mentions, at, vocab)) is None or not (figures := figures_in(sentence, vocab, kn)):
        return
    m = mentions[last]
    have = dict(m.figures)
    added = {k: v for k, v in figures if k not in have}
    if added:
        mentions[last] = replace(m, figures=_figures_for(m.type, tuple(sorted({**have, **added}.items()))))


def _carry_date(
    mentions: list[Mention], text: str, at: int, timexes: Sequence[Timex], hits: Sequence[PlaceHit], ctx: _Context
) -> None:
    """ "Turkey has carried out air strikes on Kurdish targets across north-eastern Syria. Turkish
    drones struck oil facilities on Thursday, around Qamishli and Amuda": a lead that tells its news
    with no day, and the sentence right after it, with no event word, that gives the day and the
    places: the lead's news is of that day. Only for the article's first news, only one day, and
    only where the sentence names a town (a day alone may be anyone's: "Erdogan spoke on Thursday")."""
    vocab = ctx.kn.vocabulary
    # the report just before, dated by the article's day: news, or a raid told as news ("has
    # carried out air strikes"), which takes the article's day when its clause has none
    last = _just_told(mentions, at, vocab, lambda m: m.date_from == "published")
    if last is None or any(
        m.date_from != "published" for m in mentions if vocab.news(m.type) and m.start < mentions[last].start
    ):
        return  # a report of its own day came before: this is not the lead's day
    days = [
        tx
        for tx in timexes
        if tx.interval.precision == "day" and tx.tense != "future" and not is_report_date(text, tx, vocab, at, ctx.w)
    ]
    towns = [h for h in hits if h.ref.resolved and ctx.kn.kinds.is_point(h.ref.kind)]
    if len(days) != 1 or not towns or at - mentions[last].end > 3:
        return
    tx = days[0]
    told = mentions[last].start, mentions[last].end
    # the lead's own news: the family of its first report ("... air strikes ..., days after a suicide
    # bombing in Ankara": the strikes, not the bombing they came after)
    first = next(m for m in mentions if (m.start, m.end) == told)
    for k, m in enumerate(mentions):
        if (m.start, m.end) != told or vocab.family(m.type) != vocab.family(first.type):
            continue
        if m.date_from == "published" and not m.planned:
            ev = (*tx.interval.evidence, "the sentence after the report, which goes on with it, gives its day")
            m = replace(m, date=replace(tx.interval, evidence=ev), date_from="text", date_text=tx.text, timex=tx.index)
            if not m.place_text:  # ... and its towns, when the report named none
                refs = tuple(h.ref for h in towns)
                m = replace(m, place=refs[0], places=refs, place_text=towns[0].surface)
            mentions[k] = m


def _carry_places(
    mentions: list[Mention], sentence: str, at: int, hits: Sequence[PlaceHit], w: Words, vocab: Vocabulary
) -> None:
    """ "Residents hurled stones at a joint patrol on Friday. Video showed boys throwing rocks as the
    convoy drove through a village east of Qamishli": a sentence that names no event but goes on with
    the one just reported (its convoy, its vehicles) places it, when its own sentence did not."""
    if not hits or not w.goes_on.search(sentence) or (last := _just_told(mentions, at, vocab)) is None:
        return
    refs = tuple(h.ref for h in hits)
    # "A bomb exploded as a joint convoy passed": the sentence's events (the attack and the patrol
    # it struck) happened in the one place the next sentence gives
    told = mentions[last].start, mentions[last].end
    where = w.took_place.search(sentence) is not None
    for k, m in enumerate(mentions):
        if (m.start, m.end) != told or not vocab.news(m.type) or m.planned:
            continue
        if not m.place_text or (where and _refines(refs[0], m.place)):
            mentions[k] = replace(m, place=refs[0], places=refs, place_text=hits[0].surface)


REFINE_KM = 40  # a village this near the town a report placed its event near is where it was


def _refines(new: PlaceRef, old: PlaceRef | None) -> bool:
    """Whether ``new`` (a village) says more precisely where an event placed at ``old`` (a town or a
    city nearby) was."""
    if old is None or new.kind != "village" or old.kind not in ("town", "city"):
        return False
    if new.lat is None or new.lon is None or old.lat is None or old.lon is None:
        return False
    return distance_km((new.lat, new.lon), (old.lat, old.lon)) <= REFINE_KM


def _numbered_anaphor(mentions: list[Mention], first: int, text: str, a: int, b: int, kn: Knowledge) -> None:
    """ "On August 31, Russian and Turkish forces toured the countryside. It is worth noting that
    this patrol was the 69th": a sentence that only gives the number of the patrol just reported
    (an ordinal after a copula, no date of its own) is that patrol, on its day; the patrol gets the
    number."""
    if first == 0 or first >= len(mentions) or not ordinal_words(kn.lexicon).postposed.search(text, a, b):
        return
    prev = mentions[first - 1]
    family = kn.vocabulary.family
    if family(prev.type) != "patrol" or prev.date_from != "text" or a - prev.end > 400:
        return
    for i in range(first, len(mentions)):
        m = mentions[i]
        if family(m.type) != "patrol" or not m.ordinal or m.date_from not in ("published", "none"):
            continue
        if prev.ordinal not in (None, m.ordinal):
            return
        mentions[i] = replace(m, date=prev.date, date_from=prev.date_from, date_text=prev.date_text, timex=prev.timex)
        keys = tuple(sorted({*prev.keys, f"ordinal:{m.ordinal}"}))
        mentions[first - 1] = replace(prev, ordinal=m.ordinal, keys=keys)
        return


def _carry_ordinal(mentions: list[Mention], text: str, a: int, b: int, kn: Knowledge) -> None:
    """ "... conducted joint patrols near Qamishli. It has already become the 222nd after the
    signing": the ordinal of a sentence without an event is that of the patrol just reported."""
    if not mentions:
        return
    # the patrol first: the sentence's ordinals are looked for only when there is one to number
    m = mentions[last := _latest(mentions)]
    if m.ordinal or kn.vocabulary.family(m.type) != "patrol" or a - m.end > 400:
        return
    ordinals = [o for o in find_ordinals(text, a, b, kn.lexicon) if o.noun == "patrol"]
    if len(ordinals) != 1:
        return
    n = ordinals[0].value
    mentions[last] = replace(m, ordinal=n, keys=tuple(sorted({*m.keys, f"ordinal:{n}"})))


def _carry_attack_number(mentions: list[Mention], text: str, a: int, b: int, kn: Knowledge) -> None:
    """ "An IED hit the convoy ... Context: this is the second hit on a joint patrol on this road":
    the number of attacks a sentence with no attack of its own gives is that of the attack just
    reported (the last one, within a few sentences)."""
    ow = ordinal_words(kn.lexicon)
    found = ow.attack.search(text, a, b)
    if found is None or not (n := ordinal_value(found.group(1), kn.lexicon)):
        return
    for i in range(len(mentions) - 1, -1, -1):
        m = mentions[i]
        if a - m.end > 400:
            return
        if m.type == "attack":
            if not m.ordinal:
                mentions[i] = replace(m, ordinal=n, keys=tuple(sorted({*m.keys, f"ordinal:{n}"})))
            return


def _borrow_places(
    mentions: list[Mention], *, first: int, vocab: Vocabulary, background: frozenset[int] = frozenset()
) -> None:
    """An attack "during the 23rd patrol along the M-4 highway near Urum al-Joz" happened where the
    patrol was: news events of one sentence without a place of their own take the sentence's. An
    event of a subordinate clause ("a result of the killing ... in Idlib") neither lends nor borrows."""
    own = [
        m
        for k, m in enumerate(mentions[first:], first)
        # not an event the chronology will not keep (undated background: "after a suicide attack
        # in Ankara" is no place for the patrols halted on Thursday)
        if m.place is not None and vocab.news(m.type) and k not in background and m.date_from != "none"
    ]
    if not own:
        return
    for i in range(first, len(mentions)):
        m = mentions[i]
        if m.place is None and vocab.news(m.type) and not m.planned and i not in background:
            donor = own[0]
            mentions[i] = replace(m, place=donor.place, places=donor.places, place_text=donor.place_text)


OPEN_DAYS = 400  # a date wider than this is one whose year is not known


def _inherit_main(mentions: Sequence[Mention], published: DateInterval, kn: Knowledge) -> list[Mention]:
    """An undated "the patrol ..." sentence is about the patrol the article reports: give it that
    patrol's date, so that the headline, the figures sentence and the dated lead are one event."""
    vocab = kn.vocabulary
    out = list(mentions)
    window = replace(published, start=max(EARLIEST, published.start - timedelta(days=14)), precision="days")
    # The mains each family can draw on, in text order, found once (comparing every mention with
    # every other was quadratic in a long article): as the text dates them, so a mention that
    # inherited is no main.
    # An article of no known time: its lead's "on Wednesday" is as wide as the article's time, and
    # still the day of its news; "the patrol, of eight vehicles, ..." takes it, and is one event with it.
    open_time = published.days > OPEN_DAYS
    by_family: dict[str, list[Mention]] = {}
    mains = [o for o in mentions if o.date_from in ("text", "report") and not o.planned and o.date.overlaps(window)]
    mains = [o for o in mains if o.date.days <= 31 or (open_time and o.date.days > OPEN_DAYS and o.timex >= 0)]
    # "The patrols began a week ago under the deal": the series' start, told as background of news
    # dated after it, is not what the article's undated sentences are about
    latest = max((o.date.start for o in mains if vocab.news(o.type) and "ordinal:1" not in o.keys), default=None)
    for o in mains:
        if not (latest is not None and "ordinal:1" in o.keys and o.date.end < latest):
            by_family.setdefault(vocab.family(o.type), []).append(o)
    for mains in by_family.values():
        mains.sort(key=lambda o: o.start)  # stable: of mains at one offset, the first listed wins (as min did)
    for i, m in enumerate(out):
        if m.date_from not in ("published", "report") or m.ordinal or m.planned:
            continue
        main = _first_main(m, by_family.get(vocab.family(m.type), ()), kn)
        if main is None or (open_time and main.date.days > OPEN_DAYS and _headline(m)):
            # the headline of an article of no known time stays the article's news, of its own
            # time, for the other sources to date
            continue
        out[i] = _dated_like(m, main, "the article's own event: no date in this clause")
    return out


def _first_main(m: Mention, mains: Sequence[Mention], kn: Knowledge) -> Mention | None:
    """The article's own event is the first it reports (the lead), not the best-dated aside; an
    undated sentence before it (other than the headline) is not about it."""
    headline = _headline(m)
    for o in mains:
        if not headline and o.start >= m.start:
            return None  # in text order: no later main is before m either
        if o is not m and _compatible_places(m.place, o.place, kn.kinds):
            return o
    return None


def _same_day(mentions: Sequence[Mention], kn: Knowledge, w: Words) -> list[Mention]:
    """ "A patrol was forced to turn back on Thursday after residents blocked its route, and a
    woman was injured when a vehicle ran her over": a news event with no date of its own, in a
    sentence whose other news is dated to one day, happened that day (not on the article's)."""
    vocab = kn.vocabulary
    out = list(mentions)
    by_sentence: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if vocab.news(m.type) and not m.planned:
            by_sentence[(m.start, m.end)].append(i)
    for members in by_sentence.values():
        dated = [out[i] for i in members if out[i].date_from == "text" and out[i].date.precision == "day"]
        # "put the patrols on hold, a day after a roadside bomb ...": the sentence dates them apart
        if len({(d.date.start, d.date_text) for d in dated}) != 1 or w.days_apart.match(dated[0].date_text + " "):
            continue
        d = dated[0]
        for i in members:
            m = out[i]
            if m.date_from == "published" and not m.ordinal:
                out[i] = _dated_like(m, d, f"its sentence dates its other news ('{d.date_text}')")
    return out


def _dated_like(m: Mention, d: Mention, why: str) -> Mention:
    """The mention with the date of ``d``, which its text gives, and why it takes it."""
    return replace(
        m,
        date=replace(d.date, evidence=(*d.date.evidence, why)),
        date_from="text",
        date_text=d.date_text,
        timex=d.timex,
    )


def _goes_on(mentions: Sequence[Mention], text: str, kn: Knowledge) -> list[Mention]:
    """ "Protesters threw stones at a joint patrol near Derik on Friday. One man died after being hit
    by an armoured vehicle.": a news event with no date of its own, in the sentence right after one
    whose news is dated to a day (in the same paragraph), goes on with that news, on that day."""
    vocab = kn.vocabulary
    out = list(mentions)
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_sentence[m.end].append(m)
    for i, m in enumerate(out):
        if m.date_from != "published" or m.planned or m.ordinal or not vocab.news(m.type):
            continue
        # the sentence that ends just before this one's start (a space or a line between them)
        before = next((m.start - gap for gap in range(4) if m.start - gap in by_sentence), None)
        if before is None or "\n\n" in text[before : m.start]:
            continue
        dated = [o for o in by_sentence[before] if o.date_from == "text" and vocab.news(o.type) and not o.planned]
        days = {(o.date.start, o.date.end, o.date_text) for o in dated}
        same_family = all(vocab.family(o.type) == vocab.family(m.type) for o in dated)
        # a wide date ("yesterday" of an article of no known time) is given only to more of the same
        # news ("The patrol, of eight vehicles, toured two villages"), so that the two are one event
        if len(days) != 1 or not (dated[0].date.precision == "day" or same_family):
            continue
        d = dated[0]
        out[i] = _dated_like(m, d, f"the sentence before dates its news ('{d.date_text}'): this one goes on with it")
    return out


def _headline(m: Mention) -> bool:
    return m.start < 300 and not m.sentence.rstrip().endswith((".", "!", "?", '"', "”"))


def _compatible_places(a: PlaceRef | None, b: PlaceRef | None, kinds: PlaceKinds) -> bool:
    if a is None or b is None or a.name == b.name:
        return True
    if not (kinds.is_point(a.kind) and kinds.is_point(b.kind)):
        return True  # "the eastern Euphrates" and "the Qamishli-Derek sector" can be one patrol
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return distance_km((a.lat, a.lon), (b.lat, b.lon)) <= 100


def _made_in(m: Mention, w: Words) -> bool:
    """Whether the mention's place is named where its sentence says the agreement was made."""
    if not m.place_text:
        return False
    at = m.sentence.find(m.place_text)
    return at > 0 and w.venue_in.search(m.sentence, max(0, at - VENUE_CUE_CHARS), at) is not None


def _better(a: Mention, b: Mention, kinds: PlaceKinds, venue: bool, w: Words | None = None) -> Mention:
    """Of two mentions of one type in one sentence, keep the better-founded one, filling gaps; its
    places are the more precise of the two ("the 41st in the Jazira region, toured villages near
    Amuda": Amuda), but for an agreement where it was reached, which the first says unless the
    second's was where it was signed ("protocol to the Idlib memorandum signed in Moscow")."""
    first, second = (a, b) if date_rank(a.date_from) <= date_rank(b.date_from) else (b, a)
    more_precise = second.place is not None and (
        first.place is None or (not venue and _place_rank(second.place, kinds) < _place_rank(first.place, kinds))
    )
    signed_there = venue and w is not None and _made_in(second, w) and not _made_in(first, w)
    where = second if more_precise or signed_there else first
    other = first if where is second else second
    # one place, said more fully by the other word ("an explosive device was detonated as a column
    # passed the village of X, west of Y"): the landmark that locates X is kept
    same = where.place and other.place and where.place.surface == other.place.surface
    if same and {p.surface for p in where.places} < {p.surface for p in other.places}:
        where = other
    return replace(
        first,
        place=where.place,
        places=where.places,
        place_text=where.place_text,
        ordinal=first.ordinal or second.ordinal,
        keys=tuple(sorted(set(first.keys) | set(second.keys))),
        planned=a.planned and b.planned,
        summary=first.summary if first.place or not second.place else second.summary,
    )
