"""The database under faults (issue 16): the 19 scenarios, reconstructed from the probe's report.

Each gives one line on stderr and exit code 3, writes nothing into a foreign, empty or damaged
file, and loses nothing committed:

 1. page 1 (the schema) damaged: every command
 2. the second half of the file overwritten: every command (a view that reads no damaged page may
    still answer; a writer is refused by its integrity check before it writes)
 3. the file truncated to half: every command
 4. the header damaged (not an SQLite file any more): every command
 5. a foreign SQLite database: refused by every command, not switched to WAL, no table added
 6. a 0-byte file: refused, stays 0 bytes
 7. a text file given as --db
 8. --db names a folder
 9. --db in a folder that does not exist
10. --db names a FIFO: refused without opening it (no hang)
11. a full disk during an ingest: what was committed is kept, integrity ok, a re-run completes
12. a full disk while a new database is created: no half-made database left behind
13. a full disk during the final clustering: the articles are kept; a re-run clusters
14. a read-only database file, for ingest
15. a read-only disk: ingest and timeline
16. a read-only folder for a new database
17. a writer blocked by another: it says it waits, gives up after PATROLTL_LOCK_TIMEOUT
18. a database from a newer patroltl (tests/test_robustness.py has the per-command version)
19. a patroltl database from before the schema mark: recognised, migrated, data kept

A full or read-only disk is a real tmpfs where this runs as root and can mount one; elsewhere it is
simulated with SQLite's max_page_count and a read-only connection (the same errors reach the code).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from patroltl import store as store_module
from patroltl.cli import app
from patroltl.store import APPLICATION_ID, SCHEMA_VERSION

from .conftest import FIXTURES, ROOT

runner = CliRunner()
ARTICLES = FIXTURES / "articles"
GEONAMES = FIXTURES / "geonames" / "SY-sample.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def one_line_error(err: str) -> str:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, err
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def commands(db: Path) -> list[list[str]]:
    """Every command that opens the database (events merge/split with ids that do not matter: the
    database is refused first)."""
    return [
        ["ingest", str(ARTICLES / "alpha.txt"), str(ROOT / "data" / "samples")],
        ["timeline"],
        ["timeline", "--format", "json"],
        ["articles"],
        ["show", "alpha.txt"],
        ["explain", "e"],
        ["diff-sources"],
        ["places", "list"],
        ["places", "import", str(GEONAMES)],
        ["places", "resolve", "Kobani"],
        ["events", "merge", "a", "b"],
        ["events", "split", "a", "b"],
    ]


@pytest.fixture
def good_db(tmp_path: Path) -> Path:
    db = tmp_path / "good.db"
    code, _, err = run("ingest", str(ARTICLES), str(ROOT / "data" / "samples"), "--db", str(db))
    assert code == 0, err
    return db


def damaged(good: Path, name: str, how: str) -> Path:
    db = good.with_name(name)
    shutil.copyfile(good, db)
    size = db.stat().st_size
    with open(db, "r+b") as fh:
        if how == "schema":
            fh.seek(100)
            fh.write(bytes((i * 37 + 11) % 256 for i in range(3000)))
        elif how == "half":
            fh.seek(size // 2)
            fh.write(bytes((i * 53 + 7) % 256 for i in range(size - size // 2)))
        elif how == "truncated":
            fh.truncate(size // 2)
        elif how == "header":
            fh.write(b"garbage garbage!")
    return db


# --- 1-4: damaged files -------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["schema", "truncated", "header"])
def test_a_damaged_database_is_one_line_and_exit_3_for_every_command(good_db: Path, how: str) -> None:
    db = damaged(good_db, f"{how}.db", how)
    before = digest(db)
    for command in commands(db):
        code, _, err = run(*command, "--db", str(db))
        assert code == 3, (command, err)
        line = one_line_error(err)
        assert str(db) in line and ("damaged" in line or "not an SQLite database" in line), line
        assert digest(db) == before, f"{command[0]} wrote into the damaged file"


def test_damage_in_the_data_pages_stops_every_writer_before_it_writes(good_db: Path) -> None:
    db = damaged(good_db, "half.db", "half")
    before = digest(db)
    for command in commands(db):
        code, _, err = run(*command, "--db", str(db))
        writer = command[0] in ("ingest", "events") or command[:2] == ["places", "import"]
        if writer or code != 0:
            assert code == 3, (command, err)
            assert "damaged" in one_line_error(err)
        assert digest(db) == before, f"{command[0]} wrote into the damaged file"


NEW_ARTICLE = (
    " date 2021-06-16 \nA joint Russian-Turkish patrol was pelted with stones near Kobani on June 16, 2021, "
    "the Russian Defence Ministry said.\n"
)


def test_an_ingest_checks_the_whole_file_before_its_first_write_only(
    good_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PRAGMA quick_check reads every page (seconds on a large database): an ingest of files all
    stored already writes nothing and does not run it; one that stores an article runs it before
    its first write, and a damaged file is refused then, with nothing written."""
    statements: list[str] = []
    real = store_module._connect

    def traced(path: Path | str) -> sqlite3.Connection:
        db = real(path)
        db.set_trace_callback(statements.append)
        return db

    monkeypatch.setattr(store_module, "_connect", traced)
    before = digest(good_db)
    code, _, err = run("ingest", str(ARTICLES), str(ROOT / "data" / "samples"), "--db", str(good_db))
    assert code == 0 and "0 new" in err, err
    assert statements and not [s for s in statements if "quick_check" in s]
    assert digest(good_db) == before
    new = tmp_path / "new-article.txt"
    new.write_text(NEW_ARTICLE, encoding="utf-8")
    statements.clear()
    code, _, err = run("ingest", str(new), "--db", str(good_db))
    assert code == 0 and "1 new" in err, err
    check = next(i for i, s in enumerate(statements) if "quick_check" in s)
    first_write = next(i for i, s in enumerate(statements) if s.lstrip().upper().startswith("INSERT"))
    assert check < first_write
    db = damaged(good_db, "half.db", "half")
    before = digest(db)
    another = tmp_path / "another-article.txt"
    another.write_text(NEW_ARTICLE.replace("Kobani", "Derik"), encoding="utf-8")
    code, _, err = run("ingest", str(another), "--db", str(db))
    assert code == 3 and "damaged" in one_line_error(err), err
    assert digest(db) == before


