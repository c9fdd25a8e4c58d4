"""Who published an article: from metadata, the URL, datelines and self-references, or the file name.

The outlet table (names, aliases, domains, side) is data: data/outlets.toml.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import PurePath
from urllib.parse import urlparse

from .knowledge import Knowledge, OutletInfo, OutletTable
from .models import Document, Outlet

HEAD_CHARS = 1500  # datelines and credits sit at the top of an article


def _dateline_patterns(o: OutletInfo) -> re.Pattern[str]:
    names = "|".join(re.escape(a) for a in sorted(o.aliases, key=len, reverse=True) if len(a) >= 2)
    # "/TASS/", "(AFP)", "(Kurdistan 24) –", "(UrduPoint News / Sputnik", "Support SouthFront",
    # "ANKARA-Anadolu Agency", "(NNN-ANADOLU)", "AA |"
    return re.compile(
        rf"(?:/(?:{names})/|\((?:NNN-)?(?:{names})\b|\bSupport (?:{names})\b|^[A-Z ]{{3,30}}-\s?(?:{names})\b"
        rf"|^(?:{names}) \|)",
        re.MULTILINE,
    )


@cache
def _patterns(table: OutletTable) -> tuple[tuple[OutletInfo, re.Pattern[str]], ...]:
    return tuple((o, _dateline_patterns(o)) for o in table.outlets if o.aliases)


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def from_filename(path: str, table: OutletTable) -> OutletInfo | None:
    stem = _slug(PurePath(path.split("#", 1)[0]).stem)
    best: OutletInfo | None = None
    best_len = 0
    for o in table.outlets:
        for d in o.domains:
            key = _slug(d.split(".")[0])
            if len(key) >= 4 and key in stem and len(key) > best_len:
                best, best_len = o, len(key)
    return best


UNKNOWN_MARK = " (unknown outlet)"
DOMAIN = re.compile(r"^(?:https?://)?(?:[\w-]{1,63}\.){1,8}[a-z]{2,24}(?:/.{0,500})?$", re.IGNORECASE)


def host_of(value: str) -> str:
    """The host name of a URL or a bare domain ("tass.com", "https://www.tass.com/x")."""
    value = value.strip()
    if "://" not in value:
        value = "http://" + value
    return (urlparse(value).hostname or "").lower().removeprefix("www.")


def from_metadata(name: str, table: OutletTable) -> Outlet:
    """The outlet a document's metadata names: by name or alias, or by domain ("tass.com")."""
    known = table.by_name(name)
    if known is None and DOMAIN.match(name.strip()):
        known = table.by_domain(host_of(name))
    if known is None:
        return Outlet(name.strip(), "unknown", "metadata")
    return Outlet(known.name, known.side, "metadata")


def from_text(raw_text: str, table: OutletTable) -> tuple[OutletInfo, str] | None:
    """The outlet a dateline or self-reference names near the top (or the foot) of the text."""
    head = raw_text[:HEAD_CHARS]
    tail = raw_text[-HEAD_CHARS:]
    hits: list[tuple[int, int, OutletInfo, str]] = []
    for o, pat in _patterns(table):
        for where, part in enumerate((head, tail)):
            if not any(a in part for a in o.aliases):
                continue  # a plain substring test first: the pattern cannot match without an alias
            m = pat.search(part)
            if m:
                how = "self-reference" if m.group(0).lower().startswith("support") else "dateline"
                hits.append((where, m.start(), o, how))
                break
    if not hits:
        return None
    hits.sort(key=lambda h: (h[0], h[1]))
    return hits[0][2], hits[0][3]


def identify(doc: Document, raw_text: str, kn: Knowledge | None = None) -> Outlet:
    """Who published ``doc``: metadata, then the URL's domain, then datelines and self-references,
    then the file name; failing all, the file's name marked "(unknown outlet)"."""
    table = (kn or Knowledge.bundled()).outlets
    if doc.outlet and doc.outlet.strip():
        return from_metadata(doc.outlet, table)
    host = host_of(doc.url) if doc.url else ""
    if host:
        known = table.by_domain(host)
        if known:
            return Outlet(known.name, known.side, "url")
    found = from_text(raw_text, table)
    if found:
        return Outlet(found[0].name, found[0].side, found[1])
    known = from_filename(doc.path, table)
    if known:
        return Outlet(known.name, known.side, "filename")
    if host:
        return Outlet(host, "unknown", "url")
    return Outlet(f"{PurePath(doc.path).name}{UNKNOWN_MARK}", "unknown", "unknown")
