"""Daily use on a large database (issue 17): the day's new articles, duplicates, the views.

    python bench/daily.py --db BIG.db --new NEW_DIR --dup DUP_DIR [--work DIR] [--repeat 3] [--json]
    python bench/daily.py ... --tree /tmp/main --tree .    # two checkouts side by side, runs interleaved

BIG.db is built once beforehand (``bench/generate.py OUT --articles 100010 --seed 1``, the last
ten files moved to NEW_DIR and ten of the others copied to DUP_DIR, then ``patroltl ingest OUT``);
every ingest trial runs on a fresh copy of it, so each one adds the same articles to the same
database. Measured, each in a fresh ``patroltl`` process (wall time; peak RSS by ``os.wait4``;
the load average of the machine beside each figure, which is shared):

1. ``ingest NEW_DIR`` (10 new articles) and ``ingest DUP_DIR`` (10 already stored), with how the
   chronology was brought up to date (the clustering state of the copy afterwards);
2. ``timeline --format jsonl`` and the table view (``timeline``), to /dev/null;
3. ``explain ID`` for an event of the median size and for the largest event.

Targets (issue 17): 10 new <= 5 s, 10 duplicates <= 1 s, jsonl < 200 MB, the table < 500 MB,
explain < 0.3 s.

With ``--tree`` (repeatable: a checkout, e.g. a ``git archive`` copy of main), each command runs as
the console script's entry point with that tree first on ``PYTHONPATH`` (compile its bytecode first
when ``PYTHONDONTWRITEBYTECODE`` is set), the trees taking turns run by run, so that a spell of load
on the shared machine falls on all of them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import Run, measure, patroltl_cmd  # type: ignore[import-not-found]

TARGETS = {
    "ingest 10 new": ("s", 5.0),
    "ingest 10 duplicates": ("s", 1.0),
    "timeline --format jsonl": ("MB", 200.0),
    "timeline (table)": ("MB", 500.0),
    "explain (median event)": ("s", 0.3),
    "explain (largest event)": ("s", 0.3),
}


def _copy(db: Path, to: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(db) + suffix)
        if src.exists():
            shutil.copyfile(src, str(to) + suffix)
        elif Path(str(to) + suffix).exists():
            os.unlink(str(to) + suffix)
    return to


def _state(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        try:
            row = conn.execute("SELECT replayable FROM clustering").fetchone()
        except sqlite3.Error:
            return "no clustering state (before m008)"
    return "no clustering state" if row is None else f"replayable={bool(row[0])}"


def _load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


ENTRY = 'import sys; sys.argv[0] = "patroltl"; from patroltl.cli import main; main()'


def _in(tree: Path | None, args: list[str], capture: bool) -> Run:
    """``args`` (a patroltl command line without the executable) run from ``tree``, or as installed.
    Only a small output is captured: a child's peak RSS (``os.wait4``) is at least what this process
    held when it started it (Linux carries the high-water mark across fork and exec), and a view of
    100,000 articles' events is hundreds of megabytes."""
    if tree is None:
        return measure([*patroltl_cmd(), *args], capture=capture)
    os.environ["PYTHONPATH"] = str(tree)  # run.env() hands the process's environment to the child
    try:
        return measure([sys.executable, "-c", ENTRY, *args], capture=capture)
    finally:
        del os.environ["PYTHONPATH"]


def _trials(
    args: list[str],
    repeat: int,
    trees: list[Path | None],
    before: Path | None = None,
    copy: Path | None = None,
    *,
    capture: bool = False,
) -> dict[Path | None, tuple[list[Run], list[str]]]:
    """``repeat`` runs of ``args`` in each tree, the trees taking turns; with ``before``, the
    database is copied to ``copy`` before each run (each ingest adds the same files to the same
    database)."""
    out: dict[Path | None, tuple[list[Run], list[str]]] = {t: ([], []) for t in trees}
    for _ in range(repeat):
        for tree in trees:
            if before is not None and copy is not None:
                _copy(before, copy)
            out[tree][1].append(_load())
            out[tree][0].append(_in(tree, args, capture))
    return out


