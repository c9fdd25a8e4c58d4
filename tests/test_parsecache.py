"""The cache of parsed knowledge files (``patroltl/parsecache.py``): used on the next load, never
trusted over the files themselves, never an error."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from patroltl import parsecache
from patroltl.environment import Environment
from patroltl.knowledge import DataError, Knowledge

from .conftest import ROOT

TYPES = '[type.protest]\nlabel = "Protest"\ntriggers = { words = ["protest"] }\n'


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "cache"
    parsecache.use(folder)
    yield folder
    parsecache.use(None)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The TOML texts parsed, in order."""
    seen: list[str] = []
    real: Callable[..., dict[str, Any]] = tomllib.loads

    def counting(text: str, **kw: Any) -> dict[str, Any]:
        seen.append(text)
        return real(text, **kw)

    monkeypatch.setattr(tomllib, "loads", counting)
    return seen


def entries(cache: Path) -> list[Path]:
    return sorted((cache / parsecache.SUBDIR).glob("*.marshal"))


def test_a_second_load_reads_the_cache_not_the_parser(cache: Path, parses: list[str]) -> None:
    first = Knowledge()
    types = [(t.name, t.label, t.color) for t in first.vocabulary.types]
    assert len(parses) == 1 and [p.name.split("-")[0] for p in entries(cache)] == ["event_types.toml"]
    again = Knowledge()  # a new process would start here: nothing in memory
    assert [(t.name, t.label, t.color) for t in again.vocabulary.types] == types
    assert again.vocabulary.get("patrol").triggers.search("A joint patrol was held.") is not None
    assert again.lexicon.get("calendar.months") == first.lexicon.get("calendar.months")
    assert len(parses) == 2  # the lexicon, once; the event types not again


def test_the_cached_tables_are_the_parsed_ones(cache: Path) -> None:
    from patroltl.knowledge.resources import read_toml

    for name in ("lang/en.toml", "event_types.toml", "outlets.toml", "tuning.toml", "names.toml"):
        path = ROOT / "data" / name
        assert read_toml(path) == tomllib.loads(path.read_text(encoding="utf-8"))  # written
        assert read_toml(path) == tomllib.loads(path.read_text(encoding="utf-8"))  # read back
    assert len(entries(cache)) == 5


def test_a_changed_file_is_parsed_again(cache: Path, parses: list[str], tmp_path: Path) -> None:
    user = tmp_path / "mine"
    user.mkdir()
    (user / "event_types.toml").write_text(TYPES, encoding="utf-8")
    assert Knowledge([user]).vocabulary.resolve_type("Protest") == "protest"
    assert Knowledge([user]).vocabulary.resolve_type("Protest") == "protest"
    assert len(parses) == 2  # the bundled file and the user's, once each
    # Same size, written at once (the same modification time on a coarse clock): still seen
    (user / "event_types.toml").write_text(TYPES.replace("protest", "protext"), encoding="utf-8")
    changed = Knowledge([user]).vocabulary
    assert changed.resolve_type("Protest") == "protext" and len(parses) == 3


def test_a_damaged_or_foreign_entry_is_ignored_and_written_again(cache: Path, parses: list[str]) -> None:
    good = Knowledge().outlets.outlets
    [entry] = entries(cache)
    for junk in (b"", b"not marshal at all", entry.read_bytes()[:-7], b"\xff" * 40):
        entry.write_bytes(junk)
        assert Knowledge().outlets.outlets == good
    import marshal

    key, data = marshal.loads(entry.read_bytes())
    entry.write_bytes(marshal.dumps((key, {"outlet": []})))  # another's table under this key: used
    assert Knowledge().outlets.outlets == ()
    entry.write_bytes(marshal.dumps(("another version", data)))
    assert Knowledge().outlets.outlets == good
    entry.write_bytes(marshal.dumps([key, data]))  # not the entry's shape
    assert Knowledge().outlets.outlets == good
    assert len(parses) == 1 + 4 + 2  # not for the entry of the right key


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path, parses: list[str]) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be")
    parsecache.use(blocked)
    try:
        assert Knowledge().vocabulary.resolve_type("patrol") == "patrol"
        assert Knowledge().vocabulary.resolve_type("patrol") == "patrol"
    finally:
        parsecache.use(None)
    assert len(parses) == 2 and blocked.read_text().startswith("a file")


def test_a_broken_file_is_reported_each_time_never_cached(cache: Path, tmp_path: Path) -> None:
    user = tmp_path / "mine"
    user.mkdir()
    (user / "tuning.toml").write_text("[cluster]\njoin_at = \n")
    for _ in range(2):
        with pytest.raises(DataError, match=r"tuning\.toml"):
            _ = Knowledge([user]).tuning
    assert not parsecache._entry(cache, (user / "tuning.toml").resolve()).exists()
    assert parsecache._entry(cache, ROOT / "data" / "tuning.toml").exists()  # the bundled one, read first


def test_no_cache_unless_the_shell_names_one(tmp_path: Path, parses: list[str]) -> None:
    assert parsecache.folder() is None
    for _ in range(2):
        assert Knowledge().vocabulary.resolve_type("patrol") == "patrol"
    assert len(parses) == 2


def test_where_the_cache_is() -> None:
    def where(**variables: str) -> Path | None:
        return Environment(sys.stdin.buffer, sys.stdout, sys.stderr, date(2020, 1, 1), variables).cache_dir

    assert where(HOME="/home/u") == Path("/home/u/.cache/patroltl")
    assert where(HOME="/home/u", XDG_CACHE_HOME="/var/c") == Path("/var/c/patroltl")
    assert where(HOME="/home/u", XDG_CACHE_HOME="relative") == Path("/home/u/.cache/patroltl")
    assert where(HOME="/home/u", PATROLTL_CACHE_DIR="/tmp/c") == Path("/tmp/c")
    assert where(HOME="/home/u", PATROLTL_CACHE_DIR="/tmp/c", PATROLTL_NO_CACHE="1") is None
    assert where() is None


def _cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    probe = (
        "import sys\nfrom patroltl.cli import main\nsys.argv = ['patroltl', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('TOMLLIB', 'tomllib' in sys.modules)"
    )
    return subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=True, env=env, cwd=ROOT
    )


def test_the_command_line_parses_the_files_once_and_shows_the_same(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PATROLTL_CACHE_DIR": str(tmp_path / "cache")}
    _cli(["ingest", "-q", "--db", str(db), str(ROOT / "data" / "samples")], env)
    shown = ["timeline", "--db", str(db), "--no-color"]
    cached = _cli(shown, env).stdout
    assert cached.endswith("TOMLLIB False\n")  # the ingest kept every table the timeline reads
    plain = _cli(shown, {**env, "PATROLTL_NO_CACHE": "1"}).stdout
    assert plain.endswith("TOMLLIB True\n")
    assert cached.rsplit("TOMLLIB", 1)[0] == plain.rsplit("TOMLLIB", 1)[0] and "2019" in plain
