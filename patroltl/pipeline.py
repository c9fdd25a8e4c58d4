"""The pipeline: load -> clean -> ground dates -> resolve places -> extract -> store -> cluster.

``process`` is pure (a Document in, an Article out); ``ingest`` drives a batch through it into
the store, one transaction per article, and re-clusters once at the end.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import re
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from . import __version__, parsecache, temponyms
from .clean import clean, normalise_text
from .contract import event_line
from .crossdate import chronicle, detail_words
from .dates import ground_text
from .errors import StoreError
from .extract import extract
from .knowledge import Knowledge, Place
from .limits import DEFAULT_ARTICLE_SECONDS, TooSlow, size_label, time_budget
from .load import LoadFailure, LoadNote, expand, load
from .models import Article, Cleaned, DateInterval, Document, Event, Mention
from .outlets import identify
from .places import find_places, on_earth
from .store import GreedyState, Store
from .text import Sentences, sketch, split


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


def _language(declared: str | None, text: str, kn: Knowledge) -> str:
    """The text's language. What a page declares is a hint: an outlet's English edition often keeps
    its site's <html lang="ru">, so a text that reads as English is English whatever it declares."""
    read = language_of(text, kn)
    if read == kn.language or not declared:
        return read
    return declared


def process(
    doc: Document,
    kn: Knowledge | None = None,
    *,
    source: str | None = None,
    published: str | None = None,
    cleaned: Cleaned | None = None,
) -> Article:
    """One document through the pure stages: clean (unless ``cleaned`` is its cleaning already),
    outlet, dates, places, events."""
    kn = kn or Knowledge.bundled()
    if source:
        doc = replace(doc, outlet=source)
    cleaned = cleaned or clean(doc.text, kn)
    outlet = identify(doc, doc.text, kn)
    sentences = split(cleaned.text, kn.lexicon)
    grounding = ground_text(cleaned.text, published=published or doc.published, url=doc.url, kn=kn, sentences=sentences)
    lang = _language(doc.language, cleaned.text, kn)
    notes: list[str] = []
    mentions: tuple[Mention, ...] = ()
    if lang.lower()[:2] != kn.language:
        notes.append("language not supported yet: stored, no events extracted")
    else:
        hits = find_places(cleaned.text, kn.gazetteer, kn=kn)
        found = extract(cleaned.text, grounding, hits, kn=kn, sentences=sentences)
        more = continuations(cleaned.text, sentences, found, kn.tuning.crossdate.follow_sentences)
        mentions = tuple(_enriched(m, kn, after) for m, after in zip(found, more, strict=True))
    return Article(
        path=doc.path,
        content_hash=identity(cleaned, doc),
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


def continuations(text: str, sentences: Sentences, mentions: Sequence[Mention], limit: int) -> list[str]:
    """For each mention, the sentences after its own that tell more of it: news gives an event in
    one sentence and its details in the next ones ("Residents burned tyres and threw stones at the
    convoy"), which name no event of their own. At most ``limit`` sentences, up to the next sentence
    that holds a mention, within the paragraph (or the next one, after a one-sentence lead)."""
    spans = sentences.spans
    taken = {m.start for m in mentions}
    index = {a: i for i, (a, _) in enumerate(spans)}
    out = []
    for m in mentions:
        i = index.get(m.start)
        parts: list[str] = []
        if i is not None:
            alone = i == 0 or "\n" in text[spans[i - 1][1] : spans[i][0]]
            end = spans[i][1]
            for a, b in spans[i + 1 : i + 1 + limit]:
                new_paragraph = "\n" in text[end:a]
                if a in taken or (new_paragraph and (parts or not alone)):
                    break
                parts.append(text[a:b])
                end = b
        out.append(" ".join(parts))
    return out


def _enriched(m: Mention, kn: Knowledge, after: str = "") -> Mention:
    """What later stages read of a mention without its sentence: its detail words (of its sentence
    and the ones after it that tell more of it) and sketch (for cross-source dating), the reference
    events it names (``chron:`` keys), and the date those give a report of a month or a year."""
    named = temponyms.keys(m, kn)
    words = detail_words(m, kn, after)
    m = replace(m, words=words, sketch=sketch(m.sentence, kn.lexicon), keys=tuple(sorted({*m.keys, *named})))
    return temponyms.placed(temponyms.resolve(m, kn), kn)


@dataclass
class IngestReport:
    new: list[str] = field(default_factory=list)
    already: list[tuple[str, str]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # inputs that loaded, with something to say (decoding)
    mentions: int = 0
    events: int = 0
    planned: int = 0  # of the new mentions, those planned, announced, denied or habitual: never clustered
    # how the chronology was brought up to date: "none" (it was), "incremental" (the part the new
    # mentions reach) or "full"
    clustering: str = ""


Progress = Callable[[str, str, str], None]  # (path, status, detail)


def user_places(store: Store) -> list[Place]:
    """The places a user imported into the database (``places import``); a place imported with NaN
    or infinite coordinates before they were refused is left out (it would break every distance to it)."""
    places = [Place(**{**d, "alternates": tuple(d.get("alternates", ()))}) for d in store.user_places()]
    return [p for p in places if on_earth(p.lat, p.lon)]


@dataclass(frozen=True)
class Stored:
    """A document that is an article the database holds already (the same cleaned text): it is
    not analysed again, so adding files already ingested costs their reading and cleaning only."""

    path: str
    earlier: str


def identity(cleaned: Cleaned, doc: Document) -> str:
    """What makes two documents one article: their cleaned text without the headline."""
    return content_hash(_without_title(cleaned.text, doc.title))


Outcome = Article | LoadFailure | LoadNote | Stored
Item = Document | LoadFailure | LoadNote
MAX_MENTIONS = 2_000  # per article: real ones have a few dozen; more is a list or junk, and clustering it costs


def _too_slow(doc: Document, seconds: float) -> LoadFailure:
    longest = max((len(line) for line in doc.text.split("\n")), default=0)
    where = f"{size_label(len(doc.text))} of text"
    if longest > len(doc.text) // 2:
        where += f", {size_label(longest)} in one line"
    return LoadFailure(
        doc.path,
        f"too long to analyse: gave up after {seconds:g} s ({where}); split it into articles or raise --max-seconds",
    )


def _safe_process(
    item: Item,
    kn: Knowledge,
    source: str | None,
    published: str | None,
    seconds: float = DEFAULT_ARTICLE_SECONDS,
    known: Callable[[str], str | None] | None = None,
) -> Outcome:
    """One document through the pure stages, within its time budget; a failure becomes a
    LoadFailure naming the file, and the batch goes on. ``known``: the path of the stored article
    with a content hash, if any (then the document is ``Stored``, not analysed)."""
    if not isinstance(item, Document):
        return item
    try:
        with time_budget(seconds):
            cleaned = clean(item.text, kn)
            if known is not None and (earlier := known(identity(cleaned, item))) is not None:
                return Stored(item.path, earlier)
            article = process(item, kn, source=source, published=published, cleaned=cleaned)
    except TooSlow:
        return _too_slow(item, seconds)
    except StoreError:  # the database failed (``known``), not the document: the ingest stops
        raise
    except RecursionError:
        return LoadFailure(item.path, "could not be processed (text nested too deep)")
    except Exception as exc:  # one bad article must not stop the batch
        return LoadFailure(item.path, f"could not be processed ({type(exc).__name__}: {exc})")
    if not article.text.strip():
        return LoadFailure(item.path, "no text left once the page furniture was cut")
    if len(article.mentions) > MAX_MENTIONS:
        return LoadFailure(
            item.path,
            f"{len(article.mentions):,} event mentions: too many for one article (at most {MAX_MENTIONS:,}); "
            "split it into articles",
        )
    return article


_WORKER: dict[str, Knowledge] = {}  # the knowledge of a worker process, built once per process
PR_SET_PDEATHSIG = 1  # prctl(2)
PARENT_POLL_S = 0.5


def _die_with_parent(parent: int) -> None:
    """A worker ends when the ingest that started it (``parent``) does, even when that one is
    killed (SIGKILL leaves no chance to stop the pool): on Linux the kernel sends SIGKILL at once;
    everywhere, a thread sees the worker re-parented and exits. A worker whose ingest was killed
    before it got here (re-parented already, to init) exits at once."""
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):  # no libc to ask: the thread below still watches
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_S)
        os._exit(1)

    threading.Thread(target=watch, name="patroltl-parent-watch", daemon=True).start()


