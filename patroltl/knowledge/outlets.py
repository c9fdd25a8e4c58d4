"""The outlets patroltl recognises (``data/outlets.toml``): names, aliases, domains, side. A user's
``outlets.toml`` adds outlets (one with the name of a bundled outlet replaces it) and sides."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .resources import read_toml


@dataclass(frozen=True)
class OutletInfo:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    country: str
    side: str


@dataclass(frozen=True, eq=False)
class OutletTable:
    outlets: tuple[OutletInfo, ...]
    sides: tuple[tuple[str, str], ...]

    def side_label(self, side: str) -> str:
        return dict(self.sides).get(side, side)

    def by_name(self, name: str) -> OutletInfo | None:
        """The outlet of this name or alias, in any case, with or without diacritics ("Anadolu
        Ajansı", "Anadolu Ajansi", "HURRIYET")."""
        return self._names.get(fold(name))

    def by_domain(self, host: str) -> OutletInfo | None:
        """The outlet of a host: its domain or a subdomain of it ("edition.cnn.com")."""
        host = host.lower().strip(".").removeprefix("www.")
        parts = host.split(".")
        for i in range(len(parts) - 1):
            found = self._domains.get(".".join(parts[i:]))
            if found is not None:
                return found
        return None

    @cached_property
    def _names(self) -> dict[str, OutletInfo]:
        found: dict[str, OutletInfo] = {}
        for o in self.outlets:  # in order: the first outlet with a name or alias keeps it
            for n in (o.name, *o.aliases):
                found.setdefault(fold(n), o)
        return found

    @cached_property
    def _domains(self) -> dict[str, OutletInfo]:
        found: dict[str, OutletInfo] = {}
        for o in self.outlets:
            for d in o.domains:
                found.setdefault(d.lower().removeprefix("www."), o)
        return found


def fold(name: str) -> str:
    """A name as outlets are looked up: case, diacritics and runs of spaces folded ("Ajansı" and
    "AJANSI" alike: the dotless i folds to i)."""
    text = unicodedata.normalize("NFKD", name.strip().replace("ı", "i").replace("İ", "I"))
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).casefold().split())


def load_outlets(paths: Sequence[Path]) -> OutletTable:
    """The outlets of the files; a later file's outlets come first (its aliases and domains win)
    and replace those of the same name in earlier files."""
    outlets: dict[str, OutletInfo] = {}
    sides: dict[str, str] = {}
    tables = [read_toml(path) for path in paths]  # each file read once
    for table in tables:
        sides.update({str(k): str(v) for k, v in table.get("sides", {}).items()})
    for table in reversed(tables):
        for o in table.get("outlet", ()):
            info = OutletInfo(
                name=o["name"],
                aliases=tuple(o.get("aliases", ())),
                domains=tuple(o.get("domains", ())),
                country=o.get("country", ""),
                side=o.get("side", "unknown"),
            )
            outlets.setdefault(info.name, info)
    return OutletTable(tuple(outlets.values()), tuple(sides.items()))
