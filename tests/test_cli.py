"""The commands end to end, through Typer's CliRunner, on articles written for these tests."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from patroltl.cli import app

from .conftest import FIXTURES, ROOT

ARTICLES = FIXTURES / "articles"
runner = CliRunner()


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def timeline_json(*args: str) -> list[dict]:
    code, out, err = run("timeline", "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)["events"]


def test_ingest_reports_a_summary_and_builds_the_chronology() -> None:
    code, _, err = run("ingest", str(ARTICLES))
    assert code == 0, err
    assert "3 new, 0 already ingested, 0 failed" in err
    events = timeline_json()
    patrols = [e for e in events if e["type"] == "patrol" and e["date"]["start"] == "2021-06-09"]
    assert len(patrols) == 1, "the two outlets' reports of one patrol are one event"
    patrol = patrols[0]
    assert {m["article"].rsplit("/", 1)[-1] for m in patrol["mentions"]} == {"alpha.txt", "beta.txt"}
    assert patrol["date"]["precision"] == "day"
    assert patrol["place"] is not None
    assert {"Kobani", "Ayn al-Arab"} <= set(patrol["place"]["aliases"])


def test_json_contract_shape() -> None:
    run("ingest", str(ARTICLES))
    for ev in timeline_json():
        assert set(ev) >= {"id", "type", "summary", "date", "place", "sources", "figures", "mentions"}
        assert set(ev["date"]) >= {"start", "end", "precision", "text"}
        assert ev["date"]["start"] <= ev["date"]["end"]
        assert ev["date"]["precision"] in {"day", "days", "month", "year", "unknown"}
        for m in ev["mentions"]:
            assert set(m) >= {"article", "source", "sentence", "date_text", "place_text"}


def test_second_ingest_is_a_reported_no_op(isolated: Path) -> None:
    run("ingest", str(ARTICLES))
    before = timeline_json()
    code, _, err = run("ingest", str(ARTICLES))
    assert code == 0
    assert "0 new, 3 already ingested" in err
    assert "already ingested" in err
    assert timeline_json() == before
    with sqlite3.connect(isolated) as db:
        assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 3


def test_missing_path_is_one_line_error_and_keeps_what_is_stored(isolated: Path) -> None:
    run("ingest", str(ARTICLES / "alpha.txt"))
    before = timeline_json()
    code, _, err = run("ingest", "no/such/file.txt", str(ARTICLES / "gamma.txt"))
    assert code == 1
    errors = [line for line in err.splitlines() if "no/such/file.txt" in line]
    assert len(errors) == 1 and "no such file" in errors[0]
    assert "Traceback" not in err
    after = timeline_json()
    assert {e["id"] for e in before} <= {e["id"] for e in after}, "nothing already stored is lost"
    assert len(after) > len(before), "the rest of the batch went on"


def test_stdin_and_overrides() -> None:
    text = (ARTICLES / "gamma.txt").read_text()
    code, _, err = run("ingest", "-", "--source", "Test Wire", input=text)
    assert code == 0, err
    events = timeline_json()
    assert any("Test Wire" in e["sources"] for e in events)


def test_published_override_is_validated() -> None:
    code, _, err = run("ingest", str(ARTICLES), "--published", "not a date")
    assert code == 2
    assert "--published" in err


def test_timeline_table_and_filters() -> None:
    run("ingest", str(ARTICLES))
    code, out, _ = run("timeline", "--no-color")
    assert code == 0
    assert "June 2021" in out and "2021-06-09" in out
    only_attacks = timeline_json("--type", "attack")
    assert only_attacks and all(e["type"] == "attack" for e in only_attacks)
    july = timeline_json("--since", "2021-07")
    assert july and all(e["date"]["end"] >= "2021-07-01" for e in july)
    near = timeline_json("--place", "Qamishli")
    assert near and all(e["place"]["name"] for e in near)
    code, _, err = run("timeline", "--type", "picnic")
    assert code == 2 and "picnic" in err


def test_diff_sources_shows_both_outlets_and_the_single_source_ones() -> None:
    run("ingest", str(ARTICLES))
    code, out, _ = run("diff-sources", "--no-color")
    assert code == 0
    assert "Reported by one outlet only" in out
    code, out, _ = run("diff-sources", "--format", "json")
    data = json.loads(out)
    assert any(len(c["outlets"]) == 2 for c in data["compared"])


def test_explain_names_the_evidence() -> None:
    run("ingest", str(ARTICLES))
    ev = next(e for e in timeline_json() if len({m["source"] for m in e["mentions"]}) == 2)
    code, out, _ = run("explain", ev["id"][:6], "--no-color")
    assert code == 0
    assert ev["id"] in out
    assert "joined" in out and "published" in out
    code, _, err = run("explain", "zzzz")
    assert code == 1 and "no such event" in err


def test_merge_and_split_survive_later_ingests() -> None:
    run("ingest", str(ARTICLES / "alpha.txt"), str(ARTICLES / "beta.txt"))
    ev = next(e for e in timeline_json() if len({m["source"] for m in e["mentions"]}) == 2)
    key = next(m["key"] for m in ev["mentions"] if m["source"] != ev["mentions"][0]["source"])
    code, _, err = run("events", "split", ev["id"], key)
    assert code == 0, err
    run("ingest", str(ARTICLES / "gamma.txt"))
    events = timeline_json()
    alone = next(e for e in events if key in [m["key"] for m in e["mentions"]])
    assert len(alone["mentions"]) == 1
    other = next(e for e in events if e["id"] != alone["id"] and e["type"] == alone["type"])
    code, _, err = run("events", "merge", other["id"], alone["id"])
    assert code == 0, err
    merged = [e for e in timeline_json() if key in [m["key"] for m in e["mentions"]]]
    assert len(merged[0]["mentions"]) >= 2


def test_show_and_articles_commands() -> None:
    run("ingest", str(ROOT / "data" / "samples" / "southfront-first-joint-patrol.txt"))
    code, out, _ = run("show", "southfront-first-joint-patrol.txt", "--no-color")
    assert code == 0
    assert "first joint patrol" in out
    assert "comment thread" in out, "the cut comment thread is marked"
    code, out, _ = run("articles", "--no-color")
    assert code == 0 and "SouthFront" in out


def test_commands_on_a_missing_database_say_so(tmp_path: Path) -> None:
    code, _, err = run("timeline", "--db", str(tmp_path / "none.db"))
    assert code == 3
    assert "no such database" in err


@pytest.mark.parametrize("command", ["ingest", "timeline", "diff-sources", "explain", "show", "articles"])
def test_every_command_has_help(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "--db" in out


def test_places_resolve_finds_variants_and_refuses_strangers() -> None:
    code, out, _ = run("places", "resolve", "Derbisia", "Serêkaniyê", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    best = {r["query"]: r for r in rows if r["rank"] == max(x["rank"] for x in rows if x["query"] == r["query"])}
    assert best["Derbisia"]["name"] == "Ad Darbasiyah" and best["Derbisia"]["country"] == "SY"
    assert best["Serêkaniyê"]["name"] == "Ras al-Ayn" and best["Serêkaniyê"]["country"] == "SY"
    code, out, _ = run("places", "resolve", "Qwzxplk", "--format", "json")
    assert json.loads(out)[0]["how"] == "no match"


def test_places_import_and_list() -> None:
    geo = FIXTURES / "geonames"
    code, out, err = run("places", "import", str(geo / "SY-sample.txt"))
    assert code == 0, err
    assert "1 places imported" in out, "only populated places (class P) are kept"
    code, out, _ = run("places", "import", str(geo / "alternateNames-sample.txt"))
    assert code == 0 and "alternate names for 1 places" in out
    code, out, _ = run("places", "resolve", "Testwil", "--format", "json")
    assert json.loads(out)[0]["name"] == "Testville"
    code, _, err = run("places", "import", str(geo / "missing.txt"))
    assert code == 1 and "no such file" in err
    run("ingest", str(ARTICLES))
    code, out, _ = run("places", "list", "--no-color")
    assert code == 0 and "Kobani" in out and "Ayn al-Arab" in out


def test_jobs_give_the_same_chronology(tmp_path: Path) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert run("ingest", "--db", str(one), str(ARTICLES), str(ROOT / "data" / "samples"))[0] == 0
    code, _, err = run("ingest", "--db", str(two), "--jobs", "2", str(ARTICLES), str(ROOT / "data" / "samples"))
    assert code == 0, err
    assert timeline_json("--db", str(one)) == timeline_json("--db", str(two))


def test_jobs_keep_the_input_order_through_a_window_of_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    from patroltl import pipeline
    from patroltl.knowledge import Knowledge
    from patroltl.load import LoadFailure
    from patroltl.models import Document

    monkeypatch.setattr(pipeline, "CHUNK", 2)
    monkeypatch.setattr(pipeline, "IN_FLIGHT", 1)  # two chunks in flight: the window fills and drains
    items: list[Document | LoadFailure] = [
        Document(f"a{i}.txt", f"date: 2021-03-0{1 + i % 9}\nTurkish and Russian troops held a joint patrol near Amuda.")
        if i % 5
        else LoadFailure(f"a{i}.txt", "unreadable")
        for i in range(23)
    ]
    outcomes = list(pipeline._outcomes(iter(items), Knowledge.bundled(), 2, None, None))
    assert [o.path for o in outcomes] == [f"a{i}.txt" for i in range(23)]
    assert [isinstance(o, LoadFailure) for o in outcomes] == [i % 5 == 0 for i in range(23)]


def test_automatic_jobs_only_for_large_batches(tmp_path: Path) -> None:
    import os

    from patroltl.pipeline import AUTO_JOBS_FROM, auto_jobs

    assert auto_jobs([str(ARTICLES)]) == 1
    assert auto_jobs(["-"]) == 1
    for i in range(AUTO_JOBS_FROM):
        (tmp_path / f"a{i}.txt").write_text(f"Article {i}.")
    assert auto_jobs([str(tmp_path)]) == max(1, min(4, os.cpu_count() or 1))


def test_version_and_help_import_neither_rich_text_nor_the_models() -> None:
    """Start-up: ``--version`` and ``--help`` load only what they print (issue 17)."""
    import subprocess
    import sys

    probe = (
        "import sys\nfrom patroltl.cli import main\nsys.argv = ['patroltl', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('LOADED', *(m for m in ('rich.text', 'patroltl.models', 'patroltl.knowledge') if m in sys.modules))"
    )
    for flag in ("--version", "--help"):
        out = subprocess.run([sys.executable, "-c", probe, flag], capture_output=True, text=True, check=True).stdout
        loaded = out.rsplit("LOADED", 1)[1].split()
        assert "patroltl.models" not in loaded and "patroltl.knowledge" not in loaded
        if flag == "--version":
            assert "rich.text" not in loaded


def test_timeline_and_explain_load_only_what_they_show(tmp_path: Path) -> None:
    """Start-up (issue 17): the table loads neither the exporters (CSV, HTML) nor the ingest's
    records and machinery; `explain` not even the other views or the knowledge files. Each prints
    what it prints in-process, where everything is loaded."""
    import subprocess
    import sys

    db = tmp_path / "s.db"
    assert runner.invoke(app, ["ingest", str(ROOT / "data" / "samples"), "--db", str(db), "-q"]).exit_code == 0
    event_id = json.loads(runner.invoke(app, ["timeline", "--db", str(db), "--format", "jsonl"]).stdout.split("\n")[0])[
        "id"
    ]
    probe = (
        "import sys\nfrom patroltl.cli import main\nsys.argv = ['patroltl', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('LOADED', *sorted(m for m in sys.modules if m.startswith(('patroltl', 'csv', 'html', 'tempfile'))))"
    )
    never = {"patroltl.export", "patroltl.documents", "patroltl.pipeline", "patroltl.extract", "patroltl.cluster"}
    never |= {"patroltl.knowledge.gazetteer", "patroltl.chronology", "csv", "html", "tempfile"}
    env = {"NO_COLOR": "1", "COLUMNS": "100"}
    for args, also in (
        (["timeline"], set()),
        (["explain", event_id], {"patroltl.render", "patroltl.knowledge", "patroltl.filters", "patroltl.contract"}),
    ):
        command = [*args, "--db", str(db)]
        done = subprocess.run(
            [sys.executable, "-c", probe, *command],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **env},
        )
        shown, loaded = done.stdout.rsplit("LOADED", 1)
        assert not (never | also) & set(loaded.split()), args
        assert shown == runner.invoke(app, command, env=env).stdout, args


def test_help_loads_neither_markdown_it_nor_pygments_and_reads_the_same() -> None:
    """Start-up: typer's help module is loaded without rich.markdown and rich.traceback
    (``patroltl/typerhelp.py``); the help and a usage error read as they do in-process, where the
    real modules are loaded."""
    import subprocess
    import sys

    probe = (
        "import sys\nfrom patroltl.cli import main\nsys.argv = ['patroltl', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('markdown_it', 'pygments', 'rich.markdown', 'rich.traceback', 'rich.syntax')\n"
        "print('LOADED', 'typer.rich_utils' in sys.modules, *(m for m in heavy if m in sys.modules))"
    )
    for args in (["--help"], ["timeline", "--help"], ["events"], ["timeline", "--no-such-option"]):
        done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, check=True)
        shown, loaded = done.stdout.rsplit("LOADED", 1)
        assert loaded.split() == ["True"], args
        here = runner.invoke(app, args)
        assert shown == here.stdout and done.stderr == here.stderr, args
    assert "Usage: patroltl [OPTIONS] COMMAND [ARGS]..." in runner.invoke(app, ["--help"]).stdout


def test_typers_help_module_still_gets_real_markdown_and_tracebacks() -> None:
    """The stand-ins load the real classes when typer uses them."""
    import subprocess
    import sys

    probe = """
import sys
from patroltl import typerhelp
typerhelp.install()
import typer.rich_utils as ru
assert 'rich.markdown' not in sys.modules and 'rich.traceback' not in sys.modules
md = ru._make_rich_text(text='**bold** words', markup_mode='markdown')
from rich.markdown import Markdown
from rich.traceback import Traceback
assert type(md) is Markdown and isinstance(md, ru.Markdown) and sys.modules['rich.markdown'].Markdown is Markdown
try:
    1 / 0
except ZeroDivisionError as exc:
    from typer.models import DeveloperExceptionConfig
    tb = ru.get_traceback(exc, DeveloperExceptionConfig(), [])
assert type(tb) is Traceback
print('OK', typerhelp._FINDER in sys.meta_path)
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.split() == ["OK", "False"], done.stderr
