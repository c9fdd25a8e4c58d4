"""The store hands back what was clustered: the same events, members and JSON, whether it decodes a
member at once or when first read, whether a date range is asked for or not, across migrations."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from patroltl.contract import event_json, event_line, json_text
from patroltl.crossdate import chronicle
from patroltl.knowledge import Knowledge
from patroltl.load import load
from patroltl.models import Document, Event
from patroltl.pipeline import ingest, process
from patroltl.store import SCHEMA_VERSION, Store

from .conftest import FIXTURES, ROOT

PLANNED = """date: 2022-03-02
Turkey and Russia will hold a joint patrol near Tal Tamr next week, the Russian Defence Ministry said.
Turkish and Russian troops carried out a joint patrol near Kobani on March 1, 2022, the ministry said.
"""


@pytest.fixture
def store(tmp_path: Path) -> Store:
    (tmp_path / "planned.txt").write_text(PLANNED, encoding="utf-8")
    st = Store.open(tmp_path / "s.db")
    paths = [str(FIXTURES / "articles"), str(ROOT / "data" / "samples"), str(tmp_path / "planned.txt")]
    report = ingest(paths, st)
    assert not report.failed and report.events > 5
    return st


def _members(ev: Event) -> list[tuple[object, ...]]:
    return [(sm.key, sm.article_path, sm.outlet, sm.side, sm.published, sm.mention) for sm in ev.members]


def _same(a: Event, b: Event) -> bool:
    fields = ("id", "type", "date", "place", "aliases", "summary", "figures", "why", "conflicts")
    return all(getattr(a, f) == getattr(b, f) for f in fields) and _members(a) == _members(b)


def test_the_stored_events_are_the_clustered_events_decoded_when_read(store: Store) -> None:
    kn = Knowledge.bundled()
    tags = store.wide_tags(kn.tuning.crossdate.wide_days)
    fresh, _ = chronicle(store.mentions(), tags.get, store.overrides(), kn)  # as the ingest made them
    stored = store.events()
    assert stored is not None
    assert [e.id for e in stored] == [e.id for e in fresh]  # and in the same, chronological, order
    assert all(_same(a, b) for a, b in zip(stored, fresh, strict=True))


def test_a_date_range_reads_the_events_that_reach_into_it(store: Store) -> None:
    everything = store.events()
    assert everything is not None
    since, until = date(2019, 11, 1), date(2021, 12, 31)
    part = store.events(since, until)
    assert part is not None
    expected = [e for e in everything if e.date.end >= since and e.date.start <= until]
    assert 0 < len(part) < len(everything)
    assert [e.id for e in part] == [e.id for e in expected]
    assert all(_same(a, b) for a, b in zip(part, expected, strict=True))


def test_the_stored_json_line_is_what_the_event_encodes_to(store: Store) -> None:
    stored = store.events(with_json=True)
    assert stored is not None
    assert all(ev.stored_json for ev in stored)
    for ev in stored:
        assert event_line(ev) == ev.stored_json == json_text(event_json(ev))
    without = store.events()
    assert without is not None and not any(ev.stored_json for ev in without)


def test_events_are_stale_when_mentions_were_stored_after_the_clustering(store: Store, tmp_path: Path) -> None:
    late = tmp_path / "late.txt"
    late.write_text(
        " date 2023-05-02 \nTurkish and Russian troops held a joint patrol near Amuda on May 1, 2023.\n",
        encoding="utf-8",
    )
    doc = next(iter(load([str(late)])))
    assert isinstance(doc, Document)
    assert store.add_article(process(doc))
    assert store.events() is None  # the caller clusters afresh


def test_a_version_2_database_is_migrated_and_its_planned_mentions_found(store: Store) -> None:
    planned = store.db.execute("SELECT COUNT(*) FROM mentions WHERE planned = 1").fetchone()[0]
    in_json = "SELECT COUNT(*) FROM mentions WHERE json_extract(data_json, '$.planned')"
    assert planned == store.db.execute(in_json).fetchone()[0] >= 1  # "will hold a joint patrol ... next week"
    before = store.events()
    assert before is not None
    db = sqlite3.connect(store.path)
    db.executescript(
        """DROP TABLE article_identities;
           DROP VIEW chronology;
           DROP VIEW event_sources;
           ALTER TABLE events DROP COLUMN summary;
           ALTER TABLE events DROP COLUMN precision;
           ALTER TABLE events DROP COLUMN date;
           ALTER TABLE events DROP COLUMN place;
           ALTER TABLE events DROP COLUMN place_id;
           ALTER TABLE events DROP COLUMN lat;
           ALTER TABLE events DROP COLUMN lon;
           ALTER TABLE events DROP COLUMN n_outlets;
           ALTER TABLE events DROP COLUMN outlets;
           ALTER TABLE events DROP COLUMN n_mentions;
           DROP INDEX events_order;
           DROP TABLE cross_dates;
           ALTER TABLE event_mentions DROP COLUMN date_json;
           ALTER TABLE articles DROP COLUMN tags_json;
           ALTER TABLE mentions DROP COLUMN date_value;
           ALTER TABLE events DROP COLUMN json;
           ALTER TABLE mentions DROP COLUMN planned;
           PRAGMA user_version = 2;"""
    )
    db.close()
    with Store.open(store.path, create=False) as st:
        assert st.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert st.db.execute("SELECT COUNT(*) FROM mentions WHERE planned = 1").fetchone()[0] == planned
        after = st.events(with_json=True)
        assert after is not None  # not taken for stale: the planned mention is still not clustered
        assert [e.id for e in after] == [e.id for e in before]
        assert not any(e.stored_json for e in after)  # written again at the next clustering
        assert event_line(after[0]) == json_text(event_json(after[0]))
