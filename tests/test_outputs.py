"""Issue 15, point by point, through the CLI (Typer's CliRunner), on articles written for these tests,
with the exports opened by their Python consumers (csv, icalendar, geojson, json, sqlite3).

The HTML page in a real browser is tests/test_page_browser.py; the README examples
tests/test_readme_examples.py.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from patroltl.cli import app

from .conftest import FIXTURES

ARTICLES = FIXTURES / "articles"
runner = CliRunner()

PATROL = (
    " date 2021-06-10 \n"
    "Turkish and Russian troops carried out a joint patrol east of Kobani on June 9, 2021, the Turkish "
    "Defence Ministry said. Eight vehicles took part in the patrol.\n"
)
OTHER_PATROL = (
    " date 2021-06-11 \n"
    "Russian military police and Turkish forces conducted a joint patrol near Kobani on June 9, 2021, "
    "the Russian Defence Ministry said.\n"
)
MONTH_ONLY = " date 2021-08-20 \nTurkey and Russia signed an agreement in Sochi in July 2021, officials said.\n"
YEAR_ONLY = " date 2021-08-20 \nTurkey and Russia signed an agreement in Ankara in 2018, officials said.\n"
PLANNED = (
    " date 2021-08-20 \nTurkish and Russian troops carried out a joint patrol near Kobani on August 19, 2021, "
    "the ministry said.\n\nTurkey and Russia will begin joint patrols in Idlib next month, the ministry said.\n"
)


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def write(folder: Path, name: str, text: str, meta: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if meta is not None:
        (folder / (path.stem + ".meta.json")).write_text(json.dumps(meta), encoding="utf-8")
    return path


def events_json(*args: str) -> list[dict]:
    code, out, err = run("timeline", "-f", "json", *args)
    assert code == 0, err
    return json.loads(out)["events"]


@pytest.fixture
def cited(tmp_path: Path) -> Path:
    """Two outlets' reports of one patrol, with URLs and headlines, and one without."""
    folder = tmp_path / "in"
    write(
        folder,
        "one.txt",
        PATROL,
        {"url": "https://www.aa.com.tr/en/middle-east/joint-patrol/1", "title": "Joint patrol near Kobani"},
    )
    write(folder, "two.txt", OTHER_PATROL, {"url": "https://tass.com/defense/2", "outlet": "TASS"})
    write(folder, "three.txt", MONTH_ONLY)
    code, _, err = run("ingest", str(folder))
    assert code == 0, err
    return folder


def the_patrol(events: list[dict]) -> dict:
    return next(e for e in events if e["type"] == "patrol" and e["date"]["start"] == "2021-06-09")


# --- 1. sources you can click ---------------------------------------------------------------------------


def test_every_export_carries_each_mentions_url_and_headline(cited: Path, tmp_path: Path) -> None:
    patrol = the_patrol(events_json())
    by_outlet = {m["source"]: m for m in patrol["mentions"]}
    assert set(by_outlet) == {"Anadolu Agency", "TASS"}
    assert by_outlet["Anadolu Agency"]["url"] == "https://www.aa.com.tr/en/middle-east/joint-patrol/1"
    assert by_outlet["Anadolu Agency"]["title"] == "Joint patrol near Kobani"
    assert by_outlet["TASS"]["url"] == "https://tass.com/defense/2" and by_outlet["TASS"]["title"] is None
    other = next(e for e in events_json() if e["type"] == "agreement")
    assert other["mentions"][0]["url"] is None and other["mentions"][0]["article"].endswith("three.txt")

    _, out, _ = run("timeline", "-f", "csv-mentions")
    rows = [r for r in csv.DictReader(io.StringIO(out, newline="")) if r["event_id"] == patrol["id"]]
    assert {r["url"] for r in rows} == {
        "https://www.aa.com.tr/en/middle-east/joint-patrol/1",
        "https://tass.com/defense/2",
    }
    _, out, _ = run("timeline", "-f", "md")
    assert "[Joint patrol near Kobani](<https://www.aa.com.tr/en/middle-east/joint-patrol/1>)" in out
    assert "[https://tass.com/defense/2](<https://tass.com/defense/2>)" in out
    _, out, _ = run("timeline", "-f", "html")
    assert 'href="https://tass.com/defense/2"' in out
    _, out, _ = run("timeline", "-f", "timelinejs")
    slide = next(s for s in json.loads(out)["events"] if s["unique_id"] == patrol["id"])
    assert slide["media"]["credit"] == "Anadolu Agency, TASS"
    _code, out, _ = run("timeline", "-f", "ics")
    import icalendar

    entry = next(e for e in icalendar.Calendar.from_ical(out).walk("VEVENT") if str(e["UID"]).startswith(patrol["id"]))
    urls = {"https://www.aa.com.tr/en/middle-east/joint-patrol/1", "https://tass.com/defense/2"}
    assert str(entry["URL"]) in urls  # the first mention's
    assert all(f"<{url}>" in str(entry["DESCRIPTION"]) for url in urls)


