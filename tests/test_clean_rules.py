"""Single-line clean rules on fictional lines: each rule fires on its debris and not on prose."""

from __future__ import annotations

import pytest

from newsdesk.clean import LINE_RULES, DocContext, line_reason
from newsdesk.clean.rules import split_credit
from newsdesk.clean.text import ends_sentence, is_prose, normalize

CTX = DocContext()

DEBRIS = [
    # captions and credits
    ("Copyright Lena Marsh/Harbour Wire/Coast Pool Photo via AP", "photo-credit"),
    ("(AP Photo/Odile Brand)", "photo-credit"),
    ("(Karl Osei/AFP via Getty Images)", "photo-credit"),
    ("(Sara BELL / POOL / AFP )", "photo-credit"),
    ("Photo: Niko Varga/Reuters", "photo-credit"),
    ("Fishing boats wait at the quay. Photo/Reuters", "caption"),
    ("Volunteers fill sandbags near the bridge. (AP Photo/Odile Brand)", "caption"),
    ("A tug guides the ferry into port. (GLENMOOR TV via APTN)", "caption"),
    ("The mayor speaks in the town hall. Copyright Ivo Lund/Sputnik", "caption"),
    ("Pickets outside the depot. Jan Holm/Getty Images", "caption"),
    # widgets, ads, loading
    ("Share this articleComments", "share-widget"),
    ("Share this storyClose Button", "share-widget"),
    ("Share on Facebook", "share-widget"),
    ("Close Button", "share-widget"),
    ("Listen to this article", "share-widget"),
    ("ADVERTISEMENT", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("- Advertisement -", "advertisement"),
    ("loading…", "loading"),
    ("Loading video...", "loading"),
    # metadata
    ("date 2024-03-02 loading…", "dateline"),
    ("Published March 2, 2024 10:15 am GMT", "dateline"),
    ("Updated: 2 hours ago", "dateline"),
    ("Posted : June 12 , 2013 - 3 : 47pm | Updated Wednesday , 13 June 2013", "dateline"),
    ("By Ines Calloway", "byline"),
    ("By Ines Calloway and Tomas Brandt, Harbour Ledger", "byline"),
    ("BY THE VALLEY COURIER", "byline"),
    # sign-offs and credits
    ("(ahm)", "sign-off"),
    ("pl/af (Reuters, AFP)", "sign-off"),
    ("Authored by Petra Lindqvist via Valley Courier April 18th 2023", "sign-off"),
    ("This article was originally published by The Meridian.", "sign-off"),
    ("-30-", "sign-off"),
    ("Valley Courier's Ada Fenn and Noel Marsh contributed to this report.", "contributor-credit"),
    ("The Associated Press contributed reporting.", "contributor-credit"),
    ("(Reporting by Ada Fenn; Editing by Noel Marsh)", "contributor-credit"),
    ("Additional reporting by Ada Fenn in Glenmoor", "contributor-credit"),
    (
        "Petra Lindqvist is a reporter for the Valley Courier. Follow her on Twitter @pl.",
        "author-bio",
    ),
    ("You can follow him on Twitter @tbrandt", "author-bio"),
    ("Copyright 2024 Harbour Ledger. All rights reserved.", "rights-notice"),
    # promos and lists
    ("FERRY OPERATOR WARNS OF LOSSES AS QUEUES GROW", "promo-headline"),
    ("LIGHTHOUSE KEEPERS ON THE CAPE VOTE TO STRIKE: UNION", "promo-headline"),
    ("WATCH: Crews leave the harbour at dawn", "promo-headline"),
    ("You might also like", "related-list"),
    ("More from Harbour Ledger", "related-list"),
    ("Read more: Growers fear second frost", "related-list"),
    ("Click here to get the Harbour Ledger app", "call-to-action"),
    ("Sign up for our morning briefing", "call-to-action"),
    ("HARBOUR LEDGER INVESTIGATES: WHO PAID FOR THE EMPTY FERRY TERMINAL?", "promo-headline"),
    # newsletters and other calls to action
    ("Get the Valley Courier's morning newsletter — the day's news in minutes. Sign up free",
     "call-to-action"),
    ("Get the day's top stories delivered to your inbox by subscribing to our newsletter.",
     "call-to-action"),
    ("Keep an eye on your inbox for the latest harbour news.", "call-to-action"),
    ("Harbour Brief Newsletter", "call-to-action"),
    ("Ferry Monthly every month. 12 issues for £20. Click here for more information.",
     "call-to-action"),
    ("Like this story? Share it with a friend!", "call-to-action"),
    ("Join our Free Harbour Quiz Challenge", "call-to-action"),
    # contacts, links, page metadata
    ("Write to Ines Calloway at ines.calloway@ledger.example", "author-bio"),
    ("Have a tip? Ines Calloway may be reached by phone. Follow her on Twitter @icalloway.",
     "author-bio"),
    ("Reach the reporters on Twitter at https://social.example/ic", "author-bio"),
    ("ines.calloway@ledger.example", "bare-link"),
    ("twitter.com/icalloway", "bare-link"),
    ("https://ledger.example/port/2024/03/02/ferry-crews-walk-out-over-pay-123", "bare-link"),
    ("https://cdn.ledger.example/img/ferry.jpg", "bare-link"),
    ("Tags: ferries, strikes, Port Averley", "metadata"),
    ("Filed under: Harbour |", "metadata"),
    ("Reading time: 3 minutes", "metadata"),
    ("4 min read", "metadata"),
    ("02/03/2024 - Posted by: Ines Calloway - Category: Harbour - Tags: ferries", "metadata"),
    ("Updated at 1:23 p.m.", "dateline"),
    ("Copyright ⓒ ledger.example. No reproduction without permission", "rights-notice"),
    ("copyright Harbour Ledger 2024 - ISSN: 1234-5678", "rights-notice"),
    ("This copy is for your personal, non-commercial use only.", "rights-notice"),
    # interface labels
    ("Back to top", "interface-label"),
    ("Search", "interface-label"),
    ("Page 2 of 3", "interface-label"),
    ("[ - ] Text size [ + ]", "interface-label"),
    ("Login or register", "interface-label"),
    ("Contact us", "interface-label"),
    # more datelines, bylines and credits
    ("www.harbourledger.com 2024-03-02 07:15:40", "dateline"),
    ("Last Edited: Saturday, 02 Mar 2024, 7:51 PM CST", "dateline"),
    ("Release: 03/02/2024", "dateline"),
    ("02/03 18:48:47 ET", "dateline"),
    ("4 Mar, 2024, 1202 hrs IST, HLN", "dateline"),
    ("2 hours and 14 minutes ago", "dateline"),
    ("Friday, March 1", "dateline"),
    ("Editor: Ines Calloway", "byline"),
    ("Courtesy: Port Averley Rowing Club", "byline"),
    ("Staff and agencies", "byline"),
    ("OUR HARBOUR CORRESPONDENT", "byline"),
    ("Tomas Brandt | Ferry and Harbour Writer", "byline"),
    ("By IVO LUND, AP Business Writer 47 minutes ago", "byline"),
    ("Reuters", "byline"),
    ("Noel Marsh, Reuters", "byline"),
    ("(c) Harbour Ledger Syndicate", "rights-notice"),
    # captions by their shape
    ("The ferry leaves Port Averley at dawn, in this March 2, 2024, file photo.", "caption"),
    ("STAFF PHOTO BY ODILE BRAND Crews gather at the gate on Monday.", "caption"),
    ("ABOVE: The harbour master inspects the quay", "caption"),
    ("Ada Fenn, left, and Noel Marsh walk along the pier on Sunday.", "caption"),
    # related links
    ("You may also like...", "related-list"),
    ("Most read in harbour news", "related-list"),
    ("Explore further", "related-list"),
    ("SEE MORE: Ferry crews vote to strike", "related-list"),
    ("[Related: Ferry crews vote to strike]", "related-list"),
]  # fmt: skip

PROSE = [
    "What is next?",
    "Breaking News",
    "Local News",
    "The Writer",
    "May 3",
    "He appeared in this photo.",
    "Ada Fenn, left, said the plan would fail.",
    "Source: the ministry",
    "Next steps for the union",
    "By the time rescuers arrived, the old bridge had already collapsed.",
    "The photo was taken by a resident of the quay on Tuesday.",
    "Share prices fell sharply after the announcement.",
    "Reporting by local media suggested that the mayor had resigned.",
    "Advertisement revenue fell by a third last year.",
    "Loading the ferry took longer than expected.",
    "Maria Lopez is a reporter for the Coastal Gazette who covered the flood.",
    "He said the decision was final (AP).",
    "Copyright law was not the issue, the judge said.",
    "Related talks will resume on Monday.",
    "More from the minister's speech is expected later.",
    "Updated figures were released on 2024-03-02.",
    "Photos of the damage were shared widely, officials said.",
    "The council said 300,000 euros had been set aside (about 20% of the budget).",
    'She called it "a betrayal of the crews."',
    "MOSCOW – The ministry said the order would take effect at once.",
    "The union said the strike was called by its members, not its leaders.",
    "Tomas Brandt contributed to the fund last year.",
    "Click the link below, the message told residents.",
    "WHAT HAPPENS NEXT",
    'POLICE HAVE ARRESTED TWO MEN FROM THE HARBOUR COMMUNITY, THE MAYOR SAID "TODAY."',
    "May 3 crews voted to strike, and 2013 was the worst year on record.",
    "WHO WILL PAY FOR THE NEW FERRY TERMINAL?",
    "- Playoff picture: Raiders in pursuit of the title",
    "Sign up for a harbour pass at the ticket office",
    "SMITH: WHY DID THE COUNCIL VOTE AGAINST THE NEW FERRY PLAN?",
    "Get the facts before you vote, the mayor told residents.",
    "Subscribers to the harbour newsletter received the warning first.",
    "Write to the council, the union urged its members.",
    "Copyright infringement cases rose sharply in 2023.",
    "A 5 minute read of the report shows the gaps.",
    "Topics on the agenda included the ferry timetable and harbour fees.",
    "Join our reporters on the quay as the crews walk out, the editor wrote.",
    "Related talks will resume on Monday.",
    "See more of the harbour from the lighthouse gallery.",
    "https://short.example/x",
    "Sale prices end Monday",
]


@pytest.mark.parametrize(("line", "reason"), DEBRIS)
def test_line_rule_fires_with_its_reason(line: str, reason: str) -> None:
    assert line_reason(normalize(line), CTX) == reason


@pytest.mark.parametrize("line", PROSE)
def test_prose_lines_match_no_rule(line: str) -> None:
    assert line_reason(line, CTX) is None


def test_every_rule_is_exercised_by_the_table() -> None:
    fired = {reason for _, reason in DEBRIS} | {"repeated-line"}
    assert {rule.reason for rule in LINE_RULES} <= fired


def test_title_repeated_in_body_is_removed() -> None:
    ctx = DocContext(title_key="ferry crews walk out")
    assert line_reason("Ferry crews walk OUT", ctx) == "repeated-line"


def test_known_author_name_alone_is_a_byline() -> None:
    ctx = DocContext(author_keys=frozenset({"ines calloway"}))
    assert line_reason("Ines Calloway", ctx) == "byline"
    assert line_reason("Ines Calloway", CTX) is None


def test_bio_of_known_author_needs_no_contact_details() -> None:
    line = "Ines Calloway is a senior writer for the Harbour Ledger."
    assert line_reason(line, CTX) is None
    ctx = DocContext(author_keys=frozenset({"ines calloway"}))
    assert line_reason(line, ctx) == "author-bio"


def test_beat_bio_of_known_author_or_with_contact_is_removed() -> None:
    line = "Ines Calloway covers the port and the shipping industry for the Harbour Ledger."
    assert line_reason(line, CTX) is None
    ctx = DocContext(author_keys=frozenset({"ines calloway"}))
    assert line_reason(line, ctx) == "author-bio"
    with_contact = "Ines Calloway writes for Harbour Ledger. Follow her on Twitter @icalloway"
    assert line_reason(with_contact, CTX) == "author-bio"


def test_beat_sentence_about_someone_else_is_kept() -> None:
    ctx = DocContext(author_keys=frozenset({"ines calloway"}))
    line = "Ruth Maddox covers the east side for the fire brigade."
    assert line_reason(line, ctx) is None


def test_split_credit_separates_caption_and_credit() -> None:
    parts = split_credit("Boats at the quay. (Jan Holm/AFP via Getty Images)")
    assert parts == ("Boats at the quay.", "(Jan Holm/AFP via Getty Images)")


def test_parenthetical_without_agency_is_not_a_credit() -> None:
    assert split_credit("The harbour authority (HPA)") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left.", True),
        ('He said "no"', True),
        ("It was over (he said.)", True),
        ("Boats at the quay (Reuters)", False),
        ("A dek without a full stop", False),
    ],
)
def test_ends_sentence(text: str, expected: bool) -> None:
    assert ends_sentence(text) is expected


def test_is_prose_needs_several_words() -> None:
    assert is_prose("The crews went home early.")
    assert not is_prose("Yes.")
