"""The SQLite store: the only module that imports sqlite3.

Articles, their mentions, the events clustered from them, and the analyst's overrides. One
transaction per article, so an interrupted ingest leaves every article wholly in or wholly out.
The schema is versioned with PRAGMA user_version; each migration is a small named function.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import sqlite3
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, cast

from .errors import StoreError, printable
from .models import (
    DateInterval,
    Event,
    Mention,
    Outlet,
    PlaceRef,
    Precision,
    StoredMention,
    Tag,
    format_interval,
)

if TYPE_CHECKING:  # only the ingest makes one (``models``: a view does not build the class)
    from .models import Article

DEFAULT_DB = "patroltl.db"
ENV_DB = "PATROLTL_DB"


def default_db_path() -> Path:
    return Path(os.environ.get(ENV_DB) or DEFAULT_DB)


# --- schema -------------------------------------------------------------------------------------

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append(fn)
    return fn


def _run_script(db: sqlite3.Connection, script: str) -> None:
    """Statement by statement: executescript would COMMIT the migration's transaction."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migration
def m001_initial(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL,
            url TEXT,
            title TEXT,
            outlet TEXT NOT NULL,
            outlet_side TEXT NOT NULL,
            outlet_how TEXT NOT NULL,
            published_start TEXT NOT NULL,
            published_end TEXT NOT NULL,
            published_precision TEXT NOT NULL,
            published_json TEXT NOT NULL,
            language TEXT NOT NULL,
            text TEXT NOT NULL,
            cuts_json TEXT NOT NULL,
            notes_json TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            type TEXT NOT NULL,
            date_start TEXT NOT NULL,
            date_end TEXT NOT NULL,
            place_id TEXT,
            data_json TEXT NOT NULL
        );
        CREATE INDEX mentions_article ON mentions(article_id);
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            date_start TEXT NOT NULL,
            date_end TEXT NOT NULL,
            data_json TEXT NOT NULL
        );
        CREATE TABLE event_mentions (
            mention_key TEXT PRIMARY KEY,
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            why TEXT NOT NULL
        );
        CREATE INDEX event_mentions_event ON event_mentions(event_id);
        CREATE TABLE overrides (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
            a TEXT NOT NULL,
            b TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE user_places (
            id TEXT PRIMARY KEY,
            data_json TEXT NOT NULL
        )
        """,
    )


@migration
def m002_raw_text(db: sqlite3.Connection) -> None:
    """Keep the text as received, so `show` can mark what the cleaner cut in place."""
    db.execute("ALTER TABLE articles ADD COLUMN raw_text TEXT")


@migration
def m003_view_columns(db: sqlite3.Connection) -> None:
    """Columns that spare the views from decoding every mention: whether a mention is planned (those
    are never clustered, so the check that the stored events are current counts the others), and each
    event's public JSON line, written when it is clustered; and the chronological order as an index."""
    db.execute("ALTER TABLE mentions ADD COLUMN planned INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE mentions SET planned = 1 WHERE json_extract(data_json, '$.planned')")
    db.execute("ALTER TABLE events ADD COLUMN json TEXT")
    db.execute("CREATE INDEX events_order ON events(date_start, date_end, type, id)")


@migration
def m004_underspecified_dates(db: sqlite3.Connection) -> None:
    """The dates as the text states them, before grounding (HeidelTime's underspecified values):
    each article's tagged temporal expressions, and each mention's own, so that a later stage can
    ground an article again when its publication date becomes better known, without reading it
    again. Articles stored before this have none (NULL): they are grounded as they were."""
    db.execute("ALTER TABLE articles ADD COLUMN tags_json TEXT")
    db.execute("ALTER TABLE mentions ADD COLUMN date_value TEXT")


@migration
def m005_cross_dates(db: sqlite3.Connection) -> None:
    """What other sources say of an article's date: the publication interval cross-source dating
    gives an article (its own stays in articles.published_json, so each clustering starts from the
    articles' own evidence), and each clustered mention's date as grounded again against it."""
    db.execute("CREATE TABLE cross_dates (content_hash TEXT PRIMARY KEY, published_json TEXT NOT NULL)")
    db.execute("ALTER TABLE event_mentions ADD COLUMN date_json TEXT")


# The events' readable columns (m006): what Datasette and sqlite-utils show without decoding JSON.
EVENT_COLUMNS = (
    "summary",
    "precision",
    "date",
    "place",
    "place_id",
    "lat",
    "lon",
    "n_outlets",
    "outlets",
    "n_mentions",
)


@migration
def m006_browsable(db: sqlite3.Connection) -> None:
    """A database people can open in Datasette or sqlite-utils: the events' summary, date, place,
    coordinates and outlets as columns; event_mentions a link table whose foreign keys lead to the
    mention and to the event; a chronological view of the events and a view of each mention with its
    article's outlet, address and headline. Each event's stored JSON line is cleared: it is encoded
    again with the mentions' url and title (the next clustering writes it anew)."""
    for name, kind in (
        ("summary", "TEXT"),
        ("precision", "TEXT"),
        ("date", "TEXT"),
        ("place", "TEXT"),
        ("place_id", "TEXT"),
        ("lat", "REAL"),
        ("lon", "REAL"),
        ("n_outlets", "INTEGER"),
        ("outlets", "TEXT"),
        ("n_mentions", "INTEGER"),
    ):
        db.execute(f"ALTER TABLE events ADD COLUMN {name} {kind}")
    # One statement at a time (the outlets are joined with '; ', which _run_script would split on)
    for statement in (
        """UPDATE events SET json = NULL,
            summary = json_extract(data_json, '$.summary'),
            precision = json_extract(data_json, '$.date.precision'),
            date = CASE WHEN date_start = date_end THEN date_start ELSE date_start || '..' || date_end END,
            place = json_extract(data_json, '$.place.name'),
            place_id = json_extract(data_json, '$.place.place_id'),
            lat = json_extract(data_json, '$.place.lat'),
            lon = json_extract(data_json, '$.place.lon'),
            n_mentions = (SELECT COUNT(*) FROM event_mentions em WHERE em.event_id = events.id)""",
        """CREATE TABLE event_mentions_new (
            mention_key TEXT PRIMARY KEY REFERENCES mentions(key) ON DELETE CASCADE,
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            why TEXT NOT NULL,
            date_json TEXT
        )""",
        """INSERT INTO event_mentions_new (mention_key, event_id, why, date_json)
            SELECT mention_key, event_id, why, date_json FROM event_mentions
            WHERE mention_key IN (SELECT key FROM mentions) AND event_id IN (SELECT id FROM events)
            ORDER BY rowid""",
        """DROP TABLE event_mentions""",
        """ALTER TABLE event_mentions_new RENAME TO event_mentions""",
        """CREATE INDEX event_mentions_event ON event_mentions(event_id)""",
        """UPDATE events SET
            outlets = (SELECT group_concat(outlet, '; ') FROM (
                SELECT DISTINCT a.outlet AS outlet FROM event_mentions em JOIN mentions m ON m.key = em.mention_key
                JOIN articles a ON a.id = m.article_id WHERE em.event_id = events.id ORDER BY a.outlet)),
            n_outlets = (SELECT COUNT(DISTINCT a.outlet) FROM event_mentions em
                JOIN mentions m ON m.key = em.mention_key JOIN articles a ON a.id = m.article_id
                WHERE em.event_id = events.id)""",
        """CREATE VIEW chronology AS
            SELECT id, date, date_start, date_end, precision, type, summary, place, lat, lon, n_outlets, outlets,
                   n_mentions
            FROM events ORDER BY date_start, date_end, type, id""",
        """CREATE VIEW event_sources AS
            SELECT em.event_id, e.date_start AS event_date, e.type AS event_type, m.key AS mention_key,
                   a.outlet, a.outlet_side AS side, a.url, a.title, a.path,
                   json_extract(m.data_json, '$.sentence') AS sentence
            FROM event_mentions em JOIN events e ON e.id = em.event_id
            JOIN mentions m ON m.key = em.mention_key JOIN articles a ON a.id = m.article_id
            ORDER BY e.date_start, e.date_end, e.type, e.id, em.rowid""",
    ):
        db.execute(statement)


@migration
def m007_identities(db: sqlite3.Connection) -> None:
    """Another content hash an article is known by. A text copy whose first line is the page's
    headline is now the same article as the page (its headline, like a page's title, is not part of
    its identity, ``load.headline_of``): an article stored before, with its headline in its hash,
    is given the hash without it, so that the same text read again is not stored twice."""
    import hashlib

    from .clean import normalise_text
    from .load import headline_of

    db.execute(
        """CREATE TABLE article_identities (
            content_hash TEXT PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
        )"""
    )
    rows = db.execute("SELECT id, text, raw_text FROM articles WHERE title IS NULL").fetchall()
    for article_id, text, raw in rows:
        headline = headline_of(raw or text)
        if headline is None or not text.startswith(headline):
            continue
        body = " ".join(normalise_text(text[len(headline) :]).split())
        identity = hashlib.sha256(body.encode("utf-8")).hexdigest()
        db.execute(
            "INSERT OR IGNORE INTO article_identities (content_hash, article_id) VALUES (?, ?)", (identity, article_id)
        )


@migration
def m008_incremental(db: sqlite3.Connection) -> None:
    """What lets an ingest redo only the part of the chronology its new articles reach: the
    clustering input the stored events were made from (an ingest of duplicates then clusters
    nothing, and one killed before its clustering is still seen to be stale); each mention's cluster
    of the greedy pass (its first member's key, and why it joined) and the coarse clusters of a
    named event, from which that pass is replayed; each mention's keys; and the mentions by date.
    A database from before has none of it: its next ingest clusters everything once and keeps it.
    (Idempotent: a test that winds a database back to an earlier version runs it again.)"""
    _run_script(
        db,
        """
        CREATE TABLE IF NOT EXISTS clustering (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            made_from TEXT NOT NULL,
            knowledge TEXT NOT NULL,
            replayable INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS greedy (
            mention_key TEXT PRIMARY KEY REFERENCES mentions(key) ON DELETE CASCADE,
            seed TEXT NOT NULL,
            why TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS greedy_seed ON greedy(seed);
        CREATE TABLE IF NOT EXISTS coarse (
            seed TEXT PRIMARY KEY,
            family TEXT NOT NULL,
            date_start TEXT NOT NULL,
            date_end TEXT NOT NULL,
            host TEXT
        );
        CREATE INDEX IF NOT EXISTS coarse_dates ON coarse(family, date_start);
        CREATE INDEX IF NOT EXISTS coarse_host ON coarse(host);
        CREATE TABLE IF NOT EXISTS mention_keys (
            key TEXT NOT NULL,
            mention_key TEXT NOT NULL REFERENCES mentions(key) ON DELETE CASCADE
        );
        DELETE FROM clustering;
        DELETE FROM greedy;
        DELETE FROM coarse;
        DELETE FROM mention_keys;
        INSERT INTO mention_keys (key, mention_key)
            SELECT j.value, m.key FROM mentions m, json_each(m.data_json, '$.keys') j;
        CREATE INDEX IF NOT EXISTS mention_keys_key ON mention_keys(key);
        CREATE INDEX IF NOT EXISTS mention_keys_mention ON mention_keys(mention_key);
        CREATE INDEX IF NOT EXISTS mentions_dates ON mentions(date_start, date_end, type, key);
        CREATE INDEX IF NOT EXISTS mentions_wide ON mentions(date_start, date_end, type, key)
            WHERE julianday(date_end) - julianday(date_start) > 40;
        CREATE INDEX IF NOT EXISTS mentions_odd ON mentions(date_start, type, key)
            WHERE date_start = date_end AND json_extract(data_json, '$.date.precision') <> 'day';
        CREATE INDEX IF NOT EXISTS mentions_yearless ON mentions(
            json_extract(data_json, '$.date.month'), json_extract(data_json, '$.date.day'), type, key
        ) WHERE julianday(date_end) - julianday(date_start) > 365
        """,
    )


SCHEMA_VERSION = len(MIGRATIONS)
NARROW_DAYS = 40  # a mention dated wider than this many days is found by the index of wide ones (m008)
# patroltl's mark in the database header ("PTL1"): a database without it is not opened, let alone
# written, unless it is a patroltl database from before the mark (LEGACY_TABLES, user_version >= 1).
APPLICATION_ID = 0x50544C31
LEGACY_TABLES = frozenset({"articles", "mentions", "events", "event_mentions", "overrides", "user_places"})
SQLITE_MAGIC = b"SQLite format 3\x00"
# How long a writer waits for another process's write lock before it gives up (seconds): long enough
# for another ingest's final clustering of a large database, short enough to never hang for good.
ENV_LOCK_TIMEOUT = "PATROLTL_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 300.0
FULL_BELOW = 1024 * 1024  # bytes free under which an I/O error is taken for a full disk
BUSY_SLICE_S = 1.0  # SQLite's own wait per attempt; after the first one patroltl says that it waits


def lock_timeout() -> float:
    raw = os.environ.get(ENV_LOCK_TIMEOUT, "")
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT
    return value if 0 <= value < float("inf") else DEFAULT_LOCK_TIMEOUT


def _shown(path: Path | str) -> str:
    return printable(os.fspath(path))


def _check_version(version: int, path: Path) -> None:
    if version > len(MIGRATIONS):
        raise StoreError(
            f"{_shown(path)}: database schema version {version} is newer than this patroltl knows "
            f"({len(MIGRATIONS)}); upgrade patroltl"
        )


def _fault(path: Path, exc: sqlite3.Error) -> StoreError:
    """An SQLite error as one line a person can act on (exit code 3)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    where = _shown(path)
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")):
        name = _disk_state(path) or name
    if "decode" in str(exc).lower():  # text that is not UTF-8 where patroltl wrote UTF-8
        name = "SQLITE_CORRUPT"
    if name.startswith("SQLITE_FULL"):
        return StoreError(
            f"{where}: the disk is full: the article or step in progress was not stored; "
            "what was stored before it is kept"
        )
    if name.startswith("SQLITE_READONLY"):
        return StoreError(
            f"{where}: the database cannot be written (a read-only file, folder or disk; a WAL database "
            "needs its -wal and -shm files beside it even to be read); nothing was changed"
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return StoreError(f"{where}: the database is damaged ({printable(str(exc))}); nothing was written to it")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreError(f"{where}: the database is locked by another process; nothing was written")
    if name.startswith("SQLITE_CANTOPEN"):
        return StoreError(f"{where}: cannot open the database file ({printable(str(exc))})")
    if name.startswith("SQLITE_IOERR"):
        return StoreError(f"{where}: the disk failed while reading or writing the database ({name})")
    return StoreError(f"{where}: not a usable patroltl database ({printable(str(exc))})")


def _disk_state(path: Path) -> str | None:
    """What an I/O error or a file SQLite cannot open means, when the disk can tell: full (a -shm or
    -wal file that cannot grow fails as an I/O error), or read-only (a WAL database needs its -shm
    and -wal files beside it, even to be read)."""
    import shutil  # here, as tempfile below: a view that meets no fault loads neither (start-up)

    folder = path.parent
    with suppress(OSError):
        if shutil.disk_usage(folder).free < FULL_BELOW:
            return "SQLITE_FULL"
        if os.statvfs(folder).f_flag & os.ST_RDONLY or not os.access(folder, os.W_OK):
            return "SQLITE_READONLY"
    return None


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to date (and write patroltl's mark) in one write transaction: all steps or
    none, and a second process opening the same database waits, then finds the work done."""
    if not _migration_due(db, path):
        return
    _retrying(db, "BEGIN IMMEDIATE", path)
    try:
        if _migration_due(db, path):
            version = db.execute("PRAGMA user_version").fetchone()[0]
            for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
                step(db)
                db.execute(f"PRAGMA user_version = {number}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except BaseException:
        _rollback(db)
        raise
    db.execute("COMMIT")


def _migration_due(db: sqlite3.Connection, path: Path) -> bool:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    _check_version(version, path)
    return bool(version < len(MIGRATIONS) or db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID)


def _rollback(db: sqlite3.Connection) -> None:
    """ROLLBACK if a transaction is still open: SQLite rolls back by itself after some errors (a full
    disk), and a second ROLLBACK would hide the first error behind its own."""
    if db.in_transaction:
        with suppress(sqlite3.Error):
            db.execute("ROLLBACK")


def _is_busy(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc)


def _retrying(db: sqlite3.Connection, sql: str, path: Path) -> None:
    """``sql``, tried again while another process holds the lock it needs, for at most the lock
    timeout. SQLite's busy handler does not cover every case: switching a new database to WAL while
    another process creates its schema fails at once with "database is locked"."""
    deadline = time.monotonic() + lock_timeout()
    attempt = 0
    while True:
        try:
            db.execute(sql)
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() >= deadline:
                raise
        attempt += 1
        time.sleep(min(0.05 * attempt, 1.0))


def _connect(path: Path | str) -> sqlite3.Connection:
    """The one place a connection is made (tests wrap it to simulate a full disk)."""
    return sqlite3.connect(path, timeout=BUSY_SLICE_S, isolation_level=None)


def _table_names(db: sqlite3.Connection) -> set[str]:
    return {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _recognise(db: sqlite3.Connection, path: Path) -> None:
    """Refuse a database patroltl did not make, before anything is written to it (not even WAL mode)."""
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if app_id == APPLICATION_ID or (app_id == 0 and version >= 1 and _table_names(db) >= LEGACY_TABLES):
        _check_version(version, path)
        return
    raise StoreError(
        f"{_shown(path)}: an SQLite database, but not one patroltl made: refused, nothing was changed "
        "(give another --db)"
    )


def _check_file(path: Path, st: os.stat_result) -> None:
    """What is at ``path`` must be a database file: not a folder, a device, a pipe or an empty file."""
    where = _shown(path)
    if stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{where}: is a folder, not a database file")
    if not stat.S_ISREG(st.st_mode):
        raise StoreError(f"{where}: not a regular file (a device, pipe or socket), not a database")
    if st.st_size == 0:
        raise StoreError(f"{where}: an empty file, not a patroltl database: refused (delete it, or give another --db)")
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"{where}: cannot read the database file ({exc.strerror or exc})") from None
    if head != SQLITE_MAGIC:
        raise StoreError(f"{where}: not an SQLite database (another kind of file, or a damaged header): refused")


def _create(path: Path) -> None:
    """A new database, built beside ``path`` and linked into place only once its schema and mark are
    written: a process that finds ``path`` never finds it half made (a 0-byte file is refused)."""
    where = _shown(path)
    folder = path.parent
    if not folder.is_dir():
        raise StoreError(f"{where}: the folder {_shown(folder)} does not exist")
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=".patroltl-new-", suffix=".db", dir=folder)
    except OSError as exc:
        raise StoreError(f"{where}: cannot create the database here ({exc.strerror or exc})") from None
    os.close(fd)
    try:
        db = _connect(tmp)
        try:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute("PRAGMA journal_mode=WAL")
            _migrate(db, Path(tmp))
        except sqlite3.Error as exc:
            raise _fault(path, exc) from None
        finally:
            db.close()
        _link(Path(tmp), path)
    finally:
        for leftover in (tmp, tmp + "-wal", tmp + "-shm"):
            with suppress(OSError):
                os.unlink(leftover)


def _link(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        return  # another process created it first: that one is used
    except OSError:  # a file system without hard links: a rename, unless the file appeared meanwhile
        if not path.exists():
            os.replace(tmp, path)


# --- connection ---------------------------------------------------------------------------------

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


def _guarded(fn: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[Store, P], R]:
    """SQLite's errors (a damaged file, a full disk, a read-only file) as one StoreError line."""

    @functools.wraps(fn)
    def wrapper(self: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise _fault(self.path, exc) from None

    return wrapper


def _guarded_iter(fn: Callable[Concatenate[Store, P], Iterator[T]]) -> Callable[Concatenate[Store, P], Iterator[T]]:
    """``_guarded`` for a generator: the errors come while it is iterated."""

    @functools.wraps(fn)
    def wrapper(self: Store, /, *args: P.args, **kwargs: P.kwargs) -> Iterator[T]:
        try:
            yield from fn(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise _fault(self.path, exc) from None

    return wrapper


class Store:
    """An open patroltl database."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path
        self.on_wait: Callable[[str], None] | None = None  # told once when a writer has to wait
        self._checked = False  # the file's integrity, checked before the first write
        self._waited = False
        self._writing = False

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> Store:
        """The database at ``path``; a new one only where no file is (``create``). A file patroltl
        did not make, an empty file and a damaged one are refused with a StoreError."""
        try:
            st: os.stat_result | None = os.stat(path)
        except FileNotFoundError:
            st = None
        except OSError as exc:
            raise StoreError(f"{_shown(path)}: cannot open ({exc.strerror or exc})") from None
        if st is None:
            if not create:
                raise StoreError(f"{_shown(path)}: no such database (run `patroltl ingest` first, or pass --db)")
            _create(path)
        else:
            _check_file(path, st)
        db = _connect(path)
        try:
            _recognise(db, path)
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA synchronous=NORMAL")
            _migrate(db, path)
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":  # a database from before WAL
                _retrying(db, "PRAGMA journal_mode=WAL", path)
        except sqlite3.Error as exc:
            db.close()
            raise _fault(path, exc) from None
        except BaseException:
            db.close()
            raise
        return cls(db, path)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @_guarded
    def check_integrity(self) -> None:
        """Before the first write: a damaged file is refused, never written (PRAGMA quick_check reads
        every page once; views skip it and fail on the first damaged page they read)."""
        if self._checked:
            return
        rows = self.db.execute("PRAGMA quick_check(1)").fetchall()
        if rows != [("ok",)]:
            problem = printable(str(rows[0][0])) if rows else "no answer"
            raise StoreError(f"{_shown(self.path)}: the database is damaged ({problem}); nothing was written to it")
        self._checked = True

    def _begin_immediate(self) -> None:
        """BEGIN IMMEDIATE, waiting for another writer: says so once, gives up after the lock timeout."""
        deadline: float | None = None
        while True:
            try:
                self.db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
            now, limit = time.monotonic(), lock_timeout()
            if deadline is None:
                deadline = now + max(0.0, limit - BUSY_SLICE_S)
                if not self._waited and self.on_wait is not None:
                    self.on_wait(
                        f"{_shown(self.path)}: waiting for another process to finish writing "
                        f"(at most {limit:g} s; {ENV_LOCK_TIMEOUT} sets it)"
                    )
                self._waited = True
            if now >= deadline:
                raise StoreError(
                    f"{_shown(self.path)}: another process kept the database locked for {limit:g} s: gave up, "
                    f"what was stored before is kept (set {ENV_LOCK_TIMEOUT} to wait longer)"
                )

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (inside one already open, part of it)."""
        if self._writing:
            yield self.db
            return
        assert not self.db.in_transaction, "a write inside a read snapshot could not take the write lock"
        self.check_integrity()
        self._begin_immediate()
        self._writing = True
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException:
            _rollback(self.db)
            raise
        finally:
            self._writing = False

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Several reads as one consistent view: inside BEGIN, a WAL reader sees the database as of
        its first read, whatever a concurrent ingest commits meanwhile."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            _rollback(self.db)  # nothing was written: ending the read is all that is left

    # --- articles ---------------------------------------------------------------------------

    @_guarded
    def has_article(self, content_hash: str) -> str | None:
        """The path of the article stored with this content (its hash, or another it is known by)."""
        row = self.db.execute(
            """SELECT path FROM articles WHERE content_hash = ?
               UNION ALL SELECT a.path FROM article_identities i JOIN articles a ON a.id = i.article_id
               WHERE i.content_hash = ? LIMIT 1""",
            (content_hash, content_hash),
        ).fetchone()
        return None if row is None else str(row[0])

    @_guarded
    def add_article(self, article: Article) -> bool:
        """Store an article and its mentions atomically; False if its content is already stored."""
        with self.transaction() as db:
            if self.has_article(article.content_hash) is not None:
                return False
            cur = db.execute(
                """INSERT INTO articles (content_hash, path, url, title, outlet, outlet_side, outlet_how,
                   published_start, published_end, published_precision, published_json, language, text,
                   cuts_json, notes_json, ingested_at, raw_text, tags_json)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    article.content_hash,
                    article.path,
                    article.url,
                    article.title,
                    article.outlet.name,
                    article.outlet.side,
                    article.outlet.how,
                    article.published.start.isoformat(),
                    article.published.end.isoformat(),
                    article.published.precision,
                    json.dumps(interval_to_json(article.published)),
                    article.language,
                    article.text,
                    json.dumps([asdict(c) for c in article.cuts]),
                    json.dumps(list(article.notes)),
                    datetime.now(UTC).isoformat(timespec="seconds"),
                    article.raw or None,
                    json.dumps([tag_to_json(t) for t in article.tags]),
                ),
            )
            article_id = cur.lastrowid
            db.executemany(
                """INSERT INTO mentions
                   (key, article_id, idx, type, date_start, date_end, place_id, planned, data_json, date_value)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    (
                        mention_key(article.content_hash, i),
                        article_id,
                        i,
                        m.type,
                        m.date.start.isoformat(),
                        m.date.end.isoformat(),
                        m.place.place_id if m.place else None,
                        int(m.planned),
                        json.dumps(mention_to_json(m)),
                        json.dumps(tag_to_json(article.tags[m.timex])) if 0 <= m.timex < len(article.tags) else None,
                    )
                    for i, m in enumerate(article.mentions)
                ],
            )
            db.executemany(
                "INSERT INTO mention_keys (key, mention_key) VALUES (?, ?)",
                [(k, mention_key(article.content_hash, i)) for i, m in enumerate(article.mentions) for k in m.keys],
            )
        return True

    @_guarded
    def articles(self) -> list[dict[str, Any]]:
        rows = self.db.execute(
            """SELECT a.id, a.path, a.outlet, a.outlet_side, a.outlet_how, a.published_json, a.language,
                      a.content_hash, a.title, a.url, COUNT(m.id)
               FROM articles a LEFT JOIN mentions m ON m.article_id = a.id
               GROUP BY a.id ORDER BY a.path, a.id"""
        ).fetchall()
        return [
            {
                "id": r[0],
                "path": r[1],
                "outlet": r[2],
                "side": r[3],
                "outlet_how": r[4],
                "published": interval_from_json(json.loads(r[5])),
                "language": r[6],
                "hash": r[7],
                "title": r[8],
                "url": r[9],
                "mentions": r[10],
            }
            for r in rows
        ]

    @_guarded
    def article_text(self, ref: str) -> tuple[str, str, list[dict[str, Any]], str | None] | None:
        """(path, cleaned text, cuts, text as received) of the article whose path, file name or
        hash prefix is ``ref``; the text as received is None for articles stored before it was kept."""
        rows = self.db.execute("SELECT path, content_hash, text, cuts_json, raw_text FROM articles").fetchall()
        for path, chash, text, cuts, raw in rows:
            if ref in (path, Path(path).name) or (len(ref) >= 6 and chash.startswith(ref)):
                return str(path), str(text), list(json.loads(cuts)), raw
        return None

    @_guarded
    def wide_tags(self, wider_than: int) -> dict[str, tuple[Tag, ...]]:
        """The tags of every article whose own publication interval is wider than ``wider_than`` days
        (the articles cross-source dating may ground again)."""
        rows = self.db.execute(
            """SELECT content_hash, tags_json FROM articles WHERE tags_json IS NOT NULL
               AND julianday(published_end) - julianday(published_start) + 1 > ?""",
            (wider_than,),
        )
        return {h: tuple(tag_from_json(d) for d in json.loads(t)) for h, t in rows}

    @_guarded
    def article_tags(self, content_hash: str) -> tuple[Tag, ...] | None:
        """The article's tagged temporal expressions (None for an article stored before they were kept)."""
        row = self.db.execute("SELECT tags_json FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        if row is None or row[0] is None:
            return None
        return tuple(tag_from_json(d) for d in json.loads(row[0]))

    @_guarded
    def count(self, table: str) -> int:
        assert table in {"articles", "mentions", "events"}
        return int(self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    # --- mentions and events -----------------------------------------------------------------

    @_guarded_iter
    def mentions(self, *, texts: bool = True) -> Iterator[StoredMention]:
        """Every stored mention, decoded, for clustering, which holds them all at once: hundreds of
        thousands for 100,000 articles. So equal values (places, dates, words, an article's
        identity) share one object, and without ``texts`` the sentences, their offsets and the
        summaries are left out: clustering never reads them, and ``with_texts`` puts them back, an
        event at a time."""
        with self.snapshot():
            shared: dict[Any, Any] = {}
            articles: dict[int, tuple[str, str, str, str, DateInterval, str | None, str | None]] = {}
            for article_id, path, chash, outlet, side, published, url, title in self.db.execute(
                "SELECT id, path, content_hash, outlet, outlet_side, published_json, url, title FROM articles"
            ):
                published_on = interval_from_json(json.loads(published), shared)
                articles[article_id] = (path, chash, sys.intern(outlet), sys.intern(side), published_on, url, title)
            for key, article_id, data in self.db.execute(
                "SELECT key, article_id, data_json FROM mentions ORDER BY key"
            ):
                path, chash, outlet, side, published, url, title = articles[article_id]
                d = json.loads(data)
                if not texts:  # and the sentence's offsets: a large int is an object of its own
                    d["sentence"], d["summary"], d["start"], d["end"] = "", "", 0, 0
                mention = mention_from_json(d, shared)
                yield StoredMention(key, path, chash, outlet, side, published, mention, url or None, title or None)

    @_guarded
    def with_texts(self, ev: Event) -> Event:
        """The event with its members decoded whole again (after ``mentions(texts=False)``)."""
        keys = [sm.key for sm in ev.members]
        found: dict[str, str] = {}
        for i in range(0, len(keys), 500):  # SQLite's limit on parameters is far above this
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(f"SELECT key, data_json FROM mentions WHERE key IN ({marks})", chunk))
        shared: dict[Any, Any] = {}  # an event of thousands of members repeats its places and dates
        # The date stays the one the member was clustered with (cross-source dating may have grounded
        # it again); the rest comes back from the stored mention.
        members = tuple(
            replace(sm, mention=replace(mention_from_json(json.loads(found[sm.key]), shared), date=sm.mention.date))
            for sm in ev.members
        )
        return replace(ev, members=members)

    @_guarded
    def clustering_input(self) -> tuple[int, ...]:
        """What a clustering is made from, as a value that changes whenever that does: mentions and
        overrides are only ever added, so their counts and last ids."""
        row = self.db.execute(
            """SELECT (SELECT COUNT(*) FROM mentions), (SELECT COALESCE(MAX(id), 0) FROM mentions),
                      (SELECT COUNT(*) FROM overrides), (SELECT COALESCE(MAX(id), 0) FROM overrides)"""
        ).fetchone()
        return tuple(int(v) for v in row)

    @_guarded
    def replace_events(
        self,
        events: Iterable[Event],
        lines: Callable[[Event], str] | None = None,
        published: Mapping[str, DateInterval] | None = None,
        *,
        made_from: tuple[int, ...] | None = None,
        knowledge: str = "",
        greedy: GreedyState | None = None,
    ) -> bool:
        """Store the chronology in place of the last one; ``lines`` gives each event's public JSON line,
        kept so that an export needs no decoding (see ``Event.stored_json``). ``published``: the
        articles other sources date (content hash -> publication interval); their mentions' dates
        are stored as the events hold them. With ``made_from`` (the ``clustering_input`` the events
        were clustered from), nothing is stored and False returned if another process has stored
        mentions or overrides since: the events would not cover them."""
        published = published or {}
        with self.transaction() as db:
            if made_from is not None and self.clustering_input() != made_from:
                return False
            db.execute("DELETE FROM event_mentions")
            db.execute("DELETE FROM events")
            db.execute("DELETE FROM cross_dates")
            db.execute("DELETE FROM greedy")
            db.execute("DELETE FROM coarse")
            db.executemany(
                "INSERT INTO cross_dates (content_hash, published_json) VALUES (?, ?)",
                [(h, json.dumps(interval_to_json(iv))) for h, iv in sorted(published.items())],
            )
            if greedy is not None:
                self._write_greedy(greedy)
            self._write_state(made_from, knowledge, replayable=greedy is not None)
            self._insert_events(events, lines, published)
        return True

    def _write_state(self, made_from: tuple[int, ...] | None, knowledge: str, *, replayable: bool) -> None:
        """The clustering input the events now stored were made from (inside the write transaction)."""
        made = made_from if made_from is not None else self.clustering_input()
        self.db.execute(
            "INSERT OR REPLACE INTO clustering (id, made_from, knowledge, replayable) VALUES (1, ?, ?, ?)",
            (json.dumps(list(made)), knowledge, int(replayable)),
        )

    def _write_greedy(self, greedy: GreedyState) -> None:
        self.db.executemany("INSERT OR REPLACE INTO greedy (mention_key, seed, why) VALUES (?, ?, ?)", greedy.members)
        self.db.executemany(
            "INSERT OR REPLACE INTO coarse (seed, family, date_start, date_end, host) VALUES (?, ?, ?, ?, ?)",
            [(seed, fam, a.isoformat(), b.isoformat(), host) for seed, fam, a, b, host in greedy.coarse],
        )

    def _insert_events(
        self, events: Iterable[Event], lines: Callable[[Event], str] | None, published: Mapping[str, DateInterval]
    ) -> None:
        db = self.db
        columns = ", ".join(EVENT_COLUMNS)
        marks = ", ".join("?" * (6 + len(EVENT_COLUMNS)))
        for ev in events:
            db.execute(
                f"INSERT INTO events (id, type, date_start, date_end, data_json, json, {columns}) VALUES ({marks})",
                (
                    ev.id,
                    ev.type,
                    ev.date.start.isoformat(),
                    ev.date.end.isoformat(),
                    json.dumps(_event_to_json(ev)),
                    lines(ev) if lines else None,
                    *_readable(ev),
                ),
            )
            why = dict(ev.why)
            db.executemany(
                "INSERT INTO event_mentions (mention_key, event_id, why, date_json) VALUES (?, ?, ?, ?)",
                [
                    (
                        m.key,
                        ev.id,
                        why.get(m.key, ""),
                        json.dumps(interval_to_json(m.mention.date)) if m.article_hash in published else None,
                    )
                    for m in ev.members
                ],
            )

    # --- the incremental clustering (pipeline.recluster_new) -----------------------------------

    @_guarded
    def check_writable(self) -> None:
        """A write taken back at once: a database that cannot be written (a read-only file, folder or
        disk) is refused as an ingest that stores something would refuse it; nothing is changed (so
        the file's integrity is not checked: that is for a write that is kept)."""
        self._begin_immediate()
        try:
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            self.db.execute(f"PRAGMA user_version = {int(version)}")
        finally:
            _rollback(self.db)

    @_guarded
    def clustering_state(self) -> ClusteringState | None:
        """What the stored events were clustered from (None: not known, a database from before m008)."""
        row = self.db.execute("SELECT made_from, knowledge, replayable FROM clustering WHERE id = 1").fetchone()
        if row is None:
            return None
        return ClusteringState(tuple(int(v) for v in json.loads(row[0])), str(row[1]), bool(row[2]))

    @_guarded
    def update_events(
        self,
        removed: Iterable[str],
        events: Iterable[Event],
        lines: Callable[[Event], str],
        greedy: GreedyState,
        *,
        coarse_removed: Iterable[str],
        knowledge: str,
    ) -> None:
        """Replace the events ``removed`` with ``events`` and update the greedy pass's record, in the
        write transaction the caller holds; the state then says the events cover every mention."""
        with self.transaction() as db:
            for chunk in _chunks(sorted(set(removed))):
                marks = ",".join("?" * len(chunk))
                db.execute(f"DELETE FROM event_mentions WHERE event_id IN ({marks})", chunk)
                db.execute(f"DELETE FROM events WHERE id IN ({marks})", chunk)
            for chunk in _chunks(sorted(set(coarse_removed))):
                db.execute(f"DELETE FROM coarse WHERE seed IN ({','.join('?' * len(chunk))})", chunk)
            self._write_greedy(greedy)
            self._insert_events(events, lines, {})
            self._write_state(None, knowledge, replayable=True)

    def _cluster_rows(
        self, sql: str, args: Iterable[Any], known: Mapping[str, ClusterRow] | None = None
    ) -> list[ClusterRow]:
        """Mentions as the clustering holds them (no sentence, offsets or summary), with their cluster
        of the last greedy pass, for ``sql``: a query of keys of ``mentions``. Those of ``known``
        are not read again (a replay asks for the same days many times)."""
        keys = [key for (key,) in self.db.execute(sql, tuple(args))]
        known = known or {}
        out = [known[key] for key in keys if key in known]
        for chunk in _chunks(sorted({key for key in keys if key not in known})):
            out += self._read_rows(chunk)
        return out

    def _read_rows(self, keys: list[str]) -> list[ClusterRow]:
        out = []
        shared = self._shared
        for key, path, chash, outlet, side, published, url, title, data, seed, why in self.db.execute(
            f"""SELECT m.key, a.path, a.content_hash, a.outlet, a.outlet_side, a.published_json, a.url, a.title,
                       m.data_json, g.seed, g.why
                FROM mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN greedy g ON g.mention_key = m.key
                WHERE m.planned = 0 AND m.key IN ({",".join("?" * len(keys))})""",
            keys,
        ):
            d = json.loads(data)
            d["sentence"], d["summary"], d["start"], d["end"] = "", "", 0, 0
            sm = StoredMention(
                key,
                path,
                chash,
                outlet,
                side,
                interval_from_json(json.loads(published), shared),
                mention_from_json(d, shared),
                url or None,
                title or None,
            )
            out.append(ClusterRow(sm, seed, why))
        return out

    @cached_property
    def _shared(self) -> dict[Any, Any]:
        return {}

    @_guarded
    def rows_after(self, mention_id: int) -> list[ClusterRow]:
        """The mentions stored after ``mention_id`` (ids only grow: an ingest's new ones)."""
        return self._cluster_rows("SELECT key FROM mentions WHERE id > ?", (mention_id,))

    @_guarded
    def rows_overlapping(
        self,
        types: Iterable[str],
        lo: date,
        hi: date,
        *,
        spanning: bool = False,
        known: Mapping[str, ClusterRow] | None = None,
    ) -> list[ClusterRow]:
        """The mentions of these types whose dates reach into [lo, hi] (``spanning``: only those not
        dated to a day), by the date index: the narrow ones by their first day, the few wide ones by
        an index of their own."""
        kinds = sorted(types)
        marks = ",".join("?" * len(kinds))
        a, b = lo.isoformat(), hi.isoformat()
        early = (lo - timedelta(days=NARROW_DAYS)).isoformat()
        # (each part read from an index alone: the rows are read only for the keys not known yet)
        more = "AND date_end > date_start" if spanning else ""
        sql = f"""SELECT key FROM mentions INDEXED BY mentions_dates WHERE date_start BETWEEN ? AND ?
                  AND date_end >= ? {more} AND type IN ({marks})
                  UNION SELECT key FROM mentions INDEXED BY mentions_wide
                  WHERE julianday(date_end) - julianday(date_start) > {NARROW_DAYS}
                  AND date_start <= ? AND date_end >= ? AND type IN ({marks})"""
        args: tuple[str, ...] = (early, b, a, *kinds, b, a, *kinds)
        if spanning:  # and a date of one day given another precision (none is, as extracted): by month too
            sql += f"""UNION SELECT key FROM mentions INDEXED BY mentions_odd WHERE date_start = date_end
                       AND json_extract(data_json, '$.date.precision') <> 'day'
                       AND date_start BETWEEN ? AND ? AND type IN ({marks})"""
            args += (a, b, *kinds)
        return self._cluster_rows(sql, args, known)

    @_guarded
    def rows_of_day(
        self, types: Iterable[str], month: int, day: int, known: Mapping[str, ClusterRow] | None = None
    ) -> list[ClusterRow]:
        """The mentions of these types that give a day of the year and no year ("November 12")."""
        kinds = sorted(types)
        return self._cluster_rows(
            f"""SELECT key FROM mentions INDEXED BY mentions_yearless
                WHERE julianday(date_end) - julianday(date_start) > 365
                AND json_extract(data_json, '$.date.month') = ? AND json_extract(data_json, '$.date.day') = ?
                AND type IN ({",".join("?" * len(kinds))})""",
            (month, day, *kinds),
            known,
        )

    @_guarded
    def rows_with_keys(self, keys: Iterable[str], known: Mapping[str, ClusterRow] | None = None) -> list[ClusterRow]:
        out: list[ClusterRow] = []
        for chunk in _chunks(sorted(set(keys))):
            out += self._cluster_rows(
                f"SELECT mention_key FROM mention_keys WHERE key IN ({','.join('?' * len(chunk))})", chunk, known
            )
        return out

    @_guarded
    def rows_by_keys(self, keys: Iterable[str]) -> list[ClusterRow]:
        out: list[ClusterRow] = []
        for chunk in _chunks(sorted(set(keys))):
            out += self._read_rows(chunk)
        return out

    @_guarded
    def rows_of_clusters(self, seeds: Iterable[str], known: Mapping[str, ClusterRow] | None = None) -> list[ClusterRow]:
        """The members of these clusters of the last greedy pass."""
        out: list[ClusterRow] = []
        for chunk in _chunks(sorted(set(seeds))):
            out += self._cluster_rows(
                f"SELECT mention_key FROM greedy WHERE seed IN ({','.join('?' * len(chunk))})", chunk, known
            )
        return out

    @_guarded
    def coarse_holding(self, family: str, lo: date, hi: date) -> list[str]:
        """The coarse clusters of the last greedy pass of this family whose interval holds [lo, hi]."""
        return [
            seed
            for (seed,) in self.db.execute(
                "SELECT seed FROM coarse WHERE family = ? AND date_start <= ? AND date_end >= ?",
                (family, lo.isoformat(), hi.isoformat()),
            )
        ]

    @_guarded
    def coarse_hosted(self, hosts: Iterable[str]) -> dict[str, str]:
        """coarse cluster -> host, for the coarse clusters of the last pass that became part of these."""
        out: dict[str, str] = {}
        for chunk in _chunks(sorted(set(hosts))):
            marks = ",".join("?" * len(chunk))
            out.update(self.db.execute(f"SELECT seed, host FROM coarse WHERE host IN ({marks})", chunk))
        return out

    @_guarded
    def coarse_of(self, seeds: Iterable[str]) -> dict[str, str | None]:
        """coarse cluster -> host (None: it stayed apart), for those of these that were coarse."""
        out: dict[str, str | None] = {}
        for chunk in _chunks(sorted(set(seeds))):
            marks = ",".join("?" * len(chunk))
            out.update(self.db.execute(f"SELECT seed, host FROM coarse WHERE seed IN ({marks})", chunk))
        return out

    @_guarded
    def rows_of_article(self, content_hash: str, known: Mapping[str, ClusterRow] | None = None) -> list[ClusterRow]:
        return self._cluster_rows(
            "SELECT m.key FROM mentions m JOIN articles a ON a.id = m.article_id WHERE a.content_hash = ?",
            (content_hash,),
            known,
        )

    @_guarded
    def events_of(self, keys: Iterable[str]) -> dict[str, str]:
        """mention key -> the stored event it is in, for these keys."""
        out: dict[str, str] = {}
        for chunk in _chunks(sorted(set(keys))):
            marks = ",".join("?" * len(chunk))
            out.update(
                self.db.execute(
                    f"SELECT mention_key, event_id FROM event_mentions WHERE mention_key IN ({marks})", chunk
                )
            )
        return out

    @_guarded
    def members_of(self, event_ids: Iterable[str]) -> dict[str, str]:
        """mention key -> event id, for the members of these stored events."""
        out: dict[str, str] = {}
        for chunk in _chunks(sorted(set(event_ids))):
            marks = ",".join("?" * len(chunk))
            out.update(
                self.db.execute(f"SELECT mention_key, event_id FROM event_mentions WHERE event_id IN ({marks})", chunk)
            )
        return out

    @_guarded
    def events(
        self, since: date | None = None, until: date | None = None, *, with_json: bool = False, light: bool = False
    ) -> list[Event] | None:
        """The events as last clustered whose dates reach into [since, until] (all when not given),
        oldest first, or None when they no longer cover the stored mentions (an ingest stopped before
        clustering): then the caller clusters afresh. Each member's sentence, dates and places are
        decoded only when first read; ``with_json`` reads each event's public JSON line too."""
        with self.snapshot():
            return self._events(since, until, with_json, light)

    def _events(
        self, since: date | None, until: date | None, with_json: bool, light: bool = False
    ) -> list[Event] | None:
        clustered = self.db.execute("SELECT COUNT(*) FROM event_mentions").fetchone()[0]
        stored = self.db.execute("SELECT COUNT(*) FROM mentions WHERE planned = 0").fetchone()[0]
        if clustered != stored:
            return None
        scope = "SELECT rowid, mention_key, event_id, why, date_json FROM event_mentions"
        wanted, args = "", tuple[str, ...]()
        if since is not None or until is not None:
            scope = """SELECT em.rowid, em.mention_key, em.event_id, em.why, em.date_json
                       FROM event_mentions em JOIN events e ON e.id = em.event_id
                       WHERE e.date_end >= ? AND e.date_start <= ?"""
            wanted = f"WHERE m.key IN (SELECT mention_key FROM ({scope}))"
            args = ((since or date.min).isoformat(), (until or date.max).isoformat())
        # Joined here, not in SQL: three index look-ups per member cost more than a scan of each table.
        found: Iterable[tuple[Any, ...]] = self.db.execute(
            f"""SELECT m.key, a.path, a.content_hash, a.outlet, a.outlet_side, a.published_json,
                       {"NULL" if light else "m.data_json"}, a.url, a.title
                FROM mentions m JOIN articles a ON a.id = m.article_id {wanted}""",
            args,
        )
        if light:
            # without the mentions (each read when first asked for), and an article's values held once
            # for its members: the table of a large chronology reads only outlets and dates
            source = _Mentions(self.path)
            found = (
                (key, sys.intern(path), sys.intern(chash), sys.intern(o), sys.intern(sd), sys.intern(pub), source, u, t)
                for key, path, chash, o, sd, pub, _, u, t in found
            )
        rows = {row[0]: row for row in found}
        members: dict[str, list[StoredMention]] = {}
        why: dict[str, list[tuple[str, str]]] = {}
        published_of: dict[str, DateInterval] = {}
        cross = dict(self.db.execute("SELECT content_hash, published_json FROM cross_dates"))
        for _, key, event_id, reason, dated in self.db.execute(f"SELECT * FROM ({scope}) ORDER BY rowid", args):
            if event_id not in members:
                members[event_id], why[event_id] = [], []
            members[event_id].append(_stored_mention(rows[key], published_of, cross, dated))
            why[event_id].append((key, reason))
        lo, hi = (since or date.min).isoformat(), (until or date.max).isoformat()
        out = []
        line_column = "json" if with_json else "NULL"
        for event_id, data, line in self.db.execute(
            # the order of cluster.event_sort_key: ISO dates and UTF-8 strings sort alike in both
            f"""SELECT id, data_json, {line_column} FROM events WHERE date_end >= ? AND date_start <= ?
                ORDER BY date_start, date_end, type, id""",
            (lo, hi),
        ):
            fields = json.loads(data)
            if "type" not in fields or event_id not in members:
                return None  # written by an older patroltl, or stale
            out.append(_event_from_json(event_id, fields, members[event_id], why[event_id], line or ""))
        return out

    @_guarded
    def current(self) -> bool:
        """Whether the stored events cover the stored mentions (else a view clusters afresh)."""
        with self.snapshot():
            return self._current()

    @_guarded
    def event_outlets(self, since: date | None = None, until: date | None = None) -> set[str]:
        """The outlets of the stored events that reach into [since, until] (their readable column)."""
        rows = self.db.execute(
            "SELECT DISTINCT outlets FROM events WHERE date_end >= ? AND date_start <= ?",
            ((since or date.min).isoformat(), (until or date.max).isoformat()),
        )
        return {o for (joined,) in rows if joined for o in joined.split("; ")}

    @_guarded
    def member_outlets(self, since: date | None = None, until: date | None = None) -> set[str]:
        """The outlets of the members of the stored events that reach into [since, until], each as its
        articles name it (``Event.sources`` of those events)."""
        rows = self.db.execute(
            """SELECT DISTINCT a.outlet FROM events e JOIN event_mentions em ON em.event_id = e.id
               JOIN mentions m ON m.key = em.mention_key JOIN articles a ON a.id = m.article_id
               WHERE e.date_end >= ? AND e.date_start <= ?""",
            ((since or date.min).isoformat(), (until or date.max).isoformat()),
        )
        return {outlet for (outlet,) in rows}

    @_guarded_iter
    def event_heads(
        self, since: date | None = None, until: date | None = None
    ) -> Iterator[tuple[Event, tuple[str, ...], str]]:
        """The stored events that reach into [since, until], oldest first, without their members:
        each with its outlets and its stored JSON line ("" if none), one at a time."""
        with self.snapshot():
            for event_id, data, outlets, line in self.db.execute(
                """SELECT id, data_json, outlets, json FROM events WHERE date_end >= ? AND date_start <= ?
                   ORDER BY date_start, date_end, type, id""",
                ((since or date.min).isoformat(), (until or date.max).isoformat()),
            ):
                ev = _event_from_json(event_id, json.loads(data), [], [], line or "")
                yield ev, tuple(outlets.split("; ")) if outlets else (), line or ""

    @_guarded_iter
    def events_of_ids(self, ids: Iterable[str], batch: int = 500) -> Iterator[Event]:
        """These stored events with their members, in the order given, a batch at a time: a view of
        a large chronology holds a batch, not the database."""
        wanted = iter(ids)
        with self.snapshot():
            while chunk := list(itertools.islice(wanted, batch)):
                yield from self._with_members(chunk)

    def _with_members(self, ids: list[str]) -> list[Event]:
        marks = ",".join("?" * len(ids))
        heads = dict(self.db.execute(f"SELECT id, data_json FROM events WHERE id IN ({marks})", ids))
        return self._members_of([(i, json.loads(heads[i])) for i in ids if i in heads])

    def _members_of(self, heads: list[tuple[str, dict[str, Any]]], source: _Mentions | None = None) -> list[Event]:
        """The events of these (id, decoded data_json) rows, in their order, with their members; each
        member's mention read when first asked for from ``source`` when given, else with the rest."""
        ids = [i for i, _ in heads]
        marks = ",".join("?" * len(ids))
        members: dict[str, list[StoredMention]] = {i: [] for i in ids}
        why: dict[str, list[tuple[str, str]]] = {i: [] for i in ids}
        published_of: dict[str, DateInterval] = {}
        rows = self.db.execute(
            f"""SELECT em.event_id, em.mention_key, em.why, em.date_json, a.path, a.content_hash, a.outlet,
                       a.outlet_side, a.published_json, {"NULL" if source else "m.data_json"}, a.url, a.title,
                       c.published_json
                FROM event_mentions em JOIN mentions m ON m.key = em.mention_key
                JOIN articles a ON a.id = m.article_id LEFT JOIN cross_dates c ON c.content_hash = a.content_hash
                WHERE em.event_id IN ({marks}) ORDER BY em.rowid""",
            ids,
        )
        for event_id, key, reason, dated, path, chash, outlet, side, published, mention, url, title, cross in rows:
            row = (key, path, chash, outlet, side, published, source or mention, url, title)
            members[event_id].append(_stored_mention(row, published_of, {chash: cross} if cross else {}, dated))
            why[event_id].append((key, reason))
        return [_event_from_json(i, data, members[i], why[i]) for i, data in heads]

    def _light_members(
        self, heads: list[tuple[str, dict[str, Any]]], source: _Mentions, articles: Mapping[str, ArticleRow]
    ) -> list[Event]:
        """``_members_of`` without the mentions, each member joined to its article in ``articles``
        (``article_rows``) rather than by three index look-ups in SQL (most of the time of a view of
        hundreds of thousands of members). A key that names no article there: joined in SQL."""
        ids = [i for i, _ in heads]
        members: dict[str, list[StoredMention]] = {i: [] for i in ids}
        why: dict[str, list[tuple[str, str]]] = {i: [] for i in ids}
        published_of: dict[str, DateInterval] = {}
        rows = self.db.execute(
            f"""SELECT event_id, mention_key, why, date_json FROM event_mentions
                WHERE event_id IN ({",".join("?" * len(ids))}) ORDER BY rowid""",
            ids,
        )
        for event_id, key, reason, dated in rows:
            article = articles.get(key.partition(":")[0])
            if article is None:
                return self._members_of(heads, source)
            path, chash, outlet, side, published, url, title = article
            members[event_id].append(
                _LazyStoredMention(key, path, chash, outlet, side, published, source, published_of, dated, url, title)
            )
            why[event_id].append((key, reason))
        return [_event_from_json(i, data, members[i], why[i]) for i, data in heads]

    @_guarded
    def article_rows(self) -> dict[str, ArticleRow] | None:
        """Each article as its members show it, by the part of their keys that names it (the first 16
        characters of its content hash, ``mention_key``), its publication as other sources date it:
        what ``stream_events`` joins the members of a light read to. None when two articles share that
        part of their hashes (then the members are joined in SQL)."""
        cross = dict(self.db.execute("SELECT content_hash, published_json FROM cross_dates"))
        out: dict[str, ArticleRow] = {}
        for path, chash, outlet, side, published, url, title in self.db.execute(
            "SELECT path, content_hash, outlet, outlet_side, published_json, url, title FROM articles"
        ):
            prefix = mention_key(chash, 0).partition(":")[0]
            if prefix in out:
                return None
            out[prefix] = (path, chash, sys.intern(outlet), sys.intern(side), cross.get(chash, published), url, title)
        return out

    @_guarded_iter
    def stream_events(
        self,
        since: date | None = None,
        until: date | None = None,
        *,
        dated: bool | None = None,
        light: bool = False,
        batch: int = 500,
        articles: Mapping[str, ArticleRow] | None = None,
    ) -> Iterator[Event]:
        """The stored events that reach into [since, until], oldest first, with their members, read a
        batch at a time (a view of any size holds a batch): only those whose date is known (``dated``
        True), only the others (False), or all. ``light``: each member's mention read when first
        asked for (``events``), and with ``articles`` (``article_rows``, read in the same snapshot)
        each member joined to its article there. The stored events must be current (``current``)."""
        source = _Mentions(self.path) if light else None
        with self.snapshot():
            rows = self.db.execute(
                """SELECT id, data_json FROM events WHERE date_end >= ? AND date_start <= ?
                   ORDER BY date_start, date_end, type, id""",
                ((since or date.min).isoformat(), (until or date.max).isoformat()),
            )
            while chunk := rows.fetchmany(batch):
                heads = [(event_id, json.loads(data)) for event_id, data in chunk]
                if dated is not None:  # intervals.is_dated, on the stored interval
                    heads = [(i, d) for i, d in heads if (d["date"]["precision"] != "unknown") == dated]
                if heads and source is not None and articles is not None:
                    yield from self._light_members(heads, source, articles)
                elif heads:
                    yield from self._members_of(heads, source)

    @_guarded
    def events_by_id(self, ref: str, limit: int = 6) -> list[Event] | None:
        """The stored events whose id begins with ``ref`` (at most ``limit``), each with its members,
        read by the id and member indexes alone: time in the event's mentions, not the database's.
        None when the stored events no longer cover the stored mentions (then the caller clusters)."""
        with self.snapshot():
            if not self._current():
                return None
            # the first in the chronology's order, as a search of every event would list them
            found = self.db.execute(
                """SELECT id, data_json FROM events WHERE id >= ? AND id < ?
                   ORDER BY date_start, date_end, type, id LIMIT ?""",
                (ref, ref + "\U0010ffff", limit),
            ).fetchall()
            return self._with_members([event_id for event_id, _ in found])

    def _current(self) -> bool:
        """Whether the stored events cover the stored mentions: the clustering state says so at once;
        a database that has none is checked by counting, as ``events`` does. Events written by a
        patroltl that did not store their type are not (``events`` clusters afresh then)."""
        first = self.db.execute("SELECT data_json FROM events LIMIT 1").fetchone()
        if first is not None and "type" not in json.loads(first[0]):
            return False
        state = self.clustering_state()
        if state is not None and state.made_from == self.clustering_input():
            return True
        clustered = self.db.execute("SELECT COUNT(*) FROM event_mentions").fetchone()[0]
        return bool(clustered == self.db.execute("SELECT COUNT(*) FROM mentions WHERE planned = 0").fetchone()[0])

    @_guarded
    def event_ids(self) -> dict[str, str]:
        """mention key -> event id, as last clustered."""
        return dict(self.db.execute("SELECT mention_key, event_id FROM event_mentions").fetchall())

    # --- overrides ---------------------------------------------------------------------------

    @_guarded
    def add_override(self, kind: str, a: str, b: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO overrides (kind, a, b, created_at) VALUES (?, ?, ?, ?)",
                (kind, a, b, datetime.now(UTC).isoformat(timespec="seconds")),
            )

    @_guarded
    def overrides(self) -> list[tuple[str, str, str]]:
        return [(k, a, b) for k, a, b in self.db.execute("SELECT kind, a, b FROM overrides ORDER BY id")]

    @_guarded
    def override_list(self) -> list[dict[str, Any]]:
        """The analyst's merges and splits, oldest first: number, kind, the mention keys, when made."""
        return [
            {"id": i, "kind": k, "a": a, "b": b, "created_at": at}
            for i, k, a, b, at in self.db.execute("SELECT id, kind, a, b, created_at FROM overrides ORDER BY id")
        ]

    @_guarded
    def remove_override(self, number: int) -> dict[str, Any] | None:
        """Take back override ``number``: the override as it was, or None if there is none."""
        with self.transaction() as db:
            row = db.execute("SELECT id, kind, a, b, created_at FROM overrides WHERE id = ?", (number,)).fetchone()
            if row is None:
                return None
            db.execute("DELETE FROM overrides WHERE id = ?", (number,))
        return dict(zip(("id", "kind", "a", "b", "created_at"), row, strict=True))

    # --- user gazetteer ----------------------------------------------------------------------

    @_guarded
    def add_user_places(self, rows: Iterable[tuple[str, dict[str, Any]]]) -> int:
        n = 0
        with self.transaction() as db:
            for pid, data in rows:
                db.execute(
                    "INSERT OR REPLACE INTO user_places (id, data_json) VALUES (?, ?)",
                    (pid, json.dumps(data)),
                )
                n += 1
        return n

    @_guarded
    def user_places(self) -> list[dict[str, Any]]:
        return [json.loads(d) for (d,) in self.db.execute("SELECT data_json FROM user_places ORDER BY id")]


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    """A long list of SQL parameters in pieces (SQLite's limit on them is far above ``size``)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


@dataclass(frozen=True)
class ClusteringState:
    """What the stored events were clustered from: the ``clustering_input``, a signature of the
    knowledge, and whether the greedy pass was recorded (an incremental ingest can replay it)."""

    made_from: tuple[int, ...]
    knowledge: str
    replayable: bool


@dataclass(frozen=True)
class GreedyState:
    """The greedy pass of a clustering as stored: (mention key, its cluster's first member, why it
    joined) for each mention, and (first member, family, first day, last day, the first member of
    the cluster it became part of or None) of the coarse clusters."""

    members: list[tuple[str, str, str]]
    coarse: list[tuple[str, str, date, date, str | None]]


# An article as its members show it: path, content hash, outlet, side, publication (JSON, as other
# sources date it), URL, title (``Store.article_rows``).
ArticleRow = tuple[str, str, str, str, str, str | None, str | None]


@dataclass(frozen=True)
class ClusterRow:
    """A stored mention with its cluster of the last greedy pass (None: not clustered yet)."""

    sm: StoredMention
    seed: str | None
    why: str | None


def _readable(ev: Event) -> tuple[Any, ...]:
    """The event's EVENT_COLUMNS, in their order."""
    p = ev.place
    sources = ev.sources
    return (
        ev.summary,
        ev.date.precision,
        format_interval(ev.date),
        p.name if p else None,
        p.place_id if p else None,
        p.lat if p else None,
        p.lon if p else None,
        len(sources),
        "; ".join(sources),
        len(ev.members),
    )


def _event_to_json(ev: Event) -> dict[str, Any]:
    return {
        "type": ev.type,
        "date": interval_to_json(ev.date),
        "place": _place_to_json(ev.place),
        "aliases": list(ev.aliases),
        "summary": ev.summary,
        "figures": [list(f) for f in ev.figures],
        "conflicts": list(ev.conflicts),
    }


def _event_from_json(
    event_id: str, d: dict[str, Any], members: list[StoredMention], why: list[tuple[str, str]], line: str = ""
) -> Event:
    return Event(
        id=event_id,
        type=d["type"],
        date=interval_from_json(d["date"]),
        place=_place_from_json(d.get("place")),
        aliases=tuple(d.get("aliases", ())),
        summary=d.get("summary", ""),
        members=tuple(members),
        figures=tuple((str(k), float(v)) for k, v in d.get("figures", ())),
        why=tuple(why),
        conflicts=tuple(d.get("conflicts", ())),
        stored_json=line,
    )


def _stored_mention(
    row: tuple[Any, ...], published_of: dict[str, DateInterval], cross: Mapping[str, str], dated: str | None
) -> StoredMention:
    """(key, path, content hash, outlet, side, published json, mention json) -> StoredMention, decoded
    lazily; an article's publication date is decoded once per article (``published_of`` caches it),
    as other sources date it when they do (``cross``), and the mention's date as clustered
    (``dated``) when that differs from its own."""
    key, path, chash, outlet, side, published, data, url, title = row
    published = cross.get(chash, published)
    return _LazyStoredMention(key, path, chash, outlet, side, published, data, published_of, dated, url, title)


class _Mentions:
    """Where the members of a light read (``Store.events(light=True)``) fetch their mentions, when
    one is asked for: a connection of its own, so that it works after the store is closed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None

    def json(self, key: str) -> str:
        if self._db is None:
            self._db = _connect(self.path)
        try:
            return str(self._db.execute("SELECT data_json FROM mentions WHERE key = ?", (key,)).fetchone()[0])
        except sqlite3.Error as exc:
            raise _fault(self.path, exc) from None


class _LazyStoredMention(StoredMention):
    """A stored mention whose article date and extracted fields are decoded from their JSON only when
    first read: a view of thousands of events mostly needs just each mention's outlet and side, and
    decoding every sentence, date and place would cost more than the whole view."""

    def __init__(
        self,
        key: str,
        article_path: str,
        article_hash: str,
        outlet: str,
        side: str,
        published_json: str,
        mention_json: str | _Mentions,
        published_of: dict[str, DateInterval],
        date_json: str | None = None,
        url: str | None = None,
        title: str | None = None,
    ) -> None:
        init = object.__setattr__  # the dataclass is frozen: its own __init__ does the same
        init(self, "key", key)
        init(self, "article_path", article_path)
        init(self, "article_hash", article_hash)
        init(self, "outlet", outlet)
        init(self, "side", side)
        init(self, "url", url or None)
        init(self, "title", title or None)
        self.__dict__.update(
            _published_json=published_json, _mention_json=mention_json, _published_of=published_of, _date=date_json
        )

    @cached_property
    def published(self) -> DateInterval:
        cache: dict[str, DateInterval] = self.__dict__["_published_of"]
        if self.article_hash not in cache:
            cache[self.article_hash] = interval_from_json(json.loads(self.__dict__["_published_json"]))
        return cache[self.article_hash]

    @cached_property
    def mention(self) -> Mention:
        data = self.__dict__.pop("_mention_json")
        if isinstance(data, _Mentions):  # read without its mention (``events(light=True)``): fetched now
            data = data.json(self.key)
        m = mention_from_json(json.loads(data))
        dated = self.__dict__.pop("_date", None)
        return replace(m, date=interval_from_json(json.loads(dated))) if dated else m


def mention_key(content_hash: str, index: int) -> str:
    return f"{content_hash[:16]}:{index}"


# --- JSON codecs (storage format, not the public export) -----------------------------------------


def interval_to_json(d: DateInterval) -> dict[str, Any]:
    return {
        "start": d.start.isoformat(),
        "end": d.end.isoformat(),
        "precision": d.precision,
        "text": d.text,
        "evidence": list(d.evidence),
        "month": d.month,
        "day": d.day,
    }


def interval_from_json(d: dict[str, Any], shared: dict[Any, Any] | None = None) -> DateInterval:
    start, end = date.fromisoformat(d["start"]), date.fromisoformat(d["end"])
    if shared is not None:
        start, end = shared.setdefault(start, start), shared.setdefault(end, end)
    iv = DateInterval(
        start=start,
        end=end,
        precision=d["precision"] if shared is None else cast(Precision, sys.intern(d["precision"])),
        text=d.get("text", "") if shared is None else sys.intern(d.get("text", "")),
        evidence=tuple(d.get("evidence", ()))
        if shared is None
        else tuple(sys.intern(e) for e in d.get("evidence", ())),
        month=d.get("month"),
        day=d.get("day"),
    )
    return iv if shared is None else shared.setdefault(iv, iv)


_PLACE_FIELDS = tuple(f.name for f in fields(PlaceRef))


def _place_to_json(p: PlaceRef | None) -> dict[str, Any] | None:
    # asdict's recursive copy, for a record of plain values: a third of writing a mention (issue 17)
    return None if p is None else {name: getattr(p, name) for name in _PLACE_FIELDS}


def _place_from_json(d: dict[str, Any] | None) -> PlaceRef | None:
    return None if d is None else PlaceRef(**d)


def mention_to_json(m: Mention) -> dict[str, Any]:
    return {
        "type": m.type,
        "sentence": m.sentence,
        "start": m.start,
        "end": m.end,
        "date": interval_to_json(m.date),
        "place": _place_to_json(m.place),
        "places": [_place_to_json(p) for p in m.places],
        "figures": [list(f) for f in m.figures],
        "ordinal": m.ordinal,
        "actors": list(m.actors),
        "claimant": m.claimant,
        "planned": m.planned,
        "summary": m.summary,
        "keys": list(m.keys),
        "date_from": m.date_from,
        "date_text": m.date_text,
        "place_text": m.place_text,
        "timex": m.timex,
        "words": list(m.words),
        "sketch": list(m.sketch),
    }


def mention_from_json(d: dict[str, Any], shared: dict[Any, Any] | None = None) -> Mention:
    """The mention stored as ``d``; with ``shared``, equal parts of the mentions decoded with the same
    table are one object (a table of values: a place, a date, a tuple of words)."""

    def one(value: Any) -> Any:
        return value if shared is None else shared.setdefault(value, value)

    place = d.get("place")
    return Mention(
        type=one(d["type"]),
        sentence=d["sentence"],
        start=d["start"],
        end=d["end"],
        date=interval_from_json(d["date"], shared),
        place=None if place is None else one(PlaceRef(**place)),
        places=one(tuple(one(PlaceRef(**p)) for p in d.get("places", ()))),
        figures=one(tuple((str(k), float(v)) for k, v in d.get("figures", ()))),
        ordinal=d.get("ordinal"),
        actors=one(tuple(d.get("actors", ()))),
        claimant=one(d.get("claimant")),
        planned=bool(d.get("planned")),
        summary=one(d.get("summary", "")),
        keys=one(tuple(d.get("keys", ()))),
        date_from=one(d.get("date_from", "text")),
        date_text=one(d.get("date_text", "")),
        place_text=one(d.get("place_text", "")),
        timex=d.get("timex", -1),
        words=one(tuple(sys.intern(w) for w in d.get("words", ()))),
        sketch=one(tuple(d.get("sketch", ()))),
    )


_TAG_FIELDS = {f.name: f.default for f in fields(Tag)}


def tag_to_json(t: Tag) -> dict[str, Any]:
    """A tag as stored: its fields that differ from their defaults (notes as a list)."""
    out: dict[str, Any] = {}
    for name, default in _TAG_FIELDS.items():
        value = getattr(t, name)
        if value != default or name in ("start", "end", "text", "kind"):
            out[name] = list(value) if isinstance(value, tuple) else value
    return out


def tag_from_json(d: dict[str, Any]) -> Tag:
    values = {k: v for k, v in d.items() if k in _TAG_FIELDS}
    if "notes" in values:
        values["notes"] = tuple(values["notes"])
    return Tag(**values)


def outlet_of(row: dict[str, Any]) -> Outlet:
    return Outlet(row["outlet"], row["side"], row["outlet_how"])
