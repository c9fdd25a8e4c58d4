"""Incremental ingest: a corpus ingested in slices gives the chronology of one ingest, event for
event and id for id; an ingest of nothing new clusters nothing; what a replay cannot promise
(overrides, articles of open date) is clustered whole."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bench.generate import generate
from patroltl.cluster import cluster
from patroltl.contract import event_line
from patroltl.incremental import Recorder, recluster_new
from patroltl.knowledge import Knowledge
from patroltl.models import Document
from patroltl.pipeline import ingest, knowledge_signature, process
from patroltl.store import Store

from .conftest import ROOT, SHARED

SAMPLES = ROOT / "data" / "samples"
DEV_CORPUS = SHARED / "corpus" / "articles"

# Written for these tests: named events told to the day and to the month (the event-level joins),
# a numbered patrol told by three outlets on three days, and a patrol with no number near another.
HANDWRITTEN = {
    "sochi.txt": " date 2019-11-05 \nOn October 22, Russian President Vladimir Putin and his Turkish counterpart "
    "Recep Tayyip Erdogan met in Sochi to agree on a memorandum on joint operations in northeastern Syria.",
    "deal.txt": " date 2019-10-30 \nThe Turkish and Russian presidents reached a deal in October to end an "
    "eight-day cross-border Turkish offensive against Syrian Kurdish groups, stating that joint patrols would "
    "be conducted.",
    "signed.txt": " date 2022-01-17 \nIt has already become the 222nd patrol after the signing in 2019 of the "
    "Memorandum of Understanding between the Russian Federation and the Republic of Turkey.",
    "p31-thu.txt": " date 2021-06-10 \nThe 31st joint patrol was held near Kobani on Thursday, the ministry said.",
    "p31-fri.txt": " date 2021-06-11 \nThe 31st joint patrol took place near Kobani on Friday, the ministry said.",
    "p31-late.txt": " date 2021-06-14 \nThe 31st Turkish-Russian joint patrol, held near Kobani last week, "
    "passed without incident.",
    "stones.txt": " date 2021-06-16 \nA joint patrol was pelted with stones near Kobani on June 16, 2021.",
    # one withdrawal, told by three outlets, that the greedy pass keeps in two clusters and the
    # joins of whole clusters make one (cluster.merge_group); another, far away, stays apart
    "pullout-a.txt": " date 2019-10-30 \nKurdish fighters have completed their withdrawal from the border strip, "
    "Russian officials said Tuesday. The withdrawal was finished ahead of the deadline, Russia and Turkey said "
    "Tuesday.",
    "pullout-b.txt": " date 2019-10-29 \nThe withdrawal of the Kurdish units from the zone near Qamishli was "
    "complete, Russian Defence Minister Sergei Shoigu told President Vladimir Putin on October 29.",
    "pullout-c.txt": " date 2019-10-29 \nThe Kurdish formations have completed their withdrawal from the border "
    "zone around Qamishli, Shoigu said on October 29.",
    "pullout-d.txt": " date 2019-10-29 \nSyrian government troops pulled out of their positions near Manbij, the "
    "Syrian Observatory said on October 29.",
}


def _write(folder: Path, texts: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    return [folder / name for name in texts]


def _chronology(store: Store) -> dict[str, Any]:
    """Everything the clustering stores, as comparable rows."""
    tables = {
        "events": "SELECT * FROM events ORDER BY id",
        "members": "SELECT mention_key, event_id, why, date_json FROM event_mentions ORDER BY mention_key",
        "cross_dates": "SELECT * FROM cross_dates ORDER BY content_hash",
        "greedy": "SELECT * FROM greedy ORDER BY mention_key",
        "coarse": "SELECT * FROM coarse ORDER BY seed",
    }
    return {name: store.db.execute(sql).fetchall() for name, sql in tables.items()}


def _slices(files: list[Path], n: int) -> list[list[str]]:
    size = -(-len(files) // n)
    return [[str(p) for p in files[i : i + size]] for i in range(0, len(files), size)]


@pytest.fixture(scope="module")
def dated_corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Generated articles that all state their date (none left to cross-source dating), and ours."""
    folder = tmp_path_factory.mktemp("dated")
    files = generate(folder / "generated", 150, seed=11, dated=True)
    return [*files, *_write(folder / "ours", HANDWRITTEN)]


