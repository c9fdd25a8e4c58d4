"""Hostile inputs, generated (issue 16): each case is one input of a class the probe found trouble
with, ingested in a batch beside one good article, optionally followed by other commands.

``cases()`` built with ``SIZES["small"]`` is what tests/test_hostile_inputs.py runs (sizes that
take milliseconds); with ``SIZES["large"]`` it is what bench/hostile.py runs (the sizes the issue
names: a 50 MB file, a 5 MB line, 100,000-row exports, 1 MB of digits, 600,000 characters of short
sentences). The expectations
are the same at both scales: no traceback, the good article stored, the exit code named here,
and no raw control sequence on the terminal. No pytest in here: the benchmark imports it too.
"""

from __future__ import annotations

import codecs
import json
import os
import socket
import sqlite3
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GOOD = (
    " date 2021-06-10 \n"
    "Turkish and Russian troops hold joint patrol near Kobani\n\n"
    "Turkish and Russian troops carried out a joint patrol east of Kobani on June 9, 2021, the Turkish "
    "Defence Ministry said on Thursday. Eight vehicles took part in the patrol.\n"
)
GOOD_NAME = "good.txt"
PATROL = "Turkish and Russian troops carried out a joint patrol near Kobani on June 9, 2021 and "
TURKISH = (
    "Turkish and Russian troops held a joint patrol near Şanlıurfa and Akçakale on Thursday, the Turkish "
    "Defence Ministry said. Eight vehicles took part in the patrol near Ceylanpınar.\n"
)
ARABIC = "سيرت القوات الروسية والتركية دورية مشتركة في ريف الحسكة يوم الخميس، بحسب وزارة الدفاع الروسية.\n"
OSC = "\x1b]0;pwned\x07"
CSI = "\x1b[2J"

SIZES = {
    "small": {
        "big_file": 30_000,
        "long_line": 100_000,
        "rows": 300,
        "digits": 4_000,
        "short_sentences": 20_000,
        "huge_field": 200_000,
        "nesting": 10_000,
        "int_digits": 5_000,
    },
    "large": {
        "big_file": 50_000_000,
        "long_line": 5_000_000,
        "rows": 100_000,
        "digits": 1_000_000,
        "short_sentences": 600_000,
        "huge_field": 20_000_000,
        "nesting": 10_000,
        "int_digits": 5_000,
    },
}


@dataclass
class Plan:
    """What a case runs: ``ingest`` of the good article and ``inputs`` (with ``options``), then each
    of ``then`` with the exit code it must give."""

    inputs: list[str]
    options: list[str] = field(default_factory=list)
    then: list[tuple[list[str], int]] = field(default_factory=list)
    stdin: bytes | None = None


@dataclass(frozen=True)
class Case:
    cls: str
    name: str
    build: Callable[[Path, dict[str, int]], Plan]
    code: int | None  # the ingest's exit code (None: 0 or 1, e.g. an article that may run out of time)
    says: str = ""  # words the ingest's stderr must hold (case-insensitive)
    stored: str = ""  # text that must be stored from the hostile input itself
    needs: str = ""  # "fifo", "socket", "root" (mount): skipped where not available

    @property
    def id(self) -> str:
        return f"{self.cls}/{self.name}"


