"""Where sources disagree: per event, what each outlet (or side) says, field by field (pure).

The rules, one per field:

- date: two columns disagree when none of the days one gives overlaps a day the other gives (a month
  against a day in it is no conflict); the note names the weekdays ("Thursday" against "Friday").
- figures: per-side counts are doubled before comparing ("4 from each side" agrees with 8 in all).
- ordinal: different numbers disagree; the note gives each counting base the sentence states right
  after the ordinal ("in the region", "since 2019").
- place: different gazetteer places disagree; the note gives the distance between them in km.
- one-sided claims: a mention sentence of one column whose content words the other columns' sentences
  of the event do not echo (token overlap).

Columns are outlets, or sides with ``by_side``. Each value keeps the outlet that printed it and the
claimant it attributes it to. Nothing here prints or reads files.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from .knowledge import Knowledge, Lexicon
from .models import DateInterval, Event, PlaceRef, StoredMention, format_interval

ECHO_THRESHOLD = 0.5  # a sentence sharing less than this share of its content words with every other
MIN_CLAIM_WORDS = 3  # column's sentences is a claim only its column makes (if it has this many words)


@dataclass(frozen=True)
class Cell:
    """What one column says about one field: its distinct values and who says them."""

    values: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    claimants: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "; ".join(self.values)


@dataclass(frozen=True)
class FieldRow:
    field: str
    cells: tuple[tuple[str, Cell], ...]  # (column, what it says)
    disagree: bool
    note: str = ""

    @property
    def values(self) -> tuple[tuple[str, str], ...]:
        """(column, what it says as one string); "" when it says nothing."""
        return tuple((c, cell.text) for c, cell in self.cells)


@dataclass(frozen=True)
class Claim:
    """A sentence only one column has for an event."""

    column: str
    outlet: str
    claimant: str | None
    sentence: str


@dataclass(frozen=True)
class Comparison:
    event: Event
    outlets: tuple[str, ...]  # the columns: outlet names, or side labels
    rows: tuple[FieldRow, ...]
    claims: tuple[Claim, ...] = ()

    @property
    def conflicts(self) -> tuple[str, ...]:
        return tuple(r.field for r in self.rows if r.disagree)


@dataclass(frozen=True)
class CoverageRow:
    """One event across the columns: "✓", the date the column gives, or "" (not reported)."""

    event: Event
    cells: tuple[tuple[str, str], ...]
    first: tuple[str, ...]  # the outlets whose article came out first
    first_published: date | None


@dataclass(frozen=True)
class Spelling:
    place: str
    by_column: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Single:
    """An event only one column reports, and the outlets in that column that do."""

    event: Event
    column: str
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    columns: tuple[str, ...]
    by_side: bool
    compared: tuple[Comparison, ...]
    single: tuple[Single, ...]
    coverage: tuple[CoverageRow, ...]
    spellings: tuple[Spelling, ...]
    # A report bounded for the terminal (``max_compared``/``max_coverage``) counts what it left out:
    more_compared: int = 0  # events two or more columns report that were not compared
    more_coverage: int = 0  # events left out of the coverage rows
    column_counts: tuple[tuple[str, int], ...] = ()  # per column, the events it reports (all of them)
    side_label: Callable[[str], str] = str  # how a side is named (the columns of a report by side)


Grouper = Callable[[StoredMention], str]


def _outlet(sm: StoredMention) -> str:
    return sm.outlet


def _groups(members: Iterable[StoredMention], column: Grouper) -> dict[str, list[StoredMention]]:
    out: dict[str, list[StoredMention]] = {}
    for sm in members:
        out.setdefault(column(sm), []).append(sm)
    return dict(sorted(out.items(), key=lambda kv: kv[0].lower()))


def _cell(pairs: Iterable[tuple[str, StoredMention]]) -> Cell:
    values: list[str] = []
    outlets: set[str] = set()
    claimants: set[str] = set()
    for value, sm in pairs:
        if not value:
            continue
        if value not in values:
            values.append(value)
        outlets.add(sm.outlet)
        if sm.mention.claimant:
            claimants.add(sm.mention.claimant)
    return Cell(tuple(sorted(values)), tuple(sorted(outlets)), tuple(sorted(claimants)))


def _disjoint_pair(sets: Mapping[str, set[Any]], same: Callable[[Any, Any], bool]) -> list[tuple[str, str]]:
    """The pairs of columns that both say something and share nothing; of the columns that say the
    same, the first stands for them all (hundreds of outlets cite the Sochi memorandum, with a handful
    of distinct dates and places, and comparing every pair of them is quadratic)."""
    firsts: dict[frozenset[Any], str] = {}
    for c, s in sets.items():
        if s:
            firsts.setdefault(frozenset(s), c)
    cols = list(firsts.values())
    return [
        (a, b)
        for i, a in enumerate(cols)
        for b in cols[i + 1 :]
        if not any(same(x, y) for x in sets[a] for y in sets[b])
    ]


# --- date ------------------------------------------------------------------------------------------


def stated_date(sm: StoredMention) -> DateInterval | None:
    """The date the mention's own words give (not the article's publication date), if any."""
    d = sm.mention.date
    if sm.mention.date_from not in ("text", "report") or d.precision == "unknown":
        return None
    return d


def _date_label(d: DateInterval) -> str:
    text = format_interval(d)
    if d.start == d.end:
        text += f" ({_weekdays()[d.start.weekday()][:3]})"
    return text


def _date_row(groups: Mapping[str, list[StoredMention]]) -> FieldRow:
    cells: dict[str, Cell] = {}
    sets: dict[str, set[DateInterval]] = {}
    for col, ms in groups.items():
        pairs = [(d, sm) for sm in ms if (d := stated_date(sm)) is not None]
        cells[col] = _cell((_date_label(d), sm) for d, sm in pairs)
        sets[col] = {d for d, _ in pairs}
    pairs_off = _disjoint_pair(sets, lambda x, y: x.overlaps(y))
    note = ""
    if pairs_off:
        parts = []
        for col, ds in sets.items():
            days = sorted({d.start for d in ds if d.start == d.end})
            if days:
                parts.append(f"{' or '.join(_weekdays()[x.weekday()] + ' ' + x.isoformat() for x in days)} ({col})")
            elif ds:
                parts.append(f"{'; '.join(sorted(format_interval(d) for d in ds))} ({col})")
        note = " against ".join(parts)
    return FieldRow("date", tuple(cells.items()), bool(pairs_off), note)


# --- place -----------------------------------------------------------------------------------------


def _place_key(p: PlaceRef) -> str:
    return p.place_id or p.name.lower()


def _place_row(groups: Mapping[str, list[StoredMention]]) -> FieldRow:
    cells: dict[str, Cell] = {}
    sets: dict[str, set[PlaceRef]] = {}
    for col, ms in groups.items():
        # Only places the outlet's own words name: a place patroltl inferred is not a claim.
        placed = [(sm.mention.place, sm) for sm in ms if sm.mention.place is not None and sm.mention.place_text]
        cells[col] = _cell((p.name, sm) for p, sm in placed)
        sets[col] = {p for p, _ in placed}
    off = _disjoint_pair(sets, lambda x, y: _place_key(x) == _place_key(y))
    notes: list[str] = []
    seen: set[tuple[str, str]] = set()
    for a, b in off:
        for pa in sorted(sets[a], key=lambda p: p.name):
            for pb in sorted(sets[b], key=lambda p: p.name):
                pair = (min(pa.name, pb.name), max(pa.name, pb.name))
                if pair in seen:
                    continue
                seen.add(pair)
                km = place_distance(pa, pb)
                notes.append(f"{pa.name} ({a}) to {pb.name} ({b})" + (f": {km:.0f} km" if km is not None else ""))
    return FieldRow("place", tuple(cells.items()), bool(off), "; ".join(notes))


def place_distance(a: PlaceRef, b: PlaceRef) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    from .knowledge.gazetteer import distance_km  # here: rapidfuzz loads only when places differ

    return distance_km((a.lat, a.lon), (b.lat, b.lon))


# --- ordinal ---------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class DiffWords:
    """The lexicon's words this view reads (``[diff]``, the ordinals, the numbers)."""

    ordinal: re.Pattern[str]
    ordinals: dict[str, int]
    base: re.Pattern[str]
    base_stop: re.Pattern[str]
    per_side: re.Pattern[str]