# --- 2. outlets counted right ---------------------------------------------------------------------------


def test_unattributed_files_are_one_outlet_not_one_each(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "first.txt", PATROL)
    write(folder, "second.txt", OTHER_PATROL)
    run("ingest", str(folder))
    patrol = the_patrol(events_json())
    assert patrol["sources"] == ["unknown outlet"]  # two files, no outlet known: not two outlets
    assert events_json("--min-sources", "2") == []


def test_an_unknown_outlet_is_named_by_its_registered_domain(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "first.txt", PATROL, {"url": "https://news.example.co.uk/a"})
    write(folder, "second.txt", OTHER_PATROL, {"url": "https://www.example.co.uk/b"})
    run("ingest", str(folder))
    assert the_patrol(events_json())["sources"] == ["example.co.uk"]


@pytest.mark.parametrize("given", ["AA", "aa.com.tr", "Anadolu Ajansı", "Anadolu Agency (AA)"])
def test_short_names_and_domains_are_the_outlet(tmp_path: Path, given: str) -> None:
    folder = tmp_path / "in"
    write(folder, "first.txt", PATROL, {"outlet": given})
    run("ingest", str(folder))
    assert the_patrol(events_json())["sources"] == ["Anadolu Agency"]
    _code, out, _ = run("articles")
    assert "Anadolu Agency" in out


# --- 3. filters that say what they did ------------------------------------------------------------------


def test_source_and_place_match_aliases_and_warn_when_nothing_matches(cited: Path) -> None:
    for alias in ("AA", "aa.com.tr", "anadolu", "Anadolu Agncy"):
        found = events_json("--source", alias)
        assert found and all("Anadolu Agency" in e["sources"] for e in found), alias
    code, out, err = run("timeline", "-f", "json", "--source", "Reuters")
    assert code == 0 and json.loads(out)["events"] == []
    assert "warning: --source 'Reuters' matches no outlet" in err
    assert events_json("--place", "Ayn al-Arab")  # Kobani's other name
    code, _, err = run("timeline", "--place", "Aleppo", "--radius", "5")
    assert code == 0 and "warning: --place 'Aleppo'" in err and "no event is there or within 5 km" in err


def test_type_takes_ids_and_labels_and_help_lists_them(cited: Path) -> None:
    assert events_json("--type", "Joint patrol") == events_json("--type", "patrol") != []
    code, _, err = run("timeline", "--type", "picnic")
    assert code == 2 and "patrol (Joint patrol)" in err
    code, out, _ = run("timeline", "--help")
    flat = " ".join(out.split())
    assert "patrol_suspended (Patrols suspended)" in flat.replace("│ ", "").replace(" │", "")


def test_since_after_until_is_a_usage_error(cited: Path) -> None:
    code, _, err = run("timeline", "--since", "2021-07", "--until", "2021-06")
    assert code == 2 and "is after --until" in err and "Traceback" not in err


def test_dates_filter_by_interval_overlap(cited: Path) -> None:
    # the agreement of "July 2021" (a month) is in a filter that starts mid-July
    found = events_json("--since", "2021-07-15", "--until", "2021-07-20")
    assert [e["date"]["precision"] for e in found] == ["month"]


# --- 5. uncertainty drawn as uncertainty -------------------------------------------------------------


