"""Exports of the chronology. ``to_contract`` is the public JSON contract of `timeline --format json`:
extend it freely, never break it.

Every exporter is a pure function of the (already filtered and ordered) event list, the knowledge
and the ``ExportOptions`` the shell adds (the export's time, Excel) to text, and keeps the order it is
given. Each cites its sources (every mention's article URL and headline where known, ``safe_url``:
only http(s), percent-encoded) and says each date's uncertainty (``describe_date``). Article text is
hostile: each format escapes it the way its readers need (CSV formula prefixes, Markdown punctuation,
RFC 5545 text by the icalendar library, HTML by html.escape here and by Jinja2's autoescape in
``patroltl.page``), after :func:`clean_text` has taken out control characters, bidi overrides and
invisible characters. What a format cannot hold is counted by ``left_out`` for a note.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from html import escape
from typing import Any, Protocol
from urllib.parse import quote, urlsplit

from .contract import candidate_years, dumps, json_text, to_jsonl
from .contract import number as _number
from .intervals import is_dated
from .knowledge import Knowledge
from .models import EARLIEST, LATEST, DateInterval, Event, StoredMention, format_interval
from .views import (
    FORMAT_ALIASES as FORMAT_ALIASES,
)
from .views import (
    FORMATS as FORMATS,
)
from .views import (
    MUTED as MUTED,
)
from .views import (
    SIDE_COLORS as SIDE_COLORS,
)
from .views import (
    SUFFIX_FORMATS as SUFFIX_FORMATS,
)
from .views import (
    UNSAFE as UNSAFE,
)
from .views import (
    clean_text as clean_text,
)
from .views import (
    format_for as format_for,
)
from .views import (
    one_line as one_line,
)
from .views import (
    outlet_sides as outlet_sides,
)
from .views import (
    period_label as period_label,
)
from .views import (
    period_of as period_of,
)
from .views import (
    plural as plural,
)
from .views import (
    sections as sections,
)
from .views import (
    year_label as year_label,
)

TITLE = "Turkish-Russian joint patrols in Syria"
# Rich's standard colour names as fixed CSS colours, legible on a white page.
CSS_COLORS = {
    "black": "#000000",
    "red": "#b22222",
    "green": "#1a7f37",
    "yellow": "#9a6700",
    "blue": "#1f4fbf",
    "magenta": "#a626a4",
    "cyan": "#0e7c86",
    "white": "#6e6e6e",
    "default": "#57606a",
    "dim": "#8a8a8a",
    "bright_black": "#8a8a8a",
    "bright_red": "#e0422f",
    "bright_green": "#2da44e",
    "bright_yellow": "#bf8700",
    "bright_blue": "#3b82f6",
    "bright_magenta": "#d946ef",
    "bright_cyan": "#0891b2",
    "bright_white": "#9a9a9a",
}


# --- options --------------------------------------------------------------------------------------

# What an export made without a clock says it was made at (the CLI always passes the time).
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class ExportOptions:
    """What the shell adds to an export: when it was made (iCalendar's DTSTAMP, RFC 5545: the time
    the calendar was written; the core never reads the clock) and whether a CSV is for Excel (a
    UTF-8 byte-order mark, without which Excel reads UTF-8 as Windows-1252)."""

    generated: datetime = EPOCH
    excel: bool = False


DEFAULT_OPTIONS = ExportOptions()


# --- shared helpers ------------------------------------------------------------------------------


def display_date(ev: Event) -> str:
    """The compact date, with candidate years for a year-less month/day: ``????-03-15 (2019|2020?)``."""
    text = format_interval(ev.date)
    years = candidate_years(ev)
    return f"{text} ({'|'.join(map(str, years))}?)" if years else text


# Characters a URL keeps as they are; anything else (spaces, quotes, angle brackets, controls,
# non-ASCII) is percent-encoded, so a URL is one inert token in every format.
_URL_SAFE = ":/?#@!$&'()*+,;=%~-._"


def safe_url(url: str | None) -> str | None:
    """An article's address fit to be a link: http or https with a host, percent-encoded where it is
    not plain ASCII; None for anything else (a ``javascript:`` URL, a bare word, a file path)."""
    if not url:
        return None
    text = clean_text(url).strip()
    if not text or len(text) > 2000:
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return quote(text, safe=_URL_SAFE)


def mention_url(sm: StoredMention) -> str | None:
    return safe_url(sm.url)


def event_urls(ev: Event) -> list[str]:
    """The distinct article URLs of an event's mentions, in the members' order."""
    seen: dict[str, None] = {}
    for sm in ev.members:
        url = mention_url(sm)
        if url:
            seen.setdefault(url, None)
    return list(seen)


def source_label(sm: StoredMention) -> str:
    """What a reader cites a mention by: the article's headline, else its address, else its path."""
    return one_line(sm.title or "") or (mention_url(sm) or one_line(sm.article_path))


