"""The one way the project builds a Rich console, apart from the views so that a command that only
prints a line or two loads no view machinery (start-up, issue 17)."""

from __future__ import annotations

import os
from typing import IO, Literal

from rich.console import Console

ColorSystem = Literal["auto", "standard", "256", "truecolor", "windows"]


def make_console(
    *,
    file: IO[str] | None = None,
    no_color: bool = False,
    width: int | None = None,
    color_system: ColorSystem | None = "auto",
    force_terminal: bool | None = None,
) -> Console:
    """The one way the project builds a console: no markup, emoji or highlighting of its own; no colour
    with --no-color or NO_COLOR; plain (no escape codes at all) when the output is not a terminal."""
    return Console(
        file=file,
        no_color=no_color or bool(os.environ.get("NO_COLOR")),
        width=width,
        color_system=color_system,
        force_terminal=force_terminal,
        highlight=False,
        emoji=False,
        markup=False,
    )
