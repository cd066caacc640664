"""The ``newsdesk`` command line: a thin layer over :mod:`newsdesk.pipeline`.

Every problem is one ``error: WHAT: problem`` line on stderr (``note: SOURCE: ...`` for an
article whose facts were limited); no input ends the command with a traceback, which only
``--verbose`` shows, for internal errors. Exit codes (:mod:`newsdesk.errors`): 0 success;
1 some input could not be used (the rest went in) or an id was not found; 2 usage error;
3 the store cannot be opened; 4 the store or an output cannot be written (disk full,
read-only); 5 internal error (a bug; the rest of the batch still went in); 130 interrupted.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsdesk.errors import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    InputError,
    InternalError,
    NewsdeskError,
)
from newsdesk.limits import MAX_TEXT_ENV, Limits, parse_size
from newsdesk.records import StoryReport
from newsdesk.store import Store, backend_of, open_store, translate_error

if TYPE_CHECKING:
    from newsdesk.fetch import FetchReport

app = typer.Typer(
    name="newsdesk",
    help="Turn a pile of news reports into stories a reader can trust.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    md = "md"
    json = "json"
    html = "html"


DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="NEWSDESK_DB",
        help="The store: an SQLite file, or a postgresql:// URL (ingest and run create it "
        "if missing, and say so).",
    ),
]


class Matcher(StrEnum):
    rules = "rules"
    embeddings = "embeddings"


MatcherOption = Annotated[
    Matcher,
    typer.Option(
        "--matcher",
        help="How facts are aligned: rules, or rules plus sentence embeddings "
        "(needs the 'embeddings' extra).",
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
PathsArgument = Annotated[
    list[str],
    typer.Argument(help="Files, folders (recursive) or glob patterns.", show_default=False),
]
VerboseOption = Annotated[
    bool,
    typer.Option("--verbose", "-v", help="Show the traceback of internal errors."),
]


def _max_text(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return parse_size(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


MaxTextOption = Annotated[
    str | None,
    typer.Option(
        "--max-text",
        envvar=MAX_TEXT_ENV,
        help="Longest document text accepted, in characters (e.g. 500k, 10M). Default 10M.",
        show_default=False,
    ),
]
KeepOption = Annotated[
    list[str] | None,
    typer.Option(
        "--keep",
        help="Keep what cleaning would remove: a removal reason (e.g. template) or the text "
        "of a line (repeatable). `show --explain` lists the reasons.",
    ),
]
DEFAULT_DB = "newsdesk.db"


def _err(message: str) -> None:
    typer.echo(f"error: {message}", err=True)


def _traceback(exc: BaseException) -> None:
    typer.echo("".join(traceback.format_exception(exc)).rstrip(), err=True)


class _Reporter:
    """Prints each input problem as it happens; remembers the worst exit code."""

    def __init__(self, verbose: bool) -> None:
        self.verbose = verbose
        self.code = 0

    def __call__(self, err: InputError) -> None:
        if isinstance(err, InternalError):
            _err(f"{err} (a bug in newsdesk; --verbose shows the traceback)")
            if self.verbose and err.__cause__ is not None:
                _traceback(err.__cause__)
        else:
            _err(str(err))
        self.code = max(self.code, err.exit_code)


@contextmanager
def _guarded(verbose: bool, db: str | None = None) -> Iterator[None]:
    """Turn every failure into one ``error:`` line and its exit code."""
    try:
        yield
    except (typer.Exit, typer.Abort, typer.TyperException):  # usage errors: typer reports
        raise
    except NewsdeskError as exc:
        _err(str(exc))
        raise typer.Exit(exc.exit_code) from exc
    except sqlite3.Error as exc:
        found = translate_error(Path(db or DEFAULT_DB), exc)
        if isinstance(found, NewsdeskError):
            _err(str(found))
            raise typer.Exit(found.exit_code) from exc
        _internal(exc, verbose)
    except KeyboardInterrupt as exc:
        _err("interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from exc
    except BrokenPipeError as exc:  # stdout closed early (`newsdesk stories | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(EXIT_INPUT) from exc
    except Exception as exc:
        _internal(exc, verbose)


def _internal(exc: BaseException, verbose: bool) -> None:
    detail = " ".join(str(exc).split())[:300]
    _err(
        f"internal error: {type(exc).__name__}: {detail} "
        "(a bug in newsdesk; --verbose shows the traceback)"
    )
    if verbose:
        _traceback(exc)
    raise typer.Exit(EXIT_INTERNAL) from exc


def _open(db: str, *, readonly: bool = False) -> Store:
    store = open_store(db, readonly=readonly)
    if store.created:
        typer.echo(f"newsdesk: created a new store at {store.path}", err=True)
    return store


def _notes(reports: list[StoryReport]) -> None:
    for report in reports:
        for analysis in report.analyses:
            for note in analysis.notes:
                typer.echo(f"note: {analysis.article.source}: {note}", err=True)


def _progress_wanted() -> bool:
    return sys.stderr.isatty()


@app.command()
def ingest(
    paths: PathsArgument,
    db: DbOption = DEFAULT_DB,
    max_text: MaxTextOption = None,
    keep: KeepOption = None,
    verbose: VerboseOption = False,
) -> None:
    """Read, clean and store reports. Re-ingesting the same input changes nothing."""
    from newsdesk.pipeline import ingest_paths

    reporter = _Reporter(verbose)
    with _guarded(verbose, db), _open(db) as store:
        report = ingest_paths(
            store,
            paths,
            on_error=reporter,
            progress=_progress_wanted(),
            limits=Limits.from_env(_max_text(max_text)),
            keep=keep or (),
        )
        typer.echo(
            f"{report.documents} documents read: {report.new} new, "
            f"{report.unchanged} already in {store.path} or not stored; "
            f"{report.error_count} errors",
            err=True,
        )
    if reporter.code:
        raise typer.Exit(reporter.code)


@app.command()
def stories(
    db: DbOption = DEFAULT_DB, fmt: FormatOption = Format.md, verbose: VerboseOption = False
) -> None:
    """List the stories in the store (largest first)."""
    from newsdesk.brief import render_json, render_markdown

    if fmt is Format.html:
        _err("stories lists in md or json; use `show STORY --format html` for a report")
        raise typer.Exit(2)
    with _guarded(verbose, db):
        with _open(db, readonly=True) as store:
            summaries = store.story_summaries()
        if fmt is Format.json:
            typer.echo(render_json.dumps(render_json.story_list_document(summaries)), nl=False)
        else:
            typer.echo(render_markdown.stories_markdown(summaries), nl=False)


@app.command()
def show(
    story: Annotated[str, typer.Argument(help="Story id (or a unique prefix of it).")],
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.md,
    matcher: MatcherOption = Matcher.rules,
    verbose: VerboseOption = False,
    keep: KeepOption = None,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Also list every span cleaning removed, and why."),
    ] = False,
) -> None:
    """Show one story's brief, facts and sources (--keep: as if cleaned with overrides)."""
    from newsdesk.brief import render_html, render_json, render_markdown
    from newsdesk.clean.explain import explain_markdown
    from newsdesk.pipeline import make_matcher, story_report

    reporter = _Reporter(verbose)
    with _guarded(verbose, db):
        with _open(db, readonly=True) as store:
            report = story_report(
                store,
                store.story(story),
                matcher=make_matcher(matcher),
                on_error=reporter,
                keep=keep or (),
            )
        _notes([report])
        if fmt is Format.json:
            typer.echo(render_json.dumps(render_json.report_document([report])), nl=False)
        elif fmt is Format.html:
            typer.echo(render_html.report_html([report], title=report.story.title), nl=False)
        else:
            typer.echo(render_markdown.story_markdown(report))
        if explain:
            notes = "\n".join(explain_markdown(a.article) for a in report.analyses)
            typer.echo(f"## Removed by cleaning\n\n{notes}", err=fmt is not Format.md)
    if reporter.code:
        raise typer.Exit(reporter.code)