def event_ordinal(ev: Event) -> int | None:
    """The event's number in its series ("the 5th joint patrol"): the number most of its mentions
    give (the smallest on a tie), or None."""
    counts = Counter(sm.mention.ordinal for sm in ev.members if isinstance(sm.mention.ordinal, int))
    if not counts:
        return None
    return int(min(counts, key=lambda n: (-counts[n], n)))


def figure_names(events: Sequence[Event]) -> list[str]:
    """Every figure any of the events gives, sorted: one CSV or GeoJSON column each."""
    return sorted({name for ev in events for name, _ in ev.figures})


# --- dates in words ----------------------------------------------------------------------------


def _day_words(d: date, months: Sequence[str], *, year: bool = True) -> str:
    return f"{d.day} {months[d.month - 1]}" + (f" {d.year}" if year else "")


def describe_date(d: DateInterval, kn: Knowledge, years: Sequence[int] = ()) -> str:
    """The interval in words, its uncertainty said: "1 November 2019", "between 12 March and
    2 April 2019", "March 2019", "2018", "15 March, year unknown (2019 or 2020?)", "after 28 July
    2024", "date unknown"."""
    months = kn.lexicon.month_names()
    s, e = d.start, d.end
    if not is_dated(d):
        if d.month is not None:
            day = f"{d.day} " if d.day else ""
            guess = f" ({' or '.join(map(str, years))}?)" if years else ""
            return f"{day}{months[d.month - 1]}, year unknown{guess}"
        if s > EARLIEST and e >= LATEST:
            return f"after {_day_words(s, months)}"
        if s <= EARLIEST and e < LATEST:
            return f"before {_day_words(e, months)}"
        return "date unknown"
    if d.precision == "day":
        return _day_words(s, months)
    if d.precision == "month":
        return f"{months[s.month - 1]} {s.year}"
    if d.precision == "year":
        return str(s.year)
    if s.year == e.year:
        first = f"{s.day}" if s.month == e.month else _day_words(s, months, year=False)
        return f"between {first} and {_day_words(e, months)}"
    return f"between {_day_words(s, months)} and {_day_words(e, months)}"


# --- csv -------------------------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A spreadsheet-safe cell: numbers as they are, text cleaned and never read as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = clean_text(str(value))
    if text.startswith(FORMULA_START) or text.lstrip().startswith(FORMULA_START):
        return "'" + text
    return text


def _csv(header: Sequence[str], rows: Sequence[Sequence[object]], options: ExportOptions) -> str:
    out = io.StringIO()
    if options.excel:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue()


EVENT_COLUMNS = (
    "id",
    "date",
    "date_start",
    "date_end",
    "precision",
    "candidate_years",
    "type",
    "type_label",
    "summary",
    "place",
    "place_id",
    "lat",
    "lon",
    "outlet_count",
    "outlets",
    "sides",
    "mention_count",
    "figures",
    "ordinal",
    "date_words",
    "url",
    "urls",
    "titles",
)
FIGURE_PREFIX = "figure_"  # then one column per figure: figure_km, figure_vehicles, ...


def to_csv(events: Sequence[Event], kn: Knowledge | None = None, options: ExportOptions = DEFAULT_OPTIONS) -> str:
    """One row per event; each figure in a column of its own (``figure_vehicles``), the ``figures``
    column keeps them all as text; the article URLs and headlines of its mentions."""
    kn = kn or Knowledge.bundled()
    names = figure_names(events)
    return _csv(csv_header(names), [csv_row(ev, names, kn) for ev in events], options)


def csv_header(names: Sequence[str]) -> list[str]:
    """The CSV columns, with one per figure of ``names``."""
    return [*EVENT_COLUMNS, *(FIGURE_PREFIX + n for n in names)]