def test_ten_slices_give_the_chronology_of_one_ingest(tmp_path: Path, dated_corpus: list[Path]) -> None:
    files = dated_corpus[:]
    random.Random(3).shuffle(files)
    with Store.open(tmp_path / "once.db") as once:
        report = ingest([str(p) for p in files], once)
        assert report.clustering == "full" and report.events > 50
        whole = _chronology(once)
    with Store.open(tmp_path / "slices.db") as sliced:
        ways = [ingest(part, sliced).clustering for part in _slices(files, 10)]
        assert ways == ["full"] + ["incremental"] * 9
        assert _chronology(sliced) == whole
    assert any("joined (event)" in why for _, _, why, _ in whole["members"])  # an event-level join was replayed
    assert any("as a whole" in why for _, _, why, _ in whole["members"])  # and a join of whole clusters


def test_an_ingest_of_nothing_new_clusters_nothing(tmp_path: Path, dated_corpus: list[Path]) -> None:
    with Store.open(tmp_path / "s.db") as store:
        ingest([str(p) for p in dated_corpus[:40]], store)
        before = _chronology(store)
        report = ingest([str(p) for p in dated_corpus[:10]], store)
        assert (report.clustering, len(report.new), len(report.already)) == ("none", 0, 10)
        assert report.events == store.count("events")
        assert _chronology(store) == before


