"""The article's own time: the page's date (metadata, a date header, a dateline, a page timestamp),
or else the interval the text's own evidence allows (``infer``).

The page's date is looked for in this order: metadata (``--published``, a sidecar, a page's meta
tags), a ``date YYYY-MM-DD`` header line, a dateline or page timestamp near the top ("MOSCOW,
November 5. /TASS/.", "ANKARA (Sputnik - 3rd May, 2021)", "• May 5 2021 09:12"). A dateline
without a year fixes the day and month; the year then comes from the text (``infer``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache

from ..intervals import interval, month_end, open_interval, precision_of, safe_date, shift
from ..knowledge import ChronologyEntry, Knowledge, Lexicon
from ..knowledge.lexicon import alternation
from ..models import EARLIEST, LATEST, DateInterval, Tag
from ..text import Sentences
from . import years
from .tagger import _from_match, grammar

_DL_CITY = re.compile(
    r"(?:^|\n|\)[ \t])[ \t]{0,10}[A-Z][A-Z'.\- ]{1,40}(?:,[ \t]{0,3}[A-Za-z .'\-]{0,30})?,[ \t]{0,3}$"
)
# "(ANSA) - ROME, NOVEMBER 25 - ...": the agency in brackets opens the line, then the city: a dateline
# with or without a year
_DL_AGENCY_CITY = re.compile(
    r"(?:^|\n)[ \t]{0,10}\([A-Za-z][\w .&'/-]{1,30}\)[ \t]{0,3}[-–—][ \t]{0,3}[A-Z][A-Z'.\- ]{1,40},[ \t]{0,3}$"
)
# "Moscow, Mar 5 (PTI)": a city in title case opens the line, its agency in brackets after the day;
# Indian wires put the country in square brackets after the city ("Moscow [Russia], Oct 16 (ANI)")
_DL_TITLE_CITY = re.compile(
    r"(?:^|\n)[ \t]{0,10}[A-Z][a-z'’-]{1,20}(?:[ \t][A-Z][a-z'’-]{1,20}){0,2}"
    r"(?:[ \t]{1,2}\[[A-Z][A-Za-z .'’-]{1,30}\])?,[ \t]{0,3}$"
)
_DL_BRACKET_AGENCY = re.compile(r"\A\.?[ \t]{0,3}(?:/[A-Za-z]{2,12}/|\([A-Z][A-Za-z0-9 .&'/-]{1,40}\))")
_DL_PAREN = re.compile(r"\([^()\n]{0,80}[-–—][ \t]{0,3}$")
_DL_TIME_AFTER = re.compile(r"\A[ \t]{0,3}(?:[|•,–—-][ \t]{0,3})?\d{1,2}:\d\d")
# "01 July 2020 - 30 November 2020": the first day of a range, no page's date
_RANGE_AFTER = re.compile(
    r"\A[ \t]{0,3}(?:[-–—]|to\b|until\b)[ \t]{0,3}"
    r"(?:\d{1,2}(?:st|nd|rd|th)?[ \t]+[A-Za-z]{3,9}|[A-Za-z]{3,9}\.?[ \t]+\d)"
)
# the agency after the date: "/TASS/", "(Reuters)", or its name after a dash that ends the line or a
# sentence ("MOSCOW, November 5 - RIA Novosti.")
_DL_AGENCY = re.compile(
    r"\A\.?[ \t]{0,3}(?:/[A-Za-z]{2,12}/|\([A-Za-z0-9 .&'/-]{2,40}\)"
    r"|[-–—][ \t]{0,3}[A-Z][\w&'-]{1,20}(?:[ \t]+[A-Z][\w&'-]{0,20}){0,3}[ \t]*(?:[.:]|$))",
    re.MULTILINE,
)
_CLOCK = re.compile(
    # "9h15", "14h30": the hour-h-minute clock of French and Portuguese pages ("às 9h15": at)
    r"(?:\s(?:at|@|às|à))?\s?\b(?:\d{1,2}:\d\d(?::\d\d)?|\d{1,2}h\d\d\b|"
    # a clock with a dot ("17.52 GMT"), only where it ends the line or a zone or am/pm follows
    r"\d{1,2}\.\d\d(?![.\d])(?=\s?(?:[AaPp]\.?[Mm]\b|GMT|UTC|[A-Z]{2,4}T\b)|\s*$))"
    r"\s?(?:[AaPp]\.?[Mm]\.?)?(?:\s?(?:GMT|UTC|[A-Z]{2,4}T)(?:[+-]\d{1,2})?)?"
)
# "July, 15, 2020": a comma after the month; "22-Nov-2022": dashes around the month's name
_MONTH_COMMA = re.compile(r"^([A-Za-z]{3,9}\.?),\s{0,2}(?=\d)")
_TIGHT_COMMA = re.compile(r",(?=(?:19|20)\d\d\b)")  # "Sep 08,2020"
# "22-Nov-2022", "11.mar.2025" (dashes or dots around the month's name)
_DASHED_MONTH = re.compile(r"\b(\d{1,2})([-.])([^\W\d_]{3,9})\.?\2(\d{4})\b")
# Between a stamp's date and what stands beside it on its line: a bar or bullet, a spaced dash, a
# run of spaces ("By Kurdistan Chronicle - 27/05/2021", "October 16, 2019  Ekurd.net").
_STAMP_PARTS = re.compile(r"[|•·]|\s[-–—]\s|\s{2,}")
_URL_DAY = re.compile(r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?=[/._-]|$)")
_URL_COMPACT = re.compile(r"/((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=\d{0,12}(?:[/._-]|$))")
# "/n3/2019/1023/c90000-...": the year, then month and day as one number
_URL_YEAR_MMDD = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=/)")
# "view.php?ud=20210205000688": a query value that starts with the day, as some papers number their stories
_URL_QUERY = re.compile(r"[?&][A-Za-z_]{1,12}=((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{0,12}(?=&|#|$)")
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])(?=/)")
HEAD_LINES = 15  # a page's own timestamp stands on one of its first lines
# A line that is only a web address ("example.wordpress.com/2021/03/14/a-bomb/", "https://...")
_ADDRESS_LINE = re.compile(r"\s{0,8}(?:https?://)?(?:www\.)?[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}/\S{1,500}\s{0,8}")
_TIME_TAIL = re.compile(r"\s+\d{1,2}:\d\d(?::\d\d)?.*$")


@dataclass(frozen=True, eq=False)
class PageGrammar:
    header: re.Pattern[str]
    bullet: re.Pattern[str]
    weekday_prefix: re.Pattern[str]


@cache
def page_grammar(lex: Lexicon) -> PageGrammar:
    abbrev = "|".join(re.escape(g[1]) for g in lex.groups("calendar.weekdays") if len(g) > 1)
    ago = lex.alternation("dates.relative.ago")
    return PageGrammar(
        header=re.compile(
            rf"\A[ \t\r\n]{{0,200}}(?:{lex.alternation('dates.header_words')}):?[ \t]{{1,20}}(?P<v>[^\s]{{4,40}})",
            re.IGNORECASE,
        ),
        bullet=re.compile(rf"(?:[•|]|\b(?:{ago}))[ \t]{{0,3}}(?:(?:{abbrev})[a-z]{{0,6}}\.?,?[ \t]{{1,3}})?$"),
        weekday_prefix=re.compile(rf"^(?:{abbrev})[a-z]{{0,6}}\.?,?\s+", re.IGNORECASE),
    )


# --------------------------------------------------------------------------------------------
# A date as metadata or a user writes it
# --------------------------------------------------------------------------------------------


def parse_absolute(value: str, kn: Knowledge | None = None) -> DateInterval | None:
    """'2019-11-05', '2019-11', '2019', '2019/11/05', '5 Nov 2019', 'Nov 5, 2019', 'November 2019',
    'Tue, 05 Nov 2019 10:00:00 GMT' -> the interval; None for anything else."""
    kn = kn or Knowledge.bundled()
    v = value.strip()
    if not v or len(v) > 80:
        return None
    numeric = _numeric(v, value)
    if numeric is not None:
        return numeric if numeric.evidence else None
    g = grammar(kn.lexicon)
    cleaned = _TIME_TAIL.sub("", page_grammar(kn.lexicon).weekday_prefix.sub("", v))
    titled = " ".join(w[:1].upper() + w[1:].lower() if w[:1].isalpha() else w for w in cleaned.split())
    wanted = ("mdy", "dmy", "month_year", "num_dmy", "slash")
    p = years.parts(kn.lexicon)
    for kind, rx in g.patterns:
        if kind not in wanted or not (m := rx.fullmatch(titled)):
            continue
        tag = _from_match(g, kind, m)
        if tag is None or tag.y is None:
            continue
        sp = years.span_for_year(tag, tag.y, p)
        if sp:
            return interval(sp[0], sp[1], value, ["date in words"])
    return None


_NOT_A_DATE = DateInterval(EARLIEST, EARLIEST, "day")  # a numeric form that is no valid date


def _numeric(v: str, value: str) -> DateInterval | None:
    """The ISO and numeric forms; ``_NOT_A_DATE`` (no evidence) when one matches but is invalid."""
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]{0,15}(?:Z|[+-]\d\d:?\d\d)?)?", v) or re.fullmatch(
        r"(\d{4})/(\d{1,2})/(\d{1,2})", v
    )
    if m:
        d = safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return interval(d, d, value, ["ISO date" if "-" in v else "date"]) if d else _NOT_A_DATE
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", v)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12 and y >= 1:
            return interval(date(y, mo, 1), month_end(date(y, mo, 1)), value, ["year-month"])
        return _NOT_A_DATE
    m = re.fullmatch(r"(\d{4})", v)
    if m and int(m.group(1)) >= 1:
        y = int(m.group(1))
        return interval(date(y, 1, 1), date(y, 12, 31), value, ["year"])
    return None


# --------------------------------------------------------------------------------------------
# The page's own date
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageDate:
    """What the page says of its own date, and which of the text's expressions said it."""

    pub: DateInterval | None
    span: tuple[int, int] | None = None
    tags: tuple[Tag, ...] = ()  # the text's expressions without the dateline and the header
    dateline: Tag | None = None  # a dateline without a year: the day is known, the year not
    evidence: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    not_after: tuple[date, str] | None = None  # an update stamp: publication is not later
    within: DateInterval | None = None  # the page's address gives a month (a dateline the day)
    readings: tuple[date, ...] = ()  # "09/11/2019": the two days a numeric stamp may be, for the text to pick


