"""Phase one of the dates: find every temporal expression and say what it states (a :class:`Tag`),
without grounding it (HeidelTime's tagging step).

The patterns are code; their words come from the lexicon (``data/lang/en.toml``: ``calendar``,
``numbers``, ``dates``, ``tense``). Every pattern is linear (alternations of literals, bounded
repeats, no nested quantifiers) and the text analysed is bounded, so hostile input stays fast.
Overlapping matches: the longest wins. Month and weekday names count only when capitalised.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from ..knowledge import Chronology, Knowledge, Lexicon
from ..models import Tag
from ..regexes import compile_led
from ..text import Sentences, scope_break
from . import years

# Only this much of a text is analysed (news articles are far shorter); keeps worst cases bounded.
MAX_TEXT = 200_000

_YEAR = r"(?:19|20)\d\d"
_DSUF = r"(?:st|nd|rd|th)?"
_FLAGS = re.IGNORECASE


@dataclass(frozen=True, eq=False)
class Grammar:
    """The date patterns of one lexicon, compiled once (``grammar``)."""

    lex: Lexicon
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    tense_cues: re.Pattern[str]
    scope_break: re.Pattern[str]
    in_relative: re.Pattern[str]  # ", who remember the siege by ISIS ": a relative clause set off by a comma
    mod_keys: dict[str, str]
    quantities: dict[str, int]
    vague: dict[str, tuple[int, int]]


def _alt(lex: Lexicon, *paths: str) -> str:
    return lex.alternation(*paths)


def _month_alt(lex: Lexicon) -> str:
    groups = lex.groups("calendar.months")
    # as written, and in capitals ("ANKARA, NOVEMBER 25 -", "NOV. 25"), as agencies' datelines have them
    full = "|".join(re.escape(n) for g in groups for n in (g[0], g[0].upper()))
    abbrevs = {x for g in groups for a in g[1:] for x in (a, a.upper())}
    abbrev = "|".join(re.escape(a) for a in sorted(abbrevs, key=len, reverse=True))
    return rf"(?:(?:{full})\b|(?:{abbrev})\b\.?)" if abbrev else rf"(?:(?:{full})\b)"


def _weekday_alt(lex: Lexicon) -> str:
    return "(?:" + "|".join(re.escape(g[0]) for g in lex.groups("calendar.weekdays")) + ")"


def _ordinal_alt(lex: Lexicon) -> str:
    ordinals = lex.numbers("numbers.ordinals")
    units = [w for w, v in ordinals.items() if 1 <= v <= 9]
    tens = [w for w, v in lex.numbers("numbers.tens").items() if v in (20, 30)]
    compounds = rf"(?:{'|'.join(tens)})[- ](?:{'|'.join(units)})"
    return rf"(?:{compounds}|{'|'.join(sorted(ordinals, key=len, reverse=True))})"


def _number_alt(lex: Lexicon) -> str:
    words = [
        *lex.words("numbers.quantities"),
        *lex.words("numbers.vague"),
        *(w for w, v in lex.numbers("numbers.cardinals").items() if v > 0),
    ]
    return rf"(?:\d{{1,3}}|{'|'.join(sorted(set(words), key=len, reverse=True))})"


@cache
def grammar(lex: Lexicon) -> Grammar:
    mon, wd, ordinal, num = _month_alt(lex), _weekday_alt(lex), _ordinal_alt(lex), _number_alt(lex)
    # a month's full name in lower case after its day ("after 33 martyrs on 27 february", "the 5 march
    # memorandum"): how chats, forums and comment threads write; after a day it is no verb
    lower = "(?:" + "|".join(re.escape(g[0].lower()) for g in lex.groups("calendar.months")) + r")\b"
    mod = _alt(lex, "dates.modifiers")
    season = _alt(lex, "calendar.seasons")
    seps = _alt(lex, "dates.range_separators")
    openers = _alt(lex, "dates.range_openers")
    units = _alt(lex, "dates.relative.units")
    # "2 June last year": a day whose year is relative to the article's ("the previous year": to
    # the date before)
    ryear = rf"|\s{{1,3}}(?P<ry>{_alt(lex, 'dates.year_relatives')})\s{{1,3}}year\b"
    patterns: list[tuple[str, str, int]] = [
        ("iso", rf"(?<![\d-])(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d])", 0),
        ("num_dmy", rf"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>{_YEAR})(?!\d)", 0),
        ("slash", rf"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>{_YEAR})(?!\d)", 0),
        (
            "range_md",
            rf"(?:(?P<prep>{openers})\s{{1,3}})?(?P<mon>{mon})\s{{0,3}}(?P<d>[0-3]?\d){_DSUF}"
            rf"\s{{0,3}}(?P<sep>{seps})\s{{0,3}}(?:(?P<mon2>{mon})\s{{0,3}})?"
            rf"(?P<d2>[0-3]?\d){_DSUF}\b(?!:)(?:,?\s{{0,3}}(?P<y>{_YEAR})\b)?",
            0,
        ),
        (
            "range_dm",
            rf"(?:(?P<prep>{openers})\s{{1,3}})?(?<![\d:.,])(?P<d>[0-3]?\d)(?P<s1>st|nd|rd|th)?\s{{0,3}}(?:(?P<mon>{mon})\s{{0,3}})?"
            rf"(?P<sep>{seps})\s{{0,3}}(?P<d2>[0-3]?\d)(?P<s2>st|nd|rd|th)?\s{{1,3}}(?:of\s{{1,3}})?"
            rf"(?P<mon2>{mon})(?:,?\s{{0,3}}(?P<y>{_YEAR})\b)?",
            0,
        ),
        (
            "ordinal",
            rf"\bthe\s{{1,3}}(?P<ord>{ordinal}|[0-3]?\d(?:st|nd|rd|th))\s{{1,3}}of\s{{1,3}}"
            rf"(?:(?P<mon>{mon})|(?P<mrel>{_alt(lex, 'dates.month_of')})\s{{1,3}}month)"
            rf"(?:,?\s{{0,3}}(?P<y>{_YEAR})\b)?",
            _FLAGS,
        ),
        (
            # "On the 14th, a drone struck ...", "the patrol on the 1st near Dirbesiye": a day of the
            # month with no month, the last such day up to the article's time (HeidelTime's "the 14th")
            "bare_day",
            rf"\b[Oo]n\s{{1,3}}the\s{{1,3}}(?P<ord>[0-3]?\d(?:st|nd|rd|th))"
            rf"(?=\s{{0,3}}[,;.:)—–]|\s{{0,3}}$|[ \t]{{0,3}}\n|\s{{1,3}}(?:{_alt(lex, 'dates.bare_day_followers')})\b"
            # or a verb in the past ("brokered by the US on the 11th allowed fighters to leave"),
            # not a participle before an ordinal's noun ("on the 21st armoured patrol")
            rf"|\s{{1,3}}[a-z]{{2,20}}ed\b"
            rf"(?!\s{{1,3}}(?:[a-z-]{{1,20}}\s{{1,3}})?(?:{_alt(lex, 'extract.ordinal_nouns')})))",
            0,
        ),
        (
            "mdy",
            rf"(?P<mon>{mon})\s{{0,3}}(?P<d>[0-3]?\d){_DSUF}\b(?!:\d|\.\d|,\d)(?:,?\s{{0,3}}(?P<y>{_YEAR})\b{ryear})?",
            0,
        ),
        (
            "dmy",
            rf"(?<![\d:.,])(?P<d>[0-3]?\d){_DSUF}\s{{1,3}}(?:of\s{{1,3}})?(?P<mon>{mon}|{lower})"
            rf"(?:,?\s{{0,3}}(?P<y>{_YEAR})\b{ryear})?",
            0,
        ),
        ("month_year", rf"(?:(?P<mod>{mod})[\s-]{{1,3}})?(?P<mon>{mon}),?\s{{1,3}}(?:of\s{{1,3}})?(?P<y>{_YEAR})\b", 0),
        (
            "month_relyear",
            rf"(?:(?P<mod>{mod})[\s-]{{1,3}})?(?P<mon>{mon})\s{{1,3}}(?:of\s{{1,3}})?"
            rf"(?P<ry>{_alt(lex, 'dates.year_relatives')})\s{{1,3}}year\b",
            0,
        ),
        ("mod_year", rf"\b(?P<mod>{mod})[\s-]{{1,3}}(?P<y>{_YEAR})\b", _FLAGS),
        ("mod_month", rf"\b(?P<mod>{mod})[\s-]{{1,3}}(?P<mon>{mon})(?!\s{{0,3}}\d)", 0),
        (
            "season",
            rf"\b(?P<pre>{_alt(lex, 'dates.season_prepositions')})\s{{1,3}}(?:the\s{{1,3}})?"
            rf"(?:(?P<mod>early|late|mid)[\s-]{{1,3}})?(?P<season>{season})\b(?:\s{{1,3}}(?:of\s{{1,3}})?"
            rf"(?:(?P<y>{_YEAR})\b|(?P<ry>{_alt(lex, 'dates.year_relatives')})\s{{1,3}}year\b))?",
            _FLAGS,
        ),
        (
            "following_month",
            rf"\b(?:the\s{{1,3}})?(?P<rel>{_alt(lex, 'dates.month_neighbours')})\s{{1,3}}(?P<mon>{mon})(?!\s{{0,3}}\d)",
            _FLAGS,
        ),
        (
            "month_alone",
            # the month's name as written (not "may"); its preposition opening a sentence too ("Last July,")
            rf"\b(?P<pre>(?i:{_alt(lex, 'dates.month_prepositions', 'dates.month_relatives')}))\s{{1,3}}"
            rf"(?P<mon>{mon})(?!\s{{0,3}}\d)",
            0,
        ),
        (
            "month_alone",
            # "• November – Joint patrols are halted": a timeline's line dated by its month alone
            rf"(?<![\w,])(?P<pre>)(?P<mon>{mon})(?=\s{{1,3}}[–—]\s)",
            0,
        ),
        (
            "month_attr",
            # "Turkey's October offensive", "the March deal", "the October Sochi memorandum" (a name
            # between, in capitals): the month of the event it names
            r"(?P<pre>)(?:(?<=\bthe )|(?<=\bThe )|(?<=\bits )|(?<=\btheir )|(?<=\w's )|(?<=\w’s ))"
            rf"(?P<mon>{mon})(?=(?:\s{{1,3}}[A-Z][\w-]{{1,20}})?"
            rf"\s{{1,3}}(?i:{_alt(lex, 'dates.month_event_nouns')})\b)",
            0,
        ),
        (
            "year_range",
            rf"\b(?:(?:{openers})\s{{1,3}})?(?P<y>{_YEAR})\s{{0,3}}(?:-|–|and|to|until)\s{{0,3}}(?P<y2>{_YEAR})\b(?![-/.]\d)",
            _FLAGS,
        ),
        (
            "year",
            rf"\b(?P<pre>{_alt(lex, 'dates.year_prepositions')})[\s-]{{1,3}}"
            rf"(?P<y>{_YEAR})\b(?![-/.]\d|,\d|\s{{0,2}}(?:{_alt(lex, 'dates.not_a_year_before')}))",
            _FLAGS,
        ),
        (
            "weekday",
            rf"\b(?:(?P<rel>{_alt(lex, 'dates.weekday_neighbours', 'dates.weekday_prepositions')})\s{{1,3}})?"
            rf"(?P<wd>{wd})\b(?:'s)?",
            _FLAGS,
        ),
        ("relative", _relative_source(lex, num, units), _FLAGS),
    ]
    modals = _alt(lex, "tense.modals")
    tense = compile_led(  # searched before and after every date: led by its first characters
        # not a cue where it is part of a phrase of another sense ("next to the border")
        rf"\b(?!(?:{_alt(lex, 'tense.not_cues')})\b)"
        # nor a participle after a determiner: "a scheduled patrol", "the planned route" (adjectives)
        + "(?:"
        + "".join(rf"(?<!\b{re.escape(d)}\s)" for d in lex.words("tense.determiners"))
        + rf"|(?!(?:{_alt(lex, 'tense.participles')})\b))"
        rf"(?:(?P<fut>(?:{modals})\s{{1,3}}(?:not\s{{1,3}})?be\s{{1,3}}[a-z]{{2,20}}|{_alt(lex, 'tense.future')})"
        # "had been scheduled for Thursday", "was planned for Monday": a plan told in the past
        rf"|(?P<past>(?:{_alt(lex, 'tense.plan_past')})\s{{1,3}}(?:{_alt(lex, 'tense.participles')})"
        rf"|{_alt(lex, 'tense.past')}|[a-z]{{3,}}ed))\b",
        _FLAGS,
    )
    quantities = {**lex.numbers("numbers.quantities"), **lex.numbers("numbers.cardinals")}
    return Grammar(
        lex=lex,
        # each searched over the whole text: led by what a match can start with (the same matches)
        patterns=tuple((kind, compile_led(src, flags)) for kind, src, flags in patterns),
        tense_cues=tense,
        scope_break=scope_break(lex),
        in_relative=re.compile(rf",\s{{1,3}}(?:{_alt(lex, 'clauses.relative')})\b[^,;]{{0,100}}$", re.IGNORECASE),
        mod_keys={" ".join(k.split()): str(v) for k, v in lex.table("dates.modifiers").items()},
        quantities=quantities,
        vague={" ".join(k.split()): (int(v[0]), int(v[1])) for k, v in lex.table("numbers.vague").items()},
    )


def _in_units(g: Grammar, unit: str, lo: int, hi: int) -> tuple[str, int, int]:
    """A count of a unit that is a number of another ("a fortnight": two weeks) in that other one."""
    k = g.lex.numbers("dates.relative.unit_multiples").get(unit)
    if not k:
        return unit, lo, hi
    base = str(g.lex.table("dates.relative.unit_multiple_of")[unit])
    return base, lo * int(k), hi * int(k)


def _relative_source(lex: Lexicon, num: str, units: str) -> str:
    r = "dates.relative"
    periods = _alt(lex, r + ".period_units")
    # "yesterday", "tomorrow": after "the day before/after" they make another expression
    one_day = "|".join(w for w in (*lex.words(r + ".days_before"), *lex.words(r + ".days_after")) if " " not in w)
    return (
        rf"\b(?:(?P<today>{_alt(lex, r + '.today')})"
        rf"|(?P<yday>{_alt(lex, r + '.days_before')})"
        rf"|(?P<tmrw>{_alt(lex, r + '.days_after')})"
        rf"|(?P<thisweekend>{_alt(lex, r + '.this_weekend')})"
        # "in the past 24 hours", "48 hours ago": counted in days (the time of day is not kept)
        rf"|(?:{_alt(lex, r + '.trailing')})\s{{1,3}}(?P<htrail>\d{{1,3}})\s{{1,3}}(?:{_alt(lex, r + '.hours')})\b"
        rf"|(?P<hago>\d{{1,3}})\s{{1,3}}(?:{_alt(lex, r + '.hours')})\s{{1,3}}(?:{_alt(lex, r + '.ago')})"
        rf"|(?:(?P<trail>{_alt(lex, r + '.trailing')})\s{{1,3}}(?:(?P<trailn>{num})\s{{1,3}})?(?P<trailunit>{units})s"
        rf"(?!\s{{1,3}}(?:{_alt(lex, r + '.ago')})))"
        rf"|(?:(?P<ago>{num})\s{{1,3}})?(?P<agounit>{units})s?\s{{1,3}}(?:{_alt(lex, r + '.ago')})"
        rf"(?P<agoday>\s{{1,3}}(?:{_alt(lex, r + '.ago_same_day')})\b)?"
        rf"|(?P<sameday>{_alt(lex, r + '.same_day')})"
        # not after "for": "paused for almost two weeks afterwards" says how long, not when
        rf"|(?<!\bfor\s)(?<!\bfor\salmost\s)(?<!\bfor\snearly\s)(?<!\bfor\sabout\s)(?<!\bfor\sover\s)"
        rf"(?P<later>{num})\s{{1,3}}(?P<laterunit>{units})s?\s{{1,3}}(?P<laterdir>{_alt(lex, r + '.shifted')})"
        # "days later", "weeks afterwards": a unit with no count after the date before (a range)
        rf"|(?<!\bfor\s)(?P<vlaterunit>{units})s\s{{1,3}}(?P<vlaterdir>{_alt(lex, r + '.shifted')})"
        rf"|the\s{{1,3}}(?P<prior>{_alt(lex, r + '.neighbours')})\s{{1,3}}(?P<priorunit>{periods})"
        # "that month" (not "that month-long truce")
        rf"|(?:(?P<anpart>{_alt(lex, r + '.period_parts')})\s{{1,3}})?"
        rf"(?P<anaph>{_alt(lex, r + '.anaphoric')})\s{{1,3}}(?P<anaphunit>{periods})(?![\w-])"
        rf"|the\s{{1,3}}day\s{{1,3}}(?P<dayrel>{_alt(lex, r + '.day_neighbours')})(?!\s{{1,3}}(?:{one_day}))"
        rf"|(?P<ee>{_alt(lex, r + '.period_parts')})\s{{1,3}}(?P<eethis>this|last|next)\s{{1,3}}(?P<eeunit>{units})"
        rf"|(?P<the>the\s{{1,3}})?(?P<lnt>{_alt(lex, r + '.periods')})\s{{1,3}}(?P<lntunit>{periods})"
        rf"|after\s{{1,3}}(?P<hq>{_alt(lex, r + '.pause_qualifiers')})?\s{{0,3}}(?P<hn>{num})\s{{1,3}}"
        rf"(?P<hunit>{units})s?\s{{1,3}}of\s{{1,3}}(?:a\s{{1,3}})?(?:{_alt(lex, r + '.pause_nouns')})"
        r")\b"
    )


# --------------------------------------------------------------------------------------------
# From a match to a Tag
# --------------------------------------------------------------------------------------------


def _capitalised(word: str | None) -> bool:
    return bool(word) and word is not None and word[:1].isupper()


def _words(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _mod_key(g: Grammar, mod: str | None) -> str | None:
    return g.mod_keys.get(_words(mod)) if mod else None


def _num(g: Grammar, word: str | None) -> int:
    w = _words(word)
    if not w:
        return 1
    return int(w) if w.isdigit() else g.quantities.get(w, 1)


def _count(g: Grammar, word: str | None) -> tuple[int, int]:
    """A number of units as a range: "three" (3, 3), "a few" (2, 5), none at all ("days ago") the
    lexicon's unnumbered range."""
    w = _words(word)
    if not w:
        lo, hi = g.lex.get("dates.relative.unnumbered")
        return int(lo), int(hi)
    if w in g.vague:
        return g.vague[w]
    n = _num(g, w)
    return n, n


