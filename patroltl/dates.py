"""Dates: the article's own time, and every temporal expression grounded against it.

``ground_text`` finds the publication date (metadata, a ``date YYYY-MM-DD`` header, a dateline, or
else an interval inferred from the text's own evidence), then every temporal expression of the text,
each resolved to a :class:`DateInterval` with an honest precision and human-readable evidence.

Year-less dates ("On October 22") take their year, in this order, from: the reference chronology
(``data/chronology.tsv``: a well-known event with the same month/day and a cue word in the sentence),
the publication interval when it is narrow, or the article's other full dates (nearest occurrence).
Otherwise the year stays open: the interval spans EARLIEST..LATEST with ``month``/``day`` set.

Pure: no clock, no printing; the only file read is the chronology. Every regex is linear (no nested
quantifiers) and the analysed text is bounded, so pathological input stays fast.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from patroltl.models import EARLIEST, LATEST, DateInterval, Precision, format_interval
from patroltl.resources import data_path

__all__ = [
    "ChronologyEntry",
    "Grounding",
    "Timex",
    "format_interval",
    "ground_text",
    "load_chronology",
    "parse_date_arg",
]

# Only this much of a text is analysed (news articles are far shorter); keeps worst cases bounded.
MAX_TEXT = 200_000
# A publication interval this short counts as "narrow": year-less dates resolve against it.
NARROW_DAYS = 400
ONE_DAY = timedelta(days=1)


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timex:
    """A temporal expression found in the text, grounded."""

    start: int
    end: int
    text: str
    kind: str  # absolute | partial | range | weekday | relative | year | duration
    interval: DateInterval
    tense: str  # past | future | present
    anchored: str | None = None


@dataclass(frozen=True)
class Grounding:
    published: DateInterval
    timexes: tuple[Timex, ...]
    # Character span of the header/dateline the publication date came from (excluded from timexes).
    published_span: tuple[int, int] | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChronologyEntry:
    start: date
    end: date
    precision: Precision
    type: str
    name: str
    keywords: tuple[str, ...]
    source: str = ""

    @property
    def month(self) -> int:
        return self.start.month

    @property
    def day(self) -> int | None:
        return self.start.day if self.precision == "day" or self.end != self.start else None


# --------------------------------------------------------------------------------------------
# Small date helpers
# --------------------------------------------------------------------------------------------


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _month_start(d: date) -> date:
    return d.replace(day=1)


def _month_end(d: date) -> date:
    return d.replace(day=_last_day(d.year, d.month))


def _add_months(d: date, n: int) -> date:
    total = d.year * 12 + d.month - 1 + n
    y, m = divmod(total, 12)
    y = min(max(y, 1), 9998)
    return date(y, m + 1, min(d.day, _last_day(y, m + 1)))


def _safe_date(y: int, m: int, d: int) -> date | None:
    if not (1 <= y <= 9998 and 1 <= m <= 12 and 1 <= d <= _last_day(y, m)):
        return None
    return date(y, m, d)


def _shift(d: date, days: int) -> date:
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


def _label(start: date, end: date) -> Precision:
    """The honest precision of an interval, read off its shape."""
    if start == end:
        return "day"
    if start == EARLIEST and end == LATEST:
        return "unknown"
    if start.day == 1 and end == _month_end(start):
        return "month"
    if (start.month, start.day) == (1, 1) and end == date(start.year, 12, 31):
        return "year"
    if (end - start).days > 2 * 366:
        return "unknown"
    return "days"


def _iv(
    start: date,
    end: date,
    text: str,
    evidence: Iterable[str],
    *,
    precision: Precision | None = None,
    month: int | None = None,
    day: int | None = None,
) -> DateInterval:
    if end < start:
        start, end = end, start
    return DateInterval(start, end, precision or _label(start, end), text, tuple(evidence), month=month, day=day)


def _open(text: str, evidence: Iterable[str], month: int | None, day: int | None) -> DateInterval:
    return DateInterval(EARLIEST, LATEST, "unknown", text, tuple(evidence), month=month, day=day)


def _fmt_day(d: date) -> str:
    return d.isoformat()


# --------------------------------------------------------------------------------------------
# Vocabulary and regexes (all linear: alternations of literals, bounded repeats)
# --------------------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        _MONTHS[_name.lower()] = _i
        _MONTHS[_name[:3].lower()] = _i
_MONTHS["sept"] = 9

_MON = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ORD_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_ORD = (
    r"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|" + "|".join(sorted(_ORD_WORDS, key=len, reverse=True)) + r")"
)
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "a few": 3,
    "few": 3, "couple of": 2, "a couple of": 2,
}  # fmt: skip
_NUM = (
    r"(?:\d{1,3}|a couple of|couple of|a few|few|several|an|a|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|twelve)"
)
_YEAR = r"(?:19|20)\d\d"
_DSUF = r"(?:st|nd|rd|th)?"
_MOD = (
    r"(?:early|mid|late|the end of|end of|the beginning of|beginning of|the start of|start of"
    r"|the middle of|middle of|the first half of|the second half of)"
)
_SEASON = r"(?:spring|summer|autumn|fall|winter)"

_FLAGS = re.IGNORECASE

# Each pattern: (kind, compiled regex). Month and weekday names are checked for a capital letter
# afterwards, so "march"/"may" as ordinary words are not taken.
_P_ISO = re.compile(rf"(?<![\d-])(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d])")
_P_NUM_DMY = re.compile(rf"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>{_YEAR})(?!\d)")
_P_SLASH = re.compile(rf"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>{_YEAR})(?!\d)")
_P_MDY = re.compile(rf"(?P<mon>{_MON})\s{{0,3}}(?P<d>[0-3]?\d){_DSUF}\b(?!:|\.\d|,\d)(?:,?\s{{0,3}}(?P<y>{_YEAR})\b)?")
_P_DMY = re.compile(
    rf"(?<![\d:.,])(?P<d>[0-3]?\d){_DSUF}\s{{1,3}}(?:of\s{{1,3}})?(?P<mon>{_MON})(?:,?\s{{0,3}}(?P<y>{_YEAR})\b)?"
)
_P_RANGE_MD = re.compile(
    rf"(?:(?P<prep>between|from)\s{{1,3}})?(?P<mon>{_MON})\s{{0,3}}(?P<d>[0-3]?\d){_DSUF}"
    rf"\s{{0,3}}(?P<sep>-|–|—|and|to|until|till|through)\s{{0,3}}(?:(?P<mon2>{_MON})\s{{0,3}})?"
    rf"(?P<d2>[0-3]?\d){_DSUF}\b(?!:)(?:,?\s{{0,3}}(?P<y>{_YEAR})\b)?"
)
_P_RANGE_DM = re.compile(
    rf"(?:(?P<prep>between|from)\s{{1,3}})?(?<![\d:.,])(?P<d>[0-3]?\d){_DSUF}\s{{0,3}}(?:(?P<mon>{_MON})\s{{0,3}})?"
    rf"(?P<sep>-|–|—|and|to|until|till|through)\s{{0,3}}(?P<d2>[0-3]?\d){_DSUF}\s{{1,3}}(?:of\s{{1,3}})?"
    rf"(?P<mon2>{_MON})(?:,?\s{{0,3}}(?P<y>{_YEAR})\b)?"
)
_P_ORDINAL = re.compile(
    rf"\bthe\s{{1,3}}(?P<ord>{_ORD}|[0-3]?\d(?:st|nd|rd|th))\s{{1,3}}of\s{{1,3}}"
    rf"(?:(?P<mon>{_MON})|(?P<mrel>this|last|next|the same|the current|that|the previous|the following)"
    rf"\s{{1,3}}month)"
    rf"(?:,?\s{{0,3}}(?P<y>{_YEAR})\b)?",
    _FLAGS,
)
_P_MONTH_YEAR = re.compile(
    rf"(?:(?P<mod>{_MOD})[\s-]{{1,3}})?(?P<mon>{_MON}),?\s{{1,3}}(?:of\s{{1,3}})?(?P<y>{_YEAR})\b"
)
_P_MONTH_RELYEAR = re.compile(
    rf"(?:(?P<mod>{_MOD})[\s-]{{1,3}})?(?P<mon>{_MON})\s{{1,3}}(?:of\s{{1,3}})?"
    rf"(?P<ry>last|this|next|the previous|the following)\s{{1,3}}year\b"
)
_P_MOD_YEAR = re.compile(rf"\b(?P<mod>{_MOD})[\s-]{{1,3}}(?P<y>{_YEAR})\b", _FLAGS)
_P_MOD_MONTH = re.compile(rf"\b(?P<mod>{_MOD})[\s-]{{1,3}}(?P<mon>{_MON})(?!\s{{0,3}}\d)")
_P_SEASON = re.compile(
    rf"\b(?P<pre>in|during|since|by|until|this|last|next|over|early|late|mid)\s{{1,3}}(?:the\s{{1,3}})?"
    rf"(?:(?P<mod>early|late|mid)[\s-]{{1,3}})?(?P<season>{_SEASON})\b(?:\s{{1,3}}(?:of\s{{1,3}})?(?P<y>{_YEAR})\b)?",
    _FLAGS,
)
_P_MONTH_ALONE = re.compile(
    rf"\b(?P<pre>in|since|until|till|by|during|from|through|before|after|last|next|this)\s{{1,3}}"
    rf"(?P<mon>{_MON})(?!\s{{0,3}}\d)",
)
_P_FOLLOWING_MONTH = re.compile(
    rf"\b(?:the\s{{1,3}})?(?P<rel>following|next|previous|preceding)\s{{1,3}}(?P<mon>{_MON})(?!\s{{0,3}}\d)",
    re.IGNORECASE,
)
_P_YEAR = re.compile(
    rf"\b(?P<pre>in|since|by|until|till|during|from|of|before|after|through|year|early|late|mid)[\s-]{{1,3}}"
    rf"(?P<y>{_YEAR})\b(?![-/.]\d|,\d|\s{{0,2}}(?:km|kilomet|people|troops|soldiers|vehicles|patrols))",
    _FLAGS,
)
_P_YEAR_RANGE = re.compile(
    rf"\b(?:(?:between|from)\s{{1,3}})?(?P<y>{_YEAR})\s{{0,3}}(?:-|–|and|to|until)\s{{0,3}}(?P<y2>{_YEAR})\b(?![-/.]\d)",
    _FLAGS,
)
_P_WEEKDAY = re.compile(
    rf"\b(?:(?P<rel>last|next|this|on|said|since|until|by|early|late|past)\s{{1,3}})?(?P<wd>{_WD})\b(?:'s)?",
    _FLAGS,
)
_P_RELATIVE = re.compile(
    r"\b(?:(?P<today>today|tonight|this morning|this afternoon|this evening|now)"
    r"|(?P<yday>the day before yesterday|yesterday|last night)"
    r"|(?P<tmrw>the day after tomorrow|tomorrow)"
    r"|(?P<ago>" + _NUM + r")\s{1,3}(?P<agounit>day|week|month|year)s?\s{1,3}ago"
    r"|(?P<later>" + _NUM + r")\s{1,3}(?P<laterunit>day|week|month|year)s?\s{1,3}(?P<laterdir>later|earlier|afterwards)"
    r"|the\s{1,3}(?P<prior>previous|next|following|same|preceding)\s{1,3}(?P<priorunit>day|week|month|year|weekend)"
    r"|the\s{1,3}day\s{1,3}(?P<dayrel>before|after)(?!\s{1,3}(?:yesterday|tomorrow))"
    r"|(?P<ee>earlier|later|early|late)\s{1,3}(?P<eethis>this|last|next)\s{1,3}(?P<eeunit>week|month|year)"
    r"|(?P<the>the\s{1,3})?(?P<lnt>last|this|next|past|coming|previous|current)\s{1,3}(?P<lntunit>week|weekend|month|year)"
    r"|after\s{1,3}(?P<hq>nearly|almost|about|around|roughly|some|more than|over|less than)?\s{0,3}(?P<hn>"
    + _NUM
    + r")\s{1,3}(?P<hunit>day|week|month|year)s?\s{1,3}of\s{1,3}(?:a\s{1,3})?"
    r"(?:hiatus|break|suspension|pause|absence|interruption|halt|freeze)"
    r")\b",
    _FLAGS,
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", _P_ISO),
    ("num_dmy", _P_NUM_DMY),
    ("slash", _P_SLASH),
    ("range_md", _P_RANGE_MD),
    ("range_dm", _P_RANGE_DM),
    ("ordinal", _P_ORDINAL),
    ("mdy", _P_MDY),
    ("dmy", _P_DMY),
    ("month_year", _P_MONTH_YEAR),
    ("month_relyear", _P_MONTH_RELYEAR),
    ("mod_year", _P_MOD_YEAR),
    ("mod_month", _P_MOD_MONTH),
    ("season", _P_SEASON),
    ("following_month", _P_FOLLOWING_MONTH),
    ("month_alone", _P_MONTH_ALONE),
    ("year_range", _P_YEAR_RANGE),
    ("year", _P_YEAR),
    ("weekday", _P_WEEKDAY),
    ("relative", _P_RELATIVE),
)

_TENSE_CUES = re.compile(
    r"\b(?:(?P<fut>(?:will|would|shall)\s{1,3}(?:not\s{1,3})?be\s{1,3}[a-z]{2,20}|will|would|shall|won't|wouldn't|plans?|planned|planning|scheduled|schedules?"
    r"|intends?|intended|expected|expects?|set to|going to|is to|are to|is due|are due|upcoming"
    r"|to be held|to begin|to start|to resume|to hold|to meet|to visit|next|tomorrow|soon"
    r"|(?:agreed|agree|agrees|decided|pledged|promised|ready|set|due) to)"
    r"|(?P<past>said|says|say|was|were|had|has|have|did|took|began|begun|held|met|made|came|went"
    r"|told|saw|led|left|sent|struck|fought|won|lost|gave|got|ago|last|earlier|previously|since"
    r"|been|[a-z]{3,}ed))\b",
    _FLAGS,
)
_CLAUSE_STOP = re.compile(r"[;\n]|[:.!?](?=\s)|\bwhile\b|\bbut\b", _FLAGS)

_SENT_SPLIT = re.compile(
    r"[.!?][\"'”’)\]]{0,3}\s{1,20}(?=[\"“(A-Z0-9])|\n[ \t]{0,20}\n\s{0,20}|\n(?=[ \t]{0,20}[-•*—])"
)
_ABBREV_BEFORE_DOT = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Maj|Capt"
    r"|No|vs|Prof|Sgt|Rep|Sen|Gov|Jr|Sr|Inc|Co|U\.S|U\.N)|\b[A-Z])$"
)

_HEADER = re.compile(r"\A[ \t\r\n]{0,200}date:?[ \t]{1,20}(?P<v>[^\s]{4,40})", re.IGNORECASE)
_DL_CITY = re.compile(r"(?:^|\n)[ \t]{0,10}[A-Z][A-Z'.\- ]{1,40}(?:,[ \t]{0,3}[A-Za-z .'\-]{0,30})?,[ \t]{0,3}$")
_DL_PAREN = re.compile(r"\([^()\n]{0,80}[-–—][ \t]{0,3}$")
_DL_BULLET = re.compile(r"(?:[•|]|\bago)[ \t]{0,3}(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6}\.?,?[ \t]{1,3})?$")
_DL_TIME_AFTER = re.compile(r"\A[ \t]{0,3}(?:[|•,–—-][ \t]{0,3})?\d{1,2}:\d\d")
_DL_TASS = re.compile(r"\A\.?[ \t]{0,3}(?:/[A-Za-z]{2,12}/|\([A-Za-z .]{2,30}\))")

_NORM_DROP = re.compile(r"[^a-z0-9]+")


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ı", "i")
    return " " + _NORM_DROP.sub(" ", s).strip() + " "


# --------------------------------------------------------------------------------------------
# Reference chronology
# --------------------------------------------------------------------------------------------


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
        d = _safe_date(y, mo, int(m.group(3)))
        return (d, d, "day") if d else None
    if not 1 <= mo <= 12:
        return None
    return date(y, mo, 1), date(y, mo, _last_day(y, mo)), "month"


def _read_chronology(text: str) -> tuple[ChronologyEntry, ...]:
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
        keywords = tuple(k for k in (_norm(k).strip() for k in cols[3].split("|")) if k)
        entries.append(
            ChronologyEntry(
                start=start,
                end=end,
                precision=precision,
                type=cols[1].strip(),
                name=cols[2].strip(),
                keywords=keywords,
                source=cols[4].strip() if len(cols) > 4 else "",
            )
        )
    entries.sort(key=lambda e: (e.start, e.name))
    return tuple(entries)


@lru_cache(maxsize=8)
def _load_chronology_cached(path: Path) -> tuple[ChronologyEntry, ...]:
    try:
        return _read_chronology(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return ()


def load_chronology(path: Path | None = None) -> tuple[ChronologyEntry, ...]:
    """The reference chronology (bundled ``chronology.tsv`` by default); cached per path."""
    if path is None:
        try:
            path = data_path("chronology.tsv")
        except FileNotFoundError:
            return ()
    return _load_chronology_cached(Path(path))


# --------------------------------------------------------------------------------------------
# Raw matches
# --------------------------------------------------------------------------------------------


@dataclass
class _Raw:
    start: int
    end: int
    text: str
    kind: str  # absolute | partial | range | weekday | relative | year | duration
    y: int | None = None
    m: int | None = None
    d: int | None = None
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    mod: str | None = None  # early/mid/late/... or a season name
    year_rel: int | None = None  # "October last year": -1
    month_rel: int | None = None  # "the 23rd of this month": 0
    wd: int | None = None
    wd_rel: str | None = None  # last | next | this | None
    rel: str | None = None  # key of a relative expression
    n: int = 0
    unit: str = ""
    qual: str = ""
    prior: bool = False  # relative to the previous expression, not to publication
    tense: str = "past"
    notes: list[str] = field(default_factory=list)


def _month_of(word: str | None) -> int | None:
    if not word:
        return None
    return _MONTHS.get(word.rstrip(".").lower())


def _capitalised(word: str | None) -> bool:
    return bool(word) and word is not None and word[:1].isupper()


def _num(word: str | None) -> int:
    if not word:
        return 1
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    return _NUMBER_WORDS.get(w, 1)


def _ordinal(word: str) -> int | None:
    w = word.lower().replace("-", " ")
    digits = re.match(r"\d{1,2}", w)
    if digits:
        return int(digits.group(0))
    parts = w.split()
    if len(parts) == 2:
        tens = 20 if parts[0] == "twenty" else 30
        unit = _ORD_WORDS.get(parts[1])
        return tens + unit if unit else None
    return _ORD_WORDS.get(w)


def _mod_key(mod: str | None) -> str | None:
    if not mod:
        return None
    m = " ".join(mod.lower().split())
    for prefix in ("the ",):
        if m.startswith(prefix):
            m = m[len(prefix) :]
    table = {
        "early": "early", "mid": "mid", "late": "late", "end of": "end", "beginning of": "beginning",
        "start of": "beginning", "middle of": "mid", "first half of": "h1", "second half of": "h2",
    }  # fmt: skip
    return table.get(m)


def _raw_from_match(kind: str, m: re.Match[str]) -> _Raw | None:
    g = m.groupdict()
    text = m.group(0)
    s, e = m.span()
    mon_word = g.get("mon")
    if mon_word is not None and not _capitalised(mon_word):
        return None
    if g.get("mon2") is not None and not _capitalised(g.get("mon2")):
        return None
    y = int(g["y"]) if g.get("y") else None
    if kind == "iso":
        return _Raw(s, e, text, "absolute", y=y, m=int(g["m"]), d=int(g["d"]))
    if kind == "num_dmy":
        return _Raw(s, e, text, "absolute", y=y, m=int(g["m"]), d=int(g["d"]))
    if kind == "slash":
        a, b = int(g["a"]), int(g["b"])
        if a > 12 >= b:
            return _Raw(s, e, text, "absolute", y=y, m=b, d=a)
        if b > 12 >= a:
            return _Raw(s, e, text, "absolute", y=y, m=a, d=b)
        return None  # 03/04/2020: day-month order unknown
    if kind in ("mdy", "dmy"):
        mo = _month_of(mon_word)
        if mo is None:
            return None
        return _Raw(s, e, text, "absolute" if y else "partial", y=y, m=mo, d=int(g["d"]))
    if kind in ("range_md", "range_dm"):
        if g.get("sep") == "and" and not g.get("prep"):
            return None  # "October 5 and 7 vehicles": too loose without between/from
        mo = _month_of(g.get("mon"))
        mo2 = _month_of(g.get("mon2"))
        if kind == "range_md":
            m1, m2 = mo, mo2 or mo
        else:
            m1, m2 = mo or mo2, mo2
        if m1 is None or m2 is None:
            return None
        d1, d2 = int(g["d"]), int(g["d2"])
        if m1 == m2 and d2 <= d1:
            return None
        return _Raw(s, e, text, "range", y=y, m=m1, d=d1, m2=m2, d2=d2)
    if kind == "ordinal":
        day = _ordinal(g["ord"])
        if day is None:
            return None
        if g.get("mon"):
            mo = _month_of(mon_word)
            return _Raw(s, e, text, "absolute" if y else "partial", y=y, m=mo, d=day)
        mrel = " ".join((g.get("mrel") or "").lower().split())
        rel = {"this": 0, "the same": 0, "the current": 0, "that": 0, "last": -1, "the previous": -1,
               "next": 1, "the following": 1}.get(mrel, 0)  # fmt: skip
        raw = _Raw(s, e, text, "relative", d=day, month_rel=rel, rel="day_of_month")
        raw.prior = mrel in ("that", "the same", "the previous", "the following")
        return raw
    if kind == "month_year":
        return _Raw(s, e, text, "absolute", y=y, m=_month_of(mon_word), mod=_mod_key(g.get("mod")))
    if kind == "month_relyear":
        ry = " ".join(g["ry"].lower().split())
        rel = {"last": -1, "the previous": -1, "this": 0, "next": 1, "the following": 1}[ry]
        raw = _Raw(s, e, text, "relative", m=_month_of(mon_word), mod=_mod_key(g.get("mod")), year_rel=rel)
        raw.prior = ry in ("the previous", "the following")
        return raw
    if kind == "mod_year":
        return _Raw(s, e, text, "year", y=y, mod=_mod_key(g.get("mod")))
    if kind == "mod_month":
        return _Raw(s, e, text, "partial", m=_month_of(mon_word), mod=_mod_key(g.get("mod")))
    if kind == "season":
        pre = g["pre"].lower()
        season = g["season"].lower()
        if season == "fall" and y is None and pre not in ("in", "last", "this", "next", "during"):
            return None
        raw = _Raw(s, e, text, "partial" if y is None else "year", y=y, mod="season:" + season)
        if y is None and pre in ("last", "this", "next"):
            raw.kind = "relative"
            raw.year_rel = {"last": -1, "this": 0, "next": 1}[pre]
        if g.get("mod"):
            raw.notes.append(f"'{g['mod']}' of the season not narrowed")
        return raw
    if kind == "following_month":
        which = (g.get("rel") or "").lower()
        raw = _Raw(s, e, text, "relative", m=_month_of(mon_word))
        has_the = text.lower().startswith("the")
        if which in ("following", "next") and has_the:
            raw.rel, raw.prior = "following_month", True
        elif which in ("previous", "preceding"):
            raw.rel, raw.prior = "previous_month", True
        elif which == "next":
            raw.rel = "next_month_name"
        else:
            return None
        return raw
    if kind == "month_alone":
        pre = g["pre"].lower()
        mo = _month_of(mon_word)
        if pre in ("last", "next", "this"):
            return _Raw(s, e, text, "relative", m=mo, rel=pre + "_month_name")
        return _Raw(s, e, text, "partial", m=mo)
    if kind == "year_range":
        y2 = int(g["y2"])
        if y is None or not (y < y2 <= y + 30):
            return None
        return _Raw(s, e, text, "range", y=y, y2=y2)
    if kind == "year":
        pre = g["pre"].lower()
        if pre in ("early", "late", "mid"):
            return None  # taken by mod_year
        return _Raw(s, e, text, "year", y=y)
    if kind == "weekday":
        wd_word = g["wd"]
        if not _capitalised(wd_word):
            return None
        pre_word = (g.get("rel") or "").lower()
        wd_rel = pre_word if pre_word in ("last", "next", "this", "past") else None
        if wd_rel == "past":
            wd_rel = "last"
        return _Raw(s, e, text, "weekday", wd=_WEEKDAYS.index(wd_word.lower()), wd_rel=wd_rel)
    if kind == "relative":
        return _relative_raw(s, e, text, g)
    return None


def _relative_raw(s: int, e: int, text: str, g: dict[str, str | None]) -> _Raw | None:
    low = " ".join(text.lower().split())
    if g.get("today"):
        if low == "now":
            return None
        return _Raw(s, e, text, "relative", rel="today", n=0, tense="present")
    if g.get("yday"):
        n = 2 if "before" in low else 1
        return _Raw(s, e, text, "relative", rel="days", n=-n, tense="past")
    if g.get("tmrw"):
        n = 2 if "after" in low else 1
        return _Raw(s, e, text, "relative", rel="days", n=n, tense="future")
    if g.get("ago"):
        unit = (g.get("agounit") or "day").lower()
        return _Raw(s, e, text, "relative", rel="ago", n=_num(g.get("ago")), unit=unit, tense="past")
    if g.get("later"):
        unit = (g.get("laterunit") or "day").lower()
        sign = -1 if (g.get("laterdir") or "").lower() == "earlier" else 1
        raw = _Raw(s, e, text, "relative", rel="shift", n=sign * _num(g.get("later")), unit=unit)
        raw.prior = True
        return raw
    if g.get("prior"):
        which = (g.get("prior") or "").lower()
        unit = (g.get("priorunit") or "day").lower()
        sign = {"previous": -1, "preceding": -1, "same": 0}.get(which, 1)
        raw = _Raw(s, e, text, "relative", rel="shift", n=sign, unit="week" if unit == "weekend" else unit)
        raw.prior = True
        return raw
    if g.get("dayrel"):
        raw = _Raw(s, e, text, "relative", rel="shift", n=-1 if g["dayrel"] == "before" else 1, unit="day")
        raw.prior = True
        return raw
    if g.get("ee"):
        which = (g.get("eethis") or "this").lower()
        unit = (g.get("eeunit") or "month").lower()
        part = (g.get("ee") or "").lower()
        offset = {"this": 0, "last": -1, "next": 1}[which]
        tense = "past" if part in ("earlier",) or offset < 0 else "future" if offset > 0 else "present"
        if part == "later" and offset == 0:
            tense = "future"
        return _Raw(s, e, text, "relative", rel="period", n=offset, unit=unit, qual=part, tense=tense)
    if g.get("lnt"):
        which = (g.get("lnt") or "").lower()
        unit = (g.get("lntunit") or "week").lower()
        if g.get("the") and which in ("last", "past"):
            # "the last week", "the past month": the span up to publication.
            return _Raw(s, e, text, "relative", rel="trailing", n=1, unit=unit, tense="past")
        if which == "past":
            return _Raw(s, e, text, "relative", rel="trailing", n=1, unit=unit, tense="past")
        offset = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[which]
        tense = "past" if offset < 0 else "future" if offset > 0 else "present"
        return _Raw(s, e, text, "relative", rel="period", n=offset, unit=unit, tense=tense)
    if g.get("hn"):
        unit = (g.get("hunit") or "year").lower()
        qual = " ".join((g.get("hq") or "").lower().split())
        return _Raw(s, e, text, "duration", rel="hiatus", n=_num(g.get("hn")), unit=unit, qual=qual, tense="past")
    return None


def _scan(text: str, limit: int) -> list[_Raw]:
    """All raw matches; the longest wins where they overlap."""
    found: list[_Raw] = []
    body = text[:limit]
    for kind, rx in _PATTERNS:
        for m in rx.finditer(body):
            raw = _raw_from_match(kind, m)
            if raw is not None and raw.end > raw.start:
                found.append(raw)
    found.sort(key=lambda r: (-(r.end - r.start), r.start))
    occupied = bytearray(len(body) + 1)
    chosen: list[_Raw] = []
    for raw in found:
        if occupied.find(1, raw.start, raw.end) != -1:
            continue
        occupied[raw.start : raw.end] = b"\x01" * (raw.end - raw.start)
        chosen.append(raw)
    chosen.sort(key=lambda r: r.start)
    return chosen


# --------------------------------------------------------------------------------------------
# Sentences, tense
# --------------------------------------------------------------------------------------------


def _sentence_starts(text: str) -> list[int]:
    starts = [0]
    for m in _SENT_SPLIT.finditer(text):
        before = text[max(0, m.start() - 6) : m.start()]
        if text[m.start()] == "." and _ABBREV_BEFORE_DOT.search(before):
            continue
        starts.append(m.end())
    return starts


def _sentence_bounds(starts: list[int], pos: int, length: int) -> tuple[int, int]:
    i = bisect_right(starts, pos) - 1
    a = starts[max(i, 0)]
    b = starts[i + 1] if i + 1 < len(starts) else length
    return a, b


def _tense(text: str, raw: _Raw, sent: tuple[int, int]) -> str:
    a = max(sent[0], raw.start - 120)
    before = text[a : raw.start]
    stops = list(_CLAUSE_STOP.finditer(before))
    if stops:
        before = before[stops[-1].end() :]
    cues = list(_TENSE_CUES.finditer(before))
    if cues:
        return "future" if cues[-1].group("fut") else "past"
    after = text[raw.end : min(sent[1], raw.end + 60)]
    stop = _CLAUSE_STOP.search(after)
    if stop:
        after = after[: stop.start()]
    cue = _TENSE_CUES.search(after)
    if cue:
        return "future" if cue.group("fut") else "past"
    return "past"


# --------------------------------------------------------------------------------------------
# Calendar arithmetic for a raw expression and a given year
# --------------------------------------------------------------------------------------------


def _season_span(y: int, season: str) -> tuple[date, date]:
    if season == "spring":
        return date(y, 3, 1), date(y, 5, 31)
    if season == "summer":
        return date(y, 6, 1), date(y, 8, 31)
    if season in ("autumn", "fall"):
        return date(y, 9, 1), date(y, 11, 30)
    return date(y, 12, 1), date(y + 1, 2, _last_day(y + 1, 2))  # winter Y: Dec Y - Feb Y+1


def _span_for_year(raw: _Raw, y: int) -> tuple[date, date] | None:
    """The interval the expression denotes in year ``y`` (None if it does not exist then)."""
    if not 1 <= y <= 9997:
        return None
    mod = raw.mod
    if mod and mod.startswith("season:"):
        return _season_span(y, mod.split(":", 1)[1])
    if raw.m is None:
        if raw.y2 is not None:
            return date(y, 1, 1), date(raw.y2, 12, 31)
        year_parts = {
            "early": (1, 4), "mid": (5, 8), "late": (9, 12), "end": (10, 12), "beginning": (1, 3),
            "h1": (1, 6), "h2": (7, 12),
        }  # fmt: skip
        a, b = year_parts.get(mod or "", (1, 12))
        return date(y, a, 1), date(y, b, _last_day(y, b))
    if not 1 <= raw.m <= 12:
        return None
    if raw.d is None:
        last = _last_day(y, raw.m)
        month_parts = {"early": (1, 10), "beginning": (1, 10), "mid": (11, 20), "late": (20, last),
                       "end": (21, last), "h1": (1, 15), "h2": (16, last)}  # fmt: skip
        a, b = month_parts.get(mod or "", (1, last))
        return date(y, raw.m, a), date(y, raw.m, b)
    start = _safe_date(y, raw.m, raw.d)
    if start is None:
        return None
    if raw.d2 is not None and raw.m2 is not None:
        y2 = y if raw.m2 >= raw.m else y + 1
        end = _safe_date(y2, raw.m2, raw.d2)
        if end is None or end < start:
            return None
        return start, end
    return start, start


# --------------------------------------------------------------------------------------------
# Grounding context
# --------------------------------------------------------------------------------------------


@dataclass
class _Ctx:
    text: str
    pub: DateInterval
    pub_known: bool  # precise enough to resolve against (narrow)
    anchors: list[tuple[int, date]]  # (offset, day) of full or anchored day-precision dates
    starts: list[int]


RECENT_DAYS = 31
_RECENT_WORDS = re.compile(r"\b(?:yesterday|today|tonight|last\s+(?:week|night)|this\s+(?:week|morning))\b", re.I)


def _recent_cue(raw: _Raw) -> bool:
    return raw.tense != "future" and (raw.kind == "weekday" or bool(_RECENT_WORDS.search(raw.text)))


def _narrow(pub: DateInterval) -> bool:
    return pub.precision != "unknown" and (pub.end - pub.start).days <= NARROW_DAYS


def _resolve_yearless(
    raw: _Raw, ctx: _Ctx, extra_check: Callable[[date, date], bool] | None = None
) -> tuple[tuple[date, date] | None, list[str]]:
    """Pick the year of a month(/day) expression whose year the text does not give."""
    pub = ctx.pub
    what = raw.text.strip()
    if pub.start == EARLIEST and pub.end == LATEST and not ctx.anchors:
        return None, ["no year in the text, no publication date and no anchor: year left open"]
    lo_year = pub.start.year - 1
    hi_year = pub.end.year + 1
    if not _narrow(pub):
        if not ctx.anchors:
            return None, ["publication date too uncertain to fix the year"]
        years = [d.year for _, d in sorted(ctx.anchors, key=lambda a: abs(a[0] - raw.start))[:3]]
        lo_year, hi_year = max(lo_year, min(years) - 1), min(hi_year, max(years) + 1)
    candidates: list[tuple[date, date]] = []
    for y in range(lo_year, hi_year + 1):
        sp = _span_for_year(raw, y)
        if sp is None:
            continue
        a, b = sp
        if raw.tense == "future":
            ok = b >= pub.start and a <= _shift(pub.end, 366)
        else:
            ok = a <= pub.end and b >= _shift(pub.start, -366)
        if ok and extra_check is not None:
            ok = extra_check(a, b)
        if ok:
            candidates.append(sp)
    if not candidates:
        return None, [f"no year puts '{what}' in the allowed range: year left open"]
    if len(candidates) == 1:
        c = candidates[0]
        return c, [f"year {c[0].year}: the only one consistent with publication {format_interval(pub)}"]
    if (not _narrow(pub) or raw.kind != "weekday") and ctx.anchors:
        near = sorted(ctx.anchors, key=lambda a: abs(a[0] - raw.start))[:3]

        def dist(c: tuple[date, date]) -> int:
            return min(min(abs((c[0] - d).days), abs((c[1] - d).days)) for _, d in near)

        best = min(candidates, key=lambda c: (dist(c), -c[0].toordinal()))
        ref = min(near, key=lambda a: min(abs((best[0] - a[1]).days), abs((best[1] - a[1]).days)))
        return best, [f"year {best[0].year}: nearest to the article's dated reference {_fmt_day(ref[1])}"]
    if raw.tense == "future":
        c = candidates[0]
        return c, [f"future tense: next occurrence on/after publication {format_interval(pub)}"]
    past = [c for c in candidates if c[0] <= pub.end]
    c = past[-1] if past else candidates[-1]
    return c, [f"past tense: most recent occurrence not after publication {format_interval(pub)}"]


def _ground_calendar(raw: _Raw, ctx: _Ctx) -> tuple[DateInterval, list[str]]:
    """absolute / partial / range / year expressions."""
    ev = list(raw.notes)
    if raw.y is not None:
        sp = _span_for_year(raw, raw.y)
        if sp is None:
            return _open(raw.text, [f"'{raw.text}' is not a valid date"], raw.m, raw.d), ev
        ev.insert(0, f"explicit date '{raw.text.strip()}'")
        return _iv(sp[0], sp[1], raw.text, ev), ev
    sp, why = _resolve_yearless(raw, ctx)
    ev.extend(why)
    if sp is None:
        return _open(raw.text, [f"'{raw.text.strip()}' has no year", *ev], raw.m, raw.d), ev
    return _iv(sp[0], sp[1], raw.text, [f"'{raw.text.strip()}' has no year", *ev]), ev


def _weekday_fn(wd: int, mode: str) -> Callable[[date], date]:
    if mode == "on_or_before":
        return lambda p: _shift(p, -((p.weekday() - wd) % 7))
    if mode == "before":
        return lambda p: _shift(p, -((p.weekday() - wd - 1) % 7 + 1))
    return lambda p: _shift(p, (wd - p.weekday() - 1) % 7 + 1)  # strictly after


def _ground_weekday(raw: _Raw, ctx: _Ctx) -> DateInterval:
    pub = ctx.pub
    name = _WEEKDAYS[raw.wd or 0].capitalize()
    if pub.precision == "unknown" and pub.start == EARLIEST and pub.end == LATEST:
        return _open(raw.text, [f"'{raw.text.strip()}': publication date unknown"], None, None)
    if raw.wd_rel == "last":
        mode, why = "before", f"the last {name} before publication"
    elif raw.wd_rel == "next" or raw.tense == "future":
        mode, why = "after", f"future: the next {name} after publication"
    else:
        mode, why = "on_or_before", f"past: the last {name} up to and including publication"
    fn = _weekday_fn(raw.wd or 0, mode)
    a, b = fn(pub.start), fn(pub.end)
    ev = [why + f" ({format_interval(pub)})"]
    if a != b:
        ev.append("publication day uncertain: a range of candidate days")
    return _iv(a, b, raw.text, ev)


def _period(p: date, unit: str, offset: int) -> tuple[date, date]:
    if unit == "day":
        d = _shift(p, offset)
        return d, d
    if unit in ("week", "weekend"):
        monday = _shift(p, -p.weekday() + 7 * offset)
        if unit == "weekend":
            return _shift(monday, 5), _shift(monday, 6)
        return monday, _shift(monday, 6)
    if unit == "month":
        first = _add_months(_month_start(p), offset)
        return first, _month_end(first)
    y = min(max(p.year + offset, 1), 9997)
    return date(y, 1, 1), date(y, 12, 31)


_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def _ground_relative(raw: _Raw, ctx: _Ctx, prior: DateInterval | None) -> DateInterval:
    base = prior if (raw.prior and prior is not None) else ctx.pub
    base_name = "the preceding date" if base is prior else "publication"
    if base.precision == "unknown" and base.start == EARLIEST and base.end == LATEST:
        return _open(raw.text, [f"'{raw.text.strip()}': {base_name} unknown"], raw.m, raw.d)
    a, b = base.start, base.end
    ev = [f"relative to {base_name} {format_interval(base)}"]
    rel = raw.rel
    if rel == "today":
        s, e = a, b
    elif rel == "days":
        s, e = _shift(a, raw.n), _shift(b, raw.n)
    elif rel == "ago":
        if raw.unit == "day":
            s, e = _shift(a, -raw.n), _shift(b, -raw.n)
        elif raw.unit == "week":
            s, e = _shift(a, -7 * raw.n - 3), _shift(b, -7 * raw.n + 3)
        else:
            months = raw.n * (12 if raw.unit == "year" else 1)
            s = _month_start(_add_months(a, -months))
            e = _month_end(_add_months(b, -months))
            if raw.unit == "year":
                s, e = date(s.year, 1, 1), date(e.year, 12, 31)
    elif rel == "shift":
        if raw.unit == "day":
            s, e = _shift(a, raw.n), _shift(b, raw.n)
        else:
            s, e = _period(a, raw.unit, raw.n)[0], _period(b, raw.unit, raw.n)[1]
    elif rel == "period":
        s, e = _period(a, raw.unit, raw.n)[0], _period(b, raw.unit, raw.n)[1]
        if raw.qual == "earlier" and raw.n == 0:
            e = b
        elif raw.qual == "later" and raw.n == 0:
            s = a
        elif raw.qual in ("early", "late") and raw.unit in ("month", "year"):
            if raw.unit == "month" and s.month == e.month and s.year == e.year:
                s, e = (s, s.replace(day=10)) if raw.qual == "early" else (s.replace(day=20), e)
            elif raw.unit == "year" and s.year == e.year:
                s, e = (s, date(s.year, 4, 30)) if raw.qual == "early" else (date(s.year, 9, 1), e)
    elif rel == "trailing":
        s, e = _shift(a, -_UNIT_DAYS.get(raw.unit, 7)), b
    elif rel == "day_of_month":
        firsts = _add_months(_month_start(a), raw.month_rel or 0)
        lasts = _add_months(_month_start(b), raw.month_rel or 0)
        d1 = _safe_date(firsts.year, firsts.month, raw.d or 1)
        d2 = _safe_date(lasts.year, lasts.month, raw.d or 1)
        if d1 is None or d2 is None:
            return _open(raw.text, [f"'{raw.text.strip()}' is not a valid day"], None, raw.d)
        s, e = d1, d2
    elif rel == "hiatus":
        days = raw.n * _UNIT_DAYS.get(raw.unit, 365)
        lo_f, hi_f = {"nearly": (0.75, 1.0), "almost": (0.75, 1.0), "more than": (1.0, 1.5),
                      "over": (1.0, 1.5), "less than": (0.5, 1.0)}.get(raw.qual, (0.85, 1.15))  # fmt: skip
        s, e = _shift(a, -round(days * hi_f)), _shift(b, -round(days * lo_f))
        ev.append(f"the pause began about {raw.n} {raw.unit}(s) before ({raw.qual or 'approx.'})")
    elif raw.year_rel is not None and raw.m is None:  # "last spring"
        y = a.year + raw.year_rel
        sp = _span_for_year(raw, y) or (date(y, 1, 1), date(y, 12, 31))
        s, e = sp
    elif raw.year_rel is not None:  # "October last year"
        sp1 = _span_for_year(raw, a.year + raw.year_rel)
        sp2 = _span_for_year(raw, b.year + raw.year_rel)
        if sp1 is None or sp2 is None:
            return _open(raw.text, ["invalid date"], raw.m, raw.d)
        s, e = sp1[0], sp2[1]
    elif rel in ("following_month", "next_month_name"):
        y = a.year if (raw.m or 1) > a.month else a.year + 1
        y2 = b.year if (raw.m or 1) > b.month else b.year + 1
        s, e = date(y, raw.m or 1, 1), _month_end(date(y2, raw.m or 1, 1))
    elif rel in ("previous_month", "last_month_name"):
        y = a.year if (raw.m or 1) < a.month else a.year - 1
        y2 = b.year if (raw.m or 1) < b.month else b.year - 1
        s, e = date(y, raw.m or 1, 1), _month_end(date(y2, raw.m or 1, 1))
    elif rel == "this_month_name":
        s, e = date(a.year, raw.m or 1, 1), _month_end(date(b.year, raw.m or 1, 1))
    else:
        return _open(raw.text, [f"'{raw.text.strip()}' not understood"], raw.m, raw.d)
    if e < s:
        s, e = e, s
    return _iv(s, e, raw.text, ev)


# --------------------------------------------------------------------------------------------
# Chronology anchors
# --------------------------------------------------------------------------------------------


def _window_norm(ctx: _Ctx, raw: _Raw) -> str:
    a, b = _sentence_bounds(ctx.starts, raw.start, len(ctx.text))
    a, b = max(a, raw.start - 250), min(b, raw.end + 250)
    return _norm(ctx.text[a:b])


def _anchor(raw: _Raw, ctx: _Ctx, chronology: tuple[ChronologyEntry, ...]) -> tuple[ChronologyEntry, int] | None:
    """The reference event a month/day (or month) mention points at, with the number of cue hits."""
    if raw.m is None or raw.kind in ("relative", "weekday", "duration", "year"):
        return None
    cands = [
        c
        for c in chronology
        if c.start.month == raw.m
        and (
            (raw.d is not None and c.precision != "month" and c.start.day == raw.d)
            or (raw.d is None and raw.mod is None)
        )
        and (raw.y is None or c.start.year == raw.y)
    ]
    if not cands:
        return None
    window = _window_norm(ctx, raw)
    scored: list[tuple[int, ChronologyEntry]] = []
    for c in cands:
        hits = sum(1 for k in c.keywords if f" {k} " in window)
        need = 1 if raw.d is not None else 2
        if hits >= need:
            scored.append((hits, c))
    if not scored:
        return None
    scored.sort(key=lambda t: (-t[0], t[1].start))
    best_hits = scored[0][0]
    top = [c for h, c in scored if h == best_hits]
    if len({c.start.year for c in top}) > 1:
        return None  # two reference events fit equally: do not guess
    return top[0], best_hits


# --------------------------------------------------------------------------------------------
# Publication
# --------------------------------------------------------------------------------------------


def _parse_absolute(value: str) -> DateInterval | None:
    """A date as metadata or a user writes it, without relative words."""
    v = value.strip()
    if not v or len(v) > 80:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]{0,15}(?:Z|[+-]\d\d:?\d\d)?)?", v)
    if m:
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return _iv(d, d, value, ["ISO date"]) if d else None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", v)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12 and y >= 1:
            return _iv(date(y, mo, 1), date(y, mo, _last_day(y, mo)), value, ["year-month"])
        return None
    m = re.fullmatch(r"(\d{4})", v)
    if m and int(m.group(1)) >= 1:
        y = int(m.group(1))
        return _iv(date(y, 1, 1), date(y, 12, 31), value, ["year"])
    m = re.fullmatch(r"(\d{4})/(\d{1,2})/(\d{1,2})", v)
    if m:
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return _iv(d, d, value, ["date"]) if d else None
    # Words: "5 Nov 2019", "Nov 5, 2019", "November 2019", "Tue, 05 Nov 2019 10:00:00 GMT"
    cleaned = re.sub(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s+", "", v, flags=re.IGNORECASE)
    cleaned = re.sub(r"\s+\d{1,2}:\d\d(?::\d\d)?.*$", "", cleaned)
    titled = " ".join(w[:1].upper() + w[1:].lower() if w[:1].isalpha() else w for w in cleaned.split())
    for rx in (_P_MDY, _P_DMY, _P_MONTH_YEAR, _P_NUM_DMY, _P_SLASH):
        m2 = rx.fullmatch(titled)
        if not m2:
            continue
        kind = {id(_P_MDY): "mdy", id(_P_DMY): "dmy", id(_P_MONTH_YEAR): "month_year",
                id(_P_NUM_DMY): "num_dmy", id(_P_SLASH): "slash"}[id(rx)]  # fmt: skip
        raw = _raw_from_match(kind, m2)
        if raw is None or raw.y is None:
            continue
        sp = _span_for_year(raw, raw.y)
        if sp:
            return _iv(sp[0], sp[1], value, ["date in words"])
    return None


def _find_header(text: str) -> tuple[DateInterval, tuple[int, int]] | None:
    m = _HEADER.match(text)
    if not m:
        return None
    iv = _parse_absolute(m.group("v"))
    if iv is None or iv.precision != "day":
        return None
    return iv, m.span()


def _is_dateline(text: str, raw: _Raw) -> str | None:
    line_start = text.rfind("\n", 0, raw.start) + 1
    prefix = text[max(line_start, raw.start - 90) : raw.start]
    suffix = text[raw.end : raw.end + 40]
    if _DL_CITY.search("\n" + prefix) and raw.y is None and _DL_TASS.match(suffix):
        return "dateline"
    if _DL_CITY.search("\n" + prefix) and (raw.y is not None or _DL_TASS.match(suffix)):
        return "dateline"
    if _DL_PAREN.search(prefix) and raw.y is not None:
        return "dateline"
    if _DL_BULLET.search(prefix) and raw.y is not None:
        return "page timestamp"
    if _DL_TIME_AFTER.match(suffix) and raw.y is not None:
        return "page timestamp"
    return None


def _dateline(text: str, raws: list[_Raw], after: int) -> tuple[_Raw, str] | None:
    for raw in raws:
        if raw.start < after:
            continue
        if raw.start > after + 1200:
            break
        if raw.kind not in ("absolute", "partial") or raw.m is None or raw.d is None:
            continue
        how = _is_dateline(text, raw)
        if how:
            return raw, how
    return None


_YEAR_WORD = re.compile(r"\b(?:19|20)\d\d\b")
_CAPWORD = re.compile(r"\b[A-Z][a-z]{3,}\b")
_COMMON_CAPS = frozenset(
    {
        "Turkey",
        "Turkish",
        "Russia",
        "Russian",
        "Syria",
        "Syrian",
        "Ankara",
        "Moscow",
        "Damascus",
        "Kurdish",
        "Defense",
        "Defence",
        "Ministry",
        "President",
        "Minister",
        "This",
        "That",
        "There",
        "They",
        "Their",
        "Also",
        "After",
        "Before",
        "When",
        "While",
        "Since",
        "With",
        "From",
    }
)


def _last_year_hint(text: str, raws: list[_Raw], starts: list[int]) -> tuple[int, str] | None:
    """ "last year" in a sentence next to an explicit year about the same subject -> publication year."""
    votes: dict[int, str] = {}
    for raw in raws:
        if not (raw.rel == "period" and raw.unit == "year" and raw.n == -1 and raw.qual == ""):
            continue
        a, b = _sentence_bounds(starts, raw.start, len(text))
        i = bisect_right(starts, raw.start) - 1
        pa = starts[i - 1] if i >= 1 else a
        here = text[a:b][:600]
        prev = text[pa:a][-600:]
        caps_here = {w for w in _CAPWORD.findall(here) if w not in _COMMON_CAPS}
        for chunk in (here, prev):
            years = [int(y) for y in _YEAR_WORD.findall(chunk)]
            if not years:
                continue
            shared = caps_here & {w for w in _CAPWORD.findall(chunk) if w not in _COMMON_CAPS}
            if chunk is prev and not shared:
                continue
            y = max(years)
            votes[y + 1] = (
                f"'last year' ({raw.text.strip()}) next to an explicit {y} about "
                f"{', '.join(sorted(shared)) or 'the same sentence'}: published in {y + 1}"
            )
            break
    if len(votes) == 1:
        ((y, why),) = votes.items()
        return y, why
    return None


# --------------------------------------------------------------------------------------------
# Main entry point
# --------------------------------------------------------------------------------------------


def ground_text(text: str, *, published: str | None = None) -> Grounding:
    """Find the article's own time and ground every temporal expression of ``text``."""
    if not isinstance(text, str):
        text = str(text)
    notes: list[str] = []
    limit = min(len(text), MAX_TEXT)
    if len(text) > MAX_TEXT:
        notes.append(f"only the first {MAX_TEXT} characters analysed for dates")
    raws = _scan(text, limit)
    starts = _sentence_starts(text[:limit])
    chronology = load_chronology()

    for raw in raws:
        if raw.kind in ("absolute", "partial", "range", "weekday", "year"):
            raw.tense = _tense(text, raw, _sentence_bounds(starts, raw.start, limit))

    # ---- 1. publication: metadata, header, dateline ------------------------------------
    pub: DateInterval | None = None
    pub_span: tuple[int, int] | None = None
    pub_ev: list[str] = []
    header_end = 0
    header = _find_header(text)
    if header is not None:
        header_end = header[1][1]
    if published is not None:
        meta = _parse_absolute(published) if isinstance(published, str) else None
        if meta is not None:
            pub = replace(meta, text=published, evidence=(f"metadata '{published}'",))
        else:
            notes.append(f"metadata date '{published}' not understood: ignored")
    if header is not None:
        hiv, hspan = header
        if pub is None:
            pub = replace(
                hiv,
                text=text[hspan[0] : hspan[1]].strip(),
                evidence=(f"header '{text[hspan[0] : hspan[1]].strip()}'",),
            )
            pub_span = hspan
        else:
            pub_ev.append(f"header says {hiv.start.isoformat()}")
    dl = _dateline(text, raws, header_end)
    dateline_partial: _Raw | None = None
    if dl is not None:
        draw, how = dl
        raws.remove(draw)
        if pub is None and draw.y is not None:
            sp = _span_for_year(draw, draw.y)
            if sp is not None:
                pub = _iv(sp[0], sp[1], draw.text, [f"{how} '{draw.text.strip()}'"])
                pub_span = (draw.start, draw.end)
        elif pub is None:
            dateline_partial = draw
            pub_span = (draw.start, draw.end)
        elif pub is not None:
            pub_ev.append(
                f"{how} '{draw.text.strip()}' agrees"
                if _dl_agrees(draw, pub)
                else f"{how} '{draw.text.strip()}' disagrees"
            )
    if header is not None:
        raws = [r for r in raws if r.start >= header_end]

    # ---- 2. chronology anchors ------------------------------------------------------------
    anchored: dict[int, tuple[ChronologyEntry, int]] = {}
    for idx, raw in enumerate(raws):
        hit = _anchor(raw, _Ctx(text, UNKNOWN_PUB, False, [], starts), chronology)
        if hit is not None:
            anchored[idx] = hit

    def anchor_allowed(raw: _Raw, entry: ChronologyEntry, hits: int, p: DateInterval | None) -> bool:
        if raw.y is not None:
            return True
        if p is None or p.precision == "unknown":
            return True
        if raw.tense != "future" and entry.start > p.end:
            return False
        # With a known publication, a weak cue must agree with the most recent occurrence.
        if hits >= 2 or not _narrow(p):
            return True
        probe = _Ctx(text, p, True, [], starts)
        sp, _ = _resolve_yearless(raw, probe)
        return sp is not None and sp[0].year == entry.start.year

    for idx in list(anchored):
        entry, hits = anchored[idx]
        if not anchor_allowed(raws[idx], entry, hits, pub):
            del anchored[idx]

    anchors: list[tuple[int, date]] = []
    for idx, raw in enumerate(raws):
        if raw.y is not None and raw.kind == "absolute" and raw.d is not None:
            sp = _span_for_year(raw, raw.y)
            if sp:
                anchors.append((raw.start, sp[0]))
        elif idx in anchored and raw.d is not None:
            entry = anchored[idx][0]
            anchors.append((raw.start, entry.start))

    # ---- 3. infer publication ----------------------------------------------------------------
    if pub is None:
        pub = _infer_publication(text, raws, anchored, anchors, starts, dateline_partial, limit, pub_ev)
    elif pub_ev:
        pub = replace(pub, evidence=pub.evidence + tuple(pub_ev))

    # ---- 4. ground every expression ----------------------------------------------------------
    ctx = _Ctx(text, pub, _narrow(pub), anchors, starts)
    timexes: list[Timex] = []
    prior: DateInterval | None = None
    prior_end = -1
    merged_into: set[int] = set()
    for idx, raw in enumerate(raws):
        if idx in merged_into:
            continue
        if raw.kind == "weekday":
            nxt = raws[idx + 1] if idx + 1 < len(raws) else None
            if (
                nxt is not None
                and _adjacent(text, raw, nxt)
                and nxt.d is not None
                and nxt.kind in ("absolute", "partial")
            ):
                merged_into.add(idx + 1)
                tx = _ground_weekday_date(raw, nxt, ctx, anchored.get(idx + 1))
                timexes.append(tx)
                prior, prior_end = tx.interval, tx.end
                continue
        near_prior = prior if (prior is not None and raw.start - prior_end < 600) else None
        tx = _ground_one(raw, ctx, near_prior, anchored.get(idx))
        timexes.append(tx)
        if tx.interval.precision != "unknown":
            prior, prior_end = tx.interval, tx.end
    return Grounding(pub, tuple(timexes), pub_span, tuple(notes))