def csv_row(ev: Event, names: Sequence[str], kn: Knowledge) -> list[object]:
    """One event's CSV row (the cells before ``csv_cell``); a stream writes them one at a time."""
    vocab = kn.vocabulary
    sides = outlet_sides(ev)
    urls = event_urls(ev)
    figures = dict(ev.figures)
    return [
        ev.id,
        format_interval(ev.date),
        ev.date.start.isoformat(),
        ev.date.end.isoformat(),
        ev.date.precision,
        " ".join(map(str, candidate_years(ev))),
        ev.type,
        vocab.label(ev.type),
        ev.summary,
        ev.place.name if ev.place else "",
        ev.place.place_id if ev.place else "",
        ev.place.lat if ev.place else None,
        ev.place.lon if ev.place else None,
        len(sides),
        "; ".join(sorted(sides)),
        "; ".join(sorted(set(sides.values()))),
        len(ev.members),
        "; ".join(f"{k}={_number(v)}" for k, v in ev.figures),
        event_ordinal(ev),
        describe_date(ev.date, kn, candidate_years(ev)),
        urls[0] if urls else "",
        " ".join(urls),
        " | ".join(dict.fromkeys(one_line(sm.title) for sm in ev.members if sm.title)),
        *(_number(figures[n]) if n in figures else None for n in names),
    ]


MENTION_COLUMNS = (
    "event_id",
    "event_date",
    "event_type",
    "mention_key",
    "outlet",
    "side",
    "article",
    "published",
    "mention_type",
    "mention_date",
    "date_text",
    "date_from",
    "place_text",
    "claimant",
    "ordinal",
    "sentence",
    "url",
    "title",
)


def to_csv_mentions(
    events: Sequence[Event], kn: Knowledge | None = None, options: ExportOptions = DEFAULT_OPTIONS
) -> str:
    """One row per mention, grouped by event in the events' order, with its article's URL and headline."""
    kn = kn or Knowledge.bundled()
    rows = []
    for ev in events:
        for sm in ev.members:
            m = sm.mention
            rows.append(
                [
                    ev.id,
                    format_interval(ev.date),
                    ev.type,
                    sm.key,
                    sm.outlet,
                    sm.side,
                    sm.article_path,
                    format_interval(sm.published),
                    m.type,
                    format_interval(m.date),
                    m.date_text,
                    m.date_from,
                    m.place_text,
                    m.claimant,
                    m.ordinal if isinstance(m.ordinal, int) else None,
                    m.sentence,
                    mention_url(sm) or "",
                    sm.title or "",
                ]
            )
    return _csv(MENTION_COLUMNS, rows, options)


# --- markdown --------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>!|~^&$#])")


