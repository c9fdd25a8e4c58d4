"""The terminal views (patroltl.render, patroltl.chart): golden output at 80, 100 and 200 columns,
plain output when piped or NO_COLOR, and hostile article text that must not reach the terminal as
markup or escape sequences. PATROLTL_UPDATE_GOLDEN=1 regenerates the golden files."""

from __future__ import annotations

import io
import re
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from patroltl.chart import chart_renderable, monthly_counts, write_chart
from patroltl.errors import PatroltlError, UsageError
from patroltl.models import LATEST, DateInterval
from patroltl.render import make_console, safe, timeline_renderable, wrap_runs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_export import check_golden, hostile_events, sample_events

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def plain(renderable: object, width: int = 100) -> str:
    """The agreed test console: fixed width, no colour system, into a string."""
    out = io.StringIO()
    console = make_console(file=out, width=width, color_system=None)
    console.print(renderable)
    return out.getvalue()


def coloured(renderable: object, width: int = 100) -> str:
    out = io.StringIO()
    console = make_console(file=out, width=width, color_system="truecolor", force_terminal=True)
    console.print(renderable)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _no_env_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)


# --- golden ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 100, 200])
def test_timeline_golden(width: int) -> None:
    check_golden(f"timeline-{width}.txt", plain(timeline_renderable(sample_events()), width))


@pytest.mark.parametrize("width", [80, 200])
def test_timeline_verbose_golden(width: int) -> None:
    check_golden(f"timeline-verbose-{width}.txt", plain(timeline_renderable(sample_events(), verbose=True), width))


def test_chart_golden() -> None:
    check_golden("chart-80.txt", plain(chart_renderable(sample_events()), 80))


# --- content -----------------------------------------------------------------------------------------


def test_timeline_content() -> None:
    text = plain(timeline_renderable(sample_events()))
    for heading in (
        "2018 ─",
        "2019 ─",
        "Undated or year unknown ─",
        "March 2019",
        "October 2019",
        "November 2019",
        "2018, month unknown",
    ):
        assert heading in text
    for shown in ("2019-11-01", "2019-10", "2019-03-12..04-08", "????-03-15", "2019|2020?", "?"):
        assert shown in text
    assert "3 outlets: Anadolu Agency, Hawar News Agency, TASS" in text
    assert "6 events · 9 mentions · 6 outlets · 2 undated" in text
    assert "Types:" in text and "■ Joint patrol (2)" in text
    assert "Outlets:" in text and "■ Russian state media" in text


@pytest.mark.parametrize("width", [80, 100, 200])
def test_fits_the_width(width: int) -> None:
    for verbose in (False, True):
        text = plain(timeline_renderable(sample_events(), verbose=verbose), width)
        assert max(len(line) for line in text.splitlines()) <= width


def test_dates_aligned() -> None:
    """Every event row starts with its date in one column, and the text after it starts at one column."""
    text = plain(timeline_renderable(sample_events()), 80)
    starts = set()
    for line in text.splitlines():
        m = re.match(r"^(\S+) +■ ", line)
        if m and not m.group(1).endswith(":"):
            starts.add(line.index("■"))
    assert len(starts) == 1


def test_verbose_shows_and_highlights_sentences() -> None:
    text = plain(timeline_renderable(sample_events(), verbose=True), 200)
    assert "took place near Tall Abyad on Friday" in text
    out = coloured(timeline_renderable(sample_events(), verbose=True), 200)
    assert re.search(r"\x1b\[[0-9;]*4[0-9;]*m(?:\x1b\[[0-9;]*m)*on Friday", out), "date words underlined"
    assert re.search(r"\x1b\[1[0-9;]*m(?:\x1b\[[0-9;]*m)*Tall Abyad\x1b\[0m on Friday", out) or "Tall Abyad" in out


def test_colour_per_type_and_side() -> None:
    out = coloured(timeline_renderable(sample_events()))
    assert ANSI.search(out)
    assert len(set(ANSI.findall(out))) > 5


