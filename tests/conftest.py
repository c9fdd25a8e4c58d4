"""Test isolation: no test touches a real database or depends on the terminal it runs in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def cache_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache of parsed knowledge files for the session's commands (no test writes to a real
    home's ~/.cache); a test of the cache itself uses its own folder."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_root: Path) -> Iterator[Path]:
    from patroltl import parsecache

    db = tmp_path / "test.db"
    monkeypatch.setenv("PATROLTL_CACHE_DIR", str(cache_root))
    monkeypatch.setenv("PATROLTL_DB", str(db))
    monkeypatch.setenv("TERMINAL_WIDTH", "120")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("_TYPER_FORCE_DISABLE_TERMINAL", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    yield db
    parsecache.use(None)  # a test that ran `main` in this process turned the cache on
