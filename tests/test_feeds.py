"""News feeds saved as files (RSS 2.0, Atom): one article per item, with its own date, address and
headline; the XML is untrusted. The feeds are written for these tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from patroltl.feeds import looks_like_feed
from patroltl.load import LoadFailure, read_path
from patroltl.models import Document
from patroltl.pipeline import process

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example Wire</title><link>https://wire.example.org/</link>
<item>
  <title>Joint patrol held near Kobani</title>
  <link>https://wire.example.org/2019/11/05/joint-patrol-kobani</link>
  <pubDate>Tue, 05 Nov 2019 11:40:00 GMT</pubDate>
  <description>&lt;p&gt;Turkish and Russian troops held a joint patrol near Kobani on Tuesday, the ministry
  said.&lt;/p&gt;&lt;p&gt;The convoy of nine vehicles returned
  &lt;b&gt;without incident&lt;/b&gt;.&lt;/p&gt;</description>
</item>
<item>
  <title>Talks continue</title>
  <dc:date>2019-11-06T08:00:00Z</dc:date>
  <description>Officials met again on Wednesday.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example News</title>
  <updated>2019-11-01T18:00:00+03:00</updated>
  <entry>
    <title>First joint patrol east of the Euphrates</title>
    <link rel="alternate" href="https://news.example.com/first-patrol"/>
    <published>2019-11-01T17:02:00+03:00</published>
    <summary type="html">&lt;p&gt;Turkish and Russian troops held their first joint ground patrol near
    Ad Darbasiyah on Friday.&lt;/p&gt;</summary>
  </entry>
</feed>
"""


def _docs(path: Path) -> list[Document | LoadFailure]:
    return [d for d in read_path(str(path)) if isinstance(d, Document | LoadFailure)]


def test_each_item_of_an_rss_feed_is_an_article_with_its_date_and_address(tmp_path: Path) -> None:
    f = tmp_path / "wire.xml"
    f.write_text(RSS, encoding="utf-8")
    first, second = _docs(f)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.path == f"{f}#1" and second.path == f"{f}#2"
    assert first.url == "https://wire.example.org/2019/11/05/joint-patrol-kobani"
    assert first.published == "Tue, 05 Nov 2019 11:40:00 GMT" and second.published == "2019-11-06T08:00:00Z"
    # the escaped HTML is text, one paragraph per block, no markup
    assert first.text.startswith("Joint patrol held near Kobani\n\nTurkish and Russian troops")
    assert "\n\nThe convoy of nine vehicles returned without incident." in first.text and "<" not in first.text
    art = process(first)
    assert (art.published.start, art.published.end) == (date(2019, 11, 5), date(2019, 11, 5))
    assert any(m.type == "patrol" and m.date.start == date(2019, 11, 5) for m in art.mentions)


def test_an_atom_entry_saved_as_text_is_one_article(tmp_path: Path) -> None:
    f = tmp_path / "entry.txt"
    f.write_text(ATOM, encoding="utf-8")
    (doc,) = _docs(f)
    assert isinstance(doc, Document) and doc.path == str(f)
    assert doc.published == "2019-11-01T17:02:00+03:00" and doc.url == "https://news.example.com/first-patrol"
    art = process(doc)
    patrols = [m for m in art.mentions if m.type == "patrol"]
    assert patrols and all(m.date.start == date(2019, 11, 1) for m in patrols)


def test_a_text_that_only_mentions_a_feed_is_no_feed() -> None:
    assert looks_like_feed(RSS) and looks_like_feed(ATOM)
    assert not looks_like_feed("The ministry's <rss> feed said the patrol was held on Friday.")
    assert not looks_like_feed("<!DOCTYPE html><html><head><title>feed</title></head></html>")


def test_a_feed_is_read_without_entities_or_network(tmp_path: Path) -> None:
    """An external entity is not fetched, an entity is not expanded (a billion laughs stays small)."""
    evil = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        "<rss><channel><item><title>Patrol &x; &b;</title><description>Troops patrolled near Kobani.</description>"
        "</item></channel></rss>"
    )
    f = tmp_path / "evil.rss"
    f.write_text(evil, encoding="utf-8")
    (doc,) = _docs(f)
    assert isinstance(doc, Document)
    assert "root:" not in doc.text and "aaaaaaaaaa" not in doc.text


def test_a_broken_feed_is_one_line_naming_the_file(tmp_path: Path) -> None:
    f = tmp_path / "empty.rss"
    f.write_text('<?xml version="1.0"?>\n<rss><channel><title>Nothing here</title></channel></rss>', encoding="utf-8")
    (failure,) = _docs(f)
    assert isinstance(failure, LoadFailure) and failure.path == str(f) and "no item" in failure.message


def test_the_json_of_a_feeds_item_names_the_file_and_the_item(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from patroltl.cli import app

    f = tmp_path / "wire.xml"
    f.write_text(RSS, encoding="utf-8")
    db = tmp_path / "p.db"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", "--db", str(db), "-q", str(f)]).exit_code == 0
    out = runner.invoke(app, ["timeline", "--db", str(db), "--format", "json"])
    assert out.exit_code == 0
    (patrol,) = [e for e in json.loads(out.stdout)["events"] if e["type"] == "patrol"]
    assert {(m["article"], m["item"]) for m in patrol["mentions"]} == {(str(f), 1)}


def test_an_articles_name_in_a_file_of_many_splits_into_the_file_and_its_number() -> None:
    from patroltl.models import item_name, split_item

    assert split_item(item_name("feeds/wire.xml", 12)) == ("feeds/wire.xml", 12)
    assert split_item("notes/issue#7 draft.txt") == ("notes/issue#7 draft.txt", None)
    assert split_item("a.txt") == ("a.txt", None)
    assert split_item("a.txt#0") == ("a.txt#0", None)  # items count from 1
