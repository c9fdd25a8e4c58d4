"""Modality and negation in scope: whether an event word reports what happened, what is announced,
a plan or topic, or what is denied.

A "will", a "to begin", a "not" belongs to the verb it governs. So a cue counts only inside the
event word's own clause (``clauses.segment``): "reached an agreement that would allow civilians to
return" reports the agreement; "held talks on Idlib ... and agreed a ceasefire" reports the
ceasefire. A negation counts only when nothing but the event's own verbs stands between it and the
event word ("have not conducted joint patrols" denies them; "gave no reason for the suspension"
does not). A capitalised "May" is the month. A bare infinitive ("to begin") announces only when no
past verb leads to it ("troops arrived in the village to begin the joint patrol" reports a patrol
that happened; "Turkey, Russia to begin patrols" announces one).

The words are the lexicon's ``[modality]`` and the event types' ``[planned]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .clauses import Clauses, clause_words, is_verb_form
from .knowledge import Lexicon, Vocabulary

FACT = "fact"
ANNOUNCED = "announced"
PLANNED = "planned"
DENIED = "denied"
HABITUAL = "habitual"  # "patrols still run", "routine joint patrols": what is done, no one event

BEFORE_CHARS = 160  # how far back a cue of the clause is looked for
_WORD = re.compile(r"[\w’'-]+")


@dataclass(frozen=True, eq=False)
class ModalWords:
    after: re.Pattern[str]  # right after the event word: "patrols would begin"
    after_possible: re.Pattern[str]  # "patrols could resume": a possibility, not an announcement
    interpretive: re.Pattern[str]  # "the withdrawal should not be read as a retreat": no plan
    courtesy: re.Pattern[str]  # after "would": "We would like to note that the units left": no plan
    negation: re.Pattern[str]
    bridge: frozenset[str]  # words a negation reaches its event word across
    infinitives: frozenset[str]  # cues that are a bare "to" + verb
    presupposed: re.Pattern[str]  # "under the March 5 agreement": an event named as a given
    dated_name: re.Pattern[str]  # "the March agreement", "the 2018 Sochi deal": an event named by its date
    habitual: re.Pattern[str]
    one_of_many: re.Pattern[str]  # "one of their regular patrols": one event of the habit
    plan_verbs: frozenset[str]  # past verbs whose infinitive is a plan ("vowed in December to begin")
    purpose: re.Pattern[str]  # "to ensure the security of": the event noun right after is a purpose
    denial: re.Pattern[str]  # "denied that a joint patrol took place": what a source says did not happen
    done: re.Pattern[str]  # "the memorandum reached at the end of the talks": it happened


@cache
def modal_words(lex: Lexicon) -> ModalWords:
    bridge = {w.lower() for w in lex.words("modality.negation_bridge")}
    bridge |= {w.lower() for w in lex.words("extract.ordinal_fillers")}
    return ModalWords(
        after=re.compile(
            rf"\W{{0,3}}(?:\w+\W+){{0,1}}(?:{lex.alternation('modality.after_trigger')})\b", re.IGNORECASE
        ),
        # lower case only: "the patrol on May 5" has the month, not the modal
        after_possible=re.compile(rf"\W{{0,3}}(?:\w+\W+){{0,1}}(?:{lex.alternation('modality.after_possible')})\b"),
        courtesy=re.compile(rf"\s{{1,3}}(?:{lex.alternation('modality.courtesy')})\b", re.IGNORECASE),
        interpretive=re.compile(
            rf"\W{{0,3}}(?:\w+\W+){{0,1}}(?:{lex.alternation('modality.after_possible')})\s{{1,3}}(?:not\s{{1,3}})?"
            rf"be\s{{1,3}}(?:{lex.alternation('modality.interpretive')})\b"
        ),
        negation=re.compile(rf"\b(?:{lex.alternation('modality.negation')})\b(?!\.)|n['’]t\b", re.IGNORECASE),
        bridge=frozenset(bridge),
        infinitives=frozenset(w.lower() for w in lex.words("modality.infinitives")),
        dated_name=re.compile(
            rf"\b(?:the|its|their)\s+(?:(?:19|20)\d\d|(?-i:{'|'.join(lex.month_names())}))"
            rf"(?:\s+\d{{1,2}})?\s+(?:(?-i:[A-Z])[\w’'-]+\s+){{0,2}}$",
            re.IGNORECASE,
        ),
        habitual=re.compile(rf"\b(?:{lex.alternation('modality.habitual')})\b", re.IGNORECASE),
        one_of_many=re.compile(
            rf"\b(?:{lex.alternation('modality.one_of_many')})\s+(?:[\w’'-]+\s+){{0,4}}$", re.IGNORECASE
        ),
        plan_verbs=frozenset(w.lower() for w in lex.words("modality.plan_verbs")),
        purpose=re.compile(rf"\b(?:{lex.alternation('modality.purposes')})\s+(?:[\w’'-]+\s+){{0,4}}$", re.IGNORECASE),
        denial=re.compile(rf"\b(?:{lex.alternation('modality.denials')})\s+(?:[\w’'-]+\s+){{0,5}}$", re.IGNORECASE),
        presupposed=re.compile(
            rf"\b(?:{lex.alternation('modality.presupposing')})\s+(?:[\w’'-]+\s+){{0,5}}$", re.IGNORECASE
        ),
        # right after the event word, in lower case as participles are written
        done=re.compile(rf"\s{{1,3}}(?:{lex.alternation('modality.done_participles')})\b"),
    )


def modality(text: str, start: int, end: int, cl: Clauses, vocab: Vocabulary, lex: Lexicon) -> str:
    """FACT, ANNOUNCED (a scheduled event: "will begin", "is to start"), PLANNED (a plan, a topic, a
    possibility, a purpose) or DENIED for the event word at ``text[start:end]``."""
    mw = modal_words(lex)
    if mw.presupposed.search(text, max(0, start - 80), start):
        return FACT  # "must secure the highway under the March 5 agreement": the agreement exists
    if mw.dated_name.search(text, max(0, start - 40), start):
        return FACT  # "a pretext to scrap the March agreement", "abandon the 2018 Sochi deal": it exists
    if mw.purpose.search(text, max(0, start - 80), start):
        return PLANNED  # "to ensure the security of the joint patrol": what something else is for
    if _negated_before(text, start, cl, mw) or _negated_after(text, end, cl, mw):
        return DENIED
    if mw.denial.search(text, max(0, start - 80), start):
        return DENIED  # "Russia denied that a joint patrol took place"
    if mw.done.match(text, end):
        return FACT  # "briefed him on his talks with ... and on the memorandum reached at their end"
    _, b = cl.span_after(end)
    if re.match(r"\s{0,2}[“\"]", text[end : end + 4]):
        b = end + 30  # 'the patrols “will be initiated ...”': the quote goes on with the same clause
    stop = min(b, end + 30)
    if mw.after_possible.match(text, end, stop) and not mw.interpretive.match(text, end, stop + 24):
        return PLANNED
    if mw.after.match(text, end, stop):
        return ANNOUNCED
    cue = _last_cue(text, start, cl, vocab, lex, mw)
    if cue is None:
        return HABITUAL if _habitual(text, start, end, cl, mw) else FACT
    if vocab.announcing is not None and vocab.announcing.fullmatch(cue):
        return ANNOUNCED
    return PLANNED


def _habitual(text: str, start: int, end: int, cl: Clauses, mw: ModalWords) -> bool:
    """A plural event word with a cue of habit in its clause ("are still running joint patrols",
    "routine joint patrols", "has carried out joint patrols in the area ever since")."""
    if not text[start:end].lower().endswith(("s", "ing")):
        return False
    if mw.one_of_many.search(text, max(0, start - 60), start):
        return False
    spans = [*cl.spans_before(start, 60), (end, min(cl.span_after(end)[1], end + 60))]
    return any(mw.habitual.search(text, lo, hi) for lo, hi in spans)


def _is_month(m: re.Match[str], lex: Lexicon) -> bool:
    """ "On May 5": a capitalised cue that is a month's name is the month, not the modal."""
    word = m.group(0)
    return word[:1].isupper() and lex.month_number(word) is not None