def _ids(db: Path) -> tuple[str, str]:
    with sqlite3.connect(db) as conn:
        sizes = conn.execute("SELECT event_id, COUNT(*) FROM event_mentions GROUP BY event_id ORDER BY 2, 1").fetchall()
    return sizes[len(sizes) // 2][0], sizes[-1][0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--new", type=Path, required=True)
    parser.add_argument("--dup", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/patroltl-daily"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--skip-new", action="store_true", help="leave out the 10 new articles (the longest)")
    parser.add_argument("--tree", action="append", type=Path, help="a checkout to run patroltl from; repeatable")
    a = parser.parse_args(argv)
    a.work.mkdir(parents=True, exist_ok=True)
    for name in ("db", "new", "dup", "work"):
        setattr(a, name, getattr(a, name).resolve())
    a.tree = [t.resolve() for t in a.tree or []]
    # The commands run from an empty folder: `python -c` puts the current folder first on sys.path,
    # and a checkout's own patroltl there would shadow the tree being measured.
    (a.work / "cwd").mkdir(exist_ok=True)
    os.chdir(a.work / "cwd")
    trees: list[Path | None] = list(a.tree) if a.tree else [None]
    rows: list[dict[str, object]] = []

    def add(name: str, results: dict[Path | None, tuple[list[Run], list[str]]], note: Callable[[Run], str]) -> None:
        unit, target = TARGETS[name]
        for tree, (runs, loads) in results.items():
            values = [r.wall for r in runs] if unit == "s" else [r.rss_mb for r in runs]
            value = statistics.median(values)
            rss = statistics.median(r.rss_mb for r in runs)
            failed = [r.stderr[-300:] for r in runs if r.rc != 0]
            last = runs[-1]
            rows.append(
                {
                    "measurement": name,
                    "tree": str(tree) if tree else "installed",
                    "value": round(value, 3),
                    "unit": unit,
                    "target": f"<= {target:g} {unit}",
                    "met": value <= target and not failed,
                    "runs": [round(v, 3) for v in values],
                    "wall": round(statistics.median(r.wall for r in runs), 3),
                    "peak_rss_mb": round(rss, 1),
                    "load": loads,
                    "note": (note(last) + (f" FAILED: {failed[0]}" if failed else "")).strip(),
                }
            )

    copy = a.work / "trial.db"
    trials = [("ingest 10 new", a.new), ("ingest 10 duplicates", a.dup)][1 if a.skip_new else 0 :]
    for name, folder in trials:
        results = _trials(["ingest", "-q", "--db", str(copy), str(folder)], a.repeat, trees, a.db, copy)
        state = _state(copy)
        add(name, results, lambda r, state=state: f"{r.stderr.strip()}; {state}")
    base = ["timeline", "--db", str(a.db)]
    add("timeline --format jsonl", _trials([*base, "--format", "jsonl"], a.repeat, trees), lambda r: "")
    add("timeline (table)", _trials([*base, "--no-color"], a.repeat, trees), lambda r: "")
    median, largest = _ids(a.db)
    for name, ref in (("explain (median event)", median), ("explain (largest event)", largest)):
        results = _trials(["explain", ref, "--db", str(a.db), "--no-color"], a.repeat, trees, capture=True)
        add(name, results, lambda r, ref=ref: f"{ref}; {r.stdout.count(chr(10))} lines")
    if a.json:
        print(json.dumps(rows, indent=2))
        return 0
    print("| Measurement | Tree | Value | Target | Met | Runs | Wall | Peak RSS | Load (1/5/15 min) | Notes |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        runs_text = ", ".join(f"{v:g}" for v in r["runs"])  # type: ignore[attr-defined]
        loads_text = "; ".join(r["load"])  # type: ignore[arg-type]
        note = " ".join(str(r["note"]).split())
        print(
            f"| {r['measurement']} | {r['tree']} | {r['value']} {r['unit']} | {r['target']} "
            f"| {'met' if r['met'] else 'NOT met'} | {runs_text} | {r['wall']} s | {r['peak_rss_mb']} MB "
            f"| {loads_text} | {note} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
