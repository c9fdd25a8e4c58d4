"""The command line: parses options, calls the core, shows the result. No domain logic here."""

from __future__ import annotations

import functools
import io
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import IO, Annotated, Any, TypeVar

import typer
from rich.text import Text

from . import __version__
from .errors import ExitCode, PatroltlError, UsageError, printable
from .models import EVENT_TYPES, Event

app = typer.Typer(
    name="patroltl",
    help="Turn news articles about the Turkish-Russian joint patrols in Syria into one deduplicated, "
    "source-attributed chronology.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
events_app = typer.Typer(help="Overrule the clustering: merge or split events.", no_args_is_help=True)
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


def _err_console() -> Any:
    from .render import make_console

    return make_console(file=sys.stderr)


def handle_errors(fn: F) -> F:
    """Turn the project's own errors into one line on stderr and a named exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except PatroltlError as exc:
            # printable: the message names files, ids and option values the user (or a file) gave
            _err_console().print(Text(f"error: {printable(str(exc))}", style="bold red"), soft_wrap=True)
            raise typer.Exit(int(exc.exit_code)) from None

    return wrapper  # type: ignore[return-value]


@contextmanager
def open_store(db: Path | None, *, create: bool = False) -> Iterator[Any]:
    from .store import Store, default_db_path

    store = Store.open(db or default_db_path(), create=create)
    store.on_wait = lambda message: _err_console().print(Text(printable(message), style="yellow"), soft_wrap=True)
    try:
        yield store
    finally:
        store.close()


def version_callback(value: bool) -> None:
    if value:
        print(f"patroltl {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Turn news articles into one deduplicated, source-attributed chronology."""


# --- ingest -------------------------------------------------------------------------------------


@app.command()
@handle_errors
def ingest(
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
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .pipeline import ingest as run_ingest
    from .render import make_console

    if published is not None:
        from .dates import parse_date_arg

        if parse_date_arg(published, today=date.today()) is None:
            raise UsageError(f"--published {published!r}: not a date (try 2019-11-01)")
    console = make_console(file=sys.stderr)
    # At most one byte over the limit: enough to tell that it is over (a pipe from /dev/zero never ends)
    stdin_bytes = sys.stdin.buffer.read(max_size + 1) if "-" in paths else None
    with open_store(db, create=True) as store:
        progress = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=quiet or not console.is_terminal,
        )

        def note(path: str, status: str, detail: str) -> None:
            # printable, not only safe: a file name's newline or ESC is shown as an escape, on its line
            if status == "note":
                if not quiet:
                    progress.console.print(Text(f"note: {printable(path)}: {printable(detail)}"), soft_wrap=True)
                return
            progress.advance(task)
            if status == "failed":
                line = detail if detail.startswith(path) else f"{path}: {detail}"
                progress.console.print(Text(f"error: {printable(line)}", style="red"), soft_wrap=True)
            elif status == "already" and not quiet:
                progress.console.print(
                    Text(f"{printable(path)}: {printable(detail)}", style="bright_black"), soft_wrap=True
                )

        with progress:
            task = progress.add_task("ingesting", total=None)
            report = run_ingest(
                paths,
                store,
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
    summary = (
        f"{len(report.new)} new, {len(report.already)} already ingested, {len(report.failed)} failed; "
        f"{report.mentions} mentions extracted, {report.events} events in the chronology"
    )
    if report.notes:
        summary += f" ({len(report.notes)} decoding {'note' if len(report.notes) == 1 else 'notes'} above)"
    console.print(Text(summary, style="bold"), soft_wrap=True)
    if report.failed:
        raise typer.Exit(int(ExitCode.FAILED))


# --- timeline -----------------------------------------------------------------------------------


def _formats() -> tuple[str, ...]:
    from .export import EXPORTERS

    return ("table", *EXPORTERS)


def _parse_when(value: str | None, flag: str, *, end: bool) -> date | None:
    if value is None:
        return None
    from .dates import parse_date_arg

    iv = parse_date_arg(value, today=date.today())
    if iv is None:
        raise UsageError(f"{flag} {value!r}: not a date (try 2019, 2019-11, 2019-11-01 or '1 Nov 2019')")
    return iv.end if end else iv.start


def load_events(
    store: Any, since: date | None = None, until: date | None = None, *, with_json: bool = False
) -> list[Event]:
    from .chronology import current_events

    return current_events(store, since, until, with_json=with_json)


def _user_gazetteer(store: Any) -> Any:
    from .pipeline import user_gazetteer  # the extraction stages load only when --place asks

    return user_gazetteer(store)


@app.command()
@handle_errors
def timeline(
    db: DbOption = None,
    since: Annotated[
        str | None, typer.Option(help="Only events from this date on (2019, 2019-11, '1 Nov 2019').")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Only events up to this date.")] = None,
    type_: Annotated[list[str] | None, typer.Option("--type", help="Only this event type (repeatable).")] = None,
    place: Annotated[str | None, typer.Option(help="Only events at this place (fuzzy).")] = None,
    radius: Annotated[float, typer.Option("--radius", help="With --place: within this many km.")] = 25.0,
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Only events this outlet reports (repeatable).")
    ] = None,
    min_sources: Annotated[int, typer.Option("--min-sources", help="Only events at least N outlets report.")] = 1,
    undated: Annotated[bool, typer.Option("--undated/--no-undated", help="Show events whose date is unknown.")] = True,
    format_: Annotated[
        str, typer.Option("--format", "-f", help="Output format: table, json, and the other exports (see the README).")
    ] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
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
            ".png, .svg or .pdf file (needs: pip install 'patroltl[plot]').",
        ),
    ] = None,
    no_color: NoColor = False,
) -> None:
    """The deduplicated chronology, oldest first, grouped by year and month."""
    from .filters import Filters, select

    if format_ not in _formats():
        raise UsageError(f"--format {format_!r}: choose one of {', '.join(_formats())}")
    bad = [t for t in (type_ or []) if t not in EVENT_TYPES]
    if bad:
        raise UsageError(f"--type {bad[0]!r}: choose among {', '.join(EVENT_TYPES)}")
    filters = Filters(
        since=_parse_when(since, "--since", end=False),
        until=_parse_when(until, "--until", end=True),
        types=tuple(type_ or ()),
        place=place,
        radius_km=radius,
        sources=tuple(source or ()),
        min_sources=min_sources,
        undated=undated,
    )
    with open_store(db) as store:
        events = select(
            load_events(store, filters.since, filters.until, with_json=format_ in ("json", "jsonl")),
            filters,
            _user_gazetteer(store) if place else None,
        )
    _emit(events, format_, output, verbose=verbose, explain=explain, no_color=no_color)
    if chart_file is not None:
        from .chart import write_chart

        try:
            write_chart(events, chart_file)
        except OSError as exc:
            raise PatroltlError(f"{chart_file}: could not be written ({exc.strerror or exc})") from None
    if chart and format_ == "table" and output is None:
        from .chart import chart_renderable
        from .render import make_console

        make_console(no_color=no_color).print(chart_renderable(events))


