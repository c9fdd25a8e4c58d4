"""The shell's world in one small object, in httpie's manner: the streams, today's date, where the
database and the user's data folder are, and whether to use colour. ``main`` builds it once from
the process's own; tests build their own. Nothing below the CLI reads the clock, the environment
variables or the standard streams."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:  # the gazetteer and the store cost ~40 ms to import: `--help` and `--version` need neither
    from .knowledge import Knowledge
    from .store import Store

ENV_DATA = "PATROLTL_DATA"
ENV_CACHE = "PATROLTL_CACHE_DIR"
ENV_NO_CACHE = "PATROLTL_NO_CACHE"


@dataclass
class Environment:
    stdin: IO[bytes]
    stdout: IO[str]
    stderr: IO[str]
    today: date
    variables: Mapping[str, str] = field(default_factory=dict)
    data_dir: Path | None = None  # --data-dir: the user's knowledge files (else beside the database)
    clock: datetime | None = None  # the time an export is made at (a test fixes it); else the process's

    def now(self) -> datetime:
        """The time now, in UTC (an export's DTSTAMP)."""
        return self.clock or datetime.now(UTC)

    @classmethod
    def from_process(cls) -> Environment:
        return cls(sys.stdin.buffer, sys.stdout, sys.stderr, date.today(), dict(os.environ))

    @property
    def no_color(self) -> bool:
        return bool(self.variables.get("NO_COLOR"))

    @property
    def cache_dir(self) -> Path | None:
        """Where the parsed knowledge files are kept (``parsecache.py``): $PATROLTL_CACHE_DIR,
        else the user's cache folder ($XDG_CACHE_HOME/patroltl, ~/.cache/patroltl; on Windows
        %LOCALAPPDATA%\\patroltl\\Cache); none when $PATROLTL_NO_CACHE is set or no home is known."""
        v = self.variables
        if v.get(ENV_NO_CACHE):
            return None
        if given := v.get(ENV_CACHE):
            return Path(given)
        if os.name == "nt" and (local := v.get("LOCALAPPDATA")):
            return Path(local) / "patroltl" / "Cache"
        xdg = v.get("XDG_CACHE_HOME", "")
        if xdg and Path(xdg).is_absolute():  # the XDG spec: a relative value is to be ignored
            return Path(xdg) / "patroltl"
        home = v.get("HOME") or v.get("USERPROFILE")
        return Path(home) / ".cache" / "patroltl" if home else None

    def db_path(self, db: Path | None) -> Path:
        """--db, else $PATROLTL_DB, else patroltl.db in the current folder."""
        from .store import DEFAULT_DB, ENV_DB

        return db or Path(self.variables.get(ENV_DB) or DEFAULT_DB)

    def user_data(self, db: Path | None) -> Path:
        """The folder whose knowledge files overlay the bundled ones: --data-dir, $PATROLTL_DATA, or
        the database's own folder."""
        given = self.data_dir or (Path(v) if (v := self.variables.get(ENV_DATA)) else None)
        return given or self.db_path(db).resolve().parent

    def knowledge(self, db: Path | None) -> Knowledge:
        """The bundled knowledge overlaid by the user's folder (each part read on first use)."""
        from .knowledge import Knowledge

        return Knowledge.for_folder(self.user_data(db))

    @contextmanager
    def store(self, db: Path | None, *, create: bool = False) -> Iterator[Store]:
        from .store import Store

        store = Store.open(self.db_path(db), create=create)
        try:
            yield store
        finally:
            store.close()
