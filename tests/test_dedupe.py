from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from _factories import make_article
from newsdesk.dedupe import DedupeConfig, find_duplicates, find_paragraph_reuse, normalized_hash

WIRE = [
    "Floodwaters rose across the lower Ashvale valley on Monday, forcing the evacuation of "
    "riverside neighbourhoods and closing the main bridge into the town centre.",
    "The regional emergency office said crews had moved families from low-lying streets "
    "overnight and opened two shelters in school gymnasiums on higher ground.",
    "Forecasters expect the river to crest late on Tuesday before slowly receding through "
    "the rest of the week, although more rain is possible in the hills upstream.",
    "Local businesses along the embankment began stacking sandbags at dawn, and the "
    "council asked residents to avoid unnecessary travel until the water falls.",
]
OTHER = (
    "A new library opened in the old customs house on Saturday, with a reading room "
    "overlooking the harbour and a collection of maritime maps donated by local families."
)


def test_exact_copy_is_linked_to_the_earlier_article() -> None:
    text = "\n\n".join(WIRE)
    first = make_article(text, outlet="Meridian Wire", published="2025-03-01")
    copy = make_article(text, outlet="Valley Post", published="2025-03-02")
    links = find_duplicates([copy, first])
    assert [(link.article_id, link.original_id, link.kind) for link in links] == [
        (copy.id, first.id, "exact")
    ]


def test_near_copy_with_small_edits_is_linked() -> None:
    original = make_article("\n\n".join(WIRE), published="2025-03-01")
    edited = [*WIRE[:3], WIRE[3].replace("at dawn", "early in the morning")]
    near = make_article("\n\n".join(edited), outlet="Coastline Daily", published="2025-03-02")
    links = find_duplicates([original, near])
    assert len(links) == 1
    assert links[0].kind == "near"
    assert links[0].original_id == original.id
    assert 0.8 <= links[0].similarity < 1.0


def test_different_stories_are_not_linked() -> None:
    a = make_article("\n\n".join(WIRE))
    b = make_article(OTHER * 3)
    assert find_duplicates([a, b]) == []


def test_paragraph_reuse_points_to_the_earlier_article() -> None:
    original = make_article("\n\n".join(WIRE), published="2025-03-01")
    borrower = make_article(
        OTHER + "\n\n" + WIRE[1] + "\n\nThe shelters will stay open all week, officials added.",
        outlet="Northfield Courier",
        published="2025-03-03",
    )
    reuse = find_paragraph_reuse([borrower, original])
    assert [
        (r.article_id, r.paragraph_index, r.original_id, r.original_paragraph_index) for r in reuse
    ] == [(borrower.id, 1, original.id, 1)]


def test_normalized_hash_ignores_case_and_punctuation() -> None:
    assert normalized_hash("Hello,  World!") == normalized_hash("hello world")
    assert normalized_hash("hello world") != normalized_hash("hello there world")


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(range(len(WIRE))), st.sampled_from(["2025-03-01", "2025-03-02"])),
        min_size=1,
        max_size=6,
    )
)
def test_links_always_point_to_an_earlier_non_duplicate(picks: list[tuple[int, str]]) -> None:
    articles = [
        make_article(WIRE[i] + " " + WIRE[(i + 1) % len(WIRE)], published=d, source=f"f{n}")
        for n, (i, d) in enumerate(picks)
    ]
    links = find_duplicates(articles)
    by_id = {a.id: a for a in articles}
    copies = {link.article_id for link in links}
    for link in links:
        assert link.article_id != link.original_id
        assert link.original_id not in copies
        assert (by_id[link.original_id].published or "") <= (by_id[link.article_id].published or "")


def test_paragraph_reuse_is_looked_for_within_the_window() -> None:
    original = make_article("\n\n".join(WIRE), published="2025-03-01")
    soon = make_article(OTHER + "\n\n" + WIRE[2], outlet="Soon", published="2025-03-20")
    late = make_article(OTHER + "\n\n" + WIRE[3], outlet="Late", published="2025-06-01")
    reuse = find_paragraph_reuse([original, soon, late], DedupeConfig(reuse_window_days=30))
    assert {(r.article_id, r.original_id) for r in reuse} == {(soon.id, original.id)}