def _header(text: str, kn: Knowledge) -> tuple[DateInterval, tuple[int, int]] | None:
    m = page_grammar(kn.lexicon).header.match(text)
    if not m:
        return None
    iv = parse_absolute(m.group("v"), kn)
    if iv is None or iv.precision != "day":
        return None
    return iv, m.span()


def _is_dateline(text: str, tag: Tag, kn: Knowledge) -> str | None:
    line_start = text.rfind("\n", 0, tag.start) + 1
    if _label_pattern(kn.lexicon, "dates.update_labels").match(text[line_start : tag.start]):
        return None  # "Updated: March 16, 2020 05:09 AM": later than publication, a bound (``_stamps``)
    prefix = text[max(line_start, tag.start - 90) : tag.start]
    suffix = text[tag.end : tag.end + 40]
    if _RANGE_AFTER.match(suffix):
        return None
    city = _DL_CITY.search("\n" + prefix)
    if city and (tag.y is not None or _DL_AGENCY.match(suffix)):
        return "dateline"
    if _DL_AGENCY_CITY.search("\n" + prefix):
        return "dateline"
    if _DL_TITLE_CITY.search("\n" + prefix) and _DL_BRACKET_AGENCY.match(suffix):
        return "dateline"
    if _DL_PAREN.search(prefix) and tag.y is not None:
        return "dateline"
    if tag.y is not None and (page_grammar(kn.lexicon).bullet.search(prefix) or _DL_TIME_AFTER.match(suffix)):
        return "page timestamp"
    return None


def _dateline(text: str, tags: Sequence[Tag], after: int, kn: Knowledge) -> tuple[Tag, str] | None:
    for t in tags:
        if t.start < after:
            continue
        if t.start > after + 1200:
            break
        if t.kind not in ("absolute", "partial") or t.m is None or t.d is None:
            continue
        how = _is_dateline(text, t, kn)
        if how:
            return t, how
    return None


