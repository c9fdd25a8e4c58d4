"""Place mentions in text: which spans of an article name places, and which places they name.

The gazetteer, the rules of names and the kinds of place are knowledge (``patroltl.knowledge``);
the words around a name that make it a place are the lexicon's ``[places]``. Pure: never prints,
never touches the database.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from functools import cache
from typing import Any

from .knowledge import Knowledge, Lexicon
from .knowledge.gazetteer import (
    COLUMNS,
    Candidate,
    Gazetteer,
    NameRules,
    Place,
    distance_km,
    is_alternate_names_file,
    load_places,
    normalise,
    parse_alternate_names,
    parse_geonames_dump,
    place_ref,
    skeleton,
)
from .models import PlaceHit, PlaceRef
from .text import lower_case_lines

__all__ = [
    "COLUMNS",
    "Candidate",
    "Gazetteer",
    "Place",
    "PlaceHit",
    "distance_km",
    "find_places",
    "is_alternate_names_file",
    "load_places",
    "normalise",
    "parse_alternate_names",
    "parse_geonames_dump",
    "skeleton",
]

MAX_WINDOW = 6  # tokens in one place name ("Operation Peace Spring zone" has 4)
MAX_TOKEN = 40  # characters; longer "words" are never names
MAX_FUZZY_PER_TEXT = 400  # bounds the work on pathological input

# --------------------------------------------------------------------------------------------------
# Finding places in text


@dataclass(frozen=True, eq=False)
class PlaceWords:
    """The lexicon's place cue words (``[places]`` of ``data/lang/en.toml``), as sets."""

    strong_before: frozenset[str]
    of_heads: frozenset[str]
    weak_before: frozenset[str]
    strong_after: frozenset[str]
    strong_after_needs: dict[str, frozenset[str]]
    particles: frozenset[str]
    venue_events: frozenset[str]
    crossing_heads: tuple[tuple[str, ...], ...]
    demonym: re.Pattern[str]


@cache
def place_words(lex: Lexicon, articles: frozenset[str]) -> PlaceWords:
    def words(family: str) -> frozenset[str]:
        return frozenset(w.lower() for w in lex.words("places." + family))

    needs = {k: frozenset(v) for k, v in lex.table("places.strong_after_needs").items()}
    endings = "|".join(sorted(lex.words("places.demonym_endings"), key=len, reverse=True))
    return PlaceWords(
        strong_before=words("strong_before"),
        of_heads=words("of_heads"),
        weak_before=words("weak_before"),
        strong_after=words("strong_after"),
        strong_after_needs=needs,
        particles=words("particles") | articles,
        venue_events=words("venue_events"),
        crossing_heads=lex.groups("places.crossing_heads"),
        demonym=re.compile(rf"(?:{endings})$"),
    )


_TOKEN = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)?")
_JOIN_GAP = re.compile(r"(?: ?[-–—‐] ?|  ?|\u00a0)")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_S = frozenset("sSſ")  # what the s of _POSSESSIVE matches: without case, Python's re takes the long s too


@dataclass(slots=True)
class _Tok:
    start: int
    end: int  # without a possessive 's
    text: str
    lower: str
    key: str
    cap: bool
    joins_next: bool = False  # the gap to the next token may lie inside a name
    lower_line: bool = False  # in a line written all in lower case (a chat message): names are too


