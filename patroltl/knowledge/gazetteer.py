"""The gazetteer: places of Syria and its surroundings, and how a name is matched to them.

Data: ``data/gazetteer.tsv`` (a GeoNames extract, generated), ``data/places_curated.tsv`` (hand
corrections and additions), a user's ``places.tsv`` (same columns, laid over both) and the places a
user imported into the database (``patroltl places import``); the kinds of place
(``data/place_kinds.toml``) and the romanisation rules of names (``data/names.toml``).

Matching a name: :meth:`NameRules.normalise` it (case, diacritics, apostrophes and ayn/hamza marks,
Arabic articles, tall/tell, ain/ayn/ein, -iya/-iyah/-iye endings), look the compact form up among
all names and alternates; failing that, compare it with ``rapidfuzz.fuzz.ratio`` to the names of its
block (same first letter or same first consonant of the consonant skeleton), adding the similarity
of the consonant skeletons as a second signal, and keep only what passes a cut-off. Candidates are
ranked by that similarity, the preferred country, the distance to the other places of the text, the
kind (a town before a zone) and the population.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from ..models import PlaceRef
from .resources import DataFiles, read_layered_toml

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
    # the alternates a curated file gives (the spellings the press uses), a subset of alternates:
    # GeoNames' own lists every language's exonym ("Cham", "Damasek") and says nothing of usage
    press_names: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.alternates)

    @property
    def coords(self) -> tuple[float, float]:
        return (self.lat, self.lon)


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
# Kinds of place


@dataclass(frozen=True, eq=False)
class PlaceKinds:
    """What each kind of place is to the stages (``data/place_kinds.toml``)."""

    ranks: dict[str, int]
    points: frozenset[str]
    populated: frozenset[str]
    bonuses: dict[str, float]

    @classmethod
    def load(cls, paths: Sequence[Path]) -> PlaceKinds:
        kinds: dict[str, dict[str, Any]] = read_layered_toml(paths).get("kind", {})
        return cls(
            ranks={k: int(v.get("rank", 5)) for k, v in kinds.items()},
            points=frozenset(k for k, v in kinds.items() if v.get("point")),
            populated=frozenset(k for k, v in kinds.items() if v.get("populated")),
            bonuses={k: float(v.get("bonus", 0.0)) for k, v in kinds.items()},
        )

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(k for k in self.ranks if k not in ("country", "unresolved"))

    def rank(self, kind: str) -> int:
        return self.ranks.get(kind, 5)

    def is_point(self, kind: str) -> bool:
        return kind in self.points


# --------------------------------------------------------------------------------------------------
# Normalisation

_NON_WORD = re.compile(r"[\W_]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff]")
_DOUBLE = re.compile(r"(.)\1+")


@dataclass(frozen=True, eq=False)
class NameRules:
    """The romanisation rules of ``data/names.toml``, compiled, with a memo of normalised words."""

    articles: frozenset[str]
    same_word: dict[str, str]
    fold: dict[int, str]
    marks: re.Pattern[str]
    ending: re.Pattern[str]
    skeleton_pairs: tuple[tuple[str, str], ...]
    vowels: re.Pattern[str]
    variant_pairs: tuple[tuple[str, str], ...] = ()
    _words: dict[str, str] = field(default_factory=dict, repr=False)
    _skeletons: dict[str, str] = field(default_factory=dict, repr=False)
    _compacts: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, paths: Sequence[Path]) -> NameRules:
        raw = read_layered_toml(paths)
        letters = raw.get("letters", {})
        endings = sorted(raw.get("endings", {}).get("iya", ()), key=len, reverse=True)
        skeleton = raw.get("skeleton", {})
        return cls(
            articles=frozenset(raw.get("articles", ())),
            same_word={str(k): str(v) for k, v in raw.get("same_word", {}).items()},
            fold=str.maketrans(dict(letters.get("fold", {}))),
            marks=re.compile("[" + re.escape("".join(letters.get("marks", ()))) + "]"),
            ending=re.compile(rf"(?<=..)(?:{'|'.join(map(re.escape, endings))})$") if endings else re.compile(r"(?!)"),
            skeleton_pairs=tuple((str(a), str(b)) for a, b in skeleton.get("same", ())),
            variant_pairs=tuple((str(a), str(b)) for a, b in raw.get("variants", {}).get("tried", ())),
            vowels=re.compile("[" + re.escape(skeleton.get("vowels", "aeiou")) + "]"),
        )

    def norm_word(self, word: str) -> str:
        """One lower-case word without marks -> its normal form ('' for an article)."""
        cached = self._words.get(word)
        if cached is not None:
            return cached
        out = word
        if word in self.articles:
            out = ""
        elif word in self.same_word:
            out = self.same_word[word]
        elif len(word) > 4:
            out = self.ending.sub("iya", word)
            if out.endswith("ah") and len(out) > 4:
                out = out[:-1]
        if len(self._words) < 200_000:
            self._words[word] = out
        return out

    def fold_text(self, text: str) -> str:
        """Lower case, no diacritics, no apostrophes."""
        s = text.lower()
        if not s.isascii():
            s = _COMBINING.sub("", unicodedata.normalize("NFKD", s.translate(self.fold)))
        return self.marks.sub("", s)

    def words(self, name: str) -> list[str]:
        return [w for w in map(self.norm_word, _NON_WORD.split(self.fold_text(name))) if w]

    def normalise(self, name: str) -> str:
        """The matching form of a place name: 'Ra’s al ‘Ayn' -> 'ras ayn', 'Ad-Darbāsīyah' -> 'darbasiya'."""
        return " ".join(self.words(name[:1000]))

    def compact(self, name: str) -> str:
        # Every word of every article is looked up here (places._tokens): memoised like norm_word.
        cached = self._compacts.get(name)
        if cached is not None:
            return cached
        out = "".join(self.words(name[:1000]))
        if len(self._compacts) < 200_000 and len(name) <= 64:
            self._compacts[name] = out
        return out

    def variants(self, key: str) -> tuple[str, ...]:
        """Other romanisations of a compact key that may be the same name ('arikha' -> 'ariha')."""
        out = []
        for a, b in self.variant_pairs:
            if a in key and (v := key.replace(a, b)) != key:
                out.append(v)
        return tuple(out)

    def skeleton(self, key: str) -> str:
        """Consonant skeleton of a normalised name: 'qamishli' -> 'kmsl', 'kamishli' -> 'kmsl'."""
        found = self._skeletons.get(key)
        if found is not None:
            return found
        s = key.replace(" ", "")
        for a, b in self.skeleton_pairs:
            s = s.replace(a, b)
        out = _DOUBLE.sub(r"\1", self.vowels.sub("", s))
        if len(self._skeletons) < 65536:
            self._skeletons[key] = out
        return out


@cache
def bundled_names() -> NameRules:
    """The bundled romanisation rules, for callers that hold no Knowledge (the views' filters)."""
    return NameRules.load(DataFiles().all("names.toml"))


def normalise(name: str) -> str:
    return bundled_names().normalise(name)


def skeleton(key: str) -> str:
    return bundled_names().skeleton(key)


# --------------------------------------------------------------------------------------------------
# Geometry


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two (lat, lon) points."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


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
        press_names=tuple(dict.fromkeys((*base.press_names, *_split_alternates(row["alternates"])))),
    )


