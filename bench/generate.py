"""Synthetic, reproducible corpora for the benchmark.

    python bench/generate.py OUT_DIR --articles 10000 --seed 1

A pool of underlying events (patrols with rising ordinals, attacks, suspensions, resumptions,
agreements, operations, withdrawals; 2019-2024, places from the bundled gazetteer) is reported
by several outlets each: every article reports 1-3 events with its own wording, place spelling
and date style, after a " date YYYY-MM-DD " header or a dateline, with a headline, background
sentences and page noise (comment widgets, "Other news"). About 2% of the files repeat another
one with different whitespace, so the ingest's deduplication has work too.

``generate_mentions(n)`` builds ``StoredMention`` objects directly for a clustering-only benchmark.
The sentences come from bench/templates.py; no real article text is used.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from patroltl.knowledge import Gazetteer, Knowledge, OutletInfo, Place
from patroltl.models import EARLIEST, LATEST, DateInterval, Mention, PlaceRef, StoredMention

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import templates as T  # type: ignore[import-not-found,no-redef]
else:
    from . import templates as T

FIRST_DAY = date(2019, 11, 1)
LAST_DAY = date(2024, 12, 31)
MONTHS = "January February March April May June July August September October November December".split()
MONTHS_SHORT = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
ORDINAL_WORDS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
# How often each kind of event happens (patrols dominate, as in the press).
TYPE_WEIGHTS = {
    "patrol": 60,
    "attack": 12,
    "patrol_suspended": 5,
    "patrol_resumed": 5,
    "agreement": 6,
    "military_operation": 7,
    "withdrawal": 5,
}
POINT_KINDS = {"town", "village", "city"}


@dataclass(frozen=True)
class PoolEvent:
    """One real-world event that several articles may report."""

    type: str
    day: date
    place: Place
    place2: Place
    zone: str
    ordinal: int | None
    vehicles: int
    km: int
    hurt: int


# --- domain data ------------------------------------------------------------------------------


def border_places(gazetteer: Gazetteer) -> list[Place]:
    """Syrian towns and villages of the border strip and the Idlib pocket."""
    out = [
        p
        for p in gazetteer.places
        if p.country == "SY" and p.kind in POINT_KINDS and 35.4 <= p.lat <= 37.4 and 35.8 <= p.lon <= 42.5
    ]
    out.sort(key=lambda p: p.id)
    return out


def spelling(rng: random.Random, place: Place) -> str:
    """A press spelling of the place: mostly its display name, often an ASCII alternate."""
    names = [n for n in place.names if n and n.isascii() and "(" not in n]
    if not names:
        return place.name
    if rng.random() < 0.5:
        return names[0]
    return rng.choice(names)


def ordinal_text(rng: random.Random, n: int) -> str:
    if n <= len(ORDINAL_WORDS) and rng.random() < 0.6:
        return ORDINAL_WORDS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def date_phrase(rng: random.Random, day: date, published: date) -> tuple[str, str]:
    """(phrase after the verb, bare phrase) in one of the styles the press uses."""
    lag = (published - day).days
    styles = ["us", "uk", "us", "noyear", "short"]
    if lag == 0:
        styles += ["today", "weekday"]
    elif lag == 1:
        styles += ["yesterday", "weekday"]
    elif 1 < lag <= 6:
        styles += ["weekday", "weekday"]
    style = rng.choice(styles)
    if style == "us":
        bare = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    elif style == "uk":
        bare = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    elif style == "noyear":
        bare = f"{MONTHS[day.month - 1]} {day.day}"
    elif style == "short":
        bare = f"{MONTHS_SHORT[day.month - 1]} {day.day}, {day.year}"
    elif style == "today":
        return "today", "today"
    elif style == "yesterday":
        return "yesterday", "yesterday"
    else:
        bare = WEEKDAYS[day.weekday()]
    return f"on {bare}", bare


# --- the event pool -----------------------------------------------------------------------------


def event_pool(rng: random.Random, n: int, places: Sequence[Place]) -> list[PoolEvent]:
    span = (LAST_DAY - FIRST_DAY).days
    types = list(TYPE_WEIGHTS)
    weights = list(TYPE_WEIGHTS.values())
    raw = []
    for _ in range(n):
        raw.append((FIRST_DAY + timedelta(days=rng.randrange(span)), rng.choices(types, weights)[0]))
    raw.sort()
    events = []
    patrols = 0
    for day, type_ in raw:
        ordinal = None
        if type_ == "patrol":
            patrols += 1
            ordinal = patrols
        place = rng.choice(places)
        near = [q for q in places[max(0, places.index(place) - 5) : places.index(place) + 5] if q is not place]
        events.append(
            PoolEvent(
                type=type_,
                day=day,
                place=place,
                place2=rng.choice(near) if near else place,
                zone=rng.choice(T.ZONES),
                ordinal=ordinal,
                vehicles=rng.randint(4, 14),
                km=rng.randint(20, 120),
                hurt=rng.randint(1, 5),
            )
        )
    return events


def _fill(rng: random.Random, template: str, ev: PoolEvent, published: date, outlet: OutletInfo) -> str:
    when, bare = date_phrase(rng, ev.day, published)
    src = rng.choice(T.SOURCES)
    ordinal = ordinal_text(rng, ev.ordinal) if ev.ordinal else ""
    text = template.format(
        ord=ordinal,
        ord_cap=ordinal[:1].upper() + ordinal[1:],
        place=spelling(rng, ev.place),
        place2=spelling(rng, ev.place2),
        when=when,
        When=when[:1].upper() + when[1:],
        when_bare=bare,
        n=ev.vehicles,
        km=ev.km,
        k=ev.hurt,
        zone=ev.zone,
        src=src,
        src_cap=src[:1].upper() + src[1:],
        outlet=outlet.name,
    )
    return re.sub(r"\s+([.,;])", r"\1", re.sub(r" {2,}", " ", text))


def _sentence(rng: random.Random, ev: PoolEvent, published: date, outlet: OutletInfo) -> str:
    kind = ev.type
    if kind == "patrol" and rng.random() < 0.15:
        kind = "patrol_zone"
    choices = list(T.BY_TYPE[kind])
    if not ev.ordinal:
        choices = [t for t in choices if "{ord}" not in t] or choices
    elif rng.random() < 0.8:  # most patrol reports give the number
        choices = [t for t in choices if "{ord}" in t] or choices
    return _fill(rng, rng.choice(choices), ev, published, outlet)


def _header(rng: random.Random, outlet: OutletInfo, published: date, *, dated: bool = False) -> list[str]:
    roll = rng.random()
    if roll < 0.55 or dated:
        return [f" date {published.isoformat()} "]
    alias = next((a for a in outlet.aliases if len(a) >= 2 and "/" not in a), outlet.name)
    city = rng.choice(T.CITIES)
    if roll < 0.8:
        return [f"{city} ({alias}) - {MONTHS[published.month - 1]} {published.day}, {published.year}"]
    return [f"Published {published.day} {MONTHS[published.month - 1]} {published.year}", f"{city} ({alias}) -"]


def _noise(rng: random.Random) -> list[str]:
    lines: list[str] = []
    if rng.random() < 0.3:
        lines.append(rng.choice(T.FURNITURE))
    roll = rng.random()
    if roll < 0.3:
        lines += ["", rng.choice(T.COMMENT_OPENERS), *rng.sample(T.COMMENTS, 2)]
    elif roll < 0.6:
        lines += ["", "Other news", *rng.sample(T.OTHER_NEWS, 3)]
    return lines


def article(
    rng: random.Random, pool: Sequence[PoolEvent], outlet: OutletInfo, *, dated: bool = False
) -> tuple[str, date]:
    """One article's text and its publication date (``dated``: always in a header line)."""
    i = rng.randrange(len(pool))
    lead = pool[i]
    # Other events the same piece recalls: from the weeks before the lead.
    extra = [e for e in pool[max(0, i - 40) : i] if (lead.day - e.day).days <= 60]
    reported = [lead, *rng.sample(extra, min(len(extra), rng.choice((0, 0, 1, 2))))]
    published = lead.day + timedelta(days=rng.choice((0, 0, 1, 1, 1, 2, 3, 5)))
    headline = rng.choice(T.HEADLINES[lead.type])
    ordinal = ordinal_text(rng, lead.ordinal) if lead.ordinal else "new"
    headline = headline.format(place=spelling(rng, lead.place), ord=ordinal, ord_cap=ordinal[:1].upper() + ordinal[1:])
    body = [_sentence(rng, e, published, outlet) for e in reported]
    body += rng.sample(T.BACKGROUND, rng.randint(1, 4))
    # Paragraphs of one or two sentences, the lead first.
    paragraphs = [body[0]]
    rest = body[1:]
    rng.shuffle(rest)
    while rest:
        take = rng.choice((1, 2))
        paragraphs.append(" ".join(rest[:take]))
        rest = rest[take:]
    lines = [
        *_header(rng, outlet, published, dated=dated),
        headline,
        "",
        *[p for para in paragraphs for p in (para, "")],
    ]
    lines += _noise(rng)
    return "\n".join(lines).strip("\n") + "\n", published


