"""Claim alignment on a small invented story (three reports written for these tests)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _factories import make_article
from newsdesk import facts
from newsdesk.align import ClaimConfig, RuleMatcher, align_claims, article_claims
from newsdesk.align._claims import JOIN, candidate_pairs, negated_words, star_groups
from newsdesk.align._match import claim_profile, profile_similarity, story_weights
from newsdesk.records import Agreement, Article, ArticleAnalysis, Claim, ClaimGroup

LEDGER = "\n\n".join(
    [
        "Dock workers at the port of Calvane walked off the job on Monday after talks over "
        "night-shift pay collapsed.",
        "The strike halted every ferry crossing to the Marrow Islands and stranded about "
        "2,000 travellers at the terminal.",
        "The union said its members would stay out until the operator restores the night-"
        "shift bonus.",
        "The mayor did not attend the talks at the harbour office on Sunday.",
        "Gulls circled the empty quay while a brass band played for the pickets.",
        "Anyone with information about damage to the gates is asked to call harbour police at"
        " 555-201-8890.",
    ]
)

POST = "\n\n".join(
    [
        "Ferry crossings to the Marrow Islands were halted on Monday when dock workers in "
        "Calvane went on strike over night-shift pay.",
        "Union leader Ilse Marwin said workers will stay out until the operator restores the "
        "night-shift bonus.",
        "The walkout stranded about 2,000 travellers at the ferry terminal, port staff said.",
        "A spokesman for the operator said the company was drafting a new offer for the union.",
        "Anyone with information about damage to the gates is asked to call harbour police at"
        " 555-201-8890.",
    ]
)

COURIER = "\n\n".join(
    [
        "The mayor attended the talks at the harbour office on Sunday, aides confirmed.",
        "The strike stranded 5,000 travellers at the terminal in Calvane as every ferry "
        "crossing halted.",
        "Fishing boats were allowed to leave the inner harbour before dawn on Tuesday.",
    ]
)


def _analyses(*articles: Article) -> list[ArticleAnalysis]:
    return [facts.analyse(a) for a in articles]


@pytest.fixture(scope="module")
def story() -> list[ArticleAnalysis]:
    return _analyses(
        make_article(LEDGER, outlet="Harbor Ledger", source="ledger"),
        make_article(POST, outlet="Valley Post", source="post"),
        make_article(COURIER, outlet="Coast Courier", source="courier"),
    )


@pytest.fixture(scope="module")
def groups(story: list[ArticleAnalysis]) -> list[ClaimGroup]:
    return align_claims(story)


def _outlets(group: ClaimGroup, story: list[ArticleAnalysis]) -> set[str | None]:
    by_id = {an.article.id: an.article.outlet for an in story}
    return {by_id[m.article_id] for m in group.mentions}


def _with(groups: list[ClaimGroup], *words: str) -> list[ClaimGroup]:
    return [g for g in groups if any(all(w in m.sentence for w in words) for m in g.mentions)]


def test_one_speaker_quoted_by_two_reports_is_one_origin(
    groups: list[ClaimGroup], story: list[ArticleAnalysis]
) -> None:
    [group] = [g for g in _with(groups, "stay out", "bonus") if len(g.mentions) > 1]
    assert _outlets(group, story) == {"Harbor Ledger", "Valley Post"}
    # "the union said" and "union leader Ilse Marwin said": the union speaks in both
    assert group.label is Agreement.SINGLE_ORIGIN and group.origins == ["union"]
    assert {"bonus", "stay"} <= set(group.terms)


def test_the_same_figure_from_two_outlets_is_corroborated(groups: list[ClaimGroup]) -> None:
    both = [g for g in groups if sum("2,000" in m.sentence for m in g.mentions) == 2]
    assert [(g.label, g.independent_origins) for g in both] == [(Agreement.CORROBORATED, 2)]


def test_the_strike_itself_aligns_across_wordings(groups: list[ClaimGroup]) -> None:
    aligned = [g for g in _with(groups, "Monday") if len({m.article_id for m in g.mentions}) > 1]
    assert aligned, "walked off the job / went on strike on Monday state one event"


def test_a_denial_is_a_conflict(groups: list[ClaimGroup]) -> None:
    [group] = [g for g in _with(groups, "mayor") if len(g.mentions) > 1]
    assert group.label is Agreement.CONFLICTING


def test_different_figures_for_one_measure_never_join(groups: list[ClaimGroup]) -> None:
    for g in _with(groups, "5,000"):
        assert not any("2,000" in m.sentence for m in g.mentions)
        assert g.label is not Agreement.CONFLICTING


def test_boilerplate_is_no_claim(story: list[ArticleAnalysis]) -> None:
    claims = [c for an in story for c in article_claims(an)]
    assert claims
    assert not any("555-201" in c.sentence or "Anyone with" in c.sentence for c in claims)


def test_unrelated_sentences_stay_single_source(groups: list[ClaimGroup]) -> None:
    for words in (("Gulls",), ("Fishing boats",), ("drafting",)):
        [group] = _with(groups, *words)
        assert group.label is Agreement.SINGLE_SOURCE and len(group.mentions) == 1


def test_every_claim_is_in_a_group(story: list[ArticleAnalysis], groups: list[ClaimGroup]) -> None:
    claims = {c.id for an in story for c in article_claims(an)}
    assert claims == {m.id for g in groups for m in g.mentions}


def test_a_copy_is_not_an_independent_origin() -> None:
    ledger = make_article(LEDGER, outlet="Harbor Ledger", source="ledger")
    copy = make_article(LEDGER, outlet="Coast Courier", source="copy", duplicate_of=ledger.id)
    groups = align_claims(_analyses(ledger, copy))
    shared = [g for g in groups if len({m.article_id for m in g.mentions}) == 2]
    assert shared and all(g.label is Agreement.SINGLE_ORIGIN for g in shared)
    assert all(g.independent_origins == 1 for g in shared)


def test_verbal_negation_only() -> None:
    assert negated_words("The mayor did not attend the talks.") == {"attend"}
    assert negated_words("The driver wasn't charged.") == {"charg"}
    assert negated_words("No one was hurt and the wound was non-fatal.") == frozenset()


# ------------------------------------------------------------------ blocking and stars


def _claims(*texts: tuple[str, str]) -> list[Claim]:
    return [Claim(f"c{i}", article, i, text) for i, (article, text) in enumerate(texts)]


def test_blocking_pairs_only_other_reports_and_skips_topic_words() -> None:
    claims = _claims(
        ("a", "Calvane dock workers strike over night-shift pay in the harbour."),
        ("a", "Calvane dock workers picket the harbour gate at dawn."),
        ("b", "Calvane dock workers strike over night-shift pay at the port."),
        ("c", "Calvane dock workers sing at the harbour gate."),
    )
    profiles = [claim_profile(c.sentence) for c in claims]
    pairs = candidate_pairs(claims, profiles, ClaimConfig())
    assert (0, 1) not in pairs and (0, 2) in pairs
    assert all(claims[i].article_id != claims[j].article_id for i, j in pairs)
    narrow = candidate_pairs(claims, profiles, ClaimConfig(max_postings=2))
    assert (1, 3) not in narrow  # shares only words every claim has, and "harbour", "gate"
    assert len(narrow) < len(pairs)


scores_strategy = st.dictionaries(
    st.tuples(st.integers(0, 7), st.integers(0, 7))
    .filter(lambda p: p[0] < p[1])
    .map(lambda p: (p[0], p[1])),
    st.floats(0, 1),
    max_size=20,
)


@given(scores_strategy)
def test_stars_cover_every_claim_and_match_their_centre(
    scores: dict[tuple[int, int], float],
) -> None:
    claims = _claims(*[(f"art{i % 3}", f"sentence {i}") for i in range(8)])
    stars = star_groups(claims, scores, [[] for _ in claims], 0.5)
    covered = {i for _, members in stars for i in members}
    assert covered == set(range(8))
    centres = [centre for centre, _ in stars]
    assert len(centres) == len(set(centres))

    def score(i: int, j: int) -> float:
        return scores.get((min(i, j), max(i, j)), 0.0)

    for centre, members in stars:
        assert members[0] == centre
        for i in members[1:]:
            assert score(centre, i) >= JOIN * 0.5
            if score(centre, i) < 0.5:  # a near match: another member backs it
                assert any(score(i, m) >= JOIN * 0.5 for m in members[1:] if m != i)


@given(
    st.lists(
        st.sampled_from("dock strike ferry union bonus mayor talks harbour pay".split()),
        min_size=2,
        max_size=9,
    ),
    st.lists(
        st.sampled_from("dock strike ferry union bonus mayor talks harbour pay".split()),
        min_size=2,
        max_size=9,
    ),
)
def test_rule_similarity_is_symmetric_and_bounded(a: list[str], b: list[str]) -> None:
    pa, pb = claim_profile(" ".join(a)), claim_profile(" ".join(b))
    weights = story_weights([pa, pb])
    ab, ba = profile_similarity(pa, pb, weights), profile_similarity(pb, pa, weights)
    assert ab == pytest.approx(ba) and 0.0 <= ab <= 1.0
    assert profile_similarity(pa, pa, weights) == pytest.approx(1.0) or len(pa.common) < 2


def test_rule_matcher_scores_each_pair() -> None:
    claims = _claims(
        ("a", "Union leader Ilse Marwin said workers stay out until the bonus returns."),
        ("b", "The union said its members stay out until the bonus returns."),
        ("b", "Gulls circled the empty quay while a band played."),
    )
    same, other = RuleMatcher().claim_scores(claims, [(0, 1), (0, 2)])
    assert same > other and other == 0.0


def test_a_near_match_joins_only_when_a_third_report_backs_it() -> None:
    claims = _claims(*[(a, f"sentence {n}") for n, a in enumerate("abcc")])
    near = 0.8 * 0.5  # between JOIN * threshold and the threshold
    scores = {(0, 1): 0.9, (0, 2): near, (1, 2): near, (0, 3): near}
    [(centre, members), lone] = star_groups(claims, scores, [[] for _ in claims], 0.5)
    assert centre == 0 and members == [0, 1, 2]
    assert lone == (3, [3])
