"""Patterns made cheaper to search, with the same matches.

The regex engine tries a pattern at every place of the text; one that opens with an alternation of
many branches (the date grammar's relative expressions: "yesterday", "two weeks ago", "the
following month", ...) enters each branch at every word boundary. ``led_by_first_chars`` puts a
look-ahead for the characters a match can start with in front of it, so that most places fail at
one character test. The look-ahead is read from the pattern itself (CPython's own parser), so it
follows the words in the lexicon; where the pattern holds anything it cannot read for sure, the
pattern is left as it is.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

# The characters of a class that may be listed one by one (a range wider than this is "any").
MAX_RANGE = 128

try:  # CPython's parser and its opcodes (3.11 and later); without them nothing is changed
    _parser: Any = importlib.import_module("re._parser")
    _c: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - another interpreter
    _parser = _c = None


def led_by_first_chars(source: str, flags: int = 0) -> str:
    """``source`` with a look-ahead for the characters its matches start with (after a leading
    ``\\b``), or ``source`` itself where they cannot be told. A match starts with one of them, so
    the look-ahead changes no match, only how soon a place that cannot match is given up."""
    if _parser is None:
        return source
    try:
        found = _first(_parser.parse(source, flags).data)
    except (re.error, TypeError, ValueError, AttributeError):
        return source
    if found is None or found[1] or not found[0]:
        return source  # unknown, or the pattern can match the empty string
    chars = "".join(sorted(found[0]))
    head, rest = (r"\b", source[2:]) if source.startswith(r"\b") else ("", source)
    return f"{head}(?=[{chars}]){rest}"


def _first(items: Any) -> tuple[set[str], bool] | None:
    """The characters the sequence ``items`` (of the parser) can start with, as the members of a
    class (``a``, ``\\-``, ``\\d``), and whether it can be empty; None where that cannot be told."""
    chars: set[str] = set()
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # consumes nothing: the match goes on at the same place
        sub = _first_of(op, av)
        if sub is None:
            return None
        chars |= sub[0]
        if not sub[1]:
            return chars, False
    return chars, True


def _first_of(op: Any, av: Any) -> tuple[set[str], bool] | None:
    """What one item of a sequence can start with, and whether it can match nothing."""
    if op is _c.LITERAL:
        return {re.escape(chr(av))}, False
    if op is _c.IN:
        listed = _class_chars(av)
        return None if listed is None else (listed, False)
    if op is _c.BRANCH:
        return _union(_first(alt.data) for alt in av[1])
    if op is _c.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        # a group with flags of its own ("(?i:...)") matches other characters than written
        return None if add_flags or del_flags else _first(sub.data)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _, sub = av
        inner = _first(sub.data)
        return None if inner is None else (inner[0], inner[1] or low == 0)
    return None  # any character, a back-reference, ...: anything may come first


def _union(parts: Any) -> tuple[set[str], bool] | None:
    chars: set[str] = set()
    empty = False
    for part in parts:
        if part is None:
            return None
        chars |= part[0]
        empty = empty or part[1]
    return chars, empty


def _class_chars(items: Any) -> set[str] | None:
    """The members of a class ``[...]`` one by one (``\\d`` as itself: it is every Unicode digit);
    None for a negated class, a wide range or another category."""
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(re.escape(chr(av)))
        elif op is _c.RANGE and av[1] - av[0] <= MAX_RANGE:
            chars.update(re.escape(chr(c)) for c in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            chars.add(r"\d")
        else:
            return None
    return chars


def compile_led(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` of ``source`` led by its first characters (``led_by_first_chars``)."""
    return re.compile(led_by_first_chars(source, flags), flags)
