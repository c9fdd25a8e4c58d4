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
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from patroltl.contract import to_contract
from patroltl.export import (
    EXPORTERS,
    csv_cell,
    dumps,
    ics_fold,
    ics_text,
    md_escape,
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
    )
    m2 = mention(
        "h2:1",
        "@SUM(A1)\u202e<i>",
        "kurdish",
        "-2+3 " + HOSTILE,
        day(2019, 11, 1),
        published=day(2019, 11, 1),
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


@pytest.mark.parametrize("fmt", sorted(GOLDEN_NAMES))
def test_golden(fmt: str) -> None:
    check_golden(GOLDEN_NAMES[fmt], EXPORTERS[fmt](sample_events()))


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
    }
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
    mentions = list(csv.DictReader(io.StringIO(to_csv_mentions(sample_events()), newline="")))
    assert len(mentions) == sum(len(e.members) for e in sample_events())
    assert mentions[0]["event_id"] == "e1000000aa"


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


def test_markdown_hostile() -> None:
    md = to_markdown(hostile_events())
    assert not BIDI_OR_INVISIBLE.search(md)
    assert not re.search(r"(?<!\\)[<>]", md)  # no raw HTML: every angle bracket is escaped
    assert "\\<script\\>" in md
    assert not re.search(r"(?<!\\)\[(?!\^\d+\])", md)  # no link syntax: only our footnote refs
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
    assert slides[1]["start_date"] == {"year": 2019, "month": 3, "day": 12}
    assert slides[1]["end_date"] == {"year": 2019, "month": 4, "day": 8}
    assert slides[2]["start_date"] == {"year": 2019, "month": 10}
    assert "end_date" not in slides[3]
    assert "2 undated" in doc["title"]["text"]["text"]


def test_timelinejs_hostile() -> None:
    doc = json.loads(to_timelinejs(hostile_events()))
    for s in doc["events"]:
        for value in (s["text"]["headline"], s["text"]["text"]):
            assert "<script" not in value and "<img" not in value and "<b>" not in value
            assert not BIDI_OR_INVISIBLE.search(value)
        assert "&lt;script&gt;" in s["text"]["headline"]


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
        assert f["geometry"]["coordinates"] == [
            f["properties"]["place"]["lon"],
            f["properties"]["place"]["lat"],
        ]
        assert f["properties"]["id"] == f["id"]


def test_geojson_skips_bad_coordinates() -> None:
    bad = event("e9", "patrol", day(2019, 11, 1), "x", [], place("Nowhere", 95.0, 10.0))
    nan = event("e10", "patrol", day(2019, 11, 1), "x", [], place("NaN", float("nan"), 10.0))
    doc = assert_valid_geojson(to_geojson([bad, nan]))
    assert doc["features"] == []


def test_geojson_hostile_is_data() -> None:
    doc = assert_valid_geojson(to_geojson(hostile_events()))
    props = doc["features"][0]["properties"]  # type: ignore[index]
    assert props["summary"].startswith("+[bold red]")  # JSON carries the text as data, verbatim


# --- iCalendar ---------------------------------------------------------------------------------------


def test_ics_parses_with_a_real_parser() -> None:
    icalendar = pytest.importorskip("icalendar", reason="icalendar is in the test extra")
    text = to_ics(sample_events())
    cal = icalendar.Calendar.from_ical(text)
    events = list(cal.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == ["e2000000bb@patroltl", "e4000000dd@patroltl"]
    spring, patrol = events
    assert spring.decoded("DTSTART") == date(2019, 3, 12)
    assert spring.decoded("DTEND") == date(2019, 4, 9)  # exclusive
    assert patrol.decoded("DTSTART") == date(2019, 11, 1)
    assert patrol.decoded("DTEND") == date(2019, 11, 2)
    assert str(patrol["SUMMARY"]) == "Joint patrol: Joint patrol no. 1 at Tall Abyad"
    assert str(patrol["LOCATION"]) == "Tall Abyad"
    assert "east of the Euphrates; the convoy, 8 vehicles" in str(patrol["DESCRIPTION"])


def test_ics_lines() -> None:
    text = to_ics(sample_events())
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert to_ics(sample_events()) == text  # DTSTAMP does not come from the clock


def test_ics_escaping_and_folding() -> None:
    assert ics_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    long = "DESCRIPTION:" + "é" * 100
    folded = ics_fold(long)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == long


def test_ics_hostile() -> None:
    icalendar = pytest.importorskip("icalendar", reason="icalendar is in the test extra")
    text = to_ics(hostile_events())
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
        "DESCRIPTION",
        "TRANSP",
    }
    assert "END:VEVENT\r\nnext" not in text


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
    assert p.tags.count("script") == 1 and p.tags.count("svg") == 1
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page and " src=" not in page and "<link" not in page
    # the CSP names the page's one script by its hash, so nothing else can run
    digest = base64.b64encode(hashlib.sha256(p.scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in page
    assert page.count('class="ev ') == len(sample_events())
    assert page.count('class="place"') == 4  # Afrin, Tal Rifaat, Tall Abyad, Kobani


def test_html_map_projection() -> None:
    page = to_html(sample_events())
    dots = {
        m[3]: (float(m[0]), float(m[1]))
        for m in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"><title>([^:<]+):', page)
    }
    # east is right, north is up
    assert dots["Tall Abyad"][0] > dots["Kobani"][0] > dots["Tal Rifaat"][0] > dots["Afrin"][0]
    assert dots["Kobani"][1] < dots["Tall Abyad"][1] < dots["Afrin"][1] < dots["Tal Rifaat"][1]


def test_html_hostile() -> None:
    page = to_html(hostile_events())
    p = parse_html(page)
    assert p.tags.count("script") == 1
    assert "img" not in p.tags and "b" not in p.tags and "i" not in p.tags
    assert not any(name.startswith("on") for name, _ in p.attrs)
    assert not BIDI_OR_INVISIBLE.search(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "alert(1)" not in "".join(p.scripts)


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