def md_escape(text: str) -> str:
    """Untrusted text as inert inline Markdown: one line, every active punctuation backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def md_link(text: str, url: str | None) -> str:
    """``text`` (escaped) as a Markdown link to ``url`` when it is a safe http(s) address; the URL in
    angle brackets, where CommonMark takes parentheses and brackets as they are."""
    label = md_escape(text)
    link = safe_url(url)
    return f"[{label}](<{link}>)" if link else label


def _md_note(sm: StoredMention, kn: Knowledge) -> str:
    """A footnote: outlet (side): the headline as a link to the article (or its address, or the file
    it was read from), the sentence, the publication date."""
    where = md_link(source_label(sm), sm.url) if mention_url(sm) else md_escape(source_label(sm))
    if not mention_url(sm) and sm.title:
        where += f" ({md_escape(sm.article_path)})"
    published = f", published {format_interval(sm.published)}" if is_dated(sm.published) else ""
    return (
        f"{md_escape(sm.outlet)} ({md_escape(kn.outlets.side_label(sm.side))}): {where}{published}: "
        f"“{md_escape(sm.mention.sentence)}”"
    )


def to_markdown(events: Sequence[Event], kn: Knowledge | None = None, options: ExportOptions = DEFAULT_OPTIONS) -> str:
    """A report to paste into a document: headings by year and month, a bullet per event with its date
    in words (the interval and how precise it is), sources as footnotes (one per mention) that link
    to the articles."""
    kn = kn or Knowledge.bundled()
    vocab = kn.vocabulary
    outlets = {sm.outlet for ev in events for sm in ev.members}
    undated = sum(1 for ev in events if not is_dated(ev.date))
    lines = [
        f"# {TITLE}",
        "",
        f"{plural(len(events), 'event')} from {plural(len(outlets), 'outlet')} ({undated} undated or year unknown).",
        "",
    ]
    notes: list[str] = []
    for new_year, period, run in sections(events):
        if new_year:
            lines += [f"## {year_label(period)}", ""]
        if period is not None:
            lines += [f"### {period_label(period, kn)}", ""]
        for ev in run:
            refs = []
            for sm in ev.members:
                notes.append(f"[^{len(notes) + 1}]: {_md_note(sm, kn)}")
                refs.append(f"[^{len(notes)}]")
            place = f" — {md_escape(ev.place.name)}" if ev.place else ""
            sources = ", ".join(md_escape(o) for o in ev.sources)
            shown = display_date(ev)
            words = describe_date(ev.date, kn, candidate_years(ev))
            said = f" ({md_escape(words)})" if words != shown else ""
            lines.append(
                f"- **{md_escape(shown)}**{said} · *{md_escape(vocab.label(ev.type))}* · "
                f"{md_escape(ev.summary)}{place} ({plural(len(ev.sources), 'outlet')}: {sources}) "
                f"{''.join(refs)} `{md_escape(ev.id)}`"
            )
        lines.append("")
    if notes:
        lines += [*notes, ""]
    return "\n".join(lines)


# --- TimelineJS ------------------------------------------------------------------------------------


def _tl_date(d: date, parts: int) -> dict[str, int]:
    out = {"year": d.year}
    if parts >= 2:
        out["month"] = d.month
    if parts >= 3:
        out["day"] = d.day
    return out


def _html_link(text: str, url: str | None) -> str:
    """Escaped ``text``, as a link to ``url`` when that is a safe http(s) address."""
    link = safe_url(url)
    label = escape(text)
    return f'<a href="{escape(link)}" rel="noopener noreferrer">{label}</a>' if link else label


def _html_sources(ev: Event, kn: Knowledge) -> str:
    items = "".join(
        f"<li><strong>{escape(one_line(sm.outlet))}</strong> ({escape(kn.outlets.side_label(sm.side))}): "
        f"{_html_link(source_label(sm), sm.url)}: “{escape(one_line(sm.mention.sentence))}”</li>"
        for sm in ev.members
    )
    return f"<ul>{items}</ul>"


TL_PARTS = {"day": 3, "days": 3, "month": 2, "year": 1}  # the date parts TimelineJS is given


def _tl_slide(ev: Event, kn: Knowledge) -> dict[str, Any]:
    """One slide: a point in time, never a bar. A range of candidate days is a point at its first day
    whose ``display_date`` says the range ("between 12 March and 2 April 2019"); the outlets are the
    slide's credit, the first article its media link."""
    d = ev.date
    place = f"<p>Place: {escape(one_line(ev.place.name))}</p>" if ev.place else ""
    n = len(ev.sources)
    outlets = ", ".join(one_line(o) for o in ev.sources)
    slide: dict[str, Any] = {
        "start_date": _tl_date(d.start, TL_PARTS[d.precision]),
        "display_date": escape(describe_date(d, kn)),
        "text": {
            "headline": escape(one_line(ev.summary)),
            "text": f"<p>{escape(describe_date(d, kn))} ({escape(format_interval(d))}, {escape(d.precision)})</p>"
            f"{place}<p>{plural(n, 'outlet')}: {escape(outlets)}</p>{_html_sources(ev, kn)}",
        },
        "group": kn.vocabulary.label(ev.type),
        "unique_id": ev.id,
    }
    urls = event_urls(ev)
    if urls:
        first = next(sm for sm in ev.members if mention_url(sm) == urls[0])
        slide["media"] = {
            "url": urls[0],
            "link": urls[0],
            "credit": escape(outlets),
            "caption": escape(source_label(first)),
        }
    return slide


def to_timelinejs(
    events: Sequence[Event], kn: Knowledge | None = None, options: ExportOptions = DEFAULT_OPTIONS
) -> str:
    """Knight Lab TimelineJS3 JSON. TimelineJS shows headline and text as HTML, so both are escaped.
    Events without a known year cannot be placed on its axis and are counted in the title slide."""
    kn = kn or Knowledge.bundled()
    slides = [_tl_slide(ev, kn) for ev in events if is_dated(ev.date)]
    skipped = len(events) - len(slides)
    intro = f"{plural(len(slides), 'dated event')}"
    if skipped:
        intro += f"; {skipped} undated or year-unknown {'event is' if skipped == 1 else 'events are'} not shown"
    title = {"text": {"headline": escape(TITLE), "text": f"<p>{escape(intro)}</p>"}}
    doc = {"title": title, "events": slides}
    return json_text(doc, indent=2) + "\n"