# --- 5-10: files that are not patroltl databases ------------------------------------------------


def test_a_foreign_database_is_refused_by_every_command_and_left_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "other.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('kept')")
    conn.commit()
    conn.close()
    before = digest(db)
    for command in commands(db):
        code, _, err = run(*command, "--db", str(db))
        assert code == 3, (command, err)
        assert "not one patroltl made" in one_line_error(err)
    assert digest(db) == before
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",), "not switched to WAL"
    assert [n for (n,) in conn.execute("SELECT name FROM sqlite_master")] == ["contacts"]
    conn.close()


@pytest.mark.parametrize(
    ("content", "says"),
    [(b"", "empty file"), (b"just some notes\n" * 20, "not an SQLite database")],
    ids=["zero-bytes", "text-file"],
)
def test_an_empty_or_text_file_is_refused_and_not_written(tmp_path: Path, content: bytes, says: str) -> None:
    db = tmp_path / "notes.db"
    db.write_bytes(content)
    for command in (["ingest", str(ARTICLES / "alpha.txt")], ["timeline"], ["places", "import", str(GEONAMES)]):
        code, _, err = run(*command, "--db", str(db))
        assert code == 3 and says in one_line_error(err), err
    assert db.read_bytes() == content


def test_a_folder_a_missing_folder_and_a_fifo_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder.db"
    folder.mkdir()
    fifo = tmp_path / "fifo.db"
    os.mkfifo(fifo)
    for db, says in (
        (folder, "is a folder"),
        (tmp_path / "no" / "such" / "x.db", "does not exist"),
        (fifo, "not a regular file"),
    ):
        for command in (["ingest", str(ARTICLES / "alpha.txt")], ["timeline"]):
            code, _, err = run(*command, "--db", str(db))
            assert code == 3, err
            line = one_line_error(err)
            assert says in line or ("no such database" in line and command[0] == "timeline"), line
    assert not (tmp_path / "no").exists()