def test_timelinejs_ranges_are_points_and_ics_drops_nothing_silently(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "month.txt", MONTH_ONLY)
    write(folder, "year.txt", YEAR_ONLY)
    write(folder, "patrol.txt", PATROL)
    run("ingest", str(folder))
    _, out, _ = run("timeline", "-f", "timelinejs")
    slides = json.loads(out)["events"]
    assert all("end_date" not in s for s in slides)
    assert {s["display_date"] for s in slides} >= {"July 2021", "2018", "9 June 2021"}
    before = datetime.now(UTC).replace(microsecond=0)
    _, out, err = run("timeline", "-f", "ics")
    import icalendar

    entries = list(icalendar.Calendar.from_ical(out).walk("VEVENT"))
    assert {e.decoded("DTSTART").isoformat() for e in entries} == {"2021-07-01", "2021-06-09"}
    assert "note: the calendar has no entry for 1 event (1 dated only to a year)" in err
    assert all(before <= e.decoded("DTSTAMP") <= datetime.now(UTC) for e in entries)  # the export's time
    _, out, _ = run("timeline", "-f", "md")
    assert "(July 2021)" in out
    _, out, _ = run("timeline", "--no-color")  # the terminal says how to read each kind of date shown
    legend = " ".join(line for line in out.splitlines() if line.startswith(("Dates:", "        ")))
    assert "2021-06-09 a day" in legend and "2021-07 a month, day unknown" in legend and "2018 a year" in legend


# --- 6. GIS- and spreadsheet-ready -------------------------------------------------------------------


def test_geojson_is_valid_and_flat_and_csv_has_a_column_per_figure(cited: Path, tmp_path: Path) -> None:
    import geojson

    target = tmp_path / "events.geojson"
    code, _, err = run("timeline", "-o", str(target))  # the format from the extension
    assert code == 0, err
    doc = geojson.loads(target.read_text(encoding="utf-8"))
    assert doc.is_valid, doc.errors()
    props = [f["properties"] for f in doc["features"]]
    assert props and all(not isinstance(v, dict | list) for p in props for v in p.values())
    patrol = next(p for p in props if p["type"] == "patrol")
    assert (patrol["date_start"], patrol["date_end"], patrol["precision"]) == ("2021-06-09", "2021-06-09", "day")
    assert patrol["n_outlets"] == 2 and patrol["outlets"] == "Anadolu Agency; TASS"
    assert patrol["url"].startswith("https://") and patrol["figure_vehicles"] == 8

    target = tmp_path / "events.csv"
    code, _, err = run("timeline", "-o", str(target), "--excel")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    patrol_row = next(r for r in rows if r["type"] == "patrol")
    assert patrol_row["figure_vehicles"] == "8" and "figures" in patrol_row


# --- 7. a database people can browse ---------------------------------------------------------------


def test_the_database_has_readable_tables_views_and_foreign_keys(cited: Path, isolated: Path) -> None:
    db = sqlite3.connect(isolated)
    rows = db.execute("SELECT id, summary, place, lat, lon, precision, n_outlets, outlets FROM chronology").fetchall()
    patrol = next(r for r in rows if r[6] == 2)
    assert patrol[2] == "Kobani (Ayn al Arab)" and patrol[3] and patrol[4] and patrol[5] == "day"
    assert patrol[7] == "Anadolu Agency; TASS"
    starts = [r[0] for r in db.execute("SELECT date_start FROM chronology")]
    assert starts == sorted(starts)
    links = {(row[2], row[3]) for row in db.execute("PRAGMA foreign_key_list(event_mentions)")}
    assert links == {("events", "event_id"), ("mentions", "mention_key")}
    assert ("articles", "article_id") in {(row[2], row[3]) for row in db.execute("PRAGMA foreign_key_list(mentions)")}
    sources = db.execute("SELECT outlet, url, title FROM event_sources WHERE event_id = ?", (patrol[0],)).fetchall()
    assert (
        "Anadolu Agency",
        "https://www.aa.com.tr/en/middle-east/joint-patrol/1",
        "Joint patrol near Kobani",
    ) in sources
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_browse_without_datasette_says_how_to_get_it(cited: Path) -> None:
    import importlib.util

    if importlib.util.find_spec("datasette") is not None:
        pytest.skip("Datasette is installed here: the message is for those without it")
    code, _, err = run("browse")
    assert code == 1 and "pip install 'patroltl[browse]'" in err


def test_browse_runs_datasette_on_this_machine_read_only(tmp_path: Path) -> None:
    from patroltl.cli import browse_command, browse_metadata

    command = browse_command(tmp_path / "x.db", 8123, tmp_path / "m.json")
    assert command[1:4] == ["-m", "datasette", "serve"] and "--immutable" not in command
    assert command[command.index("--host") + 1] == "127.0.0.1" and command[-1] == "8123"
    assert browse_metadata(tmp_path / "x.db")["databases"]["x"]["tables"]["events"]["label_column"] == "summary"


