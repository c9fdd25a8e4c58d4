"""Clean stage: cut the boilerplate that copied web pages carry, and say what was cut.

Comment threads are cut from their first widget line ("Notify of", "Newest Most Voted",
"View all comments", "Leave a Reply", a lone "Reply", ...) to the end: commenters' names and
replies go with them, and nothing is extracted from a comment. Story lists ("Other news",
"Related Articles", "You might also like") are cut to the end too. Single lines of page furniture
are cut where they stand: donation bars ("0 $ 2,500 $"), "Support <outlet>", photo credits and
captions, "Click to see full-size image", cookie notices, share/print/view counters, breadcrumbs,
and lines repeated from above (a title shown twice). A page store's header line (" date 2024-08-25 ")
is kept: the date stage reads it.

Offsets: every ``Cut`` is a ``[start, end)`` range of character offsets into
``normalise_text(raw)`` — the text the cleaner works on after normalisation (NFC, Unix newlines,
no control or bidi characters) — not into the raw input and not into the cleaned result.

Every pattern works line by line: a line longer than MAX_LINE is kept as it is and never matched,
and no pattern nests quantifiers, so hostile text cannot make a pattern backtrack for long. A line
of the cleaned text longer than SPLIT_LINE (a whole export row on one line, or junk) is broken into
pieces of at most PIECE characters, at a sentence end where there is one, else at a space, which
becomes the line break: no later stage ever runs a pattern over a megabyte-long line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from .knowledge import Knowledge, Lexicon
from .load import LEFT_OUT_MARK
from .models import Cleaned, Cut

MAX_LINE = 2_000  # longer "lines" are article text (or junk): kept, never matched against the patterns
MAX_REPEAT = 200  # only lines shorter than this count as a repeated title or caption
SPLIT_LINE = 20_000  # cleaned lines longer than this are broken into pieces (a paragraph is far shorter)
PIECE = 4_000  # the longest piece such a line is broken into


@dataclass(frozen=True, eq=False)
class PagePatterns:
    """The lexicon's page-furniture patterns (``[page]`` of data/lang/en.toml), compiled."""

    comment_start: re.Pattern[str]
    tail_start: re.Pattern[str]
    furniture: re.Pattern[str]
    caption: re.Pattern[str]
    common: re.Pattern[str]  # the language's commonest words: a long line without any is foreign


@cache
def page_patterns(lex: Lexicon) -> PagePatterns:
    def alternatives(family: str) -> str:
        return "|".join(f"(?:{p})" for p in lex.words("page." + family))

    words = lex.alternation("page.caption_words")
    return PagePatterns(
        common=lex.pattern("language.common"),
        # A line that starts a comment thread: everything from here on is readers' talk.
        comment_start=re.compile(rf"^\s*(?:{alternatives('comment_start')})\s*[:.]?\s*$", re.IGNORECASE),
        # A line from which the rest of the page is another story list.
        tail_start=re.compile(rf"^\s*(?:{alternatives('tail_start')})\s*:?\s*$", re.IGNORECASE),
        # A whole line of page furniture.
        furniture=re.compile(rf"^\s*(?:{alternatives('furniture')})\s*$", re.IGNORECASE),
        # A caption line: text that ends with a photo credit ("... shake hands. | Photo credit: REUTERS",
        # "... border guard service (Photo: AP /Baderkhan Ahmad)", the agencies' own "... 2019. (AP
        # Photo/Baderkhan Ahmad)"). Its dates are the photo's, often a file photo's, not the story's.
        caption=re.compile(
            rf"(?:[|•]\s{{0,3}}(?:{words})(?: credits?)?\s*:|\((?:{words})(?: credits?)?\s*:"
            rf"[^()\n]{{1,120}}\)|\([\w.&' -]{{0,30}}\b(?:{words})s?\s*/[^()\n]{{1,80}}\)\s*$)[^\n]{{0,120}}$",
            re.IGNORECASE,
        ),
    )


