"""Load stage: every input format and every bad input, plus the format-independence of events."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest

from patroltl.dates import format_interval, ground_text
from patroltl.load import (
    DEFAULT_MAX_BYTES,
    LEFT_OUT_MARK,
    LoadFailure,
    LoadNote,
    day_of,
    decode,
    expand,
    kind_of,
    load,
    pick_fields,
    read_path,
)
from patroltl.models import Document

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
INPUTS = Path(__file__).parent / "fixtures" / "inputs"
ARTICLE = (
    "MOSCOW, November 5. /TASS/. Russian and Turkish troops held a second joint patrol east of the "
    "Euphrates on Tuesday, the ministry said in a statement written for this test.\n\n"
    "The convoy of nine vehicles covered 110 kilometres.\n"
)


@pytest.fixture(autouse=True)
def _no_real_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATROLTL_DB", str(tmp_path / "test.db"))
    monkeypatch.setenv("TERMINAL_WIDTH", "200")
    monkeypatch.setenv("_TYPER_FORCE_DISABLE_TERMINAL", "1")


def docs(items: list[Document | LoadFailure]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def failures(items: list[Document | LoadFailure]) -> list[LoadFailure]:
    return [i for i in items if isinstance(i, LoadFailure)]


def page(body: str, head: str = "", lang: str = "en") -> str:
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>{head}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>{body}</article>"
        "<footer><p>Copyright 2019 Test Outlet</p></footer></body></html>"
    )


def paragraphs(text: str) -> str:
    return "\n".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())


# --- text files and encodings --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ARTICLE.encode("utf-8"), ARTICLE),
        (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), ARTICLE),
        (ARTICLE.encode("utf-16"), ARTICLE),
        (
            "Türkiye ve Rusya ortak devriye düzenledi. Çok güzel bir gün.".encode("latin-1"),
            "Türkiye ve Rusya ortak devriye düzenledi. Çok güzel bir gün.",
        ),
        (
            "The “first” joint patrol — near the café, the ministry said.".encode("cp1252"),
            "The “first” joint patrol — near the café, the ministry said.",
        ),
        (
            "Совместное российско-турецкое патрулирование прошло в Сирии.".encode("cp1251"),
            "Совместное российско-турецкое патрулирование прошло в Сирии.",
        ),
        (
            "سيرت القوات الروسية والتركية دورية مشتركة في ريف الحسكة".encode("cp1256"),
            "سيرت القوات الروسية والتركية دورية مشتركة في ريف الحسكة",
        ),
        ("Nga và Thổ Nhĩ Kỳ tuần tra chung ở Syria.".encode(), "Nga và Thổ Nhĩ Kỳ tuần tra chung ở Syria."),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "latin1", "cp1252", "cp1251", "cp1256", "vietnamese-utf8"],
)
def test_encodings(tmp_path: Path, data: bytes, expected: str) -> None:
    assert decode(data) == expected
    f = tmp_path / "a.txt"
    f.write_bytes(data)
    items = list(load([str(f)]))
    (doc,) = docs(items)
    assert doc.text == expected
    notes = [i for i in items if isinstance(i, LoadNote)]
    guessed = not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) and not data.isascii()
    guessed = guessed and not _is_utf8(data)
    assert len(notes) == guessed, notes  # issue 16: a decoding by detection is said, not silent
    if guessed:
        assert "read as" in notes[0].message and "detected" in notes[0].message


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_sidecar_gives_metadata_to_a_text_file() -> None:
    (doc,) = list(load([str(INPUTS / "synthetic-patrol.txt")]))
    assert isinstance(doc, Document)
    assert doc.url == "https://tass.com/politics/000001"
    assert doc.published == "2019-11-05"
    assert doc.title == "Synthetic patrol"


def test_folder_skips_sidecars(tmp_path: Path) -> None:
    shutil.copy(INPUTS / "synthetic-patrol.txt", tmp_path)
    shutil.copy(INPUTS / "synthetic-patrol.meta.json", tmp_path)
    assert [d.path for d in docs(list(load([str(tmp_path)])))] == [str(tmp_path / "synthetic-patrol.txt")]


def test_broken_sidecar_is_reported_and_the_article_still_loads(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{nope", encoding="utf-8")
    items = list(load([str(tmp_path / "a.txt")]))
    assert len(docs(items)) == 1
    assert "a.meta.json" in failures(items)[0].path


def test_manifest_by_path_and_by_file_name(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(ARTICLE + "More.\n", encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "Path,URL,Outlet,Published\n"
        "one.txt,https://tass.com/1,TASS,2019-11-05\n"
        "elsewhere/two.txt,https://aa.com.tr/2,Anadolu Agency,2019-11-06\n",
        encoding="utf-8",
    )
    one, two = docs(list(load([str(tmp_path / "one.txt"), str(tmp_path / "two.txt")], manifest=manifest)))
    assert (one.outlet, one.published, one.url) == ("TASS", "2019-11-05", "https://tass.com/1")
    assert (two.outlet, two.published) == ("Anadolu Agency", "2019-11-06")


def test_own_metadata_wins_over_manifest(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        page(paragraphs(ARTICLE), "<meta property='og:site_name' content='TASS'>"), encoding="utf-8"
    )
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,outlet,published\na.html,Somebody Else,2001-01-01\n", encoding="utf-8")
    (doc,) = docs(list(load([str(tmp_path / "a.html")], manifest=manifest)))
    assert doc.outlet == "TASS"
    assert doc.published == "2001-01-01"  # the page has no date of its own


def test_unreadable_manifest_is_one_failure(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    items = list(load([str(tmp_path / "a.txt")], manifest=tmp_path / "missing.csv"))
    assert len(docs(items)) == 1
    assert "missing.csv" in failures(items)[0].path


def test_stdin_is_sniffed() -> None:
    (doc,) = list(load(["-"], stdin_bytes=ARTICLE.encode()))
    assert isinstance(doc, Document)
    assert doc.path == "<stdin>"
    jl = (json.dumps({"text": ARTICLE, "url": "https://tass.com/x"}) + "\n").encode()
    (row,) = list(load(["-"], stdin_bytes=jl))
    assert isinstance(row, Document)
    assert row.url == "https://tass.com/x"


def test_kind_of() -> None:
    assert kind_of("a.HTM", "") == "html"
    assert kind_of("-", "  <!DOCTYPE html><html>") == "html"
    assert kind_of("-", "[{}]") == "json"
    assert kind_of("a.ndjson", "") == "jsonl"
    assert kind_of("notes", "plain words") == "text"


# --- HTML ---------------------------------------------------------------------------------------


def test_html_meta_tags_win_and_no_date_from_the_body(tmp_path: Path) -> None:
    head = (
        "<title>Second joint patrol | Test</title>"
        "<meta property='og:title' content='Second joint patrol'>"
        "<meta property='og:site_name' content='TASS'>"
        "<meta property='article:published_time' content='2019-11-05T14:02:00+03:00'>"
        "<link rel='canonical' href='https://tass.com/politics/1'>"
    )
    f = tmp_path / "page.html"
    f.write_text(
        page(paragraphs(ARTICLE + "On October 22, 2019 the presidents met in Sochi.\n"), head), encoding="utf-8"
    )
    (doc,) = list(load([str(f)]))
    assert isinstance(doc, Document)
    assert doc.published == "2019-11-05"
    assert doc.outlet == "TASS"
    assert doc.title == "Second joint patrol"
    assert doc.url == "https://tass.com/politics/1"
    assert doc.language == "en"
    assert doc.text.startswith("Second joint patrol\n\nMOSCOW, November 5. /TASS/.")
    # the page's other lines come after the article's, for the cleaner to cut and `show` to list
    article, mark, left_out = doc.text.partition(LEFT_OUT_MARK)
    assert mark and "Copyright" not in article and "Home" not in article
    assert "Copyright" in left_out


def test_html_a_guessed_date_the_address_contradicts_is_no_publication_date(tmp_path: Path) -> None:
    # no date in the page's meta tags; the only day in the page is a related story's, of another
    # month than the one the page's address gives it
    head = "<link rel='canonical' href='https://news.example.org/news/2020/08/6154/car-bomb-on-the-m4.html'>"
    related = (
        "<aside class='related'><h4>Related</h4><ul><li><a href='/news/2020/07/6110/blast.html'>Blast near "
        "Ariha</a> <span class='date'>July 14, 2020</span></li></ul></aside>"
    )
    body = "<h1>Car bomb on the M4</h1>" + paragraphs(ARTICLE.replace("November 5", "on Tuesday") * 2) + related
    f = tmp_path / "page.html"
    f.write_text(page(body, head), encoding="utf-8")
    (doc,) = list(load([str(f)]))
    assert isinstance(doc, Document)
    assert doc.published is None
    assert doc.url == "https://news.example.org/news/2020/08/6154/car-bomb-on-the-m4.html"
    # a guess within the address's month stands
    f.write_text(page(body.replace("July 14", "August 14"), head), encoding="utf-8")
    (doc,) = list(load([str(f)]))
    assert isinstance(doc, Document) and doc.published == "2020-08-14"


def test_html_lead_in_an_element_of_its_own_is_part_of_the_text(tmp_path: Path) -> None:
    # a lead (standfirst) the page keeps apart from its body, as agencies and ministries do
    lead = (
        "The two presidents met in Sochi, and after six hours of talks they signed a memorandum on the "
        "north-east of the country."
    )
    body = (
        f"<h1>Talks in Sochi</h1><div class='read__lead'><p>{lead}</p></div>"
        "<div class='entry-content'>" + paragraphs(ARTICLE * 3) + "</div>"
    )
    f = tmp_path / "page.html"
    f.write_text(page(body), encoding="utf-8")
    (doc,) = list(load([str(f)]))
    assert isinstance(doc, Document)
    article = doc.text.partition(LEFT_OUT_MARK)[0]
    assert lead in article and article.index(lead) < article.index("MOSCOW, November 5.")


def test_html_date_is_never_guessed_from_body_text(tmp_path: Path) -> None:
    f = tmp_path / "page.htm"
    body = paragraphs("On 1 November 2019 the first joint patrol took place near Derbisia.\n" * 4)
    f.write_text(page(body), encoding="utf-8")
    (doc,) = list(load([str(f)]))
    assert isinstance(doc, Document)
    assert doc.published is None


def test_the_lines_under_a_pages_headline_are_kept_for_its_date(tmp_path: Path) -> None:
    # no date in the metadata, and trafilatura leaves the byline block out: the lines a reader sees
    # under the headline stay in the text, where the page's timestamp is read
    body = paragraphs(
        "Turkish and Russian troops held a joint patrol near Derbisia on Wednesday, the ministry said.\n" * 4
    )
    byline = "<div class='meta'><span>Example Wire</span> <span>Posted Nov. 6, 2019</span></div>"
    f = tmp_path / "page.html"
    f.write_text(page(f"<h1>Joint patrol near Derbisia</h1>{byline}{body}"), encoding="utf-8")
    (doc,) = list(load([str(f)]))
    assert isinstance(doc, Document) and doc.published is None
    assert doc.title == "Joint patrol near Derbisia"
    assert "Posted Nov. 6, 2019" in doc.text.partition(LEFT_OUT_MARK)[0]
    assert format_interval(ground_text(doc.text).published) == "2019-11-06"


def test_the_date_under_a_standfirst_the_text_keeps_is_read(tmp_path: Path) -> None:
    # headline, standfirst (an h2 the extraction keeps), then the stamp the extraction leaves out
    body = paragraphs(
        "Turkish and Russian troops held a joint patrol near Derbisia on Wednesday, the ministry said.\n" * 4
    )
    head = (
        "<h1>Joint patrol near Derbisia</h1><h2>The patrol passed villages east of the town without incident</h2>"
        "<div class='meta'><span class='published'>6.nov.2019 às 9h15</span></div>"
    )
    f = tmp_path / "page.html"
    f.write_text(page(head + body), encoding="utf-8")
    (doc,) = list(load([str(f)]))
    assert isinstance(doc, Document)
    assert format_interval(ground_text(doc.text).published) == "2019-11-06"


def test_html_non_english_page_is_loaded(tmp_path: Path) -> None:
    f = tmp_path / "ru.html"
    body = "<p>" + "Российские и турецкие военные провели совместное патрулирование. " * 6 + "</p>"
    f.write_text(page(body, lang="ru"), encoding="utf-8")
    (doc,) = list(load([str(f)]))
    assert isinstance(doc, Document)
    assert doc.language == "ru"


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><<<<>>>></body></html>",
        "<html><head></head><body></body>",
        "<!DOCTYPE html><html><body><script>var a=1;</script></body></html>",
    ],
)
def test_broken_html_is_one_failure(tmp_path: Path, markup: str) -> None:
    f = tmp_path / "broken.html"
    f.write_text(markup, encoding="utf-8")
    (item,) = list(load([str(f)]))
    assert isinstance(item, LoadFailure)
    assert item.path == str(f)


def test_unclosed_tags_still_load(tmp_path: Path) -> None:
    f = tmp_path / "sloppy.html"
    f.write_text("<html><body><div><p>" + ARTICLE.replace("\n\n", "<p>") + "<div><span>", encoding="utf-8")
    (doc,) = list(load([str(f)]))
    assert isinstance(doc, Document)
    assert "second joint patrol" in doc.text


# --- exports ------------------------------------------------------------------------------------


def test_jsonl_export_rows_and_a_malformed_line() -> None:
    items = list(load([str(INPUTS / "export.jsonl")]))
    good = docs(items)
    assert [d.path.rsplit("/", 1)[-1] for d in good] == ["export.jsonl#1", "export.jsonl#3"]
    assert good[0].published == "2019-11-05"
    assert good[0].outlet == "tass.com"
    assert ("authors", '["Test Author"]') in good[0].extra
    assert good[0].text.startswith("Row one\n\n")
    (bad,) = failures(items)
    assert bad.path.endswith("export.jsonl#2") and "malformed JSON" in bad.message


def test_csv_export_case_insensitive_columns_extra_and_a_malformed_row() -> None:
    items = list(load([str(INPUTS / "export.csv")]))
    good = docs(items)
    assert [d.path.rsplit("/", 1)[-1] for d in good] == ["export.csv#1", "export.csv#3"]
    first, third = good
    assert (first.url, first.outlet, first.published, first.language) == (
        "https://www.aa.com.tr/en/a",
        "Anadolu Agency",
        "2020-03-15",
        "en",
    )
    assert ("story_id", "101") in first.extra
    assert third.published == "2020-03-17"
    (bad,) = failures(items)
    assert bad.path.endswith("export.csv#2") and "malformed CSV row" in bad.message


def test_csv_variants(tmp_path: Path) -> None:
    f = tmp_path / "semi.csv"
    f.write_text(
        "link;headline;body;date\nhttps://x;H;Body one;2019-11-01\n;;;\nhttps://y;H2;Body two;\n", encoding="utf-8"
    )
    assert [d.path.rsplit("/", 1)[-1] for d in docs(list(load([str(f)])))] == ["semi.csv#1", "semi.csv#2"]
    extra = tmp_path / "extra.csv"
    extra.write_text('url,text\nhttps://a,one,two,three\nhttps://b,fine\nhttps://c,"open quote\n', encoding="utf-8")
    items = list(load([str(extra)]))
    assert [d.url for d in docs(items)] == ["https://b"]
    assert [f.path.rsplit("#", 1)[1] for f in failures(items)] == ["1", "3"]
    notext = tmp_path / "notext.csv"
    notext.write_text("url,title\nhttps://a,T\n", encoding="utf-8")
    (fail,) = list(load([str(notext)]))
    assert isinstance(fail, LoadFailure) and "no text column" in fail.message


def test_csv_row_without_text(tmp_path: Path) -> None:
    f = tmp_path / "e.csv"
    f.write_text("url,text\nhttps://a,\nhttps://b,words\n", encoding="utf-8")
    items = list(load([str(f)]))
    assert failures(items)[0].path.endswith("e.csv#1")
    assert docs(items)[0].url == "https://b"


@pytest.mark.parametrize("key", ["articles", "items", "data", "Articles"])
def test_json_object_with_a_list(tmp_path: Path, key: str) -> None:
    f = tmp_path / "x.json"
    rows = [{"text": "A one."}, {"content": "B two.", "lang": "tr"}, 7]
    f.write_text(json.dumps({"meta": {"n": 2}, key: rows}), encoding="utf-8")
    items = list(load([str(f)]))
    got = [(d.path.rsplit("/", 1)[-1], d.language) for d in docs(items)]
    assert got == [("x.json#1", None), ("x.json#2", "tr")]
    assert failures(items)[0].path.endswith("x.json#3")


def test_json_array_and_single_article(tmp_path: Path) -> None:
    arr = tmp_path / "arr.json"
    rows = [{"text": "A."}, {"body": "B.", "publication_date": "2020-01-02"}]
    arr.write_text(json.dumps(rows), encoding="utf-8")
    assert [d.published for d in docs(list(load([str(arr)])))] == [None, "2020-01-02"]
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": "Only one.", "outlet": "TASS"}), encoding="utf-8")
    (doc,) = list(load([str(one)]))
    assert isinstance(doc, Document) and doc.path == str(one) and doc.outlet == "TASS"


@pytest.mark.parametrize("content", ["{not json", "42", "[]", '"a string"'])
def test_malformed_json_file_is_one_failure(tmp_path: Path, content: str) -> None:
    f = tmp_path / "bad.json"
    f.write_text(content, encoding="utf-8")
    (item,) = list(load([str(f)]))
    assert isinstance(item, LoadFailure) and item.path == str(f)


def test_pick_fields_first_non_empty_wins() -> None:
    meta, extra = pick_fields({"Text": "", "maintext": "M", "Date": "2019-01-01", "Other": 3, "empty": ""})
    assert meta == {"text": "M", "published": "2019-01-01"}
    assert extra == (("Other", "3"),)


def test_day_of() -> None:
    assert day_of("2019-11-05T14:02:00+03:00") == "2019-11-05"
    assert day_of("2019-11-05 10:00:00") == "2019-11-05"
    assert day_of("5 November 2019") == "5 November 2019"
    assert day_of("  ") is None


# --- bad input ----------------------------------------------------------------------------------


def test_bad_inputs_each_fail_once_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "big.txt").write_bytes(b"a" * 2000)
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    items = list(load([str(tmp_path), str(tmp_path / "missing.txt"), str(tmp_path / "nomatch-*.txt")], max_bytes=1000))
    assert [d.path for d in docs(items)] == [str(tmp_path / "good.txt")]
    messages = {Path(f.path).name: f.message for f in failures(items)}
    assert "over the 1,000-byte limit" in messages["big.txt"]
    assert messages["binary.txt"].startswith("binary")
    assert messages["empty.txt"] == messages["blank.txt"] == "empty file"
    assert "no such file" in messages["missing.txt"]
    assert "no file matches" in messages["nomatch-*.txt"]
    assert DEFAULT_MAX_BYTES == 5 * 1024 * 1024


def test_unreadable_path(tmp_path: Path) -> None:
    d = tmp_path / "dir.txt"
    d.mkdir()
    (item,) = list(read_path(str(d)))
    assert isinstance(item, LoadFailure) and "cannot read" in item.message


def test_stdin_over_the_limit() -> None:
    (item,) = list(load(["-"], stdin_bytes=b"x" * 50, max_bytes=10))
    assert isinstance(item, LoadFailure)


# --- the same articles in three formats give the same chronology ---------------------------------


def _events(runner: object, db: Path, inputs: list[str]) -> list[tuple[str, str, str, str]]:
    from typer.testing import CliRunner

    from patroltl.cli import app

    assert isinstance(runner, CliRunner)
    result = runner.invoke(app, ["ingest", "--db", str(db), "--quiet", *inputs])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["timeline", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    return sorted((e["id"], e["type"], e["date"]["start"], e["date"]["end"]) for e in events)


def _wrap(text: str) -> str:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    body = "\n".join(f"<p>{html.escape(ln)}</p>" for ln in lines)
    return page(body, head="<title>Saved page</title>")


def test_samples_give_identical_events_as_text_html_and_jsonl(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    runner = CliRunner()
    samples = sorted(SAMPLES.glob("*.txt"))
    as_text = _events(runner, tmp_path / "text.db", [str(p) for p in samples])
    pages = tmp_path / "pages"
    pages.mkdir()
    for p in samples:
        (pages / f"{p.stem}.html").write_text(_wrap(p.read_text(encoding="utf-8")), encoding="utf-8")
    as_html = _events(runner, tmp_path / "html.db", [str(pages)])
    export = tmp_path / "export.jsonl"
    export.write_text(
        "".join(json.dumps({"text": p.read_text(encoding="utf-8"), "url": None}) + "\n" for p in samples),
        encoding="utf-8",
    )
    as_jsonl = _events(runner, tmp_path / "jsonl.db", [str(export)])
    assert as_text
    assert as_jsonl == as_text  # same text, so same content hash, so same event ids
    # An article's identity is the hash of its cleaned text: a page and the text it wraps are one
    # article, so even the event ids match.
    assert as_html == as_text


def test_same_article_from_two_exports_is_stored_once(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from patroltl.cli import app

    row = {"text": ARTICLE, "title": "Second patrol"}
    (tmp_path / "a.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    (tmp_path / "b.json").write_text(
        json.dumps({"items": [row, {"text": "Another synthetic article."}]}), encoding="utf-8"
    )
    result = CliRunner().invoke(
        app, ["ingest", "--db", str(tmp_path / "d.db"), str(tmp_path / "a.jsonl"), str(tmp_path / "b.json")]
    )
    assert result.exit_code == 0, result.output
    assert "2 new, 1 already ingested, 0 failed" in " ".join(result.output.split())


def test_a_folder_is_read_in_the_order_path_sorts_its_files(tmp_path: Path) -> None:
    """Folders before names that extend them ("a/" before "a-b/", "a.txt"), as pathlib sorts them."""
    for name in ("a-b/x.txt", "a/b.txt", "a/c/d.txt", "a.txt", "A.txt", "b.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("text", encoding="utf-8")
    expected = [str(p) for p in sorted(tmp_path.rglob("*.txt"))]
    assert list(expand([str(tmp_path)])) == expected


def test_an_english_page_of_a_site_that_declares_another_language_is_read(tmp_path: Path) -> None:
    # an outlet's English edition keeps its site's <html lang="ru">: the text decides
    from patroltl.pipeline import process

    f = tmp_path / "en-edition.html"
    text = "Russian and Turkish troops held a joint patrol near Kobani on Tuesday, the ministry said.\n" * 3
    f.write_text(page(f"<h1>Joint patrol near Kobani</h1>{paragraphs(text)}", lang="ru"), encoding="utf-8")
    (doc,) = list(load([str(f)]))
    assert isinstance(doc, Document) and doc.language == "ru"
    article = process(doc)
    assert article.language == "en" and [m.type for m in article.mentions][:1] == ["patrol"]
    # a page in Russian stays Russian, whatever it declares: no events read from it
    ru = tmp_path / "ru.html"
    body = "<p>" + "Российские и турецкие военные провели совместное патрулирование. " * 6 + "</p>"
    ru.write_text(page(body, lang="ru"), encoding="utf-8")
    (doc_ru,) = list(load([str(ru)]))
    assert isinstance(doc_ru, Document) and process(doc_ru).mentions == ()
