"""Render stage: the chronology and the source comparison in the terminal, with Rich.

Article text is untrusted: it only ever reaches Rich as ``Text`` (never parsed as markup), with
control characters stripped.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.rule import Rule
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from .contract import candidate_years
from .explanation import explanation as explanation
from .intervals import is_dated
from .knowledge import Knowledge
from .models import Event, format_interval
from .terminal import make_console as make_console
from .views import (
    MUTED,
    SIDE_COLORS,
    clean_text,
    one_line,
    outlet_sides,
    period_label,
    period_of,
    plural,
    year_label,
)

if TYPE_CHECKING:  # the diff stage loads the extraction vocabulary: only diff-sources needs it
    from rich.table import Table  # only the diff-sources tables: the timeline lays itself out

    from .diff import Cell, Comparison, Report

__all__ = ["SIDE_COLORS", "Timeline", "diff_renderable", "explanation", "make_console", "safe", "timeline_renderable"]


def safe(text: str) -> str:
    """Untrusted text without terminal control sequences, bidi overrides or zero-width characters.

    Rich never parses it as markup either: it only ever reaches Rich inside ``Text``."""
    return clean_text(text)


def _pack(title: str, items: Sequence[Text], width: int) -> Text:
    """A legend: ``title`` then the items, wrapped between items (never inside one), hanging indent."""
    out = Text(title, style="bold")
    indent = len(title)
    col = indent
    for item in items:
        need = 2 + item.cell_len
        if col + need > width and col > indent:
            out.append("\n" + " " * indent)
            col = indent
        out.append("  ")
        out.append_text(item)
        col += need
    return out


def type_legend(events: Sequence[Event], kn: Knowledge | None = None, width: int = 80) -> Text:
    """The event types present, each with its colour and count."""
    return _type_legend(Counter(ev.type for ev in events), kn or Knowledge.bundled(), width)


def _type_legend(counts: Counter[str], kn: Knowledge, width: int) -> Text:
    vocab = kn.vocabulary
    items = [Text(f"■ {t.label} ({counts[t.name]})", style=t.color) for t in vocab.types if counts[t.name]]
    return _pack("Types:", items, width)


def side_legend(events: Sequence[Event], kn: Knowledge | None = None, width: int = 80) -> Text:
    """The outlet sides present, in the colours their outlets' names take."""
    return _side_legend({sm.side for ev in events for sm in ev.members}, kn or Knowledge.bundled(), width)


def _side_legend(present: set[str], kn: Knowledge, width: int) -> Text:
    label = kn.outlets.side_label
    items = [Text("■ " + label(s), style=c) for s, c in SIDE_COLORS.items() if s in present]
    items += [Text(safe(label(side))) for side in sorted(present - SIDE_COLORS.keys())]
    return _pack("Outlets:", items, width)


def _date_kind(ev: Event) -> tuple[int, str]:
    """The kind of an event's date, in the order the legend lists them, and what the form means."""
    d = ev.date
    if d.precision == "day":
        return 0, "a day"
    if d.precision == "days":
        return 1, "some day in that range"
    if d.precision == "month":
        return 2, "a month, day unknown"
    if d.precision == "year":
        return 3, "a year"
    if d.month is not None or d.day is not None:
        return 4, "a day whose year is open"
    return 5, "not known" if format_interval(d) == "?" else "open-ended"


def date_legend(events: Sequence[Event], width: int = 80) -> Text:
    """How to read the dates shown: one real example of each kind of date present, and its precision
    ("2019-03-12..04-02 some day in that range")."""
    examples: dict[int, tuple[str, str]] = {}
    for ev in events:
        rank, meaning = _date_kind(ev)
        examples.setdefault(rank, (format_interval(ev.date), meaning))
    return _date_legend(examples, width)


def _date_legend(examples: dict[int, tuple[str, str]], width: int) -> Text:
    items = [Text.assemble((shown, "bold"), f" {meaning}") for _, (shown, meaning) in sorted(examples.items())]
    return _pack("Dates:", items, width)


Run = tuple[str, str]  # a piece of text and its Rich style


SOURCES_SHOWN = 12  # outlets named in a timeline row; the exports and `explain` have them all


