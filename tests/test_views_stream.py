"""Views of a large chronology read what they show: the streamed exports write the bytes of the
whole-list export, explain reads one event, the table reads no sentence it does not show."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from bench.generate import generate
from patroltl.export import ExportOptions, export_bytes
from patroltl.filters import Filters, select, unmatched
from patroltl.knowledge import Knowledge
from patroltl.models import Document, Event
from patroltl.pipeline import ingest, process
from patroltl.render import make_console, timeline_renderable
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
    """The samples (some of open date, dated by other sources) and generated articles."""
    folder = tmp_path_factory.mktemp("views")
    generate(folder / "generated", 120, seed=4)
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
