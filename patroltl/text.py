"""Sentences and clauses: the one splitter every stage reads.

An article is split once (``split``); the date tagger, the place finder and the extractor all see
the same sentences, so a date is grounded on the very sentence its event is extracted from. A
sentence ends at a full stop, "!" or "?" before a capital, a digit or an opening quote, unless the
word before the stop is an abbreviation of the lexicon ("Nov. 1", "Gen. Ali"), a single letter or
a word with a dot inside ("U.S.", "p.m."); and at every line break (headlines, datelines and
paragraphs are their own sentences). Runs longer than ``MAX_SENTENCE`` are cut into pieces of that
size, so that no pattern ever sees more at once.
"""

from __future__ import annotations

import re
import zlib
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .knowledge.lexicon import Lexicon

MAX_SENTENCE = 3000

_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+")
_WORD_BEFORE = re.compile(r"(?<![0-9A-Za-z.])([A-Za-z.]{1,12})[.]$")  # not a unit after a number: "in 24-48h. After"


@dataclass(frozen=True)
class Sentences:
    """The sentence spans of a text, in order, without surrounding white space."""

    text: str
    spans: tuple[tuple[int, int], ...]
    starts: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if len(self.starts) != len(self.spans):
            object.__setattr__(self, "starts", tuple(a for a, _ in self.spans))

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def index(self, pos: int) -> int:
        """The index of the sentence at or before offset ``pos`` (0 before the first)."""
        return max(bisect_right(self.starts, pos) - 1, 0)

    def around(self, pos: int) -> tuple[int, int]:
        """The sentence holding ``pos``: from its start to the next sentence's start."""
        if not self.spans:
            return 0, len(self.text)
        i = self.index(pos)
        start = self.spans[i][0]
        end = self.spans[i + 1][0] if i + 1 < len(self.spans) else len(self.text)
        return start, end


LOWER_LINE_WORDS = 4  # a line of at least this many words, none capitalised, is written in lower case
_LINE_WORD = re.compile(r"[^\W_]+")


def _acronym(word: str) -> bool:
    """ "SDF", "BTRs", "I": capitals that are no name's."""
    return word == "I" or (len(word) > 1 and word[:2].isupper())


def lower_case_lines(text: str) -> list[tuple[int, int]]:
    """The lines written all in lower case ("rumours the russians are packing up at sarrin"): a chat
    message or a forum post writes its names and its days so too. A line of prose opens with a
    capital; acronyms ("SDF", "BTRs"), "I" and names with digits ("M4") do not count."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        words = [w for w in _LINE_WORD.findall(line) if w.isalpha()]  # not "M4", "10:40"
        if len(words) >= LOWER_LINE_WORDS and not any(w[0].isupper() and not _acronym(w) for w in words):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


@cache
def _abbreviations(lex: Lexicon) -> frozenset[str]:
    return frozenset(w.lower() for w in lex.words("sentences.abbreviations"))


def _ends_sentence(text: str, m: re.Match[str], line_start: int, abbreviations: frozenset[str]) -> bool:
    nxt = text[m.end() : m.end() + 1]
    if not nxt or not (nxt.isupper() or nxt in '"“‘(' or nxt.isdigit()):
        return False
    w = _WORD_BEFORE.search(text, max(line_start, m.start() - 12), m.start() + 1)
    if w is None:
        return True
    word = w.group(1).rstrip(".")
    return not (word.lower() in abbreviations or len(word) == 1 or "." in word)


def split(text: str, lex: Lexicon) -> Sentences:
    """The sentences of ``text`` (see the module's docstring)."""
    abbreviations = _abbreviations(lex)
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        cut = start
        for m in _SENTENCE_END.finditer(text, start, end):
            if _ends_sentence(text, m, start, abbreviations):
                spans.append((cut, m.start() + 1))
                cut = m.end()
        if cut < end:
            spans.append((cut, end))
        pos = end + 1
    return Sentences(text, tuple(_trimmed(text, spans)))


def _trimmed(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        while b - a > MAX_SENTENCE:
            yield a, a + MAX_SENTENCE
            a += MAX_SENTENCE
        if b > a:
            yield a, b


@cache
def clause_break(lex: Lexicon) -> re.Pattern[str]:
    """What opens another clause: ; : dashes, brackets, ", " and the lexicon's clause words."""
    return re.compile(rf"[;:—–()]|,\s|\s(?:{lex.alternation('sentences.clause_words')})\s")


@cache
def scope_break(lex: Lexicon) -> re.Pattern[str]:
    """What ends the scope of a tense cue: a semicolon, a colon, a line break or a clause word, not
    a comma (a date after ", the ministry said" is still in the reporting clause)."""
    return re.compile(rf"[;\n]|[:.!?](?=\s)|\b(?:{lex.alternation('sentences.clause_words')})\b", re.IGNORECASE)


_WORD = re.compile(r"[\w’']+")


@cache
def common_words(lex: Lexicon) -> frozenset[str]:
    """Words every report says (``[content]``), with the names of weekdays and months."""
    words = {w.lower() for w in lex.words("content.common_words")}
    return frozenset(words | {n.lower() for n in (*lex.weekday_names(), *lex.month_names())})


def content_words(sentence: str, lex: Lexicon) -> frozenset[str]:
    """The words that carry a sentence's content: lower case, no stop words, no words every patrol
    report has ("joint", "patrol", "Turkish"...)."""
    common = common_words(lex)
    words = (w.lower().strip("'’") for w in _WORD.findall(sentence[:MAX_SENTENCE]))
    return frozenset(w for w in words if len(w) > 1 and w not in common and not w.endswith("'s"))


# --------------------------------------------------------------------------------------------
# Sketches: a sentence's words in a few numbers, to find a quote or a wire's sentence copied
# --------------------------------------------------------------------------------------------

SKETCH = 16  # hashes kept of a sentence's words: enough to tell a quoted sentence from another


def sketch(sentence: str, lex: Lexicon) -> tuple[int, ...]:
    """The sentence's words as a bottom-k sketch: the SKETCH smallest hashes of its content words.
    Two sentences that share most of their words (a quote, a wire's sentence copied) share most of
    their sketch."""
    words = content_words(sentence, lex)
    if len(words) < 8:
        return ()
    return tuple(sorted(zlib.crc32(w.encode()) & 0xFFFFFF for w in words)[:SKETCH])


def resemblance(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The share of words two sketched sentences have in common (bottom-k estimate)."""
    if not a or not b:
        return 0.0
    mine = set(a)
    both = mine.intersection(b)
    if not both:  # most pairs clustering weighs share no word: 0 of the union, without sorting it
        return 0.0
    union = sorted(mine.union(b))[:SKETCH]
    return sum(1 for h in union if h in both) / len(union)
