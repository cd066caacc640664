"""The pipeline: wires the stages together over a :class:`~newsdesk.store.Store`.

ingest -> clean -> store        :func:`ingest_paths`
dedupe                          :func:`dedupe_store`
cluster                         :func:`cluster_store`
facts -> align -> brief         :func:`story_report`
everything                      :func:`run`
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.align import MeasureMatcher
from newsdesk.errors import InputError
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
    from newsdesk.clean import TemplateStats

ErrorHandler = Callable[[InputError], None]


@dataclass(slots=True)
class IngestReport:
    """What one ingest did: documents read, new article ids, and problems met."""

    documents: int = 0
    added: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    @property
    def unchanged(self) -> int:
        """Documents that were already in the store."""
        return self.documents - len(self.added)


def article_id(doc: RawDocument) -> str:
    """The content hash that keys an article: same input file, same id."""
    locator = os.path.basename(doc.source)
    return content_hash(locator, doc.url, doc.outlet, doc.title, doc.text)[:32]


def make_article(doc: RawDocument, cleaned: CleanedText) -> Article:
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
        outlet=doc.outlet,
        url=doc.url,
        repairs=doc.repairs,
    )


def clean_articles(
    docs: Sequence[RawDocument], stats: TemplateStats | None = None, keep: Iterable[str] = ()
) -> tuple[list[Article], TemplateStats]:
    """Clean a batch; return the articles and the batch's own template-line counts.

    Lines are judged against ``stats`` (what earlier batches taught) plus this batch;
    ``keep`` holds the user's overrides (reasons or line texts never removed)."""
    from newsdesk.clean import CleanConfig, Cleaner
    from newsdesk.clean.explain import overrides

    cleaner = Cleaner(CleanConfig(keep=overrides(keep)), stats=stats)
    delta = cleaner.batch_stats(docs)
    cleaner.stats = cleaner.stats.merged(delta)
    return [make_article(doc, cleaner.clean(doc)) for doc in docs], delta


def _batched(items: Sequence[Article], size: int) -> Iterator[Sequence[Article]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    on_error: ErrorHandler | None = None,
    progress: bool = False,
    batch_size: int = 100,
    keep: Iterable[str] = (),
) -> IngestReport:
    """Read, clean and store every document under ``paths``.

    Bad files are reported to ``on_error`` (and collected in the report); the rest of
    the batch still goes in. Articles are committed in batches, so an interrupted
    ingest keeps every batch committed before the interruption.
    """
    from newsdesk.ingest import iter_documents

    report = IngestReport()

    def handle(err: InputError) -> None:
        report.errors.append(err)
        if on_error is not None:
            on_error(err)

    docs = list(iter_documents(paths, on_error=handle, progress=progress))
    report.documents = len(docs)
    # Only documents new to the store are cleaned and counted, so re-ingesting changes nothing.
    seen: set[str] = set()
    new_docs = []
    for doc in docs:
        aid = article_id(doc)
        if aid not in seen and not store.has_article(aid):
            seen.add(aid)
            new_docs.append(doc)
    if not new_docs:
        return report
    articles, delta = clean_articles(new_docs, store.template_stats(), keep)
    for batch in _batched(articles, batch_size):
        report.added.extend(store.add_articles(batch))
    # Counted once the articles are in: an interrupted ingest under-counts, never doubles.
    store.add_template_stats(delta)
    return report


def dedupe_store(store: Store) -> int:
    """Mark duplicates and paragraph reuse over the whole store; return the copies found."""
    from newsdesk.dedupe import dedupe

    result = dedupe(store.articles())
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


def analyse(article: Article) -> ArticleAnalysis:
    """Run the facts stage on one article."""
    from newsdesk import facts

    return facts.analyse(article)


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
    store: Store, story: Story, *, matcher: MeasureMatcher | None = None, keep: Iterable[str] = ()
) -> StoryReport:
    """Facts, alignment and brief for one stored story (with ``keep``, its articles are
    cleaned again with those overrides first; nothing is stored)."""
    from newsdesk.align import align
    from newsdesk.brief import build_brief
    from newsdesk.clean.explain import overrides, reclean

    articles = store.articles(story.article_ids)
    if overrides(keep):
        articles = reclean(articles, keep, store.template_stats())
    analyses = [analyse(a) for a in articles]
    reuse = store.paragraph_reuse(story.article_ids)
    groups = align(analyses, reuse, matcher=matcher)
    brief = build_brief(story, analyses, groups, reuse)
    return StoryReport(story=story, analyses=analyses, reuse=reuse, groups=groups, brief=brief)


@dataclass(slots=True)
class RunReport:
    ingest: IngestReport
    duplicates: int
    stories: list[Story]
    written: list[Path]


FORMATS = ("md", "json", "html")


def write_outputs(
    reports: Sequence[StoryReport], out_dir: Path, formats: Sequence[str]
) -> list[Path]:
    """Write one Markdown file per story plus an index, one JSON and one HTML file for all."""
    from newsdesk.brief import render_html, render_json, render_markdown

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if "html" in formats:
        path = out_dir / "briefs.html"
        path.write_text(render_html.report_html(reports), encoding="utf-8")
        written.append(path)
    if "json" in formats:
        path = out_dir / "briefs.json"
        path.write_text(render_json.dumps(render_json.report_document(reports)), encoding="utf-8")
        written.append(path)
    if "md" in formats:
        story_dir = out_dir / "stories"
        story_dir.mkdir(exist_ok=True)
        index = ["# newsdesk briefs", ""]
        for r in reports:
            path = story_dir / f"{r.story.id}.md"
            path.write_text(render_markdown.story_markdown(r), encoding="utf-8")
            written.append(path)
            index.append(
                f"- [{r.story.title or r.story.id}](stories/{path.name}) "
                f"({len(r.story.article_ids)} reports)"
            )
        index_path = out_dir / "index.md"
        index_path.write_text("\n".join(index) + "\n", encoding="utf-8")
        written.insert(0, index_path)
    return written


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
    keep: Iterable[str] = (),
) -> RunReport:
    """Ingest ``paths``, dedupe and cluster the whole store, and brief every story."""
    ingest = ingest_paths(store, paths, on_error=on_error, progress=progress, keep=keep)
    duplicates = dedupe_store(store)
    stories = cluster_store(store, stream=stream)
    reports = [story_report(store, s, matcher=matcher) for s in stories]
    written = write_outputs(reports, out_dir, formats)
    return RunReport(ingest=ingest, duplicates=duplicates, stories=stories, written=written)
