"""The records only the ingest pipeline makes: load -> Document, clean -> Cleaned (with its Cuts),
places -> PlaceHit, and the Article that is stored. Read them from ``patroltl.models`` like the
others; they live here so that a view, which never makes one, does not build their classes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import DateInterval, Mention, Outlet, PlaceRef, Tag


@dataclass(frozen=True)
class Document:
    """An article as loaded: its text and whatever metadata came with it."""

    path: str
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Cut:
    """A part of the raw text the cleaner removed, and why."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Cleaned:
    text: str
    cuts: tuple[Cut, ...] = ()


@dataclass(frozen=True)
class PlaceHit:
    """A place mention found in a text; ``ref.place_id`` is None when it did not resolve."""

    start: int
    end: int
    surface: str
    ref: PlaceRef


@dataclass(frozen=True)
class Article:
    """A cleaned, attributed article with its extracted mentions."""

    path: str
    content_hash: str
    text: str
    outlet: Outlet
    published: DateInterval
    mentions: tuple[Mention, ...] = ()
    title: str | None = None
    url: str | None = None
    language: str = "en"
    cuts: tuple[Cut, ...] = ()
    notes: tuple[str, ...] = field(default=())
    raw: str = ""  # the text as received (normalised): the cuts' offsets point into it
    # The article's temporal expressions as tagged (not grounded): mentions point into them by
    # index (``Mention.timex``), and they are stored, so the article can be grounded again.
    tags: tuple[Tag, ...] = ()
