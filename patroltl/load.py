"""Load stage: turn the paths a user gives into Documents (text plus metadata).

Files, folders (recursive), globs and ``-`` for standard input. Formats:

* plain text (``.txt``, ``.md``, anything that decodes): the text itself; a sidecar
  ``NAME.meta.json`` (or ``NAME.txt.meta.json``) beside it, and a ``--manifest`` CSV, give the
  metadata the text lacks (url, outlet, published, title, language);
* saved web pages (``.html``, ``.htm``): main text, title, site name and publication date through
  trafilatura and htmldate; the page's own meta tags (``article:published_time``,
  ``og:site_name``) win over the extractors' guesses, and no date is taken from the body text;
* exports (``.jsonl``/``.ndjson``, ``.json`` arrays or ``{"articles"|"items"|"data": [...]}``,
  ``.csv``) as news-please, MediaCloud and GDELT-derived tools write them: one Document per row,
  whose path is ``FILE#ROW`` (1-based; for JSON Lines the line number).

Anything that cannot be read yields a LoadFailure naming the file (and row) and the batch goes on:
a malformed row does not lose the other rows of its export. The HTML and encoding libraries are
imported only when an HTML page or an undecodable file appears.
"""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .models import Document

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | {".json", ".csv"}
# Bundled domain data sits beside the sample articles in data/: never read it as an article.
SKIP_NAMES = frozenset({"README.md"})
META_SUFFIX = ".meta.json"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# The legacy code pages this conflict's articles come in (Western, Turkish, Arabic, Cyrillic,
# Central European, Vietnamese): charset-normalizer chooses among these only.
LEGACY_ENCODINGS = (
    "cp1252",
    "cp1254",
    "cp1256",
    "cp1251",
    "koi8_r",
    "latin_1",
    "iso8859_9",
    "cp1250",
    "cp1258",
    "iso8859_6",
)
MAX_ROW_ERRORS = 1000  # past this many bad rows an export is reported once more and abandoned

# Export column -> Document field. Matched case-insensitively; the first non-empty one wins.
FIELDS: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "source_url", "sourceurl", "article_url", "canonical_url"),
    "title": ("title", "headline", "name"),
    "text": ("text", "content", "body", "maintext", "full_text", "article_text", "article"),
    "published": (
        "publish_date",
        "published",
        "date",
        "date_publish",
        "publication_date",
        "published_at",
        "pubdate",
        "publish_time",
        "datetime",
    ),
    "outlet": (
        "media_name",
        "source",
        "outlet",
        "source_domain",
        "publisher",
        "site_name",
        "sitename",
        "media",
        "domain",
    ),
    "language": ("language", "lang", "language_code"),
}
KNOWN_KEYS = frozenset(k for keys in FIELDS.values() for k in keys)
LIST_KEYS = ("articles", "items", "data", "results", "stories", "documents")
PATH_KEYS = ("path", "file", "filename", "file_name")


@dataclass(frozen=True)
class LoadFailure:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


Loaded = Document | LoadFailure
Meta = dict[str, str]


# --- finding the files --------------------------------------------------------------------------


def _is_article_file(f: Path) -> bool:
    return (
        f.is_file()
        and f.suffix.lower() in ARTICLE_SUFFIXES
        and f.name not in SKIP_NAMES
        and not f.name.endswith(META_SUFFIX)
    )


