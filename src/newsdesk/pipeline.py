"""The pipeline: wires the stages together over a :class:`~newsdesk.store.Store`.

ingest -> clean -> store        :func:`ingest_paths`
dedupe                          :func:`dedupe_store`
cluster                         :func:`cluster_store`
facts -> align -> brief         :func:`story_report`
write the briefs                :func:`write_outputs`
everything                      :func:`run`

Robustness: documents stream in from ingest and are cleaned and stored in chunks (at most
:data:`CHUNK_DOCUMENTS` documents or :data:`CHUNK_CHARS` characters), each chunk's articles
and template statistics in one transaction. An unexpected exception in one document's
reading, cleaning or facts, or in one story's brief, is reported to ``on_error`` as an
:class:`~newsdesk.errors.InternalError` naming the document (or story) and the rest goes
on. The facts stage, the summary and duplicate detection read at most
``Limits.analysis_chars`` of an article, and the facts stage keeps to a time budget; what
was left out is noted in :attr:`ArticleAnalysis.notes`. Output files are
written to a temporary file and renamed into place.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk._unicode import utf8
from newsdesk.align import MeasureMatcher
from newsdesk.budget import BudgetExceeded, time_budget
from newsdesk.errors import InputError, InternalError, WriteError
from newsdesk.limits import Limits
from newsdesk.records import (
    Article,
    ArticleAnalysis,
    CleanedText,
    RawDocument,
    Story,
    StoryReport,
    content_hash,
)
from newsdesk.store import Store

if TYPE_CHECKING:
    from newsdesk.clean import Cleaner, TemplateStats

ErrorHandler = Callable[[InputError], None]

CHUNK_DOCUMENTS = 2000
"""Documents cleaned together (and learnt from together as template statistics)."""
CHUNK_CHARS = 32_000_000
"""Characters of text cleaned together, whatever the number of documents."""


MAX_LISTED = 100_000
"""An ingest report lists at most this many new ids and errors (it counts them all), so a
huge ingest does not hold a list the size of its input."""


@dataclass(slots=True)
class IngestReport:
    """What one ingest did: documents read, new articles, and problems met.

    ``added`` and ``errors`` list the first :data:`MAX_LISTED` of each; ``new`` and
    ``error_count`` count them all."""

    documents: int = 0
    added: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    new: int = 0
    error_count: int = 0
    internal_errors: int = 0

    @property
    def unchanged(self) -> int:
        """Documents that were already in the store, or that could not be cleaned."""
        return self.documents - self.new

    def add(self, ids: Sequence[str]) -> None:
        self.new += len(ids)
        self.added.extend(ids[: max(0, MAX_LISTED - len(self.added))])

    def error(self, err: InputError) -> None:
        self.error_count += 1
        self.internal_errors += isinstance(err, InternalError)
        if len(self.errors) < MAX_LISTED:
            self.errors.append(err)


def article_id(doc: RawDocument) -> str:
    """The content hash that keys an article: same input file, same id."""
    locator = os.path.basename(doc.source)
    return content_hash(locator, doc.url, doc.outlet, doc.title, doc.text)[:32]


def make_article(doc: RawDocument, cleaned: CleanedText) -> Article:
    from newsdesk.ingest._site import outlet_of  # the outlet, else the site of the URL

    return Article(
        id=article_id(doc),
        source=doc.source,
        format=doc.format,
        title=doc.title or "",
        raw_text=doc.text,
        text=cleaned.text,
        removed=cleaned.removed,
        authors=doc.authors,
        published=doc.published,
        outlet=outlet_of(doc.outlet, doc.url),
        url=doc.url,
        repairs=doc.repairs,
    )


def _cleaner(stats: TemplateStats | None, keep: Iterable[str]) -> Cleaner:
    """A cleaner that knows ``stats`` and the user's overrides (``--keep``)."""
    from newsdesk.clean import CleanConfig, Cleaner
    from newsdesk.clean.explain import overrides

    return Cleaner(CleanConfig(keep=overrides(keep)), stats=stats)


def clean_articles(
    docs: Sequence[RawDocument], stats: TemplateStats | None = None, keep: Iterable[str] = ()
) -> tuple[list[Article], TemplateStats]:
    """Clean a batch; return the articles and the batch's own template-line counts.

    Lines are judged against ``stats`` (what earlier batches taught) plus this batch;
    ``keep`` holds the user's overrides (reasons or line texts never removed)."""
    cleaner = _cleaner(stats, keep)
    delta = cleaner.batch_stats(docs)
    cleaner.stats = cleaner.stats.merged(delta)
    return [make_article(doc, cleaner.clean(doc)) for doc in docs], delta


