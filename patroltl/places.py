"""Place names: a gazetteer of Syria and its surroundings, name matching, and place mentions in text.

Pure: reads only the bundled data files (data/gazetteer.tsv, data/places_curated.tsv,
data/not_places.tsv), never prints, never touches the database.

Matching a name: :func:`normalise` it (case, diacritics, apostrophes and ayn/hamza marks, Arabic
articles, tall/tell, ain/ayn/ein, -iya/-iyah/-iye endings), look the compact form up among all names
and alternates; failing that, compare it with ``rapidfuzz.fuzz.ratio`` to the names of its block
(same first letter or same first consonant of the consonant skeleton), adding the similarity of the
consonant skeletons as a second signal, and keep only what passes a cut-off. Candidates are ranked by
that similarity, the preferred country, the distance to the other places of the text, the kind
(a town before a zone) and the population.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from patroltl.models import PlaceRef
from patroltl.resources import data_path

__all__ = [
    "KINDS",
    "Candidate",
    "Gazetteer",
    "Place",
    "PlaceHit",
    "distance_km",
    "find_places",
    "normalise",
    "parse_geonames_dump",
    "skeleton",
]

KINDS: tuple[str, ...] = (
    "capital",
    "city",
    "town",
    "village",
    "region",
    "crossing",
    "road",
    "river",
    "zone",
    "airbase",
)
POPULATED: frozenset[str] = frozenset({"capital", "city", "town", "village"})
COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "kind",
    "country",
    "admin1",
    "lat",
    "lon",
    "population",
    "alternates",
    "source",
)

# Similarity (0-100) a fuzzy match needs: the blend of plain ratio and skeleton ratio, and the plain
# ratio on its own. Names of up to SHORT characters (normalised) must match exactly.
CUTOFF = 85.0
MIN_RATIO = 75.0
SHORT = 4
# Countries whose places fuzzy matching may return (transliteration varies there); elsewhere exact only.
FUZZY_COUNTRIES: frozenset[str] = frozenset({"SY", "TR", "IQ", "LB", "JO"})
MAX_WINDOW = 6  # tokens in one place name ("Operation Peace Spring zone" has 4)
MAX_TOKEN = 40  # characters; longer "words" are never names
MAX_FUZZY_PER_TEXT = 400  # bounds the work on pathological input


@dataclass(frozen=True)
class Place:
    """One gazetteer record."""

    id: str
    name: str
    kind: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int
    alternates: tuple[str, ...]
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.alternates)

    @property
    def coords(self) -> tuple[float, float]:
        return (self.lat, self.lon)


@dataclass(frozen=True)
class PlaceHit:
    """A place mention found in a text; ``ref.place_id`` is None when it did not resolve."""

    start: int
    end: int
    surface: str
    ref: PlaceRef


@dataclass(frozen=True)
class Candidate:
    """A gazetteer place a name may mean, with why.

    ``score`` ranks candidates (similarity plus country, distance, kind and population bonuses);
    ``similarity`` is the string match alone (0-1); ``alias`` the name or alternate that matched.
    """

    place: Place
    score: float
    how: str  # "exact" | "fuzzy"
    alias: str = ""
    similarity: float = 0.0
    distance_km: float | None = None


# --------------------------------------------------------------------------------------------------
# Normalisation

_MARKS = re.compile(r"[’'`ʿʾ‘ʻʼ´′]")
_NON_WORD = re.compile(r"[\W_]+")
_ENDING = re.compile(r"(?<=..)(?:iyyah|iyyeh|iyyah|iyah|iyeh|iyya|iyye|iya|iye|ieh|iah|ia)$")
_TRANSLIT = str.maketrans({"ı": "i", "ə": "e", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l", "ħ": "h"})
ARTICLES: frozenset[str] = frozenset(
    {"al", "el", "ad", "ar", "as", "at", "ash", "an", "az", "adh", "ath", "ed", "er", "es", "et", "ul", "il"}
)
_WORD_MAP: dict[str, str] = {
    "tal": "tal",
    "tall": "tal",
    "tell": "tal",
    "tel": "tal",
    "til": "tal",
    "ain": "ayn",
    "ayn": "ayn",
    "ein": "ayn",
    "aïn": "ayn",
}


_WORD_CACHE: dict[str, str] = {}


def _norm_word(word: str) -> str:
    """One lower-case word without marks -> its normal form ('' for an article)."""
    cached = _WORD_CACHE.get(word)
    if cached is not None:
        return cached
    out = word
    if word in ARTICLES:
        out = ""
    elif word in _WORD_MAP:
        out = _WORD_MAP[word]
    elif len(word) > 4:
        out = _ENDING.sub("iya", word)
        if out.endswith("ah") and len(out) > 4:
            out = out[:-1]
    if len(_WORD_CACHE) < 200_000:
        _WORD_CACHE[word] = out
    return out


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff]")


def _fold(text: str) -> str:
    """Lower case, no diacritics, no apostrophes."""
    s = text.lower()
    if not s.isascii():
        s = _COMBINING.sub("", unicodedata.normalize("NFKD", s.translate(_TRANSLIT)))
    return _MARKS.sub("", s)


def _words(name: str) -> list[str]:
    return [w for w in map(_norm_word, _NON_WORD.split(_fold(name))) if w]


def normalise(name: str) -> str:
    """The matching form of a place name: 'Ra’s al ‘Ayn' -> 'ras ayn', 'Ad-Darbāsīyah' -> 'darbasiya'."""
    return " ".join(_words(name[:1000]))


def _compact(name: str) -> str:
    return "".join(_words(name[:1000]))


_SKELETON_SUBS: tuple[tuple[str, str], ...] = (
    ("ch", "sh"),
    ("dj", "j"),
    ("zh", "j"),
    ("gh", "g"),
    ("kh", "k"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("q", "k"),
    ("c", "k"),
    ("x", "k"),
)
_VOWELISH = re.compile(r"[aeiouyhw]")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def skeleton(key: str) -> str:
    """Consonant skeleton of a normalised name: 'qamishli' -> 'kmsl', 'kamishli' -> 'kmsl'."""
    s = key.replace(" ", "")
    for a, b in _SKELETON_SUBS:
        s = s.replace(a, b)
    return _DOUBLE.sub(r"\1", _VOWELISH.sub("", s))


# --------------------------------------------------------------------------------------------------
# Geometry


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two (lat, lon) points."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


# --------------------------------------------------------------------------------------------------
# Reading the data files


def _float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def _int(text: str) -> int:
    try:
        return int(float(text))
    except ValueError:
        return 0


def _split_alternates(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in text.split("|") if a.strip())


def _read_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a gazetteer TSV as column -> value (comment lines and the header skipped)."""
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if fields[0] == "id":
                continue
            fields += [""] * (len(COLUMNS) - len(fields))
            yield dict(zip(COLUMNS, fields, strict=False))


