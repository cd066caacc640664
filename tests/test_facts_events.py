"""Event measures (killed, injured, shot, arrested...) on fictional sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _factories import make_article
from newsdesk.facts import extract_events
from newsdesk.records import Bound, EventMeasure


def events(text: str, published: str = "2024-05-14") -> list[EventMeasure]:
    return extract_events(make_article(text, published=published))


def counts(text: str) -> dict[str, float]:
    """measure -> value of the counts (not subsets) a sentence states."""
    return {e.measure: e.value for e in events(text) if e.role == "count"}


# ------------------------------------------------------------------ written numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three people were injured in the blast at the depot.", {"injured": 3}),
        ("Police said 12 people were wounded at the fairground.", {"injured": 12}),
        (
            "The gunman opened fire in the hall, killing four people and wounding nine others.",
            {"killed": 4, "injured": 9},
        ),
        ("Two men are dead after a brawl outside the Harlow tavern.", {"killed": 2}),
        ("Eleven people were arrested after the march.", {"arrested": 11}),
        ("About 300 residents were evacuated from the valley.", {"evacuated": 300}),
        ("Six hikers are still missing on the ridge.", {"missing": 6}),
    ],
)
def test_counts_in_digits_and_words(text: str, expected: dict[str, float]) -> None:
    assert counts(text) == expected


def test_left_n_wounded_is_an_injury_count() -> None:
    assert counts("The explosion at the Corvane mill left eight wounded.") == {"injured": 8}


def test_a_bound_is_kept() -> None:
    [e] = [e for e in events("At least six people were hurt when the stand collapsed.")]
    assert (e.measure, e.value, e.bound) == ("injured", 6, Bound.GE)


def test_shot_and_one_fatally_gives_both_figures() -> None:
    found = counts("Five people were shot, one fatally, outside the Marlow arena.")
    assert found == {"shot": 5, "killed": 1}


def test_killed_or_injured_of_one_figure_is_casualties() -> None:
    assert counts("The 14 people hurt or killed were all guests of the inn.") == {"casualties": 14}


# ------------------------------------------------------------------ singletons


@pytest.mark.parametrize(
    "text",
    [
        "A man was shot and killed outside a bakery in Dunmore on Sunday.",
        "A 16-year-old was shot and killed near the Elm Street bridge.",
        "Tomas Brekke died at the scene, police said.",
        "The shooting claimed the life of a 20-year-old student.",
    ],
)
def test_a_single_death_without_a_number_counts_one_implicitly(text: str) -> None:
    [killed] = [e for e in events(text) if e.measure == "killed"]
    assert killed.value == 1 and killed.implicit


def test_a_survivor_in_hospital_is_injured() -> None:
    [hurt] = events("A 12-year-old girl is in stable condition after the crash.")
    assert (hurt.measure, hurt.value, hurt.implicit) == ("injured", 1, True)


def test_coordinated_singletons_add_up() -> None:
    [killed] = events("A woman and her brother were found dead in the cabin.")
    assert (killed.measure, killed.value, killed.implicit) == ("killed", 2, True)


def test_singletons_carry_names_and_ages() -> None:
    [killed] = events("Mara Vintel, 16, died on the way to hospital.")
    assert "age:16" in killed.who and any(w.startswith("name:") for w in killed.who)


def test_an_ordinal_victim_who_died_gives_the_toll() -> None:
    assert counts("A third victim of the Harlow stabbing has died.") == {"killed": 3}


# ------------------------------------------------------------------ never a count


@pytest.mark.parametrize(
    "text",
    [
        "Jarek Olin, 15, was shot and killed on Tuesday.",
        "A 17-year-old was killed in the crash.",
        "The 34-year-old driver was injured.",
    ],
)
def test_ages_are_never_counts(text: str) -> None:
    for e in events(text):
        assert e.value == 1, e


def test_partitive_part_is_never_the_figure() -> None:
    found = events("One of five people injured was released on Monday.")
    assert [(e.measure, e.value) for e in found if e.role == "count"] == [("injured", 5)]
    assert all(e.value != 1 for e in found if e.measure == "injured" and e.role == "count")


def test_negated_injury_is_no_count() -> None:
    assert counts("Two men in the car were not injured.") == {}


def test_no_one_injured_is_an_explicit_zero() -> None:
    [zero] = events("No one was injured in the fire at the Rellan warehouse.")
    assert (zero.measure, zero.value, zero.implicit) == ("injured", 0, False)


@pytest.mark.parametrize(
    "text",
    [
        "Anyone with information should call 911 or the tip line.",
        "The shots were fired at 2:15 a.m. in the 4200 block of Larch Avenue.",
        "It was the city's 31st homicide this year.",
        "At least 40 people have been killed in the county this year.",
        "He could have killed someone, the prosecutor said.",
        "The suspect tried to kill his neighbour.",
        "In another shooting on the south side, two men were wounded.",
        "The state abolished the death penalty in 2009.",
    ],
)
def test_numbers_that_are_not_the_events_measure(text: str) -> None:
    assert [e for e in events(text) if e.value > 0] == []


def test_an_earlier_event_keeps_its_own_time() -> None:
    [e] = events("Police said a shooting last month killed two men.")
    assert e.time is not None and e.time.end is not None and e.time.end < "2024-05-01"


# ------------------------------------------------------------------ properties


@settings(max_examples=15, deadline=None)
@given(age=st.integers(min_value=2, max_value=95))
def test_an_appositive_age_is_never_a_toll(age: int) -> None:
    found = events(f"Police said Dorin Vale, {age}, was killed in the attack.")
    assert [(e.measure, e.value) for e in found] == [("killed", 1)]


_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


@settings(max_examples=15, deadline=None)
@given(n=st.integers(min_value=2, max_value=10), digits=st.booleans())
def test_a_written_count_is_read_in_digits_and_words(n: int, digits: bool) -> None:
    number = str(n) if digits else _WORDS[n - 2]
    found = counts(f"Officials said {number} people were injured in the collapse.")
    assert found == {"injured": n}