# Template debris a page store leaves behind ("Quark.Models.Entities.Ancestor?.Title?...").
TEMPLATE_DEBRIS = re.compile(r"^\s*[A-Z]\w{0,60}(?:\.\w{1,60}\??){3,}")
# Kept whatever else matches: the page store's date header.
KEEP = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}\b")

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def normalise_text(text: str) -> str:
    """NFC, no control or bidi characters, Unix newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return CONTROL.sub("", text)


# The line after which a saved page's loader puts the page's text that trafilatura left out: cut
# from there, so it is shown by `show` and read by no stage.
LEFT_OUT = LEFT_OUT_MARK


def ends_here(line: str, pp: PagePatterns) -> str | None:
    """Why the rest of the page from this line on is cut, if it is."""
    if line == LEFT_OUT:
        return LEFT_OUT_REASON
    if pp.comment_start.match(line):
        return "comment thread"
    if pp.tail_start.match(line):
        return "other stories"
    if TEMPLATE_DEBRIS.match(line):
        return "page template debris and what follows"
    return None


_TWEET_LINK = re.compile(r"pic\.twitter\.com/|twitter\.com/\w{1,30}/status", re.IGNORECASE)
_HASHTAG = re.compile(r"(?<![\w&])#\w")
_WORDS = re.compile(r"[^\W\d_]{2,40}")


def furniture(line: str, seen: set[str], pp: PagePatterns, *, in_language: bool = True) -> str | None:
    """Why this one line is cut, if it is (``in_language``: the page's text is in the lexicon's
    language, so a line in another is furniture; a page all in another is kept whole)."""
    if pp.furniture.match(line):
        return "page furniture"
    if pp.caption.search(line):
        return "photo caption"
    key = line.strip().casefold()
    if key and key in seen and len(key) < MAX_REPEAT:
        return "repeated line (title or caption)"
    if _TWEET_LINK.search(line) and len(_HASHTAG.findall(line)) >= 2:
        return "embedded tweet of hashtags"
    if in_language and _foreign(line, pp):
        return "a line in another language"
    return None


def _foreign(line: str, pp: PagePatterns) -> bool:
    """A line of ten words or more with none of the language's commonest words ("the", "and",
    "of", ...) and letters of other alphabets: another language (a cookie notice, a tweet)."""
    words = _WORDS.findall(line[:MAX_LINE])
    if len(words) < 10 or line.isascii():
        return False
    return pp.common.search(line) is None


LANGUAGE_SAMPLE = 20_000  # characters: enough to tell a page's language


def _in_language(text: str, pp: PagePatterns) -> bool:
    """Whether the page is written in the lexicon's language: its commonest words are at least
    4% of the words (an article in French keeps its lines; only then are other languages' lines
    furniture)."""
    sample = text[:LANGUAGE_SAMPLE]
    words = len(_WORDS.findall(sample))
    return words > 0 and len(pp.common.findall(sample)) >= 0.04 * words


# "- Turkey begins ground offensive in northeast Syria (2019-10-10)": a list item that ends with a
# date in brackets is a link to another story; two or more in a row are a story list whose heading
# ("Related reading") the extractor may have dropped.
_DATED_ITEM = re.compile(
    r"\s{0,8}(?:[-*•–—]|\d{1,3}[.)])\s.{8,300}[(\[]\s{0,2}(?:\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
    r"|[A-Za-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2} [A-Za-z]{3,9}\.? \d{4})(?:[ ,]{1,3}\d\d:\d\d)?\s{0,2}[)\]]\s{0,4}"
)
LISTED_RUN = 2


def _story_list(lines: list[str]) -> set[int]:
    """The lines of runs of at least LISTED_RUN dated list items (blank lines between them allowed)."""
    run: list[int] = []
    found: set[int] = set()
    for i, line in enumerate([*lines, "end"]):
        if len(line) <= MAX_LINE and _DATED_ITEM.fullmatch(line):
            run.append(i)
        elif line.strip():
            found |= set(run) if len(run) >= LISTED_RUN else set()
            run = []
    return found


def clean(raw: str, kn: Knowledge | None = None) -> Cleaned:
    """The article text without page furniture, and the Cuts (offsets into ``normalise_text(raw)``)."""
    pp = page_patterns((kn or Knowledge.bundled()).lexicon)
    text = normalise_text(raw)
    lines = text.split("\n")
    kept: list[str] = []
    cuts: list[Cut] = []
    offset = 0
    seen: set[str] = set()
    in_language = _in_language(text, pp)
    listed = _story_list(lines)
    for i, line in enumerate(lines):
        matchable = len(line) <= MAX_LINE and not KEEP.match(line)
        end_reason = ends_here(line, pp) if matchable else None
        if end_reason:
            cuts += _cuts_to_the_end(text, offset, end_reason)
            break
        reason = "a listed story with its date" if i in listed else None
        reason = reason or (furniture(line, seen, pp, in_language=in_language) if matchable else None)
        if reason:
            cuts.append(Cut(offset, offset + len(line), reason))
        else:
            kept.append(line)
            if line.strip():
                seen.add(line.strip().casefold())
        offset += len(line) + 1
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return Cleaned(split_long_lines(unwrap(cleaned, kn)), tuple(cuts))


# Hard-wrapped text (a PDF or an e-mail converted to text) breaks its sentences at a fixed width:
# "an IED detonated on the\n  M4 highway near Hoshan". A text is wrapped when it has at least
# WRAPPED_LINES lines of WRAP_MIN or more characters and nearly all of them (WRAPPED_SHARE) are at
# most WRAP_MAX long; then a line that reaches within WRAP_SLACK of the width goes on in the next,
# unless the line ends a sentence, is a heading in capitals, or the next opens a list item or a
# "Label: value" line of the page's metadata.
WRAPPED_LINES = 4
WRAP_MIN = 40
WRAP_MAX = 100
WRAPPED_SHARE = 0.8
WRAP_SLACK = 25
WRAPPED_LOWER = 2  # ... and at least this many of its breaks fall before a lower-case word
_ITEM = re.compile(r"\s*(?:[-*•–—>]|\d{1,3}[.)]|\(?[a-z]\)|[A-Z][\w ]{0,30}:)\s")
_ENDS = (".", "!", "?", ":", ";", '"', "”", "’", "|")


def unwrap(text: str, kn: Knowledge | None = None) -> str:
    """``text`` with the line breaks of hard wrapping made spaces (one paragraph a line); a line
    that is only the page's timestamp ("23 Oct, 2019" under a wrapped headline) stays its own."""
    lines = text.split("\n")
    long = sorted(n for line in lines if (n := len(line.rstrip())) >= WRAP_MIN)
    if len(long) < WRAPPED_LINES or sum(n <= WRAP_MAX for n in long) < WRAPPED_SHARE * len(long):
        return text
    full = long[int(0.9 * (len(long) - 1))] - WRAP_SLACK
    from .dates.publication import is_stamp_line  # lazy: only a wrapped text reads its lines' dates

    kn = kn or Knowledge.bundled()

    def goes_on(prev: str, line: str) -> bool:
        return (
            len(prev) >= full
            and not prev.endswith(_ENDS)
            and not prev.isupper()
            and bool(line.strip())
            and not _ITEM.match(line)
            and not is_stamp_line(line, kn)
        )

    # a page of short items (a live map's feed, a list of headlines) is no wrapped text: wrapping
    # breaks sentences before lower-case words too, and more than once
    pairs = pairwise(lines)
    if sum(goes_on(a.rstrip(), b) and b.lstrip()[:1].islower() for a, b in pairs) < WRAPPED_LOWER:
        return text
    out = [lines[0]]
    for line in lines[1:]:
        prev = out[-1].rstrip()
        if goes_on(prev, line):
            glue = "" if prev.endswith("-") and line.lstrip()[:1].islower() else " "
            out[-1] = prev + glue + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


