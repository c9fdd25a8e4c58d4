"""One error family, caught once in the CLI, and the exit codes it maps to."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1  # some inputs failed; the rest went through
    USAGE = 2
    STORE = 3  # the database could not be used


class PatroltlError(Exception):
    """A problem the user can fix; its message is shown as one line, never a traceback."""

    exit_code: ExitCode = ExitCode.FAILED


class InputError(PatroltlError):
    """One input (file, row) could not be read; the batch goes on."""


class StoreError(PatroltlError):
    exit_code = ExitCode.STORE


class UsageError(PatroltlError):
    exit_code = ExitCode.USAGE
