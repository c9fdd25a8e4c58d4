"""Patterns built for speed match exactly as the plain ones: the date grammar led by its first
characters (``regexes.led_by_first_chars``) and word alternations grouped by first letter
(``lexicon.alternation``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from patroltl import figures
from patroltl.dates import tagger
from patroltl.knowledge import Knowledge
from patroltl.knowledge.lexicon import alternation
from patroltl.regexes import led_by_first_chars

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def _texts() -> str:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    # each case, and the characters that fold onto ASCII letters when case is ignored
    return "\n".join((text, text.upper(), text.lower(), "\u212a \u017f \u0131 \u0130 \u0663 days ago"))


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _flat(words: list[str]) -> str:
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s{1,3}") for w in unique)


def _led_alike(patterns: list[re.Pattern[str]]) -> int:
    """How many of ``patterns`` are led by a look-ahead; each finds what it finds without it."""
    text, led = _texts(), 0
    for rx in patterns:
        plain = re.sub(r"^(\\b)?\(\?=\[[^\]]*\]\)", lambda m: m.group(1) or "", rx.pattern, count=1)
        led += plain != rx.pattern
        assert _matches(re.compile(plain, rx.flags), text) == _matches(rx, text), rx.pattern[:80]
    return led


def test_the_date_grammar_led_by_its_first_characters_finds_what_it_found() -> None:
    grammar = tagger.grammar(Knowledge.bundled().lexicon)
    assert _led_alike([rx for _, rx in grammar.patterns] + [grammar.tense_cues]) >= 10  # read for most of it


def test_the_figures_patterns_led_by_their_first_characters_find_what_they_found() -> None:
    kn = Knowledge.bundled()
    fw = figures.figure_words(kn.lexicon)
    found = [p for _, nouns, pat in figures._patterns(kn.vocabulary, fw) for p in (nouns, pat)]
    two_sides = [figures._two_sides_pattern(nouns, fw) for _, nouns in kn.vocabulary.figures]
    patterns = [fw.injuring, fw.killing, figures._any_noun(kn.vocabulary), *found, *two_sides]
    assert _led_alike(patterns) == len(patterns)


@pytest.mark.parametrize(
    ("source", "flags"),
    [(r"(?i:ab)c", 0), (r"x?", 0), (r".ab", 0), (r"[^a]b", 0), (r"\w+", 0), (r"(?:a|)b?", 0)],
)
def test_a_pattern_whose_first_characters_cannot_be_told_is_left_as_it_is(source: str, flags: int) -> None:
    assert led_by_first_chars(source, flags) == source


def test_the_look_ahead_lists_each_branch_and_what_may_stand_before_it() -> None:
    led = led_by_first_chars(r"\b(?:(?P<n>\d{1,3})\s+days|(?:the\s+)?next\s+week|yesterday)", re.IGNORECASE)
    assert led == r"\b(?=[\dnty])(?:(?P<n>\d{1,3})\s+days|(?:the\s+)?next\s+week|yesterday)"


WORDS = [
    "Euphrates Shield",
    "Euphrates Shield region",
    "explosion",
    "explosions",
    "explosive device",
    "ex",
    "patrol",
    "patrols",
    "joint patrol",
    "joint patrols",
    "Joint",
    "resumed",
    "resumption",
    "2019",
    "20",
]


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
@pytest.mark.parametrize("frame", [r"(?<![\w-])(?:{})(?![\w-])", r"\b(?:{})", r"(?:{})s?\s(\w+)"])
def test_an_alternation_grouped_by_first_letter_matches_as_the_flat_one(flags: int, frame: str) -> None:
    text = _texts() + " Euphrates Shield region; EXPLOSIONS, ex-patrol joint  patrols 2019 20 explosive devices"
    grouped = alternation(WORDS, fold=bool(flags))
    assert grouped != _flat(WORDS)
    flat = re.compile(frame.format(_flat(WORDS)), flags)
    assert _matches(re.compile(frame.format(grouped), flags), text) == _matches(flat, text)


def test_a_short_alternation_or_one_of_other_letters_stays_flat() -> None:
    assert alternation(WORDS[:3]) == _flat(WORDS[:3])
    assert alternation([*WORDS, "Şanlıurfa"]) == _flat([*WORDS, "Şanlıurfa"])