def _head_lines(text: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, line) of the page's first non-empty lines."""
    pos, seen = 0, 0
    for line in text[:1500].split("\n"):
        if line.strip():
            yield pos, pos + len(line), line
            seen += 1
            if seen >= HEAD_LINES:
                return
        pos += len(line) + 1


@cache  # per lexicon (which hashes by identity): built for every line of every page's head
def _label_pattern(lex: Lexicon, family: str) -> re.Pattern[str]:
    return re.compile(rf"^[\s|•·:,-]*(?:{lex.alternation(family)})\b[\s:,-]*", re.IGNORECASE)


def is_stamp_line(line: str, kn: Knowledge) -> bool:
    """Whether the line is only a page's timestamp (``_stamp``): what unwrapping a hard-wrapped
    text must not join to the headline above it."""
    return len(line) <= 120 and any(ch.isdigit() for ch in line) and _stamp(line, kn) is not None


def _stamp(line: str, kn: Knowledge) -> DateInterval | None:
    """A line that is only a date, maybe with a clock, a label, a credit or a separator
    ("Published 04 June, 2021 | 10:12", "JUN 04, 2021 12:55 PM", "4 Jun 2021", "15:30, 08.11.2019",
    "2019-11-05T14:32:00+03:00", "Posted on November 5, 2019 by admin", "5 November 2019 | Reuters",
    "Tue, 11/05/2019 - 14:32", "By Kurdistan Chronicle - 27/05/2021", "August 27, 2020 at 10:14 am")."""
    line = line.replace("،", ",")  # the Arabic comma of pages translated from Arabic ("21 October، 2019")
    line = _in_english(line, kn.lexicon)
    line = _after_inner_label(line, kn)
    rest = _label_pattern(kn.lexicon, "dates.page_labels").sub("", line).strip()
    # "Issued on: 05/11/2019 - 15:47 Modified: 05/11/2019 - 15:49": what follows the update label is
    # another stamp, a bound (read by ``_stamps`` only when it opens a line)
    if (upd := _inner_update(kn.lexicon).search(rest)) is not None and upd.start() > 0:
        rest = rest[: upd.start()].strip()
    if len(rest) > 80:
        return None
    iv = parse_absolute(rest, kn)  # an ISO timestamp, before its clock is taken for one
    if iv is not None and iv.precision == "day":
        return iv
    rest = _credit_pattern(kn.lexicon).sub("", rest)
    rest = _CLOCK.sub(" ", rest)
    # the date and, beside it, a name ("| Reuters", "By Ali Kucukgocmen |"): the part that is a date
    parts = [" ".join(p.replace(" ,", ",").strip(" ,-–—:").split()) for p in _STAMP_PARTS.split(rest)]
    # "By Tom Ashcroft   On 3/15/20": a part's own label, after a credit
    label = _label_pattern(kn.lexicon, "dates.page_labels")
    parts = [q for p in parts if (q := label.sub("", p).strip())]
    found = [(p, d) for p in parts if len(p) <= 40 and (d := _stamp_day(p, kn) or _placed_day(p, kn)) is not None]
    furniture = _furniture(kn.lexicon)
    others = [p for p in parts if all(p != q for q, _ in found) and not furniture.fullmatch(p)]
    if len(found) != 1 or any(len(p.split()) > 5 or any(ch.isdigit() for ch in p) for p in others):
        return None
    return found[0][1]


@cache
def _stamp_names(lex: Lexicon) -> tuple[re.Pattern[str], dict[str, str]]:
    """Month and weekday names of other languages (``calendar.stamp_months``) -> the English name."""
    english: dict[str, str] = {}
    for groups, names in (
        ("calendar.stamp_months", lex.month_names()),
        ("calendar.stamp_weekdays", lex.weekday_names()),
    ):
        for name, group in zip(names, lex.groups(groups), strict=True):
            english.update((w.lower(), name) for w in group)
    return re.compile(rf"(?<!\w)(?:{alternation(english)})(?!\w)", re.IGNORECASE), english


@cache
def _month_abbreviations(lex: Lexicon) -> dict[str, str]:
    """ "11.mar.2025", "20.out.2019", "8.dez.2024": the short month names of other languages, read
    only between a day and a year (``calendar.stamp_month_abbreviations``; "out" and "set" are
    English words elsewhere)."""
    return {
        w.lower(): name
        for name, group in zip(lex.month_names(), lex.groups("calendar.stamp_month_abbreviations"), strict=True)
        for w in group
    }


def _in_english(line: str, lex: Lexicon) -> str:
    """ "02 Kasım 2019 Cumartesi - 08:15" -> "02 November 2019 Saturday - 08:15": a timestamp line's
    names of months and weekdays in the language of the outlet's home edition."""
    if len(line) > STAMP_LINE or not _YEAR_DIGITS.search(line):
        return line  # no stamp of words without its year: most head lines are not one
    pattern, english = _stamp_names(lex)
    return pattern.sub(lambda m: english[m.group(0).lower()], line)


STAMP_LINE = 200  # longer head lines are text, not a stamp
_YEAR_DIGITS = re.compile(r"\d{4}")


@cache
def _inner_pattern(lex: Lexicon, family: str) -> re.Pattern[str]:
    """A label with its colon inside a line ("Source: Xinhua Published: 2019/11/6")."""
    return re.compile(rf"(?<!\w)(?:{lex.alternation(family)}):\s*", re.IGNORECASE)


@cache
def _inner_update(lex: Lexicon) -> re.Pattern[str]:
    """An update label inside a stamp line ("- Last updated at Sep 08,2020"), with or without its colon."""
    return re.compile(rf"(?<!\w)(?:{lex.alternation('dates.update_labels')})\b", re.IGNORECASE)


def _credited_update(line: str, kn: Knowledge) -> re.Match[str] | None:
    """ "By Euronews with AFP, Reuters • Updated: 01/03/2020 - 18:22": an update stamp after a byline."""
    m = _inner_update(kn.lexicon).search(line)
    if m is None or m.start() == 0:
        return None
    before = line[: m.start()].strip(" |•·-–—")
    if len(before.split()) > 6 or any(ch.isdigit() for ch in before) or not _credit_start(kn.lexicon).match(before):
        return None
    return re.compile(r"[\s:]*").match(line, m.end())


