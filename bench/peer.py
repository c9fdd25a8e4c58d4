"""patroltl against the pipeline an analyst writes by hand (issue 17): for each article,
``dateparser.search.search_dates`` over its text for the dates and ``geotext.GeoText`` for the
places, side by side in one run with ``patroltl ingest`` of the same articles.

    .venv/bin/pip install -e '.[bench]'          # dateparser and geotext
    .venv/bin/python bench/peer.py               # the development corpus, 3 runs of each
    .venv/bin/python bench/peer.py ARTICLES_DIR --repeat 5 --json

The development corpus is ``../shared/corpus/articles`` beside the clone (in CI) or
``/work/shared/corpus/articles``. Each pipeline runs in a fresh process (its imports and start-up
count, as they do for an analyst's run), alternately, and the median wall time of each is reported
with the ratio patroltl / peer. The target: at most 0.02.

The peer does less than patroltl: it finds date strings and place names, with no events, no
grounding of the dates in the article's time, no deduplication and no database. Its dates are
whatever ``search_dates`` returns with its default settings (languages detected per text), its
places GeoText's cities and countries.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPORA = (REPO.parent / "shared" / "corpus" / "articles", Path("/work/shared/corpus/articles"))
TARGET_RATIO = 0.02


def peer(paths: list[Path], languages: list[str] | None = None) -> dict[str, int]:
    """The hand-written pipeline over ``paths``: how many dates and places it found."""
    from dateparser.search import search_dates
    from geotext import GeoText

    dates = places = 0
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        found = search_dates(text, languages=languages) or []
        geo = GeoText(text)
        dates += len(found)
        places += len(geo.cities) + len(geo.countries)
    return {"articles": len(paths), "dates": dates, "places": places}


def _timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return seconds, proc.stdout.strip() or proc.stderr.strip().splitlines()[-1]


def _corpus(given: Path | None) -> Path:
    for path in (given,) if given else CORPORA:
        if path is not None and path.is_dir():
            return path
    raise SystemExit("no corpus: give the articles folder (the development corpus is ../shared/corpus/articles)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, help="a folder of articles (default: the development corpus)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each pipeline (the median is reported)")
    ap.add_argument("--languages", help="comma-separated languages for search_dates (default: detected)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--peer-only", action="store_true", help=argparse.SUPPRESS)  # the peer's own process
    args = ap.parse_args()
    corpus = _corpus(args.corpus)
    paths = sorted(p for p in corpus.iterdir() if p.is_file())
    languages = args.languages.split(",") if args.languages else None
    if args.peer_only:
        print(json.dumps(peer(paths, languages)))
        return
    peer_cmd = [sys.executable, str(Path(__file__).resolve()), str(corpus), "--peer-only"]
    if args.languages:
        peer_cmd += ["--languages", args.languages]
    patroltl = Path(sys.executable).with_name("patroltl")
    env = {k: v for k, v in os.environ.items() if k != "PATROLTL_DB"}
    times: dict[str, list[float]] = {"peer": [], "patroltl": []}
    said: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="patroltl-peer-") as tmp:
        db = Path(tmp) / "db.sqlite"
        for _ in range(args.repeat):
            seconds, said["peer"] = _timed(peer_cmd, env)
            times["peer"].append(seconds)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            seconds, said["patroltl"] = _timed([str(patroltl), "ingest", "-q", "--db", str(db), str(corpus)], env)
            times["patroltl"].append(seconds)
    peer_s, ours_s = statistics.median(times["peer"]), statistics.median(times["patroltl"])
    result = {
        "articles": len(paths),
        "peer_s": round(peer_s, 3),
        "patroltl_s": round(ours_s, 3),
        "ratio": round(ours_s / peer_s, 4),
        "target": TARGET_RATIO,
        "met": ours_s / peer_s <= TARGET_RATIO,
        "runs": {k: [round(s, 3) for s in v] for k, v in times.items()},
        "peer_found": json.loads(said["peer"]),
        "patroltl_said": said["patroltl"],
        "load": os.getloadavg(),
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"{len(paths)} articles of {corpus}, median of {args.repeat} runs each (load {os.getloadavg()[0]:.2f}):")
    print(f"  peer (dateparser.search_dates + geotext): {peer_s:.2f} s  {result['peer_found']}")
    print(f"  patroltl ingest:                          {ours_s:.2f} s  ({said['patroltl']})")
    print(f"  ratio {result['ratio']:.4f} (target <= {TARGET_RATIO}): {'met' if result['met'] else 'NOT met'}")


if __name__ == "__main__":
    main()
