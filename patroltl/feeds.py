"""News feeds (RSS 2.0, RSS 1.0/RDF, Atom) saved as files: one article per item or entry.

Analysts keep the feeds of outlets they follow; an item carries what a saved page often lacks (its
publication time, its address, its headline) and, in its summary or content, the article's text as
escaped HTML. Each item becomes a Document of its own ("feed.xml#2"), as the rows of an export do.

The XML is untrusted: it is parsed without entities, DTDs or network access (``lxml``), and its
HTML fragments are reduced to text by ``lxml.html`` as web pages are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .load import LoadFailure
from .models import Document, item_name

# A feed's root element, near the top of its file (after the XML declaration and comments).
_ROOT = re.compile(r"<(?:[\w-]{1,20}:)?(rss|feed|RDF)\b", re.IGNORECASE)
# Where an item's fields are, by the local name of their element (namespaces vary by dialect).
_ITEMS = ("item", "entry")
_TITLE = ("title",)
_DATES = ("published", "pubDate", "date", "issued", "created", "updated", "modified")
_BODIES = ("content", "encoded", "description", "summary")
_BLOCK_END = re.compile(r"(?i)</(?:p|div|li|h[1-6]|blockquote)\s*>|<br\s*/?>")


def looks_like_feed(text: str) -> bool:
    """Whether a file's text is a feed: an XML declaration or root of one in its first 1,000
    characters ("<rss", "<feed", "<rdf:RDF")."""
    head = text.lstrip("\ufeff \t\r\n")[:1000]
    return head.startswith("<") and _ROOT.search(head) is not None and "<html" not in head[:200].lower()


def _local(el: Any) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(item: Any, names: tuple[str, ...]) -> Any | None:
    """The item's first child of each name in turn (the order says which field is preferred)."""
    kids = [k for k in item if isinstance(k.tag, str)]
    for name in names:
        for k in kids:
            if _local(k) == name:
                return k
    return None


def _text_of(el: Any | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _link(item: Any) -> str | None:
    """An Atom entry's alternate link (its href) or an RSS item's <link> text."""
    for k in item:
        if isinstance(k.tag, str) and _local(k) == "link":
            href = k.get("href")
            if href and (k.get("rel") or "alternate") == "alternate":
                return str(href).strip()
            if not href and (k.text or "").strip():
                return str(k.text).strip()
    return None


def _body(item: Any) -> str:
    """The item's text: its content or summary, escaped HTML (or XHTML markup) made plain text,
    one paragraph per block."""
    import lxml.html  # type: ignore[import-untyped]  # lazy, as for web pages
    from lxml import etree

    el = _child(item, _BODIES)
    if el is None:
        return ""
    inner = "".join(etree.tostring(k, encoding="unicode") for k in el) if len(el) else (el.text or "")
    if "<" not in inner:
        return inner.strip()
    try:
        frag = lxml.html.fragment_fromstring(_BLOCK_END.sub("\n\n", inner), create_parent="div")
    except Exception:  # markup lxml cannot read at all: its text as it is
        return re.sub(r"<[^>]{0,500}>", " ", inner).strip()
    paragraphs = (" ".join(p.split()) for p in frag.text_content().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def read_feed(source: str, text: str) -> Iterator[Document | LoadFailure]:
    """Each item of a feed as a Document; a LoadFailure for a feed that is no XML or has no item."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(text.lstrip("\ufeff \t\r\n").encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        yield LoadFailure(source, "broken feed: the XML could not be read")
        return
    items = [el for el in root.iter() if isinstance(el.tag, str) and _local(el) in _ITEMS]
    if not items:
        yield LoadFailure(source, "feed has no item or entry")
        return
    for n, item in enumerate(items, 1):
        # a feed of one item (an entry saved on its own) is that article; of several, item by item
        name = source if len(items) == 1 else item_name(source, n)
        title = _text_of(_child(item, _TITLE)) or None
        body = _body(item)
        if not body and not title:
            yield LoadFailure(name, "feed item has no title and no text")
            continue
        yield Document(
            path=name,
            text=f"{title}\n\n{body}" if title and body else (title or body),
            url=_link(item),
            title=title,
            published=_text_of(_child(item, _DATES)) or None,
        )