@cache
def _credit_start(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"(?:{lex.alternation('dates.stamp_credits')})\s", re.IGNORECASE)


@cache
def _furniture(lex: Lexicon) -> re.Pattern[str]:
    """What stands beside a stamp's date on its line and is no date: "3 min read", "Issue 112",
    "No: 2020-118" (dates.stamp_counts, dates.stamp_numbers)."""
    return re.compile(
        rf"\d{{1,6}}\s?(?:{lex.alternation('dates.stamp_counts')})"
        rf"|(?:{lex.alternation('dates.stamp_numbers')})\.?\s?[:.]?\s?[\w/-]{{1,12}}",
        re.IGNORECASE,
    )


def _after_inner_label(line: str, kn: Knowledge) -> str:
    """ "Source: Xinhua Published: 2019/11/6 0:12:45", "No: 2020-118   Date: 08.09.2020": the stamp
    after a label that follows a short credit (a few words, no digits) or a number of the page."""
    m = _inner_pattern(kn.lexicon, "dates.page_labels").search(line)
    if m is None or m.start() == 0:
        return line
    before = line[: m.start()].strip(" |•·-–—")
    if not _furniture(kn.lexicon).fullmatch(before) and (len(before.split()) > 5 or any(ch.isdigit() for ch in before)):
        return line
    return line[m.end() :]


@cache
def _credit_pattern(lex: Lexicon) -> re.Pattern[str]:
    """ "by admin", "by Ali Kucukgocmen" after a stamp's date."""
    return re.compile(rf"\s(?:{lex.alternation('dates.stamp_credits')})\s[^|•·\d]{{1,40}}$", re.IGNORECASE)


_CITY_FIRST = re.compile(r"[A-Z][\w'’-]{2,20}\s+(?=\S*\d|\w+\s+\d)")


def _placed_day(part: str, kn: Knowledge) -> DateInterval | None:
    """ "Beirut Monday 21 November 2022": the stamp of a bureau, its city before the day."""
    m = _CITY_FIRST.match(part)
    word = m.group(0).strip().lower() if m else ""
    # not a weekday, nor the preposition of a date told in a heading ("Since 5 November 2019")
    if m is None or kn.lexicon.weekday_number(word) is not None or word in kn.lexicon.words("dates.month_prepositions"):
        return None
    iv = _stamp_day(part[m.end() :], kn)
    return iv if iv is not None and iv.precision == "day" and iv.start.year >= 1900 else None


def _stamp_day(part: str, kn: Knowledge) -> DateInterval | None:
    """One part of a stamp line as a day, or the days of a numeric date whose order is unknown
    ("11/05/2019", "11.05.2019", "11-05-2019": 11 May or 5 November; a weekday before it picks one)."""
    abbr = _month_abbreviations(kn.lexicon)
    part = _DASHED_MONTH.sub(
        lambda m: f"{m.group(1)} {abbr.get(m.group(3).lower(), m.group(3))} {m.group(4)}",
        _MONTH_COMMA.sub(r"\1 ", part),
    )
    part = _TIGHT_COMMA.sub(", ", part)
    day, _, after = part.rpartition(",")
    if not day:
        day, _, after = part.rpartition(" ")  # "02 Kasım 2019 Cumartesi": the weekday after the date
    if day and kn.lexicon.weekday_number(after.strip(" .").lower()) is not None:
        part = f"{after.strip()}, {day.strip()}"  # "06.03.2020, Friday": the weekday read as before it
    iv = parse_absolute(part, kn)
    if iv is not None and iv.precision == "day":
        return iv
    g = page_grammar(kn.lexicon)
    wd_match = g.weekday_prefix.match(part)
    # "3/15/20": a two-digit year, as American pages write the day, is of this century
    m = re.fullmatch(r"(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)?\d\d)", part[wd_match.end() :] if wd_match else part)
    if m is None:
        return None
    a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
    y = y + 2000 if y < 100 else y
    days = sorted({d for mo, dd in ((a, b), (b, a)) if (d := safe_date(y, mo, dd)) is not None})
    if wd_match is not None:
        wd = kn.lexicon.weekday_number(wd_match.group(0).strip(" ,.").lower())
        days = [d for d in days if wd is None or d.weekday() == wd]
    if not days:
        return None
    why = "date" if len(days) == 1 else f"day and month order unknown: {days[0].isoformat()} or {days[-1].isoformat()}"
    return interval(days[0], days[-1], part, [why])


Stamp = tuple[DateInterval, tuple[int, int]]


def _stamps(text: str, kn: Knowledge) -> tuple[Stamp | None, tuple[date, str, tuple[int, int]] | None]:
    """The page's own timestamp on a line of its own near the top, and an update stamp ("Updated:
    May 28, 2020"), which is later than publication: a bound, not the date."""
    updated = _label_pattern(kn.lexicon, "dates.update_labels")
    stamp: Stamp | None = None
    bound: tuple[date, str, tuple[int, int]] | None = None
    for start, end, line in _head_lines(text):
        m = updated.match(line) or _credited_update(line, kn)
        if m:
            iv = _stamp(line[m.end() :], kn)
            if iv is not None and bound is None:
                bound = (iv.end, f"page updated '{line.strip()}'", (start, end))
            continue
        iv = _stamp(line, kn)
        span = (start, end)
        if iv is None and (titled := _titled(line, kn)) is not None:
            iv, span = titled[0], (start + titled[1][0], start + titled[1][1])
        if iv is not None and stamp is None:
            stamp = (iv, span)
    return stamp, bound


_TITLE_DATE = re.compile(r"\(([^()]{6,30})\)\s*$")


def _titled(line: str, kn: Knowledge) -> tuple[DateInterval, tuple[int, int]] | None:
    """ "Briefing by the Deputy Head of the Reconciliation Centre (9 September 2020)": a title line
    that ends with its day in brackets, as ministries and the UN date their statements; the day
    and where it stands in the line."""
    m = _TITLE_DATE.search(line)
    if m is None or line.rstrip().endswith((".", "!", "?")) or len(line) > 300:
        return None
    iv = parse_absolute(m.group(1), kn)
    return (iv, m.span(1)) if iv is not None and iv.precision == "day" else None