def _write(folder: Path, name: str | bytes, data: bytes | str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if isinstance(name, bytes):
        path = os.path.join(os.fsencode(folder), name)
        with open(path, "wb") as fh:
            fh.write(raw)
        return os.fsdecode(path)
    (folder / name).write_bytes(raw)
    return str(folder / name)


def _file(name: str | bytes, data: Callable[[dict[str, int]], bytes | str], *options: str) -> Callable[..., Plan]:
    def build(folder: Path, size: dict[str, int]) -> Plan:
        return Plan([_write(folder, name, data(size))], list(options))

    return build


def _folder_with(name: str | bytes, data: bytes | str) -> Callable[..., Plan]:
    """The file inside a folder given to ingest: a name that cannot be typed still arrives."""

    def build(folder: Path, size: dict[str, int]) -> Plan:
        sub = folder / "in"
        sub.mkdir()
        _write(sub, name, data)
        return Plan([str(sub)])

    return build


PLACES = ("Kobani", "Darbasiyah", "Amuda", "Qamishli", "Tal Tamr", "Ain Issa", "Derik", "Tal Abyad")
MONTHS = "January February March April May June July August September October November December".split()


def _row_text(i: int) -> str:
    """A short report of a patrol: rows differ in place and date, so they cluster into many events."""
    place, month, day, year = PLACES[i % 8], MONTHS[i // 8 % 12], 1 + i // 96 % 28, 2020 + i // 2688 % 5
    return f"Turkish and Russian troops carried out a joint patrol near {place} on {month} {day}, {year} (report {i})."


def _jsonl_rows(n: int) -> str:
    return "".join(
        json.dumps({"url": f"https://example.org/{i}", "text": _row_text(i), "source": "TASS"}) + "\n" for i in range(n)
    )


def _csv_rows(n: int) -> str:
    return "url,title,text\n" + "".join(f'https://example.org/{i},Row {i},"{_row_text(i)}"\n' for i in range(n))


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _mkfifo(folder: Path, size: dict[str, int]) -> Plan:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return Plan([str(path)])


def _fifo_in_folder(folder: Path, size: dict[str, int]) -> Plan:
    sub = folder / "in"
    sub.mkdir()
    os.mkfifo(sub / "pipe.txt")
    (sub / "fine.txt").write_text(TURKISH, encoding="utf-8")
    return Plan([str(sub)])


def _socket(folder: Path, size: dict[str, int]) -> Plan:
    path = folder / "sock.txt"
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))
    s.close()
    return Plan([str(path)])


def _link_loop(folder: Path, size: dict[str, int]) -> Plan:
    sub = folder / "in"
    sub.mkdir()
    os.symlink(sub, sub / "loop")  # a link to its own folder: never followed
    (sub / "broken.txt").symlink_to(folder / "nowhere.txt")
    (sub / "fine.txt").write_text(TURKISH, encoding="utf-8")
    return Plan([str(sub)])


def _dir_named_txt(folder: Path, size: dict[str, int]) -> Plan:
    (folder / "dir.txt").mkdir()
    (folder / "dir.txt" / "notes.bin").write_bytes(b"x")
    return Plan([str(folder / "dir.txt")])


def _empty_folder(folder: Path, size: dict[str, int]) -> Plan:
    (folder / "nothing").mkdir()
    return Plan([str(folder / "nothing")])


def _stdin_zero(folder: Path, size: dict[str, int]) -> Plan:
    return Plan(["-"], ["--max-size", "1000"], stdin=b"\x00" * 5000)


def _device(path: str) -> Callable[..., Plan]:
    def build(folder: Path, size: dict[str, int]) -> Plan:
        return Plan([path])

    return build


def _output(target: Callable[[Path], Path], code: int, fmt: str = "json") -> Callable[..., Plan]:
    def build(folder: Path, size: dict[str, int]) -> Plan:
        return Plan([], then=[(["timeline", "--format", fmt, "-o", str(target(folder))], code)])

    return build


def _dir_target(folder: Path) -> Path:
    (folder / "out").mkdir()
    return folder / "out"


def _terminal(then: Callable[[Path], list[str]], code: int, *options: str) -> Callable[..., Plan]:
    def build(folder: Path, size: dict[str, int]) -> Plan:
        return Plan([], list(options), then=[(then(folder), code)])

    return build


