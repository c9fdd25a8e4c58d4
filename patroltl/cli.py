"""The command line: parses options, calls the library, shows the result. No domain logic here.

Every command reads its world (streams, today, the database and data folders) from the
:class:`~patroltl.environment.Environment` that ``main`` builds (tests pass their own as the
Typer context's ``obj``), and turns the library's own errors into one line and an exit code.
"""

import functools
import io
import os
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from . import __version__
from .errors import ExitCode, PatroltlError, UsageError, printable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from .environment import Environment
    from .filters import Filters
    from .knowledge import Knowledge
    from .models import Event
    from .store import Store

app = typer.Typer(
    name="patroltl",
    help="Turn news articles about the Turkish-Russian joint patrols in Syria into one deduplicated, "
    "source-attributed chronology.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
events_app = typer.Typer(
    help="Overrule the clustering: merge or split events, list what you did, take one back.", no_args_is_help=True
)
places_app = typer.Typer(
    help="The gazetteer: resolve names, list the places seen, import GeoNames.", no_args_is_help=True
)
app.add_typer(events_app, name="events")
app.add_typer(places_app, name="places")

F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar="PATROLTL_DB",
        help="SQLite database (default: ./patroltl.db or $PATROLTL_DB).",
        show_default=False,
    ),
]
NoColor = Annotated[bool, typer.Option("--no-color", help="Plain text, no colours (also when NO_COLOR is set).")]


def env_of(ctx: typer.Context) -> "Environment":
    """The environment ``main`` (or a test) gave the run; the process's own when none was given."""
    root = ctx.find_root()
    if root.obj is None:
        from .environment import Environment

        root.obj = Environment.from_process()
    environment: Environment = root.obj
    return environment


def console(ctx: typer.Context, *, err: bool = False, no_color: bool = False) -> "Console":
    from .terminal import make_console

    e = env_of(ctx)
    return make_console(file=e.stderr if err else e.stdout, no_color=no_color or e.no_color)


def handle_errors(fn: F) -> F:
    """Turn the project's own errors (and a user's unreadable knowledge file) into one line on
    stderr and a named exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except PatroltlError as exc:
            # printable: the message names files, ids and option values the user (or a file) gave
            _fail(kwargs.get("ctx"), printable(str(exc)), exc.exit_code)
        except _data_error() as exc:
            _fail(kwargs.get("ctx"), printable(str(exc)), ExitCode.USAGE)

    return wrapper  # type: ignore[return-value]


def _fail(ctx: typer.Context | None, message: str, code: ExitCode) -> None:
    from .terminal import make_console

    err = make_console(file=env_of(ctx).stderr if ctx is not None else None)
    err.print(_styled(f"error: {message}", style="bold red"), soft_wrap=True)
    raise typer.Exit(int(code)) from None


def _styled(text: str, style: str = "") -> "Text":
    """A Rich text, imported here: ``--version`` and ``--help`` load no Rich text module (start-up)."""
    from rich.text import Text

    return Text(text, style=style)


@functools.cache
def _data_error() -> type[Exception]:
    from .knowledge import DataError

    return DataError


@contextmanager
def open_store(ctx: typer.Context, db: Path | None, *, create: bool = False) -> "Iterator[Store]":
    err = console(ctx, err=True)
    with env_of(ctx).store(db, create=create) as store:
        store.on_wait = lambda message: err.print(_styled(printable(message), style="yellow"), soft_wrap=True)
        yield store


def knowledge(ctx: typer.Context, db: Path | None) -> "Knowledge":
    return env_of(ctx).knowledge(db)


def version_callback(value: bool) -> None:
    if value:
        print(f"patroltl {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help="A folder of your own knowledge files (outlets.toml, chronology.tsv, places.tsv, ...) laid "
            "over the bundled ones (default: $PATROLTL_DATA, else the database's folder).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Turn news articles into one deduplicated, source-attributed chronology."""
    if data_dir is not None:
        if not data_dir.is_dir():
            raise typer.BadParameter(f"{data_dir}: no such folder", param_hint="--data-dir")
        env_of(ctx).data_dir = data_dir


# --- ingest -------------------------------------------------------------------------------------


def _parse_date(ctx: typer.Context, value: str, flag: str) -> Any:
    from .dates import parse_date_arg

    iv = parse_date_arg(value, today=env_of(ctx).today)
    if iv is None:
        raise UsageError(f"{flag} {value!r}: not a date (try 2019, 2019-11, 2019-11-01 or '1 Nov 2019')")
    return iv


def _inputs(paths: list[str]) -> int:
    """How many files the paths name (the progress bar's total; an export counts as one)."""
    from .load import LoadFailure, expand

    return sum(1 for item in expand(paths) if not isinstance(item, LoadFailure))


def ingest_summary(report: Any) -> str:
    """'5 new, 0 already ingested, 0 failed; 46 mentions extracted (8 of them planned, announced or
    denied: not events), 16 events in the chronology'."""
    planned = ""
    if report.planned:
        planned = f" ({report.planned:,} of them planned, announced or denied: not in the chronology)"
    summary = (
        f"{len(report.new):,} new, {len(report.already):,} already ingested, {len(report.failed):,} failed; "
        f"{_count(report.mentions, 'mention')} extracted{planned}, {_count(report.events, 'event')} in the chronology"
    )
    if report.notes:
        summary += f" ({_count(len(report.notes), 'decoding note')} above)"
    return summary


