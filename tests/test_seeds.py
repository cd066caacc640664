"""The three real seed reports (../shared/seeds) through the whole pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk import pipeline
from newsdesk.records import Agreement, Article, StoryReport
from newsdesk.store import Store

DEBRIS_MARKERS = (
    "Share this article",
    "ADVERTISEMENT",
    "loading…",
    "You might also like",
    "Copyright ",
    "This email address is being protected",
    "Authored by",
    "via Getty Images",
    "(ahm)",
)


@pytest.fixture(scope="module")
def report(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> StoryReport:
    store = Store(tmp_path_factory.mktemp("seeds") / "nd.db")
    ingest = pipeline.ingest_paths(store, [seeds_dir])
    assert ingest.errors == [] and len(ingest.added) == 3
    pipeline.dedupe_store(store)
    stories = pipeline.cluster_store(store)
    assert [len(s.article_ids) for s in stories] == [3]
    return pipeline.story_report(store, stories[0])


def _by_file(report: StoryReport) -> dict[str, Article]:
    return {Path(a.source).name[:3]: a for a in report.articles}


def test_debris_is_gone_and_audited(report: StoryReport) -> None:
    for article in report.articles:
        assert [m for m in DEBRIS_MARKERS if m in article.text] == []
        assert all(r.reason and r.text for r in article.removed)
        assert all(article.raw_text[r.start : r.end].strip() for r in article.removed)


def test_body_is_kept(report: StoryReport) -> None:
    arts = _by_file(report)
    assert "foreigners who sign contracts to serve" in arts["000"].text
    assert "Friendly fire incidents" in arts["000"].text
    assert "persistent speculation" in arts["001"].text
    assert "(ahm)" not in arts["001"].text
    assert "firm and clear historical position" in arts["004"].text
    assert "Global intelligence reports have shown" in arts["004"].text


def test_authors_and_dates_where_stated(report: StoryReport) -> None:
    arts = _by_file(report)
    assert arts["000"].authors == ("Andrew Naughtie",)
    assert arts["004"].authors == ("Timothy Nerozzi",)
    assert arts["001"].published == "2024-01-05"
    assert arts["004"].published == "2024-01-04"
    assert arts["004"].outlet == "Fox News"


def test_each_report_relies_on_its_primary_sources(report: StoryReport) -> None:
    sources = {Path(an.article.source).name[:3]: set(an.primary_sources) for an in report.analyses}
    assert "TASS" in sources["000"]
    assert "Reuters" in sources["001"]
    assert {"The Moscow Times", "Reuters"} <= sources["004"]


def test_compatible_casualty_figures_are_not_a_conflict(report: StoryReport) -> None:
    assert [g for g in report.groups if g.label is Agreement.CONFLICTING] == []
    casualties = [g for g in report.groups if len({m.article_id for m in g.mentions}) >= 2]
    assert casualties, "the 315,000 / 300,000-odd casualty figures align across reports"
    group = max(casualties, key=lambda g: len(g.mentions))
    assert group.label in (Agreement.COMPATIBLE, Agreement.SINGLE_ORIGIN)
    texts = {m.quantity.text for m in group.mentions}
    assert any("300,000-odd" in t for t in texts) and any("315,000" in t for t in texts)


def test_mobilised_troops_do_not_join_the_casualties(report: StoryReport) -> None:
    for g in report.groups:
        figures = {m.quantity.text for m in g.mentions}
        if any("315,000" in f for f in figures):
            assert "300,000 troops" not in figures


def test_every_brief_sentence_has_sources(report: StoryReport) -> None:
    ids = {a.id for a in report.articles}
    assert report.brief.sentences
    for s in report.brief.sentences:
        assert s.sources and all(r.article_id in ids for r in s.sources)
