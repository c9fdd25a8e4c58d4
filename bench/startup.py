"""Start-up of `patroltl --version`, `--help` and `timeline` on the samples' database (issue 17,
point 3: each under 0.2 s).

    python bench/startup.py                          # this checkout, median of 9
    python bench/startup.py --tree /tmp/old --tree .  # two checkouts, runs interleaved

Each run is a fresh process of the console script's entry point (``patroltl.cli:main``) with the
tree first on ``PYTHONPATH``, started from an empty folder (so the current folder shadows no tree);
wall time is measured around it and CPU time is the child's own (user + system). The runs of the
trees alternate, so a spell of load on the machine falls on all of them. Compile the bytecode first
(``python -m compileall -q patroltl``) when ``PYTHONDONTWRITEBYTECODE`` is set. ``timeline`` runs
with a warm cache of parsed knowledge files (``patroltl/parsecache.py``, in a temporary folder);
``timeline, cold cache`` with an empty cache folder each time (the first run after an edit).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
ENTRY = 'import sys; sys.argv[0] = "patroltl"; from patroltl.cli import main; main()'
TARGET_S = 0.2


def run(tree: Path, args: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", ENTRY, *args],
        env={**env, "PYTHONPATH": str(tree)},
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def speed_probe() -> float:
    """Seconds for a fixed pure-Python loop: how fast the machine is running just now (its speed
    moves with the load of its neighbours, which the load average does not always show)."""
    start = time.perf_counter()
    sum(i * i for i in range(2_000_000))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", action="append", type=Path, help="a checkout (default: this one); repeatable")
    parser.add_argument("--repeat", type=int, default=9)
    opts = parser.parse_args()
    trees = [t.resolve() for t in opts.tree or [REPO]]
    with tempfile.TemporaryDirectory(prefix="patroltl-startup-") as tmp:
        folder = Path(tmp)
        empty = folder / "cwd"
        empty.mkdir()
        db = folder / "samples.db"
        cache = folder / "cache"
        env = {k: v for k, v in os.environ.items() if not k.startswith("PATROLTL_")}
        env.update(PATROLTL_CACHE_DIR=str(cache), NO_COLOR="1")
        run(trees[-1], ["ingest", "--db", str(db), "-q", str(REPO / "data" / "samples")], env, empty)
        commands = {
            "--version": (["--version"], False),
            "--help": (["--help"], False),
            "timeline": (["timeline", "--db", str(db), "--no-color"], False),
            "timeline, cold cache": (["timeline", "--db", str(db), "--no-color"], True),
        }
        walls: dict[tuple[str, Path], list[float]] = {(c, t): [] for c in commands for t in trees}
        cpus: dict[tuple[str, Path], list[float]] = {(c, t): [] for c in commands for t in trees}
        loads: list[float] = []
        probes = [speed_probe()]
        for t in trees:  # warm each tree's cache and the file system's
            run(t, commands["timeline"][0], env, empty)
        for _ in range(opts.repeat):
            for name, (args, cold) in commands.items():
                for t in trees:
                    if cold:
                        shutil.rmtree(cache, ignore_errors=True)
                    wall, cpu = run(t, args, env, empty)
                    walls[(name, t)].append(wall)
                    cpus[(name, t)].append(cpu)
                    if cold:
                        run(t, commands["timeline"][0], env, empty)  # warm again for the next command
            loads.append(os.getloadavg()[0])
        probes.append(speed_probe())
    print(
        f"median of {opts.repeat}, load average {min(loads):.2f}-{max(loads):.2f}, {os.cpu_count()} CPUs, "
        f"speed probe {probes[0]:.2f} s before, {probes[1]:.2f} s after"
    )
    print(f"| command | {' | '.join(str(t) for t in trees)} |")
    print(f"|---|{'---|' * len(trees)}")
    for name in commands:
        cells = []
        for t in trees:
            w, c = walls[(name, t)], cpus[(name, t)]
            mark = "" if statistics.median(w) < TARGET_S else " (over 0.2)"
            cells.append(f"{statistics.median(w):.3f} s (min {min(w):.3f}, CPU {statistics.median(c):.3f}){mark}")
        print(f"| `{name}` | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
