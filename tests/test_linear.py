"""Issue 17: the stages made linear in an article, and the shortcuts taken for speed, give what
the plain forms they replaced give."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from patroltl.clauses import clause_words, segment
from patroltl.dates import ground_text
from patroltl.extract import _ByStart, extract
from patroltl.knowledge import Knowledge
from patroltl.places import _POSSESSIVE, _S, find_places
from patroltl.text import SKETCH, resemblance

KN = Knowledge.bundled()


@dataclass(frozen=True)
class Span:
    start: int
    end: int


spans = st.lists(st.tuples(st.integers(0, 200), st.integers(0, 30)).map(lambda t: Span(t[0], t[0] + t[1])))


@given(spans, st.integers(0, 220), st.integers(0, 60))
def test_by_start_finds_what_a_scan_of_every_item_finds(items: list[Span], a: int, width: int) -> None:
    b = a + width
    index = _ByStart(items)
    assert index.within(a, b) == [x for x in items if a <= x.start and x.end <= b]
    # every item that holds an offset of [a, b) is among those `overlapping` gives
    holding = [x for x in items if any(x.start <= pos < x.end for pos in range(a, b))]
    near = index.overlapping(a, b)
    assert all(any(x is y for y in near) for x in holding)


def _resemblance_as_it_was(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:SKETCH]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


sketches = st.lists(st.integers(0, 60), max_size=SKETCH, unique=True).map(lambda xs: tuple(sorted(xs)))


@given(sketches, sketches)
def test_resemblance_of_disjoint_sketches_is_zero_and_the_rest_unchanged(
    a: tuple[int, ...], b: tuple[int, ...]
) -> None:
    assert resemblance(a, b) == _resemblance_as_it_was(a, b)
    if not set(a) & set(b):
        assert resemblance(a, b) == 0.0


def test_the_possessive_s_is_every_s_the_pattern_matched() -> None:
    # the long s (ſ) too: Python's re folds it with s when case is ignored
    assert {c for c in map(chr, range(0x3000)) if _POSSESSIVE.fullmatch("'" + c)} == _S


def test_multiword_subordinators_are_found_by_their_first_word() -> None:
    cw = clause_words(KN.lexicon)
    assert all(p in cw.multiword_by_first[p[0]] for p in cw.multiword)
    text = "The patrol was halted in response to the attack, and it resumed prior to the talks."
    openers = [g.opener for g in segment(text, 0, len(text), KN.lexicon).groups]
    assert "in response to" in openers and "prior to" in openers


def _long_report(paragraphs: int) -> str:
    lead = "A joint Turkish-Russian patrol was held near Kobani on March 5, 2020."
    filler = "Shops in the town centre opened at the usual hour. The weather stayed dry."
    later = "The patrol passed through several villages. The convoy included eight vehicles."
    return " date 2020-03-06 \n\n" + "\n\n".join([lead] + [f"{filler} {later}"] * paragraphs) + "\n"


def test_every_undated_patrol_of_a_long_article_gets_the_lead_patrol_s_date() -> None:
    text = _long_report(300)
    grounding = ground_text(text, kn=KN)
    mentions = extract(text, grounding, find_places(text, KN.gazetteer, kn=KN), kn=KN)
    patrols = [m for m in mentions if m.type == "patrol"]
    assert len(patrols) > 300
    assert {(m.date.start.isoformat(), m.date.precision) for m in patrols} == {("2020-03-05", "day")}
    assert all(re.search("the article's own event", " ".join(m.date.evidence)) for m in patrols[1:])