def _init_worker(kn: Knowledge, parent: int, cache: Path | None = None) -> None:
    _die_with_parent(parent)
    parsecache.use(cache)  # a spawned worker (not forked) reads the parent's cache of parsed files too
    _WORKER["kn"] = kn


def _work(chunk: list[Item], source: str | None, published: str | None, seconds: float) -> list[Outcome]:
    return [_safe_process(item, _WORKER["kn"], source, published, seconds) for item in chunk]


CHUNK = 8  # documents sent to a worker at a time
IN_FLIGHT = 8  # chunks per worker submitted ahead: enough to keep the workers busy, and no more


def _outcomes(
    items: Iterator[Item],
    kn: Knowledge,
    jobs: int,
    source: str | None,
    published: str | None,
    seconds: float = DEFAULT_ARTICLE_SECONDS,
    known: Callable[[str], str | None] | None = None,
) -> Iterator[Outcome]:
    """Extraction in ``jobs`` processes (the caller stays the one writer), in input order; in one
    process, documents ``known`` finds stored are not analysed again."""
    if jobs <= 1:
        for item in items:
            yield _safe_process(item, kn, source, published, seconds, known)
        return
    from concurrent.futures import Future, ProcessPoolExecutor

    # A Knowledge pickles as its files: each worker builds its own parts.
    pool = ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(kn, os.getpid(), parsecache.folder())
    )
    try:
        # A window of chunks, not Executor.map, which reads and queues every document at once: the
        # whole corpus in memory.
        window: deque[Future[list[Outcome]]] = deque()
        while chunk := list(islice(items, CHUNK)):
            window.append(pool.submit(_work, chunk, source, published, seconds))
            if len(window) >= jobs * IN_FLIGHT:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    finally:
        # On an error (a full disk) the chunks not started are dropped, not worked through first.
        pool.shutdown(wait=True, cancel_futures=True)


