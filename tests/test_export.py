"""Exports (patroltl.export): golden files for every format over fixed events, validity checks, and
hostile article text that must stay inert in each format.

Regenerate the golden files with ``PATROLTL_UPDATE_GOLDEN=1 pytest tests/test_export.py tests/test_render.py``
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from patroltl.contract import to_contract
from patroltl.export import (
    EXPORTERS,
    ExportOptions,
    csv_cell,
    describe_date,
    dumps,
    left_out,
    md_escape,
    safe_url,
    to_csv,
    to_csv_mentions,
    to_geojson,
    to_html,
    to_ics,
    to_jsonl,
    to_markdown,
    to_timelinejs,
)
from patroltl.intervals import is_dated
from patroltl.models import EARLIEST, LATEST, DateInterval, Event, Mention, PlaceRef, StoredMention

GOLDEN = Path(__file__).resolve().parent / "golden"
ROOT = Path(__file__).resolve().parents[1]
UPDATE = os.environ.get("PATROLTL_UPDATE_GOLDEN") == "1"


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME byte for byte (CRLF kept); PATROLTL_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    if not path.exists():
        pytest.fail(f"{path} is missing: run with PATROLTL_UPDATE_GOLDEN=1 to create it")
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{name} differs from its golden file (PATROLTL_UPDATE_GOLDEN=1 to accept)"


# --- fixed events ------------------------------------------------------------------------------------


def day(y: int, m: int, d: int, text: str = "") -> DateInterval:
    return DateInterval(date(y, m, d), date(y, m, d), "day", text, ("test",))


def place(name: str, lat: float | None = None, lon: float | None = None) -> PlaceRef:
    return PlaceRef(
        surface=name,
        name=name,
        place_id=f"test:{name}" if lat is not None else None,
        lat=lat,
        lon=lon,
        kind="town" if lat is not None else "unresolved",
        country="SY",
        score=100.0,
    )


def mention(
    key: str,
    outlet: str,
    side: str,
    sentence: str,
    when: DateInterval,
    *,
    type_: str = "patrol",
    published: DateInterval | None = None,
    date_text: str = "",
    place_text: str = "",
    where: PlaceRef | None = None,
    url: str | None = None,
    title: str | None = None,
) -> StoredMention:
    m = Mention(
        type=type_,
        sentence=sentence,
        start=0,
        end=len(sentence),
        date=when,
        place=where,
        places=(where,) if where else (),
        date_text=date_text,
        place_text=place_text,
        summary=sentence[:40],
    )
    return StoredMention(
        key=key,
        article_path=f"articles/{key.split(':')[0]}.txt",
        article_hash="h" + key,
        outlet=outlet,
        side=side,
        published=published or when,
        mention=m,
        url=url,
        title=title,
    )


def event(
    id_: str,
    type_: str,
    when: DateInterval,
    summary: str,
    members: Sequence[StoredMention],
    where: PlaceRef | None = None,
    figures: tuple[tuple[str, float], ...] = (),
) -> Event:
    return Event(
        id=id_,
        type=type_,
        date=when,
        place=where,
        aliases=(where.name,) if where else (),
        summary=summary,
        members=tuple(members),
        figures=figures,
    )


def sample_events() -> list[Event]:
    """A small fixed chronology, oldest first, one event per kind of date precision."""
    tal_abyad = place("Tall Abyad", 36.6974, 38.9567)
    tal_rifaat = place("Tal Rifaat", 36.47229, 37.09471)
    kobani = place("Kobani", 36.8910, 38.3536)
    year_2018 = DateInterval(date(2018, 1, 1), date(2018, 12, 31), "year", "in 2018", ("year only",))
    oct_2019 = DateInterval(date(2019, 10, 1), date(2019, 10, 31), "month", "in October", ("month only",))
    spring = DateInterval(date(2019, 3, 12), date(2019, 4, 8), "days", "since March 12", ("range",))
    march_15 = DateInterval(EARLIEST, LATEST, "unknown", "March 15", ("year unknown",), month=3, day=15)
    return [
        event(
            "e1000000aa",
            "military_operation",
            year_2018,
            "Military operation at Afrin",
            [
                mention(
                    "a1:1",
                    "Middle East Online",
                    "international",
                    "Afrin was captured after a military operation in 2018.",
                    year_2018,
                    type_="military_operation",
                    published=day(2019, 4, 8),
                    date_text="in 2018",
                    place_text="Afrin",
                    url="https://middle-east-online.com/en/turkey-russia-begin-joint-patrols",
                    title="Turkey, Russia begin joint patrols in Syrian city",
                ),
            ],
            place("Afrin", 36.5119, 36.8695),
        ),
        event(
            "e2000000bb",
            "patrol",
            spring,
            "Joint patrols at Tal Rifaat",
            [
                mention(
                    "a1:2",
                    "Middle East Online",
                    "international",
                    "Turkish and Russian forces have patrolled Tal Rifaat since March 12.",
                    spring,
                    published=day(2019, 4, 8),
                    date_text="since March 12",
                    place_text="Tal Rifaat",
                    where=tal_rifaat,
                    url="https://middle-east-online.com/en/turkey-russia-begin-joint-patrols",
                    title="Turkey, Russia begin joint patrols in Syrian city",
                ),
            ],
            tal_rifaat,
        ),
        event(
            "e3000000cc",
            "agreement",
            oct_2019,
            "Agreement in Sochi",
            [
                mention(
                    "a2:1",
                    "TASS",
                    "russian_state",
                    "In October, Russia and Turkey signed a memorandum in Sochi.",
                    oct_2019,
                    type_="agreement",
                    published=day(2019, 11, 1),
                    date_text="In October",
                    url="https://tass.com/defense/1086857",
                    title="Russian, Turkish militaries launch joint patrol",
                ),
            ],
        ),
        event(
            "e4000000dd",
            "patrol",
            day(2019, 11, 1, "Friday"),
            "Joint patrol no. 1 at Tall Abyad",
            [
                mention(
                    "a2:2",
                    "TASS",
                    "russian_state",
                    "The first joint patrol, with 4 vehicles, took place near Tall Abyad on Friday.",
                    day(2019, 11, 1, "Friday"),
                    published=day(2019, 11, 1),
                    date_text="on Friday",
                    place_text="Tall Abyad",
                    where=tal_abyad,
                    url="https://tass.com/defense/1086857",
                    title="Russian, Turkish militaries launch joint patrol",
                ),
                mention(
                    "a3:1",
                    "Anadolu Agency",
                    "turkish_state",
                    "Turkish and Russian troops held their first joint patrol east of the Euphrates; "
                    "the convoy, 8 vehicles, left Tal Abyad.",
                    day(2019, 11, 1),
                    published=day(2019, 11, 1),
                    place_text="Tal Abyad",
                    where=tal_abyad,
                    url="https://www.aa.com.tr/en/middle-east/first-joint-patrol/1632",
                ),
                mention(
                    "a4:1",
                    "Hawar News Agency",
                    "kurdish",
                    "Residents pelted the convoy with stones, ANHA said.",
                    day(2019, 11, 1),
                    type_="attack",
                    published=day(2019, 11, 2),
                    where=tal_abyad,
                ),
            ],
            tal_abyad,
            figures=(("vehicles", 4.0), ("km", 2.5)),
        ),
        event(
            "e5000000ee",
            "patrol_suspended",
            march_15,
            "Patrols suspended at Kobani",
            [
                mention(
                    "a5:1",
                    "Syria TV",
                    "syrian_opposition",
                    "Patrols were suspended near Kobani on March 15.",
                    march_15,
                    published=day(2020, 3, 10),
                    date_text="March 15",
                    place_text="Kobani",
                    where=kobani,
                ),
                mention(
                    "a6:1",
                    "The Hindu",
                    "international",
                    "Russia suspended the patrols on March 15, officials said.",
                    march_15,
                    published=day(2020, 6, 1),
                    date_text="March 15",
                ),
            ],
            kobani,
        ),
        event(
            "e6000000ff",
            "withdrawal",
            DateInterval(EARLIEST, LATEST, "unknown", "", ("no date found",)),
            "Withdrawal",
            [
                mention(
                    "a6:2",
                    "The Hindu",
                    "international",
                    "The Kurdish forces withdrew from the border strip.",
                    DateInterval(EARLIEST, LATEST, "unknown"),
                    type_="withdrawal",
                    published=day(2020, 6, 1),
                ),
            ],
        ),
    ]


HOSTILE = (
    "[bold red]FAKE[/bold red] [link=https://evil.example]click[/link] \x1b[31mRED\x1b[0m\x1b]8;;https://x\x07"
    " <script>alert(1)</script><img src=x onerror=alert(2)> \"quoted\" 'single' & amp"
    ' \u202eevil\u202c ze\u200bro\u2066wid\u2069th\ufeff =HYPERLINK("http://x") ;, \\ end\r\nnext'
)


def hostile_events() -> list[Event]:
    """Every article-derived field carries hostile text; one event starts its text with a formula."""
    bad_place = PlaceRef(
        surface=HOSTILE, name="Tal<b>Abyad</b>\u202e", place_id="test:x", lat=36.7, lon=38.9, kind="town"
    )
    m1 = mention(
        "h1:1",
        "=cmd|' /C calc'!A0",
        "russian_state",
        "=1+2 " + HOSTILE,
        day(2019, 11, 1),
        published=day(2019, 11, 1),
        date_text="[bold]Nov 1",
        place_text="<script>",
        where=bad_place,
        url="javascript:alert(1)",
        title="<b>Headline</b> [x](javascript:alert(3))",
    )
    m2 = mention(
        "h2:1",
        "@SUM(A1)\u202e<i>",
        "kurdish",
        "-2+3 " + HOSTILE,
        day(2019, 11, 1),
        published=day(2019, 11, 1),
        url='https://evil.example/a b"><script>alert(4)</script>)\n[y](z)',
        title="=HYPERLINK(1) " + HOSTILE,
    )
    ev1 = event("e7000000aa", "patrol", day(2019, 11, 1), "+" + HOSTILE, [m1, m2], bad_place)
    ev2 = event(
        "e8000000bb",
        "attack",
        DateInterval(date(2019, 11, 2), date(2019, 11, 4), "days"),
        "\tTabbed " + HOSTILE,
        [mention("h3:1", "[red]Outlet[/red]", "unknown", HOSTILE, day(2019, 11, 2), published=day(2019, 11, 5))],
    )
    return [ev1, ev2]


BIDI_OR_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff\x1b\r\x07]")


# --- golden files ------------------------------------------------------------------------------------

GOLDEN_NAMES = {
    "json": "export.json",
    "jsonl": "export.jsonl",
    "csv": "export.csv",
    "csv-mentions": "export-mentions.csv",
    "markdown": "export.md",
    "timelinejs": "export.timelinejs.json",
    "geojson": "export.geojson",
    "ics": "export.ics",
    "html": "export.html",
}


def test_every_exporter_has_a_golden_file() -> None:
    assert set(GOLDEN_NAMES) == set(EXPORTERS)


def test_the_format_names_the_cli_offers_are_the_exporters() -> None:
    """`timeline --format` reads the names from ``views`` (not loading the exporters): the same ones."""
    from patroltl.views import FORMATS

    assert tuple(EXPORTERS) == FORMATS


def _pinned(m: re.Match[str]) -> str:
    tag, body = m.group(1), m.group(2)
    digest = hashlib.sha256(body.encode()).hexdigest()[:16]
    return f"<{tag}>/* {len(body)} characters, sha256 {digest} */</{tag}>"


@pytest.mark.parametrize("fmt", sorted(GOLDEN_NAMES))
def test_golden(fmt: str) -> None:
    out = EXPORTERS[fmt](sample_events(), None, STAMP)
    if fmt == "html":  # the inlined Leaflet, its plugin and the stylesheet pinned by their hash
        out = re.sub(r"<(script|style)>(.{3000,}?)</\1>", _pinned, out, flags=re.DOTALL)
    check_golden(GOLDEN_NAMES[fmt], out)


@pytest.mark.parametrize("fmt", sorted(GOLDEN_NAMES))
def test_deterministic_and_pure(fmt: str) -> None:
    events = sample_events()
    assert EXPORTERS[fmt](events) == EXPORTERS[fmt](list(events))
    assert EXPORTERS[fmt]([]) == EXPORTERS[fmt]([])


@pytest.mark.parametrize("fmt", sorted(GOLDEN_NAMES))
def test_keeps_the_given_order(fmt: str) -> None:
    """Except that the formats with month headings put the undated events last, under one heading."""
    events = list(reversed(sample_events()))
    out = EXPORTERS[fmt](events)
    if fmt in ("markdown", "html"):
        events = [e for e in events if is_dated(e.date)] + [e for e in events if not is_dated(e.date)]
    positions = [out.find(ev.id) for ev in events]
    found = [p for p in positions if p >= 0]
    assert found == sorted(found)
    if fmt in ("json", "jsonl", "csv", "csv-mentions", "markdown", "html"):
        assert -1 not in positions


# --- the JSON contract -------------------------------------------------------------------------------


def test_contract_keys_are_kept() -> None:
    doc = json.loads(dumps(sample_events()))
    ev = doc["events"][3]
    assert {"id", "type", "summary", "date", "place", "sources", "figures", "mentions"} <= set(ev)
    assert set(ev["date"]) >= {"start", "end", "precision", "text", "display", "evidence"}
    assert set(ev["place"]) >= {"name", "lat", "lon", "aliases", "id", "kind"}
    assert set(ev["mentions"][0]) >= {
        "key",
        "article",
        "source",
        "side",
        "sentence",
        "type",
        "date_text",
        "date",
        "date_from",
        "place_text",
        "claimant",
        "ordinal",
        "url",
        "title",
    }
    assert ev["mentions"][0]["url"] == "https://tass.com/defense/1086857"
    assert ev["mentions"][0]["title"] == "Russian, Turkish militaries launch joint patrol"
    assert ev["mentions"][2]["url"] is None and ev["mentions"][2]["article"] == "articles/a4.txt"
    assert ev["figures"] == {"vehicles": 4, "km": 2.5}
    assert ev["date"]["display"] == "2019-11-01"
    assert doc == to_contract(sample_events())


def test_candidate_years_for_a_yearless_date() -> None:
    doc = json.loads(dumps(sample_events()))
    suspended = doc["events"][4]
    assert suspended["date"]["display"] == "????-03-15"
    assert suspended["candidate_years"] == [2019, 2020]
    assert doc["events"][3]["candidate_years"] == []


def test_jsonl_one_event_per_line() -> None:
    events = sample_events() + hostile_events()
    out = to_jsonl(events)
    lines = out.split("\n")
    assert lines[-1] == ""
    assert [json.loads(line)["id"] for line in lines[:-1]] == [e.id for e in events]
    assert len(out.splitlines()) == len(events)  # no U+2028 or stray CR splits a record


# --- CSV ---------------------------------------------------------------------------------------------


def test_csv_rows() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(sample_events()), newline="")))
    assert [r["id"] for r in rows] == [e.id for e in sample_events()]
    patrol = rows[3]
    assert patrol["date"] == "2019-11-01" and patrol["outlet_count"] == "3"
    assert patrol["lat"] == "36.6974" and patrol["lon"] == "38.9567"
    assert patrol["outlets"] == "Anadolu Agency; Hawar News Agency; TASS"
    # one column per figure, numbers as numbers; the series number an integer
    assert patrol["figure_vehicles"] == "4" and patrol["figure_km"] == "2.5"
    assert rows[0]["figure_vehicles"] == ""
    assert patrol["url"] == "https://tass.com/defense/1086857"
    assert (
        patrol["urls"]
        == "https://tass.com/defense/1086857 https://www.aa.com.tr/en/middle-east/first-joint-patrol/1632"
    )
    assert patrol["titles"] == "Russian, Turkish militaries launch joint patrol"
    assert rows[1]["date_words"] == "between 12 March and 8 April 2019"
    mentions = list(csv.DictReader(io.StringIO(to_csv_mentions(sample_events()), newline="")))
    assert len(mentions) == sum(len(e.members) for e in sample_events())
    assert mentions[0]["event_id"] == "e1000000aa"
    assert mentions[0]["url"].startswith("https://middle-east-online.com/")
    assert mentions[0]["title"] == "Turkey, Russia begin joint patrols in Syrian city"


def test_csv_ordinal_is_an_integer() -> None:
    events = sample_events()
    patrol = events[3]
    numbered = [replace(sm, mention=replace(sm.mention, ordinal=1)) for sm in patrol.members[:2]]
    events[3] = replace(patrol, members=(*numbered, patrol.members[2]))
    rows = list(csv.DictReader(io.StringIO(to_csv(events), newline="")))
    assert rows[3]["ordinal"] == "1" and rows[0]["ordinal"] == ""
    mentions = list(csv.DictReader(io.StringIO(to_csv_mentions(events), newline="")))
    assert [m["ordinal"] for m in mentions if m["event_id"] == patrol.id] == ["1", "1", ""]


def test_csv_for_excel_starts_with_a_byte_order_mark() -> None:
    plain = to_csv(sample_events())
    excel = to_csv(sample_events(), options=ExportOptions(excel=True))
    assert excel == "\ufeff" + plain
    assert to_csv_mentions(sample_events(), options=ExportOptions(excel=True)).startswith("\ufeffevent_id,")
    # what Excel and pandas read with encoding="utf-8-sig": the header's first name intact
    rows = list(csv.DictReader(io.StringIO(excel.encode("utf-8").decode("utf-8-sig"), newline="")))
    assert rows[0]["id"] == "e1000000aa"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx", " =1", "\u202e=1"])
def test_csv_cell_never_a_formula(text: str) -> None:
    cell = csv_cell(text)
    assert cell.startswith("'") or not cell.lstrip().startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell.strip("' \t") == text.strip(" \t\r\u202e")


def test_csv_numbers_and_plain_text_untouched() -> None:
    assert csv_cell(-3.5) == "-3.5"
    assert csv_cell(None) == ""
    assert csv_cell("Tal Abyad") == "Tal Abyad"


@pytest.mark.parametrize("exporter", [to_csv, to_csv_mentions])
def test_csv_hostile(exporter: object) -> None:
    assert callable(exporter)
    out = exporter(hostile_events())
    assert not BIDI_OR_INVISIBLE.search(out.replace("\r\n", "\n"))
    for row in csv.reader(io.StringIO(out, newline="")):
        for cell in row:
            assert not cell.lstrip().startswith(("=", "+", "-", "@", "\t", "\r")), cell


# --- Markdown ----------------------------------------------------------------------------------------


def test_markdown_structure() -> None:
    md = to_markdown(sample_events())
    assert "## 2019" in md and "### November 2019" in md and "## Undated" in md
    assert "### 2018, month unknown" in md
    assert md.count("\n[^") == sum(len(e.members) for e in sample_events())
    assert "????-03-15 (2019\\|2020?)" in md
    # the interval and its precision in words
    assert "**2019-03-12..04-08** (between 12 March and 8 April 2019)" in md
    assert "**2018** · *Military operation*" in md  # no words where they would say the same
    assert "(15 March, year unknown (2019 or 2020?))" in md
    # sources you can click: the headline links to the article; a path where there is no URL
    assert "[Russian, Turkish militaries launch joint patrol](<https://tass.com/defense/1086857>)" in md
    assert "[https://www.aa.com.tr/en/middle-east/first-joint-patrol/1632](<https://www.aa.com.tr/" in md
    assert "Hawar News Agency (Kurdish-run media): articles/a4.txt, published 2019-11-02" in md


def test_markdown_hostile() -> None:
    md = to_markdown(hostile_events())
    assert not BIDI_OR_INVISIBLE.search(md)
    destinations = re.findall(r"\]\(<[^<>\s]*>\)", md)  # our links' percent-encoded URLs
    assert len(destinations) == 1
    # no raw HTML: every angle bracket is escaped, but those around a link's URL
    assert not re.search(r"(?<!\\)[<>]", md.replace(destinations[0], ""))
    assert "\\<script\\>" in md
    # no link syntax but our footnote refs and the one link to the safe URL (percent-encoded)
    links = re.findall(r"(?<!\\)\[(?!\^\d+\])", md)
    assert len(links) == 1
    assert "(<https://evil.example/a%20b%22%3E%3Cscript%3Ealert(4)%3C/script%3E)%0A%5By%5D(z)>)" in md
    assert "javascript:" not in md.replace("javascript:alert(3)", "")  # the unsafe URL is not a link
    assert "\\[link=" in md
    assert md_escape("a\n# heading *b*") == "a \\# heading \\*b\\*"
    # every line is ours: a heading, a bullet, a footnote, the intro or blank
    for line in md.splitlines():
        assert line == "" or line.startswith(("#", "- ", "[^", "2 events"))


# --- TimelineJS --------------------------------------------------------------------------------------


def test_timelinejs_loader_keys() -> None:
    doc = json.loads(to_timelinejs(sample_events()))
    assert "headline" in doc["title"]["text"]
    slides = doc["events"]
    assert len(slides) == 4  # the two events without a known year cannot be placed
    for s in slides:
        assert isinstance(s["start_date"]["year"], int)
        assert s["text"]["headline"] and "text" in s["text"]
        assert s["unique_id"] and s["group"]
    assert len({s["unique_id"] for s in slides}) == len(slides)
    assert slides[0]["start_date"] == {"year": 2018}
    # a range of candidate days is a point that says so, never a duration bar
    assert slides[1]["start_date"] == {"year": 2019, "month": 3, "day": 12}
    assert "end_date" not in slides[1]
    assert slides[1]["display_date"] == "between 12 March and 8 April 2019"
    assert slides[2]["start_date"] == {"year": 2019, "month": 10}
    assert slides[2]["display_date"] == "October 2019"
    assert slides[0]["display_date"] == "2018"
    assert all("end_date" not in s for s in slides)
    assert "2 undated" in doc["title"]["text"]["text"]
    # credits: the outlets, and the first article as the slide's link
    assert slides[3]["media"]["credit"] == "Anadolu Agency, Hawar News Agency, TASS"
    assert slides[3]["media"]["link"] == "https://tass.com/defense/1086857"
    assert '<a href="https://tass.com/defense/1086857"' in slides[3]["text"]["text"]


def test_timelinejs_hostile() -> None:
    doc = json.loads(to_timelinejs(hostile_events()))
    for s in doc["events"]:
        for value in (s["text"]["headline"], s["text"]["text"]):
            assert "<script" not in value and "<img" not in value and "<b>" not in value
            assert not BIDI_OR_INVISIBLE.search(value)
        assert "&lt;script&gt;" in s["text"]["headline"]
        assert 'href="javascript' not in s["text"]["text"]
    assert doc["events"][0]["media"]["url"].startswith("https://evil.example/a%20b%22%3E%3Cscript")


# --- GeoJSON -----------------------------------------------------------------------------------------


def assert_valid_geojson(text: str) -> dict[str, object]:
    doc = json.loads(text)
    assert doc["type"] == "FeatureCollection"
    assert isinstance(doc["features"], list)
    for f in doc["features"]:
        assert f["type"] == "Feature"
        assert isinstance(f["properties"], dict)
        assert f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(f.get("id", ""), str | int)
    return doc  # type: ignore[no-any-return]


def test_geojson_valid_and_lon_lat_order() -> None:
    doc = assert_valid_geojson(to_geojson(sample_events()))
    features = doc["features"]
    assert isinstance(features, list)
    assert [f["id"] for f in features] == ["e1000000aa", "e2000000bb", "e4000000dd", "e5000000ee"]
    for f in features:
        assert f["properties"]["id"] == f["id"]
        # flat: every property a string, a number or null, as QGIS and GDAL read columns
        assert all(v is None or isinstance(v, str | int | float) for v in f["properties"].values())
    patrol = features[2]["properties"]
    assert patrol["date_start"] == patrol["date_end"] == "2019-11-01"
    assert patrol["precision"] == "day" and patrol["type"] == "patrol" and patrol["place"] == "Tall Abyad"
    assert patrol["n_outlets"] == 3 and patrol["outlets"] == "Anadolu Agency; Hawar News Agency; TASS"
    assert patrol["url"] == "https://tass.com/defense/1086857"
    assert patrol["figure_vehicles"] == 4 and features[0]["properties"]["figure_vehicles"] is None
    assert features[1]["properties"]["date_start"] == "2019-03-12"
    assert features[1]["properties"]["date_end"] == "2019-04-08"
    assert features[3]["properties"]["summary"] == "Patrols suspended at Kobani"


def test_geojson_skips_bad_coordinates() -> None:
    bad = event("e9", "patrol", day(2019, 11, 1), "x", [], place("Nowhere", 95.0, 10.0))
    nan = event("e10", "patrol", day(2019, 11, 1), "x", [], place("NaN", float("nan"), 10.0))
    doc = assert_valid_geojson(to_geojson([bad, nan]))
    assert doc["features"] == []


def test_geojson_hostile_is_data() -> None:
    doc = assert_valid_geojson(to_geojson(hostile_events()))
    props = doc["features"][0]["properties"]  # type: ignore[index]
    assert props["summary"].startswith("+[bold red]")  # JSON carries the text as data, verbatim
    assert props["url"].startswith("https://evil.example/a%20b%22%3E")  # the javascript: URL is not kept


# --- iCalendar ---------------------------------------------------------------------------------------


STAMP = ExportOptions(generated=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC))


def test_ics_parses_with_a_real_parser() -> None:
    import icalendar

    text = to_ics(sample_events(), options=STAMP)
    cal = icalendar.Calendar.from_ical(text)
    events = list(cal.walk("VEVENT"))
    # the month-dated agreement is in (spanning its month); the year-only operation and the
    # year-unknown events are not, and left_out says so
    assert [str(e["UID"]) for e in events] == ["e2000000bb@patroltl", "e3000000cc@patroltl", "e4000000dd@patroltl"]
    spring, october, patrol = events
    assert spring.decoded("DTSTART") == date(2019, 3, 12)
    assert spring.decoded("DTEND") == date(2019, 4, 9)  # exclusive
    assert str(spring["SUMMARY"]).endswith("(between 12 March and 8 April 2019)")
    assert october.decoded("DTSTART") == date(2019, 10, 1) and october.decoded("DTEND") == date(2019, 11, 1)
    assert str(october["SUMMARY"]) == "Agreement: Agreement in Sochi (October 2019)"
    assert patrol.decoded("DTSTART") == date(2019, 11, 1)
    assert patrol.decoded("DTEND") == date(2019, 11, 2)
    assert str(patrol["SUMMARY"]) == "Joint patrol: Joint patrol no. 1 at Tall Abyad"
    assert str(patrol["LOCATION"]) == "Tall Abyad"
    assert str(patrol["URL"]) == "https://tass.com/defense/1086857"
    description = str(patrol["DESCRIPTION"])
    assert "east of the Euphrates; the convoy, 8 vehicles" in description
    assert "TASS, Russian, Turkish militaries launch joint patrol <https://tass.com/defense/1086857>" in description
    assert "Hawar News Agency, articles/a4.txt" in description
    # RFC 5545: DTSTAMP is when the calendar was made
    assert {e.decoded("DTSTAMP") for e in events} == {datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)}
    assert left_out("ics", sample_events()) == (
        "the calendar has no entry for 3 events (1 dated only to a year, 2 undated or year unknown)"
    )


def test_ics_lines() -> None:
    text = to_ics(sample_events(), options=STAMP)
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert to_ics(sample_events(), options=STAMP) == text  # the same stamp, the same calendar


def test_ics_hostile() -> None:
    import icalendar

    text = to_ics(hostile_events(), options=STAMP)
    assert not BIDI_OR_INVISIBLE.search(text.replace("\r\n", "\n"))
    cal = icalendar.Calendar.from_ical(text)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 2  # injected newlines cannot add properties or components
    assert {k for e in events for k in e} <= {
        "UID",
        "DTSTAMP",
        "DTSTART",
        "DTEND",
        "SUMMARY",
        "CATEGORIES",
        "LOCATION",
        "GEO",
        "URL",
        "DESCRIPTION",
        "TRANSP",
    }
    assert "END:VEVENT\r\nnext" not in text
    assert "javascript" not in str(events[0].get("URL", ""))


# --- dates in words, URLs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("interval", "words"),
    [
        (DateInterval(date(2019, 11, 1), date(2019, 11, 1), "day"), "1 November 2019"),
        (DateInterval(date(2019, 3, 12), date(2019, 4, 2), "days"), "between 12 March and 2 April 2019"),
        (DateInterval(date(2019, 3, 12), date(2019, 3, 20), "days"), "between 12 and 20 March 2019"),
        (DateInterval(date(2019, 12, 30), date(2020, 1, 2), "days"), "between 30 December 2019 and 2 January 2020"),
        (DateInterval(date(2019, 3, 1), date(2019, 3, 31), "month"), "March 2019"),
        (DateInterval(date(2018, 1, 1), date(2018, 12, 31), "year"), "2018"),
        (DateInterval(date(2024, 7, 28), LATEST, "unknown"), "after 28 July 2024"),
        (DateInterval(EARLIEST, date(2019, 5, 1), "unknown"), "before 1 May 2019"),
        (DateInterval(EARLIEST, LATEST, "unknown"), "date unknown"),
    ],
)
def test_describe_date(interval: DateInterval, words: str) -> None:
    from patroltl.knowledge import Knowledge

    assert describe_date(interval, Knowledge.bundled()) == words


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://tass.com/defense/1", "https://tass.com/defense/1"),
        ("http://x.org/a b?q=é", "http://x.org/a%20b?q=%C3%A9"),
        ("javascript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.example/x", None),
        ("file:///etc/passwd", None),
        ("articles/a.txt", None),
        ("https://", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url(url: str | None, safe: str | None) -> None:
    assert safe_url(url) == safe


# --- HTML --------------------------------------------------------------------------------------------


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def parse_html(text: str) -> _Collect:
    p = _Collect()
    p.feed(text)
    p.close()
    return p


def test_html_self_contained() -> None:
    page = to_html(sample_events())
    p = parse_html(page)
    assert p.tags.count("script") == 4  # the data block, Leaflet, Leaflet.markercluster, the page's own
    # nothing is fetched: no src, no stylesheet link; the only URLs are the articles' links
    assert " src=" not in page and "<link" not in page
    hrefs = [v for k, v in p.attrs if k == "href"]
    assert all(h and (h.startswith("#") or h.startswith("https://")) for h in hrefs)
    assert set(h for h in hrefs if h.startswith("https://")) == {
        "https://middle-east-online.com/en/turkey-russia-begin-joint-patrols",
        "https://tass.com/defense/1086857",
        "https://www.aa.com.tr/en/middle-east/first-joint-patrol/1632",
    }
    # the CSP names each of the page's scripts by its hash, so nothing else can run, and allows no network
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and "default-src 'none'" in csp.group(1) and "connect-src" not in csp.group(1)
    for script in p.scripts[1:]:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp.group(1)
    assert page.count('class="ev ') == len(sample_events())
    assert page.count('class="onmap"') == 4  # Afrin, Tal Rifaat, Tall Abyad, Kobani


def test_html_data_and_filters() -> None:
    page = to_html(sample_events())
    p = parse_html(page)
    data = json.loads(p.scripts[0])
    # one marker per placed event, [id, lat, lon, type]; the map zoomed to them
    assert [m[0] for m in data["markers"]] == ["e1000000aa", "e2000000bb", "e4000000dd", "e5000000ee"]
    assert data["markers"][2][1:] == [36.6974, 38.9567, "patrol"]
    west, south, east, north = data["bounds"]
    assert west < 36.8695 < 38.9567 < east and south < 36.47229 < 36.891 < north
    assert {f["properties"]["name"] for f in data["basemap"]["features"]} >= {"Syria", "Turkey", "Iraq", "Lebanon"}
    for fieldset in ("f-types", "f-sides", "f-outlets"):
        assert f'id="{fieldset}"' in page and f'data-all="{fieldset}"' in page
    assert 'id="f-from"' in page and 'id="f-to"' in page and 'id="f-text"' in page
    # each row says its interval and its precision
    assert "between 12 March and 8 April 2019 (range of days)" in page
    assert 'data-start="2019-03-12" data-end="2019-04-08"' in page
    assert 'data-start="" data-end=""' in page  # the undated ones


def test_html_hostile() -> None:
    page = to_html(hostile_events())
    p = parse_html(page)
    assert p.tags.count("script") == 4
    assert "img" not in p.tags and "b" not in p.tags and "i" not in p.tags
    assert not any(name.startswith("on") for name, _ in p.attrs)
    assert not any(v and v.lower().startswith("javascript") for _, v in p.attrs)
    assert not BIDI_OR_INVISIBLE.search(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "alert(1)" not in "".join(p.scripts)
    assert 'href="https://evil.example/a%20b%22%3E%3Cscript%3Ealert(4)%3C/script%3E)%0A%5By%5D(z)"' in page


# --- the bundled sample corpus through the CLI -------------------------------------------------------


def _pipeline_ready() -> str | None:
    try:
        import patroltl.cli
        import patroltl.pipeline  # noqa: F401
    except Exception as exc:  # pragma: no cover - only while the pipeline is being written
        return f"the ingest pipeline does not import yet: {exc!r}"
    return None


def test_sample_corpus_golden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reason = _pipeline_ready()
    if reason:
        pytest.skip(reason)
    from typer.testing import CliRunner

    from patroltl.cli import app

    monkeypatch.chdir(ROOT)
    env = {"NO_COLOR": "1", "COLUMNS": "100", "TERMINAL_WIDTH": "100", "_TYPER_FORCE_DISABLE_TERMINAL": "1"}
    runner = CliRunner()
    db = str(tmp_path / "samples.db")
    done = runner.invoke(app, ["ingest", "data/samples", "--db", db, "--quiet"], env=env)
    assert done.exit_code == 0, done.output
    outputs = {}
    for fmt in ("json", "table"):
        res = runner.invoke(app, ["timeline", "--db", db, "--format", fmt], env=env)
        assert res.exit_code == 0, res.output
        outputs[fmt] = res.stdout.replace(str(ROOT) + os.sep, "<root>/")
    doc = json.loads(outputs["json"])
    assert doc["events"], "the sample corpus gives events"
    check_golden("samples.json", outputs["json"])
    check_golden("samples-table.txt", outputs["table"])
    for fmt in sorted(EXPORTERS):
        res = runner.invoke(app, ["timeline", "--db", db, "--format", fmt], env=env)
        assert res.exit_code == 0, (fmt, res.output)
    res = runner.invoke(app, ["timeline", "--db", db, "--format", "geojson"], env=env)
    assert_valid_geojson(res.stdout)


def test_json_hostile_round_trips_as_data() -> None:
    events = hostile_events()
    doc = json.loads(dumps(events))
    assert doc["events"][0]["summary"] == events[0].summary  # verbatim data, the consumer escapes for display
    assert "\x1b" not in dumps(events)  # control characters are \u-escaped by the JSON encoder
