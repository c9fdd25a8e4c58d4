"""A cache of the parsed knowledge files: a command does not parse the same TOML files again each
time it starts (``tomllib`` is pure Python: ``lang/en.toml``, ``event_types.toml`` and
``outlets.toml`` cost ``patroltl timeline`` ~30 ms to parse; read from the cache, under 2 ms).

Only a speed-up: the files of ``data/`` (and of a user's folder) stay the source of truth, and
are read each time (~0.1 ms); only their parsing is saved. Each file's parsed table is one entry
(``marshal``: plain data, no code run on loading), keyed by the file's resolved path, its size
and a CRC-32 of its bytes (not its modification time: two edits within a clock tick of the file
system leave the same time), the patroltl version and the Python version. An entry that is
missing, unreadable, damaged or for other bytes is ignored and written again; entries are
written whole to a temporary file and renamed (a reader never sees half of one); a cache that
cannot be written is no error.

Nothing is cached until the shell names a folder (``use``): ``main`` does, from the
environment (``Environment.cache_dir``); tests and library callers parse the files. Small and
outside the knowledge package: ``main`` imports it before every command, ``--version`` too.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib  # its crc32 checks that an entry is for the file's bytes (C: ~20 us for lang/en.toml)
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from . import __version__

FORMAT = 1  # bump when an entry's layout changes
# marshal's format and tomllib's tables can change with the Python release: its exact version is in the key
MAGIC = f"patroltl-knowledge-cache {FORMAT} {__version__} {sys.implementation.name} {sys.hexversion:x}"
SUBDIR = "knowledge"

_folder: list[Path | None] = [None]  # the shell's choice (a list: set without a `global` statement)


def use(folder: Path | None) -> None:
    """Keep parsed files in ``folder`` (created when first written); ``None``: no cache."""
    _folder[0] = folder


def folder() -> Path | None:
    return _folder[0]


def _entry(base: Path, path: Path) -> Path:
    # The file's name and a checksum of its path: readable, and two folders' en.toml kept apart (a
    # clash of checksums only costs a parse: the entry's key holds the whole path).
    return base / SUBDIR / f"{path.name}-{zlib.crc32(os.fsencode(path)):08x}.marshal"


def load(path: Path, raw: bytes, parse: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The table of the file ``path`` whose bytes are ``raw``: from the cache when its entry is for
    these very bytes, else ``parse()`` (whose errors pass through: a file that fails to parse is
    never cached), then kept."""
    base = _folder[0]
    if base is None:
        return parse()
    try:
        where = path.resolve()
    except (OSError, RuntimeError):  # a loop of links: no entry
        return parse()
    key = (MAGIC, str(where), len(raw), zlib.crc32(raw))
    entry = _entry(base, where)
    found = _read(entry, key)
    if found is not None:
        return found
    data = parse()
    _write(entry, key, data)
    return data


def _read(entry: Path, key: tuple[Any, ...]) -> dict[str, Any] | None:
    try:
        stored = marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key and isinstance(stored[1], dict):
        data: dict[str, Any] = stored[1]
        return data
    return None


def _write(entry: Path, key: tuple[Any, ...], data: dict[str, Any]) -> None:
    try:
        blob = marshal.dumps((key, data))
    except ValueError:  # a value marshal cannot keep (a TOML date): this file is parsed each time
        return
    tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp.write_bytes(blob)
        os.replace(tmp, entry)  # atomic: a reader sees the old entry or the new one, whole
    except OSError:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
