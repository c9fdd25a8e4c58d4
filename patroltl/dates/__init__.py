"""Dates, in HeidelTime's two phases: tag the text's temporal expressions (``tagger``), find the
article's own time (``publication``), then ground each expression against it (``ground``), with
every year a year-less date gets decided in ``years``.

``ground_text`` runs the phases on one text and returns a :class:`Grounding`: the publication
interval, every grounded expression (:class:`Timex`), and the tags themselves, which are stored with
the article so that ``reground`` can ground them again when its publication date becomes better
known (another source dates the same event) without reading the article again.

Pure: no clock, no printing, no files but the knowledge it is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from ..intervals import interval, open_interval
from ..knowledge import Knowledge
from ..models import DateInterval, Tag, format_interval
from ..text import Sentences, split
from . import publication, years
from .ground import Timex, allowed_anchors, day_anchors, ground_all, relative
from .tagger import MAX_TEXT, tag, under_year_headings

__all__ = [
    "Grounding",
    "Timex",
    "format_interval",
    "ground_text",
    "parse_date_arg",
    "reground",
]


@dataclass(frozen=True)
class Grounding:
    published: DateInterval
    timexes: tuple[Timex, ...]
    # Character span of the header/dateline the publication date came from (excluded from timexes).
    published_span: tuple[int, int] | None = None
    notes: tuple[str, ...] = ()
    # The tagged expressions the timexes were grounded from (timex.index points into them).
    tags: tuple[Tag, ...] = ()


def ground_text(
    text: str,
    *,
    published: str | None = None,
    url: str | None = None,
    kn: Knowledge | None = None,
    sentences: Sentences | None = None,
) -> Grounding:
    """Find the article's own time and ground every temporal expression of ``text``."""
    if not isinstance(text, str):
        text = str(text)
    kn = kn or Knowledge.bundled()
    sentences = sentences or split(text, kn.lexicon)
    notes = [f"only the first {MAX_TEXT} characters analysed for dates"] if len(text) > MAX_TEXT else []
    page = publication.page_date(text, tag(text, sentences, kn), published, kn, url)
    # after the page's own date is found: a heading's year is no date of the page ("2020 [edit]")
    page = replace(page, tags=under_year_headings(text, page.tags))
    anchored = allowed_anchors(page.tags, page.pub, kn)
    # The anchors that publication refused are dropped from the tags: what is stored is decided.
    tags = tuple(t if i in anchored or t.anchor is None else replace(t, anchor=None) for i, t in enumerate(page.tags))
    pub = page.pub
    named = frozenset(t.start for t in tags if t.y is not None and publication.names_event(text, t.start, kn))
    if pub is None:
        anchors = day_anchors(tags, anchored, kn, named)
        pub = publication.infer(text, tags, sentences, anchored, anchors, page.dateline, kn, page)
    elif page.readings:
        on_weekday = _on_its_weekday(page.readings, tags)
        if on_weekday is not None:
            d, why = on_weekday
            pub = replace(pub, start=d, end=d, precision="day", evidence=(*pub.evidence, why))
        else:
            pub = _reading(pub, page.readings, publication.infer(text, tags, sentences, anchored, (), None, kn, page))
    timexes = ground_all(tags, pub, kn, anchored, named)
    return Grounding(pub, timexes, page.span, (*notes, *page.notes), tags)


def _on_its_weekday(readings: Sequence[date], tags: Sequence[Tag]) -> tuple[date, str] | None:
    """The one reading of a numeric stamp that falls on the weekday the text gives its own day
    ("yesterday, Tuesday": the page is of a Wednesday), with why; None when none or both do."""
    told = [t for t in tags if t.rel in ("today", "days") and t.wd is not None]
    days = {((t.wd or 0) - t.n) % 7 for t in told}
    if len(days) != 1:
        return None
    kept = [d for d in readings if d.weekday() in days]
    if len(kept) != 1:
        return None
    return kept[0], f"{kept[0].isoformat()}: the reading on the weekday '{told[0].text.strip()}' gives the page"


def _reading(pub: DateInterval, readings: Sequence[date], allowed: DateInterval) -> DateInterval:
    """ "09/11/2019" is 9 November or 11 September: the one day the text's own dates allow ("since
    the agreement in Sochi on October 22") is the page's; if both or neither, the span of both."""
    fits = [d for d in readings if allowed.start <= d <= allowed.end]
    if len(fits) != 1:
        return pub
    d = fits[0]
    why = f"{d.isoformat()}: the reading the text allows ({'; '.join(allowed.evidence[1:]) or allowed.evidence[0]})"
    return replace(pub, start=d, end=d, precision="day", evidence=(*pub.evidence, why))


def reground(tags: Sequence[Tag], published: DateInterval, kn: Knowledge | None = None) -> tuple[Timex, ...]:
    """The article's stored tags grounded against a (better known) publication interval."""
    kn = kn or Knowledge.bundled()
    return ground_all(tags, published, kn, allowed_anchors(tags, None, kn))


# --------------------------------------------------------------------------------------------
# What a user types for --since/--until/--published
# --------------------------------------------------------------------------------------------


def parse_date_arg(value: str, *, today: date, kn: Knowledge | None = None) -> DateInterval | None:
    """'2019', '2019-11', '1 Nov 2019', '2019..2020-03', 'today', 'yesterday', 'last week',
    '3 months ago' -> the interval; None if it is not a date."""
    if not isinstance(value, str):
        return None
    kn = kn or Knowledge.bundled()
    v = " ".join(value.split())
    if not v or len(v) > 80:
        return None
    if ".." in v:
        return _range_arg(v, value, today, kn)
    iv = publication.parse_absolute(v, kn)
    if iv is not None:
        return replace(iv, text=value)
    t = _relative_arg(v, kn)
    if t is None:
        return None
    pub = interval(today, today, "today", ["today"])
    frame = years.Frame(pub, True, years.parts(kn.lexicon))
    try:
        out = relative(t, frame, None)
    except (ValueError, OverflowError):
        return None
    return replace(out, text=value, evidence=(f"'{value}' relative to {today.isoformat()}",))


def _range_arg(v: str, value: str, today: date, kn: Knowledge) -> DateInterval | None:
    a, _, b = v.partition("..")
    ia = parse_date_arg(a, today=today, kn=kn) if a else None
    ib = parse_date_arg(b, today=today, kn=kn) if b else None
    if (a and ia is None) or (b and ib is None) or (ia is None and ib is None):
        return None
    s = ia.start if ia else open_interval().start
    e = ib.end if ib else open_interval().end
    if e < s:
        return None
    return interval(s, e, value, ["range"])


def _relative_arg(v: str, kn: Knowledge) -> Tag | None:
    """A relative date that is the whole of the value ("last week", "3 months ago"), read with the
    text's own date grammar."""
    found = tag(v, split(v, kn.lexicon), kn)
    if len(found) == 1 and found[0].kind == "relative" and (found[0].start, found[0].end) == (0, len(v)):
        return found[0]
    return None