def expand(paths: Sequence[str]) -> Iterator[str | LoadFailure]:
    """Each given path as files to read, in a stable order; '-' stays '-'."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        p = Path(raw)
        if p.is_dir():
            # Sorted as strings (a folder's separator first, as Path sorts them): a sorted list of
            # 100,000 Path objects held for the whole ingest took 100 MB.
            files = [str(f) for f in p.rglob("*") if _is_article_file(f)]
            yield from sorted(files, key=lambda f: f.replace(os.sep, "\0"))
        elif p.exists():
            yield str(p)
        elif glob.has_magic(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield LoadFailure(raw, "no file matches this pattern")
            for m in matches:
                yield from expand([m])
        else:
            yield LoadFailure(raw, "no such file or folder")


# --- bytes to text ------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, else charset-normalizer's guess
    (Windows-1252/1256, Latin-1, ...), else Windows-1252 with replacement characters."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return data.decode("utf-32")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    guessed = _guess_encoding(data)
    if guessed is not None:
        return guessed
    return data.decode("cp1252", errors="replace")


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # lazy: only for files that are not UTF-8

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    return None if best is None else str(best)


def looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) // 10


def _read_bytes(path: str, max_bytes: int, stdin_bytes: bytes | None) -> bytes | LoadFailure:
    try:
        if path == "-":
            data = stdin_bytes or b""
        else:
            p = Path(path)
            size = p.stat().st_size
            if size > max_bytes:
                return LoadFailure(path, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-size)")
            data = p.read_bytes()
    except OSError as exc:
        return LoadFailure(path, f"cannot read: {exc.strerror or exc}")
    if len(data) > max_bytes:
        return LoadFailure(path, f"input is over the {max_bytes:,}-byte limit (--max-size)")
    if not data.strip():
        return LoadFailure(path, "empty file")
    if looks_binary(data):
        return LoadFailure(path, "binary file, not an article")
    return data


# --- metadata from rows, sidecars and manifests ---------------------------------------------------


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value).strip()


def pick_fields(row: Mapping[str, Any]) -> tuple[Meta, tuple[tuple[str, str], ...]]:
    """A row's known fields (by case-insensitive column name) and the rest as extra metadata."""
    lowered: dict[str, str] = {}
    extra: list[tuple[str, str]] = []
    for key, value in row.items():
        if key is None:
            continue
        name = str(key).strip().lower()
        text = _as_text(value)
        if name in KNOWN_KEYS:
            lowered.setdefault(name, text)
        elif text:
            extra.append((str(key).strip(), text))
    meta: Meta = {}
    for field_name, keys in FIELDS.items():
        for k in keys:
            if lowered.get(k):
                meta[field_name] = lowered[k]
                break
    used = {k for keys in FIELDS.values() for k in keys if lowered.get(k)}
    chosen = {meta.get(f) for f in FIELDS}
    extra.extend((k, v) for k, v in lowered.items() if v and k in used and v not in chosen)
    return meta, tuple(extra)


def with_title(title: str | None, text: str) -> str:
    """The text as a page shows it: the title first, unless the text already starts with it."""
    if not title or text.lstrip().startswith(title.strip()):
        return text
    return f"{title.strip()}\n\n{text}"


def fill(doc: Document, meta: Mapping[str, str]) -> Document:
    """The document with the fields it lacks taken from ``meta`` (its own metadata wins)."""
    return replace(
        doc,
        url=doc.url or meta.get("url") or None,
        title=doc.title or meta.get("title") or None,
        outlet=doc.outlet or meta.get("outlet") or None,
        published=doc.published or day_of(meta.get("published")),
        language=doc.language or meta.get("language") or None,
    )


def _meta_from_mapping(raw: Mapping[str, Any]) -> Meta:
    meta, _ = pick_fields(raw)
    meta.pop("text", None)
    return meta


