"""Per-outlet template lines: learnt by ``Cleaner.fit`` into ``TemplateStats``; the counts of
other outlets never count."""

from __future__ import annotations

import json

import pytest

from newsdesk.clean import CleanConfig, Cleaner, TemplateStats, clean_documents
from newsdesk.records import RawDocument

FOOTER = "Harbour Ledger newsroom | Port Averley edition"
SHARED_SENTENCE = "The harbour authority did not respond to a request for comment."
STORIES = [
    "Ferry crews began a five-day strike on Monday.",
    "A late frost destroyed half of the apple blossom in the valley.",
    "The flood barrier will stay closed until the river falls.",
    "The lighthouse on the cape will be repainted this summer.",
]


def _doc(i: int, outlet: str | None, *extra: str) -> RawDocument:
    lines = [STORIES[i], SHARED_SENTENCE, *extra, FOOTER]
    return RawDocument(source=f"d{i}", format="txt", text="\n\n".join(lines), outlet=outlet)


def test_footer_shared_by_three_articles_of_one_outlet_is_template() -> None:
    docs = [_doc(i, "Harbour Ledger") for i in range(3)]
    for result in clean_documents(docs):
        assert FOOTER not in result.text
        assert [r.reason for r in result.removed] == ["template"]
        assert SHARED_SENTENCE in result.text


def test_two_articles_of_one_outlet_are_enough() -> None:
    docs = [_doc(0, "Harbour Ledger"), _doc(1, "Harbour Ledger")]
    assert all(FOOTER not in r.text for r in clean_documents(docs))


def test_lines_shared_across_outlets_are_never_template() -> None:
    docs = [_doc(0, "A"), _doc(1, "B"), _doc(2, "C"), _doc(3, None)]
    assert all(FOOTER in r.text for r in clean_documents(docs))


def test_one_outlet_is_not_judged_by_the_others() -> None:
    docs = [_doc(0, "A"), _doc(1, "B"), _doc(2, "B"), _doc(3, "C")]
    texts = [r.text for r in clean_documents(docs)]
    assert FOOTER in texts[0] and FOOTER in texts[3]
    assert FOOTER not in texts[1] and FOOTER not in texts[2]


def test_a_generic_heading_of_one_outlet_heading_a_paragraph_stays() -> None:
    docs = [
        RawDocument(f"g{i}", "txt", f"{STORIES[i]}\n\nConclusion\n\n{SHARED_SENTENCE} Case {i}.",
                    outlet="Harbour Ledger")
        for i in range(3)
    ]  # fmt: skip
    assert all("Conclusion" in r.text for r in clean_documents(docs))


def test_without_fit_no_template_rule_fires() -> None:
    assert Cleaner().clean(_doc(0, "Harbour Ledger")).removed == ()


def test_near_copies_count_as_one_article() -> None:
    body = [
        "Crews walked out at dawn after talks over night shifts broke down.",
        "The operator said forty sailings had been cancelled across the week.",
        "Union officials said the dispute was about safety as much as pay.",
    ]
    sub = "What the strike means for commuters"
    docs = [
        RawDocument(f"c{i}", "txt", "\n\n".join([*body, sub]), outlet="Harbour Ledger")
        for i in range(2)
    ]
    assert all(sub in r.text for r in clean_documents(docs))


def test_digits_do_not_split_a_template_line() -> None:
    docs = [
        _doc(i, "Harbour Ledger", f"Updated {i + 2} hours ago by the web desk") for i in range(2)
    ]
    cleaner = Cleaner().fit(docs)
    assert all("by the web desk" not in cleaner.clean(d).text for d in docs)


def test_dek_is_protected_from_the_template_rule() -> None:
    dek = "Port Averley braced for a week without its busiest crossing"
    docs = [
        RawDocument(f"d{i}", "txt", f"{dek}\n\n{STORIES[i]}", outlet="Harbour Ledger")
        for i in range(3)
    ]
    assert all(r.text.startswith(dek) for r in clean_documents(docs))


def test_stats_merge_adds_counts() -> None:
    a = Cleaner().fit([_doc(0, "Harbour Ledger")]).stats
    b = Cleaner().fit([_doc(1, "Harbour Ledger")]).stats
    merged = a.merged(b)
    assert merged.articles == 2
    cfg = CleanConfig()
    key = "harbour ledger newsroom port averley edition"
    assert merged.is_template(key, "Harbour Ledger", cfg.outlet_min_articles)
    assert not a.is_template(key, "Harbour Ledger", cfg.outlet_min_articles)
    assert not merged.is_template(key, "Valley Courier", cfg.outlet_min_articles)
    assert not merged.is_template(key, None, cfg.outlet_min_articles)


def test_persisted_stats_are_used_by_a_new_cleaner() -> None:
    stats = Cleaner().fit([_doc(0, "Harbour Ledger"), _doc(1, "Harbour Ledger")]).stats
    restored = TemplateStats.from_dict(json.loads(json.dumps(stats.to_dict())))
    assert restored == stats
    result = Cleaner(stats=restored).clean(_doc(3, "Harbour Ledger"))
    assert FOOTER not in result.text


def test_malformed_stats_are_rejected() -> None:
    with pytest.raises(ValueError):
        TemplateStats.from_dict({"articles": 1, "overall": {"x": "many"}, "by_outlet": {}})
