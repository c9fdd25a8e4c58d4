"""The quality gate, as trafilatura guards its extraction: score the chronology of the sample and
development corpora with the project's scorer and fail below the pinned floors. The floors hold
only for the corpus they were pinned on, so its digest is pinned beside them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .quality_gate import CORPORA, below, digest, load_floors, measure

FLOORS = load_floors()


def corpus_here(name: str) -> None:
    articles = CORPORA[name][0]
    if articles.is_dir():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{articles} is missing: in CI the quality gate must run, not skip")
    pytest.skip(f"{articles} is not here")


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_the_corpus_is_the_one_the_floors_were_pinned_on(name: str) -> None:
    corpus_here(name)
    assert digest(name) == FLOORS[name]["digest"], (
        f"{name} changed since its floors were pinned: re-pin once with python -m tests.quality_gate --repin {name}"
    )


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_scores_stay_above_the_floors(name: str, tmp_path: Path) -> None:
    corpus_here(name)
    got = measure(name, tmp_path)
    floors = FLOORS[name]["floors"]
    assert isinstance(floors, dict)
    low = below(got, floors)
    assert not low, f"{name}: below the quality floors (got, floor): {low}"
