"""The boilerplate filter: appeals, contact details, bylines and credits are never story
content; ordinary news sentences are (fictional sentences, written for these tests)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.boilerplate import boilerplate_reason, is_boilerplate


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        (
            "Anyone with details about the fire is urged to contact Kessen police.",
            "call-for-information",
        ),
        (
            "Witnesses were asked to call the harbour office on its tip line.",
            "call-for-information",
        ),
        ("If you have information, please call detectives.", "call-for-information"),
        (
            "Tips can be submitted anonymously through Valley Crime Stoppers.",
            "call-for-information",
        ),
        ("The ferry office can be reached at 555-201-8890 until noon.", "contact"),
        ("Write to the desk at news@ashvale-ledger.example for corrections.", "contact"),
        ("Follow the latest on the flood at www.ashvale-ledger.example today.", "contact"),
        ("By Marta Quell and Ino Brandt", "byline"),
        ("Rhea Calder contributed to this report from Lenholm.", "byline"),
        ("Jon Vell is a reporter for the Harbor Ledger.", "byline"),
        ("Copyright 2025 The Valley Post, all rights reserved.", "publishing"),
        ("Rescue crews reach the pier (Photo: Valley Post) after dawn.", "publishing"),
        ("Click here to read our coverage of the strike so far.", "publishing"),
        ("1200 Harbor Street.", "address"),
    ],
)
def test_boilerplate_is_caught_with_its_reason(sentence: str, reason: str) -> None:
    assert boilerplate_reason(sentence) == reason


@pytest.mark.parametrize(
    "sentence",
    [
        "By Tuesday, the count of damaged homes had risen to forty.",
        "By the time crews arrived, the roof of the depot had collapsed.",
        "Police said the driver was shot at 1200 Harbor Street shortly after midnight.",
        "Volunteers who sign up for the cleanup will be given boots and gloves.",
        "The ministry said 4,500 households were still without power on Friday.",
        "She asked residents to stay away from the river until the water recedes.",
    ],
)
def test_story_sentences_are_not_boilerplate(sentence: str) -> None:
    assert boilerplate_reason(sentence) is None


@given(st.from_regex(r"[A-Z][a-z]{2,8}( [a-z]{2,8}){3,10}\.", fullmatch=True))
def test_plain_lowercase_sentences_are_never_boilerplate(sentence: str) -> None:
    assert not is_boilerplate(sentence)
