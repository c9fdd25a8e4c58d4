"""Where the bundled domain data lives: data/ in a checkout, patroltl/_data in an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def data_dir() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data", here.parent / "data"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("patroltl's data folder is missing from this installation")


def data_path(name: str) -> Path:
    return data_dir() / name