UNKNOWN_PUB = DateInterval(EARLIEST, LATEST, "unknown", "", ("no publication date found",))


def _dl_agrees(raw: _Raw, pub: DateInterval) -> bool:
    return raw.m == pub.start.month and raw.d == pub.start.day and (raw.y is None or raw.y == pub.start.year)


def _adjacent(text: str, a: _Raw, b: _Raw) -> bool:
    gap = text[a.end : b.start]
    return len(gap) <= 4 and gap.strip(" ,(") == ""


def _ground_weekday_date(wd: _Raw, date_raw: _Raw, ctx: _Ctx, anchor: tuple[ChronologyEntry, int] | None) -> Timex:
    """'on Saturday (August 24, 2024)', 'on Friday, the first of November': the date wins."""
    end = date_raw.end
    if ctx.text[end : end + 1] == ")" and "(" in ctx.text[wd.end : date_raw.start]:
        end += 1
    text = ctx.text[wd.start : end]
    date_raw.tense = wd.tense
    want = wd.wd or 0
    if date_raw.y is not None:
        iv, _ = _ground_calendar(date_raw, ctx)
        ev = list(iv.evidence)
        if iv.precision == "day" and iv.start.weekday() != want:
            ev.append(f"note: {iv.start.isoformat()} is not a {_WEEKDAYS[want].capitalize()}")
        iv = replace(iv, text=text, evidence=("weekday with explicit date: the date wins", *ev))
        return Timex(wd.start, end, text, "absolute", iv, date_raw.tense)
    if anchor is not None:
        entry = anchor[0]
        d = _safe_date(entry.start.year, date_raw.m or 1, date_raw.d or 1)
        if d is not None and d.weekday() == want:
            iv = _iv(
                d,
                d,
                text,
                [
                    f"year {d.year} from reference chronology: {entry.name} ({entry.source})",
                    f"{d.isoformat()} is a {_WEEKDAYS[want].capitalize()}",
                ],
            )
            return Timex(wd.start, end, text, "partial", iv, date_raw.tense, entry.name)

    def is_weekday(a: date, b: date) -> bool:
        return a.weekday() == want

    sp, why = _resolve_yearless(date_raw, ctx, is_weekday)
    if sp is None:
        iv = _open(text, [f"'{text.strip()}' has no year", *why], date_raw.m, date_raw.d)
    else:
        iv = _iv(
            sp[0],
            sp[1],
            text,
            [
                f"'{text.strip()}' has no year",
                *why,
                f"{sp[0].isoformat()} is a {_WEEKDAYS[want].capitalize()}",
            ],
        )
    return Timex(wd.start, end, text, "partial", iv, date_raw.tense)


