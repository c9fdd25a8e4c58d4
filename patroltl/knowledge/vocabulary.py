"""The event types and the words that report them (``data/event_types.toml``): every fact about a
type lives in its TOML table, so that a type added there is extracted, clustered, filtered and
exported with no code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .lexicon import Words
from .resources import DataError, read_layered_toml


@dataclass(frozen=True)
class EventType:
    name: str
    label: str
    color: str
    news: bool
    modifies: str | None
    triggers: Words | None
    family: str
    rank: int
    parties: bool = False
    named: bool = False
    exclude: Words | None = None
    conditional: frozenset[str] = frozenset()  # trigger words that need a cue in their sentence
    cues: Words | None = None
    pairs: tuple[tuple[Words, Words], ...] = ()
    # conditional words with cues of their own, not the type's ("evacuated" needs a post or a base:
    # not the zone or the strip that make "left" a withdrawal)
    groups: tuple[tuple[frozenset[str], Words], ...] = ()
    # Triggers that stop the series only when what they stop is plural or generic ("the patrols
    # were halted"): on one patrol ("the patrol was stopped before the explosion") it was cut short.
    series_only: frozenset[str] = frozenset()
    # Triggers of a background type that report news (a raid or an air strike is reported when it
    # happens, unlike an offensive): dated like a news event.
    news_triggers: frozenset[str] = frozenset()
    # An announcement of it with a day of its own ("patrols will begin on Friday") reports the event
    # of that day.
    announced: bool = False
    venue: bool = False  # its place is where it was held (a town or a city)
    venue_of: str | None = None  # in a sentence with this type's event, it is that event's venue
    absences: frozenset[str] = frozenset()  # no-show and refusal triggers
    # Names of events of the type used alone as its word ("Peace Spring"): triggers, and what a
    # reference chronology entry's keyword may name it by (not a word for a kind of event).
    names: frozenset[str] = frozenset()

    def cue_in(self, sentence: str, word: str | None = None) -> bool:
        """Whether a sentence has what a conditional trigger of this type needs: one of its cues, or
        a word of each group of one of its pairs within 200 characters of each other; for a word of
        one of its ``groups``, that group's cues."""
        if word is not None:
            for words, cues in self.groups:
                if word in words:
                    return cues.search(sentence) is not None
        if self.cues is not None and self.cues.search(sentence):
            return True
        for a, b in self.pairs:
            if any(b.search(sentence, max(0, m.start() - 200), m.end() + 200) for m in a.finditer(sentence)):
                return True
        return False

    def grouped(self, word: str) -> bool:
        """Whether a conditional word has cues of its own (``groups``): only they make it count."""
        return any(word in words for words, _ in self.groups)

    def is_news(self, surface: str) -> bool:
        return self.news or surface.lower() in self.news_triggers


OTHER = EventType("other", "Other", "white", False, None, None, "other", 99)


@dataclass(frozen=True, eq=False)
class Vocabulary:
    types: tuple[EventType, ...]
    planned: Words
    reporting: Words
    actors: tuple[tuple[str, Words], ...]
    claimants: tuple[tuple[str, Words], ...]
    figures: tuple[tuple[str, tuple[str, ...]], ...]
    figure_labels: tuple[tuple[str, str], ...] = ()
    # Of the planned words, those that announce a scheduled event ("will", "is to", "set to"), as
    # opposed to a topic, a possibility or a purpose ("talks on", "could", "to prevent").
    announcing: Words | None = None

    @cached_property
    def _by_name(self) -> dict[str, EventType]:
        """The types by name, the first of a name winning (as the scan did): every stage asks for a
        mention's type's family, rank or flags, hundreds of thousands of times in an ingest."""
        out: dict[str, EventType] = {}
        for t in self.types:
            out.setdefault(t.name, t)
        return out

    def get(self, name: str) -> EventType:
        found = self._by_name.get(name)
        if found is not None:
            return found
        return self.get("other") if name != "other" else OTHER

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.types)

    def label(self, name: str) -> str:
        return self.get(name).label

    def color(self, name: str) -> str:
        return self.get(name).color

    def family(self, name: str) -> str:
        return self.get(name).family

    def rank(self, name: str) -> int:
        return self.get(name).rank

    def is_event_name(self, keyword: str) -> bool:
        """Whether ``keyword`` is the name of one event ("peace spring"), not a word for a kind."""
        return any(keyword.lower() in t.names for t in self.types)

    def news(self, name: str) -> bool:
        return self.get(name).news

    def figure_label(self, name: str) -> str | None:
        return dict(self.figure_labels).get(name)

    def resolve_type(self, value: str) -> str | None:
        """A type's id from its id or its label, in any case ("Joint patrol" -> "patrol")."""
        low = value.strip().lower()
        for t in self.types:
            if low in (t.name.lower(), t.label.lower()):
                return t.name
        return None


