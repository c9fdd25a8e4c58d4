"""Docs that cannot drift (sqlite-utils' way): the README's commands are the ones CI runs, and
every registered command and sub-command has help text and a README section."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import typer
from typer.core import TyperGroup

from patroltl.cli import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
HEADINGS = [line for line in README.splitlines() if line.startswith("### ")]


def commands(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("python3 -m venv")]


def registered(group: TyperGroup, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for name, command in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        if isinstance(command, TyperGroup):
            yield from registered(command, full + " ")
        else:
            yield full, command


def test_ci_runs_the_readme_test_command() -> None:
    readme = commands(README)
    assert len(readme) == 2, "one quick-start command and one test command"
    test_cmd = next(c for c in readme if "pytest" in c)
    assert test_cmd in commands(CI)


def test_every_command_has_help_text_and_a_readme_section() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    found = list(registered(group))
    assert len(found) >= 10
    for name, command in found:
        assert (command.help or "").strip(), f"`patroltl {name}` has no help text"
        heading = re.compile(rf"`patroltl {re.escape(name)}(?:[ `]|$)")
        assert any(heading.search(h) for h in HEADINGS), f"`patroltl {name}` has no README section"


def test_every_option_has_help_text() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    for name, command in registered(group):
        for param in command.params:
            if param.param_type_name == "option":
                assert (getattr(param, "help", "") or "").strip(), f"`patroltl {name} {param.opts[0]}` has no help text"