def _address_line(text: str) -> str | None:
    """The page's address, when a line of its head is only that (a page saved with its address
    above it, as browsers print and analysts paste it)."""
    return next((line.strip() for _, _, line in _head_lines(text) if _ADDRESS_LINE.fullmatch(line)), None)


def url_date(url: str | None) -> DateInterval | None:
    """The day (or month) a page's address gives: /2021/06/04/, /20210604123-, /2021/06/."""
    if not url:
        return None
    path = url.split("?", 1)[0]
    for rx, part in ((_URL_DAY, path), (_URL_COMPACT, path), (_URL_YEAR_MMDD, path), (_URL_QUERY, url[:2000])):
        m = rx.search(part)
        if m and (d := safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))):
            return interval(d, d, url, [f"the date in the page's address {url}"])
    m = _URL_MONTH.search(path)
    if m:
        first = date(int(m.group(1)), int(m.group(2)), 1)
        return interval(first, month_end(first), url, [f"the month in the page's address {url}"])
    return None


def page_date(text: str, tags: Sequence[Tag], published: str | None, kn: Knowledge, url: str | None = None) -> PageDate:
    """The publication date the page states (metadata first, then a date header, a dateline or a
    timestamp line, then its address), and the tags that remain dates of the text (the header's,
    the dateline's and the timestamp's taken out)."""
    notes: list[str] = []
    evidence: list[str] = []
    pub: DateInterval | None = None
    span: tuple[int, int] | None = None
    readings: tuple[date, ...] = ()
    meta: DateInterval | None = None
    if published is not None:
        meta = parse_absolute(published, kn) if isinstance(published, str) else None
        if meta is not None:
            pub = replace(meta, text=published, evidence=(f"metadata '{published}'",))
        else:
            notes.append(f"metadata date '{published}' not understood: ignored")
    header = _header(text, kn)
    header_end = header[1][1] if header else 0
    if header is not None:
        hiv, hspan = header
        words = text[hspan[0] : hspan[1]].strip()
        if pub is None:
            pub, span = replace(hiv, text=words, evidence=(f"header '{words}'",)), hspan
        else:
            evidence.append(f"header says {hiv.start.isoformat()}")
    rest = [t for t in tags if t.start >= header_end]
    found = _dateline(text, rest, header_end, kn)
    partial: Tag | None = None
    if found is not None:
        dl, how = found
        rest.remove(dl)
        # a timestamp line above the story's own dateline ("Feb 7, 2020, 10:42 AM" ... "TEHRAN, Feb. 07
        # (MNA) –"): that dateline is the page's date again, no date of its events
        again = _dateline(text, rest, dl.end, kn) if how == "page timestamp" else None
        if again is not None and again[1] == "dateline" and (again[0].m, again[0].d) == (dl.m, dl.d):
            rest.remove(again[0])
        if pub is None and dl.y is not None:
            sp = years.span_for_year(dl, dl.y, years.parts(kn.lexicon))
            if sp is not None:
                pub, span = interval(sp[0], sp[1], dl.text, [f"{how} '{dl.text.strip()}'"]), (dl.start, dl.end)
        elif pub is None:
            partial, span = replace(dl, tense="present"), (dl.start, dl.end)
        else:
            agrees = dl.m == pub.start.month and dl.d == pub.start.day and (dl.y is None or dl.y == pub.start.year)
            evidence.append(f"{how} '{dl.text.strip()}' {'agrees' if agrees else 'disagrees'}")
    stamp, bound = _stamps(text, kn)
    stamped: DateInterval | None = None  # the page's timestamp, when it can only give the dateline its year
    if bound is not None:  # the update stamp is no date of the text's events
        rest = [t for t in rest if not (bound[2][0] <= t.start < bound[2][1])]
    if stamp is not None:
        siv, sspan = stamp
        rest = [t for t in rest if not (sspan[0] <= t.start < sspan[1])]
        words = text[sspan[0] : sspan[1]].strip()
        if pub is None and partial is None:
            readings = (siv.start, siv.end) if siv.precision != "day" else ()
            # an order unknown says so ("day and month order unknown: ...")
            why = (f"page timestamp '{words}'", *(siv.evidence if readings else ()))
            pub, span = replace(siv, text=words, evidence=why), sspan
        elif pub is not None:
            evidence.append(f"page timestamp '{words}' {'agrees' if siv.start == pub.start else 'disagrees'}")
        elif (day := _stamp_for(siv, found[0] if found else None)) is not None:
            # "ANKARA, Nov 18 (AFP):" under "Published: November 19, 2019"; "Ankara, February 08 (QNA)"
            # under "08/02/2023", whose order the dateline's day tells
            lag = kn.tuning.dates.dateline_lag_days
            stamped = interval(
                shift(day, -lag),
                day,
                words,
                [f"page timestamp '{words}': a dateline is at most {lag} days before it"],
            )
    by_url = url_date(url if url is not None else _address_line(text))
    if by_url is not None:
        if pub is None and partial is None:
            pub = by_url
        elif pub is not None:
            agrees = by_url.start <= pub.start <= by_url.end
            evidence.append(f"{by_url.evidence[0]} {'agrees' if agrees else 'disagrees'}")
    if pub is not None and meta is not None and span is None and stamp is not None:
        words = text[stamp[1][0] : stamp[1][1]].strip()
        voted = _outvoted(pub, stamp[0], by_url, found[0] if found else None, words, kn.tuning.dates.dateline_lag_days)
        pub, evidence = (pub, evidence) if voted is pub else (voted, [])  # what was said against it is for it
    if pub is not None and evidence:
        pub = replace(pub, evidence=pub.evidence + tuple(evidence))
    not_after = (bound[0], bound[1]) if bound is not None and pub is None else None
    page = PageDate(pub, span, tuple(rest), partial, tuple(evidence), tuple(notes), not_after, readings=readings)
    return replace(page, within=stamped or by_url) if pub is None and partial is not None else page


def _stamp_for(siv: DateInterval, dl: Tag | None) -> date | None:
    """The day of a page's timestamp that can give a dateline its year: the stamp's day, or of a
    numeric stamp whose order is unknown ("08/02/2023"), the reading with the dateline's day."""
    if siv.precision == "day":
        return siv.end
    if dl is None or siv.days > 366:
        return None
    return next((d for d in (siv.start, siv.end) if (d.month, d.day) == (dl.m, dl.d)), None)


