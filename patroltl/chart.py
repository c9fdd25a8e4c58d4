"""Events per month: a stacked bar chart for the terminal (a Rich renderable) and, with the ``plot``
extra (``pip install 'patroltl[plot]'``: matplotlib, imported only when asked), PNG/SVG/PDF files.

Only events dated to a month or better count; the others are counted in the caption. Pure: the
events in, a renderable or a file out.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.columns import Columns
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.text import Text

from .errors import PatroltlError, UsageError
from .export import css_color
from .knowledge import Knowledge
from .models import Event

# Without colour each type gets its own fill, in the vocabulary's order.
GLYPHS = "█▓▒░#=+*"
CHART_SUFFIXES = (".png", ".svg", ".pdf")

Month = tuple[int, int]


@dataclass(frozen=True)
class MonthlyCounts:
    """Events per (year, month) and type; ``months`` spans first to last month, empty ones included."""

    months: tuple[Month, ...]
    types: tuple[str, ...]
    counts: dict[Month, Counter[str]]
    not_shown: int

    def total(self, month: Month) -> int:
        return sum(self.counts.get(month, Counter()).values())


def _next(m: Month) -> Month:
    return (m[0] + 1, 1) if m[1] == 12 else (m[0], m[1] + 1)


def monthly_counts(events: Sequence[Event], kn: Knowledge | None = None) -> MonthlyCounts:
    kn = kn or Knowledge.bundled()
    counts: dict[Month, Counter[str]] = {}
    not_shown = 0
    for ev in events:
        if ev.date.precision not in ("day", "days", "month"):
            not_shown += 1
            continue
        counts.setdefault((ev.date.start.year, ev.date.start.month), Counter())[ev.type] += 1
    months: list[Month] = []
    if counts:
        m, last = min(counts), max(counts)
        while m <= last:
            months.append(m)
            m = _next(m)
    present = {t for c in counts.values() for t in c}
    order = [t.name for t in kn.vocabulary.types]
    types = tuple(t for t in order if t in present) + tuple(sorted(present - set(order)))
    return MonthlyCounts(tuple(months), types, counts, not_shown)


def _segments(counts: Counter[str], types: Sequence[str], scale: float) -> list[tuple[str, int]]:
    """Cells per type for one bar, by cumulative rounding so the bar's length stays proportional."""
    out: list[tuple[str, int]] = []
    cum = 0
    drawn = 0
    for t in types:
        if not counts[t]:
            continue
        cum += counts[t]
        end = round(cum * scale)
        out.append((t, end - drawn))
        drawn = end
    return out


class MonthChart:
    """Horizontal stacked bars, one line per month with events (runs of empty months folded into one
    line), one colour (or, without colour, one fill) per event type, scaled to the width."""

    def __init__(self, events: Sequence[Event], kn: Knowledge) -> None:
        self.kn = kn
        self.data = monthly_counts(events, kn)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        data = self.data
        vocab = self.kn.vocabulary
        plain = console.no_color or console.color_system is None
        glyph = {t: (GLYPHS[i % len(GLYPHS)] if plain else "█") for i, t in enumerate(data.types)}
        shown = sum(data.total(m) for m in data.months)
        caption = f"Events per month: {shown} dated to a month or day"
        if data.not_shown:
            caption += f"; {data.not_shown} with a year only or undated are not counted"
        yield Text(caption, style="bold")
        if not data.months:
            yield Text("No event is dated to a month.")
            return
        yield Columns([Text(f"{glyph[t]} {vocab.label(t)}", style=vocab.color(t)) for t in data.types], padding=(0, 2))
        peak = max(data.total(m) for m in data.months)
        room = max(options.max_width - 8 - len(str(peak)) - 1, 4)
        scale = float(min(4, room // peak)) if peak <= room else room / peak
        gap = 0
        for m in data.months:
            total = data.total(m)
            if total == 0:
                gap += 1
                continue
            if gap:
                months = f"{gap} month{'s' if gap != 1 else ''}"
                yield Text(f"   ⋮    {months} without events", style="dim")
                gap = 0
            line = Text(f"{m[0]:04d}-{m[1]:02d} ")
            for t, cells in _segments(data.counts[m], data.types, scale):
                line.append(glyph[t] * cells, style=vocab.color(t))
            line.append(f" {total}")
            yield line


def chart_renderable(events: Sequence[Event], kn: Knowledge | None = None) -> RenderableType:
    """Events per month as a stacked bar chart for the terminal."""
    kn = kn or Knowledge.bundled()
    return MonthChart(events, kn)


def _matplotlib_figure() -> Any:
    try:
        module = importlib.import_module("matplotlib.figure")
    except ImportError:
        raise PatroltlError("charts as files need matplotlib: pip install 'patroltl[plot]'") from None
    return module.Figure


def write_chart(events: Sequence[Event], path: Path, kn: Knowledge | None = None) -> None:
    """Events per month as a stacked bar chart in a PNG, SVG or PDF file (chosen by the suffix).

    Needs the ``plot`` extra; matplotlib is imported here, never at import time. Uses matplotlib's
    object API (no pyplot, no global backend or state)."""
    kn = kn or Knowledge.bundled()
    suffix = path.suffix.lower()
    if suffix not in CHART_SUFFIXES:
        raise UsageError(f"{path}: a chart file must end in {', '.join(CHART_SUFFIXES)}")
    figure_cls = _matplotlib_figure()
    data = monthly_counts(events, kn)
    vocab = kn.vocabulary
    n = max(len(data.months), 1)
    fig = figure_cls(figsize=(min(max(6.0, 0.22 * n + 2), 24.0), 4.5), layout="constrained")
    ax = fig.add_subplot()
    xs = list(range(len(data.months)))
    bottom = [0] * len(data.months)
    for t in data.types:
        heights = [data.counts.get(m, Counter())[t] for m in data.months]
        ax.bar(xs, heights, bottom=bottom, color=css_color(vocab.color(t)), label=vocab.label(t), width=0.85)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    step = max(1, len(xs) // 24)
    ax.set_xticks(xs[::step], [f"{y:04d}-{m:02d}" for y, m in data.months][::step], rotation=90, fontsize=8)
    ax.set_ylabel("events")
    ax.yaxis.get_major_locator().set_params(integer=True)
    title = "Events per month"
    if data.not_shown:
        title += f" ({data.not_shown} with a year only or undated not counted)"
    ax.set_title(title)
    if data.types:
        ax.legend(loc="upper left", fontsize=8, frameon=False)
    else:
        ax.text(0.5, 0.5, "No event is dated to a month", ha="center", va="center", transform=ax.transAxes)
    metadata: dict[str, Any] = {"Date": None} if suffix in (".svg", ".pdf") else {}
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format=suffix[1:], metadata=metadata)