def _group(words: Any, case: bool) -> Words:
    """One side of a pair: a word or a list of words."""
    return Words([words] if isinstance(words, str) else list(words), case=case)


def _pairs(name: str, cond: dict[str, Any]) -> tuple[tuple[Words, Words], ...]:
    """`pair` (two words, case-sensitive: "Russian", "Turkish") and `pairs` (two lists of words each,
    case-insensitive: a weapon and a casualty)."""
    out = []
    pair = cond.get("pair") or []
    if pair and len(pair) != 2:
        raise DataError(f"event_types.toml: type {name}: conditional.pair needs two words")
    if pair:
        out.append((_group(pair[0], True), _group(pair[1], True)))
    for p in cond.get("pairs") or []:
        if len(p) != 2:
            raise DataError(f"event_types.toml: type {name}: each of conditional.pairs needs two lists")
        out.append((_group(p[0], False), _group(p[1], False)))
    return tuple(out)


def _event_type(name: str, spec: dict[str, Any], position: int) -> EventType:
    names = [str(w) for w in (spec.get("names") or {}).get("words", ())]
    trig = [*(spec.get("triggers") or []), *names]
    cond = spec.get("conditional") or {}
    words = [str(w).lower() for w in cond.get("words", ())]
    groups = []
    for g in cond.get("groups") or []:
        if not g.get("words") or not g.get("cues"):
            raise DataError(f"event_types.toml: type {name}: each of conditional.groups needs words and cues")
        mine = frozenset(str(w).lower() for w in g["words"])
        groups.append((mine, Words(list(g["cues"]))))
        words += sorted(mine)
    if "*" in words:  # every trigger of the type is conditional, but those it excepts
        unless = {str(w).lower() for w in cond.get("except", ())}
        words = [str(w).lower() for w in trig if str(w).lower() not in unless]
    return EventType(
        name=name,
        label=spec.get("label", name),
        color=spec.get("color", "white"),
        news=bool(spec.get("news", False)),
        modifies=spec.get("modifies"),
        triggers=Words(trig) if trig else None,
        family=spec.get("family", name),
        rank=int(spec.get("rank", 50 + position)),
        parties=bool(spec.get("parties", False)),
        named=bool(spec.get("named", False)),
        exclude=Words(spec["exclude"]) if spec.get("exclude") else None,
        conditional=frozenset(words),
        cues=Words(cond["cues"]) if cond.get("cues") else None,
        pairs=_pairs(name, cond),
        groups=tuple(groups),
        series_only=frozenset(w.lower() for w in (spec.get("series_only") or {}).get("words", ())),
        news_triggers=frozenset(w.lower() for w in (spec.get("news_triggers") or {}).get("words", ())),
        announced=bool(spec.get("announced", False)),
        venue=bool(spec.get("venue", False)),
        venue_of=spec.get("venue_of"),
        absences=frozenset(w.lower() for w in (spec.get("absences") or {}).get("words", ())),
        names=frozenset(w.lower() for w in names),
    )


def load_vocabulary(paths: Sequence[Path]) -> Vocabulary:
    raw = read_layered_toml(paths)
    types = [_event_type(name, spec, i) for i, (name, spec) in enumerate(raw.get("type", {}).items())]
    names = {t.name for t in types}
    if "other" not in names:
        types.append(OTHER)
    for t in types:
        if t.modifies and t.modifies not in names:
            raise DataError(f"event_types.toml: type {t.name} modifies unknown type {t.modifies!r}")
    return Vocabulary(
        types=tuple(types),
        planned=Words(raw["planned"]["words"]),
        announcing=Words(raw["planned"]["announcing"]) if raw["planned"].get("announcing") else None,
        reporting=Words(raw["reporting"]["words"]),
        actors=tuple((k, Words(v, case=True)) for k, v in raw.get("actors", {}).items()),
        claimants=tuple((k, Words(v)) for k, v in raw.get("claimants", {}).items()),
        figures=tuple((k, tuple(v)) for k, v in raw.get("figures", {}).items()),
        figure_labels=tuple((k, str(v)) for k, v in raw.get("figure_labels", {}).items()),
    )