LEFT_OUT_REASON = "not in the article: the page's other text, left out by trafilatura"


def _cuts_to_the_end(text: str, offset: int, reason: str) -> list[Cut]:
    """The cut from ``offset`` to the end; a page's text that trafilatura left out keeps a cut and a
    reason of its own when a comment thread or a story list ends the article before it."""
    mark = text.find("\n" + LEFT_OUT + "\n", offset) if reason != LEFT_OUT_REASON else -1
    if mark < 0:
        return [Cut(offset, len(text), reason)]
    return [Cut(offset, mark, reason), Cut(mark + 1, len(text), LEFT_OUT_REASON)]


SENTENCE_ENDS = (". ", "! ", "? ", '." ', ".” ")


def split_long_lines(text: str, limit: int = SPLIT_LINE, piece: int = PIECE) -> str:
    """``text`` with each line longer than ``limit`` broken into pieces of at most ``piece``
    characters: at the last sentence end in the second half of each piece, else at its last space
    (the space becomes the line break, so offsets and words stay as they were), else anywhere (a line
    break is inserted). Linear: each piece is searched once."""
    if len(text) <= limit or all(len(line) <= limit for line in text.split("\n")):
        return text
    out: list[str] = []
    for line in text.split("\n"):
        out.append(line if len(line) <= limit else "\n".join(_pieces(line, piece)))
    return "\n".join(out)


def _pieces(line: str, piece: int) -> list[str]:
    parts: list[str] = []
    start = 0
    while len(line) - start > piece:
        end = start + piece
        cut = max(line.rfind(mark, start + piece // 2, end) + len(mark) - 1 for mark in SENTENCE_ENDS)
        if cut < start + piece // 2:  # no sentence end: the last space
            cut = line.rfind(" ", start + 1, end)
        if cut <= start:  # no space either: cut anywhere, keeping every character
            parts.append(line[start:end])
            start = end
            continue
        parts.append(line[start:cut])
        start = cut + 1  # the space at ``cut`` becomes the line break
    parts.append(line[start:])
    return parts
