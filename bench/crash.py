"""Crash and concurrency guarantees, measured (issue 16).

    .venv/bin/python bench/crash.py                     # 10 SIGKILLs, 10 runs each of 2 and 4 writers
    .venv/bin/python bench/crash.py --kills 3 --runs 2 --articles 400

1. SIGKILL at random points: ``patroltl ingest`` of a generated corpus (enough files that patroltl
   starts its worker processes) is killed after a random delay within a full run's time. Then: are
   any of its workers still alive 3 s later; is ``PRAGMA integrity_check`` ok; does a re-run
   complete; does the database then hold exactly the reference run's articles (no duplicate) and
   tell the same chronology?
2. Concurrent writers: the corpus split into 2 (or 4) folders, ingested at once by as many
   processes into one new database. Then: did every one exit 0; are the stored articles exactly
   the reference's (by content, none lost, none twice); do the stored events cover every mention
   (the staleness the issue found in 5 of 17 runs); is the chronology the reference's?
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))


def patroltl_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "patroltl"
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from patroltl.cli import main; main()"]


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "PATROLTL_DB")}
    e.update(NO_COLOR="1", PYTHONPATH=str(REPO))
    return e


def ingest(db: Path, *folders: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*patroltl_cmd(), "ingest", "-q", "--db", str(db), *map(str, folders)],
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def facts(db: Path) -> dict[str, object]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        hashes = [h for (h,) in conn.execute("SELECT content_hash FROM articles")]
        clustered = conn.execute("SELECT COUNT(*) FROM event_mentions").fetchone()[0]
        unplanned = conn.execute("SELECT COUNT(*) FROM mentions WHERE planned = 0").fetchone()[0]
        return {
            "integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
            "hashes": sorted(hashes),
            "duplicates": len(hashes) - len(set(hashes)),
            "mentions": conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0],
            "covered": clustered == unplanned,
            "clustered": clustered,
            "unplanned": unplanned,
            "events": conn.execute("SELECT COUNT(*) FROM events").fetchone()[0],
        }
    finally:
        conn.close()


def chronology(db: Path) -> list[tuple[str, str, str, int]]:
    done = subprocess.run(
        [*patroltl_cmd(), "timeline", "--format", "json", "--db", str(db)], env=env(), capture_output=True, check=True
    )
    events = json.loads(done.stdout)["events"]
    return sorted((e["id"], e["type"], e["date"]["start"], len(e["mentions"])) for e in events)


def kill_trials(
    corpus: Path, work: Path, reference: dict[str, object], ref_chronology: object, n: int, full: float
) -> list[str]:
    rng = random.Random(16)
    lines = [
        "| trial | killed after | workers seen | alive 3 s later | integrity | stored at the kill | re-run "
        "| articles = reference | duplicates | chronology = reference |",
        "|---:|---:|---:|---:|---|---:|---|---|---:|---|",
    ]
    for trial in range(1, n + 1):
        db = work / f"kill-{trial}.db"
        delay = rng.uniform(0.3, 0.9 * full)
        proc = ingest(db, corpus)
        seen: set[int] = set()
        t0 = time.monotonic()
        while time.monotonic() - t0 < delay and proc.poll() is None:
            seen |= children(proc.pid)
            time.sleep(0.02)
        seen |= children(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert proc.stderr is not None
        proc.stderr.close()
        time.sleep(3)
        left = [pid for pid in seen if alive(pid)]
        for pid in left:  # not to spoil the next trial
            os.kill(pid, signal.SIGKILL)
        killed = facts(db) if db.exists() else None
        integrity = killed["integrity"] if killed else "no database yet"
        stored = len(killed["hashes"]) if killed else 0  # type: ignore[arg-type]
        rerun = subprocess.run(
            [*patroltl_cmd(), "ingest", "-q", "--db", str(db), str(corpus)], env=env(), capture_output=True
        )
        after = facts(db)
        same = "yes" if after["hashes"] == reference["hashes"] else "NO"
        told = "yes" if chronology(db) == ref_chronology else "NO"
        lines.append(
            f"| {trial} | {delay:.1f} s | {len(seen)} | {len(left)} | {integrity} | {stored} | "
            f"exit {rerun.returncode} | {same} | {after['duplicates']} | {told} |"
        )
        print(lines[-1], file=sys.stderr, flush=True)
    return lines


def writer_trials(
    corpus: Path, work: Path, reference: dict[str, object], ref_chronology: object, writers: int, runs: int
) -> list[str]:
    files = sorted(corpus.iterdir())
    parts = []
    for j in range(writers):
        part = work / f"part-{writers}-{j}"
        part.mkdir()
        for p in files[j::writers]:
            os.link(p, part / p.name)
        parts.append(part)
    lines = []
    for run in range(1, runs + 1):
        db = work / f"writers-{writers}-{run}.db"
        t0 = time.perf_counter()
        procs = [ingest(db, part) for part in parts]
        codes = []
        for p in procs:
            p.communicate()
            codes.append(p.returncode)
        wall = time.perf_counter() - t0
        after = facts(db)
        lost = len(set(reference["hashes"]) - set(after["hashes"]))  # type: ignore[arg-type]
        covered = f"{after['clustered']}/{after['unplanned']} {'yes' if after['covered'] else 'NO'}"
        told = "yes" if chronology(db) == ref_chronology else "NO"
        lines.append(
            f"| {writers} | {run} | {wall:.1f} s | {' '.join(map(str, codes))} | {after['integrity']} | {lost} | "
            f"{after['duplicates']} | {covered} | {told} |"
        )
        print(lines[-1], file=sys.stderr, flush=True)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--runs", type=int, default=10, help="runs for each number of writers")
    parser.add_argument("--writers", default="2,4")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    from generate import generate  # type: ignore[import-not-found]

    with tempfile.TemporaryDirectory(prefix="patroltl-crash-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        generate(corpus, args.articles, seed=args.seed)
        ref_db = work / "reference.db"
        t0 = time.perf_counter()
        done = subprocess.run(
            [*patroltl_cmd(), "ingest", "-q", "--db", str(ref_db), str(corpus)], env=env(), capture_output=True
        )
        full = time.perf_counter() - t0
        print(f"reference ingest of {args.articles} articles: {full:.1f} s, exit {done.returncode}", file=sys.stderr)
        reference = facts(ref_db)
        ref_chronology = chronology(ref_db)
        articles = len(reference["hashes"])  # type: ignore[arg-type]
        print(f"reference: {articles} articles, {reference['mentions']} mentions, {reference['events']} events")
        print()
        print("\n".join(kill_trials(corpus, work, reference, ref_chronology, args.kills, full)))
        print()
        print(
            "| writers | run | wall | exit codes | integrity | lost | duplicates | events cover mentions "
            "| chronology = reference |"
        )
        print("|---:|---:|---:|---|---|---:|---:|---|---|")
        for writers in (int(w) for w in args.writers.split(",") if w):
            print("\n".join(writer_trials(corpus, work, reference, ref_chronology, writers, args.runs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
