"""Nothing of the body is lost: generic headings, FAQ questions and answers, subheadings and
all-caps headings inside the body stay, even when one outlet repeats them in every article;
a notice glued to a paragraph removes only the notice (fictional articles)."""

from __future__ import annotations

from newsdesk.clean import Cleaner, clean_documents
from newsdesk.records import CleanedText, RawDocument

OUTLET = "Harbour Ledger"


def _article(i: int) -> str:
    return "\n\n".join(
        [
            f"The harbour board approved plan number {i} for the north quay on Monday, after a "
            "year of arguments over the cost of dredging the channel.",
            "Board members said the plan would keep the quay open to larger fishing boats "
            "and protect the jobs of about forty dock workers.",
            "Pros and cons",
            "Supporters of the dredging plan say the quay will earn its cost back in landing "
            "fees within ten years of the work.",
            "Opponents of the plan warn that dredging will stir up silt and harm the oyster "
            "beds along the eastern shore of the bay.",
            "WHAT THE DREDGING PLAN MEANS FOR THE OYSTER BEDS",
            "The oyster growers' association said the dredging plan left too many questions "
            "about the silt open, and asked for a survey.",
            "FAQs",
            "When will the dredging start?",
            "Work on the channel is due to start in September and should take about six "
            "weeks, the board said.",
            "Who pays for it?",
            "The harbour board pays two thirds of the cost; the county council pays the "
            "rest from its coastal fund.",
            "Conclusion",
            "For now the quay stays open, and the board will meet the oyster growers again "
            "before the work starts. Copyright 2024 Harbour Ledger. All rights reserved.",
        ]
    )


KEPT = [
    "Pros and cons",
    "WHAT THE DREDGING PLAN MEANS FOR THE OYSTER BEDS",
    "FAQs",
    "When will the dredging start?",
    "Who pays for it?",
    "Conclusion",
    "For now the quay stays open, and the board will meet the oyster growers again before the "
    "work starts.",
]


def _docs(n: int = 3) -> list[RawDocument]:
    return [RawDocument(f"a{i}.txt", "txt", _article(i), outlet=OUTLET) for i in range(n)]


def _paragraphs(result: CleanedText) -> list[str]:
    return result.text.split("\n\n")


def test_headings_faq_and_last_paragraph_stay_alone() -> None:
    result = Cleaner().clean(_docs(1)[0])
    for line in KEPT:
        assert line in _paragraphs(result), line
    assert [r.reason for r in result.removed] == ["rights-notice"]
    assert result.removed[0].text == "Copyright 2024 Harbour Ledger. All rights reserved."


def test_headings_one_outlet_repeats_in_every_article_stay() -> None:
    for result in clean_documents(_docs(4)):
        for line in KEPT:
            assert line in _paragraphs(result), line
        assert all(r.reason != "template" for r in result.removed)


def test_an_unrelated_all_caps_promotion_between_paragraphs_goes() -> None:
    text = _article(0).replace(
        "WHAT THE DREDGING PLAN MEANS FOR THE OYSTER BEDS",
        "LIGHTHOUSE KEEPERS ON THE CAPE VOTE TO JOIN THE FERRY UNION",
    )
    result = Cleaner().clean(RawDocument("a.txt", "txt", text, outlet=OUTLET))
    assert "LIGHTHOUSE KEEPERS" not in result.text
    assert {r.reason for r in result.removed} == {"promo-headline", "rights-notice"}
