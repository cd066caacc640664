"""Headline killed/injured figures from people counted without a number, "other" victims,
recounts and the unborn. Reports are fictional and go through the real facts stage."""

from __future__ import annotations

from _factories import make_article
from newsdesk.align import headline_figures
from newsdesk.facts import analyse
from newsdesk.records import ArticleAnalysis, HeadlineFigure


def report(text: str, outlet: str, published: str) -> ArticleAnalysis:
    return analyse(make_article(text, outlet=outlet, published=published, title=outlet))


def figures(*reports: ArticleAnalysis) -> dict[str, HeadlineFigure]:
    return {f.measure: f for f in headline_figures(list(reports))}


def test_a_coordinated_pair_killed_is_two_deaths() -> None:
    a = report(
        "A man and his 9-year-old nephew were killed in Brell on Sunday. "
        "The three victims were shot in a barn, deputies said.",
        "Brell Gazette",
        "2024-06-02",
    )
    found = figures(a)
    assert found["killed"].value == 2
    assert found["injured"].value == 1  # three shot, two of them died


def test_other_victims_shot_beside_a_death_are_the_injured() -> None:
    a = report(
        "Two women were found dead in the Lomax flat on Monday. "
        "Both were shot in the chest, the coroner said. "
        "Three other victims were shot and taken to Lomax General.",
        "Lomax Daily",
        "2024-06-03",
    )
    assert figures(a)["injured"].value == 3


def test_a_named_person_wounded_beside_another_killed_is_injured() -> None:
    a = report(
        "A burglar shot and wounded Pavel Orsk, whose father then fired back, killing "
        "the intruder, deputies said.",
        "Orsk Courier",
        "2024-06-04",
    )
    found = figures(a)
    assert (found["killed"].value, found["injured"].value) == (1, 1)


def test_a_pronoun_beside_a_death_is_not_another_person() -> None:
    a = report(
        "Deputies said a man was shot near the Fenn pier. He died at the scene.",
        "Fenn Post",
        "2024-06-05",
    )
    found = figures(a)
    assert (found["killed"].value, found["injured"].value) == (1, 0)


def test_one_late_report_lower_than_many_is_not_an_update() -> None:
    early = [
        report(
            "Two people were killed and four others were injured at the Quay flats.",
            outlet,
            "2024-06-10",
        )
        for outlet in ("Quay News", "Harbour Times", "Coast Radio")
    ]
    late = report(
        "Police charged a man in the shooting that left two dead and three others injured.",
        "Quay Weekly",
        "2024-06-11",
    )
    injured = figures(*early, late)["injured"]
    assert injured.value == 4


def test_a_later_report_naming_fewer_hurt_does_not_keep_an_injured_count() -> None:
    early = report(
        "Two boys were shot on Dunn Street on Monday. Both victims are expected to survive.",
        "Dunn Herald",
        "2024-06-10",
    )
    late = report(
        "A 15-year-old boy shot on Dunn Street has died, police said on Friday. "
        "A second victim, his 17-year-old friend, was hit in the leg and survived.",
        "Dunn Herald",
        "2024-06-14",
    )
    found = figures(early, late)
    assert (found["killed"].value, found["injured"].value) == (1, 1)


def test_an_unborn_child_is_not_counted_as_killed() -> None:
    a = report(
        "Police said a pregnant woman and her unborn child were killed in Sorrel on Tuesday.",
        "Sorrel Star",
        "2024-06-11",
    )
    assert figures(a)["killed"].value == 1


def test_a_toll_from_a_side_mention_is_not_presented() -> None:
    text = (
        "The council of Marrow approved a new rule on ferry licences on Tuesday. "
        "Operators must renew their licence every two years under the rule. "
        "The rule takes effect in March, the council said. "
        "Officials gave no reason for the timing. "
        "Critics recalled a ferry fire in the harbour that killed four people. "
        "The council meets again next month."
    )
    a = report(text, "Marrow Times", "2024-07-01")
    b = report(text.replace("Tuesday", "Tuesday evening"), "Harbour Wire", "2024-07-01")
    assert figures(a, b) == {}


def test_a_toll_the_story_leads_with_is_presented() -> None:
    a = report(
        "A ferry fire in Marrow harbour killed four people on Tuesday. "
        "The council met in the evening.",
        "Marrow Times",
        "2024-07-03",
    )
    found = figures(a)
    assert found["killed"].value == 4 and found["injured"].text == "none reported"


def test_a_toll_written_as_previously_reported_is_no_event_measure() -> None:
    a = report(
        "A court in Marrow ruled on the licence case on Monday. The case drew crowds. "
        "Judges spoke briefly. Reporters have previously described a crash that killed two.",
        "Marrow Times",
        "2024-07-01",
    )
    assert not [e for e in a.events if e.measure == "killed"]
