"""Attribution read across sentences, and primary sources, on fictional articles."""

from __future__ import annotations

import pytest

from _factories import make_article
from newsdesk.facts import extract_facts, primary_sources
from newsdesk.records import Article


def article(text: str, outlet: str | None = "The Test Gazette") -> Article:
    return make_article(text, outlet=outlet, published="2025-03-12")


def sources_of(text: str, value: float, outlet: str | None = "The Test Gazette") -> tuple[str, ...]:
    [f] = [f for f in extract_facts(article(text, outlet)) if f.quantity.value == value]
    return f.attributed_to


# ------------------------------------------------------------------ across sentences


@pytest.mark.parametrize(
    "opening",
    ["The figure", "The statistic", "That estimate", "Those numbers", "The tally"],
)
def test_an_anaphoric_sentence_attributes_the_previous_figures(opening: str) -> None:
    text = (
        "The fleet lost 40 ships in the storm. "
        f"{opening} appeared in an internal navy report, a source familiar with the report "
        "told Reuters."
    )
    assert sources_of(text, 40.0) == ("Reuters",)


def test_an_unrelated_next_sentence_does_not_attribute_back() -> None:
    text = "The fleet lost 40 ships in the storm. The admiral resigned, a source told Reuters."
    assert sources_of(text, 40.0) == ()


def test_a_quotation_over_two_sentences_has_one_speaker() -> None:
    text = (
        "“We counted 120 boats at dawn. Most of them were damaged,” said harbourmaster Ola Brenn."
    )
    assert sources_of(text, 120.0) == ("Ola Brenn",)


def test_a_following_quotation_continues_the_speaker() -> None:
    text = "“The pier is gone,” Brenn said. “We lost 30 boats.”"
    assert sources_of(text, 30.0) == ("Brenn",)


def test_a_surname_resolves_to_the_full_name() -> None:
    text = "Harbour chief Ola Brenn said 12 boats sank. Brenn said 40 crew were rescued."
    assert sources_of(text, 40.0) == ("Ola Brenn",)


def test_a_short_description_resolves_to_the_institution() -> None:
    text = (
        "The Korvel regional water authority said 300 homes were flooded. "
        "The authority said 40 roads were closed."
    )
    assert sources_of(text, 40.0) == ("Korvel regional water authority",)


def test_a_spokesperson_speaks_for_the_institution() -> None:
    text = (
        "The Korvel interior ministry said 50 homes were damaged. "
        "Ministry spokesperson Ana Lind said 12 people were hurt."
    )
    assert sources_of(text, 12.0) == ("Korvel interior ministry", "Ana Lind")


# ------------------------------------------------------------------ order in one sentence


def test_the_speaker_comes_before_the_wire_credit() -> None:
    text = "KORVEL (Reuters) - Floods killed 9 people, the regional ministry said."
    assert sources_of(text, 9.0) == ("the regional ministry", "Reuters")


def test_a_wire_credit_attributes_unattributed_sentences() -> None:
    text = "KORVEL (Reuters) - Floods hit the coast.\n\nThe storm closed 20 roads."
    assert sources_of(text, 20.0) == ("Reuters",)


def test_a_cited_source_comes_before_the_relaying_outlet() -> None:
    text = "Twelve wagons derailed, according to Reuters, citing the operator, Baltic Rail."
    assert sources_of(text, 12.0) == ("Baltic Rail", "Reuters")


def test_a_figure_stated_by_an_institution() -> None:
    assert sources_of("Seven deaths were confirmed by the hospital.", 7.0) == ("the hospital",)
    assert sources_of("The centre put the magnitude at 5.4.", 5.4) == ("the centre",)


def test_anonymous_speakers_are_no_source() -> None:
    assert sources_of("Officials said 12 people were arrested.", 12.0) == ()


def test_the_articles_own_outlet_relays_nothing() -> None:
    text = "The mayor, Ola Brenn, told the Korvel Herald that 20 shops had closed."
    assert sources_of(text, 20.0, outlet="The Korvel Herald") == ("Ola Brenn",)


# ------------------------------------------------------------------ primary sources


def test_primary_sources_skip_the_own_outlet() -> None:
    text = "A source told the Korvel Herald that 20 shops had closed."
    assert primary_sources(article(text, outlet="Korvel Herald")) == []
    assert primary_sources(article(text, outlet="The Test Gazette")) == ["Korvel Herald"]


def test_primary_sources_keep_a_wire_credit_of_another_outlet() -> None:
    text = "KORVEL (Reuters) - Floods closed 20 roads on Monday."
    assert primary_sources(article(text)) == ["Reuters"]
    assert primary_sources(article(text, outlet="Reuters")) == []


def test_institutions_and_officials_are_primary_sources() -> None:
    text = (
        "Police said 12 people were arrested. The county health department said 3 were hurt. "
        "“We need 40 more beds,” said Ana Lind, director of Korvel General Hospital."
    )
    assert primary_sources(article(text)) == [
        "police",
        "the county health department",
        "Korvel General Hospital",
        "Ana Lind",
    ]


def test_passers_by_are_not_primary_sources() -> None:
    text = "“We lost 3 boats,” said Ana Lind, a fisherman who lives by the harbour."
    assert sources_of(text, 3.0) == ("Ana Lind",)
    assert primary_sources(article(text)) == []


def test_a_dated_document_is_no_named_source() -> None:
    assert sources_of("At least 300 ships were lost, a March 2024 report claimed.", 300.0) == ()


def test_a_line_in_capitals_gives_no_facts_and_no_sources() -> None:
    promo = article("FERRY FARES ON THE NORTH ROUTE TO RISE 8% FROM APRIL, MINISTER SAYS")
    assert extract_facts(promo) == []
    assert primary_sources(promo) == []


# ------------------------------------------------------------------ pronoun speakers


def _attributions(text: str) -> list[tuple[str, str]]:
    from newsdesk.facts import extract_attributions

    return [(a.source_text, a.source) for a in extract_attributions(article(text))]


def test_he_resolves_to_the_person_named_before() -> None:
    text = "Harbour chief Ola Brenn visited the pier. He said 12 boats sank."
    assert _attributions(text) == [("He", "Ola Brenn")]
    assert sources_of(text, 12.0) == ("Ola Brenn",)


def test_she_skips_a_man_by_title() -> None:
    text = "Mr. Tolland and Mrs. Varga met the crews. She told reporters 30 boats sank."
    assert _attributions(text) == [("She", "Varga")]


def test_it_resolves_to_the_institution() -> None:
    text = "The Korvel water authority opened an inquiry. It said 40 roads were closed."
    assert _attributions(text) == [("It", "Korvel water authority")]
    assert primary_sources(article(text)) == ["Korvel water authority"]


def test_they_resolves_to_the_body_that_spoke_before() -> None:
    text = "The port authority said the pier was shut. They told the Valley Post 30 boats sank."
    assert _attributions(text)[-1] == ("They", "the port authority")


def test_a_pronoun_with_no_referent_stays_unresolved() -> None:
    text = "Rain fell all night. He said 12 boats sank."
    assert _attributions(text) == [("He", "he")]
    assert primary_sources(article(text)) == []