def _place_from_row(row: dict[str, str]) -> Place:
    return Place(
        id=row["id"].strip(),
        name=row["name"].strip(),
        kind=row["kind"].strip() or "village",
        country=row["country"].strip(),
        admin1=row["admin1"].strip(),
        lat=_float(row["lat"]),
        lon=_float(row["lon"]),
        population=_int(row["population"]),
        alternates=_split_alternates(row["alternates"]),
        source=row["source"].strip(),
    )


def _apply_correction(base: Place, row: dict[str, str]) -> Place:
    """A curated row for an existing id: non-empty fields replace, alternates are added."""
    name = row["name"].strip() or base.name
    alternates: list[str] = []
    for alt in (*_split_alternates(row["alternates"]), base.name, *base.alternates):
        if alt != name and alt not in alternates:
            alternates.append(alt)
    source = base.source
    if row["source"].strip():
        source = f"{base.source}; curated: {row['source'].strip()}"
    return replace(
        base,
        name=name,
        kind=row["kind"].strip() or base.kind,
        country=row["country"].strip() or base.country,
        admin1=row["admin1"].strip() or base.admin1,
        lat=_float(row["lat"]) if row["lat"].strip() else base.lat,
        lon=_float(row["lon"]) if row["lon"].strip() else base.lon,
        population=_int(row["population"]) if row["population"].strip() else base.population,
        alternates=tuple(alternates),
        source=source,
    )


