"""The cost of cross-source dating (issue 13): ingest one generated corpus with the fixed point
(the default ``[crossdate] max_rounds``) and without it (``max_rounds = 0``, a data folder that
says so), in fresh processes, and report the wall time of each, their ratio, peak memory and how
many articles other sources dated.

    .venv/bin/python bench/crossdate.py --articles 10000
    .venv/bin/python bench/crossdate.py --articles 100000 --keep /tmp/xd

The target: ingest with cross-source dating within 1.5 times ingest without it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PATROLTL = Path(sys.executable).with_name("patroltl")


def _run(args: list[str]) -> tuple[float, int, float]:
    """Wall seconds, the child's peak RSS in MB, and its CPU seconds (user and system, its worker
    processes included): on a shared machine the CPU time moves less with the load."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({status})")
    return seconds, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


def _cross_dated(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        dated = conn.execute(
            "SELECT COUNT(*) FROM cross_dates WHERE published_json NOT LIKE '%other sources disagree%'"
        )
        n = int(dated.fetchone()[0])
        wide = conn.execute(
            "SELECT COUNT(*) FROM articles WHERE julianday(published_end) - julianday(published_start) > 3"
        )
        return n, int(wide.fetchone()[0])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="keep the corpus and the databases here")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="patroltl-xd-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus"
    if not corpus.exists():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                str(corpus),
                "--articles",
                str(args.articles),
                "--seed",
                str(args.seed),
            ],
            check=True,
        )
    off = work / "no-crossdate"
    off.mkdir(exist_ok=True)
    (off / "tuning.toml").write_text("[crossdate]\nmax_rounds = 0\n", encoding="utf-8")
    results = {}
    for name, data in (("without", off), ("with", None)):
        db = work / f"{name}.db"
        db.unlink(missing_ok=True)
        cmd = [str(PATROLTL)]
        if data is not None:
            cmd += ["--data-dir", str(data)]
        cmd += ["ingest", "-q", "--db", str(db), str(corpus)]
        load = os.getloadavg()[0]
        seconds, rss, cpu = _run(cmd)
        dated, wide = _cross_dated(db)
        results[name] = {
            "seconds": round(seconds, 1),
            "cpu_seconds": round(cpu, 1),
            "peak_mb": rss,
            "cross_dated": dated,
            "wide_articles": wide,
            "load": [round(load, 2), round(os.getloadavg()[0], 2)],
        }
    results["ratio"] = round(results["with"]["seconds"] / results["without"]["seconds"], 2)
    results["cpu_ratio"] = round(results["with"]["cpu_seconds"] / results["without"]["cpu_seconds"], 2)
    results["articles"] = args.articles
    if args.json:
        print(json.dumps(results))
    else:
        w, wo = results["with"], results["without"]
        print(
            f"{args.articles:,} articles: ingest {wo['seconds']} s without cross-source dating, "
            f"{w['seconds']} s with it"
        )
        print(f"  ratio {results['ratio']} (target <= 1.5); peak RSS {wo['peak_mb']} MB / {w['peak_mb']} MB")
        print(
            f"  CPU {wo['cpu_seconds']} s / {w['cpu_seconds']} s (ratio {results['cpu_ratio']}); "
            f"load average {wo['load']} / {w['load']} (at start, at end)"
        )
        print(
            f"  {w['wide_articles']:,} articles with a wide publication interval; {w['cross_dated']:,} dated by others"
        )
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