# --- 11-16: full and read-only disks ------------------------------------------------------------


def _can_mount() -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    probe = Path(os.environ.get("TMPDIR", "/tmp")) / f"patroltl-mount-probe-{os.getpid()}"
    probe.mkdir(exist_ok=True)
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)], capture_output=True)
        if done.returncode != 0:
            return False
        subprocess.run(["umount", str(probe)], check=True)
        return True
    finally:
        probe.rmdir()


CAN_MOUNT = _can_mount()


@contextmanager
def tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], check=True)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=True)


def read_only_again(where: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)


def integrity_and_paths(db: Path) -> tuple[str, list[str]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        return ok, [p for (p,) in conn.execute("SELECT path FROM articles")]
    finally:
        conn.close()


def articles_folder(tmp_path: Path, n: int) -> Path:
    from .test_robustness import write_articles

    folder = tmp_path / "batch"
    write_articles(folder, n, tag="disk")
    return folder


@contextmanager
def full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, room_kb: int, seed: Path | None = None
) -> Iterator[Path]:
    """A folder on a disk with about ``room_kb`` kB free (after ``seed`` is copied there as db.sqlite):
    a tmpfs holding a filler file, or (without mount) a folder whose databases cannot grow by more
    than that many kB (max_page_count)."""
    if CAN_MOUNT:
        with tmpfs(tmp_path / "disk", "16m") as disk:
            if seed is not None:
                shutil.copyfile(seed, disk / "db.sqlite")
            free = shutil.disk_usage(disk).free
            (disk / "filler").write_bytes(b"\0" * max(0, free - room_kb * 1024))
            yield disk
        return
    real = store_module._connect

    def connect(path: Path | str) -> sqlite3.Connection:
        conn = real(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + room_kb // 4}")
        return conn

    monkeypatch.setattr(store_module, "_connect", connect)
    (tmp_path / "disk").mkdir()
    if seed is not None:
        shutil.copyfile(seed, tmp_path / "disk" / "db.sqlite")
    yield tmp_path / "disk"


def test_a_full_disk_during_an_ingest_keeps_what_was_committed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, good_db: Path
) -> None:
    batch = articles_folder(tmp_path, 150)
    with full_disk(tmp_path, monkeypatch, room_kb=120, seed=good_db) as disk:
        db = disk / "db.sqlite"
        _, before = integrity_and_paths(db)
        code, _, err = run("ingest", "-q", str(batch), "--db", str(db))
        assert code == 3, err
        assert "disk is full" in one_line_error(err)
        ok, after = integrity_and_paths(db)
        assert ok == "ok"
        assert set(before) < set(after), "the articles committed before the disk filled are kept"
        assert len(after) == len(set(after))
        if CAN_MOUNT:
            (disk / "filler").unlink()
        else:
            monkeypatch.undo()
        code, _, err = run("ingest", "-q", str(batch), "--db", str(db))
        assert code == 0, err
        ok, final = integrity_and_paths(db)
        assert ok == "ok" and len(final) == len(set(final)) == len(before) + 150


def test_a_full_disk_while_creating_a_database_leaves_no_half_made_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with full_disk(tmp_path, monkeypatch, room_kb=8) as disk:
        db = disk / "new.db"
        code, _, err = run("ingest", str(ARTICLES / "alpha.txt"), "--db", str(db))
        assert code == 3, err
        assert "disk is full" in one_line_error(err) or "cannot create" in one_line_error(err)
        assert not db.exists()
        assert sorted(p.name for p in disk.iterdir()) in ([], ["filler"])


