"""The quality gate's measuring half, shared by the test and by ``python -m tests.quality_gate``.

As trafilatura's eval gate does, the floors in ``quality_floors.json`` are pinned together with a
SHA-256 digest of the evaluation data they were measured on: a floor means nothing on other data.

    python -m tests.quality_gate            # print the scores and whether they clear the floors
    python -m tests.quality_gate --raise    # raise every floor the tree now beats (never lowers)
    python -m tests.quality_gate --repin NAME  # the corpus changed: pin NAME to what the tree measures

``--repin`` is the only way a floor goes down, and it records the new digest beside the floors.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FLOORS_FILE = Path(__file__).parent / "quality_floors.json"
# The scorer prints three decimals; a floor is met when the score is within rounding of it.
EPSILON = 0.0005

CORPORA: dict[str, tuple[Path, Path, Path, Path | None]] = {
    "seeds": (
        SHARED / "seeds",
        SHARED / "eval" / "seeds.gold.jsonl",
        SHARED / "eval" / "seeds.clusters.json",
        None,
    ),
    "corpus": (
        SHARED / "corpus" / "articles",
        SHARED / "corpus" / "gold.jsonl",
        SHARED / "corpus" / "clusters.json",
        SHARED / "corpus" / "place_variants.tsv",
    ),
    # Short articles of our own in the house styles of outlets in neither corpus, one folder a round
    # (tests/probes*/README.md).
    **{
        name: (
            ROOT / "tests" / name / "articles",
            ROOT / "tests" / name / "gold.jsonl",
            ROOT / "tests" / name / "clusters.json",
            None,
        )
        for name in (
            "probes",
            "probes2",
            "probes3",
            "probes4",
            "probes5",
            "probes6",
            "probes7",
            "probes8",
            "probes9",
            "probes10",
            "probes11",
            "probes12",
            "probes13",
            "probes14",
            "probes15",
            "probes16",
            "probes17",
            "probes18",
            "probes19",
            "probes20",
            "probes21",
            "probes22",
            "probes23",
            "probes24",
            "probes25",
            "probes26",
            "probes27",
            "probes28",
            "probes29",
            "probes30",
            "probes31",
            "probes32",
            "probes33",
            "probes34",
            "probes35",
            "probes36",
        )
    },
}


def digest(name: str) -> str:
    """SHA-256 over the corpus's article files and gold files, by relative name and content."""
    articles, *gold = CORPORA[name]
    files = sorted(p for p in articles.rglob("*") if p.is_file())
    files += [p for p in gold if p is not None]
    h = hashlib.sha256()
    for path in files:
        rel = (path.relative_to(SHARED) if path.is_relative_to(SHARED) else path.relative_to(ROOT)).as_posix()
        h.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def measure(name: str, workdir: Path) -> dict[str, float]:
    """Ingest the corpus into a fresh database, export the chronology and run the shared scorer."""
    from typer.testing import CliRunner

    from patroltl.cli import app

    articles, gold, clusters, variants = CORPORA[name]
    db = workdir / f"{name}.db"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", "--db", str(db), "-q", str(articles)])
    if result.exit_code != 0:
        raise RuntimeError(f"ingest of {name} failed ({result.exit_code}): {result.stderr}")
    result = runner.invoke(app, ["timeline", "--db", str(db), "--format", "json"])
    if result.exit_code != 0:
        raise RuntimeError(f"timeline of {name} failed ({result.exit_code}): {result.stderr}")
    pred = workdir / f"{name}.json"
    pred.write_text(result.stdout, encoding="utf-8")
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold), "--clusters", str(clusters)]
    if variants:
        cmd += ["--variants", str(variants)]
    text = subprocess.run([*cmd, str(pred)], capture_output=True, text=True, check=True).stdout
    return parse_score(text)


def parse_score(text: str) -> dict[str, float]:
    last = text.strip().splitlines()[-1]
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", last)}


def load_floors() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))
    return data


def below(got: dict[str, float], floors: dict[str, float]) -> dict[str, tuple[float, float]]:
    return {k: (got.get(k, 0.0), f) for k, f in floors.items() if got.get(k, 0.0) + EPSILON < f}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raise", dest="raise_", action="store_true", help="raise the floors the tree beats")
    parser.add_argument("--repin", metavar="NAME", action="append", default=[], help="re-pin a changed corpus")
    args = parser.parse_args(argv)
    data = load_floors()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for name in CORPORA:
            if not CORPORA[name][0].is_dir():
                print(f"{name}: not here")
                continue
            got = measure(name, Path(tmp))
            entry = data[name]
            floors: dict[str, float] = dict(entry["floors"])  # type: ignore[call-overload]
            line = " ".join(f"{k}={v:.3f}" for k, v in got.items())
            if name in args.repin and entry.get("digest") == digest(name):
                print(f"{name}: not re-pinned: the corpus is the one its floors were pinned on")
                ok = False
            elif name in args.repin:
                entry["floors"] = {k: got[k] for k in floors}
                entry["digest"] = digest(name)
                print(f"{name}: re-pinned to {line}")
                continue
            elif entry.get("digest") != digest(name):
                print(f"{name}: the corpus changed since its floors were pinned (use --repin {name})")
                ok = False
                continue
            if args.raise_:
                entry["floors"] = {k: max(f, got.get(k, 0.0)) for k, f in floors.items()}
            low = below(got, floors)
            ok = ok and not low
            print(f"{name}: {line}" + (f"  BELOW {low}" if low else ""))
    if args.raise_ or args.repin:
        FLOORS_FILE.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
