"""Subjects, predicates, units and times of facts, on fictional sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _factories import make_article
from newsdesk.facts import extract_facts
from newsdesk.records import Fact


def facts(text: str) -> list[Fact]:
    return extract_facts(make_article(text, published="2025-03-12"))


def one(text: str) -> Fact:
    [f] = facts(text)
    return f


def frame(text: str) -> tuple[str, str]:
    f = one(text)
    return f.subject, f.predicate


# ------------------------------------------------------------------ subjects of measures


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Parliament granted the governor a new six-year term.", "term"),
        ("The 22-month war ended in a truce.", "war"),
        ("The ferry strike will last 48 hours.", "strike"),
    ],
)
def test_a_duration_measures_the_noun_it_modifies(text: str, subject: str) -> None:
    f = one(text)
    assert (f.subject, f.predicate) == (subject, "duration")
    assert f.quantity.unit in ("years", "months", "hours")


def test_two_durations_of_different_things_differ() -> None:
    term = one("Parliament granted the governor a new six-year term.")
    war = one("The six-year war ended in a truce.")
    assert term.subject != war.subject


def test_an_age_is_typed_as_age() -> None:
    f = one("The 33-year-old actress won the award.")
    assert f.predicate == "age" and "actress" in f.subject


def test_cost_of_a_thing_estimated_at_a_figure() -> None:
    f = one("The agency estimated the cost of the closure at $3 million a week.")
    assert (f.subject, f.predicate, f.quantity.unit) == ("closure", "cost", "$/week")


def test_magnitude_is_a_unit_of_the_quake() -> None:
    f = one("A magnitude 5.2 quake hit the valley.")
    assert (f.quantity.value, f.quantity.unit, f.predicate) == (5.2, "magnitude", "magnitude")
    assert f.subject == "earthquakes"


def test_magnitude_of_an_aftershock_is_not_the_quakes() -> None:
    text = "The centre recorded 20 aftershocks, the strongest of them of magnitude 4.1."
    [magnitude] = [f for f in facts(text) if f.quantity.unit == "magnitude"]
    assert magnitude.subject == "aftershocks"


# ------------------------------------------------------------------ predicates


@pytest.mark.parametrize(
    "text",
    [
        "Floods killed 14 people in the valley.",
        "Fourteen people were killed by the floods.",
        "The death toll from the floods rose to 14.",
        "The floods left 14 dead.",
        "The hospital confirmed 14 deaths.",
    ],
)
def test_killed_in_any_voice_or_wording(text: str) -> None:
    f = one(text)
    assert (f.subject, f.predicate, f.quantity.unit) == ("people", "killed", "people")


def test_killing_and_injuring_two_figures_are_two_predicates() -> None:
    killed, injured = facts("The blast killed 3 people and injured 20.")
    assert (killed.predicate, injured.predicate) == ("killed", "injured")


def test_killed_or_injured_one_figure_is_casualties() -> None:
    assert frame("At least 20 people were killed or injured in the blast.")[1] == "casualties"


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("Some 40 residents were evacuated from the valley.", "evacuated"),
        ("Police arrested 12 protesters outside the court.", "arrested"),
        ("About 200 homes were destroyed by the fire.", "destroyed"),
        ("Nearly 90 homes were damaged by the fire.", "damaged"),
        ("The clinic treated 30 people for injuries after the crash.", "injured"),
        ("Nine people were taken to hospital after the crash.", "treated"),
        ("By noon 1,500 people had moved into emergency shelters.", "sheltered"),
        ("Some 4,000 miners walked out on Monday.", "striking"),
        ("The army deployed 600 soldiers to the border.", "deployed"),
    ],
)
def test_canonical_predicates(text: str, predicate: str) -> None:
    assert frame(text)[1] == predicate


def test_a_total_is_not_the_part() -> None:
    part, total = facts("The operator said 23 of its 38 wagons derailed.")
    assert (part.quantity.value, part.predicate) == (23.0, "derailed")
    assert (total.quantity.value, total.predicate) == (38.0, "total")
    assert part.subject == total.subject == "wagons"


def test_demand_and_offer_of_a_rise_differ() -> None:
    demand = one("The union is demanding a 9% pay rise.")
    offer = one("The firm said its offer of 3% was final.")
    assert demand.subject == offer.subject == "rise"
    assert (demand.predicate, offer.predicate) == ("demanded", "offered")


# ------------------------------------------------------------------ folded classes


@pytest.mark.parametrize(
    "text",
    [
        "The hospital received 43 injured patients.",
        "The 43 injured were taken to the county hospital.",
        "The storm injured 43 residents.",
    ],
)
def test_people_words_fold_to_people(text: str) -> None:
    f = one(text)
    assert (f.subject, f.predicate, f.quantity.unit) == ("people", "injured", "people")


def test_vessels_are_ships_and_dockworkers_workers() -> None:
    assert one("By noon 42 vessels were waiting to berth.").subject == "ships"
    assert one("More than 900 dockworkers walked off the job.").subject == "workers"


def test_route_number_is_an_identifier() -> None:
    f = one("Route 9 was closed for 14 hours.")
    assert (f.quantity.value, f.predicate) == (14.0, "closed")


# ------------------------------------------------------------------ times


def test_a_statement_time_does_not_date_the_fact() -> None:
    assert one("Nine people died in the fire, officials said on Monday.").time is None


def test_a_governing_clause_dates_the_fact() -> None:
    f = one("A storm struck the coast on Sunday, killing nine people.")
    assert f.time is not None and f.time.start == "2025-03-09"


def test_a_relative_clause_takes_its_antecedents_time() -> None:
    f = one("The flood of 1953, which killed 1,800 people, is still remembered.")
    assert f.time is not None and f.time.start == "1953-01-01"


def test_another_clauses_time_is_not_the_facts() -> None:
    text = "About 900 residents evacuated after Sunday's blast were allowed home on Thursday."
    f = one(text)
    assert (f.predicate, f.time) == ("evacuated", None)


def test_a_time_of_another_event_is_not_the_facts() -> None:
    text = "Roads reopened on Thursday, a day after a landslide killed 4 people."
    assert one(text).time is None


def test_weekday_of_last_week() -> None:
    text = "A landslide killed 4 people in the valley on Tuesday last week."
    f = one(text)
    assert f.time is not None and (f.time.text, f.time.start) == (
        "on Tuesday last week",
        "2025-03-04",
    )


# ------------------------------------------------------------------ invariants


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(min_value=2, max_value=5000),
    noun=st.sampled_from(["people", "residents", "patients", "victims"]),
    verb=st.sampled_from(["killed", "injured", "evacuated"]),
)
def test_people_counts_align_on_subject_and_unit(n: int, noun: str, verb: str) -> None:
    f = one(f"Officials said {n:,} {noun} were {verb} in Korvel.")
    assert (f.subject, f.quantity.unit, f.predicate) == ("people", "people", verb)
    assert f.quantity.value == n


# ------------------------------------------------------------------ event facts


def test_an_appositive_age_is_an_age_not_a_toll() -> None:
    f = one("Police said Ilse Marrow, 15, was shot and killed on Friday.")
    assert (f.predicate, f.quantity.unit) == ("age", "years old")
    assert "Marrow" in f.subject


def test_a_negated_figure_says_so() -> None:
    assert one("Two guards at the gate were not injured.").predicate == "not injured"


def test_the_part_of_a_partitive_takes_its_own_verb() -> None:
    part, whole = facts("One of five people injured was released on Monday.")
    assert whole.quantity.value == 5 and whole.predicate == "injured"
    assert part.quantity.value == 1 and part.predicate != "injured"


def test_a_calendar_running_total_is_not_the_events_toll() -> None:
    f = one("At least 40 people have been killed in the county this year.")
    assert f.predicate == "killed to date"
