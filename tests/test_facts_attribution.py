"""Attribution patterns and primary sources, on fictional sentences."""

from __future__ import annotations

import pytest

from _factories import make_article
from newsdesk.facts import canonical_source, extract_attributions, primary_sources
from newsdesk.records import Attribution


def atts(text: str) -> list[Attribution]:
    return extract_attributions(make_article(text))


def kinds(text: str) -> list[tuple[str, str, str | None]]:
    return [(a.kind, a.source, a.via) for a in atts(text)]


def test_according_to() -> None:
    [a] = atts("According to Reuters, the ferry line will close in May.")
    assert (a.kind, a.source, a.sentence_index) == ("according_to", "Reuters", 0)
    assert a.content == "the ferry line will close in May."


def test_according_to_an_unnamed_document() -> None:
    [a] = atts("Fishing is banned for a year, according to the decree.")
    assert (a.kind, a.source) == ("according_to", "the decree")


def test_translation() -> None:
    assert kinds("The quota rises, according to a translation from the Moscow Times.") == [
        ("translation", "The Moscow Times", None)
    ]


def test_reports() -> None:
    [a] = atts("State news agency TASS reports that the bridge reopened.")
    assert (a.kind, a.source, a.cue) == ("reports", "TASS", "reports")
    assert a.content == "that the bridge reopened"


def test_reported_previously() -> None:
    assert kinds("Reuters has reported previously on the ferry strikes.") == [
        ("reports", "Reuters", None)
    ]


def test_said_with_title_stripped() -> None:
    [a] = atts("Harbour Minister Ilsa Varnow said the port would reopen.")
    assert (a.kind, a.source) == ("said", "Ilsa Varnow")


def test_said_at_the_end() -> None:
    [a] = atts("The port will reopen next week, the harbour authority said.")
    assert (a.kind, a.source) == ("said", "the harbour authority")
    assert "port will reopen" in a.content


def test_told_relays_an_anonymous_source() -> None:
    [a] = atts("The fleet lost 40 ships, a source familiar with the audit told Reuters.")
    assert (a.kind, a.source, a.via) == (
        "told",
        "a source familiar with the audit",
        "Reuters",
    )


def test_citing_is_relayed_by_the_outlet() -> None:
    found = kinds("The fleet has 900 boats, according to AP, citing two officials.")
    assert ("according_to", "AP", None) in found
    assert ("citing", "two officials", "AP") in found


def test_wire_dateline() -> None:
    [a] = atts("KORVEL (Reuters) - The ferry line closed on Monday.")
    assert (a.kind, a.source) == ("wire", "Reuters")
    assert a.content == "The ferry line closed on Monday."


def test_photo_credit_is_not_an_attribution() -> None:
    assert atts("A ferry leaves the harbour. Photo/Reuters") == []
    assert atts("A ferry in the harbour. (AP Photo/Ann Example)") == []


def test_an_unresolved_pronoun_speaker_is_kept_as_written() -> None:
    [a] = atts("He said the ferry was late.")
    assert (a.source, a.source_text, a.source_span) == ("he", "He", (0, 2))
    assert (a.content, a.cue_span) == ("the ferry was late", (3, 7))


def test_sentence_index_follows_the_text() -> None:
    found = atts("The ferry was late.\n\nThe captain, Ola Brenn, said it was the fog.")
    assert [(a.sentence_index, a.source) for a in found] == [(1, "Ola Brenn")]


def test_primary_sources_are_distinct_relays_and_officials_in_order() -> None:
    article = make_article(
        "The quota rises, according to a translation from the Moscow Times. "
        "A source close to the ministry told Reuters the rise was planned. "
        "According to Reuters, the plan is old. The mayor, Ola Brenn, said nothing new."
    )
    assert primary_sources(article) == ["The Moscow Times", "Reuters", "Ola Brenn"]


def test_primary_sources_skip_unnamed_sources() -> None:
    article = make_article("Fishing is banned, according to the decree. Officials said so.")
    assert primary_sources(article) == []


