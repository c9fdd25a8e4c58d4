"""The digest of ``crossdate.chronicle()`` on a stored database: what a change to the fixed point
must leave identical (the events' ids, members, dates, places, reasons and figures, each member's
date and publication date with their evidence, and the narrowed publication dates with theirs),
and how long the chronicle takes (wall and CPU seconds, peak RSS of the process).

    .venv/bin/python bench/generate.py /tmp/c10k --articles 10000 --seed 1
    .venv/bin/patroltl ingest -q --db /tmp/c10k.db /tmp/c10k
    .venv/bin/python bench/chronicle_digest.py /tmp/c10k.db [--profile out.prof]

The stored mentions are read as an ingest reads them (``pipeline._chronicle``); the database is
not written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from patroltl.crossdate import chronicle
from patroltl.knowledge import Knowledge
from patroltl.models import DateInterval, Event, PlaceRef, StoredMention
from patroltl.store import Store


def _interval(d: DateInterval) -> list[Any]:
    return [d.start.isoformat(), d.end.isoformat(), d.precision, d.text, list(d.evidence)]


def _place(p: PlaceRef | None) -> list[Any] | None:
    return None if p is None else [p.name, p.place_id, p.surface, p.kind, p.lat, p.lon]


def _member(sm: StoredMention) -> list[Any]:
    m = sm.mention
    return [sm.key, sm.article_hash, _interval(sm.published), _interval(m.date), m.date_from, _place(m.place)]


def _event(ev: Event) -> list[Any]:
    return [
        ev.id,
        ev.type,
        _interval(ev.date),
        _place(ev.place),
        list(ev.aliases),
        [_member(sm) for sm in ev.members],
        [list(f) for f in ev.figures],
        [list(w) for w in ev.why],
        list(ev.conflicts),
    ]


def digest(events: list[Event], published: dict[str, DateInterval]) -> str:
    doc = {
        "events": [_event(ev) for ev in events],
        "published": {a: _interval(d) for a, d in sorted(published.items())},
    }
    return hashlib.sha256(json.dumps(doc, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _timed(phases: list[tuple[str, float]]) -> None:
    """Each clustering and each round of links of the chronicle timed (CPU seconds)."""
    from patroltl import crossdate

    def timer(name: str, fn: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                phases.append((name, time.process_time() - start))

        return run

    crossdate.cluster = timer("cluster", crossdate.cluster)  # type: ignore[assignment]
    crossdate.links = timer("links", crossdate.links)  # type: ignore[assignment]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("--profile", type=Path, help="write a cProfile of chronicle() here")
    args = ap.parse_args()
    phases: list[tuple[str, float]] = []
    _timed(phases)
    kn = Knowledge.bundled()
    store = Store.open(args.db, create=False)
    tags = store.wide_tags(kn.tuning.crossdate.wide_days)
    own = list(store.mentions(texts=False))
    overrides = store.overrides()
    wall, cpu = time.perf_counter(), time.process_time()
    if args.profile:
        import cProfile

        prof = cProfile.Profile()
        events, published = prof.runcall(chronicle, own, tags.get, overrides, kn)
        prof.dump_stats(str(args.profile))
    else:
        events, published = chronicle(own, tags.get, overrides, kn)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    out = {
        "db": str(args.db),
        "mentions": len(own),
        "events": len(events),
        "narrowed": len(published),
        "digest": digest(events, published),
        "chronicle_s": round(wall, 1),
        "chronicle_cpu_s": round(cpu, 1),
        "peak_mb": rss,
        "phases_cpu_s": [f"{name} {seconds:.1f}" for name, seconds in phases],
    }
    print(json.dumps(out))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