Maker = Callable[[Grammar, re.Match[str], Tag], Tag | None]


def _calendar(g: Grammar, m: re.Match[str], base: Tag) -> Tag | None:
    kind, gd = base.kind, m.groupdict()
    if kind in ("iso", "num_dmy"):
        return replace(base, kind="absolute", m=int(gd["m"]), d=int(gd["d"]))
    if kind == "slash":
        a, b = int(gd["a"]), int(gd["b"])
        if a > 12 >= b:
            return replace(base, kind="absolute", m=b, d=a)
        if b > 12 >= a:
            return replace(base, kind="absolute", m=a, d=b)
        return None  # 03/04/2020: day-month order unknown
    mo = g.lex.month_number(gd["mon"]) if gd.get("mon") else None
    if mo is None:
        return None
    if gd.get("ry"):
        ry = _words(gd["ry"])
        rel = g.lex.numbers("dates.year_relatives")[ry]
        prior = ry in g.lex.words("dates.year_relatives_prior")
        return replace(base, kind="relative", m=mo, d=int(gd["d"]), year_rel=rel, prior=prior)
    return replace(base, kind="absolute" if base.y else "partial", m=mo, d=int(gd["d"]))


def _range(g: Grammar, m: re.Match[str], base: Tag) -> Tag | None:
    gd = m.groupdict()
    if _words(gd.get("sep")) == "and" and not gd.get("prep"):
        return None  # "October 5 and 7 vehicles": too loose without between/from
    if not gd.get("mon") and bool(gd.get("s1")) != bool(gd.get("s2")):
        return None  # "* 2nd – 5 November 2019 – ...": a list's 2nd row of that day, no range of days
    mo = g.lex.month_number(gd["mon"]) if gd.get("mon") else None
    mo2 = g.lex.month_number(gd["mon2"]) if gd.get("mon2") else None
    m1, m2 = (mo, mo2 or mo) if base.kind == "range_md" else (mo or mo2, mo2)
    if m1 is None or m2 is None:
        return None
    d1, d2 = int(gd["d"]), int(gd["d2"])
    if m1 == m2 and d2 <= d1:
        return None
    return replace(base, kind="range", m=m1, d=d1, m2=m2, d2=d2)