AUTO_JOBS_FROM = 200  # files: below this, starting worker processes costs more than it saves
AUTO_JOBS_EXPORT_BYTES = 1024 * 1024  # or exports this large: a megabyte of rows is hundreds of articles
EXPORT_SUFFIXES = frozenset({".jsonl", ".ndjson", ".csv", ".json"})


def auto_jobs(paths: Sequence[str]) -> int:
    if "-" in paths:
        return 1
    files = export_bytes = 0
    for item in expand(paths):
        if isinstance(item, LoadFailure):
            continue
        files += 1
        if Path(item).suffix.lower() in EXPORT_SUFFIXES:
            with suppress(OSError):
                export_bytes += os.stat(item).st_size
        if files >= AUTO_JOBS_FROM or export_bytes >= AUTO_JOBS_EXPORT_BYTES:
            return max(1, min(4, os.cpu_count() or 1))
    return 1


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
    seconds: float = DEFAULT_ARTICLE_SECONDS,
) -> IngestReport:
    """``jobs`` 0 means automatic: one process per core (at most 4) for a batch of many files;
    ``seconds`` is each article's time budget."""
    report = IngestReport()
    # No integrity check here: PRAGMA quick_check reads the whole file (seconds for a large database),
    # and an ingest of files all stored already writes nothing. The first write checks the file first
    # (``Store.transaction``), so nothing is ever written into a damaged database.
    if jobs <= 0:
        jobs = auto_jobs(paths)
    kn = knowledge_for(store, kn)
    note = progress or (lambda path, status, detail: None)
    items = load(paths, max_bytes=max_bytes, stdin_bytes=stdin_bytes, manifest=manifest)
    for outcome in _outcomes(items, kn, jobs, source, published, seconds, store.has_article):
        if isinstance(outcome, Stored):
            report.already.append((outcome.path, outcome.earlier))
            note(outcome.path, "already", f"already ingested as {outcome.earlier}")
            continue
        if isinstance(outcome, LoadNote):
            report.notes.append(str(outcome))
            note(outcome.path, "note", outcome.message)
            continue
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
            report.planned += sum(1 for m in article.mentions if m.planned)
            note(article.path, "new", f"{len(article.mentions)} mentions")
        else:
            report.already.append((article.path, article.path))
            note(article.path, "already", "already ingested")
    # Always: an earlier ingest killed before its clustering, or a concurrent one, may have left
    # the events behind the mentions (the stored clustering state says so). The gazetteer goes
    # first: the clustering needs the memory.
    kn.__dict__.pop("gazetteer", None)
    note("", "phase", "clustering the mentions into events")  # the last step, and on a large database the longest
    report.events, report.clustering = update_chronology(store, kn)
    return report


# What the clustering of stored mentions reads: a change to any of these files (or to the code
# below) makes the stored events stale, so the next ingest clusters everything again.
CLUSTERING_FILES = ("tuning.toml", "event_types.toml", "place_kinds.toml")
CLUSTERING_CODE = ("cluster.py", "crossdate.py", "intervals.py", "temponyms.py")  # the replay only reads their record