def test_a_full_disk_during_the_final_clustering_keeps_the_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills just as the events are written: the articles stay, and the next run clusters."""
    from patroltl.store import Store

    real = Store.replace_events
    with full_disk(tmp_path, monkeypatch, room_kb=1500) as disk:
        db = disk / "c.db"

        def filling(self: Store, *args: object, **kwargs: object) -> bool:
            if CAN_MOUNT:  # a real full disk: the write-ahead log cannot grow
                (disk / "more").write_bytes(b"\0" * (shutil.disk_usage(disk).free - 4096))
                return real(self, *args, **kwargs)  # type: ignore[arg-type]
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorname = "SQLITE_FULL"  # type: ignore[attr-defined]
            raise error

        monkeypatch.setattr(Store, "replace_events", store_module._guarded(filling))
        code, _, err = run("ingest", str(ARTICLES), "--db", str(db))
        assert code == 3 and "disk is full" in one_line_error(err), err
        monkeypatch.setattr(Store, "replace_events", real)
        if CAN_MOUNT:
            (disk / "more").unlink()
            (disk / "filler").unlink()
        ok, paths = integrity_and_paths(db)
        assert ok == "ok" and len(paths) == 3
        code, out, err = run("timeline", "--format", "json", "--db", str(db))
        assert code == 0 and '"events"' in out, err  # stale events: clustered afresh for the view
        code, _, err = run("ingest", str(ARTICLES), "--db", str(db))
        assert code == 0 and "3 already ingested" in err, err
        with Store.open(db) as st:
            assert st.events() is not None, "the re-run stored a chronology that covers every mention"


@contextmanager
def read_only_connections(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """SQLite's view of a read-only file: as root, file permissions do not stop a write."""
    real = store_module._connect

    def connect(path: Path | str) -> sqlite3.Connection:
        if os.geteuid() != 0:
            return real(path)
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1.0, isolation_level=None)

    monkeypatch.setattr(store_module, "_connect", connect)
    yield


def test_a_read_only_database_file_for_ingest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, good_db: Path) -> None:
    db = tmp_path / "ro.db"
    shutil.copyfile(good_db, db)
    db.chmod(0o444)
    before = digest(db)
    with read_only_connections(monkeypatch):
        code, _, err = run("ingest", str(ROOT / "data" / "samples" / "tass-first-joint-patrol.txt"), "--db", str(db))
    assert code in (3,), err
    assert "cannot be written" in one_line_error(err)
    assert digest(db) == before
    code, out, _ = run("timeline", "--format", "json", "--db", str(db))
    assert code == 0 and '"events"' in out


@pytest.mark.skipif(not CAN_MOUNT, reason="needs root and mount for a real read-only disk")
def test_a_read_only_disk_for_ingest_timeline_and_a_new_database(tmp_path: Path, good_db: Path) -> None:
    with tmpfs(tmp_path / "disk", "2m") as disk:
        shutil.copyfile(good_db, disk / "db.sqlite")
        before = digest(disk / "db.sqlite")
        read_only_again(disk)
        for command in (["ingest", str(ARTICLES / "alpha.txt")], ["timeline"], ["articles"]):
            code, _, err = run(*command, "--db", str(disk / "db.sqlite"))
            assert code == 3, err
            assert "cannot be written" in one_line_error(err)
        code, _, err = run("ingest", str(ARTICLES / "alpha.txt"), "--db", str(disk / "new.db"))
        assert code == 3 and "cannot create" in one_line_error(err), err
        assert digest(disk / "db.sqlite") == before and not (disk / "new.db").exists()


# --- 17-19 --------------------------------------------------------------------------------------


