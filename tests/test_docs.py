"""The README's commands are the ones CI runs, and every command is documented."""

from __future__ import annotations

import re

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def commands(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("python3 -m venv")]


def test_ci_runs_the_readme_test_command() -> None:
    readme = commands(README)
    assert len(readme) == 2, "one quick-start command and one test command"
    test_cmd = next(c for c in readme if "pytest" in c)
    assert test_cmd in commands(CI)


def test_every_command_has_a_readme_section() -> None:
    for name in ("ingest", "timeline", "diff-sources", "explain", "events merge", "show", "places resolve"):
        assert re.search(rf"^### `patroltl {re.escape(name)}", README, re.MULTILINE), name