def sources_runs(ev: Event) -> list[Run]:
    """“3 outlets: A, B, C”, each name in its side's colour; beyond SOURCES_SHOWN, “and N more”."""
    sides = outlet_sides(ev)
    n = len(sides)
    out: list[Run] = [(f"{n} outlet{'s' if n != 1 else ''}: ", MUTED)]
    for i, name in enumerate(sorted(sides)[:SOURCES_SHOWN]):
        if i:
            out.append((", ", ""))
        out.append((one_line(name), SIDE_COLORS.get(sides[name], "default")))
    if n > SOURCES_SHOWN:
        out.append((f" and {n - SOURCES_SHOWN} more", MUTED))
    return out


def date_runs(ev: Event) -> list[Run]:
    """The compact date, its precision visible in its form and weight; candidate years below."""
    style = {"day": "bold", "days": "", "month": "", "year": "italic"}.get(ev.date.precision, "dim")
    out: list[Run] = [(format_interval(ev.date), style)]
    years = candidate_years(ev)
    if years:
        out.append(("\n" + "|".join(map(str, years)) + "?", "dim"))
    return out


def _highlighted(sentence: str, date_words: str, place_words: str, limit: int = 400) -> list[Run]:
    """A source sentence with its date words (underlined, cyan) and place words (bold, yellow)."""
    plain = one_line(sentence)
    if len(plain) > limit:
        plain = plain[: limit - 1] + "…"
    marks: list[tuple[int, int, str]] = []
    low = plain.lower()
    for word, style in ((date_words, "underline cyan"), (place_words, "bold yellow")):
        word = one_line(word)
        i = low.find(word.lower()) if word else -1
        if i >= 0 and not any(i < e and s < i + len(word) for s, e, _ in marks):
            marks.append((i, i + len(word), style))
    out: list[Run] = []
    pos = 0
    for s, e, style in sorted(marks):
        out += [(plain[pos:s], ""), (plain[s:e], style)]
        pos = e
    out.append((plain[pos:], ""))
    return out


def _quotes(ev: Event, kn: Knowledge) -> list[Run]:
    out: list[Run] = []
    for sm in ev.members:
        out.append(("\n“", MUTED))
        out += _highlighted(sm.mention.sentence, sm.mention.date_text, sm.mention.place_text)
        out.append((f"” — {one_line(sm.outlet)} ({kn.outlets.side_label(sm.side)})", MUTED))
    return out


_TOKENS = re.compile(r"[^ ]+ *| +")  # words with the spaces after them (nothing else is dropped); linear
_BLANKS = re.compile(r"[\t\r\f\v]")  # wrapped as spaces (the cells reaching here have no other controls)


def wrap_runs(runs: Sequence[Run], width: int) -> list[tuple[list[Run], int]]:
    """Styled text wrapped greedily at spaces to ``width`` cells, each line with the cells it takes; a
    word wider than that is cut; "\n" starts a line. Rich's Text.wrap does this too, at about ten
    times the cost: a chronology of thousands of events is laid out here."""
    width = max(width, 1)
    whole = "".join([text for text, _ in runs])
    if "\n" not in whole and not _BLANKS.search(whole):
        used = len(whole) if whole.isascii() else cell_len(whole)
        if used <= width:  # most cells: one line as it is
            return [(list(runs), used)]
    lines: list[tuple[list[Run], int]] = []
    line: list[Run] = []
    used = 0
    for text, style in runs:
        for n, part in enumerate(_BLANKS.sub(" ", text).split("\n")):
            if n:
                lines.append((line, used))
                line, used = [], 0
            for token in _TOKENS.findall(part):
                word = token.rstrip(" ")
                need = cell_len(word)
                if used and used + need > width:
                    lines.append((line, used))
                    line, used = [], 0
                    if not word:
                        continue  # spaces at a break vanish
                if need > width:  # a word wider than the column is cut (a wide character alone may overflow)
                    *heads, tail = [piece for piece in chop_cells(word, width) if piece]
                    lines += [([(head, style)], cell_len(head)) for head in heads]
                    token = tail + token[len(word) :]
                line.append((token, style))
                used += cell_len(token)
    lines.append((line, used))
    return lines