def load_places(gazetteer: Path, curated: Path) -> list[Place]:
    """The places of a gazetteer file with a curated file applied on top (corrections and additions)."""
    places: dict[str, Place] = {}
    for row in _read_rows(gazetteer):
        place = _place_from_row(row)
        places[place.id] = place
    for row in _read_rows(curated):
        pid = row["id"].strip()
        if pid in places:
            places[pid] = _apply_correction(places[pid], row)
        elif row["name"].strip():
            places[pid] = _place_from_row(row)
    return list(places.values())


def parse_geonames_dump(lines: Iterable[str]) -> Iterator[Place]:
    """Places from GeoNames' own tab-separated dump format (SY.txt, cities500.txt, allCountries.txt).

    Columns: geonameid, name, asciiname, alternatenames (comma-separated), latitude, longitude,
    feature class, feature code, country code, cc2, admin1..admin4, population, ... Only populated
    places (feature class P) are kept; malformed lines are skipped.
    """
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        if len(f) < 15 or f[6] != "P":
            continue
        try:
            lat, lon = float(f[4]), float(f[5])
        except ValueError:
            continue
        name = f[1].strip()
        pop = _int(f[14])
        code = f[7]
        if code == "PPLC":
            kind = "capital"
        elif pop >= 100_000:
            kind = "city"
        elif pop >= 10_000 or code in ("PPLA", "PPLA2"):
            kind = "town"
        else:
            kind = "village"
        alts: list[str] = []
        for alt in (f[2], *f[3].split(",")):
            alt = alt.strip()
            if alt and alt != name and alt not in alts and "|" not in alt:
                alts.append(alt)
        yield Place(
            id=f"gn:{f[0]}",
            name=name,
            kind=kind,
            country=f[8],
            admin1=f[10],
            lat=lat,
            lon=lon,
            population=pop,
            alternates=tuple(alts),
            source="geonames",
        )


