from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from _factories import make_article
from newsdesk.align import admissible_range, align, canonical_term, compatible, implied_precision
from newsdesk.records import (
    Agreement,
    Article,
    ArticleAnalysis,
    Bound,
    Fact,
    ParagraphReuse,
    Quantity,
    TimeRef,
)


def q(
    value: float, bound: Bound = Bound.EQ, unit: str | None = "homes", text: str = ""
) -> Quantity:
    return Quantity(text or f"{value:g}", 0, 1, value=value, unit=unit, bound=bound)


def fact(
    article: Article,
    quantity: Quantity,
    *,
    subject: str = "homes",
    predicate: str = "damaged",
    sentence: str = "",
    attributed_to: tuple[str, ...] = (),
    time: TimeRef | None = None,
) -> Fact:
    return Fact(
        id=f"{article.id[:8]}-{quantity.text}-{predicate}",
        article_id=article.id,
        sentence_index=0,
        sentence=sentence or article.text.split("\n\n")[0],
        quantity=quantity,
        subject=subject,
        predicate=predicate,
        time=time,
        attributed_to=attributed_to,
    )


def outlet(name: str, text: str = "Body paragraph.") -> Article:
    return make_article(text, outlet=name, source=f"{name}.txt")


def analyses(*pairs: tuple[Article, list[Fact]]) -> list[ArticleAnalysis]:
    return [ArticleAnalysis(article=a, facts=fs) for a, fs in pairs]


def labels(groups: list) -> list[Agreement]:  # type: ignore[type-arg]
    return [g.label for g in groups]


def test_two_independent_outlets_with_the_same_figure_corroborate() -> None:
    a, b = outlet("Harbor Ledger"), outlet("Valley Post")
    groups = align(analyses((a, [fact(a, q(312))]), (b, [fact(b, q(312))])))
    assert labels(groups) == [Agreement.CORROBORATED]
    assert groups[0].independent_origins == 2


def test_precision_variants_are_compatible_not_conflicting() -> None:
    a, b = outlet("Harbor Ledger"), outlet("Valley Post")
    groups = align(analyses((a, [fact(a, q(300, Bound.APPROX))]), (b, [fact(b, q(312))])))
    assert labels(groups) == [Agreement.COMPATIBLE]


def test_incompatible_figures_conflict() -> None:
    a, b = outlet("Harbor Ledger"), outlet("Valley Post")
    dead_a = fact(a, q(12, unit="people"), subject="people", predicate="dead")
    dead_b = fact(b, q(19, unit="people"), subject="people", predicate="dead")
    groups = align(analyses((a, [dead_a]), (b, [dead_b])))
    assert labels(groups) == [Agreement.CONFLICTING]


def test_one_article_is_single_source() -> None:
    a = outlet("Harbor Ledger")
    assert labels(align(analyses((a, [fact(a, q(40))])))) == [Agreement.SINGLE_SOURCE]


def test_outlets_citing_one_primary_source_are_single_origin() -> None:
    a, b = outlet("Harbor Ledger"), outlet("Valley Post")
    fa = fact(a, q(312), attributed_to=("Meridian Wire",))
    fb = fact(b, q(312), attributed_to=("Meridian Wire",))
    groups = align(analyses((a, [fa]), (b, [fb])))
    assert labels(groups) == [Agreement.SINGLE_ORIGIN]
    assert groups[0].independent_origins == 1


def test_copied_article_is_not_an_independent_origin() -> None:
    a = outlet("Meridian Wire")
    b = make_article("Body paragraph.", outlet="Valley Post", source="b", duplicate_of=a.id)
    groups = align(analyses((a, [fact(a, q(312))]), (b, [fact(b, q(312))])))
    assert labels(groups) == [Agreement.SINGLE_ORIGIN]


def test_copied_paragraph_is_not_an_independent_origin() -> None:
    text = "Crews counted 312 damaged homes."
    a, b = outlet("Meridian Wire", text), outlet("Valley Post", "Intro.\n\n" + text)
    reuse = [ParagraphReuse(b.id, 1, a.id, 0, 1.0)]
    groups = align(
        analyses((a, [fact(a, q(312), sentence=text)]), (b, [fact(b, q(312), sentence=text)])),
        reuse,
    )
    assert labels(groups) == [Agreement.SINGLE_ORIGIN]


