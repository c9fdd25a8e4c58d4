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

Bounded work on hostile input (issue 16): only regular files are opened (a FIFO, a device or a
socket is refused after ``os.stat``, never read); a file is read up to ``--max-size`` bytes; JSON
Lines and CSV exports are streamed record by record, each record capped at ``--max-size`` (an
oversized field fails its row only); parser limits (nesting, huge integers) are failures, not
tracebacks. Text without a byte-order mark or a declared encoding that is not UTF-8 is decoded by
detection, and a LoadNote says how (and how many bytes were replaced). File names that are not
UTF-8 are kept with their undecodable bytes as visible ``\\xNN`` escapes.
"""

from __future__ import annotations

import codecs
import csv
import glob
import io
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from .errors import without_surrogates
from .models import Document, item_name

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})  # read by feeds.py, an article per item
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | {".json", ".csv"}
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
MAX_SIDECAR_BYTES = 1024 * 1024
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
READ_CHUNK = 1024 * 1024  # characters read at a time from a streamed export (a huge line comes in pieces)

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


@dataclass(frozen=True)
class LoadNote:
    """Something the batch report must say about an input that did load (how it was decoded)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


Loaded = Document | LoadFailure | LoadNote
Meta = dict[str, str]


# --- finding the files --------------------------------------------------------------------------

NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def shown_path(path: str) -> str:
    """A path as stored and reported: bytes of a file name that are not UTF-8 as ``\\\\xNN`` escapes."""
    return without_surrogates(path)


def _not_regular(path: str, st: os.stat_result) -> LoadFailure:
    what = next((name for test, name in NOT_REGULAR if test(st.st_mode)), "not a regular file")
    return LoadFailure(shown_path(path), f"{what}, not a regular file: not read")


def _is_article_name(name: str) -> bool:
    return (
        os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES
        and name not in SKIP_NAMES
        and not name.endswith(META_SUFFIX)
    )


def _sort_key(path: str) -> str:
    # A folder's separator sorts first, as Path sorts them ("a/" before "a-b/" and "a.txt").
    return path.replace(os.sep, "\0")


def _folder(root: str) -> Iterator[str | LoadFailure]:
    """The article files under ``root`` (links to folders are not followed: no loop), in a stable
    order, with a failure for each subfolder that cannot be read and each entry that is not a file."""
    found: list[tuple[str, str | LoadFailure]] = []

    def unreadable(exc: OSError) -> None:
        where = str(exc.filename or root)
        why = f"cannot read this folder ({exc.strerror or exc}): its files were not ingested"
        found.append((_sort_key(where), LoadFailure(shown_path(where), why)))

    for folder, _, names in os.walk(root, onerror=unreadable):
        for name in names:
            if not _is_article_name(name):
                continue
            full = os.path.join(folder, name)
            try:
                st = os.stat(full)
            except OSError as exc:  # a broken link, a name too long to open
                found.append((_sort_key(full), LoadFailure(shown_path(full), f"cannot read: {exc.strerror or exc}")))
                continue
            if stat.S_ISREG(st.st_mode):
                found.append((_sort_key(full), full))
            elif not stat.S_ISDIR(st.st_mode):
                found.append((_sort_key(full), _not_regular(full, st)))
    if not found:
        kinds = ", ".join(sorted(ARTICLE_SUFFIXES))
        found.append(("", LoadFailure(shown_path(root), f"no article files in this folder ({kinds})")))
    # Sorted as strings: a sorted list of 100,000 Path objects held for the whole ingest took 100 MB.
    found.sort(key=lambda pair: pair[0])
    for _, item in found:
        yield item