def _row_lines(widths: Sequence[int], rows: Iterable[Sequence[Sequence[Run]]]) -> Iterator[list[Run]]:
    """Each screen line of these rows (styled cells in columns of ``widths``, one space apart) as runs,
    ending in a newline; runs of padding are merged."""
    last = len(widths) - 1
    for row in rows:
        cells = [wrap_runs(cell, w) for cell, w in zip(row, widths, strict=True)]
        for i in range(max(map(len, cells))):
            runs: list[Run] = []
            pad = 0
            for j, cell in enumerate(cells):
                line, used = cell[i] if i < len(cell) else ([], 0)
                if line and line[-1][0].endswith(" "):
                    text, style = line[-1]
                    used -= len(text) - len(text.rstrip(" "))
                    line = [*line[:-1], (text.rstrip(" "), style)]
                if line:
                    if pad:
                        runs.append((" " * pad, ""))
                    runs += line
                    pad = 0
                pad += widths[j] - used + 1 if j < last else 0
            runs.append(("\n", ""))
            yield runs


class _Segments:
    """Where the rows of one heading become segments, a window of rows at a time: one segment per
    change of style, a style carried over from one window to the next (the same segments as one pass
    over all the rows, so the same bytes on the screen)."""

    def __init__(self, widths: Sequence[int]) -> None:
        self.widths = list(widths)
        self.styles: dict[str, Style] = {}
        self.pending = ""
        self.current = ""

    def segments(self, console: Console, rows: Sequence[Sequence[Sequence[Run]]], *, last: bool) -> Iterator[Segment]:
        lines = _row_lines(self.widths, rows)
        if console.color_system is None:  # Rich drops every style then: one segment for all
            yield Segment("".join(text for line in lines for text, _ in line))
            return
        styles = self.styles
        pending, current = self.pending, self.current
        for line in lines:
            for text, style in line:
                if style != current and pending:  # a segment per change of style, not per word
                    yield Segment(pending, styles[current])
                    pending = ""
                if style not in styles:
                    styles[style] = console.get_style(style, default="")
                pending += text
                current = style
        if last and pending:
            yield Segment(pending, styles[current])
            pending = ""
        self.pending, self.current = pending, current


class _Rows:
    """A window of the timeline's rows, laid out here rather than by rich.table.Table, which measures
    and wraps every cell through its full machinery: about 0.6 ms a row, seconds for a long
    chronology. ``last``: the heading's last window."""

    def __init__(self, into: _Segments, rows: Sequence[Sequence[Sequence[Run]]], *, last: bool) -> None:
        self.into = into
        self.rows = rows
        self.last = last

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.into.segments(console, self.rows, last=self.last)


# The events of a chronology in its order, read anew at each call: those whose date is known, the
# others, or all of them (``dated`` True, False, None).
EventReader = Callable[[bool | None], Iterable[Event]]


class _Overview:
    """What the legends, the column widths and the last line say of the whole chronology: gathered in
    one pass over its events before any row is laid out."""

    def __init__(self, events: Iterable[Event], kn: Knowledge) -> None:
        self.types: Counter[str] = Counter()
        self.sides: set[str] = set()
        self.outlets: set[str] = set()
        self.dates: dict[int, tuple[str, str]] = {}
        self.events = self.mentions = self.undated = 0
        self.date_w = self.id_w = 0
        for ev in events:
            self.events += 1
            self.types[ev.type] += 1
            for sm in ev.members:
                self.sides.add(sm.side)
                self.outlets.add(sm.outlet)
            self.mentions += len(ev.members)
            shown = format_interval(ev.date)
            rank, meaning = _date_kind(ev)
            self.dates.setdefault(rank, (shown, meaning))
            self.date_w = max(self.date_w, len(shown))
            self.id_w = max(self.id_w, len(ev.id))
            if not is_dated(ev.date):
                self.undated += 1
        self.type_w = max((len(kn.vocabulary.label(t)) for t in self.types), default=0) + 2


