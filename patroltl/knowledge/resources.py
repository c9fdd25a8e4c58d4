"""Where patroltl's knowledge files are: the bundled ``data/`` folder (``patroltl/_data`` in an
installed wheel), overlaid by the user's own folder, as trafilatura's ``settings.cfg`` is overlaid
by a user's file.

A user folder holds files with the bundled names (``outlets.toml``, ``chronology.tsv``,
``places.tsv``, ``event_types.toml``, ``lang/en.toml``, ``tuning.toml``, ``not_places.tsv``); each
one it has extends or corrects the bundled one, as the loader of that part says.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .. import parsecache


@cache
def bundled_dir() -> Path:
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_data", here.parent / "data"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("patroltl's data folder is missing from this installation")


def data_path(name: str) -> Path:
    """A bundled data file."""
    return bundled_dir() / name


@dataclass(frozen=True)
class DataFiles:
    """The bundled data folder and the user folders that overlay it, in order."""

    overlays: tuple[Path, ...] = ()

    def bundled(self, name: str) -> Path:
        return data_path(name)

    def user(self, name: str) -> list[Path]:
        """The user's files of this name, in overlay order (only those that exist)."""
        return [d / name for d in self.overlays if (d / name).is_file()]

    def all(self, name: str) -> list[Path]:
        """The bundled file (when the installation has it) and then the user's."""
        bundled = self.bundled(name)
        return [*([bundled] if bundled.is_file() else []), *self.user(name)]


class DataError(ValueError):
    """A knowledge file that cannot be read: its path and what is wrong."""


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's table (parsed once and kept, when the shell turned the cache on)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: {exc}") from None
    return parsecache.load(path, raw, lambda: _parse_toml(path, raw))


def _parse_toml(path: Path, raw: bytes) -> dict[str, Any]:
    import tomllib  # here: a command whose files are all in the cache never loads the parser

    try:
        # decoded as Path.read_text decodes (universal newlines): the same table as before the cache
        text = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8").read()
        return tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: {exc}") from None


def merge(base: Mapping[str, Any], over: Mapping[str, Any], *, extend: bool = True) -> dict[str, Any]:
    """A user's table laid over a bundled one: tables merge key by key, a list of words gains the
    user's words (a word list is extended, not replaced; with ``extend=False`` it is replaced),
    and any other value is replaced."""
    out = dict(base)
    for key, value in over.items():
        old = out.get(key)
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            out[key] = merge(old, value, extend=extend)
        elif (
            extend
            and isinstance(old, list)
            and isinstance(value, list)
            and all(isinstance(v, str) for v in old + value)
        ):
            out[key] = list(dict.fromkeys([*old, *value]))
        else:
            out[key] = value
    return out


def read_layered_toml(paths: Iterable[Path], *, extend: bool = True) -> dict[str, Any]:
    """The files' tables merged in order (see ``merge``)."""
    data: dict[str, Any] = {}
    for path in paths:
        data = merge(data, read_toml(path), extend=extend)
    return data