@lru_cache(maxsize=4)
def diff_words(lex: Lexicon) -> DiffWords:
    ordinals = lex.numbers("numbers.ordinals")
    name = r"[A-Z][\w'’-]*(?:\s+(?:al-|el-|ad-|as-|ar-|of\s+)?[A-Z][\w'’-]*)*"
    since = (
        rf"since\s+(?:(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d|the\s+(?:{lex.alternation('diff.base_since_heads')})"
        r"(?:\s+of\s+[\w ]{1,30}?)?(?=[,.;]|$))"
    )
    direction = rf"(?:(?:{lex.alternation('diff.base_directions')})(?:ern)?\s+)?"
    base = re.compile(
        rf"^(?:\s+(?!(?:{lex.alternation('diff.base_not_filler')})\b)[\w-]+){{0,4}}?\s+(?P<base>{since}"
        rf"|(?:{lex.alternation('diff.base_openers')})\s+(?:the\s+)?(?:(?:{lex.alternation('diff.base_areas')})|(?:19|20)\d\d|"
        rf"{direction}{name}(?:\s+(?:{lex.alternation('diff.base_heads')}))?)"
        rf"|(?:{lex.alternation('diff.base_directions')})\s+of\s+(?:the\s+)?{name}|{lex.alternation('diff.base_spans')})",
    )
    numbers = {**lex.numbers("numbers.cardinals"), **lex.numbers("numbers.tens")}
    return DiffWords(
        ordinal=re.compile(
            rf"\b(?:(\d{{1,4}})(?:st|nd|rd|th)|({'|'.join(sorted(ordinals, key=len, reverse=True))}))\b", re.IGNORECASE
        ),
        ordinals=ordinals,
        base=base,
        base_stop=re.compile(rf"[,;:()]|\.\s|\.$| (?:{lex.alternation('diff.base_stops')}) "),
        per_side=re.compile(
            rf"\b(\d{{1,4}}|{'|'.join(sorted((w for w, v in numbers.items() if v > 0), key=len, reverse=True))})"
            rf"\s+(?:[\w-]+\s+){{0,3}}?(?:{lex.alternation('diff.per_side')})\b",
            re.IGNORECASE,
        ),
    )


