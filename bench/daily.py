"""Daily use on a large database (issue 17): the day's new articles, duplicates, the views.

    python bench/daily.py --db BIG.db --new NEW_DIR --dup DUP_DIR [--work DIR] [--repeat 3] [--json]

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
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import sys
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


def _trials(args: list[str], repeat: int, before: list[str] | None = None) -> tuple[list[Run], list[str]]:
    runs, loads = [], []
    for _ in range(repeat):
        if before:
            measure(before)
        loads.append(_load())
        runs.append(measure(args, capture=True))
    return runs, loads


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
    a = parser.parse_args(argv)
    a.work.mkdir(parents=True, exist_ok=True)
    exe = patroltl_cmd()
    rows: list[dict[str, object]] = []

    def add(name: str, runs: list[Run], loads: list[str], note: str = "") -> None:
        unit, target = TARGETS[name]
        values = [r.wall for r in runs] if unit == "s" else [r.rss_mb for r in runs]
        value = statistics.median(values)
        rss = statistics.median(r.rss_mb for r in runs)
        failed = [r.stderr[-300:] for r in runs if r.rc != 0]
        rows.append(
            {
                "measurement": name,
                "value": round(value, 3),
                "unit": unit,
                "target": f"<= {target:g} {unit}",
                "met": value <= target and not failed,
                "runs": [round(v, 3) for v in values],
                "peak_rss_mb": round(rss, 1),
                "load": loads,
                "note": (note + (f" FAILED: {failed[0]}" if failed else "")).strip(),
            }
        )

    copy = a.work / "trial.db"
    trials = [("ingest 10 new", a.new), ("ingest 10 duplicates", a.dup)][1 if a.skip_new else 0 :]
    for name, folder in trials:
        runs, loads, ways = [], [], []
        for _ in range(a.repeat):
            _copy(a.db, copy)
            loads.append(_load())
            runs.append(measure([*exe, "ingest", "-q", "--db", str(copy), str(folder)], capture=True))
            ways.append(_state(copy))
        add(name, runs, loads, f"{runs[-1].stderr.strip().splitlines()[-1] if runs[-1].stderr else ''}; {ways[-1]}")
    base = [*exe, "timeline", "--db", str(a.db)]
    runs, loads = _trials([*base, "--format", "jsonl"], a.repeat)
    add("timeline --format jsonl", runs, loads, f"{runs[-1].wall:.1f} s; {len(runs[-1].stdout.splitlines())} events")
    runs, loads = _trials([*base, "--no-color"], a.repeat)
    add("timeline (table)", runs, loads, f"{runs[-1].wall:.1f} s")
    median, largest = _ids(a.db)
    for name, ref in (("explain (median event)", median), ("explain (largest event)", largest)):
        runs, loads = _trials([*exe, "explain", ref, "--db", str(a.db), "--no-color"], a.repeat)
        add(name, runs, loads, f"{ref}; {len(runs[-1].stdout.splitlines())} lines")
    if a.json:
        print(json.dumps(rows, indent=2))
        return 0
    print("| Measurement | Value | Target | Met | Runs | Peak RSS | Load (1/5/15 min) | Notes |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        runs_text = ", ".join(f"{v:g}" for v in r["runs"])  # type: ignore[attr-defined]
        loads_text = "; ".join(r["load"])  # type: ignore[arg-type]
        print(
            f"| {r['measurement']} | {r['value']} {r['unit']} | {r['target']} | {'met' if r['met'] else 'NOT met'} "
            f"| {runs_text} | {r['peak_rss_mb']} MB | {loads_text} | {r['note']} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