def _tokens(text: str, names: NameRules) -> list[_Tok]:
    toks: list[_Tok] = []
    # A page repeats its words: each distinct word is normalised once (the fold, the split and the
    # endings cost more than the scan), each distinct gap matched once.
    seen: dict[str, tuple[str, str, bool]] = {}
    for m in _TOKEN.finditer(text):
        word = m.group()
        start, end = m.start(), m.end()
        if len(word) > 3 and word[-1] in _S and word[-2] in "'’":  # a possessive 's (as _POSSESSIVE)
            word = word[:-2]
            end = start + len(word)
        if len(word) > MAX_TOKEN:
            toks.append(_Tok(start, end, "", "", "", False))
            continue
        known = seen.get(word)
        if known is None:
            known = seen[word] = (word.lower(), names.compact(word), word[0].isupper())
        toks.append(_Tok(start, end, word, *known))
    _mark_lower_lines(text, toks)
    joins: dict[str, bool] = {}
    for a, b in itertools.pairwise(toks):
        gap = text[a.end : b.start]
        joined = joins.get(gap)
        if joined is None:
            joined = joins[gap] = bool(_JOIN_GAP.fullmatch(gap))
        a.joins_next = a.end == a.start + len(a.text) and joined and bool(a.text)
        if gap == "" and a.text:  # e.g. an apostrophe-glued piece
            a.joins_next = True
    return toks


def _prev_words(toks: list[_Tok], i: int, text: str, n: int = 3) -> list[str]:
    """Up to n lower-case words before token i in the same clause, nearest first."""
    out: list[str] = []
    j = i - 1
    while j >= 0 and len(out) < n:
        gap = text[toks[j].end : toks[j + 1].start]
        if any(c in gap for c in '.;:!?()[]"“”\n'):
            break
        out.append(toks[j].lower)
        j -= 1
    return out


def _next_word(toks: list[_Tok], j: int, text: str) -> str:
    """The lower-case word after token j-1 (i.e. token j), if in the same clause."""
    if j >= len(toks) or j == 0:
        return ""
    gap = text[toks[j - 1].end : toks[j].start]
    if any(c in gap for c in '.;:!?()[]"“”\n,'):
        return ""
    return toks[j].lower


def _cue(toks: list[_Tok], i: int, j: int, text: str, pw: PlaceWords) -> str:
    """'strong', 'weak' or '' for a candidate name made of tokens i..j-1."""
    prev = _prev_words(toks, i, text)
    nxt = _next_word(toks, j, text)
    needs = pw.strong_after_needs.get(nxt)
    if nxt in pw.strong_after and (needs is None or _next_word(toks, j + 1, text) in needs):
        return "strong"
    if prev:
        if prev[0] in pw.strong_before:
            return "strong"
        if prev[0] == "of" and len(prev) > 1 and prev[1] in pw.of_heads:
            return "strong"
        if prev[0] == "and" and "between" in prev[1:]:
            return "strong"
        if prev[0] in pw.weak_before:
            return "weak"
    if i > 0 and text[toks[i - 1].end : toks[i].start].strip() == ",":
        return "weak"  # a list: "passed through Qaramogh, Jishan, ..."
    return ""


def _glued_to_name(toks: list[_Tok], i: int, j: int, key: str, gaz: Gazetteer, pw: PlaceWords) -> bool:
    """A one-word name followed by another capitalised word is part of a person's or organisation's
    name ("Van Geel", "Vladimir Zhirinovsky") unless it is a longer name of the region."""
    if j != i + 1 or j >= len(toks) or not toks[i].joins_next:
        return False
    if len(key) > 4 and any(gaz.places[m[0]].country in gaz.matching.fuzzy_countries for m in gaz.exact(key)):
        return False  # "Kobani Canton", "Idlib Governorate": a local place before a title word stays
    nxt = toks[j]
    if nxt.lower in pw.venue_events:
        return False  # "the Sochi Agreement", "the Astana Process": the place is where it was agreed
    if not nxt.key and nxt.lower in gaz.names.articles and nxt.joins_next and j + 1 < len(toks):
        # "Ain el-Khaur", "Tal al-Kharnuba": a name's first word and an article before another of
        # its words is the head of a longer name (one the gazetteer may not know), not a place alone
        nxt = toks[j + 1]
    return nxt.cap and bool(nxt.key) and not gaz.has_exact(nxt.key) and nxt.lower not in pw.strong_after