# --- 8. a shell without rough edges ------------------------------------------------------------------


def test_output_to_a_missing_folder_or_a_folder_is_one_line(cited: Path, tmp_path: Path) -> None:
    for target, says in ((tmp_path / "nope" / "x.csv", "does not exist"), (tmp_path, "is a folder")):
        for command in (["timeline", "-o", str(target)], ["diff-sources", "-o", str(target)]):
            code, _out, err = run(*command)
            assert code == 2 and says in err and len(err.strip().splitlines()) == 1, (command, err)
            assert "Traceback" not in err


def test_the_format_follows_the_extension_and_md_is_markdown(cited: Path, tmp_path: Path) -> None:
    for name, start in (
        ("a.json", '{"events"'),
        ("a.md", "# Turkish-Russian"),
        ("a.ics", "BEGIN:VCALENDAR"),
        ("a.html", "<!DOCTYPE html>"),
        ("a.timeline.json", '{\n  "title"'),
    ):
        code, _, err = run("timeline", "-o", str(tmp_path / name))
        assert code == 0, err
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start), name
    code, _, _ = run("timeline", "-f", "md", "-o", str(tmp_path / "b.txt"))
    assert (tmp_path / "b.txt").read_text(encoding="utf-8").startswith("# Turkish-Russian")
    code, _, err = run("diff-sources", "-o", str(tmp_path / "d.md"))
    assert code == 0, err and (tmp_path / "d.md").read_text(encoding="utf-8").startswith("# Where the sources")
    code, out, _ = run("diff-sources", "-f", "markdown")
    assert out.startswith("# Where the sources disagree")
    code, _, err = run("timeline", "-f", "xml")
    assert code == 2 and "choose one of table, json" in err


def test_every_command_help_has_an_example_and_keeps_its_brackets() -> None:
    for command in (
        ["ingest"],
        ["timeline"],
        ["diff-sources"],
        ["explain"],
        ["show"],
        ["articles"],
        ["browse"],
        ["events", "merge"],
        ["events", "split"],
        ["events", "overrides"],
        ["events", "undo"],
        ["places", "resolve"],
        ["places", "list"],
        ["places", "import"],
    ):
        code, out, _ = run(*command, "--help")
        assert code == 0 and "Example" in out, command
    code, out, _ = run("timeline", "--help")
    assert "patroltl[plot]" in out.replace("\n", "").replace("│", "").replace(" ", "")


def test_ingest_explains_planned_mentions_and_counts_with_plurals(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "planned.txt", PLANNED)
    code, _, err = run("ingest", str(folder))
    assert code == 0, err
    assert "1 new, 0 already ingested, 0 failed; 2 mentions extracted (1 of them planned, announced or denied" in err
    assert "1 event in the chronology" in err
    write(tmp_path / "one", "one.txt", MONTH_ONLY)
    code, _, err = run("ingest", str(tmp_path / "one"))
    assert "; 1 mention extracted, " in err


# --- 9. overrides you can see -------------------------------------------------------------------------


def test_overrides_are_listed_and_undone(cited: Path) -> None:
    code, out, _ = run("events", "overrides")
    assert code == 0 and "no overrides" in out
    patrol = the_patrol(events_json())
    key = patrol["mentions"][1]["key"]
    code, _, err = run("events", "split", patrol["id"], key)
    assert code == 0, err
    assert len(events_json()) == 3
    code, out, _ = run("events", "overrides")
    assert "split out" in out and key in " ".join(out.split()).replace("│ ", "")
    code, out, err = run("events", "undo", "1")
    assert code == 0 and "undid split 1" in out, err
    assert the_patrol(events_json())["id"] == patrol["id"] and len(events_json()) == 2
    code, _, err = run("events", "undo", "1")
    assert code == 2 and "no such override" in err


# --- 11. same article, any format ---------------------------------------------------------------------