def _emit(
    events: list[Event], format_: str, output: Path | None, *, verbose: bool, explain: bool, no_color: bool
) -> None:
    from .export import EXPORTERS

    if format_ in EXPORTERS:
        data = EXPORTERS[format_](events).encode("utf-8")
        if output:
            # bytes: the CRLF of ICS and CSV stays as it is on every platform
            _write_output(output, lambda fh: fh.write(data))
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        return
    from .render import make_console, timeline_renderable

    if output:

        def table(fh: IO[bytes]) -> None:
            text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
            make_console(file=text, no_color=True, width=160).print(
                timeline_renderable(events, verbose=verbose), crop=False
            )
            text.flush()
            text.detach()

        _write_output(output, table)
        return
    console = make_console(no_color=no_color)
    # crop=False: the timeline fits its lines to the width itself; Rich's cropping pass costs ~0.1 s per
    # thousand events
    console.print(timeline_renderable(events, verbose=verbose), crop=False)
    if explain:
        for ev in events:
            _print_explanation(console, ev)


def _write_output(output: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write a file whole or not at all: into a temporary file beside it, then renamed over it, so a
    full disk or an interrupted run never leaves half a file (or half of the old one)."""
    where = printable(str(output))
    if output.is_dir():
        raise UsageError(f"{where}: is a folder; give -o a file name")
    if output.exists() and not output.is_file():  # /dev/null, a pipe: written to, never replaced
        try:
            with output.open("wb") as fh:
                write(fh)
        except OSError as exc:
            raise PatroltlError(f"{where}: could not be written ({exc.strerror or exc})") from None
        return
    folder = output.parent
    if not folder.is_dir():
        raise UsageError(f"{where}: the folder {printable(str(folder))} does not exist")
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


def _print_explanation(console: Any, ev: Event) -> None:
    from .dates import format_interval
    from .render import safe

    console.print(Text(f"\n{ev.id}  {ev.type}  {format_interval(ev.date)}  {safe(ev.summary)}", style="bold"))
    console.print(Text("  date: " + "; ".join(safe(e) for e in ev.date.evidence)))
    why = dict(ev.why)
    for sm in ev.members:
        m = sm.mention
        console.print(Text(f"  • {sm.key}  {safe(sm.outlet)}  {printable(sm.article_path)}", style="cyan"))
        console.print(Text(f"    “{safe(m.sentence[:300])}”"))
        console.print(
            Text(
                f"    date {format_interval(m.date)} from {m.date_from}"
                f"{' (“' + safe(m.date_text) + '”)' if m.date_text else ''}: "
                + "; ".join(safe(e) for e in m.date.evidence)
            )
        )
        console.print(
            Text(f"    published {format_interval(sm.published)}: " + "; ".join(safe(e) for e in sm.published.evidence))
        )
        if m.place and m.place_text:
            console.print(
                Text(
                    f"    place “{safe(m.place_text)}” -> {safe(m.place.name)} "
                    f"({m.place.kind}, similarity {m.place.score:.2f})"
                )
            )
        elif m.place:
            console.print(
                Text(
                    f"    place {safe(m.place.name)}: not named in the sentence, inferred from the "
                    "article's other reports (not used to merge)"
                )
            )
        console.print(Text(f"    cluster: {safe(why.get(sm.key, ''))}", style="bright_black"))


@app.command()
@handle_errors
def explain(
    event_id: Annotated[str, typer.Argument(help="An event id from the timeline (a prefix is enough).")],
    db: DbOption = None,
    no_color: NoColor = False,
) -> None:
    """Why an event is what it is: each mention, its date evidence, its place, and why it joined."""
    from .render import make_console

    with open_store(db) as store:
        events = load_events(store)
    found = [ev for ev in events if ev.id.startswith(event_id)]
    if not found:
        raise PatroltlError(f"{event_id}: no such event (see `patroltl timeline` for ids)")
    if len(found) > 1:
        raise UsageError(f"{event_id}: ambiguous, matches {', '.join(e.id for e in found[:5])}")
    _print_explanation(make_console(no_color=no_color), found[0])


# --- diff-sources -------------------------------------------------------------------------------


@app.command("diff-sources")
@handle_errors
def diff_sources(
    db: DbOption = None,
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Compare only these outlets (repeatable).")
    ] = None,
    by_side: Annotated[bool, typer.Option("--by-side", help="Columns are the outlets' sides, not outlets.")] = False,
    only_conflicts: Annotated[
        bool, typer.Option("--only-conflicts", help="Only the events on which the sources disagree.")
    ] = False,
    format_: Annotated[str, typer.Option("--format", "-f", help="table, json or md (a Markdown report).")] = "table",
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
    from .outlets import load_outlets
    from .render import diff_markdown, diff_parts, make_console

    if format_ not in ("table", "json", "md"):
        raise UsageError(f"--format {format_!r}: choose table, json or md")
    with open_store(db) as store:
        events = load_events(store)
    screen = format_ == "table"  # the terminal shows a bounded part; md and json have everything
    report = build_report(
        events,
        sources=tuple(source or ()),
        by_side=by_side,
        only_conflicts=only_conflicts,
        side_label=load_outlets().side_label,
        max_compared=limit if screen else None,
        max_coverage=2 * limit if screen else None,
    )
    if format_ == "json":
        from .export import json_text

        sys.stdout.write(json_text(report_json(report), indent=2) + "\n")
    elif format_ == "md":
        sys.stdout.write(diff_markdown(report))
    else:
        console = make_console(no_color=no_color)
        for part in diff_parts(report, limit):
            console.print(part)


# --- show / articles ----------------------------------------------------------------------------


@app.command()
@handle_errors
def show(
    article: Annotated[str, typer.Argument(help="An ingested article: its path, file name or hash prefix.")],
    db: DbOption = None,
    no_color: NoColor = False,
) -> None:
    """The cleaned text of an article as stored, and what the cleaner cut."""
    from .render import make_console, safe

    with open_store(db) as store:
        found = store.article_text(article)
    if found is None:
        raise PatroltlError(f"{article}: no such article in the database")
    path, text, cuts, raw = found
    console = make_console(no_color=no_color)
    console.print(Text(printable(path), style="bold"))
    if raw is None:  # stored before the text as received was kept
        console.print(Text(safe(text)))
        for c in cuts:
            console.print(Text(f"[cut {c['start']}-{c['end']}: {c['reason']}]", style="bright_black"))
        return
    from .render import marked_cuts

    console.print(marked_cuts(raw, cuts))


@app.command()
@handle_errors
def articles(db: DbOption = None, no_color: NoColor = False) -> None:
    """The articles in the database, with outlet, publication date and language."""
    from .dates import format_interval
    from .render import make_console, safe

    with open_store(db) as store:
        rows = store.articles()
    from rich.table import Table

    table = Table("Article", "Outlet", "How", "Published", "Lang", "Mentions")
    for r in rows:
        lang = r["language"] if r["language"] == "en" else f"{r['language']} (not supported yet)"
        table.add_row(
            Text(printable(r["path"])),
            Text(safe(r["outlet"])),
            r["outlet_how"],
            format_interval(r["published"]),
            lang,
            str(r["mentions"]),
        )
    make_console(no_color=no_color).print(table)


# --- events merge / split -----------------------------------------------------------------------


def _find_event(events: list[Event], ref: str) -> Event:
    found = [ev for ev in events if ev.id.startswith(ref)]
    if len(found) != 1:
        raise UsageError(f"{ref}: {'no such event' if not found else 'ambiguous event id'}")
    return found[0]


@events_app.command("merge")
@handle_errors
def events_merge(
    first: Annotated[str, typer.Argument(help="Event id.")],
    second: Annotated[str, typer.Argument(help="Event id to merge into the first.")],
    db: DbOption = None,
) -> None:
    """Merge two events; the decision is kept and survives later ingests."""
    from .pipeline import recluster

    with open_store(db) as store:
        events = load_events(store)
        a, b = _find_event(events, first), _find_event(events, second)
        if a.id == b.id:
            raise UsageError("both ids name the same event")
        store.add_override("merge", a.members[0].key, b.members[0].key)
        n = recluster(store)
    print(f"merged {b.id} into {a.id}; {n} events")


@events_app.command("split")
@handle_errors
def events_split(
    event: Annotated[str, typer.Argument(help="Event id.")],
    mention: Annotated[str, typer.Argument(help="Mention key (see `patroltl explain`) to take out of it.")],
    db: DbOption = None,
) -> None:
    """Take one mention out of an event into an event of its own; kept across ingests."""
    from .pipeline import recluster

    with open_store(db) as store:
        ev = _find_event(load_events(store), event)
        keys = [sm.key for sm in ev.members if sm.key.startswith(mention)]
        if len(keys) != 1:
            raise UsageError(
                f"{mention}: not a mention of {ev.id} (mentions: {', '.join(sm.key for sm in ev.members)})"
            )
        store.add_override("split", keys[0], "")
        n = recluster(store)
    print(f"split {keys[0]} out of {ev.id}; {n} events")


# --- places -------------------------------------------------------------------------------------


@places_app.command("resolve")
@handle_errors
def places_resolve(
    names: Annotated[list[str], typer.Argument(help="Place names as written in articles.")],
    db: DbOption = None,
    format_: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    limit: Annotated[int, typer.Option(help="Candidates per name.")] = 3,
    no_color: NoColor = False,
) -> None:
    """The best gazetteer matches for each name, with score, country and coordinates."""
    from .places import Gazetteer
    from .render import make_console, safe

    gaz = Gazetteer.load()
    if db is not None and Path(db).exists():
        from .pipeline import user_gazetteer

        with open_store(db) as store:
            gaz = user_gazetteer(store)
    out: list[dict[str, Any]] = []
    for name in names:
        for c in gaz.resolve(name, limit=limit):
            out.append(
                {
                    "query": name,
                    "id": c.place.id,
                    "name": c.place.name,
                    "kind": c.place.kind,
                    "country": c.place.country,
                    "lat": c.place.lat,
                    "lon": c.place.lon,
                    "score": round(100 * c.similarity),
                    "rank": round(c.score, 3),
                    "how": c.how,
                    "matched": c.alias,
                }
            )
        if not any(o["query"] == name for o in out):
            out.append(
                {
                    "query": name,
                    "id": None,
                    "name": None,
                    "kind": None,
                    "country": None,
                    "lat": None,
                    "lon": None,
                    "score": 0,
                    "rank": 0,
                    "how": "no match",
                    "matched": None,
                }
            )
    if format_ == "json":
        from .export import json_text

        sys.stdout.write(json_text(out, indent=2) + "\n")
        return
    from rich.table import Table

    table = Table("Query", "Place", "Kind", "Country", "Lat", "Lon", "Score", "How", "Via spelling")
    for o in out:
        table.add_row(
            Text(safe(o["query"])),
            Text(safe(o["name"] or "—")),
            o["kind"] or "",
            o["country"] or "",
            f"{o['lat']:.4f}" if o["lat"] is not None else "",
            f"{o['lon']:.4f}" if o["lon"] is not None else "",
            f"{o['score']}",
            o["how"],
            Text(safe(o["matched"] or "")),
        )
    make_console(no_color=no_color).print(table)


@places_app.command("list")
@handle_errors
def places_list(db: DbOption = None, no_color: NoColor = False) -> None:
    """The places in the database, with the spellings each outlet used."""
    from .render import make_console, safe

    seen: dict[str, dict[str, set[str]]] = {}
    names: dict[str, str] = {}
    with open_store(db) as store:
        for sm in store.mentions():
            for p in sm.mention.places:
                ident = p.place_id or f"unresolved:{p.surface}"
                names[ident] = p.name
                seen.setdefault(ident, {}).setdefault(sm.outlet, set()).add(p.surface)
    from rich.table import Table

    table = Table("Place", "Id", "Spellings by outlet")
    for ident in sorted(seen, key=lambda i: names[i].lower()):
        spellings = "; ".join(f"{o}: {', '.join(sorted(s))}" for o, s in sorted(seen[ident].items()))
        table.add_row(Text(safe(names[ident])), ident, Text(safe(spellings)))
    make_console(no_color=no_color).print(table)


@places_app.command("import")
@handle_errors
def places_import(
    file: Annotated[Path, typer.Argument(help="A GeoNames dump (SY.txt, allCountries.txt) or alternateNames.txt.")],
    db: DbOption = None,
    country: Annotated[
        list[str] | None,
        typer.Option("--country", help="Keep only these ISO country codes (repeatable; default: all in the file)."),
    ] = None,
) -> None:
    """Load GeoNames' own tab-separated files into the database's gazetteer, for every village."""
    from dataclasses import asdict

    from .places import Gazetteer, is_alternate_names_file, parse_alternate_names, parse_geonames_dump

    if not file.is_file():
        raise PatroltlError(f"{file}: {'not a regular file' if file.exists() else 'no such file'}")
    wanted = {c.upper() for c in country or ()}
    with open_store(db, create=True) as store, file.open(encoding="utf-8", errors="replace") as fh:
        first = fh.readline()
        fh.seek(0)
        if is_alternate_names_file(first):
            known = {p["id"]: p for p in store.user_places()}
            bundled = Gazetteer.load()
            extra: dict[str, list[str]] = {}
            for pid, name in parse_alternate_names(fh):
                if pid in known or bundled.get(pid) is not None:
                    extra.setdefault(pid, []).append(name)
            rows = []
            for pid, names in extra.items():
                base = known.get(pid) or asdict(bundled.get(pid))  # type: ignore[arg-type]
                alts = list(dict.fromkeys([*base.get("alternates", ()), *names]))
                rows.append((pid, {**base, "alternates": alts}))
            n = store.add_user_places(rows)
            print(f"{printable(str(file))}: alternate names for {n} places")
            return
        unplaced: list[str] = []
        places = (p for p in parse_geonames_dump(fh) if not wanted or p.country in wanted)
        n = store.add_user_places(
            (p.id, {**asdict(p), "alternates": list(p.alternates)}) for p in _located(places, unplaced)
        )
    if n == 0:
        raise PatroltlError(f"{file}: no populated places in GeoNames' format found")
    skipped = f" ({len(unplaced)} skipped: coordinates not finite or out of range)" if unplaced else ""
    print(f"{printable(str(file))}: {n} places imported{skipped}")


def _located(places: Iterator[Any], skipped: list[str]) -> Iterator[Any]:
    """The places with real coordinates: NaN made the JSON export invalid, infinity broke every
    distance to the place."""
    from .pipeline import on_earth

    for p in places:
        if on_earth(p.lat, p.lon):
            yield p
        else:
            skipped.append(p.id)


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # `patroltl timeline | head`: the reader left; not an error worth a traceback
        with suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (Python flushes stdout at exit)
        raise SystemExit(int(ExitCode.FAILED)) from None