class Timeline:
    """The chronology as a Rich renderable that lays itself out for the width it is given: a compact
    three-column layout below WIDE columns, separate type/place/source columns from there on.

    The events are a list, or an ``EventReader`` that reads them from the store: then ``pieces``
    holds a window of WINDOW rows at a time, whatever the chronology's size (the legends, widths and
    totals come from a first pass over the events)."""

    WIDE = 120
    WINDOW = 200  # rows laid out at a time

    def __init__(self, events: Sequence[Event] | EventReader, kn: Knowledge, *, verbose: bool = False) -> None:
        if callable(events):
            self._read: EventReader = events
        else:
            listed = list(events)

            def read(dated: bool | None) -> Iterable[Event]:
                return listed if dated is None else (ev for ev in listed if is_dated(ev.date) == dated)

            self._read = read
        self.kn = kn
        self.verbose = verbose

    def _widths(self, o: _Overview, width: int, wide: bool) -> list[int]:
        date_w = o.date_w
        if not wide:
            return [date_w, 1, max(width - date_w - 3, 10)]
        flexible = max(width - date_w - o.type_w - o.id_w - 4, 20)
        body = flexible * 3 // 5
        return [date_w, o.type_w, body, flexible - body, o.id_w]

    def _row(self, ev: Event, wide: bool) -> list[list[Run]]:
        vocab = self.kn.vocabulary
        color = vocab.color(ev.type)
        label = vocab.label(ev.type)
        summary = one_line(ev.summary)
        body: list[Run] = [(summary, "")]
        if ev.place is not None:
            body += [(" · ", ""), (one_line(ev.place.name), "italic")]
        quotes = _quotes(ev, self.kn) if self.verbose else []
        if wide:
            return [date_runs(ev), [("■ " + label, color)], body + quotes, sources_runs(ev), [(ev.id, MUTED)]]
        if summary.lower().startswith(label.lower()):
            head: list[Run] = [(summary[: len(label)], f"bold {color}"), (summary[len(label) :], ""), *body[1:]]
        else:
            head = [(label, f"bold {color}"), (" · ", ""), *body]
        head += [("\n", ""), *sources_runs(ev), ("  " + ev.id, MUTED), *quotes]
        return [date_runs(ev), [("■", color)], head]

    def pieces(self, width: int) -> Iterator[RenderableType]:
        """The timeline for ``width`` columns, in pieces a console prints one after the other (each
        holds at most WINDOW rows): legends, year rules and month headings (the events whose date is
        unknown last, under one heading), the rows, the totals."""
        o = _Overview(self._read(None), self.kn)
        if not o.events:
            yield Text("No events.")
            return
        wide = width >= self.WIDE
        widths = self._widths(o, width, wide)
        yield _type_legend(o.types, self.kn, width)
        yield _side_legend(o.sides, self.kn, width)
        yield _date_legend(o.dates, width)
        last_year: object = object()
        current: object = object()
        into: _Segments | None = None
        rows: list[list[list[Run]]] = []
        for ev in itertools.chain(self._read(True), self._read(False)):
            period = period_of(ev)
            if into is None or period != current:
                if into is not None:
                    yield _Rows(into, rows, last=True)
                    rows = []
                year = None if period is None else period[0]
                if year != last_year:
                    title = year_label(period) if period else period_label(None, self.kn)
                    yield Text("")
                    yield Rule(Text(title, style="bold"), align="left", style=MUTED)
                last_year = year
                if period is not None:
                    yield Text(period_label(period, self.kn), style="bold underline")
                into, current = _Segments(widths), period
            rows.append(self._row(ev, wide))
            if len(rows) >= self.WINDOW:
                yield _Rows(into, rows, last=False)
                rows = []
        if into is not None:
            yield _Rows(into, rows, last=True)
        yield Rule(style=MUTED)
        yield Text(
            f"{plural(o.events, 'event')} · {plural(o.mentions, 'mention')} · {plural(len(o.outlets), 'outlet')} · "
            f"{o.undated:,} undated",
            style="bold",
        )

    def windows(self, width: int) -> Iterator[Group]:
        """``pieces`` grouped for a console to print one group at a time (Rich holds all that one
        print renders until it ends): headings and rows, a group once it holds WINDOW rows (a print
        costs its own set-up: a short chronology is one group)."""
        group: list[RenderableType] = []
        rows = 0
        for piece in self.pieces(width):
            group.append(piece)
            if isinstance(piece, _Rows):
                rows += len(piece.rows)
                if rows >= self.WINDOW:
                    yield Group(*group)
                    group, rows = [], 0
        if group:
            yield Group(*group)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.pieces(options.max_width)