def _outvoted(
    pub: DateInterval, stamp: DateInterval, by_url: DateInterval | None, dateline: Tag | None, words: str, lag: int
) -> DateInterval:
    """The metadata's day against what the page shows: a page dated by a related story's link
    ("Related reading ... (2019-10-18)") or by its last edit is outvoted when its own timestamp line
    and its address or its dateline (at most ``lag`` days before the timestamp, as a wire's is)
    agree on another day, which the metadata's is not."""
    if stamp.precision != "day":
        return pub
    day = stamp.start
    witnesses = [by_url.start] if by_url is not None and by_url.precision == "day" else []
    if dateline is not None and dateline.m is not None and dateline.d is not None:
        witnesses += [d for d in [safe_date(dateline.y or day.year, dateline.m, dateline.d)] if d is not None]

    def near(d: date) -> bool:
        return shift(day, -lag) <= d <= day

    agreeing = [d for d in witnesses if near(d)]
    if not agreeing or min(agreeing) <= pub.start <= day:
        return pub
    why = f"page timestamp '{words}', agreed by the page's address or dateline; metadata '{pub.text}' outvoted"
    return replace(stamp, text=words, evidence=(why,))


# --------------------------------------------------------------------------------------------
# Publication inferred from the text
# --------------------------------------------------------------------------------------------


@dataclass
class _Bounds:
    """The interval publication may lie in, narrowed step by step, with why each end is where it is."""

    lo: date = EARLIEST
    hi: date = LATEST
    lo_why: str = ""
    hi_why: str = ""

    def raise_lo(self, d: date, why: str) -> None:
        if self.lo < d <= self.hi:
            self.lo, self.lo_why = d, why

    def lower_hi(self, d: date, why: str) -> None:
        if self.lo <= d < self.hi:
            self.hi, self.hi_why = d, why

    @property
    def open(self) -> bool:
        return (self.lo, self.hi) == (EARLIEST, LATEST)

    def interval(self, why: str = "preliminary") -> DateInterval:
        return interval(self.lo, self.hi, "", [why]) if not self.open else open_interval("", [why])


def _full_dates(tags: Sequence[Tag], anchored: dict[int, ChronologyEntry], b: _Bounds, kn: Knowledge) -> None:
    """The article is not older than its latest past full date; announced future dates are after it."""
    p = years.parts(kn.lexicon)
    for i, t in enumerate(tags):
        if t.kind in ("relative", "weekday", "duration"):
            continue
        what = t.text.strip()
        if t.y is not None:
            sp = years.span_for_year(t, t.y, p)
            if sp is None:
                continue
            if t.tense == "future":
                b.lower_hi(sp[1], f"announced future date '{what}'")
            else:
                b.raise_lo(sp[0] if t.d is None else sp[1], f"past date '{what}'")
        elif i in anchored:
            entry = anchored[i]
            sp = years.span_for_year(t, entry.start.year, p)
            if sp and t.tense != "future":
                b.raise_lo(sp[0], f"'{what}' anchored to {entry.name} ({entry.start.isoformat()})")
                if _adverbial(what, kn.lexicon) and (a_year_on := safe_date(sp[0].year + 1, sp[0].month, 1)):
                    b.lower_hi(a_year_on - timedelta(days=1), f"'{what}' has no year: written within a year of it")
            elif sp:
                b.lower_hi(sp[1], f"announced '{what}' anchored to {entry.name}")


def _adverbial(what: str, lex: Lexicon) -> bool:
    """ "in March", "on 5 March": a year-less date as a time adverbial, not as a name."""
    low = what.lower()
    return any(low.startswith(w + " ") for w in lex.words("dates.recent_prepositions"))


def _month_of_named_days(text: str, tags: Sequence[Tag], sentences: Sentences, b: _Bounds, kn: Knowledge) -> None:
    """ "the Moscow agreement of the fifth of this month": a day of this (or last) month that is
    the day of the reference event its sentence names puts publication in that month (or the
    next), on or after the event."""
    for t in tags:
        entry = years.day_of_month_anchor(t, years.cue_window(text, sentences, t), kn.chronology)
        if entry is None or t.month_rel is None or t.tense == "future":
            continue
        first = date(entry.start.year, entry.start.month, 1)
        for _ in range(-t.month_rel):
            first = month_end(first) + timedelta(days=1)
        why = f"'{t.text.strip()}' is the day of {entry.name} ({entry.start.isoformat()})"
        b.raise_lo(max(first, entry.start), why)
        b.lower_hi(month_end(first), why)


def _year_hint(text: str, tags: Sequence[Tag], sentences: Sentences, b: _Bounds, kn: Knowledge) -> list[str]:
    common = frozenset(kn.lexicon.words("dates.not_subjects"))
    hint = years.last_year_hint(text, tags, sentences, common)
    if hint is None:
        return []
    y, why = hint
    if not (b.lo <= date(y, 12, 31) and b.hi >= date(y, 1, 1)):
        return []
    if date(y, 1, 1) > b.lo:
        b.lo, b.lo_why = date(y, 1, 1), why
    if date(y, 12, 31) < b.hi:
        b.hi, b.hi_why = date(y, 12, 31), why
    return [why]


def _recent_cue(t: Tag, recent: re.Pattern[str]) -> bool:
    return t.tense != "future" and (t.kind == "weekday" or bool(recent.search(t.text)))


_OF_BEFORE = re.compile(r"([\w-]{3,30}),?\s{1,3}(?:of|dated)\s{1,3}(?:the\s{1,3})?$")


def names_event(text: str, start: int, kn: Knowledge) -> bool:
    """Whether the date at ``start`` names a known event ("the Sochi memorandum of 22 October 2019",
    "the March 5, 2020 protocol", "the memorandum on Idlib that the two presidents signed on 17
    September 2018") rather than reports one."""
    if _event_of(text, start, kn) or _names_event(kn.lexicon).search(text, max(0, start - 12), start) is not None:
        return True
    verb = _made_by_whom(kn.lexicon).search(text, max(0, start - 60), start)
    if verb is None:
        return False
    # the event's word before the subject of its making, in the same sentence
    before = text[max(0, verb.start() - 120) : verb.start()]
    before = re.split(r"[.;!?]\s", before)[-1]
    vocab = kn.vocabulary
    return any(
        t.named
        and t.triggers is not None
        and re.search(rf"(?:{t.triggers.pattern})\s[^,]{{0,60}}\b(?:that|which)\b", before)
        for t in vocab.types
        if t.named and t.venue
    )


