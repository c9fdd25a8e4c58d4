"""Where sources disagree (patroltl.diff): each conflict rule on events built by hand, the coverage
matrix and who reported first, the spelling table; then diff-sources end to end on articles written
for these tests (tests/fixtures/diff/), in every format, with hostile text kept inert."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from patroltl.cli import app
from patroltl.diff import (
    Comparison,
    FieldRow,
    build_report,
    compare,
    content_words,
    ordinal_base,
    per_side_counts,
)
from patroltl.knowledge import Knowledge
from patroltl.models import DateInterval, Event, Mention, PlaceRef, StoredMention
from patroltl.render import diff_markdown, diff_renderable, make_console

from .conftest import FIXTURES

DIFF = FIXTURES / "diff"
runner = CliRunner()

DARBASIYAH = PlaceRef("Derbisia", "Ad Darbasiyah", "test:darbasiyah", 37.0751, 40.6541, "town", "SY", 95.0)
QAMISHLI = PlaceRef("Qamishli", "Qamishli", "test:qamishli", 37.0522, 41.2275, "city", "SY", 100.0)


def day(y: int, m: int, d: int, text: str = "") -> DateInterval:
    return DateInterval(date(y, m, d), date(y, m, d), "day", text, ("test",))


def mention(
    key: str,
    outlet: str,
    sentence: str,
    *,
    when: DateInterval | None = None,
    side: str = "russian_state",
    published: DateInterval | None = None,
    date_from: str = "text",
    where: PlaceRef | None = None,
    figures: tuple[tuple[str, float], ...] = (),
    ordinal: int | None = None,
    claimant: str | None = None,
) -> StoredMention:
    when = when or day(2019, 11, 1)
    m = Mention(
        type="patrol",
        sentence=sentence,
        start=0,
        end=len(sentence),
        date=when,
        place=where,
        places=(where,) if where else (),
        figures=figures,
        ordinal=ordinal,
        claimant=claimant,
        date_from=date_from,
        date_text=when.text,
        place_text=where.surface if where else "",
    )
    return StoredMention(key, f"articles/{key}.txt", "h" + key, outlet, side, published or when, m)


def event(members: Sequence[StoredMention], id_: str = "e100000000") -> Event:
    return Event(id_, "patrol", members[0].mention.date, members[0].mention.place, (), "Joint patrol", tuple(members))


def row(c: Comparison, name: str) -> FieldRow:
    return next(r for r in c.rows if r.field == name)


# --- the conflict rules ----------------------------------------------------------------------------------


def test_one_outlets_thursday_against_anothers_friday_is_a_date_conflict_naming_the_weekdays() -> None:
    c = compare(
        event(
            [
                mention("a:1", "TASS", "The patrol took place on Thursday.", when=day(2019, 11, 7, "on Thursday")),
                mention(
                    "b:1",
                    "Anadolu Agency",
                    "The patrol took place on Friday.",
                    when=day(2019, 11, 8, "on Friday"),
                    side="turkish_state",
                ),
            ]
        )
    )
    date_row = row(c, "date")
    assert date_row.disagree and c.conflicts == ("date",)
    assert dict(date_row.values) == {"Anadolu Agency": "2019-11-08 (Fri)", "TASS": "2019-11-07 (Thu)"}
    assert "Thursday 2019-11-07 (TASS)" in date_row.note and "Friday 2019-11-08 (Anadolu Agency)" in date_row.note


def test_a_month_against_a_day_in_it_and_a_publication_date_are_no_date_conflict() -> None:
    month = DateInterval(date(2019, 11, 1), date(2019, 11, 30), "month", "in November", ("test",))
    c = compare(
        event(
            [
                mention("a:1", "TASS", "The first patrol was held on November 1.", when=day(2019, 11, 1)),
                mention("b:1", "The Hindu", "Patrols began in November.", when=month),
                # a date only from the publication date is not something the outlet says
                mention("c:1", "SouthFront", "A patrol was held.", when=day(2019, 11, 3), date_from="published"),
            ]
        )
    )
    assert not row(c, "date").disagree
    assert dict(row(c, "date").values)["SouthFront"] == ""


def test_per_side_counts_agree_with_totals_and_different_totals_disagree() -> None:
    total = mention("a:1", "TASS", "Eight vehicles took part.", figures=(("vehicles", 8.0),))
    per_side_key = mention(
        "b:1",
        "Anadolu Agency",
        "4 from each side took part.",
        figures=(("per_side", 4.0), ("vehicles", 4.0)),
        side="turkish_state",
    )
    # extraction did not read "from each side" here: the sentence's own words still make it per side
    per_side_words = mention(
        "c:1", "Sputnik", "Four armored vehicles from each side took part.", figures=(("vehicles", 4.0),)
    )
    c = compare(event([total, per_side_key, per_side_words]))
    vehicles = row(c, "vehicles")
    assert not vehicles.disagree
    assert dict(vehicles.values)["Anadolu Agency"] == "4 from each side (= 8)"
    assert "agree with the totals" in vehicles.note

    six = mention("d:1", "North Press Agency", "Six vehicles took part.", figures=(("vehicles", 6.0),), side="kurdish")
    c = compare(event([total, per_side_words, six]))
    vehicles = row(c, "vehicles")
    assert vehicles.disagree and "6 (North Press Agency)" in vehicles.note and "8 (TASS)" in vehicles.note
    # four vehicles, said without "each side", is four
    assert compare(
        event([total, mention("e:1", "RT", "Four vehicles took part.", figures=(("vehicles", 4.0),))])
    ).conflicts == ("vehicles",)


def test_per_side_counts_in_words_and_digits() -> None:
    assert per_side_counts("4 armored vehicles from each side") == {4.0}
    assert per_side_counts("four Turkish armoured vehicles from each side") == {4.0}
    assert per_side_counts("twelve soldiers per side") == {12.0}
    assert per_side_counts("eight vehicles took part") == set()


def test_different_ordinals_note_their_different_counting_bases() -> None:
    c = compare(
        event(
            [
                mention(
                    "a:1", "TASS", "Russia and Turkey held the 50th joint patrol in the region on Friday.", ordinal=50
                ),
                mention(
                    "b:1",
                    "Anadolu Agency",
                    "It was the 95th joint patrol since 2019, the ministry said.",
                    ordinal=95,
                    side="turkish_state",
                ),
            ]
        )
    )
    ordinal = row(c, "ordinal")
    assert ordinal.disagree
    assert dict(ordinal.values) == {"Anadolu Agency": "95 (since 2019)", "TASS": "50 (in the region)"}
    assert ordinal.note.startswith("different counting bases")
    assert "in the region (TASS)" in ordinal.note and "since 2019 (Anadolu Agency)" in ordinal.note


def test_ordinal_bases_as_sentences_state_them() -> None:
    assert ordinal_base("Russia and Turkey held the 50th joint patrol in the region on Friday.", 50) == "in the region"
    assert ordinal_base("the 95th since 2019", 95) == "since 2019"
    assert ordinal_base("the first joint patrol in northern Syria", 1) == "in northern Syria"
    assert ordinal_base("the 12th patrol east of the Euphrates", 12) == "east of the Euphrates"
    assert ordinal_base("the 12th patrol since March 2020.", 12) == "since March 2020"
    assert ordinal_base("the 12th patrol with eight vehicles", 12) == ""
    assert ordinal_base("the 12th patrol in the region", 13) == "", "only the mention's own ordinal"


def test_same_ordinal_is_no_conflict() -> None:
    c = compare(
        event(
            [
                mention("a:1", "TASS", "The first joint patrol was held.", ordinal=1),
                mention("b:1", "SouthFront", "The first joint patrol in northeast Syria.", ordinal=1),
            ]
        )
    )
    assert not row(c, "ordinal").disagree


def test_different_gazetteer_places_disagree_with_their_distance() -> None:
    c = compare(
        event(
            [
                mention("a:1", "TASS", "The first patrol went east of Ad Darbasiyah.", where=DARBASIYAH),
                mention(
                    "b:1",
                    "North Press Agency",
                    "The patrol was in the area of Qamishli.",
                    where=QAMISHLI,
                    side="kurdish",
                ),
            ]
        )
    )
    place = row(c, "place")
    assert place.disagree
    assert place.note == "Qamishli (North Press Agency) to Ad Darbasiyah (TASS): 51 km"
    same = compare(
        event(
            [
                mention("a:1", "TASS", "The first patrol went east of Derbisia.", where=DARBASIYAH),
                mention("b:1", "SouthFront", "The patrol was near Darbasiyah.", where=DARBASIYAH),
            ]
        )
    )
    assert not row(same, "place").disagree
    assert not row(same, "place spelling").disagree, "spellings are shown, never a conflict"


def test_claims_only_one_outlet_makes_keep_outlet_and_claimant_apart() -> None:
    c = compare(
        event(
            [
                mention(
                    "a:1",
                    "TASS",
                    "Russian and Turkish military police carried out a joint patrol near Ad Darbasiyah.",
                    claimant="Russian Defence Ministry",
                ),
                mention(
                    "a:2",
                    "TASS",
                    "The mission was cut short after residents blocked the road with burning tyres.",
                    claimant="Russian Defence Ministry",
                ),
                mention(
                    "b:1",
                    "Anadolu Agency",
                    "Turkish and Russian troops carried out a joint patrol near Ad Darbasiyah.",
                    side="turkish_state",
                    claimant="Turkish Defence Ministry",
                ),
            ]
        )
    )
    assert [(cl.outlet, cl.claimant, cl.sentence[:25]) for cl in c.claims] == [
        ("TASS", "Russian Defence Ministry", "The mission was cut short")
    ]
    claimants = dict(row(c, "claimant").values)
    assert claimants == {"Anadolu Agency": "Turkish Defence Ministry", "TASS": "Russian Defence Ministry"}


def test_content_words_leave_out_what_every_patrol_report_says() -> None:
    assert content_words("The Turkish and Russian joint patrol was held on Friday") == {"held"}


# --- the whole report ----------------------------------------------------------------------------------


def two_events() -> list[Event]:
    first = event(
        [
            mention(
                "a:1",
                "TASS",
                "The first patrol was on November 1.",
                published=day(2019, 11, 1),
                claimant="Russian Defence Ministry",
                where=DARBASIYAH,
            ),
            mention(
                "b:1",
                "Anadolu Agency",
                "Joint patrols began east of Darbasiyah.",
                published=day(2019, 11, 2),
                date_from="published",
                side="turkish_state",
                where=PlaceRef("Darbasiyah", "Ad Darbasiyah", "test:darbasiyah", 37.0751, 40.6541, "town"),
            ),
            mention("c:1", "SouthFront", "The first patrol took place on November 1.", published=day(2019, 11, 1)),
        ],
        "e1",
    )
    second = event(
        [
            mention(
                "d:1",
                "Anadolu Agency",
                "A patrol near Qamishli.",
                when=day(2019, 11, 8),
                where=QAMISHLI,
                published=day(2019, 11, 8),
                side="turkish_state",
            ),
        ],
        "e2",
    )
    return [first, second]


def test_coverage_gives_the_date_each_outlet_states_or_a_tick_and_who_published_first() -> None:
    report = build_report(two_events())
    assert report.columns == ("Anadolu Agency", "SouthFront", "TASS")
    first, second = report.coverage
    assert dict(first.cells) == {"Anadolu Agency": "✓", "SouthFront": "2019-11-01", "TASS": "2019-11-01"}
    assert first.first == ("SouthFront", "TASS") and first.first_published == date(2019, 11, 1)
    assert dict(second.cells) == {"Anadolu Agency": "2019-11-08"}  # sparse: only the columns that report it
    assert second.first == ("Anadolu Agency",)
    assert [s.event.id for s in report.single] == ["e2"]


def test_the_spelling_table_gives_each_outlets_spellings_of_each_place() -> None:
    report = build_report(two_events())
    spellings = {s.place: dict(s.by_column) for s in report.spellings}
    assert spellings == {
        "Ad Darbasiyah": {"Anadolu Agency": ("Darbasiyah",), "TASS": ("Derbisia",)},
        "Qamishli": {"Anadolu Agency": ("Qamishli",)},
    }


def test_sources_by_side_and_only_conflicts() -> None:
    events = two_events()
    two = build_report(events, sources=["tass", "Anadolu Agency"])
    assert two.columns == ("Anadolu Agency", "TASS")
    assert [c.outlets for c in two.compared] == [("Anadolu Agency", "TASS")]
    one = build_report(events, sources=["TASS"])
    assert not one.compared and [s.outlets for s in one.single] == [("TASS",)]

    sides = build_report(events, by_side=True, side_label=Knowledge.bundled().outlets.side_label)
    assert sides.columns == ("Russian state media", "Turkish state media")
    outlets = dict(row(sides.compared[0], "outlets").values)
    assert outlets == {"Russian state media": "SouthFront; TASS", "Turkish state media": "Anadolu Agency"}

    assert not build_report(events, only_conflicts=True).compared
    conflicting = [
        *events,
        event(
            [
                mention("x:1", "TASS", "On Thursday.", when=day(2019, 11, 7)),
                mention("y:1", "RT", "On Friday.", when=day(2019, 11, 8)),
            ],
            "e3",
        ),
    ]
    only = build_report(conflicting, only_conflicts=True)
    assert [c.event.id for c in only.compared] == ["e3"] and not only.single
    assert [r.event.id for r in only.coverage] == ["e3"]


def test_the_renderings_mark_disagreements_without_colour() -> None:
    report = build_report(
        [
            event(
                [
                    mention("x:1", "TASS", "On Thursday.", when=day(2019, 11, 7), claimant="Russian Defence Ministry"),
                    mention("y:1", "RT", "On Friday.", when=day(2019, 11, 8)),
                ]
            )
        ]
    )
    buf = io.StringIO()
    make_console(file=buf, width=120, color_system=None).print(diff_renderable(report))
    out = buf.getvalue()
    assert "≠ date" in out and "per Russian Defence Ministry" in out
    assert "Coverage" in out
    md = diff_markdown(report)
    assert "| ≠ **date** | **2019-11-08 (Fri)** | **2019-11-07 (Thu) (per Russian Defence Ministry)** |" in md


def test_hostile_text_stays_inert_in_the_terminal_and_in_markdown() -> None:
    evil = "\x1b[2J\x1b]8;;http://x\x07[red]click[/red]\u202e| **bold** <b>"
    place = PlaceRef(evil, "Qamishli", "test:qamishli", 37.05, 41.23, "city")
    report = build_report(
        [
            event(
                [
                    mention(
                        "x:1", "TASS", evil + " on Thursday.", when=day(2019, 11, 7, evil), claimant=evil, where=place
                    ),
                    mention("y:1", "RT", "On Friday.", when=day(2019, 11, 8), figures=(("vehicles", 3.0),)),
                ]
            )
        ]
    )
    buf = io.StringIO()
    make_console(file=buf, width=100, color_system="truecolor", force_terminal=True).print(diff_renderable(report))
    out = buf.getvalue()
    assert "\x1b[2J" not in out and "\x1b]8" not in out and "\u202e" not in out
    assert "[red]click[/red]" in out
    md = diff_markdown(report)
    assert "\x1b" not in md and "\u202e" not in md and "<b>" not in md and r"\*\*bold\*\*" in md


# --- the command, end to end ------------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def ingested() -> None:
    for name, outlet in (("tass.txt", "TASS"), ("anadolu.txt", "Anadolu Agency"), ("hostile.txt", "North Press")):
        code, _, err = run("ingest", "--source", outlet, str(DIFF / name))
        assert code == 0, err


def patrol(data: dict) -> dict:
    return next(c for c in data["compared"] if c["type"] == "patrol")


@pytest.mark.usefixtures("ingested")
def test_json_report_of_one_patrol_three_outlets() -> None:
    code, out, err = run("diff-sources", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    p = patrol(data)
    assert p["outlets"] == ["Anadolu Agency", "North Press Agency", "TASS"]
    fields = {f["field"]: f for f in p["fields"]}
    vehicles = fields["vehicles"]
    assert vehicles["disagree"] and p["conflicts"] == ["vehicles"]
    assert vehicles["values"] == {"Anadolu Agency": "4 from each side (= 8)", "North Press Agency": "6", "TASS": "8"}
    assert fields["claimant"]["values"]["TASS"] == "Russian Defence Ministry"
    assert fields["place"]["values"]["TASS"] == "Ad Darbasiyah" and not fields["place"]["disagree"]
    assert any(c["outlet"] == "TASS" and "cut short" in c["sentence"] for c in p["one_sided"])
    spellings = {s["place"]: s["spellings"] for s in data["spellings"]}
    assert spellings["Ad Darbasiyah"]["TASS"] == ["Derbasiyah"]
    assert spellings["Ad Darbasiyah"]["Anadolu Agency"] == ["Ad Darbasiyah"]
    cov = next(r for r in data["coverage"] if r["id"] == p["id"])
    assert cov["first"] == ["Anadolu Agency"] and cov["first_published"] == "2021-06-10"

    code, out, _ = run("diff-sources", "--format", "json", "--source", "TASS", "--source", "anadolu agency")
    assert patrol(json.loads(out))["outlets"] == ["Anadolu Agency", "TASS"]
    assert "agree with the totals" in {f["field"]: f for f in patrol(json.loads(out))["fields"]}["vehicles"]["note"]

    code, out, _ = run("diff-sources", "--format", "json", "--by-side")
    data = json.loads(out)
    assert data["by"] == "side"
    assert patrol(data)["outlets"] == ["Kurdish-run media", "Russian state media", "Turkish state media"]


@pytest.mark.usefixtures("ingested")
def test_table_output_marks_the_conflict_and_keeps_hostile_text_inert() -> None:
    code, out, err = run("diff-sources", "--no-color")
    assert code == 0, err
    assert "≠ vehicles" in out
    assert "\x1b" not in out
    assert "[bold red]Joint patrol[/]" in out, "markup in article text is printed as it is, not interpreted"
    code, out, _ = run("diff-sources", "--only-conflicts", "--no-color")
    assert code == 0 and "≠ vehicles" in out and "Reported by one outlet only" not in out


@pytest.mark.usefixtures("ingested")
def test_markdown_report_escapes_article_text() -> None:
    code, out, err = run("diff-sources", "--format", "md")
    assert code == 0, err
    assert out.startswith("# Where the sources disagree\n")
    assert "| ≠ **vehicles** |" in out
    assert "<script>" not in out and r"\<script\>" in out
    assert r"\[bold red\]Joint patrol\[/\] \| \*near\* Darbasiya" in out
    # every row of each table has as many (unescaped) cell separators as its header
    tables: list[list[str]] = [[]]
    for line in out.splitlines():
        if line.startswith("|"):
            tables[-1].append(line.replace("\\|", ""))
        elif tables[-1]:
            tables.append([])
    assert len([t for t in tables if t]) == 3
    for table in filter(None, tables):
        assert len({line.count("|") for line in table}) == 1, table


def test_bad_format_is_a_usage_error() -> None:
    run("ingest", "--source", "TASS", str(DIFF / "tass.txt"))
    code, _, err = run("diff-sources", "--format", "xml")
    assert code == 2 and "table, json, markdown" in err


# --- a report bounded for the terminal ---------------------------------------------------------------


def _many_events(n: int) -> list[Event]:
    """n events each reported by TASS and Anadolu (a day apart every third one), then one by TASS alone."""
    out = []
    for i in range(n):
        d = day(2020, 1, 1 + i)
        other = day(2020, 1, 2 + i) if i % 3 == 0 else d
        where = QAMISHLI if i % 2 else DARBASIYAH
        out.append(
            event(
                [
                    mention(f"t{i}:1", "TASS", f"Patrol {i} near {where.surface}.", when=d, where=where),
                    mention(f"a{i}:1", "Anadolu Agency", f"Patrol {i}.", when=other, side="turkish_state"),
                ],
                f"e{i:09d}",
            )
        )
    out.append(event([mention("s:1", "TASS", "A lone patrol.", when=day(2020, 3, 1))], "esingle000"))
    return out


def test_a_bounded_report_compares_and_covers_the_first_events_and_counts_the_rest() -> None:
    events = _many_events(12)
    full = build_report(events)
    bounded = build_report(events, max_compared=4, max_coverage=5)
    assert [c.event.id for c in bounded.compared] == [c.event.id for c in full.compared[:4]]
    assert bounded.compared == full.compared[:4]
    assert bounded.more_compared == 8 and full.more_compared == 0
    # more rows than the bound: the coverage keeps the events two or more columns report
    assert [r.event.id for r in bounded.coverage] == [f"e{i:09d}" for i in range(5)]
    assert bounded.more_coverage == len(full.coverage) - 5 == 8
    assert bounded.single == full.single and bounded.columns == full.columns
    assert dict(bounded.column_counts) == {"Anadolu Agency": 12, "TASS": 13} == dict(full.column_counts)
    # the spellings come from the events in the report: only Ad Darbasiyah and Qamishli either way here
    assert {s.place for s in bounded.spellings} == {s.place for s in full.spellings}


def test_a_bounded_report_of_conflicts_stops_comparing_at_the_bound() -> None:
    events = _many_events(12)  # events 0, 3, 6, 9 have a date conflict
    only = build_report(events, only_conflicts=True, max_compared=2)
    assert [c.event.id for c in only.compared] == ["e000000000", "e000000003"]
    assert only.more_compared == 12 - 4  # the events after the second conflict were not compared


def test_diff_sources_limit_bounds_the_terminal_view_and_says_what_it_left_out(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    articles = tmp_path / "articles"
    articles.mkdir()
    for outlet, day_ in (("TASS", "Thursday"), ("Anadolu Agency", "Friday")):
        (articles / f"{outlet}.txt").write_text(
            f"date: 2021-03-06\nSource: {outlet}\nTurkish and Russian troops held a joint patrol near Amuda on "
            f"{day_}.\nAnother joint patrol was held near Kobani on March 1, 2021.\n",
            encoding="utf-8",
        )
    assert runner.invoke(app, ["ingest", str(DIFF), str(articles), "--db", db]).exit_code == 0
    full = runner.invoke(app, ["diff-sources", "--db", db, "--format", "json"])
    compared = len(json.loads(full.stdout)["compared"])
    assert compared >= 2
    out = runner.invoke(app, ["diff-sources", "--db", db, "--limit", "1"])
    assert out.exit_code == 0, out.output
    more = compared - 1
    assert f"… and {more} more event{'s' if more != 1 else ''} two or more columns report" in out.stdout
    assert runner.invoke(app, ["diff-sources", "--db", db, "--limit", "0"]).exit_code == 2  # one at least
