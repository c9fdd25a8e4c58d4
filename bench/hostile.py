"""The hostile-input benchmark (issue 16): every case of tests/hostile_cases.py at the large sizes
(a 50 MB file, a 5 MB line, 100,000-row JSONL and CSV exports, 1 MB of digits, 600,000 characters of
short sentences, a FIFO, /dev/zero, ...), each ingested beside one good article by the installed
``patroltl`` in a fresh process, then the export rates against the per-file rate.

    .venv/bin/python bench/hostile.py                      # the probe table and the export rates
    .venv/bin/python bench/hostile.py --only size,csv      # some classes
    .venv/bin/python bench/hostile.py --no-rates --small   # the small sizes the tests use
    .venv/bin/python bench/hostile.py --rates-only --rows 100000 --files 10000

For each case: tracebacks (a "Traceback" on stderr, or an exit code patroltl never gives), lost
(the good article not stored), raw control characters on stdout or stderr, a wrong exit code, and
the wall time of the slowest command. A case that runs past --timeout is killed (a hang) and counted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from tests.hostile_cases import GOOD, GOOD_NAME, SIZES, Case, available, cases  # noqa: E402

RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SUMMARY = re.compile(r"(\d+) new, (\d+) already ingested, (\d+) failed")


def patroltl_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "patroltl"
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from patroltl.cli import main; main()"]


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "PATROLTL_DB")}
    e.update(NO_COLOR="1", COLUMNS="120", PYTHONPATH=str(REPO))
    return e


@dataclass
class Outcome:
    case: str
    cls: str
    seconds: float = 0.0
    tracebacks: int = 0
    lost: int = 0
    raw: int = 0
    wrong_exit: int = 0
    hung: int = 0
    result: str = ""  # what the ingest said about the hostile input (its error line, or the summary)
    notes: list[str] = field(default_factory=list)


def run_once(args: list[str], cwd: Path, stdin: bytes | None, timeout: float) -> tuple[int | None, str, str, float]:
    """One command in its own session (killed with its workers after ``timeout``): exit code (None
    when killed), stdout, stderr, wall seconds."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        args,
        cwd=cwd,
        env=env(),
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(stdin, timeout=timeout)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        code = None
    return code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), time.perf_counter() - t0


