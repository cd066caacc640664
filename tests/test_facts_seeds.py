"""The facts stage end to end on the three seed reports (read at run time)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsdesk.facts import extract_facts, primary_sources
from newsdesk.records import Article, Bound, Fact, content_hash


def _article(path: Path) -> Article:
    text = path.read_text(encoding="utf-8")
    m = re.search(r"\b(20\d\d-\d\d-\d\d)\b", text)
    return Article(
        id=content_hash(path.name)[:16],
        source=str(path),
        format="txt",
        title="",
        raw_text=text,
        text=text,
        published=m.group(1) if m else None,
    )


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> list[Article]:
    articles = [_article(p) for p in sorted(seeds_dir.glob("*.txt"))]
    if not articles:
        pytest.skip("no seed reports")
    return articles


@pytest.fixture(scope="module")
def all_facts(seeds: list[Article]) -> list[Fact]:
    return [f for a in seeds for f in extract_facts(a)]


def _with(seeds: list[Article], *patterns: str) -> list[Article]:
    found = [a for a in seeds if all(re.search(p, a.text) for p in patterns)]
    assert found, f"no seed matches {patterns}"
    return found


def test_tass_report_relies_on_tass(seeds: list[Article]) -> None:
    for article in _with(seeds, r"TASS reports"):
        assert "TASS" in primary_sources(article)


def test_reuters_report_relies_on_reuters(seeds: list[Article]) -> None:
    for article in _with(seeds, r"According to Reuters", r"told Reuters"):
        assert "Reuters" in primary_sources(article)


def test_translation_and_reuters_are_both_primary(seeds: list[Article]) -> None:
    for article in _with(seeds, r"translation from the Moscow Times", r"told Reuters"):
        found = primary_sources(article)
        assert "The Moscow Times" in found and "Reuters" in found


def test_odd_suffix_is_approximate_troops(all_facts: list[Fact]) -> None:
    [q] = [f.quantity for f in all_facts if f.quantity.text.startswith("300,000-odd")]
    assert (q.bound, q.unit, q.value) == (Bound.APPROX, "troops", 300000.0)


def test_hyphenated_range_is_an_interval(all_facts: list[Fact]) -> None:
    [q] = [f.quantity for f in all_facts if f.quantity.text.startswith("450,000-500,000")]
    assert (q.value, q.low, q.high, q.unit) == (None, 450000.0, 500000.0, "people")


def test_at_least_and_dead_and_wounded_are_the_same_measure(all_facts: list[Fact]) -> None:
    at_least = [
        f for f in all_facts if f.quantity.value == 315000.0 and f.quantity.bound is Bound.GE
    ]
    plain = [f for f in all_facts if f.quantity.value == 315000.0 and f.quantity.bound is Bound.EQ]
    assert at_least and plain
    for f in at_least:
        assert f.quantity.unit == "troops"
        assert f.predicate == "casualties"
    assert {(f.subject, f.predicate) for f in plain} == {(f.subject, f.predicate) for f in at_least}


def test_mobilisation_has_its_month(all_facts: list[Fact]) -> None:
    [f] = [
        f
        for f in all_facts
        if f.quantity.value == 300000.0 and f.time is not None and "2022" in f.time.text
    ]
    assert f.predicate in ("mobilised", "deployed")
    assert f.time is not None and f.time.start == "2022-09-01" and f.time.end == "2022-09-30"


def test_model_names_and_years_are_not_facts(all_facts: list[Fact]) -> None:
    values = {f.quantity.value for f in all_facts}
    assert 62.0 not in values
    assert not values & {2014.0, 2022.0, 2023.0, 2024.0}
