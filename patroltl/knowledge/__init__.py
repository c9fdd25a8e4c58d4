"""What patroltl knows, in one object passed to the pure stages.

A :class:`Knowledge` holds the words of the language (``data/lang/en.toml``), the event types
(``event_types.toml``), the outlets (``outlets.toml``), the reference chronology
(``chronology.tsv``), the gazetteer (``gazetteer.tsv``, ``places_curated.tsv``, the kinds of place
and the rules of names), the capitalised phrases that are not places (``not_places.tsv``) and the
tuning weights (``tuning.toml``). Each part is read on first use, so a view that never resolves a
place never builds the gazetteer. User folders (beside the database, or ``--data-dir``) overlay the
bundled files, as trafilatura's settings file does; each loader says how its file is laid over.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .resources import DataError, DataFiles, bundled_dir, data_path

if TYPE_CHECKING:
    from .chronology import Chronology, ChronologyEntry
    from .gazetteer import Gazetteer, NameRules, Place, PlaceKinds
    from .lexicon import Lexicon
    from .outlets import OutletInfo, OutletTable
    from .tuning import Tuning
    from .vocabulary import EventType, Vocabulary

__all__ = [
    "Chronology",
    "ChronologyEntry",
    "DataError",
    "DataFiles",
    "EventType",
    "Gazetteer",
    "Knowledge",
    "Lexicon",
    "OutletInfo",
    "OutletTable",
    "Place",
    "PlaceKinds",
    "Tuning",
    "Vocabulary",
    "bundled_dir",
    "data_path",
]


# Each part's module is imported when the part is first asked for (start-up: `patroltl timeline`
# never loads the gazetteer's module, rapidfuzz or the tuning's records).
_LAZY = {
    "Chronology": "chronology",
    "ChronologyEntry": "chronology",
    "EventType": "vocabulary",
    "Gazetteer": "gazetteer",
    "Lexicon": "lexicon",
    "NameRules": "gazetteer",
    "OutletInfo": "outlets",
    "OutletTable": "outlets",
    "Place": "gazetteer",
    "PlaceKinds": "gazetteer",
    "Tuning": "tuning",
    "Vocabulary": "vocabulary",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


# The files a user folder may hold to overlay the bundled ones.
FILES = (
    "lang/en.toml",
    "event_types.toml",
    "outlets.toml",
    "chronology.tsv",
    "tuning.toml",
    "place_kinds.toml",
    "names.toml",
    "places.tsv",
    "not_places.tsv",
)


class Knowledge:
    """The bundled knowledge, overlaid by the files of ``overlays`` (in order), plus places a user
    imported into the database (``extra_places``)."""

    @classmethod
    def for_folder(cls, folder: Path) -> Knowledge:
        """The knowledge a user folder overlays: the shared bundled instance when it has none of
        the knowledge files."""
        files = DataFiles((folder,))
        if any(files.user(name) for name in FILES):
            return cls([folder])
        return cls.bundled()

    def __init__(self, overlays: Sequence[Path] = (), extra_places: Iterable[Place] = (), language: str = "en"):
        self.files = DataFiles(tuple(Path(p) for p in overlays))
        self.extra_places = tuple(extra_places)
        self.language = language

    @classmethod
    def bundled(cls) -> Knowledge:
        """The bundled knowledge alone, one shared instance."""
        return _bundled()

    def __reduce__(self) -> tuple[Any, ...]:
        # A worker process rebuilds its own parts from the same files: the built parts (compiled
        # patterns, the gazetteer's index) are not worth sending.
        return (Knowledge, (self.files.overlays, self.extra_places, self.language))

    def __repr__(self) -> str:
        return f"Knowledge(overlays={list(map(str, self.files.overlays))}, extra_places={len(self.extra_places)})"

    @cached_property
    def lexicon(self) -> Lexicon:
        from .lexicon import Lexicon

        return Lexicon.load(self.files.all(f"lang/{self.language}.toml"), self.language)

    @cached_property
    def vocabulary(self) -> Vocabulary:
        from .vocabulary import load_vocabulary

        return load_vocabulary(self.files.all("event_types.toml"))

    @cached_property
    def outlets(self) -> OutletTable:
        from .outlets import load_outlets

        return load_outlets(self.files.all("outlets.toml"))

    @cached_property
    def chronology(self) -> Chronology:
        from .chronology import load_chronology

        return load_chronology(self.files.all("chronology.tsv"))

    @cached_property
    def tuning(self) -> Tuning:
        from .tuning import Tuning

        return Tuning.load(self.files.all("tuning.toml"))

    @cached_property
    def kinds(self) -> PlaceKinds:
        from .gazetteer import PlaceKinds

        return PlaceKinds.load(self.files.all("place_kinds.toml"))

    @cached_property
    def names(self) -> NameRules:
        from .gazetteer import NameRules

        return NameRules.load(self.files.all("names.toml"))

    @cached_property
    def gazetteer(self) -> Gazetteer:
        from .gazetteer import Gazetteer, load_places, place_files

        places = load_places(*place_files(self.files))
        return Gazetteer([*places, *self.extra_places], names=self.names, kinds=self.kinds, matching=self.tuning.places)

    @cached_property
    def not_places(self) -> frozenset[str]:
        """Compact forms of the phrases of ``not_places.tsv``: capitalised words that are not places."""
        keys: set[str] = set()
        for path in self.files.all("not_places.tsv"):
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    key = self.names.compact(line)
                    if key:
                        keys.add(key)
                    keys.add(self.names.fold_text(line).replace(" ", ""))
        return frozenset(keys)


@cache
def _bundled() -> Knowledge:
    return Knowledge()