# ---------------------------------------------------------------- ingest


def _report_to(report: IngestReport, on_error: ErrorHandler | None) -> ErrorHandler:
    def handle(err: InputError) -> None:
        report.error(err)
        if on_error is not None:
            on_error(err)

    return handle


def _countable(
    docs: list[RawDocument], stats: TemplateStats | None, handle: ErrorHandler, keep: Iterable[str]
) -> tuple[Cleaner, list[RawDocument], TemplateStats]:
    """A cleaner fitted on the chunk, the documents it could count, and their counts. A
    document the clean stage fails on is reported and left out."""
    from newsdesk.clean import Cleaner

    cleaner = _cleaner(stats, keep)
    try:
        return cleaner, docs, cleaner.batch_stats(docs)
    except Exception:  # find the documents at fault, one at a time
        good = []
        for doc in docs:
            try:
                Cleaner().batch_stats([doc])
            except Exception as exc:
                handle(InternalError.wrap(doc.source, exc, "cleaning"))
            else:
                good.append(doc)
        return cleaner, good, cleaner.batch_stats(good)


def _clean_chunk(
    docs: list[RawDocument], stats: TemplateStats, handle: ErrorHandler, keep: Iterable[str]
) -> tuple[list[Article], Callable[[list[str]], TemplateStats]]:
    """Clean one chunk; return its articles and how to count the template lines of any
    subset of them (exactly the precomputed counts when all of them are stored)."""
    cleaner, counted, delta = _countable(docs, stats, handle, keep)
    cleaner.stats = cleaner.stats.merged(delta)
    articles: list[Article] = []
    by_id: dict[str, RawDocument] = {}
    for doc in counted:
        try:
            article = make_article(doc, cleaner.clean(doc))
        except Exception as exc:
            handle(InternalError.wrap(doc.source, exc, "cleaning"))
            continue
        articles.append(article)
        by_id[article.id] = doc
    counted_ids = {article_id(doc) for doc in counted}

    def stats_for(new_ids: list[str]) -> TemplateStats:
        if set(new_ids) == counted_ids:
            return delta
        from newsdesk.clean import Cleaner

        return Cleaner().batch_stats([by_id[i] for i in new_ids])

    return articles, stats_for


def _chunks(
    docs: Iterable[RawDocument], store: Store, report: IngestReport, max_docs: int, max_chars: int
) -> Iterator[list[RawDocument]]:
    """Documents new to the store (each once), grouped into bounded chunks. A chunk is
    stored before the next one is read, so only the current chunk's ids need remembering."""
    seen: set[str] = set()
    chunk: list[RawDocument] = []
    chars = 0
    for doc in docs:
        report.documents += 1
        aid = article_id(doc)
        if aid in seen or store.has_article(aid):
            continue
        seen.add(aid)
        chunk.append(doc)
        chars += len(doc.text)
        if len(chunk) >= max_docs or chars >= max_chars:
            yield chunk
            seen, chunk, chars = set(), [], 0
    if chunk:
        yield chunk


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    on_error: ErrorHandler | None = None,
    progress: bool = False,
    limits: Limits | None = None,
    chunk_documents: int = CHUNK_DOCUMENTS,
    chunk_chars: int = CHUNK_CHARS,
    keep: Iterable[str] = (),
) -> IngestReport:
    """Read, clean and store every document under ``paths``.

    Bad files and records are reported to ``on_error`` (and collected in the report); the
    rest of the batch still goes in. Documents are read lazily and cleaned and committed
    chunk by chunk, each chunk's articles together with the template-line statistics they
    add, so an interrupted ingest keeps every chunk committed before the interruption and
    the statistics always count exactly the stored articles. Only documents new to the
    store are cleaned and counted, so re-ingesting changes nothing. ``keep`` holds the
    user's cleaning overrides (reasons or line texts never removed).
    """
    from newsdesk.ingest import iter_documents

    report = IngestReport()
    handle = _report_to(report, on_error)
    docs = iter_documents(paths, on_error=handle, progress=progress, limits=limits)
    for chunk in _chunks(docs, store, report, chunk_documents, chunk_chars):
        articles, stats_for = _clean_chunk(chunk, store.template_stats(), handle, keep)
        report.add(store.add_articles(articles, template_stats=stats_for))
    return report


# ---------------------------------------------------------------- dedupe, cluster


def dedupe_store(store: Store, limits: Limits | None = None) -> int:
    """Mark duplicates and paragraph reuse over the whole store; return the copies found.

    Each article is compared by its first ``limits.analysis_chars`` characters."""
    from newsdesk.dedupe import dedupe

    limits = limits or Limits()
    result = dedupe([analysis_view(a, limits) for a in store.articles()])
    store.set_duplicates(result.links, result.reuse)
    return len(result.links)


