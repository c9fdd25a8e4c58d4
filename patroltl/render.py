"""Render stage: the chronology and the source comparison in the terminal, with Rich.

Article text is untrusted: it only ever reaches Rich as ``Text`` (never parsed as markup), with
control characters stripped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import IO, Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from .dates import format_interval
from .models import Event
from .outlets import load_outlets
from .vocab import load_vocabulary

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
SIDE_COLORS = {
    "russian_state": "red",
    "turkish_state": "bright_red",
    "turkish_private": "magenta",
    "kurdish": "yellow",
    "syrian_state": "blue",
    "syrian_opposition": "green",
    "international": "cyan",
    "independent": "white",
    "unknown": "bright_black",
}
MONTHS = "January February March April May June July August September October November December".split()


def safe(text: str) -> str:
    """Untrusted text without terminal control sequences, bidi overrides or zero-width characters."""
    return UNSAFE.sub("", text.replace("\x1b", ""))


def make_console(*, file: IO[str] | None = None, no_color: bool = False, width: int | None = None) -> Console:
    return Console(
        file=file,
        no_color=no_color or bool(os.environ.get("NO_COLOR")),
        width=width,
        highlight=False,
        emoji=False,
        markup=False,
    )


def _legend() -> Text:
    vocab = load_vocabulary()
    legend = Text("Types: ", style="bold")
    for t in vocab.types:
        if t.name == "other":
            continue
        legend.append("■ ", style=t.color)
        legend.append(t.label + "  ")
    return legend


def _sources(ev: Event) -> Text:
    sides = {sm.outlet: sm.side for sm in ev.members}
    out = Text(f"{len(sides)}: ")
    for i, name in enumerate(sorted(sides)):
        if i:
            out.append(", ")
        out.append(safe(name), style=SIDE_COLORS.get(sides[name], "white"))
    return out


def timeline_renderable(events: Sequence[Event], *, verbose: bool = False) -> Group:
    vocab = load_vocabulary()
    table = Table(show_header=True, header_style="bold", expand=False, show_lines=False, pad_edge=False)
    table.add_column("Date", no_wrap=True)
    table.add_column("Type", no_wrap=True)
    table.add_column("Event", ratio=3)
    table.add_column("Place", ratio=1)
    table.add_column("Sources", ratio=2)
    table.add_column("ID", no_wrap=True, style="bright_black")
    current: tuple[int, int] | None = None
    undated = 0
    for ev in events:
        known = ev.date.precision in ("day", "days", "month", "year")
        head = (ev.date.start.year, ev.date.start.month if ev.date.precision != "year" else 0) if known else (0, 0)
        if head != current:
            current = head
            label = "Undated or year unknown" if head == (0, 0) else (
                f"{head[0]}" if head[1] == 0 else f"{MONTHS[head[1] - 1]} {head[0]}")
            table.add_section()
            table.add_row(Text(label, style="bold underline"), "", "", "", "", "")
        if not known:
            undated += 1
        color = vocab.color(ev.type)
        summary = Text(safe(ev.summary))
        if verbose:
            for sm in ev.members:
                summary.append("\n  “", style="bright_black")
                summary.append(_highlighted(sm.mention.sentence, sm.mention.date_text, sm.mention.place_text))
                summary.append(f"” — {safe(sm.outlet)}", style="bright_black")
        place = Text(safe(ev.place.name) if ev.place else "—")
        table.add_row(
            Text(format_interval(ev.date), style="bold" if ev.date.precision == "day" else ""),
            Text(vocab.label(ev.type), style=color),
            summary,
            place,
            _sources(ev),
            Text(ev.id),
        )
    outlets = {sm.outlet for ev in events for sm in ev.members}
    mentions = sum(len(ev.members) for ev in events)
    footer = Text(
        f"{len(events)} events, {mentions} mentions, {len(outlets)} outlets, {undated} undated",
        style="bold",
    )
    return Group(_legend(), table, footer)


def _highlighted(sentence: str, date_text: str, place_text: str) -> Text:
    text = Text(safe(sentence[:400]))
    for word, style in ((date_text, "bold cyan"), (place_text, "bold yellow")):
        if word:
            i = text.plain.find(word)
            if i >= 0:
                text.stylize(style, i, i + len(word))
    return text


def side_label(side: str) -> str:
    return load_outlets().side_label(side)


def diff_renderable(multi: Sequence[Any], single: Sequence[Event]) -> Group:
    """Per event a table of fields by outlets, disagreements in red; then the single-source events."""
    parts: list[Any] = []
    for c in multi:
        title = f"{c.event.id}  {format_interval(c.event.date)}  {safe(c.event.summary)}"
        table = Table(title=Text(title, style="bold"), title_justify="left", show_lines=False)
        table.add_column("Field", style="bold")
        for o in c.outlets:
            table.add_column(Text(safe(o)))
        for row in c.rows:
            if not any(v for _, v in row.values):
                continue
            style = "bold red" if row.disagree else ""
            cells = dict(row.values)
            table.add_row(Text(row.field + (" ≠" if row.disagree else ""), style=style),
                          *(Text(safe(cells.get(o, "")), style=style) for o in c.outlets))
        parts.append(table)
    if single:
        t = Table(title=Text("Reported by one outlet only", style="bold"), title_justify="left")
        t.add_column("Date")
        t.add_column("Event")
        t.add_column("Outlet")
        t.add_column("ID", style="bright_black")
        for ev in single:
            t.add_row(format_interval(ev.date), Text(safe(ev.summary)), Text(safe(ev.sources[0])), ev.id)
        parts.append(t)
    if not parts:
        parts.append(Text("No events in the database yet."))
    return Group(*parts)