def timeline_renderable(
    events: Sequence[Event] | EventReader, kn: Knowledge | None = None, *, verbose: bool = False
) -> Timeline:
    """The chronology in the terminal: legends, year rules, month headings, one row per event in its
    type's colour, outlets in their side's colour; ``verbose`` adds the source sentences. ``events``:
    a list, or what reads them anew at each call (``EventReader``), for a chronology of any size."""
    kn = kn or Knowledge.bundled()
    return Timeline(events, kn, verbose=verbose)


DISAGREE = "≠"  # marks a disagreement without colour
DISAGREE_STYLE = "bold red"


def _diff_cell(cell: Cell, *, by_side: bool, style: str, attribute: bool) -> Text:
    """A column's values, then (dim, when ``attribute``: on the rows that disagree) who says them: the
    outlets when the columns are sides, and the claimants the outlets attribute them to."""
    text = Text(one_line(cell.text), style=style)
    who: list[str] = list(cell.outlets) if by_side and attribute else []
    who += [f"per {c}" for c in cell.claimants] if attribute else []
    if cell.values and who:
        text.append("\n" + one_line(", ".join(who)), style=MUTED)
    return text


def _diff_event_table(c: Comparison, by_side: bool) -> Group:
    from rich.table import Table

    title = f"{c.event.id}  {format_interval(c.event.date)}  {one_line(c.event.summary)}"
    if c.conflicts:
        title += f"  [{DISAGREE} " + ", ".join(c.conflicts) + "]"
    table = Table(title=Text(title, style="bold"), title_justify="left")
    table.add_column("Field", style="bold", no_wrap=True)
    for o in c.outlets:
        table.add_column(Text(one_line(o)))
    notes: list[Text] = []
    for row in c.rows:
        if not any(cell.values for _, cell in row.cells):
            continue
        style = DISAGREE_STYLE if row.disagree else ""
        cells = dict(row.cells)
        table.add_row(
            Text(f"{DISAGREE} {row.field}" if row.disagree else f"  {row.field}", style=style),
            *(_diff_cell(cells[o], by_side=by_side, style=style, attribute=row.disagree) for o in c.outlets),
        )
        if row.note:
            mark = DISAGREE if row.disagree else "·"
            notes.append(Text(f"{mark} {row.field}: {one_line(row.note)}", style=style or MUTED))
    parts: list[Any] = [table, *notes]
    for cl in c.claims:
        line = Text("only ", style=MUTED)
        line.append(one_line(cl.column), style="bold")
        if cl.column != cl.outlet:
            line.append(f" ({one_line(cl.outlet)})")
        if cl.claimant:
            line.append(f", per {one_line(cl.claimant)}")
        line.append(": “")
        line.append(one_line(cl.sentence), style="italic")
        line.append("”")
        parts.append(line)
    parts.append(Text(""))
    return Group(*parts)


TERMINAL_COLUMNS = 10  # a terminal matrix keeps the columns that report most; the reports have all


def _busiest(report: Report) -> tuple[str, ...]:
    if len(report.columns) <= TERMINAL_COLUMNS:
        return report.columns
    count = dict(report.column_counts)
    keep = set(sorted(report.columns, key=lambda c: -count[c])[:TERMINAL_COLUMNS])
    return tuple(c for c in report.columns if c in keep)


