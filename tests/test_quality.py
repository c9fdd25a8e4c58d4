"""The quality gate, as trafilatura guards its extraction: score the chronology of the sample and
development corpora with the project's scorer and fail below the pinned floors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from patroltl.cli import app

from .conftest import SHARED

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())
CORPORA = {
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
}


def score(name: str, tmp_path: Path) -> dict[str, float]:
    articles, gold, clusters, variants = CORPORA[name]
    if not articles.is_dir():
        pytest.skip(f"{articles} is not here")
    db = tmp_path / f"{name}.db"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", "--db", str(db), "-q", str(articles)])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["timeline", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    pred = tmp_path / f"{name}.json"
    pred.write_text(result.stdout, encoding="utf-8")
    cmd = [
        sys.executable,
        str(SHARED / "eval" / "score.py"),
        "--gold",
        str(gold),
        "--clusters",
        str(clusters),
    ]
    if variants:
        cmd += ["--variants", str(variants)]
    out = subprocess.run([*cmd, str(pred)], capture_output=True, text=True, check=True).stdout
    last = out.strip().splitlines()[-1]
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", last)}


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_scores_stay_above_the_floors(name: str, tmp_path: Path) -> None:
    got = score(name, tmp_path)
    low = {k: (got.get(k, 0.0), floor) for k, floor in FLOORS[name].items() if got.get(k, 0.0) < floor}
    assert not low, f"{name}: below the quality floors (got, floor): {low}"
