"""Whole scraped pages: the body span, the article's headline, comment threads, menus and
related runs around it (fictional pages written for these tests)."""

from __future__ import annotations

import numpy as np
import pytest

from newsdesk.clean import CleanConfig, Cleaner
from newsdesk.clean.features import Span
from newsdesk.clean.frame import Frame
from newsdesk.clean.linemodel import Judgement
from newsdesk.clean.page import article_headlines, is_headline_like, is_separator_menu
from newsdesk.clean.rules import DocContext
from newsdesk.clean.text import Unit
from newsdesk.records import PAGE_TEXT, CleanedText, RawDocument

NAV = [
    "Skip to content",
    "Home | News | Sport | Weather | Harbour | Opinion",
    "Search",
    "Login or register",
    "News",
    "Harbour",
]
HEADLINE = "Night ferry crews vote to strike over rota changes"
BODY = [
    "Crews on the night ferry between Port Averley and the Skerry Isles voted on Tuesday to "
    "strike for two days next week, their union said.",
    "The vote followed months of talks over a new rota that would add two night shifts a month "
    "for every deckhand, according to the union's harbour branch.",
    "The operator said it was disappointed and would keep talking to the crews before the "
    "first sailing affected, on Monday evening.",
    "What the strike means for passengers",
    "Passengers booked on the night ferry during the strike will be offered a seat on the "
    "morning crossing or a full refund, the operator said.",
    "Island shops fear a second week without fresh deliveries after the storms of last month "
    "cut crossings for six days.",
]
AFTER = [
    "More Harbour News",
    "Lighthouse keepers to get new boat",
    "Fish auction moves to the old grain hall",
    "Skerry school reopens after storm repairs",
    "3 comments",
    "Posted by tidewatcher on 03/02/24 at 9:14 PM",
    "About time the crews stood up for themselves, the rota is a joke.",
    "Reply",
    "Posted by islander22 on 03/02/24 at 10:02 PM",
    "My mother relies on that ferry every week for her hospital visits.",
    "Reply",
    "About us | Contact us | Privacy policy | Terms of use",
    "Back to top",
]


def _page(*middle: str) -> str:
    return "\n".join(
        [*NAV, HEADLINE, "By Ines Calloway", "Tuesday, March 2, 2024", *middle, *AFTER]
    )


def _clean(text: str, fmt: str = "txt") -> CleanedText:
    return Cleaner().clean(RawDocument("page.txt", fmt, text))


@pytest.fixture(scope="module")
def cleaned() -> CleanedText:
    return _clean(_page(*BODY))


def test_body_and_headline_are_kept(cleaned: CleanedText) -> None:
    paragraphs = cleaned.text.split("\n\n")
    assert HEADLINE in paragraphs[:2]  # a section label right above it may stay
    assert paragraphs[-len(BODY) :] == BODY


def test_furniture_around_the_body_is_removed_with_reasons(cleaned: CleanedText) -> None:
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["Home | News | Sport | Weather | Harbour | Opinion"] == "navigation"
    assert reasons["Login or register"] == "interface-label"
    assert reasons["By Ines Calloway"] == "byline"
    assert reasons["Tuesday, March 2, 2024"] == "dateline"
    assert reasons["Lighthouse keepers to get new boat"] == "related-list"
    assert (
        reasons["My mother relies on that ferry every week for her hospital visits."] == "comment"
    )
    footer = reasons["About us | Contact us | Privacy policy | Terms of use"]
    assert footer in ("navigation", "interface-label")


def test_comment_thread_goes_whole(cleaned: CleanedText) -> None:
    thread = {r.text for r in cleaned.removed if r.reason == "comment"}
    assert {"Reply", "Posted by tidewatcher on 03/02/24 at 9:14 PM"} <= thread
    assert "About time the crews stood up for themselves, the rota is a joke." in thread


def test_related_run_between_paragraphs_goes_but_a_subheading_stays() -> None:
    teasers = ["Lighthouse keepers to get new boat", "Fish auction moves to the old grain hall",
               "Skerry school reopens after storm repairs"]  # fmt: skip
    result = _clean(_page(*BODY[:3], *teasers, *BODY[3:]))
    assert all(t not in result.text for t in teasers)
    assert "What the strike means for passengers" in result.text


def test_an_html_body_is_not_judged_as_a_page() -> None:
    assert "Skip to content" in _clean(_page(*BODY), fmt="html").text.split("\n\n")


def test_a_whole_html_page_is_judged_as_a_page() -> None:
    doc = RawDocument("p.html", "html", _page(*BODY), repairs=(PAGE_TEXT,))
    assert "Skip to content" not in Cleaner().clean(doc).text.split("\n\n")


def test_without_the_line_model_only_rules_judge() -> None:
    result = Cleaner(CleanConfig(line_model=False)).clean(RawDocument("p", "txt", _page(*BODY)))
    assert "News" in result.text.split("\n\n")  # a section label only the model removes
    assert "Login or register" not in result.text


@pytest.mark.parametrize(
    ("line", "menu"),
    [("Home | News | Sport", True), ("World > Asia > Pacific", True),
     ("1 | Kyle Marsh | 5040 | 5", False), ("Team | Played | Won", True),
     ("He said | she said", False), ("Home | News", False)],
)  # fmt: skip
def test_separator_menus(line: str, menu: bool) -> None:
    assert is_separator_menu(line) is menu


@pytest.mark.parametrize(
    ("line", "headline"),
    [("Lighthouse keepers to get new boat", True), ("The ferry left at nine.", False),
     ("Why did the ferry stop?", False), ("- Crews vote to strike today", False),
     ("Port Averley at Skerry, 7:30 p.m.", False), ("Team | Played | Won", False),
     ("Contents", False)],
)  # fmt: skip
def test_headline_like(line: str, headline: bool) -> None:
    assert is_headline_like(line) is headline


CAPTION = "Deckhands on the quay at Port Averley on Tuesday. (AP Photo/Ines Calloway)"


def test_a_headline_over_an_image_caption_is_kept() -> None:
    text = "\n".join([*NAV, HEADLINE, CAPTION, "By Ines Calloway", *BODY, *AFTER])
    cleaned = _clean(text)
    assert HEADLINE in cleaned.text
    assert any(r.reason == "caption" for r in cleaned.removed)


def _judged(texts: list[str], start: int, reasons: dict[int, str]) -> Frame:
    """A frame whose line model found the body from unit ``start`` on."""
    units, pos = [], 0
    for text in texts:
        units.append(Unit(pos, pos + len(text), 0, text))
        pos += len(text) + 1
    p = np.array([0.999] * start + [0.0] * (len(texts) - start))
    judgement = Judgement(p, Span((start, len(texts) - 1)), p)
    return Frame(
        units, list(range(len(texts))), reasons, DocContext(), None, lambda key: False,
        judgement, 0.995,
    )  # fmt: skip


def test_the_headline_over_its_deck_line_is_given_back() -> None:
    headline = "Ferry crews vote to strike"
    deck = "Night ferry crews on the Skerry Isles vote to strike for two days next week"
    for above in ("Harbour", "Skerry school reopens after storm repairs"):
        texts = [above, headline, "Tuesday, March 2, 2024", deck, *BODY]
        reasons = {0: "navigation", 1: "related-list", 2: "dateline", 3: "related-list"}
        kept = article_headlines(_judged(texts, 4, reasons))
        if above == "Harbour":
            assert kept == {1, 3}
        else:  # the last item of a list of teasers is not a headline
            assert kept == {3}
