"""The brief's sections and summary built from fact and claim groups (invented sentences)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from _factories import make_article
from newsdesk.brief import summarize
from newsdesk.brief._sections import MAX_SINGLE, PER_REPORT, fact_sections
from newsdesk.records import (
    Agreement,
    Claim,
    ClaimGroup,
    Fact,
    FactGroup,
    Quantity,
    Section,
)

SENTENCES = [
    "Floodwater closed the Ashvale bridge on Monday, the county said.",
    "The county closed the Ashvale bridge on Monday because of floodwater.",
    "Forty homes on Mill Lane were evacuated before dawn.",
    "Residents of forty homes on Mill Lane left before dawn.",
    "A school gym on Crane Hill became a shelter for the night.",
    "Anyone with information about looting is asked to call police at 555-310-2214.",
    "The river crested at 4.2 metres late on Tuesday, forecasters said.",
    "Volunteers filled sandbags outside the town hall all afternoon.",
    "The mayor said repairs to the bridge would take two weeks.",
    "Insurers have opened a claims desk in the library.",
]
OUTLETS = {"a": "Harbor Ledger", "b": "Valley Post", "c": "Coast Courier"}


def _claim(article: str, index: int) -> Claim:
    return Claim(f"{article}{index}", article, index, SENTENCES[index])


def _group(label: Agreement, *members: Claim) -> ClaimGroup:
    origins = sorted({m.article_id for m in members})
    return ClaimGroup(
        "g-" + "-".join(m.id for m in members), label, list(members), len(origins), origins
    )


def test_agreed_claims_show_once_with_all_their_reports() -> None:
    bridge = _group(Agreement.CORROBORATED, _claim("a", 0), _claim("b", 1))
    lone = [_group(Agreement.SINGLE_SOURCE, _claim("a", i)) for i in (4, 7)]
    out = fact_sections([], OUTLETS, [bridge, *lone])
    [agree] = [s for s in out if s.section is Section.AGREE]
    assert agree.text == SENTENCES[0] and {r.article_id for r in agree.sources} == {"a", "b"}
    assert {s.text for s in out if s.section is Section.SINGLE} == {SENTENCES[4], SENTENCES[7]}


def test_a_matching_sentence_is_not_also_single_source() -> None:
    bridge = _group(Agreement.CORROBORATED, _claim("a", 0), _claim("b", 1))
    # b's sentence 1 also stands alone (a sentence can be in two groups)
    out = fact_sections([], OUTLETS, [bridge, _group(Agreement.SINGLE_SOURCE, _claim("b", 1))])
    assert [s.section for s in out] == [Section.AGREE]


def test_single_report_claims_are_capped_per_report_and_overall() -> None:
    lone = [_group(Agreement.SINGLE_SOURCE, _claim(a, i)) for a in "abc" for i in range(10)]
    single = [s for s in fact_sections([], OUTLETS, lone) if s.section is Section.SINGLE]
    assert len(single) <= MAX_SINGLE
    per_report = [sum(s.sources[0].article_id == a for s in single) for a in "abc"]
    assert max(per_report) <= PER_REPORT
    assert not any("555-310" in s.text for s in single)


def test_figures_and_named_sources_are_the_notable_ones() -> None:
    lone = [_group(Agreement.SINGLE_SOURCE, _claim("a", i)) for i in (4, 6, 7, 8, 9)]
    sourced = Claim("a6", "a", 6, SENTENCES[6], attributed_to=("forecasters",))
    lone[1] = _group(Agreement.SINGLE_SOURCE, sourced)
    q = Quantity("4.2 metres", 0, 0, 4.2, unit="m")
    fact = Fact("f6", "a", 6, SENTENCES[6], q, "river", "crested")
    facts = [FactGroup("fg", "river", "crested", Agreement.SINGLE_SOURCE, [fact], 1)]
    single = [s for s in fact_sections(facts, OUTLETS, lone) if s.section is Section.SINGLE]
    assert single[0].text == SENTENCES[6]


def test_boilerplate_fact_groups_are_not_shown() -> None:
    q = Quantity("555-310-2214", 0, 0, 5553102214.0)
    facts = [Fact(f"f{a}", a, 5, SENTENCES[5], q, "number", "call") for a in ("a", "b")]
    groups = [FactGroup("fg", "number", "call", Agreement.CORROBORATED, facts, 2)]
    assert fact_sections(groups, OUTLETS, []) == []


labels = st.sampled_from(list(Agreement))
member = st.tuples(st.sampled_from("abc"), st.integers(0, len(SENTENCES) - 1))


@settings(max_examples=60)
@given(st.lists(st.tuples(labels, st.lists(member, min_size=1, max_size=4)), max_size=8))
def test_no_sentence_is_shown_twice_nor_boilerplate(
    spec: list[tuple[Agreement, list[tuple[str, int]]]],
) -> None:
    claims = [_group(label, *[_claim(a, i) for a, i in members]) for label, members in spec]
    out = fact_sections([], OUTLETS, claims)
    keys = [(s.sources[0].article_id, s.text) for s in out]
    assert len({s.text for s in out if s.section is not Section.DIFFER}) == len(
        [s for s in out if s.section is not Section.DIFFER]
    )
    assert len(keys) == len(set(keys))
    assert not any("555-310" in s.text for s in out)


def test_summary_leads_with_what_happened_not_the_appeal() -> None:
    appeal = "Anyone with information is asked to call the county at 555-310-2214 right away."
    a = make_article(
        f"{appeal} “We lost everything in one night,” said one resident of Mill Lane. "
        "Floodwater closed the Ashvale bridge on Monday and forced forty families from Mill "
        "Lane, the county said.",
        outlet="Harbor Ledger",
        source="a",
    )
    b = make_article(
        f"{appeal} The county closed the Ashvale bridge on Monday as floodwater forced forty "
        "families from their homes on Mill Lane.",
        outlet="Valley Post",
        source="b",
    )
    picked = summarize([a, b])
    assert picked and all("555-310" not in s.text for s in picked)
    assert "bridge" in picked[0].text and len({r.article_id for r in picked[0].sources}) == 2