def _words_of(kn: Knowledge | None) -> DiffWords:
    return diff_words((kn or Knowledge.bundled()).lexicon)


def _weekdays() -> tuple[str, ...]:
    return Knowledge.bundled().lexicon.weekday_names()


def ordinal_base(sentence: str, ordinal: int, kn: Knowledge | None = None) -> str:
    """The counting base a sentence states right after its ordinal: "the 50th patrol in the region"
    -> "in the region", "the 95th since 2019" -> "since 2019"; "" when it states none."""
    w = _words_of(kn)
    for m in w.ordinal.finditer(sentence):
        value = int(m.group(1)) if m.group(1) else w.ordinals[m.group(2).lower()]
        if value != ordinal:
            continue
        rest = w.base_stop.split(sentence[m.end() : m.end() + 90])[0]
        b = w.base.match(rest)
        if b:
            return " ".join(b.group("base").split())
    return ""


def _ordinal_row(groups: Mapping[str, list[StoredMention]]) -> FieldRow:
    cells: dict[str, Cell] = {}
    sets: dict[str, set[int]] = {}
    bases: dict[str, set[str]] = {}
    for col, ms in groups.items():
        pairs: list[tuple[str, StoredMention]] = []
        sets[col] = set()
        bases[col] = set()
        for sm in ms:
            n = sm.mention.ordinal
            if not n:
                continue
            base = ordinal_base(sm.mention.sentence, n)
            pairs.append((f"{n} ({base})" if base else str(n), sm))
            sets[col].add(n)
            if base:
                bases[col].add(base)
        with_base = {v.split(" (")[0] for v, _ in pairs if " (" in v}
        cells[col] = _cell((v, sm) for v, sm in pairs if v not in with_base)
    off = _disjoint_pair(sets, lambda x, y: x == y)
    note = ""
    stated = {base.lower() for col, bs in bases.items() if sets[col] for base in bs}
    if off and len(stated) > 1:
        note = "different counting bases: " + " against ".join(
            f"{'/'.join(sorted(bs))} ({col})" for col, bs in bases.items() if bs
        )
    elif off:
        note = "no counting base stated" if not stated else "counting base: " + "; ".join(sorted(stated))
    return FieldRow("ordinal", tuple(cells.items()), bool(off), note)