def cluster_store(store: Store, *, stream: bool = False) -> list[Story]:
    """Cluster every stored article into stories and save them.

    ``stream=True`` feeds the articles in publication order to the streaming clusterer
    (each joins an existing story or starts one; stories age out) instead of the batch one.
    """
    from newsdesk.cluster import StreamClusterer, cluster_articles

    articles = store.articles()
    if stream:
        clusterer = StreamClusterer()
        for article in sorted(articles, key=lambda a: (a.published or "9999", a.id)):
            clusterer.add(article)
        stories = clusterer.stories()
    else:
        stories = cluster_articles(articles)
    store.replace_stories(stories)
    return stories


# ---------------------------------------------------------------- facts, align, brief


def facts_text(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at the last paragraph break (else the
    last space) before the limit."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    for mark in ("\n\n", "\n", " "):
        cut = head.rfind(mark)
        if cut > limit // 2:
            return head[:cut]
    return head


def analysis_view(article: Article, limits: Limits) -> Article:
    """``article`` as the analysis stages read it: its text cut to ``analysis_chars``."""
    text = facts_text(article.text, limits.analysis_chars)
    return article if text is article.text else replace(article, text=text)


def analyse(
    article: Article, limits: Limits | None = None, on_error: ErrorHandler | None = None
) -> ArticleAnalysis:
    """Run the facts stage on one article within ``limits``; never raises.

    Past ``analysis_chars`` only the start of the article is analysed; past the time budget,
    or on an unexpected exception (reported to ``on_error``), its facts are skipped. Either
    way the analysis says so in ``notes``."""
    from newsdesk import facts

    limits = limits or Limits()
    subject = analysis_view(article, limits)
    text = subject.text
    try:
        with time_budget(limits.facts_seconds):
            analysis = facts.analyse(subject)
    except BudgetExceeded as exc:
        return ArticleAnalysis(article, notes=[f"facts skipped: the facts stage {exc}"])
    except Exception as exc:
        error = InternalError.wrap(article.source, exc, "extracting facts")
        if on_error is not None:
            on_error(error)
        return ArticleAnalysis(article, notes=[f"facts skipped: {error.problem}"])
    analysis.article = article
    if subject is not article:
        analysis.notes.append(
            f"analysis truncated: facts, summary and duplicate detection read only the first "
            f"{len(text):,} of {len(article.text):,} characters"
        )
    return analysis


MATCHERS = ("rules", "embeddings")


def make_matcher(name: str) -> MeasureMatcher:
    """The align stage's measure matcher: ``rules`` (default) or ``embeddings`` (extra)."""
    from newsdesk.align import RuleMatcher

    if name == "rules":
        return RuleMatcher()
    if name == "embeddings":
        from newsdesk.align.embeddings import EmbeddingMatcher

        return EmbeddingMatcher()
    raise ValueError(f"unknown matcher {name!r}; choose one of {', '.join(MATCHERS)}")


def story_report(
    store: Store,
    story: Story,
    *,
    matcher: MeasureMatcher | None = None,
    limits: Limits | None = None,
    on_error: ErrorHandler | None = None,
    keep: Iterable[str] = (),
) -> StoryReport:
    """Facts, alignment (figures and claims) and brief for one stored story (with ``keep``,
    its articles are cleaned again with those overrides first; nothing is stored)."""
    from newsdesk import facts
    from newsdesk.align import ClaimMatcher, align, align_claims, headline_figures
    from newsdesk.brief import build_brief
    from newsdesk.clean.explain import overrides, reclean

    limits = limits or Limits()
    articles = store.articles(story.article_ids)
    if overrides(keep):
        articles = reclean(articles, keep, store.template_stats())
    views = [analysis_view(a, limits) for a in articles]
    try:  # one parse batch for the whole story; only a cache warm-up, so best effort
        with time_budget(limits.facts_seconds * max(1, len(views))):
            facts.prepare(views)
    except Exception:
        pass
    analyses = [analyse(a, limits, on_error) for a in articles]
    reuse = store.paragraph_reuse(story.article_ids)
    groups = align(analyses, reuse, matcher=matcher)
    # Claims and the summary read what the facts stage read (they compare sentences pairwise).
    viewed = [replace(an, article=analysis_view(an.article, limits)) for an in analyses]
    claim_matcher = matcher if isinstance(matcher, ClaimMatcher) else None
    claims = align_claims(viewed, reuse, matcher=claim_matcher)
    figures = headline_figures(analyses, reuse)
    brief = build_brief(story, viewed, groups, reuse, claims, figures=figures)
    return StoryReport(
        story=story,
        analyses=analyses,
        reuse=reuse,
        groups=groups,
        brief=brief,
        claims=claims,
        figures=figures,
    )


# ---------------------------------------------------------------- outputs


FORMATS = ("md", "json", "html")
STORY_FILE = re.compile(r"s-[0-9a-f]+(?:-\d+)?\.md")
"""Names of the story files ``run`` writes (and removes when their story is gone)."""


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to a temporary file beside ``path``, then rename it into
    place: ``path`` is the old file or the whole new one, never a truncated one. A failed
    write (disk full, read-only) is a :class:`WriteError` and leaves no temporary file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as out:
            out.write(utf8(text))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise WriteError(f"{path}: cannot write: {exc.strerror or exc}") from exc


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"{folder}: cannot create the folder: {exc.strerror or exc}") from exc