def knowledge_signature(kn: Knowledge) -> str:
    """A digest of the knowledge files and the code the clustering depends on."""
    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
    paths = [p for name in (*CLUSTERING_FILES, f"lang/{kn.language}.toml") for p in kn.files.all(name)]
    for path in (*paths, *(here / name for name in CLUSTERING_CODE)):
        with suppress(OSError):
            digest.update(str(path.name).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def update_chronology(store: Store, kn: Knowledge) -> tuple[int, str]:
    """After an ingest: nothing when the stored events were made from exactly the stored mentions;
    only the part of the chronology the new mentions reach when the last clustering recorded its
    greedy pass (``incremental``); else the full pass. Returns the number of events and which."""
    from .incremental import Unsafe

    signature = knowledge_signature(kn)
    state = store.clustering_state()
    if state is not None and state.knowledge == signature:
        if state.made_from == store.clustering_input():
            store.check_writable()  # an ingest writes: one into a read-only database fails, as ever
            return store.count("events"), "none"
        if state.replayable:
            with suppress(Unsafe):
                return _recluster_new(store, kn, signature), "incremental"
    return recluster(store, kn), "full"


def _recluster_new(store: Store, kn: Knowledge, signature: str) -> int:
    """The incremental clustering, under the write lock (it is short): another writer cannot add
    mentions between what it reads and what it stores."""
    from .crossdate import _reports
    from .incremental import Unsafe, recluster_new

    def line(ev: Event) -> str:
        return event_line(store.with_texts(ev), kn)

    with store.transaction():
        state, now = store.clustering_state(), store.clustering_input()
        if state is None or not state.replayable or state.knowledge != signature:
            raise Unsafe("another process clustered meanwhile")
        if now[2:] != state.made_from[2:] or now[0] < state.made_from[0]:
            raise Unsafe("the overrides changed")
        new = store.rows_after(state.made_from[1])
        if _reports([row.sm for row in new], store.article_tags, kn):
            # an article of open date other sources may date: the fixed point weighs every word by
            # its rarity over the corpus, which every new article changes
            raise Unsafe("a new article has an open publication date")
        removed, events, greedy, coarse_removed = recluster_new(store, kn, state.made_from[1])
        store.update_events(removed, events, line, greedy, coarse_removed=coarse_removed, knowledge=signature)
    return store.count("events")


def knowledge_for(store: Store, kn: Knowledge | None) -> Knowledge:
    """The knowledge to ingest with: the caller's (the CLI's, with the user's data folders), or the
    bundled one; with the places imported into this database either way."""
    extra = user_places(store)
    if kn is None:
        return Knowledge(extra_places=extra) if extra else Knowledge.bundled()
    if extra and not kn.extra_places:
        return Knowledge(kn.files.overlays, extra, kn.language)
    return kn


OPTIMISTIC_CLUSTERINGS = 3  # tries while other writers may commit; then one under the write lock


def _chronicle(store: Store, kn: Knowledge) -> tuple[list[Event], dict[str, DateInterval], GreedyState | None]:
    """The events of every stored mention, and the publication dates other sources give articles;
    with the greedy pass recorded (for the next incremental ingest) when the chronicle is a plain
    clustering: no overrides, and no article of open date that other sources could date (then the
    cross-source dating has nothing to link and ``chronicle`` is ``cluster``)."""
    from .crossdate import _reports
    from .incremental import Recorder

    tags = store.wide_tags(kn.tuning.crossdate.wide_days)
    own = list(store.mentions(texts=False))
    overrides = store.overrides()
    plain = not overrides and not _reports(own, tags.get, kn)
    seen = Recorder() if plain else None
    events, published = chronicle(own, tags.get, overrides, kn, seen)
    return events, published, seen.state() if seen is not None and not published else None


def recluster(store: Store, kn: Knowledge | None = None) -> int:
    """Cluster every stored mention afresh, with the articles that have no date of their own dated
    by the others (``crossdate.chronicle``), and store the chronology. The mentions are held without
    their sentences and summaries while they are clustered; each event's JSON line is written from
    its members decoded whole, one event at a time.

    Another ingest may commit mentions while this one clusters (a snapshot): then the events are not
    stored, and the clustering is done again; after a few tries it is done under the write lock, so
    the stored chronology always covers every committed mention."""
    kn = kn or Knowledge.bundled()

    def line(ev: Event) -> str:
        return event_line(store.with_texts(ev), kn)

    signature = knowledge_signature(kn)
    for _ in range(OPTIMISTIC_CLUSTERINGS):
        with store.snapshot():
            made_from = store.clustering_input()
            events, published, greedy = _chronicle(store, kn)
        if store.replace_events(
            events, lines=line, published=published, made_from=made_from, knowledge=signature, greedy=greedy
        ):
            return len(events)
        del events, greedy
    with store.transaction():  # other writers wait meanwhile: the clustering cannot miss their mentions
        events, published, greedy = _chronicle(store, kn)
        store.replace_events(events, lines=line, published=published, knowledge=signature, greedy=greedy)
    return len(events)
