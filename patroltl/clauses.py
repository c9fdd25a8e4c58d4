"""Clauses of a sentence: which words a modal, a negation or a date belongs to.

A news sentence often holds several predicates: "The patrols, which first began in November 2019,
were paused last October" has a relative clause with its own date; "carried out a joint patrol after
the patrols were suspended" has a subordinate clause with its own event. ``segment`` cuts a sentence
into clause pieces at what English marks clauses with: relative pronouns ("which", "who", "that"),
subordinators ("after", "since", "when"), a comma before a participle (", conducted last week,"),
a coordinator before a verb (", halted in May and restarted on 3 June"), brackets, dashes, quotes,
semicolons and colons. A clause interrupted by another ("The patrol, which ..., was suspended") is
one *group* of pieces, so that its subject and its verb are read together.

Pure and linear: one pass over the words of one sentence (at most ``text.MAX_SENTENCE`` characters).
The words are the lexicon's ``[clauses]``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from .knowledge import Lexicon

# Kinds of clause. main: the sentence's own; relative: "which/who/that ..."; apposition: ",
# conducted last week,"; participle: ", wounding two soldiers"; subordinate: "after/since/before/until
# ..." (what it reports is background to the main clause); concurrent: "when/while ..." (it happens
# with the main clause); coordinate: "... and restarted on 3 June"; bracket, quote, aside: (...),
# "...", — ... —. Embedded clauses end at the next comma.

_TOKEN = re.compile(r"[^\W_][\w’'-]{0,60}|[^\w\s]")


@dataclass(frozen=True)
class Piece:
    """A contiguous part of a clause: [start, end) in the text."""

    start: int
    end: int
    group: int


@dataclass(frozen=True)
class Group:
    """A clause: its kind, the word that opened it and the group it hangs on (-1 for none)."""

    kind: str
    opener: str
    parent: int
    start: int  # where the clause opens


@dataclass(frozen=True)
class Clauses:
    """The clause pieces of one sentence, in order, and the groups they form."""

    pieces: tuple[Piece, ...]
    groups: tuple[Group, ...]
    starts: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if len(self.starts) != len(self.pieces):
            object.__setattr__(self, "starts", tuple(p.start for p in self.pieces))

    def group_at(self, pos: int) -> int:
        """The group of the piece holding offset ``pos`` (the first for an offset before it)."""
        if not self.pieces:
            return 0
        return self.pieces[max(bisect_right(self.starts, pos) - 1, 0)].group

    def kind_at(self, pos: int) -> str:
        return self.groups[self.group_at(pos)].kind if self.groups else "main"

    def same(self, a: int, b: int) -> bool:
        return self.group_at(a) == self.group_at(b)

    def spans_before(self, pos: int, limit: int) -> list[tuple[int, int]]:
        """The spans of ``pos``'s clause before ``pos`` (its earlier pieces too), at most ``limit``
        characters back: where a modal or a negation of the word at ``pos`` can stand."""
        g = self.group_at(pos)
        floor = pos - limit
        out = []
        for p in self.pieces:
            if p.group == g and p.start < pos and p.end > floor:
                out.append((max(p.start, floor), min(p.end, pos)))
        return out

    def span_after(self, pos: int) -> tuple[int, int]:
        """From ``pos`` to the end of its piece."""
        if not self.pieces:
            return pos, pos
        p = self.pieces[max(bisect_right(self.starts, pos) - 1, 0)]
        return pos, max(pos, p.end)

    def parent_of(self, pos: int) -> int:
        return self.groups[self.group_at(pos)].parent if self.groups else -1

    def opener_of(self, pos: int) -> str:
        return self.groups[self.group_at(pos)].opener if self.groups else ""

    def group_start(self, g: int) -> int:
        return self.groups[g].start


@dataclass(frozen=True, eq=False)
class ClauseWords:
    relative: frozenset[str]
    subordinate: frozenset[str]
    concurrent: frozenset[str]
    coordinators: frozenset[str]
    auxiliaries: frozenset[str]
    past: frozenset[str]  # irregular past forms and participles ("held", "begun", "hit")
    not_verbs: frozenset[str]  # words that end like a participle and are none ("hundred")
    that_after: frozenset[str]
    zero_subjects: frozenset[str]  # pronouns that open a relative clause without "that"
    multiword: tuple[tuple[str, ...], ...]  # subordinators of several words ("prior to", "in response to")
    # "waited for hours before calling off the patrol": before a gerund, the main subject's next act
    gerund_openers: frozenset[str] = frozenset()
    # coordinators that are adverbs after a noun ("troops then began"): no clause there
    adverb_coordinators: frozenset[str] = frozenset()
    # the same by their first word, in the same order: every word of every sentence is looked up here
    multiword_by_first: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # every word that may open a clause (of the sets above, and a subordinator's first word): the
    # others, most words of a sentence, open none and are passed over at once
    openers: frozenset[str] = field(default=frozenset(), init=False)

    def __post_init__(self) -> None:
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.multiword:
            by_first.setdefault(phrase[0], []).append(phrase)
        self.multiword_by_first.update((k, tuple(v)) for k, v in by_first.items())
        words = (self.relative, self.concurrent, self.subordinate, self.coordinators, self.zero_subjects)
        object.__setattr__(self, "openers", frozenset().union(*words, self.multiword_by_first))


@cache
def clause_words(lex: Lexicon) -> ClauseWords:
    def low(path: str) -> frozenset[str]:
        return frozenset(w.lower() for w in lex.words(path))

    singles = [w for w in lex.words("clauses.subordinate") if " " not in w]
    multi = [tuple(w.lower().split()) for w in lex.words("clauses.subordinate") if " " in w]
    return ClauseWords(
        relative=low("clauses.relative"),
        subordinate=frozenset(w.lower() for w in singles),
        concurrent=low("clauses.concurrent"),
        coordinators=low("clauses.coordinators"),
        adverb_coordinators=low("clauses.adverb_coordinators"),
        auxiliaries=low("clauses.auxiliaries"),
        past=low("clauses.participles"),
        not_verbs=low("clauses.not_verbs"),
        that_after=low("clauses.that_determiner_after"),
        zero_subjects=low("clauses.zero_relative_subjects"),
        multiword=tuple(sorted(multi, key=len, reverse=True)),
        gerund_openers=low("clauses.gerund_openers"),
    )


def is_verb_form(word: str, cw: ClauseWords) -> bool:
    """A past tense or participle ("halted", "held", "wounding") or an auxiliary: what opens a verb
    phrase after a comma or a coordinator."""
    w = word.lower()
    if w in cw.auxiliaries or w in cw.past:
        return True
    return w not in cw.not_verbs and len(w) >= 5 and (w.endswith("ed") or w.endswith("ing")) and w.isalpha()


@dataclass
class _State:
    pieces: list[Piece]
    groups: list[Group]
    stack: list[tuple[int, str]]  # (group to return to, what closes the open group)
    cur: int
    piece_start: int
    # the groups a comma opened (", who had been stationed ..."): a clause a word opened inside one
    # ("... since 2016") ends at that one's closing comma too
    after_comma: set[int] = field(default_factory=set)

    def cut(self, at: int) -> None:
        if at > self.piece_start:
            self.pieces.append(Piece(self.piece_start, at, self.cur))
        self.piece_start = at

    def open(self, kind: str, opener: str, at: int, closes: str) -> None:
        self.cut(at)
        self.groups.append(Group(kind, opener, self.cur, at))
        self.stack.append((self.cur, closes))
        self.cur = len(self.groups) - 1

    def sibling(self, kind: str, opener: str, at: int) -> None:
        """A clause after the current one, not inside it: a coordinated verb phrase, a new main clause."""
        self.cut(at)
        self.groups.append(Group(kind, opener, self.cur if kind == "coordinate" else -1, at))
        self.cur = len(self.groups) - 1

    def close(self, at: int, closes: str) -> bool:
        """Close the innermost open group that ``closes`` ends (and those inside it)."""
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][1] == closes:
                self.cut(at)
                self.cur = self.stack[depth][0]
                del self.stack[depth:]
                return True
        return False


def _multiword_at(words: Sequence[str], i: int, cw: ClauseWords) -> int:
    """The length of a subordinator of several words starting at word i (0 for none); after an
    auxiliary it is none ("the patrols are due to begin")."""
    phrases = cw.multiword_by_first.get(words[i].lower())
    if phrases is None:
        return 0
    for phrase in phrases:
        if tuple(w.lower() for w in words[i : i + len(phrase)]) == phrase:
            if i and words[i - 1].lower() in cw.auxiliaries and phrase[-1] == "to":
                return 0
            return len(phrase)
    return 0


def _is_that_determiner(prev: str, nxt: str, cw: ClauseWords) -> bool:
    """ "in that area", "that day": a determiner, not a clause."""
    return nxt.lower() in cw.that_after or prev.lower() in cw.subordinate or prev.lower() in ("in", "of", "at", "on")


def _word_opener(
    words: list[str], i: int, prev: str, cw: ClauseWords, date_starts: frozenset[int], pos: int, nxt_pos: int
) -> str:
    """The kind of clause word i opens without a comma before it ('' for none)."""
    w = words[i].lower()
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if w in cw.relative:
        if w == "that" and _is_that_determiner(prev, nxt, cw):
            return ""
        return "relative"
    if w in cw.concurrent:
        return "concurrent"
    if w in cw.subordinate:
        # "since March", "after Nov. 1": a date phrase of the clause it stands in, not a clause
        if nxt_pos in date_starts or pos in date_starts or not nxt:
            return ""
        if w in cw.gerund_openers and nxt.islower() and len(nxt) > 4 and nxt.endswith("ing"):
            return "participle"  # "... on Monday before calling off the patrol": of the main clause's time
        return "subordinate"
    if w in cw.coordinators and nxt and is_verb_form(nxt, cw):
        if w in cw.adverb_coordinators and prev.isalpha() and prev.lower() not in cw.coordinators:
            return ""  # "the troops then began": the clause's own verb, after an adverb
        return "coordinate"
    # "the towns it seized", "the offensive they launched": a relative clause without its pronoun
    low_prev = prev.lower()
    after_noun = prev[:1].islower() and low_prev.isalpha() and low_prev not in cw.auxiliaries
    if w in cw.zero_subjects and nxt and is_verb_form(nxt, cw) and after_noun and not is_verb_form(prev, cw):
        return "relative"
    return ""


def segment(text: str, a: int, b: int, lex: Lexicon, date_starts: Sequence[int] = ()) -> Clauses:
    """The clause pieces of the sentence ``text[a:b]``. ``date_starts`` are the offsets where dates
    begin ("since March" is a date, "since the patrols stopped" a clause)."""
    cw = clause_words(lex)
    starts = frozenset(date_starts)
    toks = [(m.start(), m.group()) for m in _TOKEN.finditer(text, a, b)]
    words = [t for _, t in toks]
    st = _State([], [Group("main", "", -1, a)], [], 0, a)
    quote_open = False
    verbs: dict[int, int] = {}  # finite verbs seen in each restrictive relative clause
    i = 0
    while i < len(toks):
        pos, tok = toks[i]
        nxt_pos = toks[i + 1][0] if i + 1 < len(toks) else b
        if _ends_restrictive(st, words, i, cw, verbs):
            # "the forces that had run joint patrols since November 2019 pulled out in December": a
            # second finite verb in a relative clause no comma opened is the main clause's again
            st.close(pos, "comma")
        if tok in ";:":
            st.close(pos, "comma")
            while st.stack:
                st.close(pos, st.stack[-1][1])
            st.sibling("main", tok, nxt_pos)
        elif tok in "([":
            st.open("bracket", tok, pos, ")")
        elif tok in ")]":
            st.close(pos + 1, ")")
        elif tok in '“”"':
            quote_open = _quote(st, tok, pos, quote_open)
        elif tok in "—–" or (tok == "-" and text[pos - 1 : pos] == " " and text[pos + 1 : pos + 2] == " "):
            if not st.close(pos, "dash"):
                st.open("aside", tok, pos, "dash")
        elif tok == ",":
            i = _after_comma(st, toks, words, i, cw, starts)
            continue
        elif tok.lower() not in cw.openers:
            pass  # neither a subordinator's first word nor any word _word_opener answers for
        else:
            n = _multiword_at(words, i, cw)
            kind = "subordinate" if n else _word_opener(words, i, words[i - 1] if i else "", cw, starts, pos, nxt_pos)
            if kind == "relative" and tok.lower() == "that" and i and is_verb_form(words[i - 1], cw):
                # "He added that another patrol was held in the north-east, on a route west of
                # Kobani, under the Sochi memorandum": what is said runs on past its commas
                st.open(kind, "that", pos, "said")
                i += 1
                continue
            if kind:
                _open_word(st, kind, " ".join(words[i : i + max(n, 1)]), pos)
                i += max(n, 1)
                continue
        i += 1
    st.cut(b)
    return Clauses(tuple(st.pieces), tuple(st.groups))


def _ends_restrictive(st: _State, words: Sequence[str], i: int, cw: ClauseWords, verbs: dict[int, int]) -> bool:
    """Whether word ``i`` is the main verb after a relative clause that no comma set off: a past
    form (not an -ing word, not after an auxiliary or a coordinator) after the clause's own verb."""
    group = st.groups[st.cur]
    if group.kind != "relative" or group.opener not in cw.relative or st.cur in st.after_comma:
        return False
    if not st.stack or st.stack[-1][1] != "comma":
        return False
    w = words[i]
    if not (w.isalpha() and w.islower()) or w in cw.auxiliaries or w.endswith("ing") or not is_verb_form(w, cw):
        return False  # a name ("the Turkish Armed Forces") is no verb
    if st.cur not in verbs:
        # "noting that it was ...": after a verb, "that" opens what is said, not a relative clause
        k = next((j for j in range(i - 1, -1, -1) if words[j].lower() == group.opener), -1)
        if k > 0 and (is_verb_form(words[k - 1], cw) or words[k - 1].lower() in cw.that_after):
            verbs[st.cur] = -1000
            return False
    prev = words[i - 1].lower() if i else ""
    if prev in cw.auxiliaries or prev in cw.coordinators or prev == "to" or not (prev.isalnum()):
        verbs[st.cur] = verbs.get(st.cur, 0) + 1
        return False
    seen = verbs.get(st.cur, 0)
    verbs[st.cur] = seen + 1
    return seen >= 1


