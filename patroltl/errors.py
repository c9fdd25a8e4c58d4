"""One error family, caught once in the CLI, and the exit codes it maps to."""

from __future__ import annotations

import re
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


# C0 and C1 controls (newline and tab too: a name must stay on its line), bidi overrides and
# isolates, zero-width and invisible characters, and lone surrogates (bytes of a file name that
# were not UTF-8, as os.fsdecode keeps them).
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
    "\U000e0000-\U000e007f\ud800-\udfff]"
)


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    if "\udc80" <= ch <= "\udcff":  # an undecodable byte of a file name: show the byte
        return f"\\x{ord(ch) - 0xDC00:02x}"
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """A name, path, id or option value as it can be shown on a terminal or stored as UTF-8: every
    control, invisible or bidi character and every undecodable byte becomes a visible escape
    (``\\x1b``, ``\\x0a``, ``\\u202e``, ``\\xff``), so no escape sequence reaches the terminal and no
    newline forges a line of the log."""
    return _UNPRINTABLE.sub(_escape, text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with the bytes os.fsdecode could not decode (lone surrogates) as ``\\xNN`` escapes:
    what a file name that is not UTF-8 becomes to be stored (SQLite takes only UTF-8) and shown."""
    return _SURROGATE.sub(_escape, text)