def load_places(gazetteer: Path, *curated: Path) -> list[Place]:
    """The places of a gazetteer file with curated files applied on top, in order (corrections of
    an id they share, additions of new ids)."""
    places: dict[str, Place] = {}
    for row in _read_rows(gazetteer):
        place = _place_from_row(row)
        places[place.id] = place
    for path in curated:
        for row in _read_rows(path):
            pid = row["id"].strip()
            if pid in places:
                places[pid] = _apply_correction(places[pid], row)
            elif row["name"].strip():
                place = _place_from_row(row)
                places[pid] = replace(place, press_names=place.alternates)
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


@dataclass(frozen=True)
class Matching:
    """How close a spelling must be to a name (``[places]`` of ``data/tuning.toml``).

    ``cutoff``: the similarity (0-100) a fuzzy match needs, a blend of the plain ratio and the
    ratio of the consonant skeletons; ``min_ratio``: the plain ratio on its own (names of up to 6
    letters need ``min_ratio_short``); names of up to ``short`` letters must match exactly; only
    places of ``fuzzy_countries`` (and curated places) are matched fuzzily; a fuzzy match farther
    than ``fuzzy_far_km`` from every other place the text names is left unresolved (the villages of
    a report are near each other: "Mushayrfa" beside Ain Issa is not the town of Daraa it spells
    like); ``variant_similarity``: the similarity of a name that another romanisation of the spelling
    matches exactly ("Arikha" as "Ariha", ``[variants]`` of ``data/names.toml``); ``theatre``: the
    country the chronology is about, whose towns name what a deal is about ("the Idlib memorandum"),
    where a town abroad names where it was made ("the Sochi memorandum")."""

    cutoff: float = 85.0
    min_ratio: float = 75.0
    min_ratio_short: float = 85.0
    short: int = 4
    fuzzy_countries: frozenset[str] = frozenset({"SY", "TR", "IQ", "LB", "JO"})
    fuzzy_far_km: float = 200.0
    variant_similarity: float = 95.0
    theatre: str = "SY"