def expand(paths: Sequence[str]) -> Iterator[str | LoadFailure]:
    """Each given path as files to read, in a stable order; '-' stays '-'. Only regular files are
    yielded: whatever else a path names (a FIFO, a device, a socket) is a failure, never opened."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        try:
            st = os.stat(raw)
        except (FileNotFoundError, NotADirectoryError):
            if glob.has_magic(raw):
                matches = sorted(glob.glob(raw, recursive=True))
                if not matches:
                    yield LoadFailure(shown_path(raw), "no file matches this pattern")
                for m in matches:
                    yield from expand([m])
            else:
                yield LoadFailure(shown_path(raw), "no such file or folder")
            continue
        except OSError as exc:  # a name too long, a loop of links, no permission
            yield LoadFailure(shown_path(raw), f"cannot read: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _folder(str(Path(raw)))
        elif stat.S_ISREG(st.st_mode):
            yield str(Path(raw))
        else:
            yield _not_regular(raw, st)


# --- bytes to text ------------------------------------------------------------------------------

SAMPLE_BYTES = 64 * 1024  # what a streamed export's encoding is decided on
LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 (little-endian)",
    "utf-16-be": "UTF-16 (big-endian)",
    "utf-32": "UTF-32",
    "cp1252": "Windows-1252 (Western European)",
    "cp1254": "Windows-1254 (Turkish)",
    "cp1256": "Windows-1256 (Arabic)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "koi8_r": "KOI8-R (Russian)",
    "latin_1": "ISO-8859-1 (Latin-1)",
    "iso8859_9": "ISO-8859-9 (Turkish)",
    "cp1250": "Windows-1250 (Central European)",
    "cp1258": "Windows-1258 (Vietnamese)",
    "iso8859_6": "ISO-8859-6 (Arabic)",
}
# Tried in this order for text that is mostly ASCII (an English article with a few names in
# another script); the first wins a tie.
LATIN_FIRST = ("cp1252", "cp1254", "cp1250", "cp1251", "cp1256", "cp1258", "latin_1", "iso8859_9")
# Letters that names of this conflict's places and people are spelt with (Turkish, Kurdish, French,
# German), and those a wrong Western code page makes of Turkish letters (Þ ý ð for Ş ı ğ).
FAMILIAR = frozenset("çÇğĞıİöÖşŞüÜâÂêÊîÎûÛéÉèÈàÀäÄëËïÏôÔœŒßáÁíÍóÓúÚñÑ")
SUSPECT = frozenset("ÞþÐðýÝ¤¦¨¯´¸¹²³¼½¾×÷ª º¬±µ·¿¡")

_replaced = [0]  # bytes replaced by the "patroltl.count" error handler, since the process started


def _count_replacements(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _replaced[0] += exc.end - exc.start
    return "\ufffd", exc.end


codecs.register_error("patroltl.count", _count_replacements)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    replaced: int = 0  # bytes that were not valid in ``encoding``, each now U+FFFD
    how: str = ""  # how the encoding was chosen, when it was not UTF-8 or a byte-order mark

    def note(self) -> str | None:
        """What the batch report says about this decoding, if anything."""
        label = LABELS.get(self.encoding, self.encoding)
        parts = [f"read as {label}, {self.how}"] if self.how else []
        if self.replaced:
            count = "1 byte" if self.replaced == 1 else f"{self.replaced:,} bytes"
            parts.append(f"{count} not valid {label} replaced with U+FFFD")
        return "; ".join(parts) or None


def _decode_counting(data: bytes, encoding: str, how: str = "") -> Decoded:
    before = _replaced[0]
    text = data.decode(encoding, errors="patroltl.count")
    return Decoded(text, encoding, _replaced[0] - before, how)


def _bom(data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for text in UTF-16 without a byte-order mark: it decodes cleanly to
    printable text, and its high bytes take few values (0 for ASCII, 6 for Arabic, 4 for Cyrillic),
    where binary data spreads over all of them."""
    sample = data[: 4096 - 4096 % 2] if len(data) >= 4096 else data[: len(data) - len(data) % 2]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    for codec, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
        common = sum(n for _, n in _most_common(high, 3))
        words = sum(1 for ch in text if ch.isspace()) >= 0.03 * len(text)  # text has spaces between words
        varied = len(set(text)) >= min(8, len(text) // 4)
        if printable >= 0.95 * len(text) and common >= 0.9 * len(high) and words and varied:
            return codec
    return None


def _most_common(data: bytes, n: int) -> list[tuple[int, int]]:
    counts = [0] * 256
    for b in data:
        counts[b] += 1
    return sorted(((v, c) for v, c in enumerate(counts) if c), key=lambda vc: -vc[1])[:n]


def _declared(data: bytes) -> str | None:
    """The encoding a page or XML declaration names in its first bytes, if Python knows it."""
    m = DECLARED.search(data[:4096])
    if m is None:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None


DECLARED = re.compile(
    rb"""(?:<meta[^>]{0,300}?charset\s*=\s*["']?|<\?xml[^>]{0,100}?encoding\s*=\s*["'])([A-Za-z0-9_.:-]{1,40})""", re.I
)


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few stray bytes (a file once edited in another encoding): kept as UTF-8 with the
    stray bytes replaced, not taken for a legacy code page that would garble every other letter."""
    decoded = _decode_counting(data, "utf-8")
    valid = sum(1 for ch in decoded.text if ord(ch) > 127 and ch != "\ufffd")
    if valid and (valid >= 2 * decoded.replaced or decoded.replaced <= 2):
        return decoded
    return None


def _plausibility(text: str) -> int:
    """How much the non-ASCII characters of a decoding look like letters of words: a letter inside
    a word of its own script scores, control characters, combining marks, symbols inside words and
    the letters a wrong code page makes of Turkish ones cost."""
    score = 0
    for i, ch in enumerate(text):
        if ord(ch) < 128:
            continue
        cat = unicodedata.category(ch)
        prev, nxt = text[i - 1 : i], text[i + 1 : i + 2]
        if cat.startswith("L"):
            latin = "LATIN" in unicodedata.name(ch, "")
            near_ascii_letter = (prev.isascii() and prev.isalpha()) or (nxt.isascii() and nxt.isalpha())
            if not latin and near_ascii_letter:
                score -= 3  # a word mixing scripts: a wrong code page
            else:
                score += 3 if ch in FAMILIAR else 1
            if ch in SUSPECT:
                score -= 4
        elif cat in ("Cc", "Cn", "Co", "Cs") or ch == "\ufffd":
            score -= 6
        elif cat == "Mn":
            score -= 5
        elif cat.startswith(("S", "N")) and prev.isalpha() and nxt.isalpha():
            score -= 3
        elif ch in "‘’“”–—…«»":
            score += 1
    return score


def _legacy(data: bytes) -> Decoded:
    """Text that is not UTF-8 and names no encoding: charset-normalizer's language models decide for
    text mostly in another script; for mostly ASCII text (an English article with a few names) they
    cannot, and the code page whose letters look most like words wins."""
    high = len(data.translate(None, bytes(range(128))))  # the bytes over 127
    if high > 0.2 * len(data):
        from charset_normalizer import from_bytes  # lazy: only for files that are not UTF-8

        best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
        if best is not None:
            return _decode_counting(data, codecs.lookup(best.encoding).name, "detected: no encoding was declared")
    sample = data[:SAMPLE_BYTES]
    candidates = [(-_plausibility(sample.decode(enc, errors="replace")), i, enc) for i, enc in enumerate(LATIN_FIRST)]
    _, _, chosen = min(candidates)
    return _decode_counting(data, codecs.lookup(chosen).name, "detected: no encoding was declared")


def decode_bytes(data: bytes, *, declared: str | None = None) -> Decoded:
    """Bytes to text: a byte-order mark, then UTF-8, then UTF-16 without a mark, then the encoding
    the page declares, then UTF-8 with a few stray bytes, then detection among the legacy code
    pages (Windows-1252/1254/1256/1251, ISO-8859-9, ...). Replaced bytes are counted."""
    bom = _bom(data)
    if bom is not None:
        return _decode_counting(data, bom)
    # Before UTF-8: Arabic or Cyrillic in UTF-16 is all bytes under 128, so valid (and garbled) UTF-8
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        return _decode_counting(data, utf16, "detected: no byte-order mark")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared is not None and codecs.lookup(declared).name != "utf-8":
        return _decode_counting(data, declared, "as the page declares")
    return _mostly_utf8(data) or _legacy(data)


def decode(data: bytes) -> str:
    """Bytes to text (see ``decode_bytes``)."""
    return decode_bytes(data).text


def looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(head) is not None:
        return False
    # NUL bytes: text has none, but an export with one stray NUL in a field is still text
    if head.count(0) * 1000 > len(head):
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) // 10


def _regular(path: str) -> os.stat_result | LoadFailure:
    """The file's status if it is a regular file: a FIFO or a device is never opened."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return LoadFailure(shown_path(path), f"cannot read: {exc.strerror or exc}")
    if stat.S_ISDIR(st.st_mode):
        return LoadFailure(shown_path(path), "cannot read: is a folder")
    if not stat.S_ISREG(st.st_mode):
        return _not_regular(path, st)
    return st


def _read_bytes(path: str, max_bytes: int, stdin_bytes: bytes | None) -> bytes | LoadFailure:
    name = "<stdin>" if path == "-" else shown_path(path)
    if path == "-":
        data = stdin_bytes or b""
    else:
        st = _regular(path)
        if isinstance(st, LoadFailure):
            return st
        if st.st_size > max_bytes:
            return LoadFailure(name, f"file is {st.st_size:,} bytes, over the {max_bytes:,}-byte limit (--max-size)")
        try:
            with open(path, "rb") as fh:
                # As much as the file says it holds and a byte more (a read of max_bytes + 1 sets
                # that much memory aside: 5 MB for every 2 kB article); the rest, up to the limit,
                # only if that byte came (a file may grow, or say it has no size: /proc)
                want = min(st.st_size, max_bytes) + 1
                data = fh.read(want)
                if len(data) == want and want <= max_bytes:
                    data += fh.read(max_bytes + 1 - want)
        except OSError as exc:
            return LoadFailure(name, f"cannot read: {exc.strerror or exc}")
    if len(data) > max_bytes:
        return LoadFailure(name, f"input is over the {max_bytes:,}-byte limit (--max-size)")
    if not data.strip():
        return LoadFailure(name, "empty file")
    if looks_binary(data):
        return LoadFailure(name, "binary file, not an article")
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
        try:
            st = os.stat(candidate)
        except OSError:  # none there, or a name too long for the file system to look up
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        where = shown_path(str(candidate))
        if st.st_size > MAX_SIDECAR_BYTES:
            return LoadFailure(where, f"metadata sidecar is over {MAX_SIDECAR_BYTES:,} bytes: not read")
        try:
            raw = parse_json(candidate.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as exc:
            return LoadFailure(where, f"unreadable metadata sidecar ({exc})")
        if isinstance(raw, JsonError):
            return LoadFailure(where, f"unreadable metadata sidecar ({raw.reason})")
        if not isinstance(raw, dict):
            return LoadFailure(where, "metadata sidecar is not a JSON object")
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
    st = _regular(str(path))
    if isinstance(st, LoadFailure):
        return LoadFailure(st.path, f"manifest: {st.message}")
    if st.st_size > MAX_MANIFEST_BYTES:
        return LoadFailure(shown_path(str(path)), f"manifest is over {MAX_MANIFEST_BYTES:,} bytes: not read")
    try:
        text = decode(path.read_bytes())
    except OSError as exc:
        return LoadFailure(shown_path(str(path)), f"cannot read manifest: {exc.strerror or exc}")
    by_path: dict[str, Meta] = {}
    by_name: dict[str, Meta] = {}
    try:
        rows = list(csv.DictReader(io.StringIO(text), dialect=_sniff(text)))
    except csv.Error as exc:
        return LoadFailure(shown_path(str(path)), f"malformed manifest CSV: {exc}")
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
        return LoadFailure(shown_path(str(path)), "manifest has no path/file column or no rows")
    return Manifest(by_path, by_name)


# --- formats ------------------------------------------------------------------------------------


def kind_of(path: str, text: str) -> str:
    from .feeds import looks_like_feed  # the feed reader imports this module

    suffix = Path(path).suffix.lower()
    if suffix in FEED_SUFFIXES or ((suffix in TEXT_SUFFIXES or not suffix) and looks_like_feed(text)):
        return "feed"  # a feed saved as .txt is a feed: its markup is no article's text
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
    name = item_name(source, row)
    if not isinstance(raw, dict):
        return LoadFailure(name, f"row is a JSON {type(raw).__name__}, not an object")
    try:
        meta, extra = pick_fields(raw)
    except (RecursionError, ValueError) as exc:  # a value nested too deep or a number too long to write
        return LoadFailure(name, f"not a news export row ({_limit_reason(exc)})")
    text = meta.pop("text", "")
    if not text.strip():
        return LoadFailure(name, "row has no text (columns text/content/body/maintext)")
    return Document(
        path=name,
        text=with_title(meta.get("title"), text),
        url=meta.get("url"),
        title=meta.get("title") or headline_of(text),
        outlet=meta.get("outlet"),
        published=day_of(meta.get("published")),
        language=meta.get("language"),
        extra=extra,
    )


@dataclass(frozen=True)
class JsonError:
    """Why a JSON text could not be read, as a person would say it."""

    reason: str


def _limit_reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nesting too deep"
    if "digits" in str(exc):
        return "a number too long to read"
    return f"unreadable value: {exc}"


def parse_json(text: str) -> Any:
    """The JSON value, or a JsonError: malformed text and the parser's own limits (nesting deeper than
    Python's recursion limit, integers of more than 4,300 digits) alike."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        return JsonError(f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
    except (RecursionError, ValueError) as exc:
        return JsonError(_limit_reason(exc))


def _lines(fh: IO[str], max_chars: int) -> Iterator[str | None]:
    """The lines of a text stream, each at most ``max_chars`` long: a longer one is read through (in
    pieces, never held whole) and given as None."""
    while True:
        line = fh.readline(max_chars + 1)
        if not line:
            return
        if len(line) <= max_chars:
            yield line
            continue
        while line and not line.endswith(("\n", "\r")):
            line = fh.readline(READ_CHUNK)
        yield None


def read_jsonl(source: str, text: str | IO[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Loaded]:
    """One Document per JSON line, read one line at a time; each line is its own failure."""
    fh = io.StringIO(text) if isinstance(text, str) else text
    errors = 0
    for number, line in enumerate(_lines(fh, max_bytes), start=1):
        if line is None:
            yield LoadFailure(
                item_name(source, number), f"line is over the {max_bytes:,}-byte limit (--max-size): skipped"
            )
            continue
        if not line.strip():
            continue
        raw = parse_json(line)
        if isinstance(raw, JsonError):
            errors += 1
            yield LoadFailure(item_name(source, number), raw.reason.replace("malformed JSON", "malformed JSON line", 1))
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
    raw = parse_json(text)
    if isinstance(raw, JsonError):
        if raw.reason.startswith("malformed") and "\n{" in text.strip() and text.lstrip().startswith("{"):
            yield from read_jsonl(source, text, max(len(text), 1))  # JSON Lines saved as .json
            return
        if raw.reason.startswith("malformed"):
            yield LoadFailure(source, raw.reason)
        else:
            yield LoadFailure(source, f"not a news export ({raw.reason})")
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
    return LoadFailure(source, doc.message) if isinstance(doc, LoadFailure) else doc


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


def _csv_records(fh: IO[str], max_chars: int) -> Iterator[str | None]:
    """The raw text of each CSV record (a quoted field may hold line breaks: a record ends at a line
    break after an even number of quotes), at most ``max_chars`` long: a longer one is read through
    without being kept and given as None, so that its rest is not taken for rows of its own."""
    kept: list[str] = []
    size = quotes = 0
    over = False
    while True:
        line = fh.readline(READ_CHUNK)
        if not line:
            if kept or over:
                yield None if over else "".join(kept)
            return
        quotes += line.count('"')
        if not over:
            size += len(line)
            over = size > max_chars
            if over:
                kept = []
            else:
                kept.append(line)
        if line.endswith(("\n", "\r")) and quotes % 2 == 0:
            yield None if over else "".join(kept)
            kept, size, quotes, over = [], 0, 0, False


def read_csv(source: str, text: str | IO[str], max_bytes: int) -> Iterator[Loaded]:
    """One Document per CSV record, read one record at a time; each record is its own failure."""
    fh = io.StringIO(text, newline="") if isinstance(text, str) else text
    csv.field_size_limit(max(max_bytes, 131_072))
    records = _csv_records(fh, max_bytes)
    first = next((r for r in records if r is None or r.strip()), None)
    if first is None:
        yield LoadFailure(source, "malformed CSV header: the header is missing or over --max-size")
        return
    dialect = _sniff(first)
    try:
        header = next(csv.reader([first], dialect=dialect))
    except (csv.Error, StopIteration) as exc:
        yield LoadFailure(source, f"malformed CSV header: {exc}")
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    if not {h.lower() for h in header} & set(FIELDS["text"]):
        yield LoadFailure(source, f"CSV has no text column (one of {', '.join(FIELDS['text'])})")
        return
    rows = 0
    for item in _csv_rows(source, records, header, dialect, max_bytes):
        rows += 1
        yield item
    if rows == 0:
        yield LoadFailure(source, "CSV export has a header but no rows")


def _csv_rows(
    source: str, records: Iterator[str | None], header: list[str], dialect: type[csv.Dialect] | str, max_bytes: int
) -> Iterator[Loaded]:
    number = 0
    errors = 0
    for record in records:
        if record is not None and not record.strip():
            continue
        number += 1
        if record is None:
            yield LoadFailure(
                item_name(source, number), f"row is over the {max_bytes:,}-byte limit (--max-size): skipped"
            )
            continue
        try:
            cells = next(csv.reader([record], dialect=dialect), [])
        except csv.Error as exc:
            errors += 1
            yield LoadFailure(item_name(source, number), f"malformed CSV row: {exc}")
            if errors >= MAX_ROW_ERRORS:
                yield LoadFailure(source, f"gave up after {errors} malformed rows")
                return
            continue
        if not any(c.strip() for c in cells):
            number -= 1
            continue
        if len(cells) > len(header):
            yield LoadFailure(
                item_name(source, number),
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


def _guess_by_address(guess: str | None, url: str | None) -> str | None:
    """A date htmldate guessed from the page's body, unless the page's address, which its site
    gives it when it publishes it, says another month: the guess was then a related story's date
    or an update's ("/news/2020/08/..." under a list headed by "July 14, 2020")."""
    from .dates.publication import url_date  # lazy: only for web pages

    by_url = url_date(url)
    if guess is None or by_url is None or not ISO_DAY.match(guess):
        return guess
    return guess if by_url.start.isoformat() <= guess[:10] <= by_url.end.isoformat() else None


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


# The block elements whose text is a line of the page, and those whose text is never shown.
BLOCK_TAGS = frozenset(
    (
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "td",
        "th",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "figcaption",
        "caption",
        "label",
        "button",
        "summary",
        "option",
        "legend",
    )
)
HIDDEN_TAGS = frozenset(("script", "style", "noscript", "template", "head", "title", "svg"))
# Where the page's text that trafilatura left out starts, after the article's own: the cleaner cuts it
# from there (``clean.LEFT_OUT``), so `show` lists it and no stage reads it. A private-use character
# begins the line: no article has it.
LEFT_OUT_MARK = "\ue000 the page's other text, which trafilatura left out \ue000"
MAX_LEFT_OUT = 30_000  # characters of it kept


def page_lines(tree: Any) -> list[str]:
    """The page's lines as a reader sees them: each innermost block element's text, whitespace folded."""
    lines: list[str] = []
    body = tree.find("body") if tree.find("body") is not None else tree
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag not in BLOCK_TAGS:
            continue
        if any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in el.iterdescendants()):
            continue
        if any(isinstance(a.tag, str) and a.tag in HIDDEN_TAGS for a in el.iterancestors()):
            continue
        line = " ".join(el.text_content().split())
        if line:
            lines.append(line)
    return lines


BYLINE_LINES = 6  # lines between a page's headline and its text: byline, date, reading time
BYLINE_CHARS = 100


STANDFIRST_TAGS = frozenset({"h2", "h3"})


def _under_headline(tree: Any, body: str) -> Iterator[str]:
    """The text of the leaf elements after the page's headline (h1), in page order, up to the first
    that is part of the text trafilatura extracted (where the article's text begins)."""
    root = tree.find("body") if tree.find("body") is not None else tree
    kept = " ".join(body.split())
    seen_h1 = False
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in HIDDEN_TAGS:
            continue
        if el.tag == "h1":
            seen_h1 = True
            continue
        if not seen_h1 or len(el):
            continue  # before the headline, or not a leaf
        line = " ".join(el.text_content().split())
        if not line:
            continue
        if line in kept:
            if el.tag in STANDFIRST_TAGS:
                continue  # the standfirst under the headline, kept in the text; the byline and date follow it
            return
        if not any(isinstance(a.tag, str) and a.tag in HIDDEN_TAGS for a in el.iterancestors()):
            yield line


def byline_block(tree: Any, body: str) -> list[str]:
    """The short lines a page shows between its headline (h1) and the text trafilatura extracted
    ("AFP", "Published: 15 Apr 2020 - 08:17 pm", "Last updated: ..."): where a reader finds the
    byline and the date, which extraction often leaves out; up to the first long one."""
    lines: list[str] = []
    for line in _under_headline(tree, body):
        if len(line) > BYLINE_CHARS or len(lines) >= BYLINE_LINES:
            break
        lines.append(line)
    return lines


LEAD_WORDS = 12  # a paragraph of prose, not a caption's credit or a label
LEAD_LINES = 2


def lead_block(tree: Any, body: str) -> list[str]:
    """The paragraphs of prose between the headline and the extracted text ("Vladimir Putin met with
    ... Following the talks, the two leaders adopted a Memorandum"): a lead or standfirst kept in an
    element of its own, which extraction often drops, though it tells the article's news first."""
    leads: list[str] = []
    for line in _under_headline(tree, body):
        if len(WORDS.findall(line)) >= LEAD_WORDS and line.rstrip().endswith((".", "!", "?", '"', "”")):
            leads.append(line)
            if len(leads) >= LEAD_LINES:
                break
    return leads


def _left_out(tree: Any, body: str) -> str:
    """The page's lines that are not in the text trafilatura extracted, after LEFT_OUT_MARK."""
    kept = " ".join(body.split())
    out: list[str] = []
    size = 0
    for line in page_lines(tree):
        if line in kept or line in out:
            continue
        out.append(line)
        size += len(line) + 1
        if size > MAX_LEFT_OUT:
            break
    return f"\n\n{LEFT_OUT_MARK}\n" + "\n".join(out) if out else ""


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
    published = meta.get("published") or _guess_by_address(_publication_date(tree), meta.get("url"))
    title = meta.get("title")
    own = headline_of(body, alone=False)
    if own and not (title and body.lstrip().startswith(title.strip())):
        title = own  # the headline the article's text starts with (its h1), not the page's <title>
    if leads := lead_block(tree, body):
        body = "\n".join(leads) + "\n" + body
    if not published and (byline := byline_block(tree, body)):
        # no date in the page's metadata: the lines under its headline, where the text's own
        # reading finds a page's timestamp ("Published: 15 Apr 2020 - 08:17 pm")
        body = "\n".join(byline) + "\n\n" + body
    return Document(
        path=source,
        text=with_title(title, body) + _left_out(tree, body),
        url=meta.get("url"),
        title=title,
        outlet=meta.get("outlet"),
        published=day_of(published),
        language=meta.get("language"),
    )


# A headline: the text's first line, of 3 to 30 words, ending in no sentence punctuation, with a
# blank line after it ("Turkey, Russia begin joint patrols in Syrian city"): a text copy of a page.
HEADLINE = re.compile(r"[^\n]{8,200}")
HEADLINE_WORDS = re.compile(r"[^\W\d_][\w’'.-]{0,40}")
NOT_A_HEADLINE_END = (".", ",", ";", ":", "|", "-", "—")


def headline_of(text: str, *, alone: bool = True) -> str | None:
    """The headline a text copy of a page starts with, if it does: its first line, a title's length
    and shape, alone in its paragraph (``alone``; a page's extracted text has one line per element).
    A saved page's text starts with its title too, and the page and its text copy are then one
    article (the title is not part of the identity)."""
    head = text.lstrip("\ufeff\n\r\t ")[:400]
    first, sep, rest = head.partition("\n")
    line = first.strip()
    if not sep or (alone and rest.partition("\n")[0].strip()):
        return None  # the whole text, or not followed by a blank line
    if not HEADLINE.fullmatch(line) or line.endswith(NOT_A_HEADLINE_END) or ISO_DAY.search(line):
        return None
    words = HEADLINE_WORDS.findall(line)
    if not 3 <= len(words) <= 30 or sum(1 for w in words if w[0].isupper()) < 2:
        return None
    return line


def read_text_file(path: str, text: str) -> Document:
    return Document(path="<stdin>" if path == "-" else shown_path(path), text=text, title=headline_of(text))


STREAMED = JSONL_SUFFIXES | {".csv"}


def read_path(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, stdin_bytes: bytes | None = None) -> Iterator[Loaded]:
    """Every Document (or LoadFailure) one file gives: one for an article, one per row for an export;
    and a LoadNote first when its text had to be decoded by detection or with replacements."""
    if path != "-" and Path(path).suffix.lower() in STREAMED:
        yield from _read_export(path, max_bytes)
        return
    data = _read_bytes(path, max_bytes, stdin_bytes)
    if isinstance(data, LoadFailure):
        yield data
        return
    name = "<stdin>" if path == "-" else shown_path(path)
    html = Path(path).suffix.lower() in HTML_SUFFIXES or data.lstrip()[:15].lower().startswith((b"<!doctype", b"<html"))
    decoded = decode_bytes(data, declared=_declared(data) if html else None)
    text = decoded.text
    if not text.strip():
        yield LoadFailure(name, "empty file (no text once decoded)")
        return
    note = decoded.note()
    if note:
        yield LoadNote(name, note)
    kind = kind_of(path, text)
    if kind == "html":
        yield read_html(name, text)
    elif kind == "jsonl":
        yield from read_jsonl(name, text, max_bytes)
    elif kind == "json":
        yield from read_json(name, text)
    elif kind == "csv":
        yield from read_csv(name, text, max_bytes)
    elif kind == "feed":
        from .feeds import read_feed

        yield from read_feed(name, text)
    else:
        yield read_text_file(path, text)


def _stream_encoding(head: bytes) -> Decoded:
    """The encoding of a streamed export, decided on its first bytes (a character cut at the end of
    the sample is not an error)."""
    bom = _bom(head)
    if bom is not None:
        return Decoded("", bom)
    utf16 = utf16_without_bom(head)
    if utf16 is not None:
        return Decoded("", utf16, 0, "detected: no byte-order mark")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return Decoded("", "utf-8")
    except UnicodeDecodeError:
        pass
    found = decode_bytes(head)
    return Decoded("", found.encoding, 0, found.how)


def _read_export(path: str, max_bytes: int) -> Iterator[Loaded]:
    """A JSON Lines or CSV export, streamed: its encoding decided on the first 64 kB, then one record
    at a time, each at most ``max_bytes`` (the file as a whole has no limit)."""
    name = shown_path(path)
    st = _regular(path)
    if isinstance(st, LoadFailure):
        yield st
        return
    try:
        with open(path, "rb") as raw:
            head = raw.read(SAMPLE_BYTES)
            if not head.strip():
                yield LoadFailure(name, "empty file")
                return
            if looks_binary(head):
                yield LoadFailure(name, "binary file, not an article")
                return
            chosen = _stream_encoding(head)
            raw.seek(0)
            before = _replaced[0]
            fh = io.TextIOWrapper(raw, encoding=chosen.encoding, errors="patroltl.count", newline="")
            if Path(path).suffix.lower() == ".csv":
                yield from read_csv(name, fh, max_bytes)
            else:
                yield from read_jsonl(name, fh, max_bytes)
            note = replace(chosen, replaced=_replaced[0] - before).note()
            if note:
                yield LoadNote(name, note)
    except OSError as exc:
        yield LoadFailure(name, f"cannot read: {exc.strerror or exc}")


def _with_metadata(items: Iterable[Loaded], path: str, manifest: Manifest | None) -> Iterator[Loaded]:
    side: Meta | LoadFailure | None = None
    if path != "-" and Path(path).suffix.lower() not in STREAMED | {".json"}:
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