@app.command()
def run(
    paths: PathsArgument,
    db: DbOption = DEFAULT_DB,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for the briefs.", file_okay=False)
    ] = Path("out"),
    fmt: Annotated[
        list[Format] | None,
        typer.Option("--format", "-f", help="Output formats (repeatable). Default: all."),
    ] = None,
    matcher: MatcherOption = Matcher.rules,
    keep: KeepOption = None,
    stream: Annotated[
        bool,
        typer.Option(
            "--stream", help="Cluster as a stream in publication order instead of in batch."
        ),
    ] = False,
    max_text: MaxTextOption = None,
    verbose: VerboseOption = False,
) -> None:
    """Ingest, dedupe, cluster and brief every story; write the briefs to --out."""
    from newsdesk.pipeline import FORMATS, make_matcher
    from newsdesk.pipeline import run as run_pipeline

    formats = [f.value for f in fmt] if fmt else list(FORMATS)
    reporter = _Reporter(verbose)
    with _guarded(verbose, db):
        limits = Limits.from_env(_max_text(max_text))
        with _open(db) as store, store.updating():  # other updaters wait (PostgreSQL)
            result = run_pipeline(
                store,
                paths,
                out,
                formats=formats,
                on_error=reporter,
                progress=_progress_wanted(),
                matcher=make_matcher(matcher),
                stream=stream,
                limits=limits,
                keep=keep or (),
            )
        _notes(result.reports)
        ing = result.ingest
        typer.echo(
            f"{ing.documents} documents read ({ing.new} new, {ing.error_count} errors); "
            f"{result.duplicates} duplicates marked; {len(result.stories)} stories",
            err=True,
        )
        typer.echo(f"Briefs written to {out}/:")
        for path in result.written:
            typer.echo(f"  {path}")
    if reporter.code:
        raise typer.Exit(reporter.code)


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)
    ] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="NEWSDESK_TOKEN",
            help="Allow changes to the store (re-run dedupe and clustering) to requests "
            "that carry this token. Without it the app is read-only.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Browse the store's stories in a web browser (needs the 'web' extra)."""
    from newsdesk import web

    if not web.available():
        _err(web.EXTRA_HINT)
        raise typer.Exit(2)
    with _guarded(False, db):
        if backend_of(db) == "sqlite" and not Path(db).is_file():
            _err(f"{db}: no store there; run `newsdesk run PATH --db {db}` (or `make demo`) first")
            raise typer.Exit(3)
        with _open(db) as store:  # migrate once; exit code 3 if it is not a store
            shown = store.path
    typer.echo(f"newsdesk: serving {shown} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    web.serve(db, host=host, port=port, token=token)


AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Let URLs resolve to loopback, private or link-local addresses (local "
        "testing). Non-http(s) schemes and cloud metadata endpoints stay refused.",
    ),
]