# --- figures ---------------------------------------------------------------------------------------


def per_side_counts(sentence: str, kn: Knowledge | None = None) -> set[float]:
    """The counts a sentence gives per side: "4 armored vehicles from each side" -> {4}."""
    lex = (kn or Knowledge.bundled()).lexicon
    return {v for m in diff_words(lex).per_side.finditer(sentence) if (v := lex.number_value(m.group(1))) is not None}


def totals(sm: StoredMention) -> dict[str, tuple[float, str]]:
    """The mention's figures as totals, each with how the article put it: a count that equals the
    "N from each side" the mention read (its ``per_side`` figure, or the sentence's own words:
    "4 armored vehicles from each side") is doubled: it is 8 in all."""
    figs = dict(sm.mention.figures)
    per_side = figs.pop("per_side", None)
    sides = per_side_counts(sm.mention.sentence) | ({per_side} if per_side is not None else set())
    out: dict[str, tuple[float, str]] = {}
    for name, v in figs.items():
        if v in sides:
            out[name] = (2 * v, f"{v:g} from each side (= {2 * v:g})")
        elif per_side is not None and v == 2 * per_side:
            # the extractor already counted both sides ("4 from each side" = 8 vehicles)
            out[name] = (v, f"{per_side:g} from each side (= {v:g})")
        else:
            out[name] = (v, f"{v:g}")
    if per_side is not None and per_side not in figs.values():
        out["per_side"] = (per_side, f"{per_side:g}")
    return out


def _figure_rows(groups: Mapping[str, list[StoredMention]]) -> list[FieldRow]:
    per_col = {col: [(totals(sm), sm) for sm in ms] for col, ms in groups.items()}
    names = sorted({n for figs in per_col.values() for t, _ in figs for n in t})
    rows: list[FieldRow] = []
    for name in names:
        cells: dict[str, Cell] = {}
        sets: dict[str, set[float]] = {}
        for col, figs in per_col.items():
            cells[col] = _cell((t[name][1], sm) for t, sm in figs if name in t)
            sets[col] = {t[name][0] for t, _ in figs if name in t}
        off = _disjoint_pair(sets, lambda x, y: x == y)
        doubled = any("each side" in v for c in cells.values() for v in c.values)
        note = ""
        if off:
            note = " against ".join(f"{'/'.join(f'{v:g}' for v in sorted(s))} ({col})" for col, s in sets.items() if s)
            note += " in all" if doubled else ""
        elif doubled:
            note = "per-side counts doubled: they agree with the totals"
        label = Knowledge.bundled().vocabulary.figure_label(name) or name
        rows.append(FieldRow(label, tuple(cells.items()), bool(off), note))
    return rows


# --- claims only one column makes ------------------------------------------------------------------


@lru_cache(maxsize=65536)
def content_words(sentence: str) -> frozenset[str]:
    """The words that carry a sentence's content: lower case, no stop words, no words every patrol
    report has ("joint", "patrol", "Turkish"...)."""
    from .text import content_words as words_of

    return words_of(sentence, Knowledge.bundled().lexicon)


def one_sided(groups: Mapping[str, list[StoredMention]]) -> list[Claim]:
    """Per column, the mention sentences the other columns' sentences do not echo."""
    claims: list[Claim] = []
    if len(groups) < 2:
        return claims
    # In how many columns each word occurs: another column has a word when the count without this
    # column's own is positive (linear, where echoing each column against all others is quadratic).
    words_of = {
        col: frozenset().union(*(content_words(sm.mention.sentence) for sm in ms)) for col, ms in groups.items()
    }
    columns_with = Counter(w for words in words_of.values() for w in words)
    for col, ms in groups.items():
        own = words_of[col]
        seen: set[str] = set()
        for sm in ms:
            s = sm.mention.sentence
            mine = content_words(s)
            if s in seen or len(mine) < MIN_CLAIM_WORDS:
                continue
            seen.add(s)
            echoed = sum(1 for w in mine if columns_with[w] > (w in own))
            if echoed / len(mine) < ECHO_THRESHOLD:
                claims.append(Claim(col, sm.outlet, sm.mention.claimant, s))
    return claims


