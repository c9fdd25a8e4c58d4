"""The knowledge layer: one object loaded from data/, overlaid by a user's folder, read by every
stage; and the rule that words live in data files, not in code."""

from __future__ import annotations

import ast
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from patroltl.cli import app
from patroltl.dates import ground_text
from patroltl.extract import extract
from patroltl.intervals import precision_of
from patroltl.knowledge import DataError, Knowledge
from patroltl.knowledge.gazetteer import load_places
from patroltl.knowledge.resources import merge
from patroltl.places import find_places
from patroltl.text import split

from .conftest import ROOT

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# ---- words are data ----------------------------------------------------------------------------

# Collections of plain words that are not language: names of JSON/CSV fields, export formats,
# Rich colours. Keyed by (file, assignment target).
SCHEMA = {
    ("load.py", "FIELDS"),
    ("load.py", "LIST_KEYS"),
    ("load.py", "META_DATE"),
    ("load.py", "BLOCK_TAGS"),
    ("load.py", "HIDDEN_TAGS"),
    ("feeds.py", "_DATES"),  # element names of the RSS and Atom formats
    ("feeds.py", "_BODIES"),
    ("export.py", "CSS_COLORS"),
    ("export.py", "EVENT_COLUMNS"),
    ("export.py", "MENTION_COLUMNS"),
    ("store.py", "EVENT_COLUMNS"),
    ("export.py", "EXPORTERS"),
    ("views.py", "FORMATS"),  # the names of the exporters
    ("models.py", "_DOCUMENTS"),  # the names of the records defined in documents.py
    ("models.py", "Precision"),
    ("models.py", "PRECISIONS"),
    ("places.py", "__all__"),
    ("places.py", "resolve_rows"),
    ("dates/tagger.py", "_MAKERS"),
}
WORD = re.compile(r"^[A-Za-z][A-Za-z' -]*$")