DelayOption = Annotated[
    float,
    typer.Option("--delay", min=0.0, help="Least seconds between two requests to the same host."),
]


def _fetch_summary(report: FetchReport) -> str:
    return (
        f"{report.urls} URLs: {report.changed} changed, {report.unchanged} unchanged, "
        f"{report.failed} failed; {report.documents} documents read "
        f"({report.pages} article pages fetched), {len(report.added)} new; "
        f"{len(report.errors)} errors"
    )


@app.command()
def fetch(
    urls: Annotated[
        list[str], typer.Argument(help="Feed or article page URLs.", show_default=False)
    ],
    db: DbOption = DEFAULT_DB,
    allow_private: AllowPrivateOption = False,
    delay: DelayOption = 1.0,
    verbose: VerboseOption = False,
) -> None:
    """Fetch RSS/Atom feeds and article pages; store what is new and update the stories."""
    from newsdesk.fetch import FetchConfig, fetch_urls

    reporter = _Reporter(verbose)
    with _guarded(verbose, db), _open(db) as store:
        report = fetch_urls(
            store,
            list(dict.fromkeys(urls)),
            config=FetchConfig(allow_private=allow_private, host_delay=delay),
            on_error=reporter,
        )
        typer.echo(_fetch_summary(report), err=True)
    if reporter.code:
        raise typer.Exit(reporter.code)


