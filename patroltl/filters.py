"""Which events a view shows: the filters shared by the timeline, its exports and diff-sources.

Dates overlap: an event is kept when its interval of candidate days reaches into [since, until]
(a month-dated event is in a filter on one of its days; a range of days "12 March to 2 April" is in
a filter on March and in one on April). An event whose date is unknown is in no dated period.

Outlets and places are matched as people write them: a name, an alias or a domain from
``outlets.toml`` ("AA", "aa.com.tr", "Anadolu Ajansı"), a place's spelling or alias, or close enough
(fuzzy). ``unmatched`` says which of the asked-for names matched nothing, for a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .intervals import is_dated
from .models import Event, PlaceRef

if TYPE_CHECKING:
    from .knowledge import Gazetteer, OutletTable

FUZZY_MIN = 85  # rapidfuzz ratio (0-100) from which a name is taken for another's spelling


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


def _norm(text: str) -> str:
    from .knowledge.gazetteer import normalise

    return normalise(text)


def outlet_matches(wanted: str, outlets: Iterable[str], table: OutletTable | None = None) -> set[str]:
    """The outlets (names as stored) that ``wanted`` names: the same name in any case, the outlet an
    alias or domain of ``outlets.toml`` resolves to, a name that holds it as whole words ("Hawar" for
    "Hawar News Agency (ANHA)"), or a close spelling."""
    from rapidfuzz import fuzz

    names = set(outlets)
    low = wanted.strip().casefold()
    if not low:
        return set()
    found = {n for n in names if n.casefold() == low}
    if table is not None:
        from .outlets import DOMAIN, host_of

        known = table.by_name(wanted)
        if known is None and DOMAIN.match(wanted.strip()):
            known = table.by_domain(host_of(wanted))
        if known is not None:
            found |= {n for n in names if n == known.name}
        host = host_of(wanted) if DOMAIN.match(wanted.strip()) else ""
        if host:  # an outlet patroltl does not know is named by its domain
            found |= {n for n in names if n.casefold().split(" ", 1)[0] == host}
    if found:
        return found
    key = _norm(wanted)
    for n in names:
        other = _norm(n)
        if (len(key) >= 3 and f" {key} " in f" {other} ") or fuzz.ratio(key, other) >= FUZZY_MIN:
            found.add(n)
    return found


@dataclass(frozen=True)
class _PlaceTarget:
    name: str
    ref: PlaceRef | None  # the gazetteer's best match, when there is one


def _place_target(name: str, gazetteer: Gazetteer | None) -> _PlaceTarget:
    return _PlaceTarget(name, gazetteer.best(name) if gazetteer else None)


def _place_matches(ev: Event, target: _PlaceTarget, radius_km: float) -> bool:
    from rapidfuzz import fuzz  # here: the place machinery loads only when --place asks for it

    from .knowledge.gazetteer import distance_km

    if ev.place is None:
        return False
    found = target.ref
    if found is not None:
        if found.place_id and found.place_id == ev.place.place_id:
            return True
        if None not in (found.lat, found.lon, ev.place.lat, ev.place.lon):
            return distance_km((found.lat, found.lon), (ev.place.lat, ev.place.lon)) <= radius_km  # type: ignore[arg-type]
    wanted = _norm(target.name)
    return any(fuzz.ratio(wanted, _norm(a)) >= FUZZY_MIN for a in (ev.place.name, *ev.aliases))


def _in_period(ev: Event, f: Filters) -> bool:
    if not is_dated(ev.date):
        return f.undated and not (f.since or f.until)
    if f.since and ev.date.end < f.since:
        return False
    return not (f.until and ev.date.start > f.until)


def select(
    events: Sequence[Event],
    f: Filters,
    gazetteer: Gazetteer | None = None,
    outlets: OutletTable | None = None,
) -> list[Event]:
    """The events the filters keep, in their order."""
    keep = keeper(f, {o for ev in events for o in ev.sources}, gazetteer, outlets)
    return [ev for ev in events if keep(ev, ev.sources)]


def keeper(
    f: Filters,
    present: Iterable[str],
    gazetteer: Gazetteer | None = None,
    outlets: OutletTable | None = None,
) -> Callable[[Event, Sequence[str]], bool]:
    """Whether the filters keep an event with these outlets, for the events whose outlets are
    ``present``: what ``select`` asks of each event, for a view that streams them."""
    wanted = None
    if f.sources:
        names = set(present)
        wanted = set().union(*(outlet_matches(name, names, outlets) for name in f.sources))
    target = _place_target(f.place, gazetteer) if f.place else None

    def keep(ev: Event, sources: Sequence[str]) -> bool:
        if not _in_period(ev, f) or (f.types and ev.type not in f.types):
            return False
        if (wanted is not None and not wanted.intersection(sources)) or len(sources) < f.min_sources:
            return False
        return target is None or _place_matches(ev, target, f.radius_km)

    return keep


def unmatched(
    events: Sequence[Event],
    f: Filters,
    gazetteer: Gazetteer | None = None,
    outlets: OutletTable | None = None,
) -> list[str]:
    """What to warn about: each --source that names no outlet of these events, a --place no event is
    at (or near)."""
    present = {o for ev in events for o in ev.sources}
    return unmatched_of(present, events, f, gazetteer, outlets)


def unmatched_of(
    present: Iterable[str],
    events: Iterable[Event],
    f: Filters,
    gazetteer: Gazetteer | None = None,
    outlets: OutletTable | None = None,
) -> list[str]:
    """``unmatched`` for events whose outlets are ``present`` (``events`` is read only for --place)."""
    warnings = []
    names = sorted(set(present))
    for name in f.sources:
        if not outlet_matches(name, names, outlets):
            shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
            warnings.append(f"--source {name!r} matches no outlet of these events (they are: {shown or 'none'})")
    if f.place:
        target = _place_target(f.place, gazetteer)
        if not any(_place_matches(ev, target, f.radius_km) for ev in events):
            where = f" (read as {target.ref.name})" if target.ref is not None else " (not in the gazetteer)"
            warnings.append(f"--place {f.place!r}{where}: no event is there or within {f.radius_km:g} km")
    return warnings
