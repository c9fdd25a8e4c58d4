"""Extract stage: find the events an article reports, one Mention per event per clause.

Each trigger word from the vocabulary (data/event_types.toml) becomes a candidate event. The
temporal expressions and places of its sentence are shared out among the sentence's triggers by
distance (a date right after "said" dates the claim, not the event), so that "the patrol ... in
line with the March 5 agreement" gives the agreement, not the patrol, its March 5.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import cache
from typing import Any

from .dates import ChronologyEntry, Grounding, Timex, load_chronology
from .models import EARLIEST, POINT_KINDS, DateInterval, Mention, PlaceRef, type_family
from .places import PlaceHit, distance_km
from .vocab import FIGURE_WORDS, Vocabulary, load_vocabulary

MAX_SENTENCE = 3000  # longer runs are cut into pieces of this size: no pattern sees more at once

ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr gen lt col maj st no vs approx jr sr "
    "prof sgt capt adm gov sen rep inc corp co ltd dept est fig al".split()
)
SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+")
WORD_BEFORE = re.compile(r"([A-Za-z.]{1,12})[.]$")

CLAUSE_BREAK = re.compile(r"[;:—–()]|,\s|\s(?:while|whereas|but)\s")
ORDINAL_WORDS = {
    w: i
    for i, w in enumerate(
        "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
}
ORDINAL = re.compile(
    r"\b(?:(" + "|".join(ORDINAL_WORDS) + r")|(\d{1,4})(?:st|nd|rd|th|d))\b"
    r"((?:[\s-]+(?:such|joint|round|of|ground|land|military|turkish-russian|russian-turkish|combined|"
    r"coordinated|separate|russian|turkish|and)){0,5})[\s-]+patrol",
    re.IGNORECASE,
)
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
NUMBER = (
    r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?:"
    + "|".join(TENS)
    + rf")(?:[-\s](?:{_UNITS}))?\b|"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r")"
)
DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,40}\b")
KIND_RANK = {
    "village": 0,
    "town": 0,
    "city": 0,
    "crossing": 0,
    "airbase": 0,
    "capital": 1,
    "road": 2,
    "zone": 3,
    "region": 4,
    "river": 6,
    "unresolved": 7,
}


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    type: str
    surface: str


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: ends of sentences and line breaks, not abbreviations ("Nov. 1", "U.S.")."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        end = pos + len(line)
        cut = start
        for m in SENTENCE_END.finditer(text, start, end):
            nxt = text[m.end() : m.end() + 1]
            if not nxt or not (nxt.isupper() or nxt in '"“‘(' or nxt.isdigit()):
                continue
            w = WORD_BEFORE.search(text, max(start, m.start() - 12), m.start() + 1)
            if w and (
                w.group(1).lower().rstrip(".") in ABBREVIATIONS
                or len(w.group(1).rstrip(".")) == 1
                or "." in w.group(1).rstrip(".")
            ):
                continue
            spans.append((cut, m.start() + 1))
            cut = m.end()
        if cut < end:
            spans.append((cut, end))
        pos = end + 1
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        while b - a > MAX_SENTENCE:
            out.append((a, a + MAX_SENTENCE))
            a += MAX_SENTENCE
        if b > a:
            out.append((a, b))
    return out


JOINT_CUE = re.compile(
    r"\b(?:joint|patrol\w*|Russian-Turkish|Turkish-Russian)\b|\bRussian\b.{0,200}\bTurkish\b|"
    r"\bTurkish\b.{0,200}\bRussian\b",
    re.IGNORECASE,
)


def find_triggers(text: str, a: int, b: int, vocab: Vocabulary, blocked: Sequence[tuple[int, int]]) -> list[Trigger]:
    found: list[Trigger] = []
    modifiers: list[Trigger] = []
    for et in vocab.types:
        if et.triggers is None:
            continue
        for m in et.triggers.finditer(text, a, b):
            if any(s <= m.start() < e for s, e in blocked):
                continue
            word = m.group(0).lower()
            before = text[max(a, m.start() - 8) : m.start()].lower()
            if et.name == "military_operation" and word == "operation" and before.endswith("joint "):
                continue
            if word == "convoy" and not JOINT_CUE.search(text, a, b):
                continue  # an aid convoy or a US convoy is not a joint patrol
            t = Trigger(m.start(), m.end(), et.name, m.group(0))
            (modifiers if et.modifies else found).append(t)
    bases = list(found)
    for mod in modifiers:
        base = vocab.get(mod.type).modifies
        near = [t for t in bases if t.type == base and abs(t.start - mod.start) <= 90]
        if not near:
            continue
        found = [t for t in found if t not in near]
        found.append(mod)
    return sorted(found, key=lambda t: (t.start, t.type))[:MAX_TRIGGERS]


def _gap(a0: int, a1: int, b0: int, b1: int) -> int:
    if a1 <= b0:
        return b0 - a1
    if b1 <= a0:
        return a0 - b1
    return 0


NEAR_CHARS = 400  # a date or place further than this from a trigger belongs to the nearest one
MAX_TRIGGERS = 40  # per sentence: real sentences have a handful; hostile text is cut short here


def _nearest(span: tuple[int, int], triggers: Sequence[Trigger], text: str, *, after_bonus: int = 0) -> int:
    """Index of the trigger a date or place belongs to: the closest, within its clause if possible."""
    best, best_cost = 0, 10**9
    near = [i for i, t in enumerate(triggers) if _gap(span[0], span[1], t.start, t.end) <= NEAR_CHARS]
    for i in near or range(len(triggers)):
        t = triggers[i]
        cost = _gap(span[0], span[1], t.start, t.end)
        lo, hi = sorted((min(span[1], t.end), max(span[0], t.start)))
        between = text[lo:hi]
        cost += 25 * len(CLAUSE_BREAK.findall(between[:500]))
        cost += 60 * sum(1 for o in triggers if o is not t and lo <= o.start < hi and o.type != t.type)
        if span[0] >= t.end:
            cost -= after_bonus
            if not after_bonus and span[0] - t.end <= 80 and not re.search(r"[,;:()—–]", text[t.end : span[0]]):
                cost //= 3  # "the agreement reached in Sochi on October 22": one phrase
        if cost < best_cost:
            best, best_cost = i, cost
    return best


def is_report_date(text: str, tx: Timex, vocab: Vocabulary, floor: int) -> bool:
    """A date right after "said"/"statement ... on": when the claim was made."""
    before = text[max(floor, tx.start - 45) : tx.start]
    last = [*vocab.reporting.finditer(before)][-1:]
    if not last:
        return False
    gap = before[last[0].end() :]
    return len(gap.split()) <= 5 and not re.search(r"[.;]", gap)


def _claimant(sentence: str, vocab: Vocabulary) -> str | None:
    """Who makes the claim: a source named with a reporting verb ("the SOHR reported", "according to
    the Turkish Defence Ministry"), not any organisation the sentence names."""
    for name, pat in vocab.claimants:
        for m in pat.finditer(sentence):
            before = sentence[max(0, m.start() - 25) : m.start()].lower()
            after = sentence[m.end() : m.end() + 40]
            if (
                "according to" in before
                or "quoted" in before
                or vocab.reporting.match(re.sub(r"^(?:['’]s)?\s*(?:\w+\s+){0,2}?", "", after, count=1))
                or vocab.reporting.search(after[:25])
            ):
                return name
    return None


FUTURE_AFTER = re.compile(
    r"\W{0,3}(?:\w+\W+){0,1}(?:would|will|are to|were to|is to|was to|could|may|might)\b", re.IGNORECASE
)


NEGATION = re.compile(r"\b(?:not|never|no\s+longer|neither|nor|cannot)\b|n['’]t\b", re.IGNORECASE)


def _planned(text: str, a: int, t: Trigger, vocab: Vocabulary) -> bool:
    if FUTURE_AFTER.match(text, t.end, t.end + 30):
        return True  # "patrols would begin"
    window = text[max(a, t.start - 70) : t.start]
    breaks = list(re.finditer(r"[;.]|,\s(?:while|and|but)\s|\s(?:after|when|since)\s", window))
    if breaks:
        window = window[breaks[-1].end() :]
    # A denied event ("have not conducted joint patrols since September") did not happen either.
    return vocab.planned.search(window) is not None or NEGATION.search(window) is not None


def _to_number(s: str) -> float:
    """ "34", "2,500", "seven", "thirty-three"."""
    s = s.lower().replace(",", "")
    words = re.split(r"[-\s]+", s)
    if words[0] in TENS:
        return float(TENS[words[0]] + (NUMBER_WORDS.get(words[1], 0) if len(words) > 1 else 0))
    if s in NUMBER_WORDS:
        return float(NUMBER_WORDS[s])
    return float(s)


@cache
def _figure_patterns(
    figures: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]:
    """One compiled pattern per figure of the vocabulary, built once, with a pattern of its nouns
    alone: a sentence without the nouns is not searched for numbers at all."""
    out = []
    for name, nouns in figures:
        noun_alt = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
        if name in ("killed", "injured"):
            pat = re.compile(
                rf"\b(?:{noun_alt})\s+(?:at\s+least\s+|more\s+than\s+|some\s+)?{NUMBER}\b"
                rf"|\b{NUMBER}\s+(?:[\w-]+\s+){{0,3}}(?:were|was|have\s+been|had\s+been)\s+(?:\w+\s+)?(?:{noun_alt})\b",
                re.IGNORECASE,
            )
        else:
            pat = re.compile(
                rf"(?<![\w.-]){NUMBER}(?:[\s-]+(?!and\b|or\b)[A-Za-z][\w-]*){{0,3}}?[\s-]+(?:{noun_alt})\b",
                re.IGNORECASE,
            )
        out.append((name, re.compile(rf"\b(?:{noun_alt})\b", re.IGNORECASE), pat))
    return tuple(out)


# The lookbehind matters: without it a run of digits is re-scanned from each of its positions.
PER_SIDE = re.compile(rf"(?<![\w.,]){NUMBER}(?:\s+[A-Za-z-]+){{0,3}}?\s+from\s+each\s+(?:side|country)", re.IGNORECASE)


def figures_in(sentence: str, vocab: Vocabulary) -> tuple[tuple[str, float], ...]:
    found: dict[str, float] = {}
    for name, nouns, pat in _figure_patterns(vocab.figures):
        if not nouns.search(sentence):
            continue
        for m in pat.finditer(sentence):
            raw = next((g for g in m.groups() if g), None)
            if raw is None:
                continue
            value = _to_number(raw)
            if name in ("km",) and value > 1000:
                continue
            if value >= 1900 and name != "patrols":
                continue
            found.setdefault(name, value)
    for casualty in ("killed", "injured"):
        if casualty in found and found.get("soldiers") == found[casualty]:
            del found["soldiers"]
    per_side = PER_SIDE.search(sentence) if "each" in sentence.lower() else None
    if per_side:
        found["per_side"] = _to_number(per_side.group(1))
    return tuple(sorted(found.items()))


def _figures_for(type_: str, figures: tuple[tuple[str, float], ...]) -> tuple[tuple[str, float], ...]:
    """A count of patrols ("344 patrols until October") describes the series, not one patrol."""
    if type_ in ("patrol", "patrol_resumed"):
        return tuple(f for f in figures if f[0] != "patrols")
    return figures


def _place_rank(p: PlaceRef) -> tuple[int, int]:
    return (0 if p.resolved else 1, KIND_RANK.get(p.kind, 5))


def _dateline_end(text: str, a: int, b: int) -> int:
    """The end of an all-capitals dateline opening a sentence ("MOSCOW, November 1. /TASS/.")."""
    m = DATELINE.match(text, a, b)
    if m and m.group(0).strip().isupper() and len(m.group(0).strip()) >= 3:
        return m.end()
    return a


def summary_line(
    type_label: str,
    ordinal: int | None,
    claimants: Sequence[str],
    figures: Sequence[tuple[str, float]],
    planned: bool,
) -> str:
    """One line: what, which in the series, the figures, and who says so (the place has its own column)."""
    text = f"{type_label} no. {ordinal}" if ordinal else type_label
    figs = [f"{v:g} {FIGURE_WORDS[k]}" for k, v in figures if k in FIGURE_WORDS]
    if figs:
        text += ": " + ", ".join(figs)
    if claimants:
        text += " (per " + " and ".join(sorted(set(claimants))[:2]) + ")"
    return ("Planned: " + text) if planned else text


def extract(
    text: str,
    grounding: Grounding,
    hits: Sequence[PlaceHit],
    *,
    vocab: Vocabulary | None = None,
) -> tuple[Mention, ...]:
    vocab = vocab or load_vocabulary()
    published = grounding.published
    mentions: list[Mention] = []
    place_spans = [(h.start, h.end) for h in hits if h.ref.kind in ("zone", "road", "region")]
    prev_hits: list[PlaceHit] = []
    for a, b in sentences(text):
        body_start = _dateline_end(text, a, b)
        s_hits = [
            h
            for h in hits
            if body_start <= h.start
            and h.end <= b
            and h.ref.kind != "country"
            and not _metonym(text, h)
            and not _dateline_place(h)
        ]
        before, prev_hits = prev_hits, s_hits or prev_hits
        triggers = find_triggers(text, body_start, b, vocab, place_spans)
        if not triggers:
            _carry_figures(mentions, text[a:b], a, vocab)
            continue
        # A duration ("after nearly a year of hiatus") says how long, not when the clause happened.
        timexes = [t for t in grounding.timexes if a <= t.start and t.end <= b and t.kind != "duration"]
        anaphoric = bool(ANAPHOR.match(text, body_start, b))
        dated: dict[int, list[Timex]] = {}
        reports: list[Timex] = []
        for tx in timexes:
            if is_report_date(text, tx, vocab, a):
                reports.append(tx)
                continue
            dated.setdefault(_nearest((tx.start, tx.end), triggers, text), []).append(tx)
        placed: dict[int, list[PlaceHit]] = {}
        for h in s_hits:
            placed.setdefault(_nearest((h.start, h.end), triggers, text, after_bonus=10), []).append(h)
        _share_within_clause(text, triggers, dated, [t for t in timexes if t not in reports])
        venues = {id(h) for i, hs in placed.items() if triggers[i].type == "agreement" for h in hs}
        _share_within_clause(text, triggers, placed, [h for h in s_hits if id(h) not in venues], cross=True)
        sentence = text[a:b]
        figures = figures_in(sentence, vocab)
        actors = tuple(name for name, pat in vocab.actors if pat.search(sentence))
        claimant = _claimant(sentence, vocab)
        ordinals = [(m.start(), m) for m in ORDINAL.finditer(text, a, b)]
        seen_types: dict[str, int] = {}
        for i, trig in enumerate(triggers):
            et = vocab.get(trig.type)
            own = sorted(dated.get(i, []), key=lambda t: (_coarseness(t.interval), abs(t.start - trig.start)))
            date, date_from, date_text = _date_for(own, reports, trig, et.news, published)
            p_hits = sorted(placed.get(i, []), key=lambda h: (_place_rank(h.ref), abs(h.start - trig.start)))
            if trig.type == "agreement":
                # Where an agreement was reached: a town named after the trigger ("agreed ... in Sochi").
                p_hits = sorted(
                    (h for h in p_hits if h.ref.kind in ("city", "capital", "town", "village")),
                    key=lambda h: (h.start < trig.start, abs(h.start - trig.start)),
                )
            if not p_hits and anaphoric and before:
                # "The territory was recaptured ... in 2019": the place of the sentence before.
                p_hits = sorted(before, key=lambda h: _place_rank(h.ref))
            place = p_hits[0].ref if p_hits else None
            ordinal = None
            if trig.type.startswith("patrol") and ordinals:
                pos, om = min(ordinals, key=lambda o: abs(o[0] - trig.start))
                number = ORDINAL_WORDS.get((om.group(1) or "").lower()) or (int(om.group(2)) if om.group(2) else None)
                # Only the first few are counted place by place ("the first joint patrol in Kobani");
                # "the 100th joint patrol in the countryside of X" is the series' hundredth.
                local = bool(number and number <= 3 and _local_ordinal(text, om.end(), b, s_hits))
                if abs(pos - trig.start) < 80 and not local:
                    ordinal = number
            planned = _planned(text, a, trig, vocab)
            keys = [f"ordinal:{ordinal}"] if ordinal else []
            if not ordinal and trig.type == "patrol" and _series_start(text, a, trig, s_hits):
                keys.append("ordinal:1")  # "began joint patrols in northern Syria": the first patrol
            if trig.type == "military_operation":
                keys += _operation_keys(sentence, p_hits)
            mention = Mention(
                type=trig.type,
                sentence=sentence,
                start=a,
                end=b,
                date=date,
                place=place,
                places=tuple(h.ref for h in p_hits),
                figures=_figures_for(trig.type, figures) if et.news else (),
                ordinal=ordinal,
                actors=actors,
                claimant=claimant,
                planned=planned,
                summary=summary_line(
                    et.label, ordinal, (claimant,) if claimant else (), figures if et.news else (), planned
                ),
                keys=tuple(keys),
                date_from=date_from,
                date_text=date_text,
                place_text=place.surface if place else "",
            )
            # One mention per type per sentence, unless the sentence dates two of them apart.
            if trig.type in seen_types:
                j = seen_types[trig.type]
                prev = mentions[j]
                if prev.date_from != "text" or date_from != "text" or prev.date == date:
                    mentions[j] = _better(prev, mention)
                    continue
            seen_types[trig.type] = len(mentions)
            mentions.append(mention)
        _borrow_places(mentions, first=len(mentions) - len(set(seen_types.values())), vocab=vocab)
    mentions = [_anchored(m, text, published, vocab) if m.date_from == "none" else m for m in mentions]
    # A background event with no date cannot stand in a chronology.
    kept = _inherit_main([m for m in mentions if m.date_from != "none"], published)
    return tuple(_article_place(kept, vocab))


def _article_place(mentions: list[Mention], vocab: Vocabulary) -> list[Mention]:
    """A news event the article does not place happened, most likely, where the article's other
    news events did ("the first joint patrol on March 15" in an article about the M4 highway). The
    place is marked as inferred (no place_text, no places) and never used as evidence for merging."""
    counts: dict[str, int] = {}
    first: dict[str, PlaceRef] = {}
    for m in mentions:
        if m.place is not None and m.place.resolved and vocab.get(m.type).news and not m.planned:
            counts[m.place.name] = counts.get(m.place.name, 0) + 1
            first.setdefault(m.place.name, m.place)
    if not counts:
        return mentions
    top = max(counts, key=lambda n: (counts[n], -list(first).index(n)))
    ref = first[top]
    return [
        replace(m, place=replace(ref, surface=""), places=(), place_text="")
        if m.place is None and vocab.get(m.type).news and not m.planned
        else m
        for m in mentions
    ]


def _anchored(m: Mention, text: str, published: DateInterval, vocab: Vocabulary) -> Mention:
    found = _anchor_by_name(m.type, m.sentence, text, published, vocab)
    if found is None:
        return m
    date, date_from, date_text = found
    return replace(m, date=date, date_from=date_from, date_text=date_text)


@cache
def _word(keyword: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(keyword)}(?!\w)")


@cache
def _distinctive(keyword: str, vocab: Vocabulary) -> bool:
    """A cue that names the event itself: not a leader or a party, who take part in many events,
    and not a word for a kind of event ("deal", "memorandum"), which fits many entries."""
    if len(keyword) < 4 and not any(ch.isdigit() for ch in keyword):
        return False
    generic = (*vocab.actors, *vocab.claimants, *((t.name, t.triggers) for t in vocab.types if t.triggers))
    return not any(p is not None and re.fullmatch(p.pattern, keyword, re.IGNORECASE) for _, p in generic)


def _anchor_by_name(
    type_: str, sentence: str, article: str, published: DateInterval, vocab: Vocabulary
) -> tuple[DateInterval, str, str] | None:
    """An undated background event ("after Ankara launched Operation Peace Spring") dated by the
    reference chronology entry its sentence names, the article's other words breaking ties."""
    low_s, low_a = sentence.lower(), article[:20000].lower()
    best: tuple[int, ChronologyEntry, str] | None = None
    for entry in load_chronology():
        if entry.type != type_ or entry.start > published.end:
            continue
        in_sentence = [k for k in entry.keywords if k in low_s and _distinctive(k, vocab) and _word(k).search(low_s)]
        if not in_sentence:
            continue
        score = 2 * len(in_sentence) + sum(1 for k in entry.keywords if len(k) >= 4 and k in low_a)
        if score >= 3 and (best is None or score > best[0]):
            best = (score, entry, in_sentence[0])
    if best is None:
        return None
    _, entry, word = best
    src = f"; {entry.source}" if entry.source else ""
    iv = DateInterval(
        entry.start,
        entry.end,
        entry.precision,
        word,
        (f"no date in the clause; '{word}' names {entry.name} in the reference chronology{src}",),
    )
    return iv, "text", ""


def _coarseness(d: DateInterval) -> int:
    """Precision classes, so that a month is not preferred to another month for a day's length."""
    if d.precision == "day":
        return 0
    if d.days <= 10:
        return 1
    if d.days <= 31:
        return 2
    return 3 if d.days <= 366 else 4


# Events of these types share their clause's date across each other ("a patrol was stoned near X
# yesterday"); a background event between them ("the arrangement reached in Sochi in 2019") does not.
NEWS_TYPES = frozenset({"patrol", "patrol_resumed", "patrol_suspended", "attack"})


def _share_within_clause(
    text: str,
    triggers: Sequence[Trigger],
    owned: dict[int, list[Any]],
    items: Sequence[Any],
    *,
    cross: bool = False,
) -> None:
    """A trigger with no date (or place) of its own shares one standing in its own clause:
    "residents attacked a patrol near Qamishli on July 19" dates and places the attack too."""
    for i, t in enumerate(triggers):
        if owned.get(i) or (not cross and t.type not in NEWS_TYPES):
            continue  # a background event named inside a news clause is not dated by it
        for item in sorted(items, key=lambda x: _gap(x.start, x.end, t.start, t.end)):
            lo, hi = (t.end, item.start) if item.start >= t.end else (item.end, t.start)
            crossed = any(o is not t and lo <= o.start < hi and not (cross or o.type in NEWS_TYPES) for o in triggers)
            if hi - lo <= 120 and not crossed and not CLAUSE_BREAK.search(text, lo, max(lo, hi)):
                owned[i] = [item]
                break


def _carry_figures(mentions: list[Mention], sentence: str, at: int, vocab: Vocabulary) -> None:
    """ "There are nine vehicles in total." names no event: its figures belong to the news event of
    the sentences just before it."""
    figures = figures_in(sentence, vocab)
    if not figures or not mentions:
        return
    last = max(range(len(mentions)), key=lambda i: mentions[i].start)
    m = mentions[last]
    if not vocab.get(m.type).news or at - m.end > 400:
        return
    have = dict(m.figures)
    added = {k: v for k, v in figures if k not in have}
    if added:
        mentions[last] = replace(m, figures=_figures_for(m.type, tuple(sorted({**have, **added}.items()))))


def _borrow_places(mentions: list[Mention], *, first: int, vocab: Vocabulary) -> None:
    """An attack "during the 23rd patrol along the M-4 highway near Urum al-Joz" happened where the
    patrol was: news events of one sentence without a place of their own take the sentence's."""
    own = [m for m in mentions[first:] if m.place is not None and vocab.get(m.type).news]
    if not own:
        return
    for i in range(first, len(mentions)):
        m = mentions[i]
        if m.place is None and vocab.get(m.type).news and not m.planned:
            donor = own[0]
            mentions[i] = replace(m, place=donor.place, places=donor.places, place_text=donor.place_text)


def _inherit_main(mentions: Sequence[Mention], published: DateInterval) -> list[Mention]:
    """An undated "the patrol ..." sentence is about the patrol the article reports: give it that
    patrol's date, so that the headline, the figures sentence and the dated lead are one event."""
    out = list(mentions)
    for i, m in enumerate(out):
        if m.date_from not in ("published", "report") or m.ordinal or m.planned:
            continue
        fam = type_family(m.type)
        mains = [
            o
            for o in out
            if o is not m
            and type_family(o.type) == fam
            and o.date_from in ("text", "report")
            and not o.planned
            and o.date.days <= 31
            and o.date.overlaps(replace(published, start=published.start - timedelta(days=14), precision="days"))
            and _compatible_places(m.place, o.place)
        ]
        # The article's own event is the first it reports (the lead), not the best-dated aside; an
        # undated sentence before it (other than the headline) is not about it.
        mains = [o for o in mains if o.start < m.start or _headline(m)]
        main = min(mains, key=lambda o: o.start, default=None)
        if main is None:
            continue
        evidence = (*main.date.evidence, "the article's own event: no date in this clause")
        out[i] = replace(m, date=replace(main.date, evidence=evidence), date_from="text", date_text=main.date_text)
    return out


def _headline(m: Mention) -> bool:
    return m.start < 300 and not m.sentence.rstrip().endswith((".", "!", "?", '"', "”"))


def _compatible_places(a: PlaceRef | None, b: PlaceRef | None) -> bool:
    if a is None or b is None or a.name == b.name:
        return True
    if a.kind not in POINT_KINDS or b.kind not in POINT_KINDS:
        return True  # "the eastern Euphrates" and "the Qamishli-Derek sector" can be one patrol
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    return distance_km((a.lat, a.lon), (b.lat, b.lon)) <= 100  # type: ignore[arg-type]


LOCATIVE = re.compile(
    r"(?:\b(?:in|at|to|from|near|outside|inside|into|of|around|toward|towards)\s+(?:the\s+)?)$", re.IGNORECASE
)


VENUE_NOUN = re.compile(
    r"\s+(?:meeting|summit|talks|agreement|protocol|memorandum|accord|deal|format|process)\b", re.IGNORECASE
)


ANAPHOR = re.compile(
    r"\s*(?:The|This|That|Its)\s+(?:territory|area|region|town|city|village|zone|strip|enclave|province|"
    r"countryside|district)\b"
)
OPERATION_NAME = re.compile(r"\bOperation\s+((?:[A-Z][\w’'-]*\s?){1,3})")


def _operation_keys(sentence: str, hits: Sequence[PlaceHit]) -> list[str]:
    """A named operation, whether the sentence names it or a zone named after it ("the Operation
    Peace Spring area"): the same key lets reports of one operation find each other."""
    names = [m.group(1) for m in OPERATION_NAME.finditer(sentence)]
    names += [h.ref.name for h in hits if h.ref.kind == "zone" and h.ref.name.startswith("Operation ")]
    keys = []
    for name in names:
        words = re.sub(r"^Operation\s+", "", name).lower().split()
        words = [w for w in words if w not in ("zone", "area", "region")]
        if words:
            keys.append("op:" + " ".join(words[:2]))
    return sorted(set(keys))


def _dateline_place(h: PlaceHit) -> bool:
    """ "ERBIL (Kurdistan 24) –", "MOSCOW, November 5.": where the story was filed, not where it happened."""
    letters = [c for c in h.surface if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _metonym(text: str, h: PlaceHit) -> bool:
    """A capital that stands for its government ("Ankara-backed", "Moscow's support", "Ankara
    says") is an actor, not where something happened."""
    after = text[h.end : h.end + 8]
    if re.match(r"(?:-backed|-based|-led|-controlled|-affiliated|-aligned|['’]s\b)", after):
        return True
    if h.ref.kind == "capital":
        if VENUE_NOUN.match(text, h.end, h.end + 30):
            return False
        return LOCATIVE.search(text[max(0, h.start - 12) : h.start]) is None
    return False


LOCAL = re.compile(
    r"[^,;.]{0,70}?\bin\s+(?:the\s+)?(?:(?:canton|region|area|city|countryside|town|province)\s+of\s+)?$"
)


FINITE_VERB = re.compile(
    r"\b(?:took|takes|was|were|is|are|has|have|had|began|begun|begins|came|comes|started|starts|held|"
    r"launched|departed|passed|went)\b",
    re.IGNORECASE,
)


SERIES_START = re.compile(r"\b(?:began|begun|begin|launched|started|inaugurat\w*|commenced)\b", re.IGNORECASE)


def _series_start(text: str, a: int, t: Trigger, hits: Sequence[PlaceHit]) -> bool:
    """ "Turkey and Russia began joint patrolling in northeastern Syria on November 1" starts the
    series; "joint patrols have begun in the Kobani region" only starts them there."""
    window = text[max(a, t.start - 40) : t.end + 40]
    if not SERIES_START.search(window):
        return False
    return not any(t.start - 40 <= h.start <= t.end + 60 and h.ref.kind in POINT_KINDS for h in hits)


def _local_ordinal(text: str, at: int, b: int, hits: Sequence[PlaceHit]) -> bool:
    """ "The first joint patrol (to be conducted) in Kobani" counts patrols there, not the series;
    "the first patrol took place in the area of Qamishli" is the series' first."""
    for h in hits:
        if at <= h.start <= at + 110 and h.ref.kind in ("town", "city", "village"):
            gap = text[at : h.start]
            if LOCAL.search(gap) and not FINITE_VERB.search(gap):
                return True
    return False


def _better(a: Mention, b: Mention) -> Mention:
    """Of two mentions of one type in one sentence, keep the better-founded one, filling gaps."""
    rank = {"text": 0, "report": 1, "published": 2, "none": 3}
    first, second = (a, b) if rank[a.date_from] <= rank[b.date_from] else (b, a)
    return replace(
        first,
        place=first.place or second.place,
        places=first.places or second.places,
        place_text=first.place_text or second.place_text,
        ordinal=first.ordinal or second.ordinal,
        keys=tuple(sorted(set(first.keys) | set(second.keys))),
        planned=a.planned and b.planned,
        summary=first.summary if first.place or not second.place else second.summary,
    )


def _date_for(
    own: Sequence[Timex], reports: Sequence[Timex], trig: Trigger, news: bool, published: DateInterval
) -> tuple[DateInterval, str, str]:
    if own:
        return own[0].interval, "text", own[0].text
    if news and reports:
        tx = min(reports, key=lambda t: abs(t.start - trig.start))
        iv = tx.interval
        ev = (*iv.evidence, "the date of the statement: the clause has no date of its own")
        return replace(iv, evidence=ev), "report", tx.text
    if news:
        ev = (*published.evidence, "no date in the clause: the article's own time")
        return replace(published, evidence=ev, text=published.text), "published", ""
    end = max(published.end, EARLIEST)
    return (
        DateInterval(EARLIEST, end, "unknown", "", ("no date in the clause: some time before the article",)),
        "none",
        "",
    )
