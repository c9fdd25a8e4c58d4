"""Hostile and huge input (issue 16): every class of bad input the probe found, generated at small
sizes (tests/hostile_cases.py; bench/hostile.py runs the large ones), each ingested beside one good
article. Each case asserts what the issue asks: no traceback, the good article stored, the exit
code, the message naming the problem, and no raw control sequence on the terminal.

Then property tests: random bytes and random text through load, clean and extract never raise.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from patroltl.clean import clean, normalise_text
from patroltl.knowledge import Knowledge
from patroltl.limits import TooSlow, time_budget
from patroltl.load import Decoded, LoadFailure, LoadNote, decode_bytes, read_path
from patroltl.models import Document
from patroltl.pipeline import _safe_process

from .hostile_cases import GOOD, GOOD_NAME, SIZES, Case, available, cases

runner = CliRunner()
# What must never reach a terminal: C0 and C1 controls (but the line break), bidi overrides and
# isolates. NO_COLOR is set for every test, so patroltl itself asks for no escape codes either.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
CASES = cases()


def invoke(args: list[str], stdin: bytes | None = None) -> Result:
    return runner.invoke(app(), args, input=stdin)


def app() -> object:
    from patroltl.cli import app as typer_app

    return typer_app


def assert_clean_run(result: Result, what: str) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), (what, result.exception)
    out = result.stdout + result.stderr
    assert "Traceback" not in out, (what, out)
    assert not RAW_CONTROL.search(out), (what, repr(RAW_CONTROL.search(out)))


def stored_texts(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT path, text FROM articles"))
    finally:
        conn.close()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_hostile_input_beside_a_good_article(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reason = available(case)
    if reason:
        pytest.skip(reason)
    monkeypatch.chdir(tmp_path)
    (tmp_path / GOOD_NAME).write_text(GOOD, encoding="utf-8")
    db = tmp_path / "hostile.db"
    plan = case.build(tmp_path, SIZES["small"])
    result = invoke(["ingest", GOOD_NAME, *plan.inputs, *plan.options, "--db", str(db)], plan.stdin)
    assert_clean_run(result, case.id)
    if case.code is None:
        assert result.exit_code in (0, 1), result.stderr
    else:
        assert result.exit_code == case.code, result.stderr
    err = " ".join(result.stderr.split())
    if result.exit_code == 1:
        failed = re.search(r"(\d+) failed", err)
        assert failed and int(failed.group(1)) >= 1, "a failed input is counted in the summary"
    assert case.says.lower() in err.lower(), err
    texts = stored_texts(db)
    assert GOOD_NAME in texts, "the good article beside the hostile input is stored"
    if case.stored:
        assert any(case.stored in text for path, text in texts.items() if path != GOOD_NAME), texts.keys()
    for args, code in plan.then:
        more = invoke(args if "--db" in args else [*args, "--db", str(db)])
        assert_clean_run(more, f"{case.id}: {args[0]}")
        assert more.exit_code == code, (args, more.stdout[-500:], more.stderr)


def test_every_class_of_the_issue_is_generated() -> None:
    classes = {c.cls for c in CASES}
    assert {"binary", "empty", "encoding", "names", "special", "json", "jsonl", "csv", "size", "output"} <= classes
    assert {"terminal", "places", "db"} <= classes
    assert len(CASES) >= 100
    assert len({c.id for c in CASES}) == len(CASES)


# --- specific guarantees ------------------------------------------------------------------------


def test_an_oversized_csv_field_fails_its_row_only_and_makes_no_junk_rows(tmp_path: Path) -> None:
    """The csv module, after 'field larger than field limit', reads the rest of the field as rows."""
    f = tmp_path / "a.csv"
    field = "x, y\nz " * 30_000
    f.write_text(f'url,text\nhttps://a,"one"\nhttps://b,"{field}"\nhttps://c,"three"\n', encoding="utf-8")
    items = list(read_path(str(f), max_bytes=50_000))
    assert [i.path.rsplit("#", 1)[1] for i in items] == ["1", "2", "3"]
    assert [type(i) for i in items] == [Document, LoadFailure, Document]
    assert "over the 50,000-byte limit" in items[1].message


def test_a_turkish_legacy_file_is_stored_right_and_the_report_says_how(tmp_path: Path) -> None:
    text = "Turkish and Russian troops patrolled near Şanlıurfa, Akçakale and Ceylanpınar on Thursday.\n"
    (tmp_path / "tr.txt").write_bytes(text.encode("iso8859_9"))
    items = list(read_path(str(tmp_path / "tr.txt")))
    note, doc = items
    assert isinstance(note, LoadNote) and "Turkish" in note.message and "detected" in note.message
    assert isinstance(doc, Document) and doc.text == text


def test_utf8_with_a_stray_byte_stays_utf8_with_the_replacement_counted() -> None:
    data = "Şanlıurfa and Akçakale.".encode() + b"\xff" + " Ceylanpınar.".encode()
    decoded = decode_bytes(data)
    assert decoded.text == "Şanlıurfa and Akçakale.\ufffd Ceylanpınar."
    assert decoded.replaced == 1 and decoded.note() == "1 byte not valid UTF-8 replaced with U+FFFD"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_text_not_binary(codec: str) -> None:
    for text in ("Joint patrol near Kobani on June 9, 2021.", "دورية مشتركة في ريف الحسكة"):
        decoded = decode_bytes(text.encode(codec))
        assert decoded == Decoded(text, codec, 0, "detected: no byte-order mark")


def test_the_time_budget_fails_an_article_that_runs_too_long() -> None:
    """The budget, not a timing: 0.01 s is far less than extraction takes on this text (three thousand
    reports of patrols: seconds), so the article fails with its reason."""
    # Each report its own (no cache of an earlier sentence's work makes them cheap), and fewer than
    # the mention cap, which would fail the article for another reason.
    villages = ["Kobani", "Darbasiyah", "Amuda", "Qamishli", "Tal Tamr"]
    text = " ".join(
        f"Turkish and Russian troops held their joint patrol number {i} near {villages[i % 5]} on "
        f"{1 + i % 28} November, with {i % 40 + 2} vehicles and {i % 7 + 1} drones."
        for i in range(1_500)
    )
    doc = Document("slow.txt", text)
    outcome = _safe_process(doc, Knowledge.bundled(), None, None, seconds=0.01)
    assert isinstance(outcome, LoadFailure)
    assert outcome.message.startswith("too long to analyse: gave up after 0.01 s")
    assert "--max-seconds" in outcome.message
    assert not isinstance(
        _safe_process(Document("ok.txt", GOOD), Knowledge.bundled(), None, None, seconds=30), LoadFailure
    )


def test_an_unreadable_subfolder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root every folder is readable, so the refusal is simulated where os.walk asks for it."""
    import os

    from patroltl.load import expand

    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(GOOD, encoding="utf-8")
    real = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(expand([str(tmp_path / "in")]))
    assert str(tmp_path / "in" / "a.txt") in items
    (failure,) = [i for i in items if isinstance(i, LoadFailure)]
    assert failure.path.endswith("locked") and "cannot read this folder (Permission denied)" in failure.message