def _last_cue(text: str, start: int, cl: Clauses, vocab: Vocabulary, lex: Lexicon, mw: ModalWords) -> str | None:
    """The last planned word of the event word's clause before it, as written in lower case."""
    found: list[tuple[int, str]] = []
    for lo, hi in cl.spans_before(start, BEFORE_CHARS):
        for m in vocab.planned.finditer(text, lo, hi):
            if not _is_month(m, lex) and not mw.courtesy.match(text, m.end(), m.end() + 24):
                found.append((m.start(), " ".join(m.group(0).lower().split())))
    # A bare infinitive ("to begin") after a past verb is the purpose of what was done: "troops
    # arrived to begin the patrol".
    kept = [(p, c) for p, c in found if c not in mw.infinitives or not _past_verb_before(text, p, cl, lex, mw)]
    if not kept:
        return None
    others = [c for _, c in kept if c not in mw.infinitives]
    return others[-1] if others else kept[-1][1]


def _past_verb_before(text: str, pos: int, cl: Clauses, lex: Lexicon, mw: ModalWords) -> bool:
    """Whether the last verb before an infinitive is a past verb of doing ("arrived ... to begin"),
    not of planning ("vowed in December to begin")."""
    cw = clause_words(lex)
    last = ""
    for lo, hi in cl.spans_before(pos, BEFORE_CHARS):
        for m in _WORD.finditer(text, lo, hi):
            w = m.group(0)
            if w[0].islower() and w.lower() not in cw.auxiliaries and is_verb_form(w, cw) and not w.endswith("ing"):
                last = w.lower()
    return bool(last) and last not in mw.plan_verbs


def _negated_before(text: str, start: int, cl: Clauses, mw: ModalWords) -> bool:
    spans = cl.spans_before(start, 80)
    if not spans:
        return False
    last = None
    for lo, hi in spans:
        for m in mw.negation.finditer(text, lo, hi):
            last = m
    if last is None:
        return False
    between = _WORD.findall(text, last.end(), start)
    return len(between) <= 6 and all(_bridges(w, mw) for w in between)


def _negated_after(text: str, end: int, cl: Clauses, mw: ModalWords) -> bool:
    """ "the joint patrol did not take place", "the patrol was not conducted"."""
    _, b = cl.span_after(end)
    m = mw.negation.search(text, end, min(b, end + 30))
    if m is None:
        return False
    before = _WORD.findall(text, end, m.start())
    after = _WORD.findall(text, m.end(), min(b, m.end() + 30))[:2]
    bridged = all(_bridges(w, mw) for w in (*before, *after))
    return len(before) <= 2 and bool(after) and bridged


def _bridges(word: str, mw: ModalWords) -> bool:
    """A word a negation reaches the event word across: the event's own verbs and determiners, and
    capitalised words ("Russian-Turkish")."""
    return word.lower() in mw.bridge or word[:1].isupper()
