"""The pipeline: load -> clean -> ground dates -> resolve places -> extract -> store -> cluster.

``process`` is pure (a Document in, an Article out); ``ingest`` drives a batch through it into
the store, one transaction per article, and re-clusters once at the end.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .clean import clean, normalise_text
from .cluster import cluster, event_sort_key
from .dates import ground_text
from .extract import extract
from .load import LoadFailure, load
from .models import Article, Document, Event
from .outlets import identify
from .places import Gazetteer, Place, find_places
from .store import Store

ENGLISH = re.compile(r"\b(?:the|and|of|to|in|on|that|with|for|was|has|have|said|is|by)\b", re.IGNORECASE)


def content_hash(text: str) -> str:
    """Identity of an article's content (its cleaned text): the same words with other whitespace,
    or the same article saved as a page and as text, are the same article."""
    return hashlib.sha256(" ".join(normalise_text(text).split()).encode("utf-8")).hexdigest()


def _without_title(text: str, title: str | None) -> str:
    """The article's own words: a page title the loader put first is not part of its identity, so
    a saved page and the text it wraps are one article."""
    if title and text.startswith(title.strip()):
        return text[len(title.strip()) :]
    return text


def language_of(text: str) -> str:
    sample = text[:5000]
    words = re.findall(r"\w+", sample)
    if not words:
        return "und"
    latin = sum(1 for w in words if w.isascii())
    if latin / len(words) < 0.6:
        return "other"
    return "en" if len(ENGLISH.findall(sample)) / len(words) >= 0.06 else "other"


def process(doc: Document, gazetteer: Gazetteer, *, source: str | None = None, published: str | None = None) -> Article:
    if source:
        doc = replace(doc, outlet=source)
    cleaned = clean(doc.text)
    outlet = identify(doc, doc.text)
    grounding = ground_text(cleaned.text, published=published or doc.published)
    lang = doc.language or language_of(cleaned.text)
    notes: list[str] = []
    mentions: tuple = ()  # type: ignore[type-arg]
    if lang.lower()[:2] != "en":
        notes.append("language not supported yet: stored, no events extracted")
    else:
        hits = find_places(cleaned.text, gazetteer)
        mentions = extract(cleaned.text, grounding, hits)
    return Article(
        path=doc.path,
        content_hash=content_hash(_without_title(cleaned.text, doc.title)),
        text=cleaned.text,
        outlet=outlet,
        published=grounding.published,
        mentions=mentions,
        title=doc.title,
        url=doc.url,
        language=lang,
        cuts=cleaned.cuts,
        notes=tuple(notes),
        raw=normalise_text(doc.text),
    )


@dataclass
class IngestReport:
    new: list[str] = field(default_factory=list)
    already: list[tuple[str, str]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    mentions: int = 0
    events: int = 0


Progress = Callable[[str, str, str], None]  # (path, status, detail)


def user_gazetteer(store: Store) -> Gazetteer:
    extra = [Place(**{**d, "alternates": tuple(d.get("alternates", ()))}) for d in store.user_places()]
    return Gazetteer.load(extra=extra)


def ingest(
    paths: Sequence[str],
    store: Store,
    *,
    source: str | None = None,
    published: str | None = None,
    max_bytes: int = 5 * 1024 * 1024,
    stdin_bytes: bytes | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    manifest: Path | None = None,
) -> IngestReport:
    report = IngestReport()
    gazetteer = user_gazetteer(store)
    note = progress or (lambda path, status, detail: None)
    for item in load(paths, max_bytes=max_bytes, stdin_bytes=stdin_bytes, manifest=manifest):
        if isinstance(item, LoadFailure):
            report.failed.append(str(item))
            note(item.path, "failed", item.message)
            if strict:
                break
            continue
        try:
            article = process(item, gazetteer, source=source, published=published)
        except Exception as exc:  # one bad article must not stop the batch
            msg = f"{item.path}: could not be processed ({type(exc).__name__}: {exc})"
            report.failed.append(msg)
            note(item.path, "failed", msg)
            if strict:
                break
            continue
        earlier = store.has_article(article.content_hash)
        if earlier is not None:
            report.already.append((item.path, earlier))
            note(item.path, "already", f"already ingested as {earlier}")
            continue
        if store.add_article(article):
            report.new.append(item.path)
            report.mentions += len(article.mentions)
            note(item.path, "new", f"{len(article.mentions)} mentions")
        else:
            report.already.append((item.path, item.path))
            note(item.path, "already", "already ingested")
    # Always: an earlier ingest killed before its clustering, or a concurrent one, may have left
    # the events behind the mentions.
    report.events = recluster(store)
    return report


def recluster(store: Store) -> int:
    events = cluster(store.mentions(), store.overrides())
    store.replace_events(events)
    return len(events)


def current_events(store: Store) -> list[Event]:
    """The chronology as stored by the last ingest (or override); clustered afresh only when the
    stored events no longer cover the mentions."""
    stored = store.events()
    if stored is None:
        return cluster(store.mentions(), store.overrides())
    return sorted(stored, key=event_sort_key)