def sidecar(path: str) -> Meta | LoadFailure | None:
    """Metadata from ``NAME.meta.json`` (or ``NAME.EXT.meta.json``) beside a text file."""
    p = Path(path)
    for candidate in (p.with_name(p.stem + META_SUFFIX), p.with_name(p.name + META_SUFFIX)):
        if candidate.is_file():
            try:
                raw = json.loads(candidate.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                return LoadFailure(str(candidate), f"unreadable metadata sidecar ({exc})")
            if not isinstance(raw, dict):
                return LoadFailure(str(candidate), "metadata sidecar is not a JSON object")
            return _meta_from_mapping(raw)
    return None


@dataclass(frozen=True)
class Manifest:
    """Metadata for many files, by path (as given, or relative to the manifest) or by file name."""

    by_path: dict[str, Meta]
    by_name: dict[str, Meta]

    def lookup(self, path: str) -> Meta | None:
        p = Path(path)
        for key in (str(p), _resolved(p)):
            if key in self.by_path:
                return self.by_path[key]
        return self.by_name.get(p.name)


def _resolved(p: Path) -> str:
    try:
        return str(p.resolve())
    except OSError:
        return str(p)


def read_manifest(path: Path) -> Manifest | LoadFailure:
    try:
        text = decode(path.read_bytes())
    except OSError as exc:
        return LoadFailure(str(path), f"cannot read manifest: {exc.strerror or exc}")
    by_path: dict[str, Meta] = {}
    by_name: dict[str, Meta] = {}
    try:
        rows = list(csv.DictReader(io.StringIO(text), dialect=_sniff(text)))
    except csv.Error as exc:
        return LoadFailure(str(path), f"malformed manifest CSV: {exc}")
    for row in rows:
        lowered = {str(k).strip().lower(): _as_text(v) for k, v in row.items() if k is not None}
        where = next((lowered[k] for k in PATH_KEYS if lowered.get(k)), "")
        if not where:
            continue
        meta = _meta_from_mapping(row)
        target = Path(where)
        by_path[where] = meta
        by_path[_resolved(target if target.is_absolute() else path.parent / target)] = meta
        by_name.setdefault(target.name, meta)
    if not by_path:
        return LoadFailure(str(path), "manifest has no path/file column or no rows")
    return Manifest(by_path, by_name)


# --- formats ------------------------------------------------------------------------------------


def kind_of(path: str, text: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix == ".json":
        return "json"
    if suffix == ".csv":
        return "csv"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and head.startswith("<")):
        return "html"
    if head.startswith(("{", "[")):
        return "json"
    return "text"


def row_document(source: str, row: int, raw: Any) -> Loaded:
    name = f"{source}#{row}"
    if not isinstance(raw, dict):
        return LoadFailure(name, f"row is a JSON {type(raw).__name__}, not an object")
    meta, extra = pick_fields(raw)
    text = meta.pop("text", "")
    if not text.strip():
        return LoadFailure(name, "row has no text (columns text/content/body/maintext)")
    return Document(
        path=name,
        text=with_title(meta.get("title"), text),
        url=meta.get("url"),
        title=meta.get("title"),
        outlet=meta.get("outlet"),
        published=day_of(meta.get("published")),
        language=meta.get("language"),
        extra=extra,
    )


def read_jsonl(source: str, text: str) -> Iterator[Loaded]:
    errors = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            errors += 1
            yield LoadFailure(f"{source}#{number}", f"malformed JSON line: {exc.msg} (column {exc.colno})")
            if errors >= MAX_ROW_ERRORS:
                yield LoadFailure(source, f"gave up after {errors} malformed lines")
                return
            continue
        yield row_document(source, number, raw)


def json_rows(raw: Any) -> list[Any] | None:
    if isinstance(raw, list):
        return raw
    if isinstance(raw, dict):
        for key in LIST_KEYS:
            found = next((v for k, v in raw.items() if str(k).lower() == key), None)
            if isinstance(found, list):
                return found
        return [raw]
    return None


def read_json(source: str, text: str) -> Iterator[Loaded]:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        if "\n{" in text.strip() and text.lstrip().startswith("{"):
            yield from read_jsonl(source, text)  # JSON Lines saved as .json
            return
        yield LoadFailure(source, f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        return
    rows = json_rows(raw)
    if rows is None:
        yield LoadFailure(source, "JSON is neither an article, a list of articles nor an object with a list")
        return
    if not rows:
        yield LoadFailure(source, "JSON export has no articles")
        return
    if not isinstance(raw, list) and rows == [raw]:
        yield _single(source, raw)
        return
    for number, row in enumerate(rows, start=1):
        yield row_document(source, number, row)


def _single(source: str, row: Any) -> Loaded:
    """A JSON file holding one article keeps its own path (no '#1')."""
    doc = row_document(source, 1, row)
    if isinstance(doc, Document):
        return replace(doc, path=source)
    return LoadFailure(source, doc.message)


def _sniff(text: str) -> type[csv.Dialect] | str:
    first = text[: text.find("\n")] if "\n" in text else text
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] == 0:
        best = ","
    return _dialect(best)


def _dialect(delimiter: str) -> type[csv.Dialect]:
    class Custom(csv.excel):
        strict = True

    Custom.delimiter = delimiter
    return Custom


def read_csv(source: str, text: str, max_bytes: int) -> Iterator[Loaded]:
    csv.field_size_limit(max(max_bytes, 131_072))
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_sniff(text))
    try:
        header = next(reader)
    except (csv.Error, StopIteration) as exc:
        yield LoadFailure(source, f"malformed CSV header: {exc}")
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    if not {h.lower() for h in header} & set(FIELDS["text"]):
        yield LoadFailure(source, f"CSV has no text column (one of {', '.join(FIELDS['text'])})")
        return
    yield from _csv_rows(source, reader, header)