def _ordinal(g: Grammar, m: re.Match[str], base: Tag) -> Tag | None:
    gd = m.groupdict()
    day = g.lex.ordinal_value(gd["ord"])
    if day is None or day > 31:
        return None
    if gd.get("mon"):
        return replace(base, kind="absolute" if base.y else "partial", m=g.lex.month_number(gd["mon"]), d=day)
    mrel = _words(gd.get("mrel"))
    rel = g.lex.numbers("dates.month_of").get(mrel, 0)
    prior = mrel in g.lex.words("dates.month_of_prior")
    return replace(base, kind="relative", d=day, month_rel=rel, rel="day_of_month", prior=prior)


def _bare_day(g: Grammar, m: re.Match[str], base: Tag) -> Tag | None:
    day = g.lex.ordinal_value(m.group("ord"))
    if day is None or not 1 <= day <= 31:
        return None
    return replace(base, kind="relative", d=day, rel="recent_day")


def _month(g: Grammar, m: re.Match[str], base: Tag) -> Tag | None:
    gd = m.groupdict()
    mo = g.lex.month_number(gd["mon"])
    kind = base.kind
    if kind == "month_year":
        return replace(base, kind="absolute", m=mo, mod=_mod_key(g, gd.get("mod")))
    if kind == "month_relyear":
        ry = _words(gd["ry"])
        rel = g.lex.numbers("dates.year_relatives")[ry]
        prior = ry in g.lex.words("dates.year_relatives_prior")
        return replace(base, kind="relative", m=mo, mod=_mod_key(g, gd.get("mod")), year_rel=rel, prior=prior)
    if kind == "mod_month":
        return replace(base, kind="partial", m=mo, mod=_mod_key(g, gd.get("mod")))
    if kind == "month_attr":
        # the event it names has happened, whatever the verb of its clause ("to scrap the March deal")
        return replace(base, kind="partial", m=mo, qual="named", tense="past")
    if kind == "following_month":
        which = _words(gd.get("rel"))
        step = g.lex.numbers("dates.month_neighbours").get(which, 0)
        has_the = base.text.lower().startswith("the")
        if step > 0 and has_the:
            return replace(base, kind="relative", m=mo, rel="following_month", prior=True)
        if step < 0:
            return replace(base, kind="relative", m=mo, rel="previous_month", prior=True)
        if step == 0 and not has_the:  # "that August": of the year of the date before
            return replace(base, kind="relative", m=mo, rel="this_month_name", prior=True)
        if which == "next":
            return replace(base, kind="relative", m=mo, rel="next_month_name")
        return None
    pre = _words(gd["pre"])  # month_alone
    if pre in g.lex.words("dates.month_relatives"):
        return replace(base, kind="relative", m=mo, rel=pre + "_month_name")
    return replace(base, kind="partial", m=mo)


