"""Claims and the brief on the three real seed reports (read at run time, never copied).

The reports tell of one decree; these tests say in their own words what a reader must find:
the decree's main claims agreed with their independent origins, the "nearly 90%" figure of
two reports aligned, a short list of notable single-report claims, no sentence twice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsdesk import pipeline
from newsdesk.brief._sections import MAX_SINGLE
from newsdesk.records import Agreement, ClaimGroup, Section, StoryReport
from newsdesk.store import Store

AGREED = {Agreement.CORROBORATED, Agreement.COMPATIBLE, Agreement.SINGLE_ORIGIN}
FAMILY = re.compile(r"famil|relatives|spouse|children|parents", re.IGNORECASE)
ONE_YEAR = re.compile(r"one[- ]year", re.IGNORECASE)


@pytest.fixture(scope="module")
def report(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> StoryReport:
    store = Store(tmp_path_factory.mktemp("seeds-claims") / "nd.db")
    pipeline.ingest_paths(store, [seeds_dir])
    pipeline.dedupe_store(store)
    [story] = pipeline.cluster_store(store)
    return pipeline.story_report(store, story)


def _agreed(report: StoryReport) -> list[ClaimGroup]:
    return [c for c in report.claims if c.label in AGREED]


def _reports_saying(group: ClaimGroup, pattern: re.Pattern[str]) -> set[str]:
    return {m.article_id for m in group.mentions if pattern.search(m.sentence)}


def test_citizenship_for_contract_signers_is_agreed(report: StoryReport) -> None:
    citizenship, contract = re.compile("citizenship"), re.compile("contract")
    found = [
        g
        for g in _agreed(report)
        if _reports_saying(g, citizenship)
        and _reports_saying(g, contract)
        and len({m.article_id for m in g.mentions}) >= 2
    ]
    assert found
    assert max(g.independent_origins for g in found) >= 2


def test_families_are_covered_in_two_reports(report: StoryReport) -> None:
    assert any(len(_reports_saying(g, FAMILY)) >= 2 for g in _agreed(report))


def test_the_one_year_condition_has_two_origins(report: StoryReport) -> None:
    groups = [g for g in _agreed(report) if len(_reports_saying(g, ONE_YEAR)) >= 2]
    assert groups and max(g.independent_origins for g in groups) >= 2


def test_nearly_ninety_percent_aligns(report: StoryReport) -> None:
    assert any(len(_reports_saying(g, re.compile("90%"))) >= 2 for g in report.claims)


def _section(report: StoryReport, section: Section) -> list[str]:
    return [s.text for s in report.brief.sentences if s.section is section]


def test_where_reports_agree_shows_the_decree(report: StoryReport) -> None:
    agree = " ".join(_section(report, Section.AGREE))
    assert "citizenship" in agree and "contract" in agree
    assert FAMILY.search(agree) and ONE_YEAR.search(agree)
    assert all(
        len({r.article_id for r in s.sources}) >= 2
        for s in report.brief.sentences
        if s.section is Section.AGREE
    )


def test_no_sentence_is_shown_twice(report: StoryReport) -> None:
    shown = [
        s.text
        for s in report.brief.sentences
        if s.section in (Section.AGREE, Section.DIFFER, Section.SINGLE)
    ]
    assert len(shown) == len(set(shown))


def test_agreed_claims_are_never_single_report(report: StoryReport) -> None:
    stated = {m.sentence for g in _agreed(report) for m in g.mentions}
    assert not stated & set(_section(report, Section.SINGLE))


def test_only_notable_single_report_claims_are_listed(report: StoryReport) -> None:
    single = _section(report, Section.SINGLE)
    numeric_singles = {
        f.sentence for g in report.groups if g.label is Agreement.SINGLE_SOURCE for f in g.mentions
    }
    assert 0 < len(single) <= MAX_SINGLE
    assert len(numeric_singles) > len([s for s in single if s in numeric_singles])


def test_summary_leads_with_the_decree_from_several_reports(report: StoryReport) -> None:
    summary = [s for s in report.brief.sentences if s.section is Section.SUMMARY]
    assert "citizenship" in summary[0].text
    assert len({r.article_id for r in summary[0].sources}) >= 2
