"""Context rules, hard-wrap merging and inline removal, on fictional text."""

from __future__ import annotations

from newsdesk.clean import Cleaner
from newsdesk.records import CleanedText, RawDocument


def _clean(text: str, authors: tuple[str, ...] = ()) -> CleanedText:
    return Cleaner().clean(RawDocument(source="t", format="txt", text=text, authors=authors))


def _reasons(result: CleanedText) -> dict[str, str]:
    return {r.text: r.reason for r in result.removed}


def test_caption_repeated_with_credit_removes_both_copies() -> None:
    text = (
        "Ferries wait at the quay in Port Averley.\n"
        "Ferries wait at the quay in Port Averley. Copyright Jan Holm/Harbour Wire via AP\n"
        "Copyright Jan Holm/Harbour Wire via AP\n\n"
        "The strike began on Monday after talks failed."
    )
    result = _clean(text)
    assert result.text == "The strike began on Monday after talks failed."
    assert set(_reasons(result).values()) == {"caption", "photo-credit"}


def test_same_sentence_without_a_captioned_neighbour_is_kept() -> None:
    text = "Ferries wait at the quay in Port Averley.\n\nThe strike began on Monday."
    assert _clean(text).removed == ()


def test_short_line_before_caption_is_image_alt() -> None:
    text = (
        "The strike began on Monday after talks failed.\n\n"
        "Harbour gate\n\n"
        "Crews gather at the gate. (Jan Holm/AFP via Getty Images)\n\n"
        "Talks resume on Thursday, the council said."
    )
    reasons = _reasons(_clean(text))
    assert reasons["Harbour gate"] == "image-alt"


def test_longer_line_before_caption_is_teaser_headline() -> None:
    text = (
        "The strike began on Monday after talks failed.\n\n"
        "Lighthouse keeper rescues stranded kayakers off the cape\n\n"
        "A keeper helps two kayakers ashore. (GLENMOOR TV via APTN)\n\n"
        "Talks resume on Thursday, the council said."
    )
    reasons = _reasons(_clean(text))
    assert reasons["Lighthouse keeper rescues stranded kayakers off the cape"] == "teaser-headline"


def test_short_line_away_from_captions_is_kept() -> None:
    text = "The strike began on Monday.\n\nWhat happens next\n\nTalks resume on Thursday."
    assert "What happens next" in _clean(text).text


def test_dek_is_kept_even_before_a_caption() -> None:
    text = (
        "Port Averley braced for a week without its busiest crossing\n\n"
        "Crews gather at the gate. (AP Photo/Odile Brand)\n\n"
        "The strike began on Monday after talks failed."
    )
    result = _clean(text)
    assert result.text.startswith("Port Averley braced for a week")


def test_related_list_stops_at_first_sentence() -> None:
    text = (
        "The strike began on Monday.\n\n"
        "Related\n\n"
        "Lighthouse keepers vote to join union\n\n"
        "Share this article\n\n"
        "Why harbour fees doubled?\n\n"
        "The council asked both sides to return to talks by Thursday."
    )
    result = _clean(text)
    assert result.text.split("\n\n") == [
        "The strike began on Monday.",
        "The council asked both sides to return to talks by Thursday.",
    ]
    assert _reasons(result)["Why harbour fees doubled?"] == "related-list"


def test_adjacent_repeat_keeps_the_first_copy() -> None:
    line = "Union officials say the dispute is about safety."
    result = _clean(f"{line}\n{line}\n\nThe strike began.\n\nThe strike began.")
    assert result.text.split("\n\n") == [line, "The strike began.", "The strike began."]
    assert [r.reason for r in result.removed] == ["repeated-line"]


def test_repeat_becomes_adjacent_once_debris_between_is_gone() -> None:
    result = _clean("Harbour gate closed\n\nADVERTISEMENT\n\nHarbour gate closed")
    assert result.text == "Harbour gate closed"


def test_far_repeat_of_a_long_sentence_is_a_pull_quote() -> None:
    quote = "We cannot keep asking crews to work sixteen-hour shifts without a proper rest."
    text = f"{quote}\n\nThe strike began on Monday.\n\n{quote}\n\nTalks resume Thursday."
    result = _clean(text)
    assert result.text.count(quote) == 1
    assert [r.reason for r in result.removed] == ["repeated-line"]


def test_far_repeat_of_a_short_or_unfinished_line_is_kept() -> None:
    text = "Meal 1\n\nEat every three hours\n\nMeal 2\n\nEat every three hours"
    assert _clean(text).removed == ()


def test_hard_wrapped_paragraph_is_one_unit() -> None:
    text = (
        "The barrier will stay closed until the\nwater level falls, and repairs\ncould take weeks."
    )
    result = _clean(text)
    assert result.text == (
        "The barrier will stay closed until the water level falls, and repairs could take weeks."
    )