def _year(g: Grammar, m: re.Match[str], base: Tag) -> Tag | None:
    gd = m.groupdict()
    if base.kind == "mod_year":
        return replace(base, kind="year", mod=_mod_key(g, gd.get("mod")))
    if base.kind == "year_range":
        y2 = int(gd["y2"])
        if base.y is None or not (base.y < y2 <= base.y + 30):
            return None
        return replace(base, kind="range", y2=y2)
    if _words(gd["pre"]) in ("early", "late", "mid"):
        return None  # taken by mod_year
    return replace(base, kind="year")


def _season(g: Grammar, m: re.Match[str], base: Tag) -> Tag | None:
    gd = m.groupdict()
    pre, season = _words(gd["pre"]), _words(gd["season"])
    ambiguous = g.lex.table("dates.ambiguous_seasons").get(season)
    if ambiguous is not None and base.y is None and pre not in ambiguous:
        return None  # "the fall of Aleppo"
    notes = (f"'{gd['mod']}' of the season not narrowed",) if gd.get("mod") else ()
    tag = replace(base, kind="partial" if base.y is None else "year", mod="season:" + season, notes=notes)
    if base.y is None and gd.get("ry"):  # "in late spring last year", "in the spring of last year"
        ry = _words(gd["ry"])
        rel = g.lex.numbers("dates.year_relatives")[ry]
        tag = replace(tag, kind="relative", year_rel=rel, prior=ry in g.lex.words("dates.year_relatives_prior"))
    elif base.y is None and pre in ("last", "this", "next"):
        tag = replace(tag, kind="relative", year_rel={"last": -1, "this": 0, "next": 1}[pre])
    return tag