def parse_alternate_names(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(place id, alternate name) pairs from GeoNames' alternateNames.txt / alternateNamesV2.txt.

    Columns: alternateNameId, geonameid, isolanguage, alternate name, ... Links, postal codes and
    airport codes (isolanguage "link", "post", "iata", "icao", "faac", "wkdt") are skipped.
    """
    for line in lines:
        f = line.rstrip("\n").split("\t")
        if len(f) < 4 or not f[1].isdigit() or f[2] in ("link", "post", "iata", "icao", "faac", "wkdt", "unlc"):
            continue
        name = f[3].strip()
        if name and "|" not in name and len(name) <= 80:
            yield f"gn:{f[1]}", name


def is_alternate_names_file(first_line: str) -> bool:
    f = first_line.rstrip("\n").split("\t")
    return 4 <= len(f) <= 10 and f[0].isdigit() and f[1].isdigit()


# --------------------------------------------------------------------------------------------------
# The gazetteer

_BUNDLED: list[Place] | None = None
_BUNDLED_GAZETTEER: Gazetteer | None = None


def _bundled_places() -> list[Place]:
    global _BUNDLED
    if _BUNDLED is None:
        _BUNDLED = load_places(data_path("gazetteer.tsv"), data_path("places_curated.tsv"))
    return _BUNDLED


_KIND_BONUS: dict[str, float] = {"capital": 0.03, "city": 0.025, "town": 0.02, "village": 0.01}


class Gazetteer:
    """Places indexed by the normalised forms of all their names."""

    def __init__(self, places: Iterable[Place]) -> None:
        self.places: list[Place] = []
        self._by_id: dict[str, int] = {}
        for place in places:
            if place.id in self._by_id:
                self.places[self._by_id[place.id]] = place
            else:
                self._by_id[place.id] = len(self.places)
                self.places.append(place)
        exact: dict[str, list[int]] = {}
        alias_text: dict[str, str] = {}
        for i, place in enumerate(self.places):
            for name in place.names:
                key = _compact(name)
                if not key:
                    continue
                ids = exact.setdefault(key, [])
                if i not in ids:
                    ids.append(i)
                alias_text.setdefault(key, name)
        self._exact: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in exact.items()}
        self._alias_text = alias_text
        # Fuzzy matching only among places of the region: far-away capitals are written the standard
        # way, and "Putin" must not become a Chinese city. Built on first use.
        self._blocks: dict[str, list[str]] | None = None
        self._cache: dict[tuple[str, bool], tuple[tuple[int, float, str, str], ...]] = {}

    def _is_regional(self, i: int) -> bool:
        p = self.places[i]
        return p.country in FUZZY_COUNTRIES or not p.id.startswith("gn:")

    def _fuzzy_blocks(self) -> dict[str, list[str]]:
        if self._blocks is None:
            blocks: dict[str, list[str]] = {}
            for key, ids in self._exact.items():
                if len(key) <= SHORT or not any(self._is_regional(i) for i in ids):
                    continue
                for b in {key[0], "#" + skeleton(key)[:1]}:
                    blocks.setdefault(b, []).append(key)
            self._blocks = blocks
        return self._blocks

    @classmethod
    def load(cls, extra: Iterable[Place] = ()) -> Gazetteer:
        """The bundled gazetteer (GeoNames extract + curated file), plus ``extra`` places."""
        global _BUNDLED_GAZETTEER
        extra = list(extra)
        if not extra:
            if _BUNDLED_GAZETTEER is None:
                _BUNDLED_GAZETTEER = cls(_bundled_places())
            return _BUNDLED_GAZETTEER
        return cls([*_bundled_places(), *extra])

    def __len__(self) -> int:
        return len(self.places)

    def get(self, place_id: str) -> Place | None:
        i = self._by_id.get(place_id)
        return None if i is None else self.places[i]

    # ---- matching -----------------------------------------------------------------------------

    def has_exact(self, key: str) -> bool:
        """Whether a compact normalised key is exactly some place's name or alternate."""
        return key in self._exact

    def _match_key(self, key: str, fuzzy: bool = True) -> tuple[tuple[int, float, str, str], ...]:
        """(place index, similarity 0-100, how, alias) for a compact key, best first."""
        if not key or len(key) > 80:
            return ()
        cached = self._cache.get((key, fuzzy))
        if cached is not None:
            return cached
        found: dict[int, tuple[int, float, str, str]] = {}
        for i in self._exact.get(key, ()):
            found[i] = (i, 100.0, "exact", self._alias_text[key])
        if fuzzy and len(key) > SHORT:
            skel = skeleton(key)
            pool: set[str] = set()
            for b in (key[0], "#" + skel[:1]):
                pool.update(self._fuzzy_blocks().get(b, ()))
            choices = [k for k in pool if abs(len(k) - len(key)) <= max(3, len(key) // 3)]
            min_ratio = MIN_RATIO if len(key) > 6 else 85.0
            for alias, ratio, _ in process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=min_ratio, limit=30):
                sim = 0.65 * ratio + 0.35 * fuzz.ratio(skel, skeleton(alias))
                if sim < CUTOFF:
                    continue
                for i in self._exact[alias]:
                    if not self._is_regional(i):
                        continue
                    if i not in found or found[i][1] < sim:
                        found[i] = (i, sim, "fuzzy", self._alias_text[alias])
        result = tuple(sorted(found.values(), key=lambda t: (-t[1], t[0])))
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[(key, fuzzy)] = result
        return result

    def _rank(
        self,
        matches: Iterable[tuple[int, float, str, str]],
        near: Sequence[tuple[float, float]],
        country: str | None,
    ) -> list[Candidate]:
        out: list[Candidate] = []
        for i, sim, how, alias in matches:
            place = self.places[i]
            score = sim / 100.0
            if country and place.country == country:
                score += 0.1
            score += _KIND_BONUS.get(place.kind, 0.0)
            score += 0.02 * min(math.log10(place.population + 1), 7.0) / 7.0
            dist: float | None = None
            if near:
                dist = min(distance_km(place.coords, p) for p in near)
                score += 0.08 * math.exp(-dist / 100.0)
            out.append(Candidate(place, round(score, 6), how, alias, round(sim / 100.0, 4), dist))
        out.sort(key=lambda c: (-c.score, -c.similarity, c.place.id))
        return out

    def resolve(
        self,
        name: str,
        *,
        near: Sequence[tuple[float, float]] = (),
        country: str | None = None,
        limit: int = 5,
    ) -> list[Candidate]:
        """Places ``name`` may mean, best first; empty when nothing passes the cut-off."""
        return self._rank(self._match_key(_compact(name)), near, country)[: max(limit, 0)]

    def best(
        self,
        name: str,
        *,
        near: Sequence[tuple[float, float]] = (),
        country: str | None = None,
    ) -> PlaceRef | None:
        """The best place for ``name`` as a PlaceRef, or None below the cut-off."""
        cands = self.resolve(name, near=near, country=country, limit=1)
        return _ref(name, cands[0]) if cands else None


def _ref(surface: str, cand: Candidate) -> PlaceRef:
    p = cand.place
    return PlaceRef(
        surface=surface,
        name=p.name,
        place_id=p.id,
        lat=p.lat,
        lon=p.lon,
        kind=p.kind,
        country=p.country or None,
        score=cand.similarity,
    )


# --------------------------------------------------------------------------------------------------
# Finding places in text


@lru_cache(maxsize=4)
def _not_places(path: str) -> frozenset[str]:
    p = Path(path)
    if not p.is_file():
        return frozenset()
    keys = set()
    for line in p.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key = _compact(line)
            if key:
                keys.add(key)
            keys.add(_fold(line).replace(" ", ""))
    return frozenset(keys)


def not_places() -> frozenset[str]:
    """Normalised (compact) forms of the phrases in data/not_places.tsv."""
    return _not_places(str(data_path("not_places.tsv")))


_TOKEN = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)?")
_JOIN_GAP = re.compile(r"(?: ?[-–—‐] ?|  ?|\u00a0)")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)