HEADLINED = (
    "Russian and Turkish troops patrol near Kobani\n\n"
    "MOSCOW, June 9. Russian military police and Turkish forces conducted a joint patrol near Kobani on "
    "June 9, 2021, the Russian Defence Ministry said.\n\n"
    "Leave a Reply\n\nNotify of\n\nIvan Petrov\n\n"
    "Another joint patrol was attacked near Tal Tamr on June 5, 2021, I saw it myself.\n"
)


def plain_page(text: str, title: str = "") -> str:
    """The text as the plainest saved page: each line a paragraph of one <article>."""
    import html

    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n") if line.strip())
    head = f"<head><title>{html.escape(title)}</title></head>" if title else ""
    return f"<html>{head}<body><article>\n{paragraphs}</article></body></html>\n"


def event_ids(db: Path) -> list[tuple[str, str]]:
    code, out, err = run("timeline", "--db", str(db), "-f", "json")
    assert code == 0, err
    return sorted((e["id"], e["date"]["display"]) for e in json.loads(out)["events"])


def test_a_text_copy_with_its_headline_is_the_saved_page(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "story.txt", HEADLINED)
    (folder / "story.html").write_text(plain_page(HEADLINED, "Russian and Turkish troops patrol near Kobani | Wire"))
    code, _, err = run("ingest", str(folder / "story.txt"), str(folder / "story.html"))
    assert code == 0, err
    assert "story.html: already ingested as " in err and "1 new, 1 already ingested" in err
    events = events_json()
    assert [e["date"]["display"] for e in events] == ["2021-06-09"]  # the comment's attack is no event
    assert events[0]["mentions"][0]["title"] == "Russian and Turkish troops patrol near Kobani"


def test_a_page_gives_the_events_of_its_text(tmp_path: Path) -> None:
    samples = sorted((FIXTURES.parent.parent / "data" / "samples").glob("*.txt"))
    texts, pages = tmp_path / "texts", tmp_path / "pages"
    for p in samples:
        write(texts, p.name, p.read_text(encoding="utf-8"))
        write(pages, p.stem + ".html", plain_page(p.read_text(encoding="utf-8")))
    write(texts, "comments.txt", HEADLINED)
    write(pages, "comments.html", plain_page(HEADLINED))
    for folder, db in ((texts, tmp_path / "t.db"), (pages, tmp_path / "p.db")):
        code, _, err = run("ingest", str(folder), "--db", str(db))
        assert code == 0, err
    assert event_ids(tmp_path / "p.db") == event_ids(tmp_path / "t.db")


def test_show_lists_what_trafilatura_and_the_cleaner_dropped_from_a_page(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Joint patrol near Kobani</title></head><body>"
        "<nav><ul><li>Home page of the wire</li><li>Politics and world news</li></ul></nav><article>"
        "<h1>Joint patrol near Kobani</h1><p>MOSCOW, June 9. Russian military police and Turkish forces "
        "conducted a joint patrol near Kobani on June 9, 2021, the Russian Defence Ministry said.</p>"
        "<p>Leave a Reply</p><p>Another joint patrol was attacked near Tal Tamr on June 5, 2021.</p></article>"
        "<footer><p>Copyright 2021 The Example Wire</p></footer></body></html>",
        encoding="utf-8",
    )
    code, _, err = run("ingest", str(page))
    assert code == 0, err
    code, out, err = run("show", "page.html", "--no-color")
    assert code == 0, err
    out = " ".join(out.split())
    assert "cut: comment thread" in out  # the cleaner, on what trafilatura kept
    assert "left out by trafilatura" in out and "Copyright 2021 The Example Wire" in out
    assert [e["date"]["display"] for e in events_json()] == ["2021-06-09"]


def test_a_database_from_before_knows_its_headlined_texts(tmp_path: Path, isolated: Path) -> None:
    """An article stored with its headline in its content hash (before headlines were recognised) is
    not stored again when the same text is read now."""
    from patroltl.pipeline import content_hash

    folder = tmp_path / "in"
    story = write(folder, "story.txt", HEADLINED)
    run("ingest", str(story))
    db = sqlite3.connect(isolated)
    text = db.execute("SELECT text FROM articles").fetchone()[0]
    with db:
        db.execute("UPDATE articles SET content_hash = ?, title = NULL", (content_hash(text),))
        db.execute("DROP TABLE article_identities")
        db.execute("PRAGMA user_version = 6")
    db.close()
    code, _, err = run("ingest", str(story))
    assert code == 0 and "0 new, 1 already ingested" in err, err