def _remove_stale_stories(story_dir: Path, keep: set[Path]) -> list[Path]:
    removed: list[Path] = []
    for path in sorted(story_dir.iterdir()):
        if STORY_FILE.fullmatch(path.name) and path not in keep and path.is_file():
            try:
                path.unlink()
            except OSError as exc:
                raise WriteError(f"{path}: cannot remove: {exc.strerror or exc}") from exc
            removed.append(path)
    return removed


def write_outputs(
    reports: Sequence[StoryReport], out_dir: Path, formats: Sequence[str]
) -> list[Path]:
    """Write one Markdown file per story plus an index, one JSON and one HTML file for all.

    Every file is written atomically (:func:`write_atomic`); story files of stories that
    are no longer in ``reports`` are removed from ``out_dir/stories``."""
    from newsdesk.brief import render_html, render_json, render_markdown

    _make_folder(out_dir)
    written: list[Path] = []
    if "html" in formats:
        path = out_dir / "briefs.html"
        write_atomic(path, render_html.report_html(reports))
        written.append(path)
    if "json" in formats:
        path = out_dir / "briefs.json"
        write_atomic(path, render_json.dumps(render_json.report_document(reports)))
        written.append(path)
    if "md" in formats:
        story_dir = out_dir / "stories"
        _make_folder(story_dir)
        stories: list[Path] = []
        for r in reports:
            path = story_dir / render_markdown.story_file_name(r.story.id)
            write_atomic(path, render_markdown.story_markdown(r))
            stories.append(path)
        _remove_stale_stories(story_dir, set(stories))
        index_path = out_dir / "index.md"
        write_atomic(index_path, render_markdown.index_markdown(reports))
        written = [index_path, *written, *stories]
    return written


# ---------------------------------------------------------------- everything


@dataclass(slots=True)
class RunReport:
    ingest: IngestReport
    duplicates: int
    stories: list[Story]
    written: list[Path]
    reports: list[StoryReport] = field(default_factory=list)

    @property
    def notes(self) -> list[tuple[str, str]]:
        """``(article source, note)`` for every article whose facts were limited."""
        return [(a.article.source, n) for r in self.reports for a in r.analyses for n in a.notes]


def _reports(
    store: Store,
    stories: Sequence[Story],
    matcher: MeasureMatcher | None,
    limits: Limits | None,
    handle: ErrorHandler,
) -> list[StoryReport]:
    reports: list[StoryReport] = []
    for story in stories:
        try:
            reports.append(
                story_report(store, story, matcher=matcher, limits=limits, on_error=handle)
            )
        except Exception as exc:  # one story's brief never stops the others
            handle(InternalError.wrap(f"story {story.id}", exc, "briefing"))
    return reports


def run(
    store: Store,
    paths: Iterable[str | Path],
    out_dir: Path,
    *,
    formats: Sequence[str] = FORMATS,
    on_error: ErrorHandler | None = None,
    progress: bool = False,
    matcher: MeasureMatcher | None = None,
    stream: bool = False,
    limits: Limits | None = None,
    keep: Iterable[str] = (),
) -> RunReport:
    """Ingest ``paths``, dedupe and cluster the whole store, and brief every story."""
    ingest = ingest_paths(
        store, paths, on_error=on_error, progress=progress, limits=limits, keep=keep
    )
    duplicates = dedupe_store(store, limits)
    stories = cluster_store(store, stream=stream)
    reports = _reports(store, stories, matcher, limits, _report_to(ingest, on_error))
    written = write_outputs(reports, out_dir, formats)
    return RunReport(
        ingest=ingest, duplicates=duplicates, stories=stories, written=written, reports=reports
    )