def _crossing(toks: list[_Tok], j: int, key: str, gaz: Gazetteer, pw: PlaceWords) -> tuple[int, str]:
    """'the Nusaybin customs checkpoint' / 'Akcakale border gate' -> the crossing, when one is known."""
    if not gaz.has_exact(key + "crossing") or not toks[j - 1].joins_next:
        return j, key
    for head in pw.crossing_heads:
        end = j + len(head)
        if (
            end <= len(toks)
            and tuple(t.lower for t in toks[j:end]) == head
            and all(t.joins_next for t in toks[j - 1 : end - 1])
        ):
            return end, key + "crossing"
    return j, key


Matches = list[tuple[int, float, str, str]]  # (place index, similarity, how, alias), best first
Found = tuple[int, int, Matches]  # a name spanning tokens i..j-1 and the places it may be


@dataclass
class _Scan:
    """What scanning one text reads: its tokens, the gazetteer, the stop phrases and the cue words."""

    text: str
    toks: list[_Tok]
    gazetteer: Gazetteer
    stop: frozenset[str]
    pw: PlaceWords
    fuzzy_budget: int = MAX_FUZZY_PER_TEXT
    country: str | None = None  # fuzzy matches must be of this country (or curated)


LOWER_NAME_CHARS = 5  # in a lower-case line, a place name as long as this ("sarrin", "tal samin") is taken exactly


def _mark_lower_lines(text: str, toks: list[_Tok]) -> None:
    """The tokens of a line written all in lower case (``text.lower_case_lines``) may open a name
    (an exact one, ``_names``)."""
    spans = lower_case_lines(text)
    if not spans:
        return
    starts = [a for a, _ in spans]
    for tok in toks:
        k = bisect_right(starts, tok.start) - 1
        tok.lower_line = k >= 0 and tok.start < spans[k][1]


def _may_start(sc: _Scan, i: int) -> bool:
    """A name starts at a capitalised token, or at an article glued to one ("al-Bab")."""
    tok, toks = sc.toks[i], sc.toks
    if not tok.text:
        return False
    return (
        tok.cap
        or tok.lower_line
        or (
            tok.lower in sc.gazetteer.names.articles
            and i + 1 < len(toks)
            and toks[i + 1].cap
            and sc.text[tok.end : toks[i + 1].start] in ("-", "‐")
        )
    )


def _exact_at(sc: _Scan, i: int) -> tuple[Found | None, int]:
    """1. The longest exact place name starting at token i, unless a longer stop phrase starts
    there (then the index after the stop phrase), or it is glued to a person's name."""
    toks, n = sc.toks, len(sc.toks)
    key = place_key = ""
    stop_end = place_end = -1
    j = i
    while j < n and j - i < MAX_WINDOW and toks[j].text:
        key += toks[j].key
        if key:
            if key in sc.stop:
                stop_end = j + 1
            if toks[j].key and sc.gazetteer.has_exact(key):
                place_end, place_key = j + 1, key
        if not toks[j].joins_next:
            break
        j += 1
    if place_end > stop_end and _glued_to_name(toks, i, place_end, place_key, sc.gazetteer, sc.pw):
        place_end = -1
    if place_end > stop_end:
        place_end, place_key = _crossing(toks, place_end, place_key, sc.gazetteer, sc.pw)
        return (i, place_end, list(sc.gazetteer.exact(place_key))), place_end
    return None, stop_end