@app.command()
def watch(
    feeds_file: Annotated[
        Path,
        typer.Argument(
            help="File of feed URLs: one a line, # comments.",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ],
    db: DbOption = DEFAULT_DB,
    every: Annotated[
        float, typer.Option("--every", min=1.0, help="Seconds between two polls of the list.")
    ] = 300.0,
    allow_private: AllowPrivateOption = False,
    delay: DelayOption = 1.0,
    verbose: VerboseOption = False,
) -> None:
    """Poll the feeds in FEEDS_FILE every --every seconds until Ctrl-C or SIGTERM."""
    import threading

    from newsdesk.fetch import (
        FetchConfig,
        Fetcher,
        interruptible_sleep,
        read_feeds_file,
        stop_on_signals,
        usable_urls,
    )
    from newsdesk.fetch import watch as watch_feeds

    reporter = _Reporter(verbose)
    try:
        listed = read_feeds_file(feeds_file)
    except InputError as exc:
        reporter(exc)
        raise typer.Exit(reporter.code) from exc
    stop = threading.Event()
    config = FetchConfig(allow_private=allow_private, host_delay=delay)

    def poll_line(number: int, report: FetchReport) -> None:
        typer.echo(f"poll {number}: {_fetch_summary(report)}", err=True)

    with (
        _guarded(verbose, db),
        _open(db) as store,
        Fetcher(config, sleep=interruptible_sleep(stop)) as fetcher,
    ):
        urls = usable_urls(listed, fetcher.guard, reporter)
        if not urls:
            _err(f"{feeds_file}: no usable feed URL")
            raise typer.Exit(1)
        typer.echo(f"watching {len(urls)} URLs every {every:g} s; Ctrl-C stops", err=True)
        with stop_on_signals(stop):
            result = watch_feeds(
                store,
                urls,
                fetcher,
                every=every,
                stop=stop,
                on_error=reporter,
                on_poll=poll_line,
            )
        typer.echo(
            f"stopped after {result.polls} polls: {len(result.added)} new articles, "
            f"{result.errors} errors",
            err=True,
        )


@app.command()
def spark(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="WARC archives (.warc, .warc.gz), folders, globs, listings of paths "
            "(e.g. CC-NEWS warc.paths.gz) or URIs (s3a://, hdfs://, file://).",
            show_default=False,
        ),
    ],
    out: Annotated[
        str,
        typer.Option("--out", "-o", help="Output directory (path or URI) for the Parquet tables."),
    ],
    master: Annotated[
        str | None,
        typer.Option(help="Spark master (default: local[*]; under spark-submit, its own)."),
    ] = None,
    window_days: Annotated[int, typer.Option(min=1, help="Days per clustering window.")] = 7,
    partitions: Annotated[
        int | None, typer.Option(min=1, help="Partitions of records, articles and stories.")
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(help="Prefix for relative entries of a listing, e.g. s3a://commoncrawl/."),
    ] = None,
    conf: Annotated[
        list[str] | None,
        typer.Option("--conf", help="Spark setting KEY=VALUE (repeatable)."),
    ] = None,
    matcher: MatcherOption = Matcher.rules,
    into_db: Annotated[
        bool, typer.Option("--into-db", help="Also load the result into the store (--db).")
    ] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Run the pipeline as a Spark job over news archives; write Parquet tables to --out."""
    from newsdesk.spark import (
        LoadError,
        SparkJobConfig,
        SparkUnavailable,
        WindowConfig,
        load_into_store,
        run_job,
        spark_session,
    )

    settings = dict(item.partition("=")[::2] for item in conf or [])
    if any(not key or not value for key, value in settings.items()):
        _err("--conf takes KEY=VALUE")
        raise typer.Exit(2)
    try:
        session = spark_session(master, settings)
    except SparkUnavailable as exc:
        _err(str(exc))
        raise typer.Exit(2) from exc
    config = SparkJobConfig(
        window=WindowConfig(window_days=window_days),
        partitions=partitions,
        matcher=matcher.value,
        base=base,
    )
    result = run_job(
        session,
        paths,
        out,
        config,
        on_stage=lambda name, sec: typer.echo(f"{name}: {sec:.1f}s", err=True),
    )
    for problem in result.problems:
        _err(f"{problem.source}: {problem.message}")
    typer.echo(
        f"{result.archives} archives: {result.articles} articles, {result.duplicates} duplicates, "
        f"{result.stories} stories, {result.facts} facts in {result.fact_groups} groups; "
        f"{result.problem_count} errors",
        err=True,
    )
    typer.echo(f"Parquet tables written to {result.out}/")
    if into_db:
        with _open(db) as store:
            try:
                loaded = load_into_store(session, result.out, store)
            except LoadError as exc:
                _err(str(exc))
                raise typer.Exit(1) from exc
        typer.echo(
            f"Loaded into {store.path}: {loaded.added} new articles, {loaded.stories} stories"
        )
    if result.problem_count:
        raise typer.Exit(1)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # outside a command (while parsing arguments)
        _err("interrupted")
        sys.exit(EXIT_INTERRUPTED)


__all__ = ["app", "main"]


if __name__ == "__main__":
    main()
