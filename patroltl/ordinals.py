"""Series ordinals: which patrol of its series a sentence reports.

Outlets write the ordinal before the noun ("the 23rd joint Russian-Turkish patrol", "the
forty-ninth joint patrol"), after a copula ("this patrol was the 69th between the two sides", "It
has already become the 222nd"), or elliptically ("the third during Ramadan, and the 18th since the
patrols began"). An ordinal scoped to a sub-series is not the series' ("the third joint patrol
during the month of Ramadan", "the first joint patrol in Syria in 2021", "the second patrol to
complete its entire route"): it is left out, so that it cannot merge two unrelated patrols.

Words: ``[numbers]`` (ordinals, tens, cardinals) and ``[extract]`` of the lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .knowledge import Lexicon


@dataclass(frozen=True)
class Ordinal:
    start: int
    end: int  # where the ordinal's phrase ends (after its noun, when it has one)
    value: int
    noun: str = "patrol"  # what it numbers: a patrol of the series, or an attack on the patrols


@dataclass(frozen=True, eq=False)
class OrdinalWords:
    prenominal: re.Pattern[str]
    postposed: re.Pattern[str]
    elliptic: re.Pattern[str]
    subject: re.Pattern[str]  # "The second, on Nov. 5, went ...": an ordinal standing for its patrol
    # "* 8th – 18 Nov. 2019 – Ayn al-Arab sector": a list's row that opens with its number
    item: re.Pattern[str]
    scoped: re.Pattern[str]
    series_start: re.Pattern[str]
    background: re.Pattern[str]
    # "This is the second attack on the joint patrols": the attacks on the series are counted too
    attack: re.Pattern[str]


def _ordinal_alternation(lex: Lexicon) -> str:
    words = sorted([*lex.numbers("numbers.ordinals"), *lex.numbers("extract.ordinal_words")], key=len, reverse=True)
    units = "|".join(w for w, v in lex.numbers("numbers.ordinals").items() if v < 10)
    tens = "|".join(sorted(lex.numbers("numbers.tens"), key=len, reverse=True))
    cardinals = "|".join(w for w, v in lex.numbers("numbers.cardinals").items() if 1 <= v <= 9)
    hundreds = rf"(?:(?:{cardinals})\s+hundred(?:\s+and)?[\s-]+)?"
    return rf"(?:{hundreds}(?:(?:{tens})[-\s](?:{units})\b|(?:{'|'.join(words)})\b)|\d{{1,4}}(?:st|nd|rd|th|d)\b)"


@cache
def ordinal_words(lex: Lexicon) -> OrdinalWords:
    ordinal = _ordinal_alternation(lex)
    fillers = lex.alternation("extract.ordinal_fillers")
    nouns = lex.alternation("extract.ordinal_nouns")
    months = "|".join(lex.month_names())
    scopes = lex.alternation("extract.ordinal_scopes")
    starts = lex.alternation("extract.series_start_verbs")
    plural = rf"(?:(?:{fillers})[\s-]+){{1,4}}(?:patrols|patrolling)\b"
    # "was the 21st of last month", "the 9th of October": a day of a month, not a number in a series
    day_of_month = rf"(?!\s{{1,3}}of\s{{1,3}}(?:(?:{months})\b|\w+\s{{1,3}}month\b))"
    return OrdinalWords(
        series_start=re.compile(
            rf"\b(?:(?:{starts})\s+(?:their\s+|the\s+)?{plural}"
            rf"|(?:the\s+)?{plural}\s+(?:have\s+|had\s+|were\s+)?(?:{starts})\b"
            # "The patrols started last week": the series, named as such (not "started from X": a route)
            rf"|\bthe\s+patrols\s+(?:have\s+|had\s+)?(?:{starts})\b(?!\s+(?:from|at|in|near|off|out)\b))",
            re.IGNORECASE,
        ),
        background=re.compile(
            rf"\b(?:{lex.alternation('extract.series_start_not_after')})\s+(?:\S+\s+){{0,2}}$", re.IGNORECASE
        ),
        prenominal=re.compile(
            rf"\b({ordinal})((?:[\s-]+(?:{fillers})){{0,5}})[\s-]+(?:{nouns})\w{{0,4}}\b", re.IGNORECASE
        ),
        postposed=re.compile(
            rf"\b(?:{lex.alternation('extract.ordinal_copulas')})\s+(?:already\s+)?the\s+({ordinal})"
            rf"(?![\s-]+(?:(?:{fillers})[\s-]+){{0,3}}(?:{nouns}|{lex.alternation('extract.ordinal_other_nouns')}))"
            rf"{day_of_month}",
            re.IGNORECASE,
        ),
        # ", the third since the deal", "The patrol, the third of its kind, set out"
        elliptic=re.compile(
            rf"\b(?:and|,)\s+the\s+({ordinal})\s+(?=since\b|(?:{lex.alternation('extract.ordinal_kind')})\b)",
            re.IGNORECASE,
        ),
        attack=re.compile(
            rf"\b(?:the|a)\s+({ordinal})((?:[\s-]+(?:{fillers})){{0,3}})[\s-]+"
            rf"(?:{lex.alternation('extract.attack_ordinal_nouns')})\b(?=[^.;\n]{{0,60}}?\bpatrol)",
            re.IGNORECASE,
        ),
        # "and a second followed on Tuesday near Kobane": after "a", only a following word will do
        subject=re.compile(
            rf"\b(?:[Tt]he\s+({ordinal}){day_of_month}(?:\s+one\b|\s+of\s+(?:them|these|those)\b)?"
            rf"(?=\s{{0,3}}[,;(—–]|\s+(?:{lex.alternation('extract.ordinal_subject_followers')})\b)"
            rf"|(?-i:[Aa])\s+({ordinal})(?=\s+(?:{lex.alternation('extract.ordinal_subject_followers')})\b))",
            re.IGNORECASE,
        ),
        item=re.compile(rf"(?:[*•·‣◦-][ \t]{{1,4}})?({ordinal})(?=[ \t]{{0,3}}[–—:|-][ \t])"),
        # the words between may not hold a finite verb: "the first patrol took place in November
        # 2019" is the series' first, in that month ("the first patrol in 2020" is the year's)
        scoped=re.compile(
            rf"^(?:[\s,]+(?!(?:{lex.alternation('extract.ordinal_bases')}|{lex.alternation('extract.finite_verbs')})\b)"
            rf"[\w’'-]+){{0,4}}?[\s,]+"
            rf"(?:{scopes}|in\s+(?:19|20)\d\d\b|in\s+(?:{months})\b)",
            re.IGNORECASE,
        ),
    )


def ordinal_value(word: str, lex: Lexicon) -> int | None:
    """'23rd', '23d', '23th', 'forty-ninth', 'one hundred and twentieth' -> the number."""
    w = " ".join(word.lower().replace("-", " ").split())
    digits = re.match(r"\d{1,4}", w)
    if digits:
        return int(digits.group(0))
    base = 0
    if " hundred" in w:
        head, _, w = w.partition(" hundred")
        base = 100 * lex.numbers("numbers.cardinals").get(head.strip(), 0)
        w = w.removeprefix(" and").strip()
        if not w:
            return base or None
    value = lex.ordinal_value(w) or lex.numbers("extract.ordinal_words").get(w)
    return base + value if value else None


def find_ordinals(text: str, a: int, b: int, lex: Lexicon) -> list[Ordinal]:
    """The series ordinals of the sentence ``text[a:b]``, scoped ones left out."""
    ow = ordinal_words(lex)
    out = []
    for m in ow.prenominal.finditer(text, a, b):
        if ow.scoped.match(text[m.end() : min(b, m.end() + 60)]):
            continue  # "the third joint patrol during the month of Ramadan"
        value = ordinal_value(m.group(1), lex)
        if value:
            out.append(Ordinal(m.start(), m.end(), value))
    for pat in (ow.postposed, ow.elliptic):
        for m in pat.finditer(text, a, b):
            value = ordinal_value(m.group(1), lex)
            if value == 1 and pat is ow.elliptic:
                continue  # "..., the first since Tuesday's bombing": the first after a pause, not number 1
            if value and not ow.scoped.match(text[m.end() : min(b, m.end() + 60)]):
                out.append(Ordinal(m.start(1), m.end(), value))
    for m in ow.attack.finditer(text, a, b):
        value = ordinal_value(m.group(1), lex)
        if value:
            out.append(Ordinal(m.start(1), m.end(), value, "attack"))
    taken = [(o.start, o.end) for o in out]
    out += [o for o in ordinal_subjects(text, a, b, lex) if not any(s <= o.start < e for s, e in taken)]
    if not out:
        out = _series_start(text, a, b, ow)
    return sorted(out, key=lambda o: o.start)


_ON_THE = re.compile(r"\b[Oo]n\s{1,3}[Tt]he\s")


def ordinal_subjects(text: str, a: int, b: int, lex: Lexicon) -> list[Ordinal]:
    """ "The second, on Nov. 5, went through villages", "while the 72nd took place in ...", "since
    the first one on March 15": ordinals that stand for a patrol of their own (no noun after them)."""
    ow = ordinal_words(lex)
    out = []
    for m in ow.subject.finditer(text, a, b):
        g = 1 if m.group(1) else 2
        if _ON_THE.search(text, max(a, m.start() - 4), m.start() + 4) and m.group(g)[:1].isdigit():
            continue  # "the patrol on the 9th passed Amuda": a day of the month
        value = ordinal_value(m.group(g), lex)
        if value and not ow.scoped.match(text[m.end() : min(b, m.end() + 60)]):
            out.append(Ordinal(m.start(g), m.end(), value))
    row = ow.item.match(text, a, b) if not text[text.rfind("\n", 0, a) + 1 : a].strip() else None
    if row and (number := ordinal_value(row.group(1), lex)):
        out.append(Ordinal(row.start(1), row.end(), number))  # a row that opens its line with its number
    return out


def _series_start(text: str, a: int, b: int, ow: OrdinalWords) -> list[Ordinal]:
    """'Turkey and Russia began joint patrolling', 'joint patrols started on 15 March': the first."""
    for m in ow.series_start.finditer(text, a, b):
        if not ow.background.search(text[max(a, m.start() - 40) : m.start()]):
            return [Ordinal(m.start(), m.end(), 1)]
    return []