def _run_at(sc: _Scan, i: int) -> tuple[Found | None, int]:
    """2. No exact name: a run of capitalised words that the context says is a place, matched
    fuzzily (or kept unresolved after a strong cue); with the index to go on from."""
    toks, n, pw = sc.toks, len(sc.toks), sc.pw
    j = i
    while j < n and j - i < 4 and toks[j].text and (toks[j].cap or (j > i and toks[j].lower in pw.particles)):
        # "Abu Rasayn": after a particle of names the next word belongs to the same name, even if
        # it is a place's name alone
        glued = toks[j - 1].lower in pw.particles if j > i else False
        if j > i and toks[j].cap and not glued and (sc.gazetteer.has_exact(toks[j].key) or toks[j].key in sc.stop):
            break
        if not toks[j].joins_next:
            j += 1
            break
        j += 1
    while j > i + 1 and not toks[j - 1].cap:
        j -= 1
    run_key = "".join(t.key for t in toks[i:j])
    if j == i + 1 and pw.demonym.search(toks[i].lower):
        run_key = ""  # "Italian", "Kurdish", "Syrians": adjectives and peoples, not places
    cue = _cue(toks, i, j, sc.text, pw) if run_key and run_key not in sc.stop else ""
    if cue and sc.fuzzy_budget > 0:
        sc.fuzzy_budget -= 1
        fuzzy_matches = _in_country(sc, sc.gazetteer.matches(run_key))
        if fuzzy_matches:
            return (i, j, list(fuzzy_matches)), j
        if (
            cue == "strong"
            and all(toks[k].cap or toks[k].lower in pw.particles for k in range(i, j))
            and not _title_case_line(sc.text, toks[i].start)
        ):
            return (i, j, []), j
    return None, max(j, i + 1)


_LINE_WORD = re.compile(r"[^\W\d_]{4,}")
TITLE_CASE_SHARE = 0.7  # of a line's longer words capitalised: a headline in title case


def _title_case_line(text: str, at: int) -> bool:
    """ "SDF Confirms Pull-Back From Border Strip, Says Turkish-Backed Groups Still Shelling": in a
    headline in title case every word is capitalised, so a capitalised run after a cue ("from") is
    no sign of a place the gazetteer lacks."""
    a = text.rfind("\n", 0, at) + 1
    b = text.find("\n", at)
    line = text[a : b if b >= 0 else min(len(text), at + 300)][:300]
    words = _LINE_WORD.findall(line)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


def _in_country(sc: _Scan, matches: Sequence[tuple[int, float, str, str]]) -> list[tuple[int, float, str, str]]:
    """A spelling that is only like a name is read as a place of the article's country: a village
    list in Syria does not match a resort in Turkey or a city in Jordan ("Zarkan" is no Zarqa)."""
    if sc.country is None:
        return list(matches)
    places = sc.gazetteer.places
    return [
        m
        for m in matches
        if m[2] == "exact" or places[m[0]].country == sc.country or not places[m[0]].id.startswith("gn:")
    ]


def _names(sc: _Scan) -> list[Found]:
    found: list[Found] = []
    i = 0
    while i < len(sc.toks):
        if not _may_start(sc, i):
            i += 1
            continue
        if sc.toks[i].lower_line and not sc.toks[i].cap:
            hit, nxt = _lower_case_name_at(sc, i)
            if hit is not None:
                found.append(hit)
            i = max(nxt, i + 1)
            continue
        hit, nxt = _exact_at(sc, i)
        # a particle that is no place alone ("Abu") may still open a name ("Abu Rasayn")
        if hit is None and (nxt <= i or sc.toks[i].lower in sc.pw.particles):
            run_hit, run_nxt = _run_at(sc, i)
            if run_hit is not None or nxt <= i:
                hit, nxt = run_hit, run_nxt
        if hit is not None:
            found.append(hit)
        i = max(nxt, i + 1)
    return found


def _lower_case_name_at(sc: _Scan, i: int) -> tuple[Found | None, int]:
    """In a lower-case line, only an exact name long enough not to be a word ("sarrin"), not opened
    by a word that is an article elsewhere ("at sarrin" is "at" and Sarrin) or a piece of a user name
    ("roj_kobani", "@kobane_mapper"), and no country ("crossed back into turkey" in a chat says
    nothing a place would). Returns the name, if any, and the index to go on from."""
    tok, text = sc.toks[i], sc.text
    glued = text[tok.end : tok.end + 1] in ("-", "‐")
    handle = text[max(0, tok.start - 1) : tok.start] in ("_", "@") or text[tok.end : tok.end + 1] == "_"
    if (tok.lower in sc.gazetteer.names.articles and not glued) or handle:
        return None, i + 1
    hit, nxt = _exact_at(sc, i)
    if hit is None or len("".join(t.key for t in sc.toks[hit[0] : hit[1]])) < LOWER_NAME_CHARS:
        return None, nxt
    if any(sc.gazetteer.places[m[0]].kind == "country" for m in hit[2]):
        return None, nxt
    return hit, nxt


