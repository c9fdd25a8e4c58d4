"""Figures that mean what they say: the counts, distances and casualties of one sentence.

A figure is a number before one of its nouns (``[figures]`` of ``data/event_types.toml``): "eight
vehicles", "50 troops", "a 110 km route". What the number means is read from the words around it
(``[figures]`` of the lexicon):

- per side: "four vehicles from each side" is eight vehicles; "four Turkish and four Russian
  armoured vehicles" is eight (four of each side); "eight Russian and Turkish military vehicles" is
  eight; "50 troops from both countries" is 50 (a total);
- distances: "16 kilometres east of Kobani" is where a place lies (an offset), not a route length;
  "a 30-km-deep zone", "at a depth of 10 km", "10 km from the border" are depths; a bracketed
  conversion ("an 88-kilometer (54.6-mile) route") repeats the number before it;
- casualties: "injuring three Russian soldiers", "leaving two servicemen slightly injured", "the
  killing of 13 Turkish soldiers", "ten people were hospitalised";
- no count: "one of the vehicles", "armoured personnel carriers", "units of military equipment".

Every pattern is linear (bounded repeats, no nested quantifiers) and runs only on sentences that
hold one of its nouns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .knowledge import Knowledge, Lexicon, Vocabulary
from .regexes import compile_led

CASUALTIES = ("killed", "injured", "hospitalised")


@dataclass(frozen=True, eq=False)
class FigureWords:
    number: str
    conversion: re.Pattern[str]
    offset_after: re.Pattern[str]
    depth_after: re.Pattern[str]
    depth_before: re.Pattern[str]
    not_people_after: re.Pattern[str]
    per_side: re.Pattern[str]
    sides: dict[str, str]  # "russian" -> the key prefix
    side_words: str
    injuring: re.Pattern[str]
    killing: re.Pattern[str]
    approximately: str
    passive: str
    total: re.Pattern[str]
    casualty_after: re.Pattern[str]  # " were lightly wounded" after a count of both sides
    casualty_kinds: dict[str, str]  # "wounded" -> "injured"


@cache
def figure_words(lex: Lexicon) -> FigureWords:
    from .extract import words  # the number pattern is the extractor's

    num = words(lex).number
    units = lex.alternation("places.offset_units")
    compass = lex.alternation("places.compass")
    approx = lex.alternation("figures.approximately")
    sides = {str(k).lower(): str(v) for k, v in lex.table("figures.sides").items()}
    return FigureWords(
        number=num,
        conversion=re.compile(rf"\s?[(\[]\s{{0,2}}[\d.,]{{1,8}}[\s-]{{0,2}}(?:{units}|mi|mile|miles)\.?\s{{0,2}}[)\]]"),
        offset_after=re.compile(rf"\s+(?:to\s+the\s+)?(?:{compass})\s+(?:of|from)\b", re.IGNORECASE),
        depth_after=re.compile(
            rf"^(?:[\s-]{{1,2}}(?:{lex.alternation('figures.depth_after')})\b|\s+(?:from|of)\s+the\s+(?:[\w-]+\s+){{0,2}}border)",
            re.IGNORECASE,
        ),
        depth_before=re.compile(
            rf"\b(?:{lex.alternation('figures.depth_before')})\s+(?:about\s+|some\s+)?$", re.IGNORECASE
        ),
        not_people_after=re.compile(rf"^\s+(?:{lex.alternation('figures.not_people_after')})\b", re.IGNORECASE),
        per_side=re.compile(
            rf"(?<![\w.,]){num}(?:\s+[A-Za-z-]+){{0,3}}?\s+(?:{lex.alternation('figures.per_side')})\b", re.IGNORECASE
        ),
        sides=sides,
        side_words="|".join(re.escape(k) for k in sorted(sides, key=len, reverse=True)),
        # searched in every sentence: led by their first characters (the same matches, found sooner)
        injuring=compile_led(
            rf"\b(?:{lex.alternation('figures.injuring')})\s+(?:(?:{approx})\s+)?{num}\b", re.IGNORECASE
        ),
        killing=compile_led(
            rf"\b(?:{lex.alternation('figures.killing')})\s+(?:(?:{approx})\s+)?{num}\b", re.IGNORECASE
        ),
        approximately=approx,
        passive=lex.alternation("figures.passive"),
        total=re.compile(rf"\b(?:{lex.alternation('figures.totals')})\b", re.IGNORECASE),
        casualty_after=re.compile(
            rf"\s+(?:{lex.alternation('figures.passive')})\s+(?:\w+\s+){{0,2}}?"
            rf"({'|'.join(re.escape(str(k)) for k in lex.table('figures.casualty_verbs'))})\b",
            re.IGNORECASE,
        ),
        casualty_kinds={str(k).lower(): str(v) for k, v in lex.table("figures.casualty_verbs").items()},
    )


@cache
def _patterns(vocab: Vocabulary, fw: FigureWords) -> tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]:
    """One pattern per figure, with a pattern of its nouns alone: a sentence without the nouns is
    not searched for numbers at all."""
    out = []
    num = fw.number
    for name, nouns in vocab.figures:
        noun_alt = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
        if name in CASUALTIES:
            pat = compile_led(
                rf"\b(?:{noun_alt})\s+(?:(?:{fw.approximately})\s+)?{num}\b"
                # not across "and": "10 civilians injured and one dead" is one dead
                rf"|\b{num}\s+(?:(?!and\b|or\b)[\w-]+\s+){{0,4}}?(?:(?:{fw.passive})\s+)?(?:(?!and\b|or\b)\w+\s+)?(?:{noun_alt})\b",
                re.IGNORECASE,
            )
        else:
            # Between the number and its noun: up to three words, "Russian and Turkish" among them;
            # not "of" ("one of the vehicles") nor another "and" ("two Pars and two Kirpi").
            filler = rf"(?:(?!and\b|or\b|of\b)[A-Za-z][\w-]*|and(?=\s+(?:{fw.side_words})\b))"
            pat = compile_led(rf"(?<![\w.-]){num}(?:[\s-]+{filler}){{0,3}}?[\s-]+(?:{noun_alt})\b", re.IGNORECASE)
        out.append((name, compile_led(rf"\b(?:{noun_alt})\b", re.IGNORECASE), pat))
    return tuple(out)


def figures_in(sentence: str, vocab: Vocabulary, kn: Knowledge | None = None) -> tuple[tuple[str, float], ...]:
    """The figures of one sentence, by name."""
    kn = kn or Knowledge.bundled()
    lex = kn.lexicon
    fw = figure_words(lex)
    # Conversions in brackets repeat the number before them: blanked, offsets kept.
    text = fw.conversion.sub(lambda m: " " * len(m.group(0)), sentence)
    found: dict[str, float] = {}
    for name, nouns, pat in _patterns(vocab, fw) if _any_noun(vocab).search(text) else ():
        if not nouns.search(text):
            continue
        for m in pat.finditer(text):
            raw = next((g for g in m.groups() if g), None)
            value = lex.number_value(raw) if raw else None
            if value is None or (value >= 1900 and name != "patrols"):
                continue
            key = _meaning(name, text, m, value, fw)
            if key:
                found.setdefault(key, value)
    _casualty_verbs(text, found, fw, lex)
    _per_side(text, found, fw, vocab, lex)
    for casualty in CASUALTIES:
        if casualty in found and found.get("soldiers") == found[casualty]:
            del found["soldiers"]
    return tuple(sorted(found.items()))


def _meaning(name: str, text: str, m: re.Match[str], value: float, fw: FigureWords) -> str:
    """The figure a match gives ('' for none): an offset is no distance, a depth is a depth, a
    personnel carrier is no soldier."""
    after = text[m.end() : m.end() + 60]
    if name == "km":
        if value > 1000 or fw.offset_after.match(after):
            return ""
        if fw.depth_after.match(after) or fw.depth_before.search(text, max(0, m.start() - 20), m.start()):
            return "depth_km"
    if name == "soldiers" and fw.not_people_after.match(after):
        return ""
    return name


def _casualty_verbs(text: str, found: dict[str, float], fw: FigureWords, lex: Lexicon) -> None:
    """ "injuring three Russian soldiers", "the killing of 13 Turkish soldiers"."""
    for key, pat in (("injured", fw.injuring), ("killed", fw.killing)):
        if key in found:
            continue
        m = pat.search(text)
        value = lex.number_value(m.group(1)) if m else None
        if value is not None and value < 1900:
            found[key] = value


def _per_side(text: str, found: dict[str, float], fw: FigureWords, vocab: Vocabulary, lex: Lexicon) -> None:
    """ "four vehicles from each side" (eight in all unless a total is given); "four Turkish and four
    Russian armoured vehicles" (four of each, eight in all)."""
    low = text.lower()
    m = fw.per_side.search(text) if any(w in low for w in ("each", "per")) else None
    value = lex.number_value(m.group(1)) if m else None
    if m is not None and value is not None:
        found["per_side"] = value
        if not fw.total.search(text):
            for name, _ in vocab.figures:
                if name not in CASUALTIES and found.get(name) == value:
                    found[name] = 2 * value
    for name, nouns in vocab.figures:
        if name in CASUALTIES or name in ("km", "hours", "patrols") or not any(n in low for n in nouns):
            continue
        _two_sides(text, name, nouns, found, fw, lex)


