"""Load stage: turn the paths a user gives into Documents (text plus metadata).

Files, folders (recursive), globs and ``-`` for standard input. A path that cannot be read yields
a LoadFailure naming it, and the batch goes on.
"""

from __future__ import annotations

import glob
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .models import Document

ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".csv"})
# Bundled domain data sits beside the sample articles in data/: never read it as an article.
SKIP_NAMES = frozenset({"README.md"})
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class LoadFailure:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


Loaded = Document | LoadFailure


def expand(paths: Sequence[str]) -> Iterator[str | LoadFailure]:
    """Each given path as files to read, in a stable order; '-' stays '-'."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES and f.name not in SKIP_NAMES
                and not f.name.endswith(".meta.json")
            )
            yield from (str(f) for f in found)
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


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in head


def read_one(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, stdin_bytes: bytes | None = None) -> Loaded:
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
    text = decode(data)
    return Document(path="<stdin>" if path == "-" else path, text=text)


def load(
    paths: Sequence[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin_bytes: bytes | None = None,
    manifest: Path | None = None,
) -> Iterator[Loaded]:
    for item in expand(paths):
        if isinstance(item, LoadFailure):
            yield item
        else:
            yield read_one(item, max_bytes=max_bytes, stdin_bytes=stdin_bytes)