def good_stored(db: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT 1 FROM articles WHERE path = ?", (GOOD_NAME,)).fetchone() is not None
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def check(o: Outcome, what: str, code: int | None, out: str, err: str, expected: int | None) -> None:
    if code is None:
        o.hung += 1
        o.notes.append(f"{what}: killed after the timeout")
        return
    if "Traceback" in err or code not in (0, 1, 2, 3):
        o.tracebacks += 1
        o.notes.append(f"{what}: exit {code}: {err.strip()[-300:]}")
    if RAW_CONTROL.search(out + err):
        o.raw += 1
        o.notes.append(f"{what}: raw control character {RAW_CONTROL.search(out + err)!r}")
    if (expected is None and code not in (0, 1)) or (expected is not None and code != expected):
        o.wrong_exit += 1
        o.notes.append(f"{what}: exit {code}, expected {expected}: {err.strip()[-300:]}")
    if code == 1 and what == "ingest":
        found = SUMMARY.search(" ".join(err.split()))
        if not found or int(found.group(3)) == 0:
            o.wrong_exit += 1
            o.notes.append("ingest: exit 1 without a failure counted in the summary")


def run_case(case: Case, sizes: dict[str, int], timeout: float) -> Outcome:
    o = Outcome(case.id, case.cls)
    with tempfile.TemporaryDirectory(prefix="patroltl-hostile-") as tmp:
        folder = Path(tmp)
        (folder / GOOD_NAME).write_text(GOOD, encoding="utf-8")
        db = folder / "hostile.db"
        plan = case.build(folder, sizes)
        cmd = patroltl_cmd()
        code, out, err, wall = run_once(
            [*cmd, "ingest", GOOD_NAME, *plan.inputs, *plan.options, "--db", str(db)], folder, plan.stdin, timeout
        )
        o.seconds = wall
        o.result = _result(err)
        check(o, "ingest", code, out, err, case.code)
        if case.says and case.says.lower() not in " ".join(err.split()).lower():
            o.notes.append(f"ingest: stderr lacks {case.says!r}")
        if not good_stored(db):
            o.lost += 1
            o.notes.append("the good article was not stored")
        for args, expected in plan.then:
            full = args if "--db" in args else [*args, "--db", str(db)]
            code, out, err, wall = run_once([*cmd, *full], folder, None, timeout)
            o.seconds = max(o.seconds, wall)
            check(o, args[0], code, out, err, expected)
    return o


def _result(err: str) -> str:
    """The first error line about an input other than the good article, else the summary line."""
    lines = [" ".join(line.split()) for line in err.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error:") and GOOD_NAME not in line]
    return (errors or [line for line in lines if " new, " in line] or [""])[0][:200]


def probe(selected: list[Case], sizes: dict[str, int], timeout: float) -> list[Outcome]:
    outcomes = []
    for case in selected:
        reason = available(case)
        if reason:
            print(f"skip {case.id}: {reason}", file=sys.stderr)
            continue
        o = run_case(case, sizes, timeout)
        flag = "" if not (o.tracebacks or o.lost or o.raw or o.wrong_exit or o.hung) else "  <-- " + "; ".join(o.notes)
        print(f"{o.seconds:7.2f} s  {case.id}{flag}", file=sys.stderr, flush=True)
        outcomes.append(o)
    return outcomes


def probe_table(outcomes: list[Outcome]) -> str:
    by_class: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_class[o.cls].append(o)
    lines = [
        "| class | cases | tracebacks | lost | raw controls | wrong exit | hung | worst time |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]

    def row(name: str, group: list[Outcome]) -> str:
        worst = max(group, key=lambda o: o.seconds)
        sums = [sum(getattr(o, k) for o in group) for k in ("tracebacks", "lost", "raw", "wrong_exit", "hung")]
        cells = " | ".join(str(n) for n in sums)
        return f"| {name} | {len(group)} | {cells} | {worst.seconds:.1f} s ({worst.case.split('/', 1)[1]}) |"

    for name, group in by_class.items():
        lines.append(row(name, group))
    lines.append(row("**all**", outcomes))
    return "\n".join(lines)


def slow_table(outcomes: list[Outcome], over: float = 1.0) -> str:
    """The cases that took more than ``over`` seconds, with what became of the hostile input."""
    lines = ["| case | time | what the ingest said |", "|---|---:|---|"]
    for o in sorted(outcomes, key=lambda o: -o.seconds):
        if o.seconds > over:
            said = re.sub(r"/tmp/patroltl-hostile-\w+/", "", o.result).replace("|", "\\|")
            lines.append(f"| {o.case} | {o.seconds:.1f} s | {said} |")
    return "\n".join(lines)


# --- export rates -----------------------------------------------------------------------------


def export_rates(rows: int, files: int, seed: int, timeout: float) -> str:
    """Ingest ``rows`` generated articles as one JSONL and one CSV export, and ``files`` of the same
    articles as files; articles per second of each (patroltl's default --jobs)."""
    from generate import generate  # type: ignore[import-not-found]

    cmd = patroltl_cmd()
    out = ["| input | articles | wall | articles/s | result |", "|---|---:|---:|---:|---|"]
    with tempfile.TemporaryDirectory(prefix="patroltl-rates-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus"
        t0 = time.perf_counter()
        paths = generate(corpus, max(rows, files), seed=seed)
        print(f"generated {len(paths)} articles in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        texts = [p.read_text(encoding="utf-8") for p in paths[:rows]]
        jsonl, csv_path = folder / "export.jsonl", folder / "export.csv"
        with jsonl.open("w", encoding="utf-8") as fh:
            for i, text in enumerate(texts):
                fh.write(json.dumps({"url": f"https://example.org/{i}", "text": text}, ensure_ascii=False) + "\n")
        import csv

        with csv_path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["url", "text"])
            for i, text in enumerate(texts):
                writer.writerow([f"https://example.org/{i}", text])
        del texts
        files_dir = folder / "files"
        files_dir.mkdir()
        for p in paths[:files]:
            os.link(p, files_dir / p.name)
        for label, target, n in (
            (f"{files:,} files", files_dir, files),
            (f"JSONL export, {rows:,} rows", jsonl, rows),
            (f"CSV export, {rows:,} rows", csv_path, rows),
        ):
            db = folder / (re.sub(r"\W+", "-", label) + ".db")
            code, _, err, wall = run_once([*cmd, "ingest", "-q", "--db", str(db), str(target)], folder, None, timeout)
            summary = SUMMARY.search(" ".join(err.split()))
            result = summary.group(0) if summary else f"exit {code}: {err.strip()[-200:]}"
            out.append(f"| {label} | {n:,} | {wall:.1f} s | {n / wall:.0f} | {result} |")
            print(out[-1], file=sys.stderr, flush=True)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="the sizes the tests use")
    parser.add_argument("--only", default="", help="comma-separated classes (binary, size, csv, ...)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a command counts as hung")
    parser.add_argument("--no-rates", action="store_true", help="skip the export-rate comparison")
    parser.add_argument("--rates-only", action="store_true", help="only the export-rate comparison")
    parser.add_argument("--rows", type=int, default=100_000, help="rows in each export")
    parser.add_argument("--files", type=int, default=10_000, help="files for the per-file rate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="the probe's outcomes as JSON too")
    args = parser.parse_args(argv)
    if not args.rates_only:
        wanted = {c for c in args.only.split(",") if c}
        selected = [c for c in cases() if not wanted or c.cls in wanted]
        outcomes = probe(selected, SIZES["small" if args.small else "large"], args.timeout)
        print(probe_table(outcomes))
        print()
        print(slow_table(outcomes))
        if args.json:
            print(json.dumps([o.__dict__ for o in outcomes], indent=1))
    if not args.no_rates:
        print()
        print(export_rates(args.rows, args.files, args.seed, args.timeout * 4))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