def _two_sides(
    text: str, name: str, nouns: tuple[str, ...], found: dict[str, float], fw: FigureWords, lex: Lexicon
) -> None:
    m = _two_sides_pattern(nouns, fw).search(text)
    if m is None or (name == "soldiers" and fw.not_people_after.match(text[m.end() : m.end() + 40])):
        return
    a, b = lex.number_value(m.group(1)), lex.number_value(m.group(3))
    if a is None or b is None:
        return
    found[f"{fw.sides[m.group(2).lower()]}_{name}"] = a
    found[f"{fw.sides[m.group(4).lower()]}_{name}"] = b
    found[name] = a + b
    # "Three Russian soldiers and two Turkish soldiers were lightly wounded": the casualties are both
    # sides' (the count before the verb is only the second side's)
    hurt = fw.casualty_after.match(text, m.end())
    if hurt is not None:
        found[fw.casualty_kinds[hurt.group(1).lower()]] = a + b


@cache
def _two_sides_pattern(nouns: tuple[str, ...], fw: FigureWords) -> re.Pattern[str]:
    """Built once per figure (it was rebuilt, and looked up in re's cache, for every sentence)."""
    noun_alt = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    side = rf"({fw.side_words})"
    return compile_led(
        rf"(?<![\w.-]){fw.number}\s+{side}(?:[\s-]+[\w-]+){{0,2}}?\s+and\s+{fw.number}\s+{side}"
        rf"(?:[\s-]+[\w-]+){{0,3}}?[\s-]+(?:{noun_alt})\b",
        re.IGNORECASE,
    )


@cache
def _any_noun(vocab: Vocabulary) -> re.Pattern[str]:
    """Every figure's nouns in one pattern (the same bounds as each figure's own): a sentence where
    it finds none, two in three, is not searched noun by noun (one search instead of twelve)."""
    nouns = sorted({n for _, names in vocab.figures for n in names}, key=lambda n: (-len(n), n))
    return compile_led(rf"\b(?:{'|'.join(re.escape(n) for n in nouns)})\b", re.IGNORECASE)