@app.command(
    epilog="Examples: patroltl ingest data/samples/ · patroltl ingest export.jsonl --jobs 2 · "
    "cat story.txt | patroltl ingest - --source TASS --published 2019-11-01"
)
@handle_errors
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive), globs, or - for standard input.")],
    db: DbOption = None,
    source: Annotated[str | None, typer.Option("--source", help="Outlet name for these articles.")] = None,
    published: Annotated[str | None, typer.Option("--published", help="Publication date for these articles.")] = None,
    max_size: Annotated[int, typer.Option("--max-size", help="Skip files larger than this many bytes.")] = 5
    * 1024
    * 1024,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first input that fails.")] = False,
    manifest: Annotated[
        Path | None, typer.Option("--manifest", help="CSV giving path/url/outlet/published for files that lack them.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary.")] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=0, help="Processes for extraction (one writer); 0: one per core for large batches."
        ),
    ] = 0,
    max_seconds: Annotated[
        float, typer.Option("--max-seconds", help="Give up on an article that takes longer to analyse (0: no limit).")
    ] = 10.0,
) -> None:
    """Read articles, extract their events, store them, and re-cluster the chronology."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from .pipeline import ingest as run_ingest

    if published is not None:
        _parse_date(ctx, published, "--published")
    err = console(ctx, err=True)
    e = env_of(ctx)
    # At most one byte over the limit: enough to tell that it is over (a pipe from /dev/zero never ends)
    stdin_bytes = e.stdin.read(max_size + 1) if "-" in paths else None
    kn = knowledge(ctx, db)
    shown = not quiet and err.is_terminal
    with open_store(ctx, db, create=True) as store:
        progress = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=err,
            transient=True,
            disable=not shown,
        )
        last_file = [""]

        def note(path: str, status: str, detail: str) -> None:
            # printable, not only safe: a file name's newline or ESC is shown as an escape, on its line
            if status == "note":
                if not quiet:
                    progress.console.print(_styled(f"note: {printable(path)}: {printable(detail)}"), soft_wrap=True)
                return
            if status == "phase":  # the final clustering: no file to count, a line saying what runs
                progress.update(task, description=detail, total=None)
                return
            file = path.split("#", 1)[0]  # an export's rows advance the bar once, as one file
            if file != last_file[0]:
                last_file[0] = file
                progress.advance(task)
            if status == "failed":
                line = detail if detail.startswith(path) else f"{path}: {detail}"
                progress.console.print(_styled(f"error: {printable(line)}", style="red"), soft_wrap=True)
            elif status == "already" and not quiet:
                progress.console.print(_styled(f"{printable(path)}: {printable(detail)}", style="dim"), soft_wrap=True)

        with progress:
            task = progress.add_task("ingesting", total=_inputs(paths) if shown else None)
            report = run_ingest(
                paths,
                store,
                kn=kn,
                source=source,
                published=published,
                max_bytes=max_size,
                stdin_bytes=stdin_bytes,
                strict=strict,
                progress=note,
                manifest=manifest,
                jobs=jobs,
                seconds=max_seconds,
            )
    err.print(_styled(ingest_summary(report), style="bold"), soft_wrap=True)
    if report.failed:
        raise typer.Exit(int(ExitCode.FAILED))


# --- timeline -----------------------------------------------------------------------------------


def _formats() -> tuple[str, ...]:
    from .views import FORMATS  # the names alone: the exporters' machinery loads when one is asked for

    return ("table", *FORMATS)


FORMAT_HELP = (
    "table (the terminal view), json, jsonl, csv, csv-mentions, markdown (or md), timelinejs, geojson, ics or "
    "html; default: what -o's extension says (.json .jsonl .csv .md .geojson .ics .html .txt), else table."
)


class _TypesInHelp(typer.core.TyperCommand):
    """A command whose --type help lists the bundled event types, read only when help is shown (the
    vocabulary costs every command ~0.1 s to load)."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from .knowledge import Knowledge

        types = ", ".join(f"{t.name} ({t.label})" for t in Knowledge.bundled().vocabulary.types)
        for param in self.params:
            text = getattr(param, "help", None)
            if isinstance(text, str) and "{types}" in text:
                param.help = text.replace("{types}", types)  # type: ignore[attr-defined]
        super().format_help(ctx, formatter)


def load_events(
    store: "Store",
    kn: "Knowledge",
    since: date | None = None,
    until: date | None = None,
    *,
    with_json: bool = False,
    light: bool = False,
) -> "list[Event]":
    from .chronology import current_events

    return current_events(store, since, until, with_json=with_json, kn=kn, light=light)


