"""The outlets patroltl recognises (``data/outlets.toml``): names, aliases, domains, side. A user's
``outlets.toml`` adds outlets (one with the name of a bundled outlet replaces it) and sides."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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
        low = name.strip().lower()
        for o in self.outlets:
            if low == o.name.lower() or low in (a.lower() for a in o.aliases):
                return o
        return None

    def by_domain(self, host: str) -> OutletInfo | None:
        host = host.lower().removeprefix("www.")
        for o in self.outlets:
            if any(host == d or host.endswith("." + d) for d in o.domains):
                return o
        return None


def load_outlets(paths: Sequence[Path]) -> OutletTable:
    """The outlets of the files; a later file's outlets come first (its aliases and domains win)
    and replace those of the same name in earlier files."""
    outlets: dict[str, OutletInfo] = {}
    sides: dict[str, str] = {}
    for path in paths:
        sides.update({str(k): str(v) for k, v in read_toml(path).get("sides", {}).items()})
    for path in reversed(paths):
        for o in read_toml(path).get("outlet", ()):
            info = OutletInfo(
                name=o["name"],
                aliases=tuple(o.get("aliases", ())),
                domains=tuple(o.get("domains", ())),
                country=o.get("country", ""),
                side=o.get("side", "unknown"),
            )
            outlets.setdefault(info.name, info)
    return OutletTable(tuple(outlets.values()), tuple(sides.items()))