# --- GeoJSON ---------------------------------------------------------------------------------------


def coordinates(ev: Event) -> tuple[float, float] | None:
    """(lon, lat) of the event's place when it has valid ones."""
    p = ev.place
    if p is None or p.lat is None or p.lon is None:
        return None
    lat, lon = float(p.lat), float(p.lon)
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lon, lat


def geo_properties(ev: Event, kn: Knowledge, names: Sequence[str]) -> dict[str, Any]:
    """Flat properties (no nested object or list: QGIS, GDAL and spreadsheets read each as a column):
    the date as ISO ``date_start``/``date_end`` for QGIS's temporal controller, and each figure as
    ``figure_NAME`` (``names``: the figures of the whole collection, so every feature has them all)."""
    urls = event_urls(ev)
    p = ev.place
    figures = dict(ev.figures)
    props: dict[str, Any] = {
        "id": ev.id,
        "date_start": ev.date.start.isoformat(),
        "date_end": ev.date.end.isoformat(),
        "precision": ev.date.precision,
        "date": format_interval(ev.date),
        "date_words": describe_date(ev.date, kn, candidate_years(ev)),
        "type": ev.type,
        "type_label": kn.vocabulary.label(ev.type),
        "summary": ev.summary,
        "place": p.name if p else None,
        "place_id": p.place_id if p else None,
        "place_kind": p.kind if p else None,
        "n_outlets": len(ev.sources),
        "outlets": "; ".join(ev.sources),
        "sides": "; ".join(sorted({sm.side for sm in ev.members})),
        "n_mentions": len(ev.members),
        "ordinal": event_ordinal(ev),
        "url": urls[0] if urls else None,
        "urls": " ".join(urls),
    }
    for name in names:
        props[FIGURE_PREFIX + name] = _number(figures[name]) if name in figures else None
    return props


