"""Outlets: metadata, URL, datelines, self-references, file name, and the unknown outlet."""

from __future__ import annotations

import pytest

from patroltl.knowledge import Knowledge
from patroltl.models import Document
from patroltl.outlets import identify


@pytest.mark.parametrize(
    ("text", "name", "how"),
    [
        ("MOSCOW, November 1. /TASS/. Troops patrolled.", "TASS", "dateline"),
        ("DAMASCUS, Nov 1 (AFP) - Troops patrolled.", "AFP", "dateline"),
        ("ERBIL (Kurdistan 24) – Troops patrolled.", "Kurdistan 24", "dateline"),
        ("ABUJA (NNN-ANADOLU) Troops patrolled.", "Anadolu Agency", "dateline"),
        ("ANKARA-Anadolu Agency\nTroops patrolled.", "Anadolu Agency", "dateline"),
        ("BEIJING, Nov. 1 (Xinhua) -- Troops patrolled.", "Xinhua", "dateline"),
        ("TEHRAN (Tasnim) - Troops patrolled.", "Tasnim", "dateline"),
        ("Troops patrolled.\n\nSupport SouthFront\n", "SouthFront", "self-reference"),
    ],
)
def test_datelines_and_self_references(text: str, name: str, how: str) -> None:
    outlet = identify(Document("x.txt", text), text)
    assert (outlet.name, outlet.how) == (name, how)


def test_metadata_url_filename_unknown() -> None:
    t = "Troops patrolled."
    assert identify(Document("x", t, outlet="tass.com"), t).name == "TASS"
    assert identify(Document("x", t, outlet="Foo Times"), t).name == "Foo Times"
    dw = identify(Document("x", t, url="https://www.dw.com/en/story"), t)
    assert (dw.name, dw.side, dw.how) == ("Deutsche Welle", "international", "url")
    # an outlet patroltl does not know: by its registered domain (Public Suffix List, no network)
    assert identify(Document("x", t, url="https://blog.example.org/x"), t).name == "example.org"
    assert identify(Document("x", t, url="https://news.example.co.uk/x"), t).name == "example.co.uk"
    assert identify(Document("corpus/025_hurriyetdailynews.txt", t), t).name == "Hürriyet Daily News"
    assert identify(Document("corpus/meo-tal-rifaat-patrols.txt", t), t).name == "Middle East Online"
    # a short domain name is a word of the file name, not a part of one ("news" of news.cn)
    assert identify(Document("corpus/221_arabnews.txt", t), t).name == "unknown outlet"
    assert identify(Document("corpus/ipa-news-reuters.txt", t), t).name == "Reuters"
    assert identify(Document("corpus/xinhua_news.txt", t), t).name == "Xinhua"
    # nothing tells: one unknown outlet for all such articles, never one per file
    unknown = identify(Document("in/export.jsonl#3", t), t)
    other = identify(Document("in/other-story.txt", t), t)
    assert (unknown.name, unknown.side) == (other.name, other.side) == ("unknown outlet", "unknown")
    # a metadata name patroltl does not know gives way to a URL it knows
    assert identify(Document("x", t, outlet="Foo", url="https://www.aa.com.tr/en/x"), t).name == "Anadolu Agency"


@pytest.mark.parametrize(
    ("given", "name"),
    [
        ("ANF", "ANF News"),
        ("AA", "Anadolu Agency"),
        ("CNN", "CNN"),
        ("RIA", "RIA Novosti"),
        ("MEO", "Middle East Online"),
        ("aa.com.tr", "Anadolu Agency"),
        ("https://www.aa.com.tr/en/x", "Anadolu Agency"),
        ("Anadolu Ajansı", "Anadolu Agency"),
        ("ANADOLU AJANSI", "Anadolu Agency"),
        ("Anadolu Agency (AA)", "Anadolu Agency"),
        ("ANF English", "ANF News"),
        ("Sputnik International", "Sputnik"),
        ("edition.cnn.com", "CNN"),
        ("hurriyet", "Hürriyet Daily News"),
    ],
)
def test_short_names_spellings_and_domains_resolve(given: str, name: str) -> None:
    t = "Troops patrolled."
    outlet = identify(Document("x.txt", t, outlet=given), t)
    assert (outlet.name, outlet.how) == (name, "metadata")


@pytest.mark.parametrize(
    ("name", "side"),
    [
        ("Press TV", "iranian_state"),
        ("Sputnik", "russian_state"),
        ("Zvezda", "russian_state"),
        ("Kommersant", "russian_private"),
        ("Rudaw", "kurdish"),
        ("SANA", "syrian_state"),
        ("Enab Baladi", "syrian_opposition"),
        ("Yeni Şafak", "turkish_private"),
        ("TRT World", "turkish_state"),
        ("Voice of America", "international"),
    ],
)
def test_table_sides(name: str, side: str) -> None:
    table = Knowledge.bundled().outlets
    found = table.by_name(name)
    assert found is not None and found.side == side
    assert side in dict(table.sides)


def test_every_outlet_has_a_known_side_and_unique_name() -> None:
    table = Knowledge.bundled().outlets
    sides = dict(table.sides)
    assert all(o.side in sides for o in table.outlets)
    names = [o.name for o in table.outlets]
    assert len(names) == len(set(names))