def _settle(sc: _Scan, found: Sequence[Found], country: str | None) -> list[PlaceHit]:
    """3. Joint disambiguation: each ambiguous mention prefers the candidate nearest to the
    first-choice places of the other mentions (capitals excluded: datelines say little about the
    scene), then the preferred ``country``."""
    gazetteer, toks, text = sc.gazetteer, sc.toks, sc.text
    anchors: dict[str, tuple[float, float]] = {}
    for _, _, matches in found:
        ranked = gazetteer.rank(matches, (), country)
        if ranked and ranked[0].place.kind != "capital" and ranked[0].place.coords != (0.0, 0.0):
            anchors.setdefault(ranked[0].place.id, ranked[0].place.coords)
        if len(anchors) >= 64:
            break
    chosen: dict[tuple[int, ...], Candidate] = {}
    hits: list[PlaceHit] = []
    for i, j, matches in found:
        start, end = toks[i].start, toks[j - 1].end
        surface = text[start:end]
        if not matches:
            hits.append(PlaceHit(start, end, surface, PlaceRef(surface=surface, name=surface)))
            continue
        own = tuple(sorted(m[0] for m in matches))
        if own not in chosen:
            own_ids = {gazetteer.places[m].id for m in own}
            near = [c for pid, c in anchors.items() if pid not in own_ids]
            chosen[own] = gazetteer.rank(matches, near, country)[0]
        best = chosen[own]
        far = gazetteer.matching.fuzzy_far_km
        if best.how != "exact" and best.distance_km is not None and best.distance_km > far:
            # a spelling like a place far from all the others the text names: another, unknown place
            hits.append(PlaceHit(start, end, surface, PlaceRef(surface=surface, name=surface)))
            continue
        hits.append(PlaceHit(start, end, surface, place_ref(surface, best)))
    return hits


def find_places(
    text: str, gazetteer: Gazetteer, *, country: str | None = "SY", kn: Knowledge | None = None
) -> list[PlaceHit]:
    """All place mentions in ``text``, in order and non-overlapping.

    Exact name matches are taken anywhere (unless data/not_places.tsv lists the span); fuzzy matches
    and unresolved names only where the context says place ("the village of X", "X countryside",
    "between X and Y", "in X"). Ambiguous names are then settled jointly: each mention prefers the
    candidate nearest to the other places of the text, then the preferred ``country``.
    """
    kn = kn or Knowledge.bundled()
    pw = place_words(kn.lexicon, gazetteer.names.articles)
    sc = _Scan(text, _tokens(text, gazetteer.names), gazetteer, kn.not_places, pw, country=country)
    return _as_provinces(text, _settle(sc, _names(sc), country), _province_pattern(kn.lexicon), kn.kinds.is_point)


