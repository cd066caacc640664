"""Sentence splitting: abbreviations, decimals, initials, quotes, paragraphs, coverage."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.sentences import Sentence, split_sentences


def texts(body: str) -> list[str]:
    return [s.text for s in split_sentences(body)]


def test_splits_plain_sentences() -> None:
    assert texts("The bridge opened. Traffic flowed. Was it late?") == [
        "The bridge opened.",
        "Traffic flowed.",
        "Was it late?",
    ]


def test_titles_and_initials_do_not_split() -> None:
    body = "Mr. Vell met Dr. Orsk and J. R. Tamsin. They talked."
    assert texts(body) == ["Mr. Vell met Dr. Orsk and J. R. Tamsin.", "They talked."]


def test_acronyms_split_only_before_a_sentence_opener() -> None:
    body = "The U.S. Navy sailed to the U.S. The crew rested."
    assert texts(body) == ["The U.S. Navy sailed to the U.S.", "The crew rested."]


def test_month_abbreviation_before_a_day_does_not_split() -> None:
    assert texts("It began on Jan. 5 in Korvel. Nobody came.") == [
        "It began on Jan. 5 in Korvel.",
        "Nobody came.",
    ]


def test_decimals_do_not_split() -> None:
    assert texts("Output rose 3.5 per cent. Prices fell.") == [
        "Output rose 3.5 per cent.",
        "Prices fell.",
    ]


def test_closing_quote_stays_with_its_sentence() -> None:
    assert texts('She said "we are ready." Then she left.') == [
        'She said "we are ready."',
        "Then she left.",
    ]


def test_question_inside_quote_before_lowercase_continues() -> None:
    assert texts('"Why now?" asked the mayor. Nobody knew.') == [
        '"Why now?" asked the mayor.',
        "Nobody knew.",
    ]


def test_ellipsis_before_capital_splits() -> None:
    assert texts("We waited... Nothing happened.") == ["We waited...", "Nothing happened."]


def test_number_abbreviation_before_digit_does_not_split() -> None:
    assert texts("He wore No. 9 for years. Fans cheered.") == [
        "He wore No. 9 for years.",
        "Fans cheered.",
    ]


def test_paragraphs_are_counted_from_blank_lines() -> None:
    sents = split_sentences("First one. Second one.\n\n\nThird one.\n \nFourth.")
    assert [s.paragraph for s in sents] == [0, 0, 1, 2]


def test_headline_line_without_stop_is_its_own_sentence() -> None:
    assert texts("Ferry sinks off Tarn\nAll passengers were rescued.") == [
        "Ferry sinks off Tarn",
        "All passengers were rescued.",
    ]


def test_hard_wrapped_line_is_joined() -> None:
    assert texts("The council voted to close the\nold bridge on Monday.") == [
        "The council voted to close the\nold bridge on Monday."
    ]


def test_offsets_and_indexes() -> None:
    body = "  One here.  Two there.  "
    sents = split_sentences(body)
    assert [(s.index, s.start, s.end) for s in sents] == [(0, 2, 11), (1, 13, 23)]
    assert all(body[s.start : s.end] == s.text for s in sents)


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \n") == []


_PIECES = st.sampled_from(
    [
        "Mr.",
        "U.S.",
        "3.5",
        "Jan.",
        "No.",
        "J.",
        "...",
        '"',
        "?",
        "!",
        ".",
        "\n",
        "\n\n",
        " ",
        "The",
        "said",
        "it",
        "Reuters",
        "(AP)",
        "—",
        "300,000",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=8), max_size=40).map(" ".join))
def test_sentences_cover_text_in_order_without_overlap(body: str) -> None:
    sents = split_sentences(body)
    assert [s.index for s in sents] == list(range(len(sents)))
    previous_end = 0
    for s in sents:
        assert isinstance(s, Sentence)
        assert body[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= previous_end
        previous_end = s.end
    covered = "".join(s.text for s in sents)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", body)
    assert [s.paragraph for s in sents] == sorted(s.paragraph for s in sents)