def _quote(st: _State, tok: str, pos: int, quote_open: bool) -> bool:
    """Quotes open and close a group of their own; a straight quote toggles."""
    closing = tok == "”" or (tok == '"' and quote_open)
    if closing:
        st.close(pos + 1, "quote")
        return False
    st.open("quote", tok, pos, "quote")
    return True


def _open_word(st: _State, kind: str, tok: str, pos: int) -> None:
    if kind == "coordinate":
        # "its units, which had been stationed in Ain Issa and had conducted the patrols, withdrew":
        # a verb phrase coordinated inside a relative clause goes on with it, to its comma
        if st.groups[st.cur].kind != "relative":
            st.close(pos, "comma")
        st.sibling("coordinate", tok.lower(), pos)
    else:
        st.open(kind, tok.lower(), pos, "comma")


def _after_comma(
    st: _State, toks: list[tuple[int, str]], words: list[str], i: int, cw: ClauseWords, starts: frozenset[int]
) -> int:
    """A comma closes an embedded clause and may open another; returns the next token's index."""
    pos = toks[i][0]
    if st.stack and st.stack[-1][1] == "comma":
        closed = st.cur
        st.close(pos, "comma")
        # "American troops, who had been stationed around Manbij since 2016, completed ...": the
        # comma ends "since 2016" and the relative clause it stands in
        while closed not in st.after_comma and st.stack and st.stack[-1][1] == "comma" and st.cur in st.after_comma:
            closed = st.cur
            st.close(pos, "comma")
    if i + 1 >= len(toks):
        return i + 1
    npos, nxt = toks[i + 1]
    low = nxt.lower()
    after = words[i + 2] if i + 2 < len(words) else ""
    n = _multiword_at(words, i + 1, cw)
    if n:
        st.open("subordinate", " ".join(words[i + 1 : i + 1 + n]).lower(), npos, "comma")
        st.after_comma.add(st.cur)
        return i + 1 + n
    if low in cw.coordinators and after and is_verb_form(after, cw):
        st.sibling("coordinate", low, npos)
        return i + 2
    if low in cw.coordinators and i + 2 < len(toks) and toks[i + 2][0] in starts:
        # ", and four days later Turkey opened ...": a date after the coordinator opens a clause of its own
        st.sibling("coordinate", low, npos)
        return i + 2
    kind = _word_opener(words, i + 1, ",", cw, starts, npos, toks[i + 2][0] if i + 2 < len(toks) else -1)
    if kind and kind != "coordinate":
        st.open(kind, low, npos, "comma")
        st.after_comma.add(st.cur)
        return i + 2
    if nxt.isalpha() and nxt[0].islower() and is_verb_form(nxt, cw) and low not in cw.auxiliaries:
        st.open("participle" if low.endswith("ing") else "apposition", low, npos, "comma")
        st.after_comma.add(st.cur)
        return i + 2
    return i + 1
