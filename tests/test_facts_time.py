"""Time references resolved against a fixed publication date (Friday 2024-01-05)."""

from __future__ import annotations

import pytest

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
        ("The pact was signed a year ago.", "a year ago", "2023-01-05", "2023-01-05"),
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
