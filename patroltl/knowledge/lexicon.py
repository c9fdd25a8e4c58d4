"""The words of the language (``data/lang/en.toml``), read once, with the patterns built from them.

A family is addressed by its dotted path in the file ("dates.month_prepositions"). ``words``,
``table`` and ``numbers`` return it as data; ``alternation`` and ``pattern`` turn a family of
literal words into a regex (escaped, longest first, a space matching any run of spaces), so that
no stage writes a word into a pattern of its own.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .resources import DataError, read_layered_toml

GROUPED_FROM = 8  # phrases: an alternation this long is grouped by first letter (below, it makes no odds)


def alternation(words: Iterable[str], *, fold: bool = False) -> str:
    """A regex alternation of literal phrases, longest first; a space matches 1-3 spaces. ``fold``:
    the pattern ignores case (a first letter may then be written in either)."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    if len(unique) < GROUPED_FROM or not all(w[:1].isascii() and w[:1].isalnum() for w in unique):
        return "|".join(_escaped(w) for w in unique)
    return "|".join(_by_first_letter(unique, fold))


def _escaped(word: str) -> str:
    return re.escape(word).replace(r"\ ", r"\s{1,3}")


def _by_first_letter(unique: Sequence[str], fold: bool) -> Iterator[str]:
    """The phrases in groups of one first letter (or digit), each group in the order given. The
    regex engine tries the alternatives of a branch one by one at every place it searches; in
    groups it tries one per first letter, and inside a group whose phrases share their first
    character it reads that character once. The same matches: at one place only phrases of one
    first letter can match (ASCII letters, in any case, and digits match no other), and those are
    tried in the same order as before."""
    groups: dict[str, list[str]] = {}
    for w in unique:
        first = w[0].lower()
        # with case ignored, "Euphrates Shield" and "explosion" start alike to the engine
        groups.setdefault(first, []).append(_escaped(first + w[1:] if fold else w))
    return (f"(?:{'|'.join(g)})" if len(g) > 1 else g[0] for g in groups.values())


def words_pattern(words: Iterable[str], *, case: bool = False) -> re.Pattern[str]:
    """Whole-word alternation of literal phrases (no user regex: a word list is data)."""
    source = alternation(words, fold=not case)
    return re.compile(rf"(?<![\w-])(?:{source})(?![\w-])", 0 if case else re.IGNORECASE)


class Words:
    """``words_pattern`` compiled on its first use. The event types' ~50 word patterns cost 80 ms
    to compile, which a view that shows only the types' labels (``timeline`` on a small database)
    should not pay; the methods are those of ``re.Pattern`` the stages call."""

    __slots__ = ("_case", "_compiled", "_words")

    def __init__(self, words: Iterable[str], *, case: bool = False) -> None:
        self._words = tuple(words)
        self._case = case
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = words_pattern(self._words, case=self._case)
        return self._compiled

    @property
    def pattern(self) -> str:
        return self.compiled.pattern

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The word families of one language. Hashes by identity: compiled grammars are cached per
    lexicon (``functools.cache`` keyed on it)."""

    data: Mapping[str, Any]
    language: str = "en"
    # Patterns and tables derived from the words, built on first use.
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, paths: Sequence[Path], language: str = "en") -> Lexicon:
        return cls(read_layered_toml(paths), language)

    def get(self, path: str) -> Any:
        node: Any = self.data
        for part in path.split("."):
            if not isinstance(node, Mapping) or part not in node:
                raise DataError(f"lang/{self.language}.toml: no word family {path!r}")
            node = node[part]
        return node

    def words(self, path: str) -> tuple[str, ...]:
        """A family as its words: a list as it is, a table as its keys."""
        value = self.get(path)
        if isinstance(value, Mapping):
            return tuple(str(k) for k in value)
        return tuple(str(v) for v in value)

    def table(self, path: str) -> dict[str, Any]:
        value = self.get(path)
        if not isinstance(value, Mapping):
            raise DataError(f"lang/{self.language}.toml: {path!r} is not a table")
        return {str(k).lower(): v for k, v in value.items()}

    def numbers(self, path: str) -> dict[str, int]:
        return {k: int(v) for k, v in self.table(path).items()}

    def groups(self, path: str) -> tuple[tuple[str, ...], ...]:
        """A list of lists ("calendar.months"): each inner list one item's names (read once: the
        dates stage asks for the weekdays' names millions of times in cross-source dating)."""
        key = ("groups", path)
        if key not in self._memo:
            self._memo[key] = tuple(tuple(str(w) for w in group) for group in self.get(path))
        found: tuple[tuple[str, ...], ...] = self._memo[key]
        return found

    def alternation(self, *paths: str) -> str:
        return alternation(w for p in paths for w in self.words(p))

    def pattern(self, path: str, *, case: bool = False) -> re.Pattern[str]:
        """Whole-word pattern of a family, compiled once per lexicon."""
        key = ("pattern", path, case)
        if key not in self._memo:
            self._memo[key] = words_pattern(self.words(path), case=case)
        pattern: re.Pattern[str] = self._memo[key]
        return pattern

    # --- the calendar, used by several stages ----------------------------------------------

    def month_number(self, word: str) -> int | None:
        """1-12 for a month's name or abbreviation (with or without its dot), else None."""
        if "months" not in self._memo:
            groups = self.groups("calendar.months")
            self._memo["months"] = {n.lower(): i for i, names in enumerate(groups, start=1) for n in names}
        number: int | None = self._memo["months"].get(word.rstrip(".").lower())
        return number

    def month_names(self) -> tuple[str, ...]:
        """The full English name of each month, January first."""
        return tuple(g[0] for g in self.groups("calendar.months"))

    def weekday_names(self) -> tuple[str, ...]:
        if "weekday_names" not in self._memo:
            self._memo["weekday_names"] = tuple(g[0] for g in self.groups("calendar.weekdays"))
        names: tuple[str, ...] = self._memo["weekday_names"]
        return names

    def weekday_number(self, word: str) -> int | None:
        """0 (Monday) - 6 for a weekday's name or abbreviation, else None."""
        low = word.rstrip(".").lower()
        for i, names in enumerate(self.groups("calendar.weekdays")):
            if low in (n.lower() for n in names):
                return i
        return None

    def ordinal_value(self, word: str) -> int | None:
        """'first' -> 1, 'twenty-first' -> 21, '3rd' -> 3."""
        w = word.lower().replace("-", " ").strip()
        digits = re.match(r"\d{1,4}", w)
        if digits:
            return int(digits.group(0))
        parts = w.split()
        ordinals = self.numbers("numbers.ordinals")
        if len(parts) == 2:
            tens = self.numbers("numbers.tens").get(parts[0])
            unit = ordinals.get(parts[1])
            return tens + unit if tens and unit and unit < 10 else None
        return ordinals.get(w)

    def number_value(self, word: str) -> float | None:
        """'34', '2,500', 'seven', 'thirty-three', 'a few' -> the number; None if it is none."""
        w = " ".join(word.lower().replace(",", "").split())
        try:
            return float(w)
        except ValueError:
            pass
        cardinals = self.numbers("numbers.cardinals")
        tens = self.numbers("numbers.tens")
        parts = re.split(r"[-\s]+", w)
        if parts[0] in tens and len(parts) <= 2:
            unit = cardinals.get(parts[1], 0) if len(parts) == 2 else 0
            return float(tens[parts[0]] + (unit if unit < 10 else 0))
        if w in cardinals:
            return float(cardinals[w])
        quantities = self.numbers("numbers.quantities")
        return float(quantities[w]) if w in quantities else None