def _ground_one(raw: _Raw, ctx: _Ctx, prior: DateInterval | None, anchor: tuple[ChronologyEntry, int] | None) -> Timex:
    tense = raw.tense
    if raw.kind == "weekday":
        iv = _ground_weekday(raw, ctx)
        return Timex(raw.start, raw.end, raw.text, "weekday", iv, tense)
    if raw.kind in ("relative", "duration"):
        iv = _ground_relative(raw, ctx, prior)
        return Timex(raw.start, raw.end, raw.text, raw.kind, iv, raw.tense)
    if anchor is not None:
        entry, hits = anchor
        if raw.y is None:
            sp = _span_for_year(raw, entry.start.year)
            if sp is not None:
                iv = _iv(
                    sp[0],
                    sp[1],
                    raw.text,
                    [
                        f"'{raw.text.strip()}' has no year",
                        f"year {entry.start.year} from reference chronology: {entry.name} "
                        f"({entry.start.isoformat()}, {hits} cue word(s) in the sentence; {entry.source})",
                    ],
                )
                return Timex(raw.start, raw.end, raw.text, raw.kind, iv, tense, entry.name)
        else:
            iv, _ = _ground_calendar(raw, ctx)
            return Timex(raw.start, raw.end, raw.text, raw.kind, iv, tense, entry.name)
    iv, _ = _ground_calendar(raw, ctx)
    return Timex(raw.start, raw.end, raw.text, raw.kind, iv, tense)