def test_a_blocked_writer_says_it_waits_and_gives_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, good_db: Path
) -> None:
    monkeypatch.setenv("PATROLTL_LOCK_TIMEOUT", "1")
    holder = sqlite3.connect(good_db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO overrides (kind, a, b, created_at) VALUES ('split', 'x', '', 'now')")
    try:
        code, _, err = run(
            "ingest", str(ROOT / "data" / "samples" / "tass-first-joint-patrol.txt"), "--db", str(good_db)
        )
    finally:
        holder.execute("COMMIT")
        holder.close()
    assert code == 3, err
    assert "waiting for another process to finish writing" in err and "PATROLTL_LOCK_TIMEOUT" in err
    assert "kept the database locked for 1 s: gave up" in one_line_error(err)
    conn = sqlite3.connect(good_db)
    assert conn.execute("SELECT COUNT(*) FROM overrides").fetchone()[0] == 1, "the other writer's commit is kept"
    conn.close()
    code, _, err = run("ingest", str(ROOT / "data" / "samples" / "tass-first-joint-patrol.txt"), "--db", str(good_db))
    assert code == 0, err


def test_a_newer_database_is_refused(good_db: Path) -> None:
    conn = sqlite3.connect(good_db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(good_db)
    code, _, err = run("ingest", str(ARTICLES / "alpha.txt"), "--db", str(good_db))
    assert code == 3 and "newer" in one_line_error(err)
    assert digest(good_db) == before


def test_a_patroltl_database_from_before_the_mark_is_adopted(good_db: Path) -> None:
    conn = sqlite3.connect(good_db)
    conn.execute("PRAGMA application_id = 0")
    paths = sorted(p for (p,) in conn.execute("SELECT path FROM articles"))
    conn.close()
    code, _, err = run("articles", "--db", str(good_db))
    assert code == 0, err
    conn = sqlite3.connect(good_db)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert sorted(p for (p,) in conn.execute("SELECT path FROM articles")) == paths
    conn.close()


# --- the final clustering sees every committed mention -------------------------------------------


def _another_writer_stores(db: Path, tag: str) -> None:
    """A second process's commit, made while this one clusters."""
    from patroltl.load import load
    from patroltl.models import Document
    from patroltl.pipeline import process
    from patroltl.store import Store

    from .test_robustness import write_articles

    (path,) = write_articles(Path(db).parent / f"other-{tag}", 1, tag=tag)
    (doc,) = [d for d in load([str(path)]) if isinstance(d, Document)]
    with Store.open(db) as other:
        assert other.add_article(process(doc))


@pytest.mark.parametrize("interruptions", [1, 3], ids=["redone-once", "then-under-the-lock"])
def test_the_final_clustering_is_redone_until_it_covers_every_mention(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, interruptions: int
) -> None:
    """Issue 16: in 5 of 17 concurrent runs the last writer stored events clustered from a snapshot
    without the other writer's last articles. Here the other writer commits while this one clusters,
    ``interruptions`` times: the events are clustered again (the third time under the write lock)."""
    from patroltl import pipeline
    from patroltl.store import Store

    db = tmp_path / "s.db"
    real = pipeline.chronicle
    calls: list[int] = []

    def cluster_while_another_writes(*args: object) -> object:
        events = real(*args)  # type: ignore[arg-type]
        if len(calls) < interruptions:
            _another_writer_stores(db, f"w{len(calls)}")
        calls.append(1)
        return events

    monkeypatch.setattr(pipeline, "chronicle", cluster_while_another_writes)
    with Store.open(db) as st:
        report = pipeline.ingest([str(ARTICLES)], st)
        assert len(calls) == interruptions + 1
        assert report.events > 0
        assert st.count("articles") == 3 + interruptions
        assert st.events() is not None, "the stored events cover every stored mention"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc")
def test_workers_die_with_a_killed_ingest(tmp_path: Path) -> None:
    """Issue 16: a SIGKILLed ingest left its worker processes running in 9 of 10 trials."""
    import signal
    import time

    from .test_robustness import cli_env, start_ingest, write_articles

    write_articles(tmp_path / "batch", 250, tag="workers")
    proc = start_ingest(tmp_path / "w.db", tmp_path / "batch")
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 120
        while proc.poll() is None and len(workers) < 2 and time.monotonic() < deadline:
            workers = _children(proc.pid)
            time.sleep(0.01)
        assert workers, "the ingest started worker processes"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]
    deadline = time.monotonic() + 60  # a liveness bound, not a speed target
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers), "a worker outlived the ingest"
    assert cli_env  # the same environment as the crash tests


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent's wait is missing
