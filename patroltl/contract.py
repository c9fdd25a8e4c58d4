"""The public JSON contract of ``timeline --format json`` (and jsonl): other tools and the scorer read
it, so it is only ever extended, never broken. The write path uses it too: each event's JSON line is
written when the event is clustered and stored, so an export needs no decoding.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from .intervals import is_dated
from .knowledge import Knowledge
from .models import DateInterval, Event, StoredMention, format_interval, split_item


def number(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v


def candidate_years(ev: Event) -> tuple[int, ...]:
    """For a month/day whose year is unknown: the years it may fall in, from the reporting articles'
    publication (the latest such day on or before publication, and the year before)."""
    d = ev.date
    if is_dated(d) or d.month is None:
        return ()
    years: set[int] = set()
    for sm in ev.members:
        pub = sm.published
        if not is_dated(pub):
            continue
        for y in range(pub.start.year - 1, pub.end.year + 1):
            try:
                day = date(y, d.month, d.day or 1)
            except ValueError:
                continue
            if pub.start - timedelta(days=366) <= day <= pub.end:
                years.add(y)
    return tuple(sorted(years))


def date_json(d: DateInterval) -> dict[str, Any]:
    return {
        "start": d.start.isoformat(),
        "end": d.end.isoformat(),
        "precision": d.precision,
        "text": d.text,
        "display": format_interval(d),
        "evidence": list(d.evidence),
    }


def _mention_json(sm: StoredMention) -> dict[str, Any]:
    article, item = split_item(sm.article_path)
    return {
        "key": sm.key,
        # the file as ingested, and the article's number in it (an export's row, a feed's item;
        # null for a file of one article)
        "article": article,
        "item": item,
        "url": sm.url,
        "title": sm.title,
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


def event_json(ev: Event, kn: Knowledge | None = None) -> dict[str, Any]:
    kn = kn or Knowledge.bundled()
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
        "type_label": kn.vocabulary.label(ev.type),
        "summary": ev.summary,
        "date": date_json(ev.date),
        "candidate_years": list(candidate_years(ev)),
        "place": place,
        "sources": list(ev.sources),
        "figures": {k: number(v) for k, v in ev.figures},
        "mentions": [_mention_json(sm) for sm in ev.members],
    }


def to_contract(events: Sequence[Event], kn: Knowledge | None = None) -> dict[str, Any]:
    kn = kn or Knowledge.bundled()
    return {"events": [event_json(e, kn) for e in events]}


INVISIBLE = re.compile("[\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def json_text(value: object, **kwargs: Any) -> str:
    """JSON as UTF-8, except the invisible and direction-changing characters, which are written as
    \\u escapes: the data is kept, and a terminal showing the file is not turned around."""
    text = json.dumps(value, ensure_ascii=False, **kwargs)
    return INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def event_line(ev: Event, kn: Knowledge | None = None) -> str:
    """The event as one line of the contract's JSON: as written when it was clustered and stored
    (decoding every member of a long chronology again would cost seconds), or encoded now."""
    kn = kn or Knowledge.bundled()
    return ev.stored_json or json_text(event_json(ev, kn))


def dumps(events: Sequence[Event], kn: Knowledge | None = None) -> str:
    """The contract, one event per line: readable, diffable, and encoded by json's C encoder
    (an indented dump goes through the pure-Python one, several times slower on large chronologies)."""
    kn = kn or Knowledge.bundled()
    if not events:
        return '{"events": []}\n'
    return '{"events": [\n' + ",\n".join(event_line(e, kn) for e in events) + "\n]}\n"


def to_jsonl(events: Sequence[Event], kn: Knowledge | None = None) -> str:
    """One event per line, the lines of ``dumps`` (U+2028/U+2029, which some line readers split on,
    are escaped like every invisible character)."""
    kn = kn or Knowledge.bundled()
    return "".join(event_line(e, kn) + "\n" for e in events)