def _infer_publication(
    text: str,
    raws: list[_Raw],
    anchored: dict[int, tuple[ChronologyEntry, int]],
    anchors: list[tuple[int, date]],
    starts: list[int],
    dateline_partial: _Raw | None,
    limit: int,
    extra_ev: list[str],
) -> DateInterval:
    lo, hi = EARLIEST, LATEST
    lo_why, hi_why = "", ""
    ev: list[str] = list(extra_ev)

    def raise_lo(d: date, why: str) -> None:
        nonlocal lo, lo_why
        if d > lo and d <= hi:
            lo, lo_why = d, why

    def lower_hi(d: date, why: str) -> None:
        nonlocal hi, hi_why
        if d < hi and d >= lo:
            hi, hi_why = d, why

    # Full dates: the article is not older than its latest past full date; announced future dates
    # are after it.
    for idx, raw in enumerate(raws):
        if raw.kind in ("relative", "weekday", "duration"):
            continue
        if raw.y is not None:
            sp = _span_for_year(raw, raw.y)
            if sp is None:
                continue
            if raw.tense == "future":
                lower_hi(sp[1], f"announced future date '{raw.text.strip()}'")
            else:
                raise_lo(sp[0] if raw.d is None else sp[1], f"past date '{raw.text.strip()}'")
        elif idx in anchored:
            entry = anchored[idx][0]
            sp = _span_for_year(raw, entry.start.year)
            if sp and raw.tense != "future":
                raise_lo(sp[0], f"'{raw.text.strip()}' anchored to {entry.name} ({entry.start.isoformat()})")
            elif sp:
                lower_hi(sp[1], f"announced '{raw.text.strip()}' anchored to {entry.name}")

    hint = _last_year_hint(text[:limit], raws, starts)
    if hint is not None:
        y, why = hint
        if lo <= date(y, 12, 31) and hi >= date(y, 1, 1):
            ev.append(why)
            if date(y, 1, 1) > lo:
                lo, lo_why = date(y, 1, 1), why
            if date(y, 12, 31) < hi:
                hi, hi_why = date(y, 12, 31), why

    # Year-less day dates: resolve them with what we have, then use them (future first).
    def narrow_with_yearless(lo: date, hi: date) -> tuple[date, date, list[str], str, str]:
        notes: list[str] = []
        lw, hw = lo_why, hi_why
        if lo == EARLIEST and hi == LATEST and not anchors:
            return lo, hi, notes, lw, hw
        prelim = _iv(lo, hi, "", ["preliminary"], precision="days" if (lo, hi) != (EARLIEST, LATEST) else "unknown")
        ctx = _Ctx(text, prelim, _narrow(prelim), anchors, starts)
        resolved: list[tuple[_Raw, date, date]] = []
        order = [i for i, r in enumerate(raws) if r.tense == "future"] + [
            i for i, r in enumerate(raws) if r.tense != "future"
        ]
        for i in order:
            raw = raws[i]
            if raw.y is not None or raw.m is None or raw.d is None or raw.kind not in ("partial", "range"):
                continue
            if i in anchored:
                sp = _span_for_year(raw, anchored[i][0].start.year)
            else:
                ctx.pub = _iv(lo, hi, "", ["preliminary"], precision="days") if lo <= hi else prelim
                sp, _ = _resolve_yearless(raw, ctx)
            if sp is None:
                continue
            resolved.append((raw, sp[0], sp[1]))
            if raw.tense == "future":
                if lo <= sp[1] < hi:
                    hi = sp[1]
                    hw = f"announced '{raw.text.strip()}' resolved to {sp[1].isoformat()}"
            else:
                if hi >= sp[1] > lo:
                    lo = sp[1]
                    lw = f"reported '{raw.text.strip()}' resolved to {sp[1].isoformat()}"
        past = [r for r in resolved if r[0].tense != "future"]
        if past:
            earliest = min(r[1] for r in past)
            cap = _shift(earliest, 365)
            if lo <= cap < hi:
                hi = cap
                hw = (
                    "year-less past dates lie within about 12 months before publication "
                    f"(earliest: {earliest.isoformat()})"
                )
            # "On Tuesday", "yesterday": news that dates its events by the weekday is written within
            # days of them, so an article that also gives its latest year-less date is from the
            # weeks after that date, not the year after.
            if past and any(_recent_cue(r) for r in raws):
                latest_past = max(r[2] for r in past)
                recent = _shift(latest_past, RECENT_DAYS)
                if lo <= recent < hi:
                    hi = recent
                    hw = (
                        "the text dates events by the weekday or 'yesterday': published within "
                        f"{RECENT_DAYS} days of its latest dated report ({latest_past.isoformat()})"
                    )
        future = [r for r in resolved if r[0].tense == "future"]
        if future:
            latest = max(r[2] for r in future)
            floor = _shift(latest, -365)
            if lo < floor <= hi:
                lo = floor
                lw = (
                    "announced year-less dates lie within about 12 months after publication "
                    f"(latest: {latest.isoformat()})"
                )
        return lo, hi, notes, lw, hw

    lo2, hi2, notes, lw2, hw2 = narrow_with_yearless(lo, hi)
    if lo2 <= hi2:
        lo, hi, lo_why, hi_why = lo2, hi2, lw2, hw2
        ev.extend(notes)

    if dateline_partial is not None:
        ctx = _Ctx(text, _iv(lo, hi, "", ["prelim"]), True, anchors, starts)
        dateline_partial.tense = "present"
        if (lo, hi) != (EARLIEST, LATEST):
            ys = [
                y
                for y in range(lo.year, hi.year + 1)
                if (d := _safe_date(y, dateline_partial.m or 1, dateline_partial.d or 1)) and lo <= d <= hi
            ]
            if len(ys) == 1 or (ys and lo != EARLIEST):
                d = date(ys[0], dateline_partial.m or 1, dateline_partial.d or 1)
                why = lo_why or hi_why or "the text's other dates"
                return _iv(
                    d,
                    d,
                    dateline_partial.text,
                    [
                        f"dateline '{dateline_partial.text.strip()}' has no year",
                        f"year {d.year}: first with the dateline's day on/after {lo.isoformat()} ({why})",
                        *ev,
                    ],
                )
        del ctx
        return _open(
            dateline_partial.text,
            [f"dateline '{dateline_partial.text.strip()}' has no year; nothing fixes it", *ev],
            dateline_partial.m,
            dateline_partial.d,
        )

    if (lo, hi) == (EARLIEST, LATEST):
        return _open(
            "",
            ["no publication date in metadata, header or dateline; the text gives no evidence", *ev],
            None,
            None,
        )
    reasons = ["no publication date given: inferred from the text"]
    if lo != EARLIEST:
        reasons.append(f"not before {lo.isoformat()}: {lo_why or 'see below'}")
    if hi != LATEST:
        reasons.append(f"not after {hi.isoformat()}: {hi_why or 'see below'}")
    return _iv(lo, hi, "", [*reasons, *ev])


