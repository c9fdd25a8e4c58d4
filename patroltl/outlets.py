"""Who published an article: from metadata, the URL, datelines and self-references, or the file name.

The outlet table (names, aliases, domains, side) is data: data/outlets.toml.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import PurePath
from typing import Any
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


@cache
def _aliases(table: OutletTable) -> frozenset[str]:
    return frozenset(a for o in table.outlets for a in o.aliases)


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


@cache
def _domain_keys(table: OutletTable) -> tuple[tuple[str, OutletInfo], ...]:
    """Each outlet's domain names without their suffix ("hurriyetdailynews"), the longest first
    (the first outlet of a name wins a tie)."""
    keys = [(_slug(d.split(".")[0]), i, o) for i, o in enumerate(table.outlets) for d in o.domains]
    keys = [k for k in keys if len(k[0]) >= 4]
    keys.sort(key=lambda k: (-len(k[0]), k[1]))
    return tuple((key, o) for key, _, o in keys)


LONG_KEY = 8  # letters: a domain name this long is no common word


def from_filename(path: str, table: OutletTable) -> OutletInfo | None:
    """The outlet a file's name names: a domain's name in it ("025_hurriyetdailynews.txt"), or a short
    name or alias as its first word ("meo-tal-rifaat-patrols.txt", "aa_2019-11-01.txt")."""
    name = PurePath(path.split("#", 1)[0]).stem
    stem = _slug(name)
    words = {_slug(w) for w in re.split(r"[^0-9A-Za-z]+", name)}
    for key, o in _domain_keys(table):  # the longest first
        # A short domain name is often a word ("news" of news.cn is in "arabnews"): a word of the
        # file name, not a part of one; a long one may run into the words beside it.
        if key in words or (len(key) >= LONG_KEY and key in stem):
            return o
    first = re.split(r"[^0-9A-Za-z]+", name.strip("-_ ."), maxsplit=1)[0]
    return table.by_name(first) if len(first) >= 2 and not first.isdigit() else None


UNKNOWN_OUTLET = "unknown outlet"  # every article whose outlet nothing tells: one outlet, not one per file
DOMAIN = re.compile(r"^(?:https?://)?(?:[\w-]{1,63}\.){1,8}[a-z]{2,24}(?:/.{0,500})?$", re.IGNORECASE)


def host_of(value: str) -> str:
    """The host name of a URL or a bare domain ("tass.com", "https://www.tass.com/x")."""
    value = value.strip()
    if "://" not in value:
        value = "http://" + value
    return (urlparse(value).hostname or "").lower().removeprefix("www.")


@cache
def _extractor() -> Any:
    import tldextract  # lazy: only for a domain patroltl does not know

    # The Public Suffix List snapshot bundled with the package: never fetched, never cached to disk.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registered_domain(host: str) -> str:
    """The domain a host is registered under ("news.bbc.co.uk" -> "bbc.co.uk", "www.aa.com.tr" ->
    "aa.com.tr"), from the Public Suffix List; the host itself when the list does not know it."""
    host = host.lower().strip(".")
    parts = _extractor()(host)
    # tldextract 5.3 renamed registered_domain (deprecated since) to top_domain_under_public_suffix
    newer = hasattr(parts, "top_domain_under_public_suffix")
    domain = parts.top_domain_under_public_suffix if newer else parts.registered_domain
    return str(domain or host)


def known_name(name: str, table: OutletTable) -> OutletInfo | None:
    """The outlet a name names: a name or alias in any case and with or without its diacritics
    ("Anadolu Ajansi"), a domain ("aa.com.tr"), a name with its short form in brackets ("Anadolu
    Agency (AA)"), or a name and an edition ("ANF English", "Sputnik International")."""
    name = name.strip()
    known = table.by_name(name)
    if known is None and DOMAIN.match(name):
        known = table.by_domain(host_of(name))
    if known is not None:
        return known
    bracket = re.fullmatch(r"([^()]{2,80}?)\s*\(([^()]{2,40})\)", name)
    if bracket:
        return table.by_name(bracket.group(1)) or table.by_name(bracket.group(2))
    words = name.split()
    for n in range(len(words) - 1, 0, -1):  # the longest run of first words that is a name
        head = " ".join(words[:n])
        if len(head) >= 3:
            known = table.by_name(head)
            if known is not None:
                return known
    return None


def from_metadata(name: str, table: OutletTable) -> Outlet:
    """The outlet a document's metadata names (see ``known_name``); an unknown name as it is."""
    known = known_name(name, table)
    if known is None:
        return Outlet(name.strip(), "unknown", "metadata")
    return Outlet(known.name, known.side, "metadata")


def from_text(raw_text: str, table: OutletTable) -> tuple[OutletInfo, str] | None:
    """The outlet a dateline or self-reference names near the top (or the foot) of the text."""
    head = raw_text[:HEAD_CHARS]
    tail = raw_text[-HEAD_CHARS:]
    hits: list[tuple[int, int, OutletInfo, str]] = []
    # a plain substring test first: a pattern cannot match without its alias
    present = [{a for a in _aliases(table) if a in part} for part in (head, tail)]
    for o, pat in _patterns(table):
        for where, part in enumerate((head, tail)):
            if present[where].isdisjoint(o.aliases):
                continue
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
    """Who published ``doc``: an outlet the metadata names, then the URL's domain (a page's own
    address or canonical link, a sidecar's or an export's url), then datelines and self-references,
    then the file name; then an outlet patroltl does not know, by the name the metadata gives or else
    by the URL's registered domain ("example.co.uk"); failing all, the one "unknown outlet" (never one
    outlet per file, which would count every unattributed file as a source of its own)."""
    table = (kn or Knowledge.bundled()).outlets
    named = doc.outlet.strip() if doc.outlet else ""
    if named:
        outlet = from_metadata(named, table)
        if outlet.side != "unknown" or not doc.url:
            return outlet
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
    if named:
        return Outlet(named, "unknown", "metadata")
    if host:
        return Outlet(registered_domain(host), "unknown", "url")
    return Outlet(UNKNOWN_OUTLET, "unknown", "unknown")