def _places(lat: str, lon: str) -> Callable[..., Plan]:
    """A GeoNames dump with one place at (lat, lon) and one real one; then the exports that broke."""

    def build(folder: Path, size: dict[str, int]) -> Plan:
        dump = folder / "SY.txt"
        rows = [
            f"9000003\tOddville\tOddville\t\t{lat}\t{lon}\tP\tPPL\tSY\t\t\t\t\t\t100\t\t\t\t",
            "9000005\tKobanitown\tKobanitown\t\t36.9\t38.4\tP\tPPL\tSY\t\t\t\t\t\t100\t\t\t\t",
        ]
        dump.write_text("\n".join(rows) + "\n", encoding="utf-8")
        (folder / "oddville.txt").write_text(
            " date 2022-05-04 \nTurkish and Russian troops held a joint patrol near Oddville on May 3, 2022.\n",
            encoding="utf-8",
        )
        return Plan(
            [],
            then=[
                (["places", "import", str(dump)], 0),
                (["ingest", GOOD_NAME, "oddville.txt"], 0),
                (["timeline", "--format", "json"], 0),
                (["timeline", "--format", "geojson"], 0),
            ],
        )

    return build


def _foreign_db(folder: Path, size: dict[str, int]) -> Plan:
    other = folder / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return Plan([], then=[(["timeline", "--db", str(other)], 3), (["ingest", GOOD_NAME, "--db", str(other)], 3)])


def _osc_db(folder: Path, size: dict[str, int]) -> Plan:
    return Plan([], then=[(["articles", "--db", str(folder / f"x{OSC}{CSI}.db")], 3)])


LATIN1 = "Les troupes turques et russes ont effectué une patrouille près de Kobané, a déclaré le ministère.\n"
CP1252 = "The “joint patrol” near Tal Abyad — the ministry said — went ahead, reported Hélène.\n"