# Words before a name that make it a place ("the village of X", "east of X", "between X and Y").
_STRONG_BEFORE: frozenset[str] = frozenset(
    {"village", "villages", "town", "towns", "city", "between", "outskirts", "countryside", "vicinity"}
)
_OF_HEADS: frozenset[str] = frozenset(
    {
        "village",
        "town",
        "city",
        "outskirts",
        "countryside",
        "vicinity",
        "east",
        "west",
        "north",
        "south",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
        "province",
        "governorate",
        "district",
        "region",
        "area",
        "suburbs",
        "environs",
        "villages",
        "towns",
        "kilometres",
        "kilometers",
        "km",
    }
)
_WEAK_BEFORE: frozenset[str] = frozenset(
    {
        "in",
        "at",
        "near",
        "from",
        "to",
        "toward",
        "towards",
        "into",
        "through",
        "via",
        "around",
        "outside",
        "reached",
        "reach",
        "reaching",
        "entered",
        "past",
        "along",
        "and",
    }
)
# Words after a name that make it a place ("X countryside", "the X customs checkpoint").
_STRONG_AFTER: frozenset[str] = frozenset(
    {
        "countryside",
        "village",
        "villages",
        "town",
        "region",
        "area",
        "sector",
        "province",
        "governorate",
        "district",
        "city",
        "checkpoint",
        "crossing",
        "outskirts",
        "customs",
        "border",
        "highway",
        "road",
        "airbase",
        "airport",
    }
)
_PARTICLES: frozenset[str] = frozenset({*ARTICLES, "de", "al", "el", "bin", "ibn", "abu", "umm", "bab"})


