"""The HTML page: one self-contained file to browse the chronology, written from a Jinja2 template
(``templates/page.html.j2``, autoescaped: every piece of article text is HTML-escaped by Jinja2,
never by hand).

The page holds the list of events (by year and month, each with its date in words, its sources as
links), filters (dates, type, side, outlet with all/none, text, the map's view) and a map: Leaflet
with clustered markers over a basemap of the region (``data/basemap.geojson``, Natural Earth),
zoomed to the events shown. Leaflet and Leaflet.markercluster are vendored in ``assets/`` and
inlined; the Content-Security-Policy allows no network at all and only the page's own scripts, by
their SHA-256.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from .contract import candidate_years
from .export import (
    DEFAULT_OPTIONS,
    SIDE_COLORS,
    TITLE,
    ExportOptions,
    coordinates,
    css_color,
    describe_date,
    display_date,
    mention_url,
    one_line,
    period_label,
    plural,
    sections,
    source_label,
    year_label,
)
from .intervals import is_dated
from .knowledge import Knowledge
from .knowledge.resources import data_path
from .models import Event, format_interval

ASSETS = Path(__file__).resolve().parent / "assets"
TEMPLATES = Path(__file__).resolve().parent / "templates"
SCRIPTS = ("leaflet/leaflet.js", "markercluster/leaflet.markercluster.js", "page.js")
STYLES = (
    "leaflet/leaflet.css",
    "markercluster/MarkerCluster.css",
    "markercluster/MarkerCluster.Default.css",
    "page.css",
)
# The region the map shows when no event is placed: Syria and its neighbours (west, south, east, north).
REGION = (35.5, 32.3, 42.4, 37.4)
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=\S{1,200}$", re.MULTILINE)


def _ident(value: str) -> str:
    """A safe CSS class / data value from our own vocabulary words."""
    return re.sub(r"[^a-z0-9_-]", "_", value.lower())


@cache
def _asset(name: str) -> str:
    text = (ASSETS / name).read_text(encoding="utf-8")
    return _SOURCE_MAP.sub("", text) if name.endswith(".js") else text


@cache
def _basemap() -> Any:
    return json.loads(data_path("basemap.geojson").read_text(encoding="utf-8"))


@cache
def _template() -> Any:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    return env.get_template("page.html.j2")


def script_hash(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def json_for_script(value: object) -> str:
    """JSON to sit inside <script type="application/json">: no '<', '>' or '&' left raw, so no text
    can close the element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def precision_label(precision: str) -> str:
    """The precision as the page says it: "day", "range of days", "month", "year", "unknown"."""
    return "range of days" if precision == "days" else precision


def _event_row(ev: Event, kn: Knowledge, outlet_index: dict[str, int], sides: dict[str, str]) -> dict[str, Any]:
    label = kn.outlets.side_label
    dated = is_dated(ev.date)
    return {
        "id": _ident(ev.id),
        "type": _ident(ev.type),
        "type_label": kn.vocabulary.label(ev.type),
        "precision": _ident(ev.date.precision),
        "precision_label": precision_label(ev.date.precision),
        "date": display_date(ev),
        "date_words": describe_date(ev.date, kn, candidate_years(ev)),
        "start": ev.date.start.isoformat() if dated else "",
        "end": ev.date.end.isoformat() if dated else "",
        "summary": one_line(ev.summary),
        "place": one_line(ev.place.name) if ev.place else "",
        "outlet_ids": " ".join(str(outlet_index[o]) for o in ev.sources),
        "side_ids": " ".join(sorted({_ident(sides[o]) for o in ev.sources})),
        "sources": [{"name": one_line(o), "side": _ident(sides[o]), "side_label": label(sides[o])} for o in ev.sources],
        "mentions": [
            {
                "outlet": one_line(sm.outlet),
                "side_label": label(sm.side),
                "published": format_interval(sm.published) if is_dated(sm.published) else "",
                "url": mention_url(sm),
                "label": source_label(sm),
                "sentence": one_line(sm.mention.sentence),
            }
            for sm in ev.members
        ],
        "on_map": coordinates(ev) is not None,
    }


def _css(kn: Knowledge) -> str:
    parts = [_asset(name) for name in STYLES]
    for t in kn.vocabulary.types:
        parts.append(f".ty-{_ident(t.name)}{{color:{css_color(t.color)}}}")
    for side, color in SIDE_COLORS.items():
        parts.append(f".side-{_ident(side)}{{color:{css_color(color)}}}")
    return "\n".join(parts)


def _bounds(markers: Sequence[tuple[str, float, float, str]]) -> list[float]:
    """[west, south, east, north] of the markers (padded a little), or the region with none."""
    if not markers:
        return list(REGION)
    lats = [m[1] for m in markers]
    lons = [m[2] for m in markers]
    pad = 0.3
    return [min(lons) - pad, min(lats) - pad, max(lons) + pad, max(lats) + pad]


def page_context(events: Sequence[Event], kn: Knowledge) -> dict[str, Any]:
    """Everything the template shows, as plain values (the template escapes the text)."""
    from markupsafe import Markup

    vocab = kn.vocabulary
    type_count = Counter(ev.type for ev in events)
    outlet_count = Counter(o for ev in events for o in ev.sources)
    sides = {sm.outlet: sm.side for ev in events for sm in ev.members}
    side_count = Counter(sides[o] for ev in events for o in {*ev.sources})
    outlet_index = {o: i for i, o in enumerate(sorted(outlet_count))}
    markers = [(_ident(ev.id), xy[1], xy[0], _ident(ev.type)) for ev in events if (xy := coordinates(ev)) is not None]
    dated = [ev for ev in events if is_dated(ev.date)]
    scripts = [_asset(name) for name in SCRIPTS]
    data = {"markers": [list(m) for m in markers], "bounds": _bounds(markers), "basemap": _basemap()}
    return {
        "title": TITLE,
        "count": plural,
        "css": Markup(_css(kn)),
        "events": events,
        "mentions": sum(len(ev.members) for ev in events),
        "undated": len(events) - len(dated),
        "unplaced": len(events) - len(markers),
        "markers": markers,
        "first_day": min((ev.date.start for ev in dated), default=None),
        "last_day": max((ev.date.end for ev in dated), default=None),
        "types": [
            {"ident": _ident(t.name), "label": t.label, "count": type_count[t.name]}
            for t in vocab.types
            if type_count[t.name]
        ],
        "sides": [
            {"ident": _ident(s), "label": kn.outlets.side_label(s), "count": n}
            for s, n in sorted(side_count.items(), key=lambda kv: kn.outlets.side_label(kv[0]))
        ],
        "outlets": [
            {
                "index": i,
                "name": one_line(o),
                "side": _ident(sides[o]),
                "side_label": kn.outlets.side_label(sides[o]),
                "count": outlet_count[o],
            }
            for o, i in outlet_index.items()
        ],
        "sections": [
            {
                "new_year": new_year,
                "year": year_label(period),
                "label": period_label(period, kn),
                "events": [_event_row(ev, kn, outlet_index, sides) for ev in run],
            }
            for new_year, period, run in sections(events)
        ],
        "data": Markup(json_for_script(data)),
        "scripts": [Markup(s) for s in scripts],
        "script_hashes": [script_hash(s) for s in scripts],
    }


def to_html(events: Sequence[Event], kn: Knowledge | None = None, options: ExportOptions = DEFAULT_OPTIONS) -> str:
    """The chronology as one self-contained page (see the module's docstring)."""
    kn = kn or Knowledge.bundled()
    return str(_template().render(page_context(events, kn)))