def _word_lists(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, assignment target, words) of every collection or pattern of five or more words."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str, list[str]]] = []
    for top in tree.body:
        target = ""
        if isinstance(top, ast.Assign | ast.AnnAssign):
            t = top.targets[0] if isinstance(top, ast.Assign) else top.target
            target = t.id if isinstance(t, ast.Name) else ""
        elif isinstance(top, ast.FunctionDef | ast.ClassDef):
            target = top.name
        for node in ast.walk(top):
            words: list[str] = []
            if isinstance(node, ast.Tuple | ast.List | ast.Set):
                words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            elif isinstance(node, ast.Dict) and all(isinstance(v, ast.Constant) for v in node.values):
                # a table of words to values ({"one": 1, ...}), not a JSON object being built
                words = [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "(?" in node.value:
                words = re.findall(r"(?<![\\\w])([a-z]{3,})(?=\||\)|$)", node.value)
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "split":
                value = getattr(node.func, "value", None)
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    words = value.value.split()
            words = [w for w in words if WORD.match(w)]
            if len(words) >= 5:
                found.append((getattr(node, "lineno", 0), target, words))
    return found


def test_no_word_list_is_left_in_the_code() -> None:
    package = ROOT / "patroltl"
    offenders = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        if rel.startswith("knowledge/"):
            continue
        for line, target, words in _word_lists(path):
            if (rel, target) not in SCHEMA and not (target.startswith("__") or path.name == "__init__.py"):
                offenders.append(f"{rel}:{line} {target}: {words[:6]}")
    assert offenders == [], "word lists belong in data/lang/en.toml or another data file"


def test_the_word_list_check_finds_a_word_list(tmp_path: Path) -> None:
    p = tmp_path / "bad.py"
    p.write_text(
        'MONTHS = ("january", "february", "march", "april", "may")\nX = r"\b(?:north|south|east|west|centre)"\n'
    )
    assert [t for _, t, _ in _word_lists(p)] == ["MONTHS", "X"]


# ---- one splitter, one precision rule ----------------------------------------------------------


def test_one_sentence_splitter_for_dates_and_events() -> None:
    text = "The patrol left Kobani on Nov. 1\nIt returned on Monday. Gen. Ali said so. The patrol no. 5 ended."
    kn = Knowledge.bundled()
    spans = split(text, kn.lexicon)
    assert [text[a:b] for a, b in spans] == [
        "The patrol left Kobani on Nov. 1",
        "It returned on Monday.",
        "Gen. Ali said so.",
        "The patrol no. 5 ended.",
    ]
    # The dates and the events read the same sentences: "on Monday" dates the sentence it stands
    # in, and no mention spans "Nov. 1" and "It returned" as one.
    full = " date 2021-06-16 \n" + text
    g = ground_text(full)
    assert [t.text for t in g.timexes] == ["Nov. 1", "on Monday"]
    sentences = {full[a:b] for a, b in split(full, kn.lexicon)}
    mentions = extract(full, g, find_places(full, kn.gazetteer))
    assert mentions and {m.sentence for m in mentions} <= sentences
    left = next(m for m in mentions if "left Kobani" in m.sentence)
    assert left.date_text == "Nov. 1" and (left.date.month or left.date.start.month) == 11


@pytest.mark.parametrize("days", [367, 500, 732])
def test_one_precision_rule_for_every_stage(days: int) -> None:
    start = date(2019, 3, 5)
    assert precision_of(start, start + timedelta(days=days - 1)) == "unknown"
    g = ground_text("The talks ran from 2019 to 2020, officials said.")
    span = g.timexes[0].interval
    assert (span.start, span.end) == (date(2019, 1, 1), date(2020, 12, 31))
    assert span.precision == precision_of(span.start, span.end) == "unknown"


# ---- overlays ----------------------------------------------------------------------------------


def test_a_user_table_extends_word_lists_and_replaces_values() -> None:
    base = {"a": ["x", "y"], "b": {"c": 1, "d": ["p"]}, "n": 2}
    over = {"a": ["z", "x"], "b": {"c": 5, "d": ["q"]}, "n": 3}
    assert merge(base, over) == {"a": ["x", "y", "z"], "b": {"c": 5, "d": ["p", "q"]}, "n": 3}
    assert merge(base, over, extend=False)["a"] == ["z", "x"]


def test_a_broken_user_file_is_one_line_naming_it(tmp_path: Path) -> None:
    (tmp_path / "tuning.toml").write_text("[cluster]\njoin_at = \n")
    with pytest.raises(DataError, match=r"tuning\.toml"):
        _ = Knowledge([tmp_path]).tuning
    (tmp_path / "tuning.toml").write_text("[cluster]\njoin_now = 1\n")
    with pytest.raises(DataError, match="join_now"):
        _ = Knowledge([tmp_path]).tuning
    code, _, err = run("--data-dir", str(tmp_path), "ingest", "--db", str(tmp_path / "x.db"), str(ROOT / "data"))
    assert code == 2 and "join_now" in err and "Traceback" not in err


ARTICLE = (
    "DAMASCUS (Syrian Observer) - The Shayrat airbase was attacked again on April 7, killing two soldiers, "
    "witnesses said.\n"
    "Turkish and Russian troops held a joint patrol near Kobani.\n"
)


def test_a_user_chronology_and_outlets_beside_the_database_are_used_by_ingest(tmp_path: Path) -> None:
    (tmp_path / "chronology.tsv").write_text(
        "date\ttype\tname\tkeywords\tsource\n2017-04-07\tattack\tShayrat missile strike\tshayrat\tmine\n"
    )
    (tmp_path / "outlets.toml").write_text(
        '[[outlet]]\nname = "The Syrian Observer"\naliases = ["Syrian Observer"]\n'
        'domains = ["syrianobserver.com"]\ncountry = "GB"\nside = "independent"\n'
    )
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "observer.txt").write_text(ARTICLE)
    db = tmp_path / "x.db"
    code, _, err = run("ingest", "--db", str(db), str(folder))
    assert code == 0, err
    code, out, err = run("timeline", "--db", str(db), "--format", "json")
    assert code == 0, err
    attack = next(e for e in json.loads(out)["events"] if e["type"] == "attack")
    assert attack["date"]["start"] == "2017-04-07", attack["date"]
    assert any("Shayrat missile strike" in ev for ev in attack["date"]["evidence"])
    assert attack["sources"] == ["The Syrian Observer"]
    # Elsewhere, without the user's files, the same article is by an unknown outlet and its
    # "April 7" has no year.
    other = tmp_path / "elsewhere"
    other.mkdir()
    code, _, err = run("ingest", "--db", str(other / "y.db"), str(folder))
    assert code == 0, err
    code, out, _ = run("timeline", "--db", str(other / "y.db"), "--format", "json")
    attack = next(e for e in json.loads(out)["events"] if e["type"] == "attack")
    assert attack["date"]["precision"] == "unknown" and attack["sources"] != ["The Syrian Observer"]


def test_user_outlets_name_the_article_by_its_domain(tmp_path: Path) -> None:
    (tmp_path / "outlets.toml").write_text(
        '[[outlet]]\nname = "Levant Wire"\naliases = ["Levant Wire"]\ndomains = ["levantwire.example"]\n'
        'country = "LB"\nside = "independent"\n'
    )
    page = tmp_path / "a.txt"
    page.write_text("Turkish and Russian troops held a joint patrol near Kobani on April 9, 2021.\n")
    (tmp_path / "a.txt.meta.json").write_text('{"url": "https://www.levantwire.example/news/1"}')
    db = tmp_path / "x.db"
    assert run("ingest", "--db", str(db), str(page))[0] == 0
    code, out, _ = run("timeline", "--db", str(db), "--format", "json")
    assert code == 0
    assert json.loads(out)["events"][0]["sources"] == ["Levant Wire"]
    code, out, _ = run("--data-dir", str(ROOT / "data" / "samples"), "timeline", "--db", str(db), "--format", "json")
    assert code == 0  # another data folder: the stored chronology is read as it is