def test_equal_numbers_measuring_different_things_stay_apart() -> None:
    a, b = outlet("Harbor Ledger"), outlet("Valley Post")
    lost = fact(a, q(300, unit="troops"), subject="troops", predicate="lost")
    mobilised = fact(b, q(300, unit="troops"), subject="troops", predicate="mobilised")
    groups = align(analyses((a, [lost]), (b, [mobilised])))
    assert len(groups) == 2
    assert labels(groups) == [Agreement.SINGLE_SOURCE, Agreement.SINGLE_SOURCE]


def test_non_overlapping_times_stay_apart() -> None:
    a, b = outlet("Harbor Ledger"), outlet("Valley Post")
    march = TimeRef("in March 2025", "2025-03-01", "2025-03-31")
    may = TimeRef("in May 2025", "2025-05-01", "2025-05-31")
    groups = align(analyses((a, [fact(a, q(10), time=march)]), (b, [fact(b, q(20), time=may)])))
    assert len(groups) == 2


def test_implied_precision() -> None:
    assert implied_precision(315_000) == 500
    assert implied_precision(300_000) == 15_000
    assert implied_precision(90) == 0
    assert implied_precision(1200) == 50
    assert implied_precision(3.5) == 0.05
    assert implied_precision(43) == 0


def test_bounds_shape_the_admissible_range() -> None:
    assert admissible_range(q(40, Bound.GT))[0] == 40
    assert compatible(q(40, Bound.GT), q(43))
    assert not compatible(q(40, Bound.LT), q(43))
    assert compatible(q(315_000, Bound.GE), q(315_000))


def test_canonical_terms_fold_plurals_and_synonyms() -> None:
    assert canonical_term("Soldiers") == canonical_term("troops")
    assert canonical_term("casualties") == canonical_term("casualty")


@given(
    st.floats(1, 1e9), st.floats(1, 1e9), st.sampled_from(list(Bound)), st.sampled_from(list(Bound))
)
def test_compatibility_is_symmetric(x: float, y: float, bx: Bound, by: Bound) -> None:
    assert compatible(q(x, bx), q(y, by)) == compatible(q(y, by), q(x, bx))


@given(st.floats(0.5, 1e9), st.sampled_from(list(Bound)))
def test_every_quantity_is_compatible_with_itself(x: float, b: Bound) -> None:
    assert compatible(q(x, b), q(x, b))


def test_same_measure_without_shared_context_stays_apart() -> None:
    a, b = outlet("Harbor Ledger"), outlet("Valley Post")
    fa = fact(
        a,
        q(1, unit="years"),
        subject="years",
        predicate="serve",
        sentence="Volunteers serve with the coast guard for one year.",
    )
    fb = fact(
        b,
        q(6, unit="years"),
        subject="years",
        predicate="serve",
        sentence="The mayor will serve a six-year term after the vote.",
    )
    assert len(align(analyses((a, [fa]), (b, [fb])))) == 2


def test_two_figures_of_one_sentence_are_never_one_group() -> None:
    a = outlet("Harbor Ledger")
    sentence = "The fleet started with 31 boats and has since lost 22 of them."
    f1 = fact(a, q(31, unit="boats"), subject="boats", predicate="lost", sentence=sentence)
    f2 = fact(a, q(22, unit="boats"), subject="boats", predicate="lost", sentence=sentence)
    groups = align(analyses((a, [f1, f2])))
    assert len(groups) == 2
    assert Agreement.CONFLICTING not in labels(groups)


def test_a_single_article_never_conflicts_with_itself() -> None:
    a = outlet("Harbor Ledger", "Twelve died.\n\nLater: nineteen died.")
    f1 = fact(a, q(12, unit="people"), subject="people", predicate="dead", sentence="Body x.")
    later = fact(a, q(19, unit="people"), subject="people", predicate="dead", sentence="Body x.")
    f2 = dataclasses.replace(later, sentence_index=1)
    assert labels(align(analyses((a, [f1, f2])))) == [Agreement.SINGLE_SOURCE]


def test_event_predicates_are_names_the_facts_stage_uses() -> None:
    from newsdesk.align import EVENT_PREDICATES
    from newsdesk.facts._subject import CANONICAL_PREDICATES

    assert EVENT_PREDICATES <= CANONICAL_PREDICATES


def test_headline_measures_align_without_shared_context() -> None:
    a, b = outlet("Harbor Ledger"), outlet("Valley Post")
    fa = fact(a, q(300, Bound.APPROX), predicate="damaged", sentence="Some 300 homes were damaged.")
    fb = fact(
        b, q(312), predicate="damaged", sentence="Inspectors said 312 homes had been damaged."
    )
    assert labels(align(analyses((a, [fa]), (b, [fb])))) == [Agreement.COMPATIBLE]