def test_files_already_stored_are_cleaned_not_analysed_again(
    tmp_path: Path, dated_corpus: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding the day's folder again costs reading and cleaning it: a document whose cleaned text
    is stored is not taken through dates, places and events, and is reported as the stored one."""
    import patroltl.pipeline as pipeline

    with Store.open(tmp_path / "s.db") as store:
        ingest([str(p) for p in dated_corpus[:5]], store)
        analysed: list[str] = []
        real = pipeline.process

        def counting(doc: Document, *args: Any, **kwargs: Any) -> Any:
            analysed.append(doc.path)
            return real(doc, *args, **kwargs)

        monkeypatch.setattr(pipeline, "process", counting)
        report = ingest([str(p) for p in dated_corpus[:6]], store, jobs=1)
        assert analysed == [str(dated_corpus[5])]
        assert [path for path, _ in report.already] == [str(p) for p in dated_corpus[:5]]
        assert {earlier for _, earlier in report.already} <= {str(p) for p in dated_corpus[:5]}
        assert report.new == [str(dated_corpus[5])]


def test_articles_stored_by_an_ingest_killed_before_its_clustering_are_clustered_by_the_next(
    tmp_path: Path, dated_corpus: list[Path]
) -> None:
    """The store knows its events are behind its mentions: the next ingest, even of duplicates only,
    brings them up to date, with the events of one ingest of everything."""
    with Store.open(tmp_path / "s.db") as store:
        ingest([str(p) for p in dated_corpus[:30]], store)
        for path in dated_corpus[30:40]:  # stored, never clustered
            assert store.add_article(process(Document(path=str(path), text=path.read_text(encoding="utf-8"))))
        assert store.events() is None
        report = ingest([str(dated_corpus[0])], store)
        assert report.clustering == "incremental" and not report.new
        got = _chronology(store)
    with Store.open(tmp_path / "once.db") as once:
        ingest([str(p) for p in dated_corpus[:40]], once)
        assert _chronology(once) == got


def test_a_changed_knowledge_file_clusters_everything_again(tmp_path: Path, dated_corpus: list[Path]) -> None:
    with Store.open(tmp_path / "s.db") as store:
        ingest([str(p) for p in dated_corpus[:20]], store)
        mine = tmp_path / "data"
        mine.mkdir()
        (mine / "tuning.toml").write_text("[cluster]\njoin_at = 2.5\n", encoding="utf-8")
        report = ingest([str(dated_corpus[0])], store, kn=Knowledge([mine]))
        assert report.clustering == "full"


def test_overrides_and_articles_of_open_date_are_clustered_whole(tmp_path: Path, dated_corpus: list[Path]) -> None:
    with Store.open(tmp_path / "s.db") as store:
        ingest([str(p) for p in dated_corpus[:20]], store)
        events = store.events()
        assert events is not None
        store.add_override("split", events[0].members[0].key, "")
        assert ingest([str(p) for p in dated_corpus[20:25]], store).clustering == "full"
    with Store.open(tmp_path / "open.db") as store:
        ingest([str(p) for p in dated_corpus[:20]], store)
        # the sample articles include ones with no date of their own: other sources may date them
        report = ingest([str(SAMPLES)], store)
        assert report.clustering == "full"
        state = store.clustering_state()
        assert state is not None and not state.replayable
        assert ingest([str(p) for p in dated_corpus[20:25]], store).clustering == "full"


def _plain(store: Store, kn: Knowledge) -> tuple[list[Any], Any]:
    seen = Recorder()
    events = cluster(list(store.mentions(texts=False)), (), kn, observe=seen)
    return events, seen.state()


@pytest.mark.parametrize("order", [1, 2, 3])
def test_the_replay_is_the_clustering_of_everything_on_real_articles(tmp_path: Path, order: int) -> None:
    """The replay itself against ``cluster()`` over every mention, on the development corpus (when
    it sits beside the clone) and the samples, in ten slices of a shuffled order: real articles have
    open dates, which the ingest leaves to the full pass; the replay is checked here without them."""
    from patroltl.load import load
    from patroltl.models import Article
    from patroltl.pipeline import _outcomes

    kn = Knowledge.bundled()
    files = sorted(p for src in (DEV_CORPUS, SAMPLES) if src.is_dir() for p in src.iterdir() if p.is_file())
    random.Random(order).shuffle(files)
    signature = knowledge_signature(kn)
    with Store.open(tmp_path / "r.db") as store:

        def line(ev: Any) -> str:
            return event_line(store.with_texts(ev), kn)

        for i, part in enumerate(_slices(files, 10)):
            after = store.clustering_input()[1]
            for out in _outcomes(load(part), kn, 1, None, None):
                if isinstance(out, Article):
                    store.add_article(out)
            if i == 0:
                events, greedy = _plain(store, kn)
                store.replace_events(events, lines=line, knowledge=signature, greedy=greedy)
                continue
            with store.transaction():
                removed, events, greedy, coarse_removed = recluster_new(store, kn, after)
                store.update_events(removed, events, line, greedy, coarse_removed=coarse_removed, knowledge=signature)
            got = _chronology(store)
            want_events, want_greedy = _plain(store, kn)
            members = sorted((sm.key, ev.id, dict(ev.why)[sm.key], None) for ev in want_events for sm in ev.members)
            assert got["members"] == members
            assert [r[0] for r in got["events"]] == sorted(ev.id for ev in want_events)
            assert got["greedy"] == sorted(want_greedy.members)
            coarse = sorted((s, f, a.isoformat(), b.isoformat(), h) for s, f, a, b, h in want_greedy.coarse)
            assert got["coarse"] == coarse
            lines = {ev.id: line(ev) for ev in want_events}
            assert {r[0]: r[5] for r in got["events"]} == lines


def test_the_migration_indexes_the_keys_of_mentions_stored_before_it(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        ingest([str(SAMPLES)], store)
        keys = store.db.execute("SELECT COUNT(*) FROM mention_keys").fetchone()[0]
        assert keys > 0
    db = sqlite3.connect(tmp_path / "s.db")
    with db:
        db.execute("DELETE FROM mention_keys")
        db.execute("PRAGMA user_version = 7")
    db.close()
    with Store.open(tmp_path / "s.db") as store:
        assert store.db.execute("SELECT COUNT(*) FROM mention_keys").fetchone()[0] == keys
        assert store.clustering_state() is None  # not known any more: the next ingest clusters all


@pytest.mark.parametrize("order", [(0, 1, 2, 3), (2, 1, 3, 0), (3, 2, 0, 1)])
def test_clusters_joined_as_wholes_are_replayed_one_article_at_a_time(tmp_path: Path, order: tuple[int, ...]) -> None:
    names = ["pullout-a.txt", "pullout-b.txt", "pullout-c.txt", "pullout-d.txt"]
    files = _write(tmp_path / "in", {n: HANDWRITTEN[n] for n in names})
    with Store.open(tmp_path / "once.db") as once:
        ingest([str(p) for p in files], once)
        whole = _chronology(once)
    assert any("as a whole" in why for _, _, why, _ in whole["members"])
    with Store.open(tmp_path / "one.db") as one:
        ways = [ingest([str(files[i])], one).clustering for i in order]
        assert ways == ["full"] + ["incremental"] * 3
        assert _chronology(one) == whole