NEW_TYPE = """
[type.protest]
label = "Protest"
color = "bright_magenta"
news = true
triggers = ["protest", "protests", "protesters", "demonstration", "demonstrators"]
"""


def test_an_event_type_added_in_toml_alone_works_end_to_end(tmp_path: Path) -> None:
    data = tmp_path / "mine"
    data.mkdir()
    (data / "event_types.toml").write_text(NEW_TYPE)
    folder = tmp_path / "in"
    folder.mkdir()
    for outlet, day in (("tass", "June 3, 2021"), ("aa", "3 June 2021")):
        (folder / f"{outlet}.txt").write_text(
            f" date 2021-06-04 \nResidents of Qamishli staged a protest against the occupation on {day}.\n"
        )
    db = tmp_path / "x.db"
    code, _, err = run("--data-dir", str(data), "ingest", "--db", str(db), str(folder))
    assert code == 0, err
    code, out, err = run("--data-dir", str(data), "timeline", "--db", str(db), "--type", "Protest", "--format", "json")
    assert code == 0, err
    events = json.loads(out)["events"]
    assert len(events) == 1, "the two reports are clustered into one event"
    ev = events[0]
    assert ev["type"] == "protest" and ev["type_label"] == "Protest" and len(ev["mentions"]) == 2
    assert ev["date"]["start"] == "2021-06-03" and ev["place"]["name"] == "Qamishli"
    code, out, err = run("--data-dir", str(data), "timeline", "--db", str(db), "--format", "csv", "--type", "protest")
    assert code == 0 and "Protest" in out, err
    code, out, err = run("--data-dir", str(data), "timeline", "--db", str(db), "--no-color")
    assert code == 0 and "■ Protest" in out, err
    # Without the user's types the word is no event.
    code, _, err = run("timeline", "--db", str(db), "--type", "protest")
    assert code == 2 and "protest" in err


def test_the_views_never_build_the_gazetteer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "x.db"
    assert run("ingest", "--db", str(db), str(ROOT / "data" / "samples"))[0] == 0

    def refuse(self: Knowledge) -> None:
        raise AssertionError("a view built the gazetteer")

    monkeypatch.setattr(Knowledge, "gazetteer", property(refuse))
    for args in (["timeline"], ["timeline", "--format", "json"], ["diff-sources"], ["articles"]):
        code, _, err = run(*args, "--db", str(db))
        assert code == 0, (args, err)


def test_the_event_types_word_patterns_compile_on_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    """A view that shows only the types' labels does not pay for compiling their word patterns."""
    import patroltl.knowledge.lexicon as lexicon

    built: list[tuple[str, ...]] = []
    real = lexicon.words_pattern

    def counting(words: tuple[str, ...], *, case: bool = False) -> re.Pattern[str]:
        built.append(tuple(words))
        return real(words, case=case)

    monkeypatch.setattr(lexicon, "words_pattern", counting)
    vocab = Knowledge().vocabulary
    assert vocab.label("patrol") and built == []
    patrol = vocab.get("patrol").triggers
    assert patrol is not None
    found = patrol.search("A joint patrol was held near Kobani.")
    assert found is not None and found.group(0) == "joint patrol" and len(built) == 1
    assert [m.group(0) for m in patrol.finditer("joint patrols and a joint patrol")] == [
        "joint patrols",
        "joint patrol",
    ]
    assert patrol.search("A joint patrol", 0, 8) is None and len(built) == 1  # compiled once


def test_a_conditional_group_needs_its_own_cues() -> None:
    kn = Knowledge.bundled()
    (wd,) = [t for t in kn.vocabulary.types if t.name == "withdrawal"]
    assert wd.cue_in("began evacuating the observation post", "evacuating")
    assert not wd.cue_in("evacuated the wounded from the zone", "evacuated")  # the zone is the type's cue
    assert wd.cue_in("units left the zone", "left")


def test_the_curated_spellings_of_a_place_are_its_press_names(tmp_path: Path) -> None:
    gaz = tmp_path / "g.tsv"
    gaz.write_text("gn:1\tAyn al Arab\ttown\tSY\t09\t36.9\t38.35\t0\tAin el Arab|Kobané\tgeonames\n", encoding="utf-8")
    cur = tmp_path / "c.tsv"
    cur.write_text(
        "gn:1\t\t\t\t\t\t\t\tKobani|Kobanê\tpress\ncur:x\tM9 road\troad\tSY\t\t35\t36\t0\tM9|M-9\tapprox.\n",
        encoding="utf-8",
    )
    places = {p.id: p for p in load_places(gaz, cur)}
    assert places["gn:1"].press_names == ("Kobani", "Kobanê")
    assert "Ain el Arab" in places["gn:1"].alternates and "Ain el Arab" not in places["gn:1"].press_names
    assert places["cur:x"].press_names == ("M9", "M-9")