@cache
def _made_by_whom(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{lex.alternation('places.venue_verbs')})\b[^.;:!?]{{0,30}}$", re.IGNORECASE)


def _event_of(text: str, start: int, kn: Knowledge) -> bool:
    """ "the Sochi agreement of 22 October", "the memorandum of October 22": a date after "of" that
    follows the name of a kind of event one refers to by its day (an agreement, an operation) names
    that event; it is no report of the article's news."""
    m = _OF_BEFORE.search(text, max(0, start - 48), start) or _made_by(kn.lexicon).search(
        text, max(0, start - 160), start
    )
    if m is None:
        return False
    word = m.group(1)
    vocab = kn.vocabulary
    return any(t.named and t.triggers is not None and t.triggers.fullmatch(word) for t in vocab.types)


@cache
def _made_by(lex: Lexicon) -> re.Pattern[str]:
    """ "the agreement concluded between the two presidents in Moscow on the fifth of March": the
    participle of its making after the event's word, and the date later in that phrase."""
    return re.compile(
        rf"([\w-]{{3,30}})\s{{1,3}}(?:(?:that|which)\s{{1,3}}(?:was|were)\s{{1,3}})?"
        rf"(?:{lex.alternation('places.venue_verbs')})\b[^.;:!?]{{0,120}}$",
        re.IGNORECASE,
    )


@cache
def _names_event(lex: Lexicon) -> re.Pattern[str]:
    """A determiner right before a date: the date is an attribute ("the March 5th agreement")."""
    return re.compile(rf"\b(?:{lex.alternation('extract.year_determiners')})\s{{1,3}}$", re.IGNORECASE)


def _with_yearless(
    text: str,
    tags: Sequence[Tag],
    anchored: dict[int, ChronologyEntry],
    anchors: Sequence[tuple[int, date]],
    b: _Bounds,
    kn: Knowledge,
    lead: tuple[int, int] | None = None,
    sentences: Sentences | None = None,
) -> _Bounds:
    """Year-less day dates resolved with what is known so far, then used (future ones first): an
    article is written within about a year after its past dates, and before its announced ones;
    one that dates events by the weekday or 'yesterday' within weeks of its latest dated report."""
    out = _Bounds(b.lo, b.hi, b.lo_why, b.hi_why)
    if b.open and not anchors:
        return out
    p = years.parts(kn.lexicon)
    settings = kn.tuning.dates
    # Whether the bounds are narrow enough to fix a year is judged once, on the bounds before this
    # step: a year-less date does not narrow the bounds that then resolve the next one's year.
    narrow = years.is_narrow(b.interval(), settings.narrow_days)
    resolved: list[tuple[Tag, date, date]] = []
    order = [i for i, t in enumerate(tags) if t.tense == "future"] + [
        i for i, t in enumerate(tags) if t.tense != "future"
    ]
    for i in order:
        t = tags[i]
        if t.y is not None or t.m is None or t.d is None or t.kind not in ("partial", "range"):
            continue
        if i in anchored:
            sp = years.span_for_year(t, anchored[i].start.year, p)
        else:
            frame = years.Frame(out.interval(), narrow, p, tuple(anchors), settings.yearless_window_days)
            sp, _ = years.resolve_yearless(t, frame)
        if sp is None:
            continue
        resolved.append((t, sp[0], sp[1]))
        what = t.text.strip()
        if t.tense == "future":
            out.lower_hi(sp[1], f"announced '{what}' resolved to {sp[1].isoformat()}")
        elif out.hi >= sp[1] > out.lo:
            out.lo, out.lo_why = sp[1], f"reported '{what}' resolved to {sp[1].isoformat()}"
    # "under the March 5th agreement", "the Sochi agreement of 22 October": a date that names a known
    # event is no report of the news, and outlets leave its year out long after
    named = _names_event(kn.lexicon)
    past = [
        r
        for r in resolved
        if r[0].tense != "future"
        and not _retold(r[0], tags, sentences)
        and not named.search(text, max(0, r[0].start - 12), r[0].start)
        and not _event_of(text, r[0].start, kn)
    ]
    if past:
        earliest = min(r[1] for r in past)
        cap = shift(earliest, settings.yearless_window_days - 1)
        out.lower_hi(
            cap,
            f"year-less past dates lie within about 12 months before publication (earliest: {earliest.isoformat()})",
        )
        recent = kn.lexicon.pattern("dates.relative.recent")
        led = [r for r in past if lead is not None and lead[0] <= r[0].start < lead[1] and r[0].tense == "past"]
        if led and not any(_recent_cue(t, recent) for t in tags):
            # "Units ... conducted on August 14 a joint patrol": the day a lead gives its news is recent
            out.lower_hi(
                shift(led[0][2], settings.recent_days),
                f"the lead reports '{led[0][0].text.strip()}': published within {settings.recent_days} days of it",
            )
        # "After the fall of the regime on December 8, ...", "since the 8th of December": a day the
        # text counts on from says nothing of how long ago it was
        counted = [r for r in past if not _retrospect(text, r[0].start, kn.lexicon)]
        if counted and any(_recent_cue(t, recent) for t in tags):
            latest = max(r[2] for r in counted)
            out.lower_hi(
                shift(latest, settings.recalled_days),
                "the text dates events by the weekday or 'yesterday': published within "
                f"{settings.recalled_days} days of its latest dated report ({latest.isoformat()})",
            )
    future = [r for r in resolved if r[0].tense == "future"]
    if future:
        latest = max(r[2] for r in future)
        floor = shift(latest, -(settings.yearless_window_days - 1))
        if out.lo < floor <= out.hi:
            why = f"announced year-less dates lie within about 12 months after publication (latest: {latest})"
            out.lo, out.lo_why = floor, why
    return out


