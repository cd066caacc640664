"""Bounded work: sentence splitting and the facts stage grow linearly with a document (work
counted, never timed); the facts stage keeps to its length limit and time budget."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _factories import make_article
from newsdesk import pipeline
from newsdesk.limits import Limits
from newsdesk.sentences import MAX_SENTENCE_CHARS, split_sentences


class Counting(str):
    """A string that counts the characters read through indexing and slicing."""

    read = 0

    def __getitem__(self, key: object) -> str:  # type: ignore[override]
        out = str.__getitem__(self, key)  # type: ignore[index]
        Counting.read += len(out)
        return out


def _reads(text: str) -> int:
    Counting.read = 0
    split_sentences(Counting(text))
    return Counting.read


SHAPES: dict[str, Callable[[int], str]] = {
    "prose": lambda n: " ".join(f"The council met on day {i}. It agreed." for i in range(n)),
    "lines without stops": lambda n: "\n".join(f"short line {i} of a list" for i in range(n)),
    "hard-wrapped lines": lambda n: "\n".join("the words of" for _ in range(n)),
    "stops before lower case": lambda n: " ".join("a. b" for _ in range(n)),
    "whitespace-only lines": lambda n: "Start\n" + "\u00a0\n" * n + "End.",
    "one long word": lambda n: "x" * (50 * n) + ". Next.",
    "punctuation runs": lambda n: "Wow" + "!" * (20 * n) + "x next",
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_sentence_splitting_reads_linearly(shape: str) -> None:
    make = SHAPES[shape]
    small, large = _reads(make(1000)), _reads(make(4000))
    assert large <= 5 * max(small, 1), f"{shape}: 4x the input read {large / small:.1f}x the text"


PIECES = st.sampled_from([*"ab .!?\n", "\n\n", "Mr.", "x" * 700])


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=80).map("".join))
def test_no_sentence_is_longer_than_the_limit(text: str) -> None:
    for sentence in split_sentences(text):
        assert len(sentence.text) <= MAX_SENTENCE_CHARS
        assert text[sentence.start : sentence.end] == sentence.text


def test_a_long_list_is_cut_after_a_space() -> None:
    text = ", ".join(f"item {i}" for i in range(400))
    pieces = split_sentences(text)
    assert len(pieces) > 1
    assert all(not p.text.startswith(" ") and len(p.text) <= MAX_SENTENCE_CHARS for p in pieces)
    assert " ".join(p.text for p in pieces) == text


# ---------------------------------------------------------------- facts


def _events(text: str, tag: str) -> int:
    """Python function calls and returns while analysing ``text`` (a work counter)."""
    article = make_article(text, source=tag)
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        count += 1

    sys.setprofile(profile)
    try:
        pipeline.analyse(article, Limits(facts_seconds=0))
    finally:
        sys.setprofile(None)
    return count


FACT_SHAPES: dict[str, Callable[[int, int], str]] = {
    "prose": lambda n, k: " ".join(
        f"About {k}{i} people were hurt on Tuesday, the ministry said." for i in range(n)
    ),
    "a list of figures": lambda n, k: (
        "The army lost " + ", ".join(f"{k}{i} tanks" for i in range(n)) + "."
    ),
    "lines without stops": lambda n, k: "\n".join(f"line {k} {i} of 5 km" for i in range(n)),
}


@pytest.fixture(scope="module")
def warm() -> None:
    pipeline.analyse(make_article("Warm up: 3 people said so, police said."))


@pytest.mark.slow
@pytest.mark.parametrize("shape", sorted(FACT_SHAPES))
def test_facts_stage_work_grows_linearly(shape: str, warm: None) -> None:
    make = FACT_SHAPES[shape]
    small = _events(make(150, 1), f"{shape}-small")
    large = _events(make(300, 2), f"{shape}-large")
    assert large <= 2.8 * small, f"{shape}: twice the input cost {large / small:.1f}x the work"


def test_facts_past_the_time_budget_are_skipped_with_a_note(warm: None) -> None:
    text = " ".join(f"About {i} people were hurt in district {i}, police said." for i in range(300))
    article = make_article(text)
    analysis = pipeline.analyse(article, Limits(facts_seconds=0.001))
    assert analysis.article is article
    assert analysis.facts == []
    assert analysis.notes and analysis.notes[0].startswith("facts skipped")


def test_facts_past_the_length_limit_are_truncated_with_a_note(warm: None) -> None:
    paragraphs = [f"About {i} people were hurt in district {i}, police said." for i in range(40)]
    article = make_article("\n\n".join(paragraphs))
    analysis = pipeline.analyse(article, Limits(analysis_chars=600))
    assert analysis.article is article
    assert analysis.facts, "the start of the article is analysed"
    assert max(f.sentence_index for f in analysis.facts) < 12
    kept = len(pipeline.facts_text(article.text, 600))
    assert analysis.notes == [
        "analysis truncated: facts, summary and duplicate detection read only the first "
        f"{kept:,} of {len(article.text):,} characters"
    ]


def test_facts_text_cuts_at_a_paragraph_break() -> None:
    text = "First paragraph here.\n\nSecond paragraph here.\n\nThird."
    assert pipeline.facts_text(text, 30) == "First paragraph here."
    assert pipeline.facts_text(text, 1000) is text


def test_a_huge_article_is_briefed_from_its_start(tmp_path: Path) -> None:
    from newsdesk.records import Story
    from newsdesk.sentences import split_sentences
    from newsdesk.store import Store

    paragraphs = [
        f"Crews cleared {i} fallen trees from the coast road in district {i}, the council said."
        for i in range(400)
    ]
    deep = "Engineers found the old sea wall cracked along its whole length at Ashvale point."
    paragraphs[300] = deep  # what the other report repeats: the summary's favourite, if read
    (tmp_path / "huge.txt").write_text(
        "Storm clean-up goes on\n\n" + "\n\n".join(paragraphs) + "\n", "utf-8"
    )
    (tmp_path / "short.txt").write_text(
        f"Sea wall cracked\n\n{deep}\n\nRepairs will take months, the mayor said.\n", "utf-8"
    )
    limits = Limits(analysis_chars=3000)
    with Store(tmp_path / "nd.db") as store:
        pipeline.ingest_paths(store, [tmp_path])
        huge, short = sorted(store.articles(), key=lambda a: -len(a.text))
        story = Story("s-1", "Storm", [huge.id, short.id])
        report = pipeline.story_report(store, story, limits=limits)
        unlimited = pipeline.story_report(store, story, limits=Limits(analysis_chars=10**6))
    prefix = len(split_sentences(pipeline.facts_text(huge.text, 3000)))
    cited = [
        r.sentence_index
        for s in report.brief.sentences
        for r in s.sources
        if r.article_id == huge.id
    ]
    assert any(i is not None for i in cited)
    assert all(i < prefix for i in cited if i is not None)  # None: a whole-report citation
    assert report.analyses[0].notes[0].startswith("analysis truncated")
    assert len(report.analyses[0].article.text) == len(huge.text)  # stored and shown whole
    deep_cited = [
        r for s in unlimited.brief.sentences for r in s.sources if r.article_id == huge.id
    ]
    assert any(r.sentence_index is not None and r.sentence_index >= prefix for r in deep_cited)