@cache
def _province_pattern(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    heads = lex.alternation("places.province_heads")
    # "Hasakah province", "Raqqa and Hasakah provinces"; "the province of Aleppo", "the provinces of
    # Raqqa and Hasakah"
    return re.compile(
        rf"(?:\s{{1,3}}(?:and|,)\s{{1,3}}[\w-]{{1,30}})?\s{{1,3}}(?:{heads})s?\b", re.IGNORECASE
    ), re.compile(
        rf"\b(?:{heads})s?\s{{1,3}}of\s{{1,3}}(?:the\s{{1,3}})?(?:[\w-]{{1,30}}\s{{0,3}}(?:and|,)\s{{1,3}})?$",
        re.IGNORECASE,
    )


def _as_provinces(
    text: str,
    hits: list[PlaceHit],
    patterns: tuple[re.Pattern[str], re.Pattern[str]],
    point: Callable[[str], bool],
) -> list[PlaceHit]:
    """A city named as its province ("Hasakah province", "the province of Aleppo") is a region there:
    the same place, ranked after the towns of its sentence."""
    after, before = patterns
    out: list[PlaceHit] = []
    for h in hits:
        if h.ref.kind in ("city", "capital") and (
            after.match(text, h.end, h.end + 50)
            or before.search(text[max(0, h.start - 60) : h.start])
            or (out and _within(text, out[-1], h, point))
        ):
            h = replace(h, ref=replace(h.ref, kind="region"))
        out.append(h)
    return out


WITHIN_KM = 120.0  # "Amuda in Al-Hasakah": a town this near the city after "in" lies in its province
_IN = re.compile(r"\s{1,3}in\s{1,3}(?:the\s{1,3})?")


def _within(text: str, prev: PlaceHit, h: PlaceHit, point: Callable[[str], bool]) -> bool:
    """ "the countryside of Amuda in Al-Hasakah", "Ain Issa in Raqqa": a town, "in" and a city near
    it: the city names the province the town lies in."""
    a, b = prev.ref, h.ref
    if (
        _IN.fullmatch(text, prev.end, h.start) is None
        or None in (a.lat, a.lon, b.lat, b.lon)
        or a.place_id == b.place_id
    ):
        return False
    if not point(a.kind):
        return False
    return distance_km((a.lat or 0.0, a.lon or 0.0), (b.lat or 0.0, b.lon or 0.0)) <= WITHIN_KM


def resolve_rows(gazetteer: Gazetteer, names: Sequence[str], limit: int) -> list[dict[str, object]]:
    """`places resolve`: for each name its best candidates (or one row saying there is no match),
    as flat rows for a table or JSON."""
    out: list[dict[str, object]] = []
    for name in names:
        cands = gazetteer.resolve(name, limit=limit)
        for c in cands:
            out.append(
                {
                    "query": name,
                    "id": c.place.id,
                    "name": c.place.name,
                    "kind": c.place.kind,
                    "country": c.place.country,
                    "lat": c.place.lat,
                    "lon": c.place.lon,
                    "score": round(100 * c.similarity),
                    "rank": round(c.score, 3),
                    "how": c.how,
                    "matched": c.alias,
                }
            )
        if not cands:
            empty = dict.fromkeys(("id", "name", "kind", "country", "lat", "lon", "matched"))
            out.append({"query": name, **empty, "score": 0, "rank": 0, "how": "no match"})
    return out


def alternate_name_rows(
    lines: Iterable[str], known: dict[str, dict[str, Any]], gazetteer: Gazetteer
) -> list[tuple[str, dict[str, Any]]]:
    """GeoNames alternateNames lines laid over the places they name: the user's imported places
    (``known``) or the bundled gazetteer's; names of other places are skipped."""
    extra: dict[str, list[str]] = {}
    for pid, name in parse_alternate_names(lines):
        if pid in known or gazetteer.get(pid) is not None:
            extra.setdefault(pid, []).append(name)
    rows: list[tuple[str, dict[str, Any]]] = []
    for pid, names in extra.items():
        place = gazetteer.get(pid)
        base: dict[str, Any] = dict(known.get(pid) or (asdict(place) if place is not None else {}))
        have = [str(a) for a in base.get("alternates") or ()]
        rows.append((pid, {**base, "alternates": list(dict.fromkeys([*have, *names]))}))
    return rows


def on_earth(lat: float, lon: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def place_rows(
    places: Iterable[Place], countries: Iterable[str], skipped: list[str] | None = None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Places of a GeoNames dump as rows for the database's gazetteer, only those of ``countries``
    when any are given, and only those with real coordinates (NaN made the JSON export invalid,
    infinity broke every distance to the place): the others' ids go to ``skipped``."""
    wanted = {c.upper() for c in countries}
    for p in places:
        if wanted and p.country not in wanted:
            continue
        if not on_earth(p.lat, p.lon):
            if skipped is not None:
                skipped.append(p.id)
            continue
        yield p.id, {**asdict(p), "alternates": list(p.alternates)}