@cache
def _retrospect_opener(lex: Lexicon) -> re.Pattern[str]:
    """ "since", "after" or "following" opening the phrase that ends at a date: "since the", "after
    the blast near Mseibin on", "following the fall of the regime on"."""
    return re.compile(
        rf"\b(?:{lex.alternation('dates.retrospective')})\s{{1,3}}(?:[^,.;:!?()\n]{{0,60}}?\s)?$", re.IGNORECASE
    )


def _retrospect(text: str, start: int, lex: Lexicon) -> bool:
    """Whether the date at ``start`` is the day a phrase counts on from ("since the 8th of December",
    "after the blast near Mseibin on 25 August"): background the news follows, however long after."""
    return bool(text) and _retrospect_opener(lex).search(text, max(0, start - 80), start) is not None


def _retold(t: Tag, tags: Sequence[Tag], sentences: Sentences | None) -> bool:
    """A year-less date in a sentence that gives a year ("began in November 2019 ... signed on 22
    October of that year", "Oct 2019 ... the Sochi memo (22 Oct)") is retold with that background,
    not the article's news: it says nothing of how recent the article is."""
    if sentences is None:
        return False
    a, b = sentences.around(t.start)
    return any(o.y is not None and o.kind not in ("relative", "duration") and a <= o.start < b for o in tags)


def _dateline_year(dl: Tag, b: _Bounds, evidence: Sequence[str], lag: int = 0) -> DateInterval:
    """A dateline without a year ("MOSCOW, November 5. /TASS/."): the first year with its day
    after what the text allows, or open. Wire copy is filed up to ``lag`` days before the page
    that prints it ("ANKARA, Nov 18 (AFP):" above "Published in ..., November 19th, 2019"): when no
    year puts the day within the bounds, one that puts it that close before them does."""
    what = dl.text.strip()
    if not b.open:
        ys = [
            y
            for y in range(b.lo.year, b.hi.year + 1)
            if (d := safe_date(y, dl.m or 1, dl.d or 1)) and b.lo <= d <= b.hi
        ]
        near = f"first with the dateline's day on/after {b.lo.isoformat()}"
        if not ys and lag and b.hi - b.lo <= timedelta(days=lag):
            near = f"the dateline's day at most {lag} days before {b.lo.isoformat()}"
            ys = [
                y
                for y in range(b.lo.year - 1, b.hi.year + 1)
                if (d := safe_date(y, dl.m or 1, dl.d or 1)) and shift(b.lo, -lag) <= d <= b.hi
            ]
        if len(ys) == 1 or (ys and b.lo != EARLIEST):
            d = date(ys[0], dl.m or 1, dl.d or 1)
            why = b.lo_why or b.hi_why or "the text's other dates"
            ev = [
                f"dateline '{what}' has no year",
                f"year {d.year}: {near} ({why})",
                *evidence,
            ]
            return interval(d, d, dl.text, ev)
    return open_interval(dl.text, [f"dateline '{what}' has no year; nothing fixes it", *evidence], dl.m, dl.d)


LEAD_WORDS = 12  # a headline, a byline or a caption is shorter than the lead of a news report


def _lead(text: str, sentences: Sentences) -> tuple[int, int] | None:
    """The first sentence long enough to be the article's lead."""
    for a, b in sentences:
        if len(text[a:b].split()) >= LEAD_WORDS:
            return a, b
    return None


def infer(
    text: str,
    tags: Sequence[Tag],
    sentences: Sentences,
    anchored: dict[int, ChronologyEntry],
    anchors: Sequence[tuple[int, date]],
    dateline: Tag | None,
    kn: Knowledge,
    page: PageDate | None = None,
) -> DateInterval:
    """The publication interval the text's own evidence allows, with the reasons for both ends
    (within what the page says: an update stamp, the month of its address)."""
    b = _Bounds()
    if page is not None and page.within is not None:
        b = _Bounds(page.within.start, page.within.end, page.within.evidence[0], page.within.evidence[0])
    if page is not None and page.not_after is not None:
        b.lower_hi(*page.not_after)
        lag = kn.tuning.dates.update_lag_days
        b.raise_lo(
            shift(page.not_after[0], -lag),
            f"{page.not_after[1]}: a page's update stamp is at most {lag} days after its publication",
        )
    _full_dates(tags, anchored, b, kn)
    _month_of_named_days(text, tags, sentences, b, kn)
    evidence = _year_hint(text, tags, sentences, b, kn)
    narrowed = _with_yearless(text, tags, anchored, anchors, b, kn, _lead(text, sentences), sentences)
    if narrowed.lo <= narrowed.hi:
        b = narrowed
    if dateline is not None:
        return _dateline_year(dateline, b, evidence, kn.tuning.dates.dateline_lag_days)
    if b.open:
        return open_interval(
            "", ["no publication date in metadata, header or dateline; the text gives no evidence", *evidence]
        )
    reasons = ["no publication date given: inferred from the text"]
    if b.lo != EARLIEST:
        reasons.append(f"not before {b.lo.isoformat()}: {b.lo_why or 'see below'}")
    if b.hi != LATEST:
        reasons.append(f"not after {b.hi.isoformat()}: {b.hi_why or 'see below'}")
    return interval(b.lo, b.hi, "", [*reasons, *evidence])


def refine(pub: DateInterval, tags: Sequence[Tag], kn: Knowledge) -> DateInterval:
    """An undated article once other sources date it (``crossdate``): its own year-less dates read
    again within that interval, and the bounds they give on it ("on Monday" after "On Sept. 6": within
    weeks of that day). Dates anchored to the reference chronology are left out: they name background.
    The interval, narrowed with why, or as it was."""
    free = [t for t in tags if t.anchor is None]
    out = _with_yearless("", free, {}, (), _Bounds(pub.start, pub.end), kn)
    if out.lo > out.hi or (out.lo, out.hi) == (pub.start, pub.end):
        return pub
    why = "; ".join(
        f"{end} {d.isoformat()}: {reason}"
        for end, d, reason, moved in (
            ("not before", out.lo, out.lo_why, out.lo != pub.start),
            ("not after", out.hi, out.hi_why, out.hi != pub.end),
        )
        if moved
    )
    return replace(
        pub,
        start=out.lo,
        end=out.hi,
        precision=precision_of(out.lo, out.hi),
        evidence=(pub.evidence[0], f"then the text's own dates: {why}", *pub.evidence[1:]),
    )