def _format_of(format_: str | None, output: Path | None, allowed: tuple[str, ...]) -> str:
    """--format (an alias resolved), else what -o's extension asks for, else the terminal table."""
    from .views import format_for

    chosen = format_for(format_, str(output) if output is not None else None) or "table"
    if chosen not in allowed:
        if format_ is None:
            return "table"
        raise UsageError(f"--format {printable(format_)!r}: choose one of {', '.join(allowed)}")
    return chosen


def _filters(
    ctx: typer.Context,
    kn: "Knowledge",
    *,
    since: str | None,
    until: str | None,
    types: list[str] | None,
    place: str | None,
    radius: float,
    source: list[str] | None,
    min_sources: int,
    undated: bool,
) -> Any:
    from .filters import Filters

    start = _parse_date(ctx, since, "--since") if since is not None else None
    end = _parse_date(ctx, until, "--until") if until is not None else None
    if start is not None and end is not None and start.start > end.end:
        raise UsageError(
            f"--since {printable(since or '')!r} is after --until {printable(until or '')!r}: no event can be in both"
        )
    return Filters(
        since=start.start if start is not None else None,
        until=end.end if end is not None else None,
        types=tuple(dict.fromkeys(_event_type(kn, t) for t in types or ())),
        place=place,
        radius_km=radius,
        sources=tuple(source or ()),
        min_sources=min_sources,
        undated=undated,
    )