# --- one event -------------------------------------------------------------------------------------


def _text_row(name: str, groups: Mapping[str, list[StoredMention]], get: Callable[[StoredMention], str]) -> FieldRow:
    return FieldRow(name, tuple((col, _cell((get(sm), sm) for sm in ms)) for col, ms in groups.items()), False)


def compare(ev: Event, *, column: Grouper = _outlet, members: Sequence[StoredMention] | None = None) -> Comparison:
    """The event's fields by column (outlet, or whatever ``column`` groups by), with disagreements."""
    groups = _groups(ev.members if members is None else members, column)
    rows = [
        _date_row(groups),
        _text_row("date wording", groups, lambda sm: sm.mention.date_text),
        _place_row(groups),
        _text_row("place spelling", groups, lambda sm: sm.mention.place_text),
        _ordinal_row(groups),
        *_figure_rows(groups),
        _text_row("claimant", groups, lambda sm: sm.mention.claimant or ""),
    ]
    if column is not _outlet:
        rows.append(_text_row("outlets", groups, lambda sm: sm.outlet))
    return Comparison(ev, tuple(groups), tuple(rows), tuple(one_sided(groups)))


# --- coverage and spellings ------------------------------------------------------------------------


def _published(sm: StoredMention) -> date | None:
    """The day the article came out, when it is known to the day (a month is no ranking evidence)."""
    p = sm.published
    return p.start if p.precision == "day" else None


def coverage_row(ev: Event, members: Sequence[StoredMention], column: Grouper, columns: Sequence[str]) -> CoverageRow:
    groups = _groups(members, column)
    cells: list[tuple[str, str]] = []
    for col in columns:  # sparse: only the columns that report it (hundreds of outlets, thousands of events)
        ms = groups.get(col, [])
        if not ms:
            continue
        dates = sorted({format_interval(d) for sm in ms if (d := stated_date(sm)) is not None})
        cells.append((col, "; ".join(dates) if dates else "✓"))
    known = [(p, sm.outlet) for sm in members if (p := _published(sm)) is not None]
    first_day = min((p for p, _ in known), default=None)
    first = tuple(sorted({o for p, o in known if p == first_day}))
    return CoverageRow(ev, tuple(cells), first, first_day)


def spellings(items: Iterable[tuple[str, StoredMention]]) -> list[Spelling]:
    """Per gazetteer place (canonical name), the spellings each column used for it."""
    table: dict[str, dict[str, set[str]]] = {}
    for col, sm in items:
        m = sm.mention
        refs = list(m.places) + ([m.place] if m.place is not None and m.place_text else [])
        for p in refs:
            if not p.resolved or not p.surface.strip():
                continue
            table.setdefault(p.name, {}).setdefault(col, set()).add(" ".join(p.surface.split()))
    return [
        Spelling(name, tuple((c, tuple(sorted(s))) for c, s in sorted(cols.items(), key=lambda kv: kv[0].lower())))
        for name, cols in sorted(table.items(), key=lambda kv: kv[0].lower())
    ]


# --- the whole report ------------------------------------------------------------------------------