def test_a_big_export_uses_the_worker_processes(tmp_path: Path) -> None:
    import os

    from patroltl.pipeline import AUTO_JOBS_EXPORT_BYTES, auto_jobs

    small, big = tmp_path / "small.jsonl", tmp_path / "big.jsonl"
    small.write_text('{"text": "x"}\n', encoding="utf-8")
    big.write_bytes(b'{"text": "x"}\n' * (AUTO_JOBS_EXPORT_BYTES // 14 + 1))
    assert auto_jobs([str(small)]) == 1
    assert auto_jobs([str(big)]) == max(1, min(4, os.cpu_count() or 1))


# --- property tests: nothing the loader, the cleaner or the extractor is given makes them raise ---


@pytest.fixture(scope="module")
def gazetteer() -> Knowledge:
    return Knowledge.bundled()


SUFFIXES = [".txt", ".html", ".json", ".jsonl", ".csv", ""]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_through_load_clean_and_extract(
    data: bytes, suffix: str, tmp_path_factory: pytest.TempPathFactory, gazetteer: Knowledge
) -> None:
    f = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    f.write_bytes(data)
    _through_the_pipeline(list(read_path(str(f))), gazetteer)


# Random characters, mixed with pieces of patrol reports, JSON and CSV punctuation and escape sequences.
TEXT = st.lists(
    st.characters(codec="utf-8", exclude_categories=["Cs"])
    | st.sampled_from(["Joint patrol", " near Kobani", " on June 9, 2021.", " 12 from each side", "Turkish ", "\n"])
    | st.sampled_from(list("\"',[]{}#:;|")),
    max_size=400,
).map("".join) | st.lists(
    st.sampled_from(["\x1b]0;x\x07", "\x1b[2J", "\u202e", "\ufeff", "\r\n", "\x00", "—", "İ", "ı", "a", " ", "7"]),
    max_size=300,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, suffix=st.sampled_from(SUFFIXES), encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le"]))
def test_random_text_through_load_clean_and_extract(
    text: str, suffix: str, encoding: str, tmp_path_factory: pytest.TempPathFactory, gazetteer: Knowledge
) -> None:
    f = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    f.write_bytes(text.encode(encoding, errors="surrogatepass"))
    _through_the_pipeline(list(read_path(str(f))), gazetteer)
    cleaned = clean(text)
    normal = normalise_text(text)
    for cut in cleaned.cuts:
        assert 0 <= cut.start <= cut.end <= len(normal)


def _through_the_pipeline(items: list[object], gazetteer: Knowledge) -> None:
    for item in items:
        assert isinstance(item, Document | LoadFailure | LoadNote)
        assert "\n" not in item.path
        if isinstance(item, LoadFailure | LoadNote):
            assert item.message and "\n" not in item.message
            continue
        outcome = _safe_process(item, gazetteer, None, "2021-06-10")
        if isinstance(outcome, LoadFailure):
            assert not outcome.message.startswith("could not be processed"), outcome.message
            continue
        assert not isinstance(outcome, LoadNote)
        for m in outcome.mentions:
            assert 0 <= m.start <= m.end <= len(outcome.text)


def test_a_budget_spent_while_a_library_swallowed_the_alarm_still_fails() -> None:
    """An exception a signal raises can be caught by code that catches everything (or dropped in a
    finalizer): the budget still fails the block when it ends."""
    swallowed = False
    with pytest.raises(TooSlow), time_budget(0.01):
        while not swallowed:
            try:
                sum(range(1000))
            except TooSlow:
                swallowed = True
    assert swallowed