def test_plain_when_piped_or_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    make_console(file=out, width=100).print(timeline_renderable(sample_events()))  # a StringIO is not a tty
    assert "\x1b" not in out.getvalue()
    out = io.StringIO()
    make_console(file=out, width=100, no_color=True, force_terminal=True).print(timeline_renderable(sample_events()))
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m|\x1b\[38;", out.getvalue()), "--no-color: no colour codes"
    monkeypatch.setenv("NO_COLOR", "1")
    out = io.StringIO()
    make_console(file=out, width=100, force_terminal=True).print(timeline_renderable(sample_events()))
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m|\x1b\[38;", out.getvalue()), "NO_COLOR: no colour codes"


def test_empty_timeline() -> None:
    assert plain(timeline_renderable([])).strip() == "No events."
    assert "No event is dated to a month" in plain(chart_renderable([]))


# --- hostile text ------------------------------------------------------------------------------------


def test_safe_strips_controls_and_invisibles() -> None:
    assert safe("a\x1b[31mb\u202ec\u200bd\u2066e\ufeff\x07f\r\n") == "a[31mbcdef\n"


@pytest.mark.parametrize("verbose", [False, True])
def test_timeline_hostile(verbose: bool) -> None:
    out = coloured(timeline_renderable(hostile_events(), verbose=verbose), 200)
    # markup stays literal text; the article's own escape sequences and bidi/zero-width characters are gone
    assert "[bold red]FAKE[/bold red]" in out
    assert "[link=https://evil.example]click[/link]" in out
    assert "\x1b]8;" not in out  # no hyperlink escape
    assert "\x1b[31mRED" not in out
    assert not re.search("[\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff\x07\r]", out)
    stripped = ANSI.sub("", out)
    assert "\x1b" not in stripped  # every escape left is one Rich wrote, a plain SGR
    text = plain(timeline_renderable(hostile_events(), verbose=verbose), 100)
    assert "\x1b" not in text
    assert "<script>" in text


def test_chart_hostile_types() -> None:
    out = coloured(chart_renderable(hostile_events()), 80)
    assert "\x1b]" not in out and "[bold" not in out


# --- chart -------------------------------------------------------------------------------------------


def test_monthly_counts() -> None:
    data = monthly_counts(sample_events())
    assert data.months[0] == (2019, 3) and data.months[-1] == (2019, 11)
    assert len(data.months) == 9  # empty months kept
    assert data.total((2019, 11)) == 1 and data.total((2019, 5)) == 0
    assert data.not_shown == 3  # a year-only event and two undated ones


def test_chart_plain_uses_one_fill_per_type() -> None:
    text = plain(chart_renderable(sample_events()), 80)
    assert "█ Joint patrol" in text and "▓ Agreement" in text
    assert "2019-10 ▓▓▓▓ 1" in text
    assert "months without events" in text


def test_chart_scales_to_width() -> None:
    many = sample_events() * 60
    text = plain(chart_renderable(many), 60)
    assert max(len(line) for line in text.splitlines()) <= 60


def test_write_chart(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="matplotlib is the optional plot extra")
    png = tmp_path / "c.png"
    svg = tmp_path / "c.svg"
    write_chart(sample_events(), png)
    write_chart(sample_events(), svg)
    assert png.read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in svg.read_bytes()[:500]
    write_chart([], tmp_path / "empty.svg")


def test_write_chart_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UsageError):
        write_chart(sample_events(), tmp_path / "c.txt")
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(PatroltlError, match=r"patroltl\[plot\]"):
        write_chart(sample_events(), tmp_path / "c.png")


def test_make_console_for_tests() -> None:
    console = make_console(file=io.StringIO(), width=100, color_system=None)
    assert isinstance(console, Console) and console.width == 100 and console.color_system is None


# --- the timeline's own layout ------------------------------------------------------------------------

RUNS = st.lists(
    st.tuples(
        st.text(alphabet=st.sampled_from("ab cd\nЖ語é-\t"), max_size=40),
        st.sampled_from(["", "bold", "italic red"]),
    ),
    max_size=6,
)


@given(RUNS, st.integers(min_value=1, max_value=30))
def test_wrapped_lines_fit_their_width_and_keep_every_word(runs: list[tuple[str, str]], width: int) -> None:
    lines = wrap_runs(runs, width)
    for line, used in lines:
        assert used == sum(cell_len(text) for text, _ in line)
        visible = "".join(text for text, _ in line).rstrip(" ")
        assert cell_len(visible) <= width or len(visible) == 1  # one character wider than the column
        assert all(style in {s for _, s in runs} for _, style in line)

    # nothing but spaces is lost or added (a cut word is split across lines; a tab wraps as a space)
    def letters(text: str) -> str:
        return text.replace(" ", "").replace("\n", "").replace("\t", "")

    assert letters("".join(t for line, _ in lines for t, _ in line)) == letters("".join(t for t, _ in runs))
    hard = sum(text.count("\n") for text, _ in runs)
    assert len(lines) >= hard + 1


def test_a_word_wider_than_the_column_is_cut_and_a_short_cell_is_left_whole() -> None:
    assert wrap_runs([("Ad Darbasiyah", "bold")], 40) == [([("Ad Darbasiyah", "bold")], 13)]
    assert [line for line, _ in wrap_runs([("abcdefghij", "")], 4)] == [
        [("abcd", "")],
        [("efgh", "")],
        [("ij", "")],
    ]
    assert wrap_runs([("a\tb", "")], 5) == [([("a ", ""), ("b", "")], 3)]  # a tab is a space, not 8
    assert [line for line, _ in wrap_runs([("one two ", ""), ("three", "i")], 8)] == [
        [("one ", ""), ("two ", "")],
        [("three", "i")],
    ]


def test_undated_events_come_last_under_one_heading_even_when_their_interval_starts_early() -> None:
    events = sample_events()
    after = DateInterval(date(2019, 3, 20), LATEST, "unknown", "yesterday", ("relative to an uncertain date",))
    open_ended = replace(events[1], id="e7000000ab", date=after, summary="Joint patrol at some time")
    ordered = [events[0], events[1], open_ended, *events[2:]]  # sorts among the March 2019 events
    text = plain(timeline_renderable(ordered), 100)
    assert text.count("Undated or year unknown") == 1 and text.count("March 2019") == 1
    assert text.index("Undated or year unknown") < text.index("e7000000ab")


def test_a_row_names_twelve_outlets_and_counts_the_others() -> None:
    ev = sample_events()[0]
    members = tuple(replace(ev.members[0], key=f"k{i}:1", outlet=f"Outlet {i:02d}") for i in range(15))
    text = plain(timeline_renderable([replace(ev, members=members)]), 200)
    assert "15 outlets: Outlet 00, Outlet 01" in text and "Outlet 11 and 3 more" in text
    assert "Outlet 12" not in text