def _weekday(g: Grammar, m: re.Match[str], base: Tag) -> Tag | None:
    gd = m.groupdict()
    if not _capitalised(gd["wd"]):
        return None
    pre = _words(gd.get("rel"))
    wd_rel = "last" if pre in ("last", "past") else pre if pre in ("next", "this") else None
    step = g.lex.table("dates.weekday_neighbours").get(pre)
    if step is not None:  # "the following Monday": of the date before, not of the article's day
        wd_rel = "following" if step > 0 else "previous"
        return replace(base, kind="weekday", wd=g.lex.weekday_number(gd["wd"]), wd_rel=wd_rel, prior=True)
    return replace(base, kind="weekday", wd=g.lex.weekday_number(gd["wd"]), wd_rel=wd_rel)


@cache
def _count_before(lex: Lexicon) -> re.Pattern[str]:
    """A count right before a unit ("two weeks", "several days"), as the lexicon names counts."""
    words = [*lex.numbers("numbers.cardinals"), *lex.words("numbers.vague")]
    return re.compile(rf"(?:\d|\b(?:{'|'.join(sorted(map(re.escape, words), key=len, reverse=True))}))\s+$", re.I)


def _relative(g: Grammar, m: re.Match[str], base: Tag) -> Tag | None:
    gd = m.groupdict()
    low = _words(base.text)
    rel = "dates.relative"
    t = replace(base, kind="relative")
    if gd.get("today"):
        return replace(t, rel="today", tense="present")
    if gd.get("yday"):
        return replace(t, rel="days", n=-g.lex.numbers(rel + ".days_before").get(low, 1), tense="past")
    if gd.get("tmrw"):
        return replace(t, rel="days", n=g.lex.numbers(rel + ".days_after").get(low, 1), tense="future")
    if gd.get("thisweekend"):
        return replace(t, rel="last_weekend", unit="weekend", tense="past")
    if gd.get("htrail"):  # the past 24 hours: the article's day and the day before
        return replace(t, rel="trailing", n=max(1, -(-int(gd["htrail"]) // 24)), unit="day", tense="past")
    if gd.get("hago"):  # 36 hours ago: one or two days before
        hours = int(gd["hago"])
        return replace(t, rel="ago", n=hours // 24, n2=-(-hours // 24), unit="day", tense="past")
    if gd.get("trailunit"):
        unit, lo, hi = _in_units(g, _words(gd["trailunit"]), *_count(g, gd.get("trailn")))
        return replace(t, rel="trailing", n=lo, n2=hi, unit=unit, tense="past")
    if gd.get("agounit"):
        if not gd.get("ago") and not low.split()[0].endswith("s"):
            return None  # "day ago" with no number is no date
        unit, lo, hi = _in_units(g, _words(gd["agounit"]), *_count(g, gd.get("ago")))
        # "five years ago today": that very day, so many years back
        back = g.lex.numbers("dates.relative.ago_same_day").get(_words(gd.get("agoday")), 0)
        qual = f"same_day-{back}" if gd.get("agoday") and lo == hi else ""
        return replace(t, rel="ago", n=lo, n2=hi, unit=unit, tense="past", qual=qual)
    if gd.get("sameday"):  # "hours later", "later that day": the day of the date before
        return replace(t, rel="shift", n=0, unit="day", prior=True)
    if gd.get("later") or gd.get("vlaterunit"):
        # "three days later"; "a few weeks later", "days later" (a range of counts)
        numbered = bool(gd.get("later"))
        if not numbered and _count_before(g.lex).search(m.string, max(0, m.start() - 24), m.start()):
            return None  # "for almost two weeks afterwards": a count the numbered form did not take
        sign = g.lex.numbers(rel + ".shifted").get(_words(gd["laterdir" if numbered else "vlaterdir"]), 1)
        unit, lo, hi = _in_units(
            g, _words(gd["laterunit" if numbered else "vlaterunit"]), *_count(g, gd["later"] if numbered else None)
        )
        return replace(t, rel="shift", n=sign * lo, n2=sign * hi if hi != lo else 0, unit=unit, prior=True)
    if gd.get("prior"):
        sign = g.lex.numbers(rel + ".neighbours").get(_words(gd["prior"]), 1)
        unit = _words(gd["priorunit"])
        return replace(t, rel="shift", n=sign, unit="week" if unit == "weekend" else unit, prior=True)
    if gd.get("anaph"):
        unit = _words(gd["anaphunit"])
        unit = "week" if unit == "weekend" else unit
        if gd.get("anpart"):  # "later that month": a part of the period of the date before
            return replace(t, rel="period", n=0, unit=unit, prior=True, qual=_words(gd["anpart"]))
        return replace(t, rel="shift", n=0, unit=unit, prior=True, qual="anaphoric")
    if gd.get("dayrel"):
        step = g.lex.numbers(rel + ".day_neighbours")[_words(gd["dayrel"])]
        return replace(t, rel="shift", n=step, unit="day", prior=True)
    if gd.get("ee"):
        return _period_part(t, gd)
    if gd.get("lnt"):
        return _period(g, t, gd)
    if gd.get("hn"):
        qual = _words(gd.get("hq"))
        return replace(t, kind="duration", rel="hiatus", n=_num(g, gd["hn"]), unit=_words(gd["hunit"]), qual=qual)
    return None


def _period_part(t: Tag, gd: dict[str, str | None]) -> Tag:
    """'earlier this month', 'late last year'."""
    offset = {"this": 0, "last": -1, "next": 1}[_words(gd["eethis"])]
    part = _words(gd["ee"])
    tense = "past" if part == "earlier" or offset < 0 else "future" if offset > 0 else "present"
    if part == "later" and offset == 0:
        tense = "future"
    return replace(t, rel="period", n=offset, unit=_words(gd["eeunit"]), qual=part, tense=tense)


def _period(g: Grammar, t: Tag, gd: dict[str, str | None]) -> Tag:
    """'last week', 'this month', 'the past year' (the span up to publication)."""
    which, unit = _words(gd["lnt"]), _words(gd["lntunit"])
    if which == "past" or (gd.get("the") and which == "last"):
        return replace(t, rel="trailing", n=1, unit=unit, tense="past")
    offset = g.lex.numbers("dates.relative.periods")[which]
    tense = "past" if offset < 0 else "future" if offset > 0 else "present"
    return replace(t, rel="period", n=offset, unit=unit, tense=tense)


_MAKERS: dict[str, Maker] = {
    "iso": _calendar,
    "num_dmy": _calendar,
    "slash": _calendar,
    "mdy": _calendar,
    "dmy": _calendar,
    "range_md": _range,
    "range_dm": _range,
    "ordinal": _ordinal,
    "bare_day": _bare_day,
    "month_year": _month,
    "month_relyear": _month,
    "mod_month": _month,
    "following_month": _month,
    "month_alone": _month,
    "month_attr": _month,
    "mod_year": _year,
    "year_range": _year,
    "year": _year,
    "season": _season,
    "weekday": _weekday,
    "relative": _relative,
}


def _from_match(g: Grammar, kind: str, m: re.Match[str]) -> Tag | None:
    gd = m.groupdict()
    for key in ("mon", "mon2"):
        if gd.get(key) is not None and not _capitalised(gd[key]) and not (kind == "dmy" and key == "mon"):
            return None  # "may", "march": verbs (after its day, in "dmy", a month written in lower case)
    base = Tag(m.start(), m.end(), m.group(0), kind, y=int(gd["y"]) if gd.get("y") else None)
    return _MAKERS[kind](g, m, base)


def _scan(g: Grammar, body: str) -> list[Tag]:
    """All matches; the longest wins where they overlap."""
    found: list[Tag] = []
    for kind, rx in g.patterns:
        for m in rx.finditer(body):
            tag = _from_match(g, kind, m)
            if tag is not None and tag.end > tag.start:
                found.append(tag)
    found.sort(key=lambda t: (-(t.end - t.start), t.start))
    occupied = bytearray(len(body) + 1)
    chosen: list[Tag] = []
    for tag in found:
        if occupied.find(1, tag.start, tag.end) != -1:
            continue
        occupied[tag.start : tag.end] = b"\x01" * (tag.end - tag.start)
        chosen.append(tag)
    chosen.sort(key=lambda t: t.start)
    return chosen


# --------------------------------------------------------------------------------------------
# Tense, weekday-with-date, anchors
# --------------------------------------------------------------------------------------------


def _tense(g: Grammar, text: str, tag: Tag, sent: tuple[int, int]) -> str:
    """The last tense cue before the expression in its clause, else the first after it."""
    before = text[max(sent[0], tag.start - 120) : tag.start]
    stops = list(g.scope_break.finditer(before))
    if stops:
        before = before[stops[-1].end() :]
    cues = list(g.tense_cues.finditer(before))
    if cues:
        return "future" if cues[-1].group("fut") else "past"
    after = text[tag.end : min(sent[1], tag.end + 60)]
    stop = g.scope_break.search(after)
    if stop:
        after = after[: stop.start()]
    if g.in_relative.search(before):
        # "Many in Kobani, who remember the siege in 2014, fear the town will be handed over": a
        # date in a relative clause set off by commas ends with it; the main clause's tense is not its
        after = after.split(",", 1)[0]
    cue = g.tense_cues.search(after)
    if cue:
        return "future" if cue.group("fut") else "past"
    return "past"


def _adjacent(text: str, a: Tag, b: Tag) -> bool:
    gap = text[a.end : b.start]
    return len(gap) <= 4 and gap.strip(" ,(") == ""


# "4 and 6 February", "3, 5 and 7 March": the days listed before a day and its month
_LISTED_DAYS = re.compile(
    r"(?<![\w:.,/])((?:[0-3]?\d(?:st|nd|rd|th)?\s{0,2},\s{1,3}){0,4}[0-3]?\d(?:st|nd|rd|th)?)\s{1,3}(?:and|&)\s{1,3}$"
)
_A_DAY = re.compile(r"[0-3]?\d")


def _listed_days(text: str, tags: list[Tag]) -> list[Tag]:
    """ "Turkish units fail to appear on 4 and 6 February": each listed day is a date of its own, of
    the month (and year) after the last; not a range ("between 4 and 6 February" is one)."""
    out: list[Tag] = []
    for t in tags:
        m = _LISTED_DAYS.search(text, max(0, t.start - 40), t.start) if t.d is not None and t.m is not None else None
        if m is not None and t.kind in ("absolute", "partial") and text[t.start : t.start + 1].isdigit():
            for d in _A_DAY.finditer(text, m.start(1), m.end(1)):
                day = int(d.group())
                if 1 <= day <= 31 and day != t.d:
                    out.append(replace(t, start=d.start(), end=d.end(), text=d.group(), d=day))
        out.append(t)
    return out


@cache
def _week_before(lex: Lexicon) -> re.Pattern[str]:
    wd = _weekday_alt(lex)
    return re.compile(
        rf"(?:\s{{1,3}}(?:and|or|,)\s{{1,3}}(?:on\s{{1,3}})?{wd})?\s{{1,3}}(?:{lex.alternation('dates.week_before')})\b",
        re.IGNORECASE,
    )


def _in_week_before(text: str, tags: list[Tag], lex: Lexicon) -> list[Tag]:
    """ "on Tuesday and Thursday last week": each weekday is of the week before the article's; the
    "last week" after them is part of their expression, no date of its own."""
    pattern = _week_before(lex)
    out: list[Tag] = []
    skip_to = -1
    for t in tags:
        if t.start < skip_to:
            if t.kind == "weekday":
                out.append(replace(t, wd_rel="last_week"))
            continue  # the "last week" the weekdays took
        m = pattern.match(text, t.end) if t.kind == "weekday" and t.wd_rel is None else None
        if m is None:
            out.append(t)
            continue
        out.append(replace(t, wd_rel="last_week"))
        skip_to = m.end()
    return out


def _with_weekdays(text: str, tags: list[Tag]) -> list[Tag]:
    """'on Saturday (August 24, 2024)', 'Friday, the first of November': one expression, the date
    with its weekday (which may fix its year) and the weekday's tense."""
    out: list[Tag] = []
    i = 0
    while i < len(tags):
        tag = tags[i]
        nxt = tags[i + 1] if i + 1 < len(tags) else None
        if (
            tag.kind == "weekday"
            and nxt is not None
            and nxt.d is not None
            and nxt.kind in ("absolute", "partial")
            and _adjacent(text, tag, nxt)
        ):
            end = nxt.end + (1 if text[nxt.end : nxt.end + 1] == ")" and "(" in text[tag.end : nxt.start] else 0)
            out.append(replace(nxt, start=tag.start, end=end, text=text[tag.start : end], wd=tag.wd, tense=tag.tense))
            i += 2
            continue
        if nxt is not None and _adjacent(text, tag, nxt) and {tag.kind, nxt.kind} == {"relative", "weekday"}:
            # "Today, Tuesday, the patrol entered ...", "on Tuesday (today)": the article's day is a Tuesday
            today, day = (tag, nxt) if tag.kind == "relative" else (nxt, tag)
            # ... and "the day before yesterday, Monday": the article's day is a Wednesday
            if today.rel in ("today", "days") and day.wd is not None:
                out.append(replace(today, start=tag.start, end=nxt.end, text=text[tag.start : nxt.end], wd=day.wd))
                i += 2
                continue
        out.append(tag)
        i += 1
    return out


def tag(text: str, sentences: Sentences, kn: Knowledge | None = None) -> tuple[Tag, ...]:
    """Every temporal expression of ``text`` (its first MAX_TEXT characters), in order, with its
    tense and the reference-chronology entry its sentence points at, if any."""
    kn = kn or Knowledge.bundled()
    g = grammar(kn.lexicon)
    limit = min(len(text), MAX_TEXT)
    tags = _scan(g, text[:limit])
    tags = [
        replace(t, tense=_tense(g, text, t, sentences.around(t.start)))
        if (t.kind not in ("relative", "duration") or t.rel == "recent_day") and t.qual != "named"
        else t
        for t in tags
    ]
    tags = _listed_days(text, _in_week_before(text, tags, kn.lexicon))
    tags = [_compared_day(text, _attributive(text, t)) for t in tags]
    tags = _that_year_of_a_bare_year(text, tags)
    return tuple(_anchored(text, sentences, _with_weekdays(text, tags), kn.chronology))


# A year written alone before a noun ("its 2019 offensive", "the 2018 memorandum"): no date tag of
# its own, but the year "that year" points back to when it is the last one told.
_BARE_YEAR = re.compile(r"(?<![\w/.-])((?:19|20)\d\d)(?![\w/.-])")
BARE_YEAR_CHARS = 300  # how far back "that year" looks for one


def _that_year_of_a_bare_year(text: str, tags: list[Tag]) -> list[Tag]:
    """ "most recently its 2019 offensive. Under a deal reached in Sochi that year": "that year" is
    the year written last before it, a bare one too, not the date tag before that ("In November
    last year")."""
    out: list[Tag] = []
    for i, t in enumerate(tags):
        if t.qual == "anaphoric" and t.unit == "year":
            lo = max(tags[i - 1].end if i else 0, t.start - BARE_YEAR_CHARS)
            years_before = _BARE_YEAR.findall(text, lo, t.start)
            if years_before:
                y = int(years_before[-1])
                t = replace(t, kind="year", y=y, rel=None, n=0, unit="", prior=False, qual="")
        out.append(t)
    return out


_OF_BEFORE = re.compile(r"\bof\s{1,3}$", re.IGNORECASE)
_AS_THE = re.compile(r"\s{1,3}as\s{1,3}(?:the|a|an|its|their)\s", re.IGNORECASE)


def _compared_day(text: str, t: Tag) -> Tag:
    """ "On the same day as the Idlib blast": the day of an event the sentence names, the one the
    article reports, not the last day told before it (qual "as")."""
    if t.same_day and not t.qual and _AS_THE.match(text, t.end):
        return replace(t, qual="as")
    return t


def _attributive(text: str, t: Tag) -> Tag:
    """ "the Sochi memorandum of 22 October 2019": a full date after "of" names a thing's date; it
    is no time the sentences after it go on from (qual "of")."""
    if (
        t.kind == "absolute"
        and t.d is not None
        and not t.qual
        and _OF_BEFORE.search(text, max(0, t.start - 6), t.start)
    ):
        return replace(t, qual="of")
    return t


# A line that is only a year: a section of a timeline page ("2020 [edit]", "== 2021 ==", "### 2022")
_YEAR_HEADING = re.compile(r"^[ \t#=*]{0,6}((?:19|20)\d\d)[ \t]{0,3}(?:\[edit\])?[ \t=*#:]{0,6}$", re.MULTILINE)


def under_year_headings(text: str, tags: Sequence[Tag]) -> tuple[Tag, ...]:
    """ "2020 [edit]" above "• 14 July – An IED blast near Ariha": a date with no year of its own
    under a year's heading is of that year (a timeline page, a chronology, a year in review)."""
    heads = [(m.start(), int(m.group(1))) for m in _YEAR_HEADING.finditer(text[:MAX_TEXT])]
    if not heads:
        return tuple(tags)
    starts = [h[0] for h in heads]
    out = []
    for t in tags:
        k = bisect_right(starts, t.start) - 1
        if k >= 0 and t.y is None and t.kind == "partial" and t.m is not None:
            y = heads[k][1]
            t = replace(t, y=y, kind="absolute", notes=(*t.notes, f"year {y} from the heading above it"))
        out.append(t)
    return tuple(out)


def _anchored(text: str, sentences: Sentences, tags: Sequence[Tag], chronology: Chronology) -> list[Tag]:
    out = []
    for t in tags:
        found = years.anchor_candidate(t, years.cue_window(text, sentences, t), chronology)
        out.append(replace(t, anchor=found[0].key, anchor_hits=found[1]) if found else t)
    return out
