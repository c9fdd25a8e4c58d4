"""Clean stage: cut the boilerplate that copied web pages carry, and say what was cut.

Comment threads are cut from their first widget line to the end: nothing is extracted from a
comment. Every pattern works line by line on bounded input, so hostile text cannot make it
backtrack for long.
"""

from __future__ import annotations

import re
import unicodedata

from .models import Cleaned, Cut

MAX_LINE = 20_000  # longer "lines" are kept but not matched against the boilerplate patterns

# A line that starts a comment thread: everything from here on is readers' talk.
COMMENT_START = re.compile(
    r"^\s*(notify of|newest most voted|oldest newest|inline feedbacks|view all comments|"
    r"\d+ comments?|leave a (comment|reply)|comments? \(\d+\)|would love your thoughts|"
    r"join the discussion|show comments|load more comments)\b",
    re.IGNORECASE,
)
# A whole line of page furniture.
FURNITURE = re.compile(
    r"^\s*(?:"
    r"[\d.,]+\s?[$€£]|[$€£]\s?[\d.,]+"  # donation bars: "0 $", "2,500 $"
    r"|support [\w .-]{2,40}"
    r"|click to see full-size image.*"
    r"|photo(?: credit)?\s*[:|].*"
    r"|(?:share|print|email|tweet|whatsapp|telegram)(?:\s*[|/·•]\s*\w+)*"
    r"|more on this topic:?"
    r"|(?:related (?:articles|news|posts)|you might also like|read also|see also|other news|latest news"
    r"|most read|recommended)\s*:?"
    r"|we use cookies.*|this (?:web)?site uses cookies.*|accept (?:all )?cookies.*"
    r"|(?:home|news|world|middle east)(?:\s*[>»/]\s*[\w -]{1,30}){1,6}"
    r"|\d[\d,]* views?"
    r"|(?:advertisement|sponsored)"
    r")\s*$",
    re.IGNORECASE,
)
# A line from which the rest of the page is another story list ("Other news", "LATEST NEWS").
TAIL_START = re.compile(
    r"^\s*(other news|latest news|related articles|related news|you might also like|more stories|"
    r"most popular|recommended for you)\s*:?\s*$",
    re.IGNORECASE,
)
# Template debris a page store leaves behind ("Quark.Models.Entities.Ancestor?.Title?...").
TEMPLATE_DEBRIS = re.compile(r"^\s*[A-Z]\w+(?:\.\w+\??){3,}")

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def normalise_text(text: str) -> str:
    """NFC, no control or bidi characters, Unix newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return CONTROL.sub("", text)


def clean(raw: str) -> Cleaned:
    text = normalise_text(raw)
    lines = text.split("\n")
    kept: list[str] = []
    cuts: list[Cut] = []
    offset = 0
    seen: set[str] = set()
    for i, line in enumerate(lines):
        probe = line[:MAX_LINE]
        reason = None
        if COMMENT_START.match(probe):
            rest = "\n".join(lines[i:])
            cuts.append(Cut(offset, offset + len(rest), "comment thread"))
            break
        if TAIL_START.match(probe):
            rest = "\n".join(lines[i:])
            cuts.append(Cut(offset, offset + len(rest), "other stories"))
            break
        if TEMPLATE_DEBRIS.match(probe):
            rest = "\n".join(lines[i:])
            cuts.append(Cut(offset, offset + len(rest), "page template debris and what follows"))
            break
        if FURNITURE.match(probe):
            reason = "page furniture"
        elif probe.strip() and probe.strip() in seen and len(probe.strip()) < 200:
            reason = "repeated line (title or caption)"
        if reason:
            cuts.append(Cut(offset, offset + len(line), reason))
        else:
            kept.append(line)
            if probe.strip():
                seen.add(probe.strip())
        offset += len(line) + 1
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return Cleaned(cleaned, tuple(cuts))