def _coverage_table(report: Report, max_rows: int) -> Table:
    from rich.table import Table

    columns = _busiest(report)
    title = "Coverage (✓ reported, or the date the outlet gives; * first to publish)"
    if len(columns) < len(report.columns):
        title += f"; the {len(columns)} busiest of {len(report.columns)} columns"
    t = Table(title=Text(title, style="bold"), title_justify="left")
    t.add_column("Event")
    for col in columns:
        t.add_column(Text(one_line(col)), no_wrap=False)
    t.add_column("First")
    first_cols = report.by_side
    rows = report.coverage
    if len(rows) > max_rows:
        rows = tuple(r for r in rows if sum(1 for _, v in r.cells if v) >= 2)[:max_rows]
    for row in rows:
        ev = row.event
        label = Text(f"{format_interval(ev.date)} ", style="bold")
        label.append(one_line(ev.summary))
        label.append(f" {ev.id}", style=MUTED)
        firsts = set(row.first)
        cells = []
        said = dict(row.cells)
        for col in columns:
            value = said.get(col, "")
            mark = ""
            if value and (
                col in firsts
                or (first_cols and any(sm.outlet in firsts and col == report.side_label(sm.side) for sm in ev.members))
            ):
                mark = " *"
            cells.append(Text(value + mark))
        first = Text(one_line(", ".join(row.first)))
        if row.first_published:
            first.append(f" {row.first_published.isoformat()}", style=MUTED)
        t.add_row(label, *cells, first)
    return t


def _spelling_table(report: Report, max_rows: int) -> Table:
    from rich.table import Table

    t = Table(title=Text("Place spellings", style="bold"), title_justify="left")
    t.add_column("Place", style="bold")
    columns = _busiest(report)
    for col in columns:
        t.add_column(Text(one_line(col)))
    for sp in report.spellings[:max_rows]:
        by = dict(sp.by_column)
        t.add_row(Text(one_line(sp.place)), *(Text(one_line(" / ".join(by.get(col, ())))) for col in columns))
    return t


# The terminal view is a digest: this many events compared in full, and twice as many rows in each
# table below them (beyond that the coverage keeps the events two or more columns report); what is
# left out is counted, and `--format md` or `json` have everything.
TERMINAL_EVENTS = 25


def diff_renderable(report: Report, limit: int = TERMINAL_EVENTS) -> Group:
    """All of ``diff_parts`` as one renderable (for small reports and tests)."""
    return Group(*diff_parts(report, limit))


def diff_parts(report: Report, limit: int = TERMINAL_EVENTS) -> Iterator[Any]:
    """Per event a table of fields by outlets (or sides), disagreements marked ≠ and in red, with notes
    and the claims only one column makes; the single-source events; the coverage matrix; the spellings.
    Yielded one by one, so that a large database is printed as it is drawn, not held whole. At most
    ``limit`` event tables, and twice as many rows in each table after them."""
    yield from _diff_parts(report, limit)


def _diff_parts(report: Report, limit: int) -> Iterator[Any]:
    any_part = False
    rows_max = 2 * limit
    for c in report.compared[:limit]:
        any_part = True
        yield _diff_event_table(c, report.by_side)
    more = max(len(report.compared) - limit, 0) + report.more_compared
    if more:
        yield Text(
            f"… and {plural(more, 'more event')} two or more columns report: narrow "
            "with --source, --only-conflicts, or write them all with --format md or json",
            style="bold",
        )
    parts: list[Any] = []
    if report.single:
        from rich.table import Table

        t = Table(title=Text("Reported by one outlet only", style="bold"), title_justify="left")
        t.add_column("Date")
        t.add_column("Event")
        t.add_column("Side" if report.by_side else "Outlet")
        t.add_column("ID", style=MUTED)
        for s in report.single[:rows_max]:
            who = s.column if not report.by_side else f"{s.column}: {', '.join(s.outlets)}"
            t.add_row(format_interval(s.event.date), Text(one_line(s.event.summary)), Text(one_line(who)), s.event.id)
        parts.append(t)
    if report.coverage:
        parts.append(_coverage_table(report, rows_max))
        total = len(report.coverage) + report.more_coverage
        if total > rows_max:
            parts.append(
                Text(
                    f"(coverage shows the events two or more columns report; all {total} "
                    "are in `diff-sources --format json`)",
                    style=MUTED,
                )
            )
    if report.spellings:
        parts.append(_spelling_table(report, rows_max))
        if report.more_compared or report.more_coverage:
            parts.append(
                Text(
                    "(the spellings of the events above; those of all events are in `diff-sources --format json`)",
                    style=MUTED,
                )
            )
    if not parts and not any_part:
        parts.append(Text("No events to compare."))
    yield from parts


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(c or " " for c in cells) + " |"


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return [_md_row(header), _md_row(["---"] * len(header)), *(_md_row(r) for r in rows), ""]