@dataclass
class _Tok:
    start: int
    end: int  # without a possessive 's
    text: str
    lower: str
    key: str
    cap: bool
    joins_next: bool = False  # the gap to the next token may lie inside a name


def _tokens(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        start, end = m.start(), m.end()
        poss = _POSSESSIVE.search(word)
        if poss and len(word) > 3:
            word = word[: poss.start()]
            end = start + len(word)
        if len(word) > MAX_TOKEN:
            toks.append(_Tok(start, end, "", "", "", False))
            continue
        lower = word.lower()
        key = "".join(_words(word))
        cap = word[0].isupper()
        toks.append(_Tok(start, end, word, lower, key, cap))
    for a, b in itertools.pairwise(toks):
        gap = text[a.end : b.start]
        a.joins_next = a.end == a.start + len(a.text) and bool(_JOIN_GAP.fullmatch(gap)) and bool(a.text)
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


def _cue(toks: list[_Tok], i: int, j: int, text: str) -> str:
    """'strong', 'weak' or '' for a candidate name made of tokens i..j-1."""
    prev = _prev_words(toks, i, text)
    nxt = _next_word(toks, j, text)
    nxt2 = _next_word(toks, j + 1, text) if nxt in ("customs", "border") else ""
    if nxt in _STRONG_AFTER and (nxt not in ("customs", "border") or nxt2 in ("checkpoint", "crossing", "gate")):
        return "strong"
    if prev:
        if prev[0] in _STRONG_BEFORE:
            return "strong"
        if prev[0] == "of" and len(prev) > 1 and prev[1] in _OF_HEADS:
            return "strong"
        if prev[0] == "and" and "between" in prev[1:]:
            return "strong"
        if prev[0] in _WEAK_BEFORE:
            return "weak"
    if i > 0 and text[toks[i - 1].end : toks[i].start].strip() == ",":
        return "weak"  # a list: "passed through Qaramogh, Jishan, ..."
    return ""


_DEMONYM = re.compile(r"(?:ian|ians|ish|ese|ans|ic|ist|ists)$")


def _glued_to_name(toks: list[_Tok], i: int, j: int, key: str, gaz: Gazetteer, stop: frozenset[str]) -> bool:
    """A one-word name followed by another capitalised word is part of a person's or organisation's
    name ("Van Geel", "Vladimir Zhirinovsky") unless it is a longer name of the region."""
    if j != i + 1 or j >= len(toks) or not toks[i].joins_next:
        return False
    if len(key) > 4 and any(gaz.places[m[0]].country in FUZZY_COUNTRIES for m in gaz._match_key(key, False)):
        return False  # "Kobani Canton", "Idlib Governorate": a local place before a title word stays
    nxt = toks[j]
    if nxt.lower in _VENUE_EVENTS:
        return False  # "the Sochi Agreement", "the Astana Process": the place is where it was agreed
    return nxt.cap and bool(nxt.key) and not gaz.has_exact(nxt.key) and nxt.lower not in _STRONG_AFTER


_VENUE_EVENTS: frozenset[str] = frozenset(
    {
        "agreement",
        "agreements",
        "memorandum",
        "summit",
        "process",
        "format",
        "accord",
        "accords",
        "deal",
        "talks",
        "meeting",
        "declaration",
        "protocol",
        "conference",
        "deal's",
        "agreement's",
    }
)


_CROSSING_HEADS: tuple[tuple[str, ...], ...] = (
    ("customs", "checkpoint"),
    ("border", "crossing"),
    ("border", "gate"),
    ("crossing", "point"),
    ("border", "checkpoint"),
    ("crossing",),
    ("checkpoint",),
    ("gate",),
)


def _crossing(toks: list[_Tok], j: int, key: str, gaz: Gazetteer) -> tuple[int, str]:
    """'the Nusaybin customs checkpoint' / 'Akcakale border gate' -> the crossing, when one is known."""
    if not gaz.has_exact(key + "crossing") or not toks[j - 1].joins_next:
        return j, key
    for head in _CROSSING_HEADS:
        end = j + len(head)
        if (
            end <= len(toks)
            and tuple(t.lower for t in toks[j:end]) == head
            and all(t.joins_next for t in toks[j - 1 : end - 1])
        ):
            return end, key + "crossing"
    return j, key


def find_places(text: str, gazetteer: Gazetteer, *, country: str | None = "SY") -> list[PlaceHit]:
    """All place mentions in ``text``, in order and non-overlapping.

    Exact name matches are taken anywhere (unless data/not_places.tsv lists the span); fuzzy matches
    and unresolved names only where the context says place ("the village of X", "X countryside",
    "between X and Y", "in X"). Ambiguous names are then settled jointly: each mention prefers the
    candidate nearest to the other places of the text, then the preferred ``country``.
    """
    stop = not_places()
    toks = _tokens(text)
    n = len(toks)
    found: list[tuple[int, int, list[tuple[int, float, str, str]]]] = []  # (tok i, tok j, matches)
    fuzzy_budget = MAX_FUZZY_PER_TEXT
    i = 0
    while i < n:
        tok = toks[i]
        starts = tok.cap or (
            tok.lower in ARTICLES and i + 1 < n and toks[i + 1].cap and text[tok.end : toks[i + 1].start] in ("-", "‐")
        )
        if not starts or not tok.text:
            i += 1
            continue
        # Longest stop phrase and longest exact place name starting here.
        key = ""
        place_key = ""
        stop_end = place_end = -1
        j = i
        while j < n and j - i < MAX_WINDOW and toks[j].text:
            key += toks[j].key
            if key:
                if key in stop:
                    stop_end = j + 1
                if toks[j].key and gazetteer.has_exact(key):
                    place_end, place_key = j + 1, key
            if not toks[j].joins_next:
                break
            j += 1
        if place_end > stop_end and _glued_to_name(toks, i, place_end, place_key, gazetteer, stop):
            place_end = -1
        if place_end > stop_end:
            place_end, place_key = _crossing(toks, place_end, place_key, gazetteer)
            found.append((i, place_end, list(gazetteer._match_key(place_key, fuzzy=False))))
            i = place_end
            continue
        if stop_end > i:
            i = stop_end
            continue
        # No exact name: a run of capitalised words may still be a place when the context says so.
        j = i
        while j < n and j - i < 4 and toks[j].text and (toks[j].cap or (j > i and toks[j].lower in _PARTICLES)):
            if j > i and toks[j].cap and (gazetteer.has_exact(toks[j].key) or toks[j].key in stop):
                break
            if not toks[j].joins_next:
                j += 1
                break
            j += 1
        while j > i + 1 and not toks[j - 1].cap:
            j -= 1
        run_key = "".join(t.key for t in toks[i:j])
        if j == i + 1 and _DEMONYM.search(toks[i].lower):
            run_key = ""  # "Italian", "Kurdish", "Syrians": adjectives and peoples, not places
        cue = _cue(toks, i, j, text) if run_key and run_key not in stop else ""
        if cue and fuzzy_budget > 0:
            fuzzy_budget -= 1
            fuzzy_matches = gazetteer._match_key(run_key)
            if fuzzy_matches:
                found.append((i, j, list(fuzzy_matches)))
                i = j
                continue
            if cue == "strong" and all(toks[k].cap or toks[k].lower in _PARTICLES for k in range(i, j)):
                found.append((i, j, []))
                i = j
                continue
        i = max(j, i + 1)

    # Joint disambiguation: each ambiguous mention prefers the candidate nearest to the first-choice
    # places of the other mentions (capitals excluded: datelines say little about the scene).
    anchors: dict[str, tuple[float, float]] = {}
    for _, _, matches in found:
        ranked = gazetteer._rank(matches, (), country)
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
            chosen[own] = gazetteer._rank(matches, near, country)[0]
        hits.append(PlaceHit(start, end, surface, _ref(surface, chosen[own])))
    return hits
