"""Exports of the chronology. ``to_contract`` is the public JSON contract of `timeline --format json`:
extend it freely, never break it."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from .dates import format_interval
from .models import DateInterval, Event


def date_json(d: DateInterval) -> dict[str, Any]:
    return {
        "start": d.start.isoformat(),
        "end": d.end.isoformat(),
        "precision": d.precision,
        "text": d.text,
        "display": format_interval(d),
        "evidence": list(d.evidence),
    }


def event_json(ev: Event) -> dict[str, Any]:
    place = None
    if ev.place is not None:
        place = {
            "name": ev.place.name,
            "lat": ev.place.lat,
            "lon": ev.place.lon,
            "aliases": list(ev.aliases),
            "id": ev.place.place_id,
            "kind": ev.place.kind,
        }
    return {
        "id": ev.id,
        "type": ev.type,
        "summary": ev.summary,
        "date": date_json(ev.date),
        "place": place,
        "sources": list(ev.sources),
        "figures": {k: (int(v) if float(v).is_integer() else v) for k, v in ev.figures},
        "mentions": [
            {
                "key": sm.key,
                "article": sm.article_path,
                "source": sm.outlet,
                "side": sm.side,
                "sentence": sm.mention.sentence,
                "type": sm.mention.type,
                "date_text": sm.mention.date_text,
                "date": date_json(sm.mention.date),
                "date_from": sm.mention.date_from,
                "place_text": sm.mention.place_text,
                "claimant": sm.mention.claimant,
                "ordinal": sm.mention.ordinal,
            }
            for sm in ev.members
        ],
    }


def to_contract(events: Sequence[Event]) -> dict[str, Any]:
    return {"events": [event_json(e) for e in events]}


def dumps(events: Sequence[Event]) -> str:
    return json.dumps(to_contract(events), ensure_ascii=False, indent=2) + "\n"


# Every export format: name -> a function of the (already filtered, ordered) events to text.
# The CLI offers exactly these names for `timeline --format`.
Exporter = Callable[[Sequence[Event]], str]
EXPORTERS: dict[str, Exporter] = {
    "json": dumps,
}