def _md_cells(said: Iterable[tuple[str, str]], columns: Sequence[str]) -> list[str]:
    """A sparse row across every column, each value escaped once: hundreds of outlets by thousands of
    events is millions of cells, nearly all empty."""
    from .export import md_escape

    escaped = {col: md_escape(value) for col, value in said}
    return [escaped.get(col, "") for col in columns]


def diff_markdown(report: Report) -> str:
    """The comparison as a Markdown report to paste into a document: article text escaped (inert)."""
    from .export import md_escape

    esc = md_escape
    kind = "side" if report.by_side else "outlet"
    out = ["# Where the sources disagree", ""]
    for c in report.compared:
        out.append(f"## {esc(format_interval(c.event.date))} {esc(c.event.summary)} ({esc(c.event.id)})")
        out.append("")
        if c.conflicts:
            out.append(f"Disagreements ({DISAGREE}): " + ", ".join(esc(f) for f in c.conflicts))
            out.append("")
        rows = []
        for row in c.rows:
            if not any(cell.values for _, cell in row.cells):
                continue
            cells = dict(row.cells)
            vals = []
            for o in c.outlets:
                cell = cells[o]
                who = (list(cell.outlets) if report.by_side else []) + [f"per {x}" for x in cell.claimants]
                who = who if row.disagree else []
                v = esc(cell.text)
                if cell.values and who:
                    v += " (" + esc(", ".join(who)) + ")"
                vals.append(f"**{v}**" if row.disagree and v else v)
            rows.append([f"{DISAGREE} **{esc(row.field)}**" if row.disagree else esc(row.field), *vals])
        out += _md_table(["Field", *(esc(o) for o in c.outlets)], rows)
        for row in c.rows:
            if row.note:
                out.append(
                    f"- {DISAGREE if row.disagree else ''}{' ' if row.disagree else ''}"
                    f"{esc(row.field)}: {esc(row.note)}"
                )
        for cl in c.claims:
            said_by = esc(cl.column) + (f" ({esc(cl.outlet)})" if cl.column != cl.outlet else "")
            if cl.claimant:
                said_by += f", per {esc(cl.claimant)}"
            out.append(f"- only {said_by}: “{esc(cl.sentence)}”")
        if any(r.note for r in c.rows) or c.claims:
            out.append("")
    if report.single:
        out += ["## Reported by one " + kind + " only", ""]
        out += _md_table(
            ["Date", "Event", kind.capitalize(), "ID"],
            [
                [esc(format_interval(s.event.date)), esc(s.event.summary), esc(s.column), esc(s.event.id)]
                for s in report.single
            ],
        )
    if report.coverage:
        out += ["## Coverage", "", f"✓ reported, or the date the {kind} gives.", ""]
        out += _md_table(
            ["Event", *(esc(c) for c in report.columns), "First"],
            [
                [
                    f"{esc(format_interval(r.event.date))} {esc(r.event.summary)}",
                    *_md_cells(r.cells, report.columns),
                    esc(", ".join(r.first)) + (f" {r.first_published.isoformat()}" if r.first_published else ""),
                ]
                for r in report.coverage
            ],
        )
    if report.spellings:
        out += ["## Place spellings", ""]
        out += _md_table(
            ["Place", *(esc(c) for c in report.columns)],
            [
                [esc(sp.place), *_md_cells(((c, " / ".join(v)) for c, v in sp.by_column), report.columns)]
                for sp in report.spellings
            ],
        )
    return "\n".join(out).rstrip("\n") + "\n"


def marked_cuts(raw: str, cuts: Sequence[dict[str, Any]]) -> Text:
    """The article as received, each part the cleaner cut struck through and labelled with why."""
    out = Text()
    pos = 0
    for c in sorted(cuts, key=lambda c: int(c["start"])):
        start, end = max(pos, int(c["start"])), min(len(raw), int(c["end"]))
        if start < pos or end <= start:
            continue
        out.append(safe(raw[pos:start]))
        out.append(f"⟦cut: {c['reason']}⟧ ", style="bold yellow")
        out.append(safe(raw[start:end]), style="strike dim")
        out.append(" ⟦end of cut⟧", style="bold yellow")
        pos = end
    out.append(safe(raw[pos:]))
    return out
