"""The README's examples are the tool's real output: every `$ patroltl ...` line of README.md with
output under it is run, in order, on one fresh database from the repository's root (so `ingest
data/` ingests the bundled samples), at 100 columns without colour, and what it prints (standard
output, then standard error) must be what the README shows. A line `...` stands for any lines.

`PATROLTL_UPDATE_GOLDEN=1` rewrites the README's outputs from what the commands print (keeping each
example's `...` where it was: as many lines before it and after it as there were): check the diff.
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from patroltl.cli import app

from .conftest import ROOT

README = ROOT / "README.md"
UPDATE = os.environ.get("PATROLTL_UPDATE_GOLDEN") == "1"
GAP = "..."


@dataclass
class Example:
    line: int  # the index of the `$ patroltl` line in the README
    command: list[str]
    expected: list[str]


def examples(lines: list[str]) -> list[Example]:
    """Each `$ patroltl` line of an indented block, with the block's lines under it up to the next `$`."""
    found: list[Example] = []
    i = 0
    while i < len(lines):
        m = re.match(r"^    \$ patroltl (.*)$", lines[i])
        if not m:
            i += 1
            continue
        command = shlex.split(m.group(1), comments=True)
        j = i + 1
        while j < len(lines) and (lines[j].startswith("    ") or not lines[j].strip()):
            if lines[j].startswith("    $ "):
                break
            j += 1
        body = [line[4:].rstrip() for line in lines[i + 1 : j]]
        while body and not body[-1]:
            body.pop()
        found.append(Example(i, command, body))
        i = j
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line, a `...` line matching any run of lines (none included)."""
    if not expected:
        return not actual
    if expected[0] == GAP:
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def updated(expected: list[str], actual: list[str]) -> list[str]:
    if GAP not in expected:
        return actual
    head = expected.index(GAP)
    tail = len(expected) - 1 - max(i for i, line in enumerate(expected) if line == GAP)
    return [*actual[:head], GAP, *(actual[len(actual) - tail :] if tail else [])]


def test_the_readme_examples_are_real_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    env = {
        "PATROLTL_DB": str(tmp_path / "readme.db"),
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "TERMINAL_WIDTH": "100",
        "_TYPER_FORCE_DISABLE_TERMINAL": "1",
    }
    lines = README.read_text(encoding="utf-8").split("\n")
    runner = CliRunner()
    wrong = []
    for ex in examples(lines):
        if not ex.expected:
            continue  # an example that shows no output (it reads files the README only describes)
        result = runner.invoke(app, ex.command, env=env)
        actual = [line.rstrip() for line in (result.stdout + result.stderr).rstrip("\n").split("\n")]
        if not matches(ex.expected, actual):
            wrong.append((ex, actual))
    if UPDATE:
        for ex, actual in sorted(wrong, key=lambda w: -w[0].line):
            new = updated(ex.expected, actual)
            start = ex.line + 1
            lines[start : start + len(ex.expected)] = [("    " + line).rstrip() for line in new]
        README.write_text("\n".join(lines), encoding="utf-8")
        return
    assert not wrong, "README examples that are not the real output:\n" + "\n\n".join(
        f"$ patroltl {shlex.join(ex.command)}\n--- README\n" + "\n".join(ex.expected) + "\n--- real\n" + "\n".join(a)
        for ex, a in wrong
    )


def test_the_gap_matches_any_lines() -> None:
    assert matches(["a", GAP, "d"], ["a", "b", "c", "d"])
    assert matches(["a", GAP], ["a"])
    assert not matches(["a", GAP, "d"], ["a", "b", "c"])
    assert not matches(["a"], ["a", "b"])
    assert updated(["a", GAP, "z"], ["1", "2", "3", "4"]) == ["1", GAP, "4"]
