"""The reference chronology (``data/chronology.tsv``, see ``data/CHRONOLOGY.md``): well-known dated
events that fix the year of a year-less date and name background events. A user's own
``chronology.tsv`` adds entries (an entry with the date and name of a bundled one replaces it)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..intervals import last_day, safe_date
from ..models import Precision

_NORM_DROP = re.compile(r"[^a-z0-9]+")


def cue_form(text: str) -> str:
    """Text as chronology keywords are matched: lower case, no accents, words between single spaces,
    with a space at each end (so that " sochi " is found as a whole word)."""
    s = text.lower()
    if not s.isascii():  # most text is: no accents to take off
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c)).replace("ı", "i")
    return " " + _NORM_DROP.sub(" ", s).strip() + " "


@dataclass(frozen=True)
class ChronologyEntry:
    start: date
    end: date
    precision: Precision
    type: str
    name: str
    keywords: tuple[str, ...]
    source: str = ""
    parties: tuple[str, ...] = ()  # who took part, as the event types' actors name them
    place: str = ""  # where it happened, when that is part of what it is ("the fall of Assad": Damascus)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def key(self) -> str:
        """How a stored date names the entry it was anchored to."""
        return f"{self.start.isoformat()} {self.name}"

    @property
    def month(self) -> int:
        return self.start.month

    @property
    def day(self) -> int | None:
        return self.start.day if self.precision == "day" or self.end != self.start else None


@dataclass(frozen=True)
class Chronology:
    entries: tuple[ChronologyEntry, ...]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, key: str) -> ChronologyEntry | None:
        for e in self.entries:
            if e.key == key:
                return e
        return None

    def years(self) -> range:
        """The years the chronology covers, with one more on each side: a weekday with a day and
        a month fixes its year among these."""
        if not self.entries:
            return range(0)
        return range(min(e.start.year for e in self.entries) - 1, max(e.end.year for e in self.entries) + 2)


def _parse_entry_date(value: str) -> tuple[date, date, Precision] | None:
    value = value.strip()
    if ".." in value:
        a, _, b = value.partition("..")
        pa, pb = _parse_entry_date(a), _parse_entry_date(b)
        if pa is None or pb is None or pb[1] < pa[0]:
            return None
        return pa[0], pb[1], "days"
    m = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", value)
    if not m:
        return None
    y, mo = int(m.group(1)), int(m.group(2))
    if m.group(3):
        d = safe_date(y, mo, int(m.group(3)))
        return (d, d, "day") if d else None
    if not 1 <= mo <= 12:
        return None
    return date(y, mo, 1), date(y, mo, last_day(y, mo)), "month"


def read_chronology(text: str) -> list[ChronologyEntry]:
    entries: list[ChronologyEntry] = []
    for raw in text.splitlines():
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 4 or cols[0].strip().lower() == "date":
            continue
        parsed = _parse_entry_date(cols[0])
        if parsed is None:
            continue
        start, end, precision = parsed
        keywords = tuple(k for k in (cue_form(k).strip() for k in cols[3].split("|")) if k)
        entries.append(
            ChronologyEntry(
                start=start,
                end=end,
                precision=precision,
                type=cols[1].strip(),
                name=cols[2].strip(),
                keywords=keywords,
                source=cols[4].strip() if len(cols) > 4 else "",
                parties=tuple(p.strip() for p in cols[5].split("|") if p.strip()) if len(cols) > 5 else (),
                place=cols[6].strip() if len(cols) > 6 else "",
            )
        )
    return entries


def load_chronology(paths: Iterable[Path]) -> Chronology:
    """The entries of the files in order; a later file's entry replaces an earlier one of the same
    date and name. An unreadable file contributes nothing (the bundled file is always readable)."""
    found: dict[str, ChronologyEntry] = {}
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for entry in read_chronology(text):
            found[entry.key] = entry
    return Chronology(tuple(sorted(found.values(), key=lambda e: (e.start, e.name))))
