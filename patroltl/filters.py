"""Which events a view shows: the filters shared by the timeline, its exports and diff-sources."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .intervals import is_dated
from .models import Event

if TYPE_CHECKING:
    from .knowledge import Gazetteer


@dataclass(frozen=True)
class Filters:
    since: date | None = None
    until: date | None = None
    types: tuple[str, ...] = ()
    place: str | None = None
    radius_km: float = 25.0
    sources: tuple[str, ...] = ()
    min_sources: int = 1
    undated: bool = True


def _place_matches(ev: Event, name: str, gazetteer: Gazetteer | None, radius_km: float) -> bool:
    from rapidfuzz import fuzz  # here: the place machinery loads only when --place asks for it

    from .knowledge.gazetteer import distance_km, normalise

    if ev.place is None:
        return False
    target = gazetteer.best(name) if gazetteer else None
    if target is not None:
        if target.place_id and target.place_id == ev.place.place_id:
            return True
        if None not in (target.lat, target.lon, ev.place.lat, ev.place.lon):
            return distance_km((target.lat, target.lon), (ev.place.lat, ev.place.lon)) <= radius_km  # type: ignore[arg-type]
    wanted = normalise(name)
    return any(fuzz.ratio(wanted, normalise(a)) >= 85 for a in (ev.place.name, *ev.aliases))


def select(events: Sequence[Event], f: Filters, gazetteer: Gazetteer | None = None) -> list[Event]:
    out = []
    wanted_sources = {s.lower() for s in f.sources}
    for ev in events:
        if not is_dated(ev.date):
            if not f.undated:
                continue
            if f.since or f.until:
                continue
        else:
            if f.since and ev.date.end < f.since:
                continue
            if f.until and ev.date.start > f.until:
                continue
        if f.types and ev.type not in f.types:
            continue
        if wanted_sources and not any(s.lower() in wanted_sources for s in ev.sources):
            continue
        if len(ev.sources) < f.min_sources:
            continue
        if f.place and not _place_matches(ev, f.place, gazetteer, f.radius_km):
            continue
        out.append(ev)
    return out
