"""The ``newsdesk`` command line: a thin layer over :mod:`newsdesk.pipeline`.

Exit codes: 0 success; 1 some input could not be used (the rest went in) or an id
was not found; 2 usage errors; 3 the store cannot be opened.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsdesk.errors import InputError, NewsdeskError, StoreError
from newsdesk.store import Store

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
    Path,
    typer.Option(
        "--db",
        envvar="NEWSDESK_DB",
        help="SQLite store file (created if missing).",
        dir_okay=False,
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
KeepOption = Annotated[
    list[str] | None,
    typer.Option(
        "--keep",
        help="Keep what cleaning would remove: a removal reason (e.g. template) or the text "
        "of a line (repeatable). `show --explain` lists the reasons.",
    ),
]
DEFAULT_DB = Path("newsdesk.db")


def _err(message: str) -> None:
    typer.echo(f"error: {message}", err=True)


def _open(db: Path) -> Store:
    try:
        return Store(db)
    except StoreError as exc:
        _err(str(exc))
        raise typer.Exit(3) from exc


def _report_error(err: InputError) -> None:
    _err(str(err))


def _progress_wanted() -> bool:
    return sys.stderr.isatty()


@app.command()
def ingest(paths: PathsArgument, db: DbOption = DEFAULT_DB, keep: KeepOption = None) -> None:
    """Read, clean and store reports. Re-ingesting the same input changes nothing."""
    from newsdesk.pipeline import ingest_paths

    with _open(db) as store:
        report = ingest_paths(
            store, paths, on_error=_report_error, progress=_progress_wanted(), keep=keep or ()
        )
        typer.echo(
            f"{report.documents} documents read: {len(report.added)} new, "
            f"{report.unchanged} already in {db}; {len(report.errors)} errors",
            err=True,
        )
    if report.errors:
        raise typer.Exit(1)


@app.command()
def stories(db: DbOption = DEFAULT_DB, fmt: FormatOption = Format.md) -> None:
    """List the stories in the store (largest first)."""
    from newsdesk.brief import render_json, render_markdown

    with _open(db) as store:
        summaries = store.story_summaries()
    if fmt is Format.json:
        typer.echo(render_json.dumps(render_json.story_list_document(summaries)), nl=False)
    elif fmt is Format.html:
        _err("stories lists in md or json; use `show STORY --format html` for a report")
        raise typer.Exit(2)
    else:
        typer.echo(render_markdown.stories_markdown(summaries), nl=False)


@app.command()
def show(
    story: Annotated[str, typer.Argument(help="Story id (or a unique prefix of it).")],
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.md,
    matcher: MatcherOption = Matcher.rules,
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

    with _open(db) as store:
        try:
            report = story_report(
                store, store.story(story), matcher=make_matcher(matcher), keep=keep or ()
            )
        except NewsdeskError as exc:
            _err(str(exc))
            raise typer.Exit(1) from exc
    if fmt is Format.json:
        typer.echo(render_json.dumps(render_json.report_document([report])), nl=False)
    elif fmt is Format.html:
        typer.echo(render_html.report_html([report], title=report.story.title), nl=False)
    else:
        typer.echo(render_markdown.story_markdown(report))
    if explain:
        notes = "\n".join(explain_markdown(a.article) for a in report.analyses)
        typer.echo(f"## Removed by cleaning\n\n{notes}", err=fmt is not Format.md)


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
) -> None:
    """Ingest, dedupe, cluster and brief every story; write the briefs to --out."""
    from newsdesk.pipeline import FORMATS, make_matcher
    from newsdesk.pipeline import run as run_pipeline

    formats = [f.value for f in fmt] if fmt else list(FORMATS)
    with _open(db) as store:
        try:
            result = run_pipeline(
                store,
                paths,
                out,
                formats=formats,
                on_error=_report_error,
                progress=_progress_wanted(),
                matcher=make_matcher(matcher),
                stream=stream,
                keep=keep or (),
            )
        except NewsdeskError as exc:
            _err(str(exc))
            raise typer.Exit(1) from exc
    ing = result.ingest
    typer.echo(
        f"{ing.documents} documents read ({len(ing.added)} new, {len(ing.errors)} errors); "
        f"{result.duplicates} duplicates marked; {len(result.stories)} stories",
        err=True,
    )
    typer.echo(f"Briefs written to {out}/:")
    for path in result.written:
        typer.echo(f"  {path}")
    if ing.errors:
        raise typer.Exit(1)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
