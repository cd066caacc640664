"""Headline figures: one presented figure per event measure, its label and history.

Reports are fictional; each goes through the real facts stage (``facts.analyse``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from _factories import make_article
from newsdesk.align import align, headline_figures
from newsdesk.facts import analyse
from newsdesk.records import Agreement, ArticleAnalysis, HeadlineFigure


def report(text: str, outlet: str, published: str) -> ArticleAnalysis:
    return analyse(make_article(text, outlet=outlet, published=published, title=outlet))


def figures(*reports: ArticleAnalysis) -> dict[str, HeadlineFigure]:
    return {f.measure: f for f in headline_figures(list(reports))}


def test_a_later_different_figure_is_an_update_with_its_history() -> None:
    early = report(
        "Two people were killed in the fire at the Osk depot.", "Osk Herald", "2024-05-01"
    )
    late = report("Three people were killed in the Osk depot fire.", "Valley Post", "2024-05-02")
    killed = figures(early, late)["killed"]
    assert (killed.value, killed.label) == (3, Agreement.UPDATE)
    assert [(s.value, s.date) for s in killed.history] == [(2, "2024-05-01")]
    assert "rose from 2 to 3" in killed.note and "Valley Post" in killed.note


def test_reports_of_one_day_that_disagree_conflict() -> None:
    a = report("Two people were killed in the fire at the Osk depot.", "Osk Herald", "2024-05-01")
    b = report("Three people were killed in the Osk depot fire.", "Valley Post", "2024-05-01")
    killed = figures(a, b)["killed"]
    assert killed.label is Agreement.CONFLICTING
    assert killed.disputed and not killed.history


def test_two_outlets_stating_one_figure_corroborate() -> None:
    a = report("Four people were injured when the stand fell.", "Osk Herald", "2024-05-01")
    b = report("The collapse injured four people, officials said.", "Valley Post", "2024-05-01")
    injured = figures(a, b)["injured"]
    assert (injured.value, injured.label, injured.independent_origins) == (
        4,
        Agreement.CORROBORATED,
        2,
    )
    assert {e.article_id for e in injured.evidence} == {a.article.id, b.article.id}


def test_a_single_death_is_presented_as_one_implicit_and_no_injured() -> None:
    a = report(
        "A man was shot and killed outside a bar in Tarn on Friday.", "Tarn News", "2024-05-04"
    )
    found = figures(a)
    assert (found["killed"].value, found["killed"].implicit) == (1, True)
    assert (found["injured"].value, found["injured"].implicit) == (0, True)
    assert found["killed"].label is Agreement.SINGLE_SOURCE


def test_shot_minus_killed_gives_the_injured() -> None:
    a = report(
        "Four people were shot, one fatally, near the Tarn arena.", "Tarn News", "2024-05-04"
    )
    found = figures(a)
    assert (found["killed"].value, found["injured"].value) == (1, 3)
    assert found["injured"].derived


def test_two_singletons_with_different_ages_are_two_deaths() -> None:
    a = report(
        "Lina Ovar, 16, died at the scene. A 15-year-old boy died later in hospital.",
        "Tarn News",
        "2024-05-04",
    )
    assert figures(a)["killed"].value == 2


def test_deaths_a_later_report_adds_come_from_the_injured() -> None:
    a = report(
        "Two people were wounded in the shooting at the Tarn mall.", "Tarn News", "2024-05-04"
    )
    b = report("One of the victims of the Tarn mall shooting died.", "Valley Post", "2024-05-06")
    found = figures(a, b)
    assert (found["killed"].value, found["injured"].value) == (1, 1)
    assert found["injured"].label is Agreement.UPDATE


def test_an_earlier_events_toll_is_left_out() -> None:
    a = report(
        "A man was killed outside the Tarn mall on Friday. Police said a shooting "
        "last month killed two men nearby.",
        "Tarn News",
        "2024-05-04",
    )
    assert figures(a)["killed"].value == 1


def test_fact_groups_revised_on_another_day_are_updates() -> None:
    early = report(
        "Two people were killed in the fire at the Osk depot.", "Osk Herald", "2024-05-01"
    )
    late = report("Three people were killed in the Osk depot fire.", "Valley Post", "2024-05-02")
    same = report("Three people were killed in the Osk depot fire.", "Valley Post", "2024-05-01")
    [revised] = [g for g in align([early, late]) if g.predicate == "killed"]
    [disputed] = [g for g in align([early, same]) if g.predicate == "killed"]
    assert revised.label is Agreement.UPDATE
    assert disputed.label is Agreement.CONFLICTING


@settings(max_examples=10, deadline=None)
@given(first=st.integers(min_value=2, max_value=9), rise=st.integers(min_value=1, max_value=5))
def test_the_latest_figure_is_presented_and_earlier_ones_kept(first: int, rise: int) -> None:
    early = report(f"{first} people were injured in the Osk blast.", "Osk Herald", "2024-05-01")
    late = report(
        f"{first + rise} people were injured in the Osk blast.", "Valley Post", "2024-05-03"
    )
    injured = figures(late, early)["injured"]
    assert injured.value == first + rise
    assert [s.value for s in injured.history] == [first]
