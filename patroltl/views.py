"""What every view of the chronology shares (the terminal's table, the exports, the page): the
palette, untrusted text made inert, the headings events sit under, and the names of the formats.

Kept apart from ``export`` (which loads the CSV, HTML and URL machinery) so that the terminal
views load only this (start-up, issue 17).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .intervals import is_dated
from .models import Event

if TYPE_CHECKING:
    from .knowledge import Knowledge

# C0/C1 controls (but tab and newline), the line/paragraph separators, bidi marks, embeddings,
# overrides and isolates, zero-width and other invisible format characters, interlinear annotation
# anchors and the Unicode "tag" characters.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)

# The palette, readable on dark and on light terminals: the sixteen standard colours a terminal's
# theme adapts, never white or black (the one invisible on a light background, the other on a dark
# one), nor bright black (the background colour itself in some dark themes, Solarized's): secondary
# text is "dim", the foreground at half intensity, whatever the theme.
MUTED = "dim"

# A colour per outlet side (Rich colour names); exports that are not Rich map them to CSS.
SIDE_COLORS = {
    "russian_state": "red",
    "turkish_state": "bright_red",
    "turkish_private": "magenta",
    "russian_private": "bright_magenta",
    "iranian_state": "bright_green",
    "kurdish": "yellow",
    "syrian_state": "blue",
    "syrian_opposition": "green",
    "international": "cyan",
    "independent": "default",
    "unknown": MUTED,
}


def clean_text(text: str) -> str:
    """Untrusted text without control characters, bidi overrides or zero-width characters."""
    return UNSAFE.sub("", text)


def one_line(text: str) -> str:
    """Untrusted text cleaned and folded onto one line."""
    return " ".join(clean_text(text).split())


def period_of(ev: Event) -> tuple[int, int] | None:
    """The heading an event sits under: (year, month), (year, 0) for a year only, None if undated."""
    if not is_dated(ev.date):
        return None
    return (ev.date.start.year, 0 if ev.date.precision == "year" else ev.date.start.month)


def period_label(period: tuple[int, int] | None, kn: Knowledge) -> str:
    if period is None:
        return "Undated or year unknown"
    year, month = period
    return f"{year}, month unknown" if month == 0 else f"{kn.lexicon.month_names()[month - 1]} {year}"


def year_label(period: tuple[int, int] | None) -> str:
    return "Undated" if period is None else str(period[0])


def sections(events: Sequence[Event]) -> Iterator[tuple[bool, tuple[int, int] | None, list[Event]]]:
    """Runs of consecutive events under one heading: (new year?, period, events), in the given order,
    except that the undated events come last, under one heading (an open interval such as "after 28
    July 2024" sorts among the dated events, and would break their months apart)."""
    run: list[Event] = []
    current: tuple[int, int] | None = None
    last_year: object = object()
    dated = [ev for ev in events if period_of(ev) is not None]
    for ev in [*dated, *(ev for ev in events if period_of(ev) is None)]:
        p = period_of(ev)
        if run and p != current:
            year = None if current is None else current[0]
            yield year != last_year, current, run
            last_year = year
            run = []
        current = p
        run.append(ev)
    if run:
        year = None if current is None else current[0]
        yield year != last_year, current, run


def outlet_sides(ev: Event) -> dict[str, str]:
    return {sm.outlet: sm.side for sm in ev.members}


def plural(n: int, noun: str) -> str:
    """ "1 event", "2 events", "1,204 mentions": the number and its noun, the plural right."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


# The formats of `timeline --format` (``export.EXPORTERS`` writes each), and the aliases below.
FORMATS = ("json", "jsonl", "csv", "csv-mentions", "markdown", "timelinejs", "geojson", "ics", "html")
FORMAT_ALIASES = {"md": "markdown"}
# The format an output file's name asks for when --format is not given.
SUFFIX_FORMATS = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".geojson": "geojson",
    ".ics": "ics",
    ".html": "html",
    ".htm": "html",
    ".txt": "table",
}


def format_for(name: str | None, output: str | None) -> str | None:
    """The format asked for: ``name`` (an alias such as ``md`` resolved), else what the output file's
    suffix says (``chronology.geojson``), else None; a name patroltl does not know comes back as it is,
    for the caller to refuse."""
    if name is not None:
        return FORMAT_ALIASES.get(name.lower(), name.lower())
    if output:
        lower = output.lower()
        if lower.endswith((".timeline.json", ".timelinejs.json")):
            return "timelinejs"
        if lower.endswith("-mentions.csv"):
            return "csv-mentions"
        dot = lower.rfind(".")
        return SUFFIX_FORMATS.get(lower[dot:]) if dot >= 0 else None
    return None
