"""``facts.analyse`` is the three extract functions in one pass."""

from __future__ import annotations

from pathlib import Path

from _factories import make_article
from newsdesk import facts


def test_analyse_matches_the_separate_extractors(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        article = make_article(path.read_text(encoding="utf-8"), outlet=None, source=path.name)
        found = facts.analyse(article)
        assert found.facts == facts.extract_facts(article)
        assert found.attributions == facts.extract_attributions(article)
        assert found.primary_sources == facts.primary_sources(article)
        assert found.facts, "every seed report states figures"
