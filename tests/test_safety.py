"""Hostile article text end to end (issue 8): ingested through the CLI, it must come out of every
command and every export as inert text, never as terminal control, markup, HTML, script or formula.

The article, tests/fixtures/hostile/hostile-article.txt, carries Rich markup, ANSI and OSC 8
escape sequences, HTML and script tags, spreadsheet formula prefixes, a bidi override and a
zero-width space inside sentences that do produce events; its outlet name (--source) and its file
name are hostile too. tests/test_export.py covers each exporter on hand-built events; this file
covers the path through load, clean, extract, store and the commands.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from patroltl.cli import app
from patroltl.export import EXPORTERS

from .conftest import FIXTURES

HOSTILE_FILE = FIXTURES / "hostile" / "hostile-article.txt"
HOSTILE_SOURCE = "[bold]Evil\u202e News\u200b [link=https://evil]x[/link]"
HOSTILE_NAME = "[red]evil\u202e\u200b.txt"
# Terminal control, bidi controls and invisible characters that must never reach any output.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
SGR = re.compile(r"\x1b\[[0-9;]*m")  # the colours patroltl itself asks Rich for
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    """A database holding the hostile article (under a hostile outlet and file name) and alpha.txt, another
    outlet's report of the same patrol, so diff-sources has something to compare."""
    article = tmp_path / HOSTILE_NAME
    shutil.copyfile(HOSTILE_FILE, article)
    db = tmp_path / "hostile.db"
    code, _, err = run("ingest", str(article), "--source", HOSTILE_SOURCE, "--db", str(db))
    assert code == 0, err
    assert not FORBIDDEN.search(err)
    code, _, err = run("ingest", str(FIXTURES / "articles" / "alpha.txt"), "--db", str(db))
    assert code == 0, err
    return db


def events_of(db: Path) -> list[dict]:
    code, out, err = run("timeline", "--format", "json", "--db", str(db))
    assert code == 0, err
    return json.loads(out)["events"]


def hostile_events(db: Path) -> list[dict]:
    return [e for e in events_of(db) if any(HOSTILE_NAME in m["article"] for m in e["mentions"])]


def flat(text: str) -> str:
    """Output with the table borders and line wrapping taken out, to look for phrases across lines."""
    return " ".join(re.sub("[│┃║]", " ", text).split())


def assert_inert_terminal_output(out: str, *, colour: bool) -> None:
    text = SGR.sub("", out) if colour else out
    assert "\x1b" not in text, "an escape sequence from the article reached the terminal"
    assert not FORBIDDEN.search(text)
    assert "\x1b[31mred" not in out.lower(), "the article's own colour code reached the terminal"


def test_the_hostile_article_produces_events(hostile_db: Path) -> None:
    events = hostile_events(hostile_db)
    assert len(events) >= 2
    sentences = [m["sentence"] for e in events for m in e["mentions"]]
    assert any("<script>alert(1)</script>" in s and "[bold red]x[/]" in s for s in sentences)


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "terminal-colour"])
def test_timeline_table_shows_the_text_as_text(hostile_db: Path, colour: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if colour:
        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.setenv("FORCE_COLOR", "1")
    for extra in ([], ["--verbose"], ["--explain"]):
        code, out, err = run("timeline", *extra, "--db", str(hostile_db))
        assert code == 0, err
        assert_inert_terminal_output(out, colour=colour)
        shown = flat(SGR.sub("", out))
        assert "[bold]Evil News" in shown, "the outlet's markup is shown literally, not applied"
        if extra:
            assert "[bold red]x[/]" in shown and "<script>alert(1)</script>" in shown
            assert "[link=https://evil]click[/link]" in shown
            assert "[31mred[0m" in shown, "the escape byte is gone, the rest shown"
    if colour:
        assert SGR.search(out), "the colour run did colour something: the check above means something"


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "terminal-colour"])
def test_explain_show_articles_diff_and_places(hostile_db: Path, colour: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if colour:
        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.setenv("FORCE_COLOR", "1")
    outputs = []
    for ev in hostile_events(hostile_db):
        code, out, err = run("explain", ev["id"], "--db", str(hostile_db))
        assert code == 0, err
        outputs.append(out)
    assert "[bold red]x[/]" in flat(SGR.sub("", "".join(outputs)))
    code, out, err = run("show", HOSTILE_NAME, "--db", str(hostile_db))
    assert code == 0, err
    assert "<script>alert(1)</script>" in flat(SGR.sub("", out)) and "[bold red]x[/]" in flat(SGR.sub("", out))
    outputs.append(out)
    for command in (["articles"], ["diff-sources"], ["places", "list"]):
        code, out, err = run(*command, "--db", str(hostile_db))
        assert code == 0, (command, err)
        outputs.append(out)
    for out in outputs:
        assert_inert_terminal_output(out, colour=colour)
    assert "[bold]Evil News" in flat(SGR.sub("", outputs[-2])), "diff-sources names the outlet as text"
    code, out, err = run("diff-sources", "--format", "json", "--db", str(hostile_db))
    assert code == 0, err
    assert_data_json(out)


def assert_data_json(out: str) -> None:
    """JSON carries the article's text verbatim as data (the consumer escapes it for display; see
    test_export.test_json_hostile_round_trips_as_data): it parses, and no escape byte is left raw."""
    assert "\x1b" not in out and "\x9b" not in out
    json.loads(out)


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_every_export_of_the_hostile_article_is_inert(hostile_db: Path, fmt: str) -> None:
    code, out, err = run("timeline", "--format", fmt, "--db", str(hostile_db))
    assert code == 0, err
    if fmt in ("json", "jsonl", "geojson", "timelinejs"):
        assert "\x1b" not in out and "\x9b" not in out
    else:
        assert not FORBIDDEN.search(out.replace("\r\n", "\n")), fmt
    if fmt == "html":
        assert "<script>alert" not in out and "<img src=x" not in out
        assert "[bold red]x[/]" in out or "[bold red]x[/]" in out.replace("&#x2F;", "/")
    if fmt in ("csv", "csv-mentions"):
        rows = list(csv.reader(io.StringIO(out, newline="")))
        assert len(rows) > 1
        for row in rows:
            for cell in row:
                assert not cell.lstrip().startswith(FORMULA_START), cell
        assert any("Evil News" in cell for row in rows for cell in row), "the outlet is there, as text"
        if fmt == "csv-mentions":
            assert any(cell.startswith("'=HYPERLINK(") for row in rows for cell in row), "kept, only made inert"
    if fmt in ("json", "geojson", "timelinejs"):
        json.loads(out)
    if fmt == "jsonl":
        for line in out.splitlines():
            json.loads(line)
    if fmt == "markdown":
        # no raw HTML in Markdown: every angle bracket escaped, but those around a link's
        # (percent-encoded) URL
        assert not re.search(r"(?<!\\)<", re.sub(r"\]\(<[^<>\s]*>\)", "", out)), "no raw HTML in Markdown"


def test_the_export_to_a_file_is_inert_too(hostile_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "timeline.txt"
    code, _, err = run("timeline", "--verbose", "--output", str(target), "--db", str(hostile_db))
    assert code == 0, err
    written = target.read_text(encoding="utf-8")
    assert_inert_terminal_output(written, colour=False)
    assert "[bold red]x[/]" in flat(written)