def test_canonical_source_names() -> None:
    assert canonical_source("the Associated Press") == "AP"
    assert canonical_source("FoxNews") == "Fox News"
    assert canonical_source("the Kremlin") == "Kremlin"
    assert canonical_source("the decree") == "the decree"


# ------------------------------------------------------------------ cues and speakers


def test_apposed_aide_is_the_source_and_the_outlet_the_recipient() -> None:
    [a] = atts("Ola Brenn, an aide, told NBC the pier was closed.")
    assert (a.source, a.recipient, a.kind) == ("Ola Brenn", "NBC", "told")
    assert a.source_text == "Ola Brenn, an aide,"
    assert a.content == "the pier was closed"


def test_told_reporters_records_the_recipient() -> None:
    [a] = atts("The harbour master told reporters the pier was closed.")
    assert (a.source, a.recipient, a.via) == ("the harbour master", "reporters", None)


@pytest.mark.parametrize(
    "text",
    [
        "The minister resigned on Friday, saying the budget was broken.",
        "The minister rejected the plan, adding that it cost too much.",
    ],
)
def test_a_participial_cue_takes_the_main_clause_speaker(text: str) -> None:
    [a] = [a for a in atts(text) if a.kind != "stance"]
    assert (a.source, a.source_text) == ("the minister", "The minister")
    assert a.cue in ("saying", "adding")
    assert a.content.split()[0] in ("the", "that")


@pytest.mark.parametrize(
    "text",
    [
        "Did the minister say the pier was closed?",
        "Who told you the pier was closed?",
        "The minister declined to say how many boats sank.",
        "The minister refused to comment on the boats.",
        "The minister could not say when the pier would reopen.",
        "The minister did not say whether the pier was safe.",
        "The minister will say more about the pier on Monday.",
        "The minister would say only that the pier was old.",
        "The minister is expected to announce the closure on Monday.",
        "If the minister says the pier is closed, the ferry stops.",
    ],
)
def test_questioned_negated_and_future_cues_are_not_statements(text: str) -> None:
    assert atts(text) == []


def test_a_later_cue_after_a_declined_one_still_counts() -> None:
    found = atts("The minister declined to comment. The mayor said the pier was closed.")
    assert [(a.source, a.sentence_index) for a in found] == [("the mayor", 1)]


@pytest.mark.parametrize(
    ("verb", "cue"),
    [
        ("warned", "warned"),
        ("argued", "argued"),
        ("insisted", "insisted"),
        ("acknowledged", "acknowledged"),
        ("explained", "explained"),
        ("announced", "announced"),
        ("wrote", "wrote"),
        ("noted", "noted"),
        ("has said", "has said"),
    ],
)
def test_common_cue_verbs(verb: str, cue: str) -> None:
    [a] = atts(f"Senator Ana Lind {verb} that the budget was broken.")
    assert (a.source, a.cue, a.content) == ("Ana Lind", cue, "that the budget was broken")


def test_spans_point_into_the_sentence() -> None:
    text = "“The pier is gone,” harbour master Ola Brenn said in a statement."
    [a] = atts(text)
    assert a.source_span and a.cue_span and a.content_span
    assert text[slice(*a.source_span)] == a.source_text == "harbour master Ola Brenn"
    assert text[slice(*a.cue_span)] == a.cue == "said in a statement"
    assert "The pier is gone" in text[slice(*a.content_span)]


def test_a_relative_pronoun_speaks_for_its_noun() -> None:
    [a] = [
        a for a in atts("The clerks, who said the pier was closed, went home.") if a.kind == "said"
    ]
    assert (a.source_text, a.source) == ("who", "the clerks")


def test_first_person_inside_a_quotation_is_not_a_new_source() -> None:
    found = atts("“I think the pier is gone,” Ola Brenn said.")
    assert [a.source for a in found] == ["Ola Brenn"]