def _big_text(z: dict[str, int]) -> str:
    return "".join(
        f"Turkish and Russian troops held a joint patrol near Kobani on June {1 + i % 28}, 2021, report {i}.\n"
        for i in range(z["big_file"] // 90)
    )


def cases() -> list[Case]:
    """Every case; the sizes (SIZES["small"] or SIZES["large"]) are given to each case's build."""
    return [
        # --- binary and empty -----------------------------------------------------------------
        Case(
            "binary",
            "png",
            _file("img.txt", lambda z: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4),
            1,
            "binary",
        ),
        Case("binary", "zip", _file("a.txt", lambda z: b"PK\x03\x04\x14\x00\x00\x00" + os.urandom(2000)), 1, "binary"),
        Case(
            "binary",
            "elf",
            _file("a.txt", lambda z: b"\x7fELF\x02\x01\x01" + b"\x00" * 500 + os.urandom(500)),
            1,
            "binary",
        ),
        Case("binary", "all-bytes", _file("a.txt", lambda z: bytes(range(256)) * 8), 1, "binary"),
        Case("binary", "nul-filled", _file("a.txt", lambda z: b"\x00" * 4096), 1, "binary"),
        Case("binary", "random", _file("a.txt", lambda z: os.urandom(8192)), 1, ""),
        Case("binary", "binary-jsonl", _file("a.jsonl", lambda z: os.urandom(4096)), 1, ""),
        Case("binary", "binary-csv", _file("a.csv", lambda z: b"\x00\x01" * 2000), 1, "binary"),
        Case("empty", "zero-bytes", _file("a.txt", lambda z: b""), 1, "empty"),
        Case("empty", "whitespace", _file("a.txt", lambda z: b" \n\n\t \r\n"), 1, "empty"),
        Case("empty", "utf8-bom-only", _file("a.txt", lambda z: codecs.BOM_UTF8), 1, "empty"),
        Case("empty", "utf16-bom-only", _file("a.txt", lambda z: codecs.BOM_UTF16_LE), 1, "empty"),
        Case("empty", "bom-and-spaces", _file("a.txt", lambda z: codecs.BOM_UTF8 + b"   \n"), 1, "empty"),
        Case("empty", "only-furniture", _file("a.txt", lambda z: "Advertisement\nShare\nPrint\n"), 1, "no text left"),
        Case("empty", "empty-json", _file("a.json", lambda z: "[]"), 1, "no articles"),
        Case("empty", "empty-jsonl", _file("a.jsonl", lambda z: "\n\n"), 1, "empty"),
        Case("empty", "header-only-csv", _file("a.csv", lambda z: "url,title,text\n"), 1, "no rows"),
        Case("empty", "empty-html", _file("a.html", lambda z: "<html><body></body></html>"), 1, "html"),
        Case("empty", "empty-folder", _empty_folder, 1, "no article files"),
        # --- encodings ------------------------------------------------------------------------
        Case(
            "encoding", "iso-8859-9", _file("tr.txt", lambda z: TURKISH.encode("iso8859_9")), 0, "turkish", "Şanlıurfa"
        ),
        Case(
            "encoding", "windows-1254", _file("tr.txt", lambda z: TURKISH.encode("cp1254")), 0, "turkish", "Ceylanpınar"
        ),
        Case("encoding", "latin-1", _file("fr.txt", lambda z: LATIN1.encode("latin_1")), 0, "read as", "déclaré"),
        Case(
            "encoding",
            "windows-1252",
            _file("en.txt", lambda z: CP1252.encode("cp1252")),
            0,
            "read as",
            "“joint patrol”",
        ),
        Case("encoding", "windows-1256", _file("ar.txt", lambda z: ARABIC.encode("cp1256")), 0, "arabic", "الحسكة"),
        Case(
            "encoding",
            "utf8-stray-byte",
            _file("a.txt", lambda z: TURKISH.encode() + b"\xff" + GOOD.encode()),
            0,
            "1 byte",
            "Şanlıurfa",
        ),
        Case(
            "encoding",
            "utf16le-no-bom",
            _file("a.txt", lambda z: TURKISH.encode("utf-16-le")),
            0,
            "utf-16",
            "Şanlıurfa",
        ),
        Case(
            "encoding", "utf16be-no-bom", _file("a.txt", lambda z: TURKISH.encode("utf-16-be")), 0, "utf-16", "Akçakale"
        ),
        Case(
            "encoding",
            "arabic-utf16le-no-bom",
            _file("a.txt", lambda z: ARABIC.encode("utf-16-le")),
            0,
            "utf-16",
            "الحسكة",
        ),
        Case("encoding", "utf16-bom", _file("a.txt", lambda z: TURKISH.encode("utf-16")), 0, "", "Şanlıurfa"),
        Case("encoding", "utf32-bom", _file("a.txt", lambda z: TURKISH.encode("utf-32")), 0, "", "Şanlıurfa"),
        Case(
            "encoding",
            "html-declared-iso-8859-9",
            _file(
                "a.html",
                lambda z: (
                    "<html><head><meta charset='iso-8859-9'><title>Patrol</title></head><body><article><p>"
                    + TURKISH
                    + "</p></article></body></html>"
                ).encode("iso8859_9"),
            ),
            0,
            "declares",
            "Şanlıurfa",
        ),
        Case(
            "encoding",
            "html-unknown-charset",
            _file(
                "a.html",
                lambda z: (
                    "<html><head><meta charset='x-no-such'></head><body><article><p>"
                    + TURKISH
                    + "</p></article></body></html>"
                ).encode("cp1254"),
            ),
            0,
            "read as",
            "Şanlıurfa",
        ),
        Case(
            "encoding",
            "jsonl-latin-1",
            _file("a.jsonl", lambda z: (json.dumps({"text": LATIN1}, ensure_ascii=False) + "\n").encode("latin_1")),
            0,
            "read as",
            "déclaré",
        ),
        Case(
            "encoding",
            "csv-windows-1254",
            _file("a.csv", lambda z: ('url,text\nhttps://x,"' + TURKISH.strip() + '"\n').encode("cp1254")),
            0,
            "read as",
            "Şanlıurfa",
        ),
        Case(
            "encoding",
            "jsonl-stray-bytes",
            _file(
                "a.jsonl",
                lambda z: (
                    (json.dumps({"text": TURKISH}, ensure_ascii=False) + "\n").encode()[:-30] + b"\xfe\xff" + b'"}\n'
                ),
            ),
            None,
            "",
        ),
        Case(
            "encoding",
            "overlong-utf8",
            _file("a.txt", lambda z: b"Patrol \xc0\xaf near Kobani on June 9, 2021. " * 20),
            0,
            "read as",
        ),
        # --- markup and text ------------------------------------------------------------------
        Case(
            "markup",
            "ansi-osc-in-text",
            _file("a.txt", lambda z: f"{GOOD}\n{OSC}{CSI}\x1b[31mred\x1b[0m joint patrol near Amuda."),
            0,
        ),
        Case(
            "markup",
            "rich-markup",
            _file("a.txt", lambda z: "[bold red]x[/] [link=https://e]y[/link] joint patrol near Amuda on May 2, 2022."),
            0,
        ),
        Case(
            "markup",
            "bidi-and-zero-width",
            _file("a.txt", lambda z: "\u202eJoint\u200b patrol\u2066 near Amuda on May 2, 2022."),
            0,
        ),
        Case("markup", "broken-html", _file("a.html", lambda z: "<html><<<>>><body><p>" * 200), 1, "html"),
        Case("markup", "deep-html", _file("a.html", lambda z: "<div>" * 10_000 + GOOD + "</div>" * 10_000), None),
        Case(
            "markup",
            "script-only-html",
            _file("a.html", lambda z: "<html><script>" + "x=1;" * 5000 + "</script></html>"),
            1,
            "html",
        ),
        Case(
            "markup",
            "huge-attribute-html",
            _file("a.html", lambda z: "<html><body><p title='" + "a" * 200_000 + "'>" + GOOD + "</p></body></html>"),
            None,
        ),
        Case(
            "markup",
            "nul-in-text",
            _file("a.txt", lambda z: GOOD.replace("patrol", "pat\x00rol", 1) + "x" * 5000),
            None,
        ),
        # --- names ----------------------------------------------------------------------------
        Case("names", "not-utf8-name", _folder_with(b"caf\xe9-\xff.txt", TURKISH), 0, "", "Şanlıurfa"),
        Case("names", "long-name", _file("n" * 245 + ".txt", lambda z: TURKISH), 0),
        Case("names", "newline-in-name", _file("evil\nerror: forged.txt", lambda z: b""), 1, "\\x0a"),
        Case("names", "osc-in-name", _file(f"evil{OSC}.txt", lambda z: b""), 1, "\\x1b"),
        Case("names", "csi-in-name", _file(f"clear{CSI}.txt", lambda z: b"\x00\x01"), 1, "\\x1b"),
        Case("names", "bidi-in-name", _file("gnp.\u202etxt.exe.txt", lambda z: b""), 1, "\\u202e"),
        Case("names", "glob-chars-in-name", _file("[a]*?.txt", lambda z: TURKISH), 0),
        Case("names", "dash-name", _file("-n.txt", lambda z: TURKISH), 0),
        Case("names", "sidecar-long-name", _file("m" * 250 + ".txt", lambda z: TURKISH), 0),
        Case("names", "no-such-file", lambda f, z: Plan([str(f / "missing.txt")]), 1, "no such file"),
        Case("names", "no-match-glob", lambda f, z: Plan([str(f / "none-*.txt")]), 1, "no file matches"),
        # --- special files --------------------------------------------------------------------
        Case("special", "fifo", _mkfifo, 1, "named pipe", needs="fifo"),
        Case("special", "fifo-in-folder", _fifo_in_folder, 1, "named pipe", "Şanlıurfa", needs="fifo"),
        Case("special", "socket", _socket, 1, "socket", needs="socket"),
        Case("special", "dev-zero", _device("/dev/zero"), 1, "device"),
        Case("special", "dev-null", _device("/dev/null"), 1, "device"),
        Case("special", "dev-urandom", _device("/dev/urandom"), 1, "device"),
        Case("special", "stdin-zeros", _stdin_zero, 1, "limit"),
        Case("special", "link-loop-and-broken-link", _link_loop, 1, "broken.txt", "Şanlıurfa"),
        Case("special", "folder-named-txt", _dir_named_txt, 1, "no article files"),
        # --- JSON -----------------------------------------------------------------------------
        Case("json", "nesting-10000", _file("a.json", lambda z: _nested(z["nesting"])), 1, "nesting too deep"),
        Case(
            "json",
            "nesting-in-object",
            _file("a.json", lambda z: '{"text": "x", "meta": ' + _nested(z["nesting"]) + "}"),
            1,
            "nesting too deep",
        ),
        Case(
            "json",
            "int-5000-digits",
            _file("a.json", lambda z: '{"text": "Patrol.", "n": ' + "7" * z["int_digits"] + "}"),
            1,
            "number too long",
        ),
        Case(
            "json",
            "float-overflow",
            _file("a.json", lambda z: '{"text": "' + GOOD.replace("\n", " ") + '", "n": 1e999}'),
            0,
        ),
        Case("json", "nan-literal", _file("a.json", lambda z: '{"text": "' + TURKISH.strip() + '", "n": NaN}'), 0),
        Case("json", "top-level-string", _file("a.json", lambda z: '"just a string"'), 1, "neither"),
        Case("json", "top-level-number", _file("a.json", lambda z: "12345"), 1, "neither"),
        Case(
            "json", "truncated", _file("a.json", lambda z: '{"articles": [{"text": "Patrol near'), 1, "malformed json"
        ),
        Case("json", "no-text", _file("a.json", lambda z: '[{"title": "x"}, {"url": "y"}]'), 1, "no text"),
        Case(
            "json",
            "huge-string",
            _file("a.json", lambda z: '{"text": "' + "a" * z["huge_field"] + '"}', "--max-size", str(100_000)),
            1,
            "limit",
        ),
        Case(
            "json",
            "array-of-junk",
            _file("a.json", lambda z: json.dumps([1, "x", None, [], {"text": TURKISH}])),
            1,
            "not an object",
            "Şanlıurfa",
        ),
        Case(
            "json",
            "bom-json",
            _file("a.json", lambda z: codecs.BOM_UTF8 + json.dumps({"text": TURKISH}).encode()),
            0,
            "",
            "Şanlıurfa",
        ),
        Case(
            "json",
            "utf16-json",
            _file("a.json", lambda z: json.dumps({"text": TURKISH}, ensure_ascii=False).encode("utf-16")),
            0,
            "",
            "Şanlıurfa",
        ),
        # --- JSON Lines -----------------------------------------------------------------------
        Case(
            "jsonl",
            "malformed-lines",
            _file("a.jsonl", lambda z: '{"text": "' + TURKISH.strip() + '"}\n{broken\n[1,2]\n'),
            1,
            "malformed json line",
            "Şanlıurfa",
        ),
        Case(
            "jsonl",
            "nested-line",
            _file("a.jsonl", lambda z: _nested(z["nesting"]) + "\n" + json.dumps({"text": TURKISH}) + "\n"),
            1,
            "nesting too deep",
            "Şanlıurfa",
        ),
        Case(
            "jsonl",
            "int-digits-line",
            _file(
                "a.jsonl",
                lambda z: '{"text": "x", "n": ' + "9" * z["int_digits"] + "}\n" + json.dumps({"text": TURKISH}) + "\n",
            ),
            1,
            "number too long",
            "Şanlıurfa",
        ),
        Case(
            "jsonl",
            "huge-line",
            _file(
                "a.jsonl",
                lambda z: '{"text": "' + "b " * (z["huge_field"] // 2) + '"}\n' + json.dumps({"text": TURKISH}) + "\n",
                "--max-size",
                "100000",
            ),
            1,
            "over the",
            "Şanlıurfa",
        ),
        Case(
            "jsonl",
            "huge-line-no-newline",
            _file(
                "a.jsonl",
                lambda z: json.dumps({"text": TURKISH}) + "\n" + '{"text": "' + "c" * z["huge_field"],
                "--max-size",
                "100000",
            ),
            1,
            "over the",
            "Şanlıurfa",
        ),
        Case(
            "jsonl",
            "crlf",
            _file(
                "a.jsonl",
                lambda z: json.dumps({"text": TURKISH}) + "\r\n" + json.dumps({"text": GOOD + " again"}) + "\r\n",
            ),
            0,
            "",
            "Şanlıurfa",
        ),
        Case("jsonl", "rows", _file("rows.jsonl", lambda z: _jsonl_rows(z["rows"]), "--jobs", "0"), 0),
        # --- CSV ------------------------------------------------------------------------------
        Case(
            "csv",
            "huge-quoted-field",
            _file(
                "a.csv",
                lambda z: (
                    'url,text\nhttps://a,"'
                    + "x, y\nz " * (z["huge_field"] // 8)
                    + '"\nhttps://b,"'
                    + TURKISH.strip()
                    + '"\n'
                ),
                "--max-size",
                "100000",
            ),
            1,
            "over the",
            "Şanlıurfa",
        ),
        Case(
            "csv",
            "huge-unquoted-field",
            _file(
                "a.csv",
                lambda z: "url,text\nhttps://a," + "w" * z["huge_field"] + '\nhttps://b,"' + TURKISH.strip() + '"\n',
                "--max-size",
                "100000",
            ),
            1,
            "over the",
            "Şanlıurfa",
        ),
        Case(
            "csv",
            "unclosed-quote",
            _file("a.csv", lambda z: 'url,text\nhttps://b,"' + TURKISH.strip() + '"\nhttps://a,"open\n'),
            1,
            "malformed csv",
            "Şanlıurfa",
        ),
        Case(
            "csv",
            "too-many-fields",
            _file("a.csv", lambda z: 'url,text\nhttps://a,one,two,three\nhttps://b,"' + TURKISH.strip() + '"\n'),
            1,
            "fields",
            "Şanlıurfa",
        ),
        Case("csv", "no-text-column", _file("a.csv", lambda z: "url,title\nhttps://a,T\n"), 1, "no text column"),
        Case(
            "csv",
            "semicolons-bom-crlf",
            _file("a.csv", lambda z: codecs.BOM_UTF8 + ("url;text\r\nhttps://a;" + TURKISH.strip() + "\r\n").encode()),
            0,
            "",
            "Şanlıurfa",
        ),
        Case(
            "csv",
            "nul-in-field",
            _file(
                "a.csv",
                lambda z: 'url,text\nhttps://a,ab\x00cd\nhttps://b,"' + TURKISH.strip() + '"\n' + _csv_rows(20)[15:],
            ),
            None,
            "",
            "Şanlıurfa",
        ),
        Case("csv", "rows", _file("rows.csv", lambda z: _csv_rows(z["rows"]), "--jobs", "0"), 0),
        # --- size and runaway work ------------------------------------------------------------
        Case("size", "over-max-size", _file("a.txt", lambda z: GOOD * 100, "--max-size", "1000"), 1, "--max-size"),
        Case("size", "big-file-raised-limit", _file("big.txt", _big_text, "--max-size", str(60_000_000)), None),
        Case(
            "size",
            "one-long-line",
            _file("line.txt", lambda z: (PATROL * (z["long_line"] // len(PATROL) + 1))[: z["long_line"]]),
            None,
        ),
        Case(
            "size",
            "one-long-line-of-words",
            _file("words.txt", lambda z: ("alpha beta gamma " * (z["long_line"] // 17 + 1))[: z["long_line"]]),
            0,
        ),
        Case(
            "size",
            "digits-after-a-patrol",
            _file(
                "digits.txt",
                lambda z: "Turkish and Russian troops held a joint patrol with " + "7" * z["digits"] + " vehicles.",
            ),
            None,
        ),
        Case(
            "size",
            "digits-only",
            _file("digits.txt", lambda z: "".join(str(i * 7919 % 10) for i in range(z["digits"]))),
            0,
        ),
        Case(
            "size",
            "short-sentences",
            _file(
                "short.txt",
                lambda z: ("A joint patrol was held. " * (z["short_sentences"] // 25 + 1))[: z["short_sentences"]],
            ),
            None,
        ),
        Case(
            "size",
            "short-plain-sentences",
            _file(
                "short.txt", lambda z: ("Yes. No. Maybe. " * (z["short_sentences"] // 16 + 1))[: z["short_sentences"]]
            ),
            0,
        ),
        Case(
            "size",
            "capitalised-words",
            _file(
                "caps.txt",
                lambda z: " ".join(
                    ("Kobani", "Turkish", "Russian", "Patrol", "June", "Ain", "Issa")[i % 7]
                    for i in range(z["short_sentences"] // 7)
                ),
            ),
            None,
        ),
        # --- output ---------------------------------------------------------------------------
        Case("output", "missing-folder", _output(lambda f: f / "no" / "such" / "out.json", 2), 0),
        Case("output", "a-folder", _output(_dir_target, 2), 0),
        Case("output", "a-folder-table", _output(_dir_target, 2, "table"), 0),
        Case("output", "dev-full", _output(lambda f: Path("/dev/full"), 1), 0),
        # --- terminal hygiene of echoed strings -----------------------------------------------
        Case("terminal", "explain-osc-id", _terminal(lambda f: ["explain", f"e{OSC}{CSI}"], 1), 0),
        Case("terminal", "show-osc-ref", _terminal(lambda f: ["show", f"x{OSC}{CSI}"], 1), 0),
        Case("terminal", "db-osc-path", _osc_db, 0),
        Case("terminal", "since-osc", _terminal(lambda f: ["timeline", "--since", f"{OSC}2019"], 2), 0),
        Case("terminal", "format-osc", _terminal(lambda f: ["timeline", "--format", f"{CSI}json"], 2), 0),
        Case("terminal", "published-osc", _terminal(lambda f: ["ingest", GOOD_NAME, "--published", f"{OSC}x"], 2), 0),
        Case("terminal", "source-osc", _terminal(lambda f: ["articles"], 0, "--source", f"Evil{OSC}{CSI}"), 0),
        Case("terminal", "events-merge-osc", _terminal(lambda f: ["events", "merge", f"{OSC}a", f"{CSI}b"], 2), 0),
        # --- the database's own gazetteer -----------------------------------------------------
        Case("places", "nan-coordinates", _places("nan", "38.4"), 0),
        Case("places", "inf-coordinates", _places("inf", "-inf"), 0),
        Case("places", "out-of-range", _places("95.0", "400.0"), 0),
        # --- databases that are not patroltl's -----------------------------------------------
        Case("db", "foreign-sqlite", _foreign_db, 0),
    ]


def available(case: Case) -> str | None:
    """Why the case cannot run here, if it cannot."""
    if case.needs == "fifo" and not hasattr(os, "mkfifo"):
        return "no FIFOs on this platform"
    if case.needs == "socket" and not hasattr(socket, "AF_UNIX"):
        return "no Unix sockets on this platform"
    if case.cls == "special" and case.name.startswith("dev-") and not os.path.exists(f"/dev/{case.name[4:]}"):
        return f"no /dev/{case.name[4:]}"
    if case.name == "dev-full" and not (os.path.exists("/dev/full") and stat.S_ISCHR(os.stat("/dev/full").st_mode)):
        return "no /dev/full"
    return None
