"""The exports that are streamed from the store: JSON, JSON Lines and CSV of a chronology of any
size, an event at a time, in the bytes ``export.export_bytes`` writes for the whole list.

The filters read only each event's row (its date, type, place and outlets columns); JSON and JSON
Lines write each event's JSON line as stored when it was clustered, so they hold one event at a
time; CSV reads the kept events' figure names first (its columns), then the events with their
members a batch at a time.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

from .contract import event_line
from .export import csv_cell, csv_header, csv_row
from .filters import Filters, keeper, unmatched_of
from .knowledge import Knowledge
from .models import Event
from .store import Store

STREAMED = ("json", "jsonl", "csv")
CHUNK = 1 << 16  # bytes written at a time


def export_chunks(
    store: Store, kn: Knowledge, format_: str, f: Filters, *, excel: bool, warn: Callable[[str], None]
) -> Iterator[bytes]:
    """The export's bytes, a chunk at a time; the warnings of ``filters.unmatched`` are given to
    ``warn`` before the first chunk. The stored events must be current (``Store.current``)."""
    gazetteer = kn.gazetteer if f.place else None
    present = store.event_outlets(f.since, f.until)
    everything = (ev for ev, _, _ in store.event_heads(f.since, f.until)) if f.place else iter(())
    for warning in unmatched_of(present, everything, f, gazetteer, kn.outlets):
        warn(warning)
    keep = keeper(f, present, gazetteer, kn.outlets)

    def kept() -> Iterator[tuple[Event, str]]:
        for ev, sources, line in store.event_heads(f.since, f.until):
            if keep(ev, sources):
                yield ev, line

    def line_of(ev: Event, line: str) -> str:
        if line:
            return line
        (whole,) = store.events_of_ids([ev.id])  # not written yet (a database from before m006)
        return event_line(whole, kn)

    if format_ == "csv":
        texts = _csv_text(store, kn, kept, excel=excel)
    elif format_ == "jsonl":
        texts = (line_of(ev, line) + "\n" for ev, line in kept())
    else:
        texts = _json_text((line_of(ev, line) for ev, line in kept()))
    yield from _chunked(texts)


def _json_text(lines: Iterator[str]) -> Iterator[str]:
    """``contract.dumps``, a line at a time."""
    first = next(lines, None)
    if first is None:
        yield '{"events": []}\n'
        return
    yield '{"events": [\n' + first
    for line in lines:
        yield ",\n" + line
    yield "\n]}\n"


def _csv_text(
    store: Store, kn: Knowledge, kept: Callable[[], Iterator[tuple[Event, str]]], *, excel: bool
) -> Iterator[str]:
    """``export.to_csv``, a row at a time: its figure columns first, from the kept events' rows."""
    names = sorted({name for ev, _ in kept() for name, _ in ev.figures})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if excel:
        out.write("\ufeff")
    writer.writerow(csv_header(names))
    for ev in store.events_of_ids(ev.id for ev, _ in kept()):
        writer.writerow([csv_cell(v) for v in csv_row(ev, names, kn)])
        if out.tell() >= CHUNK:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def _chunked(texts: Iterator[str]) -> Iterator[bytes]:
    parts: list[str] = []
    size = 0
    for text in texts:
        parts.append(text)
        size += len(text)
        if size >= CHUNK:
            yield "".join(parts).encode("utf-8")
            parts, size = [], 0
    if parts:
        yield "".join(parts).encode("utf-8")
