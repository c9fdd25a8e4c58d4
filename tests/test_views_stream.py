"""Views of a large chronology read what they show: the streamed exports write the bytes of the
whole-list export, explain reads one event, the table reads no sentence it does not show."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest

from bench.generate import generate
from patroltl.export import ExportOptions, export_bytes
from patroltl.filters import Filters, select, unmatched
from patroltl.knowledge import Knowledge
from patroltl.models import Document, Event
from patroltl.pipeline import ingest, process
from patroltl.render import EventReader, make_console, timeline_renderable
from patroltl.store import Store
from patroltl.stream import export_chunks

from .conftest import ROOT

FILTERS = [
    Filters(),
    Filters(since=date(2021, 1, 1), until=date(2021, 6, 30)),
    Filters(types=("patrol",), min_sources=2),
    Filters(sources=("TASS", "no such outlet")),
    Filters(place="Kobani", radius_km=40),
    Filters(place="Nowhereville"),
    Filters(undated=False),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples (some of open date, dated by other sources), generated articles, and one with no
    date at all (its events are undated: the table shows them last, under one heading)."""
    folder = tmp_path_factory.mktemp("views")
    generate(folder / "generated", 120, seed=4)
    (folder / "generated" / "undated.txt").write_text(
        "Russian and Turkish troops carried out a joint patrol near Kobani, the Russian Defence Ministry said."
        "\n\nOn March 15 a roadside bomb hit a Turkish convoy near Tal Tamr.\n",
        encoding="utf-8",
    )
    path = folder / "v.db"
    with Store.open(path) as store:
        ingest([str(ROOT / "data" / "samples"), str(folder / "generated")], store)
    return path


@pytest.mark.parametrize("f", FILTERS, ids=range(len(FILTERS)))
def test_the_streamed_exports_are_the_whole_list_exports(db: Path, f: Filters) -> None:
    kn = Knowledge.bundled()
    with Store.open(db) as store:
        assert store.current()
        everything = store.events(f.since, f.until, with_json=True)
        assert everything is not None
        gazetteer = kn.gazetteer if f.place else None
        events = select(everything, f, gazetteer, kn.outlets)
        for format_, excel in (("json", False), ("jsonl", False), ("csv", False), ("csv", True)):
            warnings: list[str] = []
            got = b"".join(export_chunks(store, kn, format_, f, excel=excel, warn=warnings.append))
            assert got == export_bytes(format_, events, kn, ExportOptions(excel=excel)), format_
            assert warnings == unmatched(everything, f, gazetteer, kn.outlets)


def _same(a: Event, b: Event) -> None:
    assert (a.id, a.type, a.date, a.place, a.summary, a.why) == (b.id, b.type, b.date, b.place, b.summary, b.why)
    assert [(m.key, m.published, m.mention, m.url) for m in a.members] == [
        (m.key, m.published, m.mention, m.url) for m in b.members
    ]