@app.command(
    cls=_TypesInHelp,
    epilog="Examples: patroltl timeline --since 2019-10 --until 2019-11 · patroltl timeline --type patrol "
    "--source TASS -o patrols.csv --excel · patroltl timeline -o chronology.html",
)
@handle_errors
def timeline(
    ctx: typer.Context,
    db: DbOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            help="Only events that may fall on or after this date (2019, 2019-11, '1 Nov 2019', 'last year'): "
            "an event whose interval of candidate days reaches into the period is kept."
        ),
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only events that may fall on or before this date (the period's last day).")
    ] = None,
    type_: Annotated[
        list[str] | None,
        typer.Option("--type", help="Only this event type, by id or label (repeatable): {types}."),
    ] = None,
    place: Annotated[
        str | None, typer.Option(help="Only events at this place (any spelling or alias, fuzzy) or within --radius.")
    ] = None,
    radius: Annotated[float, typer.Option("--radius", help="With --place: within this many km.")] = 25.0,
    source: Annotated[
        list[str] | None,
        typer.Option("--source", help="Only events this outlet reports (name, alias or domain; fuzzy; repeatable)."),
    ] = None,
    min_sources: Annotated[int, typer.Option("--min-sources", help="Only events at least N outlets report.")] = 1,
    undated: Annotated[bool, typer.Option("--undated/--no-undated", help="Show events whose date is unknown.")] = True,
    format_: Annotated[str | None, typer.Option("--format", "-f", help=FORMAT_HELP, show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
    excel: Annotated[
        bool, typer.Option("--excel", help="With csv or csv-mentions: a UTF-8 byte-order mark, for Excel.")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show each source sentence.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Show why each date and cluster was chosen.")] = False,
    chart: Annotated[
        bool, typer.Option("--chart", help="After the timeline, a bar chart of events per month.")
    ] = False,
    chart_file: Annotated[
        Path | None,
        typer.Option(
            "--chart-file",
            help="Also write a chart of events per month to a "
            ".png, .svg or .pdf file (needs: pip install 'patroltl\\[plot]').",
        ),
    ] = None,
    no_color: NoColor = False,
) -> None:
    """The deduplicated chronology, oldest first, grouped by year and month."""
    from .filters import select, unmatched

    chosen = _format_of(format_, output, _formats())
    if output is not None:
        _check_output(output)
    kn = knowledge(ctx, db)
    filters = _filters(
        ctx,
        kn,
        since=since,
        until=until,
        types=type_,
        place=place,
        radius=radius,
        source=source,
        min_sources=min_sources,
        undated=undated,
    )
    with open_store(ctx, db) as store:
        if chosen in ("json", "jsonl", "csv") and chart_file is None and store.current():
            _stream(ctx, store, kn, chosen, filters, output, excel=excel)  # any size, in bounded memory
            return
        if chosen == "table" and not (explain or chart or chart_file):
            with store.snapshot():  # the legends, the rows and the totals of one state of the database
                if store.current():
                    _stream_table(ctx, store, kn, filters, output, verbose=verbose, no_color=no_color)
                    return
        # the table shows each event's outlets and dates: its members' sentences are read only for -v
        light = chosen == "table" and not verbose and not explain
        everything = load_events(
            store, kn, filters.since, filters.until, with_json=chosen in ("json", "jsonl"), light=light
        )
    gazetteer = kn.gazetteer if place else None
    events = select(everything, filters, gazetteer, kn.outlets)
    err = console(ctx, err=True)
    for warning in unmatched(everything, filters, gazetteer, kn.outlets):
        err.print(_styled(f"warning: {printable(warning)}", style="yellow"), soft_wrap=True)
    _emit(ctx, events, kn, chosen, output, verbose=verbose, explain=explain, no_color=no_color, excel=excel)
    if chart_file is not None:
        from .chart import write_chart

        try:
            write_chart(events, chart_file, kn)
        except OSError as exc:
            raise PatroltlError(f"{chart_file}: could not be written ({exc.strerror or exc})") from None
    if chart and chosen == "table" and output is None:
        from .chart import chart_renderable

        console(ctx, no_color=no_color).print(chart_renderable(events, kn))


def _event_type(kn: "Knowledge", value: str) -> str:
    found = kn.vocabulary.resolve_type(value)
    if found is None:
        choices = ", ".join(f"{t.name} ({t.label})" for t in kn.vocabulary.types)
        raise UsageError(f"--type {printable(value)!r}: choose among {choices}")
    return found


def _emit(
    ctx: typer.Context,
    events: "list[Event]",
    kn: "Knowledge",
    format_: str,
    output: Path | None,
    *,
    verbose: bool,
    explain: bool,
    no_color: bool,
    excel: bool = False,
) -> None:
    from .export import EXPORTERS, ExportOptions, export_bytes, left_out
    from .render import explanation, make_console, timeline_renderable

    if format_ in EXPORTERS:
        note = left_out(format_, events)
        if note:
            console(ctx, err=True).print(_styled(f"note: {note}", style="dim"), soft_wrap=True)
        data = export_bytes(format_, events, kn, ExportOptions(generated=env_of(ctx).now(), excel=excel))
        _write_bytes(ctx, output, data)
        return
    if output:

        def table(fh: IO[bytes]) -> None:
            text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
            make_console(file=text, no_color=True, width=160).print(
                timeline_renderable(events, kn, verbose=verbose), crop=False
            )
            text.flush()
            text.detach()

        _write_output(output, table)
        return
    screen = console(ctx, no_color=no_color)
    # crop=False: the timeline fits its lines to the width itself; Rich's cropping pass costs ~0.1 s per
    # thousand events
    screen.print(timeline_renderable(events, kn, verbose=verbose), crop=False)
    if explain:
        for ev in events:
            screen.print(explanation(ev))


def _stream(
    ctx: typer.Context,
    store: "Store",
    kn: "Knowledge",
    format_: str,
    filters: "Filters",
    output: Path | None,
    *,
    excel: bool,
) -> None:
    """A streamed export (``stream.export_chunks``) to -o (whole or not at all) or standard output."""
    from .stream import export_chunks

    err = console(ctx, err=True)

    def warn(warning: str) -> None:
        err.print(_styled(f"warning: {printable(warning)}", style="yellow"), soft_wrap=True)

    chunks = export_chunks(store, kn, format_, filters, excel=excel, warn=warn)
    if output:
        _write_output(output, lambda fh: [fh.write(chunk) for chunk in chunks])
        return
    out = env_of(ctx).stdout
    out.flush()
    buffer = getattr(out, "buffer", None)
    for chunk in chunks:
        if buffer is not None:
            buffer.write(chunk)
        else:
            out.write(chunk.decode("utf-8"))
    if buffer is not None:
        buffer.flush()


def _stream_table(
    ctx: typer.Context,
    store: "Store",
    kn: "Knowledge",
    f: "Filters",
    output: Path | None,
    *,
    verbose: bool,
    no_color: bool,
) -> None:
    """The terminal table (or -o's text file) of a chronology of any size, read from the store a
    batch of events at a time and printed a window of rows at a time (``render.Timeline``): the
    bytes of the whole list's table. The stored events must be current (``Store.current``)."""
    from .filters import keeper, unmatched_of
    from .render import make_console, timeline_renderable

    gazetteer = kn.gazetteer if f.place else None
    present = store.member_outlets(f.since, f.until) if f.sources else set()
    heads = (ev for ev, _, _ in store.event_heads(f.since, f.until)) if f.place else iter(())
    warnings = unmatched_of(present, heads, f, gazetteer, kn.outlets)
    keep = keeper(f, present, gazetteer, kn.outlets)

    articles = store.article_rows()  # read once for both passes (one snapshot)

    def read(dated: bool | None) -> "Iterator[Event]":
        # the rows of -v show the members' sentences; the first pass (dated None) reads none
        light = not verbose or dated is None
        events = store.stream_events(f.since, f.until, dated=dated, light=light, articles=articles)
        return (ev for ev in events if keep(ev, ev.sources))

    err = console(ctx, err=True)
    for warning in warnings:
        err.print(_styled(f"warning: {printable(warning)}", style="yellow"), soft_wrap=True)
    timeline = timeline_renderable(read, kn, verbose=verbose)

    def show(screen: "Console") -> None:
        # crop=False: the timeline fits its lines to the width itself; Rich's cropping pass costs ~0.1 s
        # per thousand events
        for window in timeline.windows(screen.width):
            screen.print(window, crop=False)

    if output:

        def table(fh: IO[bytes]) -> None:
            text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
            show(make_console(file=text, no_color=True, width=160))
            text.flush()
            text.detach()

        _write_output(output, table)
        return
    show(console(ctx, no_color=no_color))


def _write_bytes(ctx: typer.Context, output: Path | None, data: bytes) -> None:
    """The bytes to -o (whole or not at all) or to standard output (the CRLF of ICS and CSV kept)."""
    if output:
        _write_output(output, lambda fh: fh.write(data))
        return
    out = env_of(ctx).stdout
    out.flush()
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        buffer.write(data)
        buffer.flush()
    else:
        out.write(data.decode("utf-8"))


def _check_output(output: Path) -> None:
    """-o names a file patroltl can write: checked before any work, so a typo costs no ingest-sized wait."""
    where = printable(str(output))
    if output.is_dir():
        raise UsageError(f"{where}: is a folder; give -o a file name")
    if not output.exists() and not output.parent.is_dir():
        raise UsageError(f"{where}: the folder {printable(str(output.parent))} does not exist")


def _write_output(output: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write a file whole or not at all: into a temporary file beside it, then renamed over it, so a
    full disk or an interrupted run never leaves half a file (or half of the old one)."""
    where = printable(str(output))
    _check_output(output)
    if output.exists() and not output.is_file():  # /dev/null, a pipe: written to, never replaced
        try:
            with output.open("wb") as fh:
                write(fh)
        except OSError as exc:
            raise PatroltlError(f"{where}: could not be written ({exc.strerror or exc})") from None
        return
    import tempfile  # here, as json below: start-up (issue 17)

    folder = output.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=".patroltl-", suffix=".part", dir=folder)
    except OSError as exc:
        raise PatroltlError(f"{where}: cannot write there ({exc.strerror or exc}); nothing was written") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.chmod(tmp, _new_file_mode(output))
        os.replace(tmp, output)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(tmp)
        raise PatroltlError(f"{where}: could not be written ({exc.strerror or exc}); nothing was changed") from None


def _new_file_mode(output: Path) -> int:
    """The mode the file would get from open(): its own if it exists, else 0666 less the umask."""
    try:
        return stat.S_IMODE(os.stat(output).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# --- explain ------------------------------------------------------------------------------------


def _find_event(events: "list[Event]", ref: str) -> "Event":
    from .views import clean_text as safe

    found = [ev for ev in events if ev.id.startswith(ref)]
    if not found:
        raise PatroltlError(f"{safe(ref)}: no such event (see `patroltl timeline` for ids)")
    if len(found) > 1:
        raise UsageError(f"{safe(ref)}: ambiguous, matches {', '.join(e.id for e in found[:5])}")
    return found[0]


@app.command(epilog="Example: patroltl explain e1bc0d5d9f  (an id from the timeline; a prefix is enough)")
@handle_errors
def explain(
    ctx: typer.Context,
    event_id: Annotated[str, typer.Argument(help="An event id from the timeline (a prefix is enough).")],
    db: DbOption = None,
    no_color: NoColor = False,
) -> None:
    """Why an event is what it is: each mention, its date evidence, its place, and why it joined."""
    from .explanation import explanation  # not the other views' machinery: start-up is most of explain's time

    with open_store(ctx, db) as store:
        # the event and its members by their indexes; every event only when the stored ones are stale
        found = store.events_by_id(event_id) if event_id else None
        events = found if found is not None else load_events(store, knowledge(ctx, db))
    console(ctx, no_color=no_color).print(explanation(_find_event(events, event_id)))


# --- diff-sources -------------------------------------------------------------------------------


@app.command(
    "diff-sources",
    epilog="Examples: patroltl diff-sources --only-conflicts · patroltl diff-sources --source TASS "
    "--source 'Anadolu Agency' · patroltl diff-sources -o disagreements.md",
)
@handle_errors
def diff_sources(
    ctx: typer.Context,
    db: DbOption = None,
    source: Annotated[
        list[str] | None,
        typer.Option("--source", help="Compare only these outlets (name, alias or domain; fuzzy; repeatable)."),
    ] = None,
    by_side: Annotated[bool, typer.Option("--by-side", help="Columns are the outlets' sides, not outlets.")] = False,
    only_conflicts: Annotated[
        bool, typer.Option("--only-conflicts", help="Only the events on which the sources disagree.")
    ] = False,
    format_: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table (the terminal view), json, or markdown (or md: a report); default: what -o's "
            "extension says (.json, .md), else table.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            min=1,
            help="The terminal view compares this many events in full, with twice as many rows in each "
            "table after them (md and json have everything).",
        ),
    ] = 25,
    no_color: NoColor = False,
) -> None:
    """What each outlet says about each event and where they disagree; who covered what, who was first;
    how each outlet spells each place."""
    from .diff import build_report, report_json
    from .filters import outlet_matches
    from .render import diff_markdown, diff_parts, make_console

    chosen = _format_of(format_, output, ("table", "json", "markdown"))
    if output is not None:
        _check_output(output)
    kn = knowledge(ctx, db)
    with open_store(ctx, db) as store:
        events = load_events(store, kn)
    present = {o for ev in events for o in ev.sources}
    wanted: list[str] = []
    for name in source or ():
        found = sorted(outlet_matches(name, present, kn.outlets))
        if not found:
            console(ctx, err=True).print(
                _styled(f"warning: --source {printable(name)!r} matches no outlet of the database", style="yellow"),
                soft_wrap=True,
            )
        wanted += found or [name]
    screen = chosen == "table" and output is None  # the terminal shows a bounded part; md and json have all
    report = build_report(
        events,
        sources=tuple(dict.fromkeys(wanted)),
        by_side=by_side,
        only_conflicts=only_conflicts,
        side_label=kn.outlets.side_label,
        max_compared=limit if screen else None,
        max_coverage=2 * limit if screen else None,
    )
    if chosen == "json":
        from .contract import json_text

        text = json_text(report_json(report), indent=2) + "\n"
    elif chosen == "markdown":
        text = diff_markdown(report)
    elif output is None:
        screen_console = console(ctx, no_color=no_color)
        for part in diff_parts(report, limit):
            screen_console.print(part)
        return
    else:
        buffer = io.StringIO()
        plain = make_console(file=buffer, no_color=True, width=160)
        for part in diff_parts(report, limit):
            plain.print(part)
        text = buffer.getvalue()
    _write_bytes(ctx, output, text.encode("utf-8"))


# --- show / articles ----------------------------------------------------------------------------


@app.command(epilog="Examples: patroltl show tass-first-joint-patrol.txt · patroltl show 646862b9")
@handle_errors
def show(
    ctx: typer.Context,
    article: Annotated[str, typer.Argument(help="An ingested article: its path, file name or hash prefix.")],
    db: DbOption = None,
    no_color: NoColor = False,
) -> None:
    """The cleaned text of an article as stored, and what the cleaner cut."""
    from .render import marked_cuts, safe

    with open_store(ctx, db) as store:
        found = store.article_text(article)
    if found is None:
        raise PatroltlError(f"{safe(article)}: no such article in the database")
    path, text, cuts, raw = found
    screen = console(ctx, no_color=no_color)
    screen.print(_styled(printable(path), style="bold"))
    if raw is None:  # stored before the text as received was kept
        screen.print(_styled(safe(text)))
        for c in cuts:
            screen.print(_styled(f"[cut {c['start']}-{c['end']}: {c['reason']}]", style="dim"))
        return
    screen.print(marked_cuts(raw, cuts))


@app.command(epilog="Example: patroltl articles --db corpus.db")
@handle_errors
def articles(ctx: typer.Context, db: DbOption = None, no_color: NoColor = False) -> None:
    """The articles in the database, with outlet, publication date and language."""
    from rich.table import Table

    from .models import format_interval
    from .render import safe

    with open_store(ctx, db) as store:
        rows = store.articles()
    table = Table("Article", "Outlet", "How", "Published", "Lang", "Mentions")
    for r in rows:
        lang = r["language"] if r["language"] == "en" else f"{r['language']} (not supported yet)"
        table.add_row(
            _styled(printable(r["path"])),
            _styled(safe(r["outlet"])),
            r["outlet_how"],
            format_interval(r["published"]),
            lang,
            str(r["mentions"]),
        )
    console(ctx, no_color=no_color).print(table)


# --- events merge / split -----------------------------------------------------------------------


def _find_one(events: "list[Event]", ref: str) -> "Event":
    from .render import safe

    found = [ev for ev in events if ev.id.startswith(ref)]
    if len(found) != 1:
        raise UsageError(f"{safe(ref)}: {'no such event' if not found else 'ambiguous event id'}")
    return found[0]


@app.command("recluster", epilog="Example: patroltl recluster  (after a change to tuning.toml or event_types.toml)")
@handle_errors
def recluster_command(ctx: typer.Context, db: DbOption = None) -> None:
    """Cluster every stored mention afresh: the full pass, which an ingest does only when it must."""
    from .pipeline import recluster

    kn = knowledge(ctx, db)
    with open_store(ctx, db) as store:
        n = recluster(store, kn)
    env_of(ctx).stdout.write(f"{_count(n, 'event')} in the chronology\n")


@events_app.command("merge", epilog="Example: patroltl events merge e1bc0d5d9f e55194389f")
@handle_errors
def events_merge(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(help="Event id.")],
    second: Annotated[str, typer.Argument(help="Event id to merge into the first.")],
    db: DbOption = None,
) -> None:
    """Merge two events; the decision is kept and survives later ingests."""
    from .pipeline import recluster

    kn = knowledge(ctx, db)
    with open_store(ctx, db) as store:
        events = load_events(store, kn)
        a, b = _find_one(events, first), _find_one(events, second)
        if a.id == b.id:
            raise UsageError("both ids name the same event")
        store.add_override("merge", a.members[0].key, b.members[0].key)
        n = recluster(store, kn)
    env_of(ctx).stdout.write(f"merged {b.id} into {a.id}; {n} events\n")


@events_app.command(
    "split", epilog="Example: patroltl events split e1bc0d5d9f 646862b96849f3c5:1  (keys: see `patroltl explain`)"
)
@handle_errors
def events_split(
    ctx: typer.Context,
    event: Annotated[str, typer.Argument(help="Event id.")],
    mention: Annotated[str, typer.Argument(help="Mention key (see `patroltl explain`) to take out of it.")],
    db: DbOption = None,
) -> None:
    """Take one mention out of an event into an event of its own; kept across ingests."""
    from .pipeline import recluster
    from .render import safe

    kn = knowledge(ctx, db)
    with open_store(ctx, db) as store:
        ev = _find_one(load_events(store, kn), event)
        keys = [sm.key for sm in ev.members if sm.key.startswith(mention)]
        if len(keys) != 1:
            raise UsageError(
                f"{safe(mention)}: not a mention of {ev.id} (mentions: {', '.join(sm.key for sm in ev.members)})"
            )
        store.add_override("split", keys[0], "")
        n = recluster(store, kn)
    env_of(ctx).stdout.write(f"split {keys[0]} out of {ev.id}; {n} events\n")


@events_app.command("overrides", epilog="Example: patroltl events overrides")
@handle_errors
def events_overrides(ctx: typer.Context, db: DbOption = None, no_color: NoColor = False) -> None:
    """The merges and splits you made, numbered, with when you made them and the events they touch now."""
    from rich.table import Table

    from .render import safe

    kn = knowledge(ctx, db)
    with open_store(ctx, db) as store:
        made = store.override_list()
        if not made:
            env_of(ctx).stdout.write("no overrides: the clustering is as patroltl made it\n")
            return
        events = load_events(store, kn)
    where = {sm.key: ev for ev in events for sm in ev.members}
    table = Table("#", "Override", "Made (UTC)", "Mentions", "Now in")
    for o in made:
        keys = [o["a"]] + ([o["b"]] if o["b"] else [])
        now = [where[k] for k in keys if k in where]
        what = "merge" if o["kind"] == "merge" else "split out"
        table.add_row(
            str(o["id"]),
            what,
            str(o["created_at"]).replace("T", " ").replace("+00:00", ""),
            _styled(" + ".join(keys)),
            _styled(safe("; ".join(dict.fromkeys(f"{ev.id} {ev.summary}" for ev in now)) or "(mention gone)")),
        )
    console(ctx, no_color=no_color).print(table)


@events_app.command("undo", epilog="Example: patroltl events undo 2  (the numbers are in `events overrides`)")
@handle_errors
def events_undo(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(help="The override's number, as `patroltl events overrides` lists it.")],
    db: DbOption = None,
) -> None:
    """Take back one merge or split; the events are clustered again without it."""
    from .pipeline import recluster

    kn = knowledge(ctx, db)
    with open_store(ctx, db) as store:
        removed = store.remove_override(number)
        if removed is None:
            raise UsageError(f"{number}: no such override (see `patroltl events overrides`)")
        n = recluster(store, kn)
    keys = " + ".join(k for k in (removed["a"], removed["b"]) if k)
    what = "merge" if removed["kind"] == "merge" else "split"
    env_of(ctx).stdout.write(f"undid {what} {number} ({keys}); {_count(n, 'event')}\n")


def _count(n: int, noun: str) -> str:
    from .export import plural

    return plural(n, noun)


# --- places -------------------------------------------------------------------------------------


@places_app.command("resolve", epilog="Example: patroltl places resolve Derbisia 'Ras al-Ain' Kobane --limit 1")
@handle_errors
def places_resolve(
    ctx: typer.Context,
    names: Annotated[list[str], typer.Argument(help="Place names as written in articles.")],
    db: DbOption = None,
    format_: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    limit: Annotated[int, typer.Option(help="Candidates per name.")] = 3,
    no_color: NoColor = False,
) -> None:
    """The best gazetteer matches for each name, with score, country and coordinates."""
    from .places import resolve_rows
    from .render import safe

    kn = knowledge(ctx, db)
    if db is not None and Path(db).exists():
        from .pipeline import knowledge_for

        with open_store(ctx, db) as store:
            kn = knowledge_for(store, kn)
    out = resolve_rows(kn.gazetteer, names, limit)
    if format_ == "json":
        from .contract import json_text

        env_of(ctx).stdout.write(json_text(out, indent=2) + "\n")
        return
    from rich.table import Table

    table = Table("Query", "Place", "Kind", "Country", "Lat", "Lon", "Score", "How", "Via spelling")
    for o in out:
        lat, lon = o["lat"], o["lon"]
        table.add_row(
            _styled(safe(str(o["query"]))),
            _styled(safe(str(o["name"] or "—"))),
            str(o["kind"] or ""),
            str(o["country"] or ""),
            f"{lat:.4f}" if isinstance(lat, float) else "",
            f"{lon:.4f}" if isinstance(lon, float) else "",
            f"{o['score']}",
            str(o["how"]),
            _styled(safe(str(o["matched"] or ""))),
        )
    console(ctx, no_color=no_color).print(table)


@places_app.command("list", epilog="Example: patroltl places list")
@handle_errors
def places_list(ctx: typer.Context, db: DbOption = None, no_color: NoColor = False) -> None:
    """The places in the database, with the spellings each outlet used."""
    from rich.table import Table

    from .render import safe

    seen: dict[str, dict[str, set[str]]] = {}
    names: dict[str, str] = {}
    with open_store(ctx, db) as store:
        for sm in store.mentions():
            for p in sm.mention.places:
                ident = p.place_id or f"unresolved:{p.surface}"
                names[ident] = p.name
                seen.setdefault(ident, {}).setdefault(sm.outlet, set()).add(p.surface)
    table = Table("Place", "Id", "Spellings by outlet")
    for ident in sorted(seen, key=lambda i: names[i].lower()):
        spellings = "; ".join(f"{o}: {', '.join(sorted(s))}" for o, s in sorted(seen[ident].items()))
        table.add_row(_styled(safe(names[ident])), ident, _styled(safe(spellings)))
    console(ctx, no_color=no_color).print(table)


@places_app.command("import", epilog="Example: patroltl places import SY.txt --country SY")
@handle_errors
def places_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A GeoNames dump (SY.txt, allCountries.txt) or alternateNames.txt.")],
    db: DbOption = None,
    country: Annotated[
        list[str] | None,
        typer.Option("--country", help="Keep only these ISO country codes (repeatable; default: all in the file)."),
    ] = None,
) -> None:
    """Load GeoNames' own tab-separated files into the database's gazetteer, for every village."""
    from .places import alternate_name_rows, is_alternate_names_file, parse_geonames_dump, place_rows

    if not file.is_file():
        raise PatroltlError(f"{file}: {'not a regular file' if file.exists() else 'no such file'}")
    kn = knowledge(ctx, db)
    out = env_of(ctx).stdout
    name = printable(str(file))
    with open_store(ctx, db, create=True) as store, file.open(encoding="utf-8", errors="replace") as fh:
        first = fh.readline()
        fh.seek(0)
        if is_alternate_names_file(first):
            known = {str(p["id"]): p for p in store.user_places()}
            n = store.add_user_places(alternate_name_rows(fh, known, kn.gazetteer))
            out.write(f"{name}: alternate names for {n} places\n")
            return
        unplaced: list[str] = []
        n = store.add_user_places(place_rows(parse_geonames_dump(fh), country or (), unplaced))
    if n == 0:
        raise PatroltlError(f"{file}: no populated places in GeoNames' format found")
    skipped = f" ({len(unplaced)} skipped: coordinates not finite or out of range)" if unplaced else ""
    out.write(f"{name}: {n} places imported{skipped}\n")


@app.command(epilog="Example: patroltl browse --port 8001  (needs: pip install 'patroltl\\[browse]')")
@handle_errors
def browse(
    ctx: typer.Context,
    db: DbOption = None,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="The local port Datasette listens on.")] = 8001,
) -> None:
    """Browse the database in Datasette (the browse extra): the events, their sources, the chronology
    view, with links between them; read-only."""
    import importlib.util
    import json
    import tempfile

    path = env_of(ctx).db_path(db)
    with open_store(ctx, db):  # refused as every command refuses it: missing, not patroltl's, damaged
        pass
    if importlib.util.find_spec("datasette") is None:
        raise PatroltlError("browse needs Datasette: pip install 'patroltl[browse]' (or pip install datasette)")
    with tempfile.TemporaryDirectory(prefix="patroltl-browse-") as folder:
        metadata = Path(folder) / "metadata.json"
        metadata.write_text(json.dumps(browse_metadata(path)), encoding="utf-8")
        _serve(ctx, browse_command(path, port, metadata), port)


def _serve(ctx: typer.Context, command: list[str], port: int) -> None:
    import subprocess

    console(ctx, err=True).print(_styled(f"Datasette on http://127.0.0.1:{port}/ (Ctrl-C stops it)"), soft_wrap=True)
    with suppress(KeyboardInterrupt):
        subprocess.run(command, check=False)


def browse_command(path: Path, port: int, metadata: Path) -> list[str]:
    """Datasette on this machine only (it opens the database read-only; not --immutable, which would
    ignore what a WAL database has not yet checkpointed)."""
    where = ["--host", "127.0.0.1", "--port", str(port)]
    return [sys.executable, "-m", "datasette", "serve", str(path), "--metadata", str(metadata), *where]


def browse_metadata(path: Path) -> dict[str, Any]:
    """Datasette's metadata: titles, and the column each table's links are labelled by (an event by its
    summary, an article by its title)."""
    tables = {
        "events": {"label_column": "summary", "sort": "date_start"},
        "articles": {"label_column": "title"},
        "chronology": {"description": "The events, oldest first: date, precision, place, outlets."},
        "event_sources": {"description": "Each mention of each event with its article's outlet, URL and headline."},
    }
    return {"title": "patroltl: " + path.name, "databases": {path.stem: {"tables": tables}}}


def main() -> None:
    from . import parsecache, typerhelp
    from .environment import Environment

    environment = Environment.from_process()
    parsecache.use(environment.cache_dir)  # the process's knowledge files parsed once, kept between runs
    typerhelp.install()  # --help and usage errors without markdown-it and Pygments
    try:
        app(obj=environment)
    except BrokenPipeError:  # `patroltl timeline | head`: the reader left; not an error worth a traceback
        with suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (Python flushes stdout at exit)
        raise SystemExit(int(ExitCode.FAILED)) from None
