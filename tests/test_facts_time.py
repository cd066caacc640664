"""Time references resolved against a fixed publication date (Friday 2024-01-05)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.facts import extract_time
from newsdesk.records import TimeRef

PUBLISHED = "2024-01-05"


def one(sentence: str, published: str | None = PUBLISHED) -> TimeRef:
    refs = extract_time(sentence, published)
    assert len(refs) == 1, refs
    return refs[0]


@pytest.mark.parametrize(
    ("sentence", "text", "start", "end"),
    [
        ("Prices rose last month.", "last month", "2023-12-01", "2023-12-31"),
        ("Prices rose last year.", "last year", "2023-01-01", "2023-12-31"),
        ("Prices rose this year.", "this year", "2024-01-01", "2024-12-31"),
        ("The law passed on Thursday.", "on Thursday", "2024-01-04", "2024-01-04"),
        ("The law passed on Monday.", "on Monday", "2024-01-01", "2024-01-01"),
        ("The vote will be held on Monday.", "on Monday", "2024-01-08", "2024-01-08"),
        ("It happened yesterday.", "yesterday", "2024-01-04", "2024-01-04"),
        ("The army grew in September 2022.", "in September 2022", "2022-09-01", "2022-09-30"),
        ("A December 2023 audit found gaps.", "December 2023", "2023-12-01", "2023-12-31"),
        ("The port closed on Jan. 24, 2023.", "on Jan. 24, 2023", "2023-01-24", "2023-01-24"),
        ("The port closed on 3 May 2021.", "on 3 May 2021", "2021-05-03", "2021-05-03"),
        ("The port closed in 2019.", "in 2019", "2019-01-01", "2019-12-31"),
        ("Fighting has raged since 2014.", "since 2014", "2014-01-01", "2024-01-05"),
        ("The tanks date from the 1970s.", "the 1970s", "1970-01-01", "1979-12-31"),
        ("The vote is due in March.", "in March", "2024-03-01", "2024-03-31"),
        ("The harvest failed in September.", "in September", "2023-09-01", "2023-09-30"),
        ("The pact was signed a year ago.", "a year ago", "2023-01-01", "2023-12-31"),
        (
            "Costs doubled over the past two years.",
            "over the past two years",
            "2022-01-05",
            "2024-01-05",
        ),
        ("Sales fell last week.", "last week", "2023-12-25", "2023-12-31"),
        ("The rally is on Dec. 29.", "on Dec. 29", "2023-12-29", "2023-12-29"),
    ],
)
def test_resolution(sentence: str, text: str, start: str, end: str) -> None:
    assert one(sentence) == TimeRef(text, start, end)


def test_relative_time_stays_unresolved_without_a_date() -> None:
    assert one("Prices rose last month.", None) == TimeRef("last month", None, None)


def test_absolute_time_resolves_without_a_date() -> None:
    assert one("The army grew in September 2022.", None).start == "2022-09-01"


def test_publication_datetime_is_accepted() -> None:
    assert one("It happened yesterday.", "2024-01-05T23:10:00Z").start == "2024-01-04"


def test_several_references_in_order() -> None:
    refs = extract_time("Since 2014 and again last month, the port closed on Friday.", PUBLISHED)
    assert [r.text for r in refs] == ["Since 2014", "last month", "on Friday"]


def test_clock_times_and_quantities_are_not_time_references() -> None:
    assert extract_time("The 40 boats left at 5:30 p.m.", PUBLISHED) == []
    assert extract_time("About 2000 runners came.", PUBLISHED) == []


@pytest.mark.parametrize(
    ("sentence", "text", "start", "end"),
    [
        # "N units ago" at the granularity written (published Friday 2024-01-05)
        ("The mill shut two years ago.", "two years ago", "2022-01-01", "2022-12-31"),
        ("The mill shut three months ago.", "three months ago", "2023-10-01", "2023-10-31"),
        ("The mill shut two weeks ago.", "two weeks ago", "2023-12-18", "2023-12-24"),
        ("The mill shut two days ago.", "two days ago", "2024-01-03", "2024-01-03"),
        ("The mill shut 10 days ago.", "10 days ago", "2023-12-26", "2023-12-26"),
        # a month without a year: the most recent past one in past-tense text
        ("The harvest failed in March.", "in March", "2023-03-01", "2023-03-31"),
        ("The mill reopened in January.", "in January", "2024-01-01", "2024-01-31"),
        ("The council will vote in March.", "in March", "2024-03-01", "2024-03-31"),
        ("The ferry sank on Feb. 12.", "on Feb. 12", "2023-02-12", "2023-02-12"),
        ("The ferry sank on nov. 6.", "on nov. 6", "2023-11-06", "2023-11-06"),
        ("The hearing is scheduled for Feb. 12.", "Feb. 12", "2024-02-12", "2024-02-12"),
        # weekdays: past unless the clause is future tense
        ("The clinic will open on Tuesday.", "on Tuesday", "2024-01-09", "2024-01-09"),
        (
            "A boy was hurt Tuesday and will be seen again on Friday.",
            "Tuesday",
            "2024-01-02",
            "2024-01-02",
        ),
        (
            "The suspect was believed to be hiding on Saturday.",
            "on Saturday",
            "2023-12-30",
            "2023-12-30",
        ),
        ("it happened on saturday.", "on saturday", "2023-12-30", "2023-12-30"),
        ("The fire began last Thursday.", "last Thursday", "2023-12-28", "2023-12-28"),
        ("The fire began last night.", "last night", "2024-01-04", "2024-01-04"),
        ("The fire began this morning.", "this morning", "2024-01-05", "2024-01-05"),
        # weekends and vague counts
        ("Two barns burned over the weekend.", "over the weekend", "2023-12-30", "2023-12-31"),
        (
            "The fair opens this weekend and will run a week.",
            "this weekend",
            "2024-01-06",
            "2024-01-07",
        ),
        (
            "The mill shut a couple of years ago.",
            "a couple of years ago",
            "2022-01-01",
            "2022-12-31",
        ),
        ("The mill shut a few days ago.", "a few days ago", "2024-01-01", "2024-01-03"),
    ],
)
def test_relative_resolution(sentence: str, text: str, start: str, end: str) -> None:
    refs = [r for r in extract_time(sentence, PUBLISHED) if r.text == text]
    assert refs == [TimeRef(text, start, end)], extract_time(sentence, PUBLISHED)


def test_clause_tense_splits_clauses() -> None:
    refs = extract_time("A boy was hurt Tuesday and will be seen again on Friday.", PUBLISHED)
    assert [(r.text, r.start) for r in refs] == [
        ("Tuesday", "2024-01-02"),
        ("on Friday", "2024-01-05"),
    ]
    later = extract_time("The nurse will call back on Saturday.", PUBLISHED)
    assert later[0].start == "2024-01-06"


def test_o_clock_is_a_clock_time() -> None:
    assert extract_time("The bell rang at 5 o'clock.", PUBLISHED) == []


def test_capitalised_today_is_a_name() -> None:
    assert extract_time("She told USA TODAY the plan was dead.", PUBLISHED) == []


@settings(max_examples=80, deadline=None)
@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    st.sampled_from(["January", "March", "June", "September", "December"]),
    st.integers(min_value=1, max_value=28),
)
def test_past_tense_month_day_is_never_after_publication(pub: date, month: str, day: int) -> None:
    ref = one(f"The bridge collapsed on {month} {day}.", pub.isoformat())
    assert ref.start is not None and ref.start <= pub.isoformat()
    assert (pub - date.fromisoformat(ref.start)).days < 366


@settings(max_examples=80, deadline=None)
@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=1, max_value=12),
    st.sampled_from(["days", "weeks", "months", "years"]),
)
def test_ago_period_holds_the_day_n_units_back(pub: date, n: int, unit: str) -> None:
    ref = one(f"The dam broke {n} {unit} ago.", pub.isoformat())
    assert ref.start is not None and ref.end is not None
    assert ref.start <= ref.end <= pub.isoformat()