def test_debris_line_is_not_merged_into_a_wrapped_paragraph() -> None:
    text = "Crews gather at the\nloading…\nquay."
    result = _clean(text)
    assert [r.reason for r in result.removed] == ["loading"]


def test_inline_email_obfuscation_keeps_the_rest_of_the_line() -> None:
    text = (
        "Tickets can be refunded by writing to the operator at "
        "This email address is being protected from spambots. You need JavaScript enabled to "
        "view it. Refunds take a week."
    )
    result = _clean(text)
    assert result.text == (
        "Tickets can be refunded by writing to the operator at Refunds take a week."
    )
    (removal,) = result.removed
    assert removal.reason == "email-obfuscation"
    assert text[removal.start : removal.end] == removal.text


def test_known_author_line_is_byline() -> None:
    result = _clean("Ines Calloway\n\nThe strike began on Monday.", authors=("Ines Calloway",))
    assert _reasons(result) == {"Ines Calloway": "byline"}


def test_empty_and_blank_documents() -> None:
    assert _clean("") == CleanedText("", ())
    assert _clean(" \n\n\t\n") == CleanedText("", ())


def test_merged_unit_removal_spans_its_lines() -> None:
    text = "Related\n\nBarrier report due\nnext week\n\nThe barrier is closed."
    result = _clean(text)
    spans = [r.text for r in result.removed]
    assert spans == ["Related", "Barrier report due\nnext week"]


def test_alt_line_above_its_caption_is_not_a_dek() -> None:
    text = (
        "Ferries idle at the quay in Port Averley\n"
        "Ferries stand idle at the quay on Monday. (Photo: Jan Holm/Harbour Ledger)\n\n"
        "The strike began on Monday after talks failed."
    )
    result = _clean(text)
    assert result.text == "The strike began on Monday after talks failed."
    assert "Ferries idle at the quay in Port Averley" in _reasons(result)


def test_dek_unrelated_to_the_caption_after_it_is_kept() -> None:
    text = (
        "Port Averley braced for a week without its busiest crossing\n\n"
        "Ferries wait at the quay. (AP Photo/Odile Brand)\n\n"
        "The strike began on Monday after talks failed."
    )
    assert _clean(text).text.startswith("Port Averley braced")


def test_orphan_alt_echoing_the_paragraph_before_is_removed() -> None:
    text = (
        "At the sports hall, which the council turned into a shelter, families slept on cots.\n\n"
        "Families on cots in the sports hall\n\n"
        "The ferry operator did not respond to requests for comment."
    )
    result = _clean(text)
    assert _reasons(result) == {"Families on cots in the sports hall": "image-alt"}


def test_subheading_echoing_the_paragraph_after_is_kept() -> None:
    text = (
        "The strike began on Monday after talks failed.\n\n"
        "Shelter in the sports hall\n\n"
        "The council opened the sports hall as a shelter for stranded passengers."
    )
    assert _clean(text).removed == ()


def test_all_caps_line_between_paragraphs_is_not_an_orphan_alt() -> None:
    text = (
        "Families slept on cots in the sports hall on Monday night.\n\n"
        "COTS IN THE SPORTS HALL\n\n"
        "The ferry operator did not respond to requests for comment."
    )
    assert _clean(text).removed == ()


def test_far_repeat_of_a_question_is_kept() -> None:
    question = "What made you start cooking for thousands of followers on your harbour blog?"
    text = f"{question}\n\nI was bored.\n\n{question}\n\nMy mother cooked for the whole quay."
    assert _clean(text).text.count(question) == 2


def test_run_of_glued_teasers_is_a_related_list() -> None:
    items = [
        "- Crews vote to strike at dawnThe union said the vote was unanimous on Tuesday",
        "- Ferry fares rise againOperators blame the cost of fuel for the new prices",
        "- Lighthouse reopens to visitorsThe keeper's cottage is now a small museum",
    ]
    text = "\n\n".join(["The strike began on Monday after talks failed.", *items])
    result = _clean(text)
    assert result.text == "The strike began on Monday after talks failed."
    assert set(_reasons(result).values()) == {"related-list"}


def test_single_glued_item_is_kept() -> None:
    text = "The strike began on Monday.\n\n- Crews vote to strike at dawnThe union said so today"
    assert _clean(text).removed == ()


def test_removed_line_is_one_removal_including_its_inline_cut() -> None:
    text = (
        "The strike began on Monday after talks failed.\n\n"
        "Ines Calloway covers the port for the Harbour Ledger. This email address is being "
        "protected from spambots. You need JavaScript enabled to view it."
    )
    result = _clean(text, authors=("Ines Calloway",))
    (removal,) = result.removed
    assert removal.reason == "author-bio"
    assert removal.text.startswith("Ines Calloway") and removal.text.endswith("view it.")
    assert text[removal.start : removal.end] == removal.text