# --------------------------------------------------------------------------------------------
# Formatting and command-line arguments
# --------------------------------------------------------------------------------------------


_ARG_RELATIVE = re.compile(
    r"(?P<w>today|yesterday|tomorrow|(?:last|this|next)\s+(?:week|month|year)"
    r"|(?P<n>\d{1,4})\s+(?P<unit>day|week|month|year)s?\s+ago)",
    re.IGNORECASE,
)


def parse_date_arg(value: str, *, today: date) -> DateInterval | None:
    """What a user types for --since/--until/--published; None if it is not a date."""
    if not isinstance(value, str):
        return None
    v = " ".join(value.split())
    if not v or len(v) > 80:
        return None
    if ".." in v:
        a, _, b = v.partition("..")
        ia = parse_date_arg(a, today=today) if a else None
        ib = parse_date_arg(b, today=today) if b else None
        if (a and ia is None) or (b and ib is None) or (ia is None and ib is None):
            return None
        s = ia.start if ia else EARLIEST
        e = ib.end if ib else LATEST
        if e < s:
            return None
        return _iv(s, e, value, ["range"])
    iv = _parse_absolute(v)
    if iv is not None:
        return replace(iv, text=value)
    m = _ARG_RELATIVE.fullmatch(v)
    if not m:
        return None
    low = v.lower()
    if m.group("n"):
        n = int(m.group("n"))
        raw = _Raw(0, len(v), v, "relative", rel="ago", n=n, unit=m.group("unit").lower())
    elif low == "today":
        raw = _Raw(0, len(v), v, "relative", rel="today")
    elif low == "yesterday":
        raw = _Raw(0, len(v), v, "relative", rel="days", n=-1)
    elif low == "tomorrow":
        raw = _Raw(0, len(v), v, "relative", rel="days", n=1)
    else:
        which, unit = low.split()
        raw = _Raw(0, len(v), v, "relative", rel="period", n={"last": -1, "this": 0, "next": 1}[which], unit=unit)
    pub = _iv(today, today, "today", ["today"])
    ctx = _Ctx(v, pub, True, [], [0])
    try:
        out = _ground_relative(raw, ctx, None)
    except (ValueError, OverflowError):
        return None
    return replace(out, text=value, evidence=(f"'{value}' relative to {today.isoformat()}",))