def _csv_rows(source: str, reader: Iterator[list[str]], header: list[str]) -> Iterator[Loaded]:
    number = 0
    errors = 0
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            errors += 1
            yield LoadFailure(f"{source}#{number}", f"malformed CSV row: {exc}")
            if errors >= MAX_ROW_ERRORS:
                return
            continue
        if not any(c.strip() for c in cells):
            number -= 1
            continue
        if len(cells) > len(header):
            yield LoadFailure(
                f"{source}#{number}",
                f"malformed CSV row: {len(cells)} fields, the header has {len(header)} (an unquoted comma?)",
            )
            continue
        yield row_document(source, number, dict(zip(header, cells, strict=False)))


# Meta tags that name a page's publication date, site and address, most trusted first.
META_DATE = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
)
META_SITE = ("og:site_name", "application-name", "publisher", "dc.publisher", "twitter:site")
META_TITLE = ("og:title", "twitter:title", "dc.title")
META_URL = ("og:url",)
WORDS = re.compile(r"\w{2,}")
MIN_WORDS = 3  # an extraction with fewer words than this found markup debris, not an article
ISO_DAY = re.compile(r"\s*(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]{0,15}(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


def day_of(value: str | None) -> str | None:
    """An ISO timestamp as its day ("2019-11-01T12:00:00+03:00" -> "2019-11-01"); other text as it is."""
    if not value or not value.strip():
        return None
    m = ISO_DAY.match(value[:64])
    return m.group(1) if m else value.strip()


def page_meta(tree: Any) -> Meta:
    """What the page's own head says: <meta> tags, canonical link, <html lang>."""
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or ""
        key = key.strip().lower()
        value = (el.get("content") or "").strip()
        if key and value:
            found.setdefault(key, value)
    meta: Meta = {}
    for field_name, keys in (("published", META_DATE), ("outlet", META_SITE), ("title", META_TITLE), ("url", META_URL)):
        hit = next((found[k] for k in keys if found.get(k)), None)
        if hit:
            meta[field_name] = hit
    if "url" not in meta:
        links = (el for el in tree.iter("link") if (el.get("rel") or "").lower() == "canonical")
        canonical = next((el.get("href") for el in links), None)
        if canonical:
            meta["url"] = canonical.strip()
    lang = tree.get("lang") or found.get("content-language") or found.get("og:locale")
    if lang:
        meta["language"] = lang.strip().replace("_", "-").split("-")[0].lower()
    return meta


def _parse_html(text: str) -> Any:
    import lxml.html  # type: ignore[import-untyped]  # lazy: only for web pages

    try:
        return lxml.html.document_fromstring(text.encode("utf-8"))
    except Exception:  # lxml raises several types for hopeless markup
        return None


def _publication_date(tree: Any) -> str | None:
    from htmldate import find_date  # lazy

    try:
        found = find_date(tree, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate is a guesser: a failure means no date, not a broken page
        return None
    return str(found) if found else None


def _main_text(text: str, url: str | None) -> tuple[str, Meta]:
    import trafilatura  # lazy: only for web pages

    result = trafilatura.bare_extraction(
        text,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None:
        return "", {}
    found: dict[str, Any] = result if isinstance(result, dict) else result.as_dict()
    guessed = {"title": found.get("title"), "outlet": found.get("sitename"), "url": found.get("url")}
    return str(found.get("text") or ""), {k: str(v) for k, v in guessed.items() if v}


def read_html(source: str, text: str) -> Loaded:
    tree = _parse_html(text)
    if tree is None:
        return LoadFailure(source, "broken HTML: no document could be parsed")
    meta = page_meta(tree)
    body, guessed = _main_text(text, meta.get("url"))
    if len(WORDS.findall(body[:2000])) < MIN_WORDS:
        return LoadFailure(source, "broken or empty HTML: no article text found in the page")
    for key, value in guessed.items():
        meta.setdefault(key, value)
    published = meta.get("published") or _publication_date(tree)
    title = meta.get("title")
    return Document(
        path=source,
        text=with_title(title, body),
        url=meta.get("url"),
        title=title,
        outlet=meta.get("outlet"),
        published=day_of(published),
        language=meta.get("language"),
    )


def read_text_file(path: str, text: str) -> Document:
    return Document(path="<stdin>" if path == "-" else path, text=text)


def read_path(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, stdin_bytes: bytes | None = None) -> Iterator[Loaded]:
    """Every Document (or LoadFailure) one file gives: one for an article, one per row for an export."""
    data = _read_bytes(path, max_bytes, stdin_bytes)
    if isinstance(data, LoadFailure):
        yield data
        return
    text = decode(data)
    kind = kind_of(path, text)
    name = "<stdin>" if path == "-" else path
    if kind == "html":
        yield read_html(name, text)
    elif kind == "jsonl":
        yield from read_jsonl(name, text)
    elif kind == "json":
        yield from read_json(name, text)
    elif kind == "csv":
        yield from read_csv(name, text, max_bytes)
    else:
        yield read_text_file(path, text)


def read_one(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, stdin_bytes: bytes | None = None) -> Loaded:
    """The first Document (or failure) a path gives: for single-article files."""
    return next(read_path(path, max_bytes=max_bytes, stdin_bytes=stdin_bytes))


def _with_metadata(items: Iterable[Loaded], path: str, manifest: Manifest | None) -> Iterator[Loaded]:
    side: Meta | LoadFailure | None = None
    if path != "-" and Path(path).suffix.lower() not in JSONL_SUFFIXES | {".json", ".csv"}:
        side = sidecar(path)
    if isinstance(side, LoadFailure):
        yield side
        side = None
    listed = manifest.lookup(path) if manifest and path != "-" else None
    for item in items:
        if isinstance(item, Document):
            if side:
                item = fill(item, side)
            if listed:
                item = fill(item, listed)
        yield item


def load(
    paths: Sequence[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin_bytes: bytes | None = None,
    manifest: Path | None = None,
) -> Iterator[Loaded]:
    listing: Manifest | None = None
    if manifest is not None:
        read = read_manifest(manifest)
        if isinstance(read, LoadFailure):
            yield read
        else:
            listing = read
    for item in expand(paths):
        if isinstance(item, LoadFailure):
            yield item
            continue
        items = read_path(item, max_bytes=max_bytes, stdin_bytes=stdin_bytes)
        yield from _with_metadata(items, item, listing)