def place_files(files: DataFiles) -> list[Path]:
    """The gazetteer, the curated file and the user's places files, in the order they apply."""
    return [files.bundled("gazetteer.tsv"), files.bundled("places_curated.tsv"), *files.user("places.tsv")]


@cache
def bundled_kinds() -> PlaceKinds:
    return PlaceKinds.load(DataFiles().all("place_kinds.toml"))


class Gazetteer:
    """Places indexed by the normalised forms of all their names."""

    def __init__(
        self,
        places: Iterable[Place],
        *,
        names: NameRules | None = None,
        kinds: PlaceKinds | None = None,
        matching: Matching | None = None,
    ) -> None:
        self.names = names or bundled_names()
        self.kinds = kinds or bundled_kinds()
        self.matching = matching or Matching()
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
                key = self.names.compact(name)
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
        self._skeletons: dict[str, list[str]] | None = None
        self._cache: dict[tuple[str, bool], tuple[tuple[int, float, str, str], ...]] = {}

    def _is_regional(self, i: int) -> bool:
        p = self.places[i]
        return p.country in self.matching.fuzzy_countries or not p.id.startswith("gn:")

    def _fuzzy_blocks(self) -> dict[str, list[str]]:
        if self._blocks is None:
            blocks: dict[str, list[str]] = {}
            for key, ids in self._exact.items():
                if len(key) <= self.matching.short or not any(self._is_regional(i) for i in ids):
                    continue
                for b in {key[0], "#" + self.names.skeleton(key)[:1]}:
                    blocks.setdefault(b, []).append(key)
            self._blocks = blocks
        return self._blocks

    def _skeleton_index(self) -> dict[str, list[str]]:
        """Names of Syrian (and curated) places by their consonant skeleton, for spellings that
        differ in every vowel ("Dirna Aghi" for Dayruna Agha, "Jom Aly" for Jum Ali)."""
        if self._skeletons is None:
            index: dict[str, list[str]] = {}
            for key, ids in self._exact.items():
                if len(key) <= self.matching.short:
                    continue
                if any(self.places[i].country == "SY" or not self.places[i].id.startswith("gn:") for i in ids):
                    index.setdefault(self.names.skeleton(key), []).append(key)
            self._skeletons = index
        return self._skeletons

    @classmethod
    def load(cls, extra: Iterable[Place] = ()) -> Gazetteer:
        """The bundled gazetteer (GeoNames extract + curated file), plus ``extra`` places; with no
        extra places, one shared instance. (A Knowledge builds its own with the user's files.)"""
        from . import Knowledge  # the package builds its parts from this module

        extra = tuple(extra)
        return Knowledge(extra_places=extra).gazetteer if extra else Knowledge.bundled().gazetteer

    def __len__(self) -> int:
        return len(self.places)

    def get(self, place_id: str) -> Place | None:
        i = self._by_id.get(place_id)
        return None if i is None else self.places[i]

    # ---- matching -----------------------------------------------------------------------------

    def has_exact(self, key: str) -> bool:
        """Whether a compact normalised key is exactly some place's name or alternate."""
        return key in self._exact

    def exact(self, key: str) -> tuple[tuple[int, float, str, str], ...]:
        """The places one of whose names has exactly this compact key."""
        return self.matches(key, fuzzy=False)

    def matches(self, key: str, fuzzy: bool = True) -> tuple[tuple[int, float, str, str], ...]:
        """(place index, similarity 0-100, how, alias) for a compact key, best first."""
        if not key or len(key) > 80:
            return ()
        cached = self._cache.get((key, fuzzy))
        if cached is not None:
            return cached
        found: dict[int, tuple[int, float, str, str]] = {}
        for i in self._exact.get(key, ()):
            found[i] = (i, 100.0, "exact", self._alias_text[key])
        m = self.matching
        if fuzzy and len(key) > m.short:
            variants = self.names.variants(key) if not found else ()
            for v in variants:  # "Arikha" is "Ariha" as Russian writes it: as good as a close spelling
                for i in self._exact.get(v, ()):
                    if self._is_regional(i):
                        found[i] = (i, m.variant_similarity, "fuzzy", self._alias_text[v])
            for k in (key, *variants):
                self._fuzzy(k, found)
        if fuzzy and not found and len(key) > m.short:
            self._same_skeleton(key, found)
        result = tuple(sorted(found.values(), key=lambda t: (-t[1], t[0])))
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[(key, fuzzy)] = result
        return result

    def _fuzzy(self, key: str, found: dict[int, tuple[int, float, str, str]]) -> None:
        """The names of ``key``'s blocks that are like it, into ``found`` (the best similarity per place)."""
        from rapidfuzz import fuzz, process  # here: a command that matches no name never loads rapidfuzz

        m = self.matching
        skel = self.names.skeleton(key)
        pool: set[str] = set()
        for b in (key[0], "#" + skel[:1]):
            pool.update(self._fuzzy_blocks().get(b, ()))
        choices = [k for k in pool if abs(len(k) - len(key)) <= max(3, len(key) // 3)]
        min_ratio = m.min_ratio if len(key) > 6 else m.min_ratio_short
        for alias, ratio, _ in process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=min_ratio, limit=30):
            sim = 0.65 * ratio + 0.35 * fuzz.ratio(skel, self.names.skeleton(alias))
            if sim < m.cutoff:
                continue
            for i in self._exact[alias]:
                if not self._is_regional(i):
                    continue
                if i not in found or found[i][1] < sim:
                    found[i] = (i, sim, "fuzzy", self._alias_text[alias])

    def _same_skeleton(self, key: str, found: dict[int, tuple[int, float, str, str]]) -> None:
        """A Syrian name with the very consonants of ``key`` (at least four) and a plain likeness of
        60 or more: a transliteration that changed the vowels. Just above the cut-off: the weakest
        fuzzy match."""
        from rapidfuzz import fuzz

        skel = self.names.skeleton(key)
        if len(skel) < 4:
            return
        for alias in self._skeleton_index().get(skel, ()):
            if fuzz.ratio(key, alias) < 60:
                continue
            for i in self._exact[alias]:
                if i not in found:
                    found[i] = (i, self.matching.cutoff + 0.5, "fuzzy", self._alias_text[alias])

    def rank(
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
            score += self.kinds.bonuses.get(place.kind, 0.0)
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
        return self.rank(self.matches(self.names.compact(name)), near, country)[: max(limit, 0)]

    def best(
        self,
        name: str,
        *,
        near: Sequence[tuple[float, float]] = (),
        country: str | None = None,
    ) -> PlaceRef | None:
        """The best place for ``name`` as a PlaceRef, or None below the cut-off."""
        cands = self.resolve(name, near=near, country=country, limit=1)
        return place_ref(name, cands[0]) if cands else None


def place_ref(surface: str, cand: Candidate) -> PlaceRef:
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
