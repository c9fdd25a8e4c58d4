"""Place roles: of the places a sentence names, which one is where its event happened.

A sentence names places in several roles. Only the event's own place counts as where it happened
("the village of Gharib"); a landmark with an offset ("15 km east of Kobani", "Tarnaba, west of
Saraqib") is a fallback, used when nothing else places the event; the others are not the event's
place at all: the towns a road is described by ("the M4 highway, which connects Aleppo and
Latakia", "the Aleppo-Latakia highway"), a destination or origin after the event ("returned to
their base in Zalin", "were taken to the Hmeimim airbase"), the seat of whoever reports it ("the
Reconciliation Center at Hmeimim") and a topic ("tensions over Idlib", "a ceasefire for Idlib").

The cue words are the lexicon's ``[places]``. Every pattern looks at a bounded window before or
after the name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from .clauses import Clauses
from .knowledge import Lexicon
from .models import PlaceHit

EVENT = "event"
LANDMARK = "landmark"
DESCRIPTOR = "descriptor"
DESTINATION = "destination"
TOPIC = "topic"
# Roles that place an event, best first; the others never do.
RANK = {EVENT: 0, LANDMARK: 1}

WINDOW = 80


@dataclass(frozen=True, eq=False)
class RoleWords:
    offset: re.Pattern[str]  # before a name: "15 km east of", ", west of"
    road_end: re.Pattern[str]  # after a name: "-Latakia highway"
    road_after: re.Pattern[str]  # after a name: " highway"
    road_link: re.Pattern[str]  # a road's description: "which connects", "linking"
    destination: re.Pattern[str]  # before a name: "returned to their base in"
    target: re.Pattern[str]  # before a name: "a strike on a camp in", "shelled a Turkish base near"
    topic: re.Pattern[str]  # before a name: "tensions over", "ceasefire for"
    road_kinds: frozenset[str]


@cache
def role_words(lex: Lexicon) -> RoleWords:
    compass = lex.alternation("places.compass")
    units = lex.alternation("places.offset_units")
    number = r"(?:\d{1,4}(?:[.,]\d{1,3})?|[a-z]{3,12})"
    heads = r"(?:(?:the\s+)?(?:city|town|village|settlement)\s+of\s+)?"
    return RoleWords(
        offset=re.compile(
            rf"(?:\b{number}[\s-]{{0,2}}(?:{units})\.?\s+(?:to\s+the\s+)?|[,(]\s{{0,3}}(?:located\s+|situated\s+)?)"
            rf"(?:{compass})\s+(?:of|from)\s+(?:the\s+)?{heads}$",
            re.IGNORECASE,
        ),
        # one lower-case word may stand between: "the Aleppo-Latakia international road"
        road_end=re.compile(
            rf"^\s?[-–]\s?[A-Z][\w’'-]{{1,30}}\s+(?:[a-z][\w-]{{1,20}}\s+)?(?:{lex.alternation('places.road_nouns')})\b"
        ),
        road_after=re.compile(
            rf"^\s+(?:(?-i:[a-z])[\w-]{{1,20}}\s+)?(?:{lex.alternation('places.road_nouns')})\b", re.IGNORECASE
        ),
        road_link=re.compile(rf"\b(?:{lex.alternation('places.road_links')})\b", re.IGNORECASE),
        destination=re.compile(
            rf"(?:\b(?:{lex.alternation('places.destination_verbs')})\b[^.;:!?]{{0,40}}?\b(?:to|towards?)\s+(?:the\s+)?"
            rf"(?:[\w’'-]+\s+){{0,5}}|\b(?:{lex.alternation('places.destination_nouns')})\s+(?:in|at|near|of)\s+"
            rf"(?:the\s+)?|\b(?:{lex.alternation('places.origin_nouns')})\s+from\s+(?:the\s+)?)$",
            re.IGNORECASE,
        ),
        # a base, a camp, a hospital that is struck is where the event was: "a strike on a training
        # camp in Idlib", "shelled a Turkish base near Saraqib"
        target=re.compile(
            rf"\b(?:{lex.alternation('places.target_markers')})\s+(?:(?!(?:to|towards?|into|from|back)\s)[\w’'-]+\s+){{0,4}}?"
            rf"(?:{lex.alternation('places.struck_nouns')})\s+(?:in|at|near|of)\s+(?:the\s+)?$",
            re.IGNORECASE,
        ),
        topic=re.compile(
            # not after a hyphen: "the de-escalation zone in Idlib" is a place, "the escalation in Idlib" a topic
            rf"(?<![\w-])(?:{lex.alternation('places.topic_nouns')})(?:\s+(?-i:[a-z])[\w’'-]*)?\s+(?:for|over|on|around|in)\s+"
            # and a qualifier of the name ("a ceasefire in Greater Idlib", "the situation in rural Hasakah")
            rf"(?:the\s+)?(?:[A-Za-z’'-]{{2,20}}\s+)?$",
            re.IGNORECASE,
        ),
        road_kinds=frozenset({"road"}),
    )


def roles(text: str, hits: Sequence[PlaceHit], cl: Clauses, lex: Lexicon) -> dict[int, str]:
    """The role of each place of one sentence, by the start of its hit."""
    rw = role_words(lex)
    out: dict[int, str] = {}
    roads = [h for h in hits if h.ref.kind in rw.road_kinds]
    for h in hits:
        out[h.start] = _role(text, h, roads, cl, rw)
    return out


def _role(text: str, h: PlaceHit, roads: Sequence[PlaceHit], cl: Clauses, rw: RoleWords) -> str:
    before = text[max(0, h.start - WINDOW) : h.start]
    if h.ref.kind not in rw.road_kinds and _describes_road(text, h, roads, cl, rw):
        return DESCRIPTOR
    if rw.destination.search(before) and not rw.target.search(before):
        return DESTINATION
    if rw.offset.search(before):
        return LANDMARK
    if rw.topic.search(before):
        return TOPIC
    return EVENT


def _describes_road(text: str, h: PlaceHit, roads: Sequence[PlaceHit], cl: Clauses, rw: RoleWords) -> bool:
    """ "the Aleppo-Latakia highway", "the M4 highway, which connects Aleppo and Latakia", "highway
    M-4 (Latakia-Aleppo)": the towns name the road's ends, not where something happened."""
    after = text[h.end : h.end + 40]
    dashed = re.search(r"[-–]\s?$", text[max(0, h.start - 2) : h.start]) is not None
    if rw.road_end.match(after) or (dashed and (rw.road_after.match(after) or _after_road(h, roads, 60))):
        return True
    if not cl.groups:
        return False
    group = cl.groups[cl.group_at(h.start)]
    if group.kind not in ("relative", "participle", "bracket", "apposition"):
        return False
    if not any(r.end <= group.start and group.start - r.end <= 100 for r in roads):
        return False
    return group.kind == "bracket" or bool(rw.road_link.search(text, group.start, h.start))


def _after_road(h: PlaceHit, roads: Sequence[PlaceHit], reach: int) -> bool:
    return any(r.end <= h.start and h.start - r.end <= reach for r in roads)
