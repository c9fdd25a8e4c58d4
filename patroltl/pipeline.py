"""The pipeline: load -> clean -> ground dates -> resolve places -> extract -> store -> cluster.

``process`` is pure (a Document in, an Article out); ``ingest`` drives a batch through it into
the store, one transaction per article, and re-clusters once at the end.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from . import temponyms
from .clean import clean, normalise_text
from .contract import event_line
from .crossdate import chronicle, detail_words, sketch
from .dates import ground_text
from .extract import extract
from .knowledge import Knowledge, Place
from .load import LoadFailure, expand, load
from .models import Article, Document, Mention
from .outlets import identify
from .places import find_places
from .store import Store
from .text import split


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


def language_of(text: str, kn: Knowledge) -> str:
    """'en' when the text reads as English (enough of the lexicon's commonest words), 'other' when
    not, 'und' when it has no words."""
    sample = text[:5000]
    words = re.findall(r"\w+", sample)
    if not words:
        return "und"
    latin = sum(1 for w in words if w.isascii())
    if latin / len(words) < 0.6:
        return "other"
    common = kn.lexicon.pattern("language.common")
    return kn.language if len(common.findall(sample)) / len(words) >= 0.06 else "other"


def process(
    doc: Document, kn: Knowledge | None = None, *, source: str | None = None, published: str | None = None
) -> Article:
    """One document through the pure stages: clean, outlet, dates, places, events."""
    kn = kn or Knowledge.bundled()
    if source:
        doc = replace(doc, outlet=source)
    cleaned = clean(doc.text, kn)
    outlet = identify(doc, doc.text, kn)
    sentences = split(cleaned.text, kn.lexicon)
    grounding = ground_text(cleaned.text, published=published or doc.published, url=doc.url, kn=kn, sentences=sentences)
    lang = doc.language or language_of(cleaned.text, kn)
    notes: list[str] = []
    mentions: tuple[Mention, ...] = ()
    if lang.lower()[:2] != kn.language:
        notes.append("language not supported yet: stored, no events extracted")
    else:
        hits = find_places(cleaned.text, kn.gazetteer, kn=kn)
        found = extract(cleaned.text, grounding, hits, kn=kn, sentences=sentences)
        mentions = tuple(_enriched(m, kn) for m in found)
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
        tags=grounding.tags,
    )


def _enriched(m: Mention, kn: Knowledge) -> Mention:
    """What later stages read of a mention without its sentence: its detail words and sketch (for
    cross-source dating), the reference events it names (``chron:`` keys), and the date those give
    a report of a month or a year."""
    named = temponyms.keys(m, kn)
    m = replace(m, words=detail_words(m, kn), sketch=sketch(m, kn), keys=tuple(sorted({*m.keys, *named})))
    return temponyms.resolve(m, kn)


@dataclass
class IngestReport:
    new: list[str] = field(default_factory=list)
    already: list[tuple[str, str]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    mentions: int = 0
    events: int = 0


Progress = Callable[[str, str, str], None]  # (path, status, detail)


def user_places(store: Store) -> list[Place]:
    """The places a user imported into the database (``places import``)."""
    return [Place(**{**d, "alternates": tuple(d.get("alternates", ()))}) for d in store.user_places()]


Outcome = Article | LoadFailure


def _safe_process(item: Document | LoadFailure, kn: Knowledge, source: str | None, published: str | None) -> Outcome:
    """One document through the pure stages; a failure becomes a LoadFailure naming the file."""
    if isinstance(item, LoadFailure):
        return item
    try:
        return process(item, kn, source=source, published=published)
    except Exception as exc:  # one bad article must not stop the batch
        return LoadFailure(item.path, f"could not be processed ({type(exc).__name__}: {exc})")


_WORKER: dict[str, Knowledge] = {}  # the knowledge of a worker process, built once per process


def _init_worker(kn: Knowledge) -> None:
    _WORKER["kn"] = kn


def _work(chunk: list[Document | LoadFailure], source: str | None, published: str | None) -> list[Outcome]:
    return [_safe_process(item, _WORKER["kn"], source, published) for item in chunk]


CHUNK = 8  # documents sent to a worker at a time
IN_FLIGHT = 8  # chunks per worker submitted ahead: enough to keep the workers busy, and no more


def _outcomes(
    items: Iterator[Document | LoadFailure],
    kn: Knowledge,
    jobs: int,
    source: str | None,
    published: str | None,
) -> Iterator[Outcome]:
    """Extraction in ``jobs`` processes (the caller stays the one writer), in input order."""
    if jobs <= 1:
        for item in items:
            yield _safe_process(item, kn, source, published)
        return
    from concurrent.futures import Future, ProcessPoolExecutor

    # A Knowledge pickles as its files: each worker builds its own parts.
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(kn,)) as pool:
        # A window of chunks, not Executor.map, which reads and queues every document at once: the
        # whole corpus in memory.
        window: deque[Future[list[Outcome]]] = deque()
        while chunk := list(islice(items, CHUNK)):
            window.append(pool.submit(_work, chunk, source, published))
            if len(window) >= jobs * IN_FLIGHT:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


AUTO_JOBS_FROM = 200  # files: below this, starting worker processes costs more than it saves


def auto_jobs(paths: Sequence[str]) -> int:
    import os

    if "-" in paths or sum(1 for _ in expand(paths)) < AUTO_JOBS_FROM:
        return 1
    return max(1, min(4, os.cpu_count() or 1))


def ingest(
    paths: Sequence[str],
    store: Store,
    *,
    kn: Knowledge | None = None,
    source: str | None = None,
    published: str | None = None,
    max_bytes: int = 5 * 1024 * 1024,
    stdin_bytes: bytes | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    manifest: Path | None = None,
    jobs: int = 1,
) -> IngestReport:
    """``jobs`` 0 means automatic: one process per core (at most 4) for a batch of many files."""
    report = IngestReport()
    if jobs <= 0:
        jobs = auto_jobs(paths)
    kn = knowledge_for(store, kn)
    note = progress or (lambda path, status, detail: None)
    items = load(paths, max_bytes=max_bytes, stdin_bytes=stdin_bytes, manifest=manifest)
    for outcome in _outcomes(items, kn, jobs, source, published):
        if isinstance(outcome, LoadFailure):
            report.failed.append(str(outcome))
            note(outcome.path, "failed", outcome.message)
            if strict:
                break
            continue
        article = outcome
        earlier = store.has_article(article.content_hash)
        if earlier is not None:
            report.already.append((article.path, earlier))
            note(article.path, "already", f"already ingested as {earlier}")
            continue
        if store.add_article(article):
            report.new.append(article.path)
            report.mentions += len(article.mentions)
            note(article.path, "new", f"{len(article.mentions)} mentions")
        else:
            report.already.append((article.path, article.path))
            note(article.path, "already", "already ingested")
    # Always: an earlier ingest killed before its clustering, or a concurrent one, may have left
    # the events behind the mentions. The gazetteer goes first: the clustering needs the memory.
    kn.__dict__.pop("gazetteer", None)
    report.events = recluster(store, kn)
    return report


def knowledge_for(store: Store, kn: Knowledge | None) -> Knowledge:
    """The knowledge to ingest with: the caller's (the CLI's, with the user's data folders), or the
    bundled one; with the places imported into this database either way."""
    extra = user_places(store)
    if kn is None:
        return Knowledge(extra_places=extra) if extra else Knowledge.bundled()
    if extra and not kn.extra_places:
        return Knowledge(kn.files.overlays, extra, kn.language)
    return kn


def recluster(store: Store, kn: Knowledge | None = None) -> int:
    """Cluster every stored mention afresh, with the articles that have no date of their own dated
    by the others (``crossdate.chronicle``), and store the chronology. The mentions are held without
    their sentences and summaries while they are clustered; each event's JSON line is written from
    its members decoded whole, one event at a time."""
    kn = kn or Knowledge.bundled()
    tags = store.wide_tags(kn.tuning.crossdate.wide_days)
    events, published = chronicle(store.mentions(texts=False), tags.get, store.overrides(), kn)
    del tags
    store.replace_events(events, lines=lambda ev: event_line(store.with_texts(ev), kn), published=published)
    return len(events)