def _slug(outlet: OutletInfo) -> str:
    base = outlet.domains[0].split(".")[0] if outlet.domains else outlet.name
    return re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-") or "outlet"


def generate(out_dir: Path, n: int, *, seed: int = 1, dated: bool = False) -> list[Path]:
    """Write ``n`` article files into ``out_dir``; return their paths. ``dated``: every article
    states its publication date in a header line (none is left for cross-source dating)."""
    rng = random.Random(seed)
    places = border_places(Knowledge.bundled().gazetteer)
    outlets = list(Knowledge.bundled().outlets.outlets)
    # Some outlets write far more on this than others.
    weights = [rng.choice((1, 1, 2, 5, 10)) for _ in outlets]
    pool = event_pool(rng, max(10, n // 3), places)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    texts: list[str] = []
    for i in range(n):
        outlet = rng.choices(outlets, weights)[0]
        if texts and rng.random() < 0.02:  # the same article saved twice, other whitespace
            text = re.sub(r" ", "  ", rng.choice(texts), count=3) + "\n"
        else:
            text, _ = article(rng, pool, outlet, dated=dated)
            texts.append(text)
        path = out_dir / f"{i:06d}_{_slug(outlet)}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


# --- mentions for the clustering benchmark ------------------------------------------------------


def _place_ref(rng: random.Random, place: Place) -> PlaceRef:
    return PlaceRef(
        surface=spelling(rng, place),
        name=place.name,
        place_id=place.id,
        lat=place.lat,
        lon=place.lon,
        kind=place.kind,
        country=place.country,
        score=1.0,
    )


def _interval(rng: random.Random, day: date, published: date) -> tuple[DateInterval, str, str]:
    """A mention's date as extraction would give it: (interval, date_from, date_text)."""
    roll = rng.random()
    if roll < 0.65:
        text = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
        return DateInterval(day, day, "day", text, ("explicit date",)), "text", text
    if roll < 0.75:
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        text = f"{MONTHS[day.month - 1]} {day.year}"
        return DateInterval(start, end, "month", text, ("month named",)), "text", text
    if roll < 0.8:
        text = f"{MONTHS[day.month - 1]} {day.day}"
        return (
            DateInterval(EARLIEST, LATEST, "unknown", text, ("year not given",), day.month, day.day),
            "text",
            text,
        )
    return DateInterval(published, published, "day", "", ("publication date",)), "published", ""


def generate_mentions(n: int, *, seed: int = 1) -> list[StoredMention]:
    """``n`` stored mentions of a pool of ~n/4 events, ~3 mentions per synthetic article."""
    rng = random.Random(seed)
    places = border_places(Knowledge.bundled().gazetteer)
    outlets = list(Knowledge.bundled().outlets.outlets)
    pool = event_pool(rng, max(10, n // 4), places)
    out: list[StoredMention] = []
    article_no = 0
    while len(out) < n:
        article_no += 1
        outlet = rng.choice(outlets)
        ahash = hashlib.sha256(f"{seed}:{article_no}".encode()).hexdigest()
        i = rng.randrange(len(pool))
        lead = pool[i]
        published = lead.day + timedelta(days=rng.choice((0, 1, 1, 2, 3)))
        pub = DateInterval(published, published, "day", published.isoformat(), ("header",))
        reported = [lead, *rng.sample(pool[max(0, i - 20) : i], min(i, rng.choice((0, 1, 2))))]
        for idx, ev in enumerate(reported):
            if len(out) >= n:
                break
            interval, date_from, date_text = _interval(rng, ev.day, published)
            place = ev.place if rng.random() < 0.85 else ev.place2
            ref = _place_ref(rng, place) if rng.random() < 0.9 else None
            ordinal = ev.ordinal if ev.ordinal and rng.random() < 0.7 else None
            mention = Mention(
                type=ev.type,
                sentence=f"synthetic {ev.type} sentence {article_no}.{idx}",
                start=idx * 100,
                end=idx * 100 + 90,
                date=interval,
                place=ref,
                places=(ref,) if ref else (),
                figures=(("vehicles", float(ev.vehicles)),) if ev.type == "patrol" and rng.random() < 0.3 else (),
                ordinal=ordinal,
                summary=ev.type,
                keys=(f"ordinal:{ordinal}",) if ordinal else (),
                date_from=date_from,
                date_text=date_text,
                place_text=ref.surface if ref else "",
            )
            out.append(
                StoredMention(
                    key=f"{ahash[:16]}:{idx}",
                    article_path=f"synthetic/{article_no:07d}.txt",
                    article_hash=ahash,
                    outlet=outlet.name,
                    side=outlet.side,
                    published=pub,
                    mention=mention,
                )
            )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the articles into")
    parser.add_argument("--articles", "-n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dated", action="store_true", help="every article with a date header line")
    args = parser.parse_args(argv)
    paths = generate(args.out, args.articles, seed=args.seed, dated=args.dated)
    print(f"{len(paths)} articles written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