def to_geojson(events: Sequence[Event], kn: Knowledge | None = None, options: ExportOptions = DEFAULT_OPTIONS) -> str:
    """RFC 7946 FeatureCollection: a Point ([lon, lat]) per event with a located place, its properties
    flat (see ``geo_properties``)."""
    kn = kn or Knowledge.bundled()
    located = [(ev, xy) for ev in events if (xy := coordinates(ev)) is not None]
    names = figure_names([ev for ev, _ in located])
    features = [
        {
            "type": "Feature",
            "id": ev.id,
            "geometry": {"type": "Point", "coordinates": [xy[0], xy[1]]},
            "properties": geo_properties(ev, kn, names),
        }
        for ev, xy in located
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json_text(collection, indent=2) + "\n"


# --- iCalendar -------------------------------------------------------------------------------------


ICS_PRECISIONS = ("day", "days", "month")  # a calendar entry spans these; a year or no date, no entry


def _ics_description(ev: Event, kn: Knowledge) -> str:
    d = ev.date
    head = (
        f"{describe_date(d, kn)} ({format_interval(d)}, precision: {d.precision}). "
        f"{plural(len(ev.sources), 'outlet')}: {', '.join(one_line(o) for o in ev.sources)}."
    )
    lines = [head]
    for sm in ev.members:
        url = mention_url(sm)
        cite = one_line(sm.title or "") or one_line(sm.article_path)
        lines.append(
            f"“{one_line(sm.mention.sentence)}” — {one_line(sm.outlet)}, {cite}" + (f" <{url}>" if url else "")
        )
    return clean_text("\n".join(lines))


def _ics_event(ev: Event, kn: Knowledge, stamp: datetime) -> Any:
    from icalendar import Event as VEvent

    d = ev.date
    label = kn.vocabulary.label(ev.type)
    vevent = VEvent()
    vevent.add("uid", f"{clean_text(ev.id)}@patroltl")
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", d.start)
    vevent.add("dtend", d.end + timedelta(days=1))  # exclusive, RFC 5545 3.6.1
    uncertain = "" if d.precision == "day" else f" ({describe_date(d, kn)})"
    vevent.add("summary", clean_text(f"{label}: {one_line(ev.summary)}{uncertain}"))
    vevent.add("categories", [clean_text(label)])
    if ev.place is not None:
        vevent.add("location", one_line(ev.place.name))
        xy = coordinates(ev)
        if xy is not None:
            vevent.add("geo", (xy[1], xy[0]))
    urls = event_urls(ev)
    if urls:
        vevent.add("url", urls[0])
    vevent.add("description", _ics_description(ev, kn))
    vevent.add("transp", "TRANSPARENT")
    return vevent


def to_ics(events: Sequence[Event], kn: Knowledge | None = None, options: ExportOptions = DEFAULT_OPTIONS) -> str:
    """iCalendar (written with the icalendar library): one all-day VEVENT per event dated to a day, a
    range of candidate days or a month, spanning it, its summary saying the uncertainty ("between 12
    and 20 March 2019"); an event known only to a year, or undated, has no entry (``left_out`` counts
    them for the note the shell prints). Stable UIDs (the event id); DTSTAMP is the export time."""
    from icalendar import Calendar

    kn = kn or Knowledge.bundled()
    cal = Calendar()
    for key, value in (
        ("prodid", "-//patroltl//chronology//EN"),
        ("version", "2.0"),
        ("calscale", "GREGORIAN"),
        ("method", "PUBLISH"),
        ("x-wr-calname", TITLE),
    ):
        cal.add(key, value)
    stamp = options.generated.astimezone(UTC).replace(microsecond=0)
    for ev in events:
        if ev.date.precision in ICS_PRECISIONS:
            cal.add_component(_ics_event(ev, kn, stamp))
    return bytes(cal.to_ical()).decode("utf-8")


# --- what a format leaves out ----------------------------------------------------------------------


def left_out(format_: str, events: Sequence[Event]) -> str | None:
    """The note the shell prints on stderr when a format cannot hold some events: none is dropped
    silently."""
    if format_ == "ics":
        year = sum(1 for ev in events if ev.date.precision == "year")
        undated = sum(1 for ev in events if not is_dated(ev.date))
        parts = [f"{year} dated only to a year"] if year else []
        parts += [f"{undated} undated or year unknown"] if undated else []
        if parts:
            return f"the calendar has no entry for {plural(year + undated, 'event')} ({', '.join(parts)})"
    elif format_ == "timelinejs":
        undated = sum(1 for ev in events if not is_dated(ev.date))
        if undated:
            return f"the timeline cannot place {plural(undated, 'event')} undated or year unknown (see its title slide)"
    elif format_ == "geojson":
        unplaced = sum(1 for ev in events if coordinates(ev) is None)
        if unplaced:
            verb = "is" if unplaced == 1 else "are"
            return f"{plural(unplaced, 'event')} without a located place {verb} not in the GeoJSON"
    return None


# --- HTML ------------------------------------------------------------------------------------------


def css_color(name: str) -> str:
    """A Rich colour name as a CSS colour: the fixed palette, #rrggbb as it is, else grey."""
    if name in CSS_COLORS:
        return CSS_COLORS[name]
    if re.fullmatch(r"#[0-9a-fA-F]{6}", name):
        return name.lower()
    return "#777777"


def to_html(events: Sequence[Event], kn: Knowledge | None = None, options: ExportOptions = DEFAULT_OPTIONS) -> str:
    """One self-contained page to browse the chronology: see ``patroltl.page``."""
    from .page import to_html as page

    return page(events, kn, options)


class Exporter(Protocol):
    def __call__(self, events: Sequence[Event], kn: Knowledge | None = ..., options: ExportOptions = ...) -> str: ...


def _json(events: Sequence[Event], kn: Knowledge | None = None, options: ExportOptions = DEFAULT_OPTIONS) -> str:
    return dumps(events, kn)


def _jsonl(events: Sequence[Event], kn: Knowledge | None = None, options: ExportOptions = DEFAULT_OPTIONS) -> str:
    return to_jsonl(events, kn)


# Every export format: name -> a function of the (already filtered, ordered) events to text.
# The CLI offers exactly these names for `timeline --format` (``views.FORMATS``, and its aliases).
EXPORTERS: dict[str, Exporter] = {
    "json": _json,
    "jsonl": _jsonl,
    "csv": to_csv,
    "csv-mentions": to_csv_mentions,
    "markdown": to_markdown,
    "timelinejs": to_timelinejs,
    "geojson": to_geojson,
    "ics": to_ics,
    "html": to_html,
}


def export_bytes(
    format_: str, events: Sequence[Event], kn: Knowledge, options: ExportOptions = DEFAULT_OPTIONS
) -> bytes:
    """The export as the bytes written (UTF-8; CSV for Excel with its byte-order mark)."""
    return EXPORTERS[format_](events, kn, options).encode("utf-8")