def build_report(
    events: Sequence[Event],
    *,
    sources: Sequence[str] = (),
    by_side: bool = False,
    only_conflicts: bool = False,
    side_label: Callable[[str], str] = str,
    max_compared: int | None = None,
    max_coverage: int | None = None,
) -> Report:
    """Compare every event two or more columns report; coverage of all events; place spellings.

    ``sources`` keeps only those outlets (case-insensitive); ``by_side`` makes the columns the
    outlets' sides (labelled by ``side_label``); ``only_conflicts`` keeps only the events with a
    disagreement. ``max_compared`` and ``max_coverage`` bound the report for a screen: at most that
    many events compared, and that many coverage rows (those two or more columns report first, when
    there are more); the spellings are then those of the events in the report. Comparing thousands
    of events reads every sentence, date and place they cite, which takes seconds."""
    wanted = {s.strip().lower() for s in sources}
    column: Grouper = (lambda sm: side_label(sm.side)) if by_side else _outlet
    kept: list[tuple[Event, list[StoredMention], set[str]]] = []
    for ev in events:
        members = [sm for sm in ev.members if not wanted or sm.outlet.lower() in wanted]
        if members:
            cols = {sm.outlet for sm in members} if column is _outlet else {column(sm) for sm in members}
            kept.append((ev, members, cols))
    compared: list[Comparison] = []
    single: list[Single] = []
    shown: list[tuple[Event, list[StoredMention], set[str]]] = []
    more_compared = 0
    for ev, members, cols in kept:
        if len(cols) >= 2:
            if max_compared is not None and len(compared) >= max_compared:
                more_compared += 1
                if only_conflicts:
                    continue  # not compared: whether it has a conflict is unknown
            else:
                c = compare(ev, column=column, members=members)
                if only_conflicts and not c.conflicts:
                    continue
                compared.append(c)
        elif only_conflicts:
            continue
        else:
            single.append(Single(ev, column(members[0]), tuple(sorted({sm.outlet for sm in members}))))
        shown.append((ev, members, cols))
    counts: dict[str, int] = {}
    for _, _, cols in shown:
        for col in cols:
            counts[col] = counts.get(col, 0) + 1
    columns = tuple(sorted(counts, key=lambda c: (c.lower(), c)))
    covered = shown
    if max_coverage is not None and len(shown) > max_coverage:
        covered = [item for item in shown if len(item[2]) >= 2][:max_coverage]
    spelled = shown
    if max_compared is not None or max_coverage is not None:
        in_report = {id(c.event) for c in compared} | {id(ev) for ev, _, _ in covered}
        spelled = [item for item in shown if id(item[0]) in in_report]
    return Report(
        columns=columns,
        by_side=by_side,
        compared=tuple(compared),
        single=tuple(single),
        coverage=tuple(coverage_row(ev, ms, column, columns) for ev, ms, _ in covered),
        spellings=tuple(spellings((column(sm), sm) for _, ms, _ in spelled for sm in ms)),
        more_compared=more_compared,
        more_coverage=len(shown) - len(covered),
        column_counts=tuple((col, counts[col]) for col in columns),
        side_label=side_label,
    )


def _cell_json(cell: Cell) -> dict[str, Any]:
    return {"values": list(cell.values), "outlets": list(cell.outlets), "claimants": list(cell.claimants)}


def report_json(r: Report) -> dict[str, Any]:
    """The report as plain JSON data (``values`` as one string per column, as before; ``cells`` in full)."""
    return {
        "by": "side" if r.by_side else "outlet",
        "columns": list(r.columns),
        "compared": [
            {
                "id": c.event.id,
                "type": c.event.type,
                "date": format_interval(c.event.date),
                "summary": c.event.summary,
                "outlets": list(c.outlets),
                "conflicts": list(c.conflicts),
                "fields": [
                    {
                        "field": row.field,
                        "disagree": row.disagree,
                        "note": row.note,
                        "values": dict(row.values),
                        "cells": {col: _cell_json(cell) for col, cell in row.cells},
                    }
                    for row in c.rows
                ],
                "one_sided": [
                    {"column": cl.column, "outlet": cl.outlet, "claimant": cl.claimant, "sentence": cl.sentence}
                    for cl in c.claims
                ],
            }
            for c in r.compared
        ],
        "single_source": [
            {
                "id": s.event.id,
                "type": s.event.type,
                "date": format_interval(s.event.date),
                "summary": s.event.summary,
                "source": s.outlets[0],
                "column": s.column,
                "outlets": list(s.outlets),
            }
            for s in r.single
        ],
        "coverage": [
            {
                "id": row.event.id,
                "date": format_interval(row.event.date),
                "summary": row.event.summary,
                "cells": {c: v for c, v in row.cells if v},
                "first": list(row.first),
                "first_published": row.first_published.isoformat() if row.first_published else None,
            }
            for row in r.coverage
        ],
        "spellings": [{"place": s.place, "spellings": {c: list(v) for c, v in s.by_column}} for s in r.spellings],
    }