def test_explain_reads_the_event_it_is_asked_for(db: Path) -> None:
    with Store.open(db) as store:
        events = store.events()
        assert events is not None
        for ev in events[:: max(1, len(events) // 20)]:
            found = store.events_by_id(ev.id[:7])
            assert found is not None
            (one,) = [e for e in found if e.id == ev.id]
            _same(one, ev)
        assert store.events_by_id("zzzz") == []
        prefix = store.events_by_id("e", limit=6)
        assert prefix is not None and [e.id for e in prefix] == [e.id for e in events if e.id.startswith("e")][:6]


def test_views_of_stale_events_cluster_afresh(db: Path, tmp_path: Path) -> None:
    """An article stored and never clustered: the events no longer cover the mentions."""
    copy = tmp_path / "stale.db"
    copy.write_bytes(db.read_bytes())
    text = " date 2021-06-16 \nA joint patrol was pelted with stones near Kobani on June 16, 2021.\n"
    with Store.open(copy) as store:
        assert store.add_article(process(Document(path="late.txt", text=text)))
        assert not store.current()
        assert store.events_by_id("e") is None


def test_the_table_reads_the_events_without_their_sentences(db: Path) -> None:
    kn = Knowledge.bundled()
    shown = []
    for light in (False, True):
        with Store.open(db) as store:
            events = store.events(light=light)
        assert events is not None
        out = io.StringIO()
        make_console(file=out, no_color=True, width=160).print(timeline_renderable(events, kn), crop=False)
        shown.append(out.getvalue())
        # read after the store is closed: a member's mention is still there when asked for
        assert events[0].members[0].mention.sentence
    assert shown[0] == shown[1]


def test_the_store_streams_the_events_it_lists(db: Path) -> None:
    """Read a batch at a time, the events are those of ``Store.events``, in its order, with the same
    members; split into the dated and the others, each part keeps that order."""
    with Store.open(db) as store:
        listed = store.events()
        assert listed is not None
        articles = store.article_rows()
        assert articles is not None and len(articles) == store.count("articles")
        # light or not, members joined to their articles in SQL or in Python (an empty map: in SQL)
        for light, joined in ((False, None), (True, None), (True, articles), (True, {})):
            streamed = list(store.stream_events(light=light, batch=7, articles=joined))
            assert [ev.id for ev in streamed] == [ev.id for ev in listed]
            for a, b in zip(streamed, listed, strict=True):
                _same(a, b)
                assert [(m.outlet, m.side, m.article_path, m.article_hash, m.title) for m in a.members] == [
                    (m.outlet, m.side, m.article_path, m.article_hash, m.title) for m in b.members
                ]
        dated = [ev.id for ev in store.stream_events(dated=True, batch=7)]
        undated = [ev.id for ev in store.stream_events(dated=False, batch=7)]
        assert undated, "the fixture has events whose date is unknown"
        assert dated == [ev.id for ev in listed if ev.date.precision != "unknown"]
        assert undated == [ev.id for ev in listed if ev.date.precision == "unknown"]
        some = list(store.stream_events(date(2021, 1, 1), date(2021, 6, 30)))
        assert [ev.id for ev in some] == [ev.id for ev in store.events(date(2021, 1, 1), date(2021, 6, 30)) or []]


def _table(
    events: Sequence[Event] | EventReader, width: int, *, colour: bool, verbose: bool = False, windows: bool = False
) -> str:
    out = io.StringIO()
    screen = make_console(file=out, width=width, color_system="truecolor" if colour else None, force_terminal=colour)
    timeline = timeline_renderable(events, Knowledge.bundled(), verbose=verbose)
    if windows:
        for window in timeline.windows(width):
            screen.print(window, crop=False)
    else:
        screen.print(timeline, crop=False)
    return out.getvalue()


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_the_table_laid_out_a_window_at_a_time_is_the_whole_table(
    db: Path, colour: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows of a month are laid out a few at a time, each window printed on its own: the bytes
    (escape codes included) are those of the whole list in one window and one print."""
    from patroltl.render import Timeline

    with Store.open(db) as store:
        events = store.events()
        assert events is not None

        articles = store.article_rows()

        def read(dated: bool | None) -> Iterator[Event]:
            return store.stream_events(dated=dated, light=True, batch=5, articles=articles)

        for width, verbose in ((80, False), (200, False), (100, True)):
            monkeypatch.setattr(Timeline, "WINDOW", 10**9)
            whole = _table(events, width, colour=colour, verbose=verbose)
            monkeypatch.setattr(Timeline, "WINDOW", 3)
            assert _table(read, width, colour=colour, verbose=verbose, windows=True) == whole
            assert _table(events, width, colour=colour, verbose=verbose) == whole


def test_the_table_holds_a_window_of_rows(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each piece of the timeline holds at most WINDOW rows, and the rows are read from the store as
    they are laid out: when a window is given, at most one event more than it shows has been read."""
    from patroltl.render import Timeline, _Rows

    monkeypatch.setattr(Timeline, "WINDOW", 4)
    read_rows = [0]
    with Store.open(db) as store:

        def read(dated: bool | None) -> Iterator[Event]:
            for ev in store.stream_events(dated=dated, light=True, batch=3):
                if dated is not None:
                    read_rows[0] += 1
                yield ev

        shown = 0
        windows = 0
        for piece in timeline_renderable(read, Knowledge.bundled()).pieces(100):
            if isinstance(piece, _Rows):
                windows += 1
                assert len(piece.rows) <= Timeline.WINDOW
                shown += len(piece.rows)
                assert read_rows[0] <= shown + 1
        assert shown == read_rows[0] == store.count("events") and windows > store.count("events") // 4


def test_the_cli_table_streams_what_the_list_shows(db: Path) -> None:
    """`patroltl timeline` (and -o FILE.txt) with every filter: the table of the filtered list, and
    the same warnings."""
    from typer.testing import CliRunner

    from patroltl.cli import app

    kn = Knowledge.bundled()
    runner = CliRunner()
    env = {"NO_COLOR": "1", "COLUMNS": "120", "TERMINAL_WIDTH": "120", "_TYPER_FORCE_DISABLE_TERMINAL": "1"}
    options: list[list[str]] = [
        [],
        ["--since", "2021-01", "--until", "2021-06"],
        ["--type", "patrol", "--min-sources", "2"],
        ["--source", "TASS", "--source", "no such outlet"],
        ["--place", "Kobani", "--radius", "40"],
        ["--place", "Nowhereville"],
        ["--no-undated", "-v"],
    ]
    with Store.open(db) as store:
        for f, args in zip(FILTERS, options, strict=True):
            everything = store.events(f.since, f.until)
            assert everything is not None
            gazetteer = kn.gazetteer if f.place else None
            events = select(everything, f, gazetteer, kn.outlets)
            verbose = "-v" in args
            expected = _table(events, 120, colour=False, verbose=verbose)
            done = runner.invoke(app, ["timeline", "--db", str(db), *args], env=env)
            assert done.exit_code == 0, done.output
            assert done.stdout == expected, args
            warnings = [f"warning: {w}" for w in unmatched(everything, f, gazetteer, kn.outlets)]
            assert [line for line in done.stderr.splitlines() if line.startswith("warning:")] == warnings
    out = db.with_name("table.txt")
    done = runner.invoke(app, ["timeline", "--db", str(db), "-o", str(out)], env=env)
    assert done.exit_code == 0, done.output
    assert out.read_text(encoding="utf-8") == _table(store_events(db), 160, colour=False)


def store_events(db: Path) -> list[Event]:
    with Store.open(db) as store:
        events = store.events()
    assert events is not None
    return events
