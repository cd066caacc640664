"""Invariants of batch and streaming clustering on random small corpora (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.cluster import StreamClusterer, cluster_articles
from newsdesk.records import Article
from test_cluster_fixtures import FAST, art

WORDS = [
    "quake",
    "velmora",
    "quillane",
    "mayor",
    "audit",
    "ferry",
    "strike",
    "dock",
    "rescue",
    "harbour",
    "granary",
    "lighthouse",
    "pay",
    "funds",
    "council",
    "storm",
]

texts = st.lists(st.sampled_from(WORDS), min_size=0, max_size=12).map(" ".join)
dates = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


@st.composite
def corpora(draw: st.DrawFn) -> list[Article]:
    n = draw(st.integers(0, 14))
    out = []
    for i in range(n):
        dup = draw(st.sampled_from([None, *[f"a{j:02d}" for j in range(i)]]))
        out.append(art(f"a{i:02d}", draw(texts), draw(texts), draw(dates), duplicate_of=dup))
    return out


def check_partition(articles: list[Article], stories_ids: list[list[str]]) -> None:
    flat = [aid for ids in stories_ids for aid in ids]
    assert sorted(flat) == sorted(a.id for a in articles)  # each article exactly once


@settings(max_examples=40, deadline=None)
@given(corpora(), st.randoms(use_true_random=False))
def test_batch_is_a_partition_invariant_to_input_order(arts: list[Article], rnd: object) -> None:
    stories = cluster_articles(arts, config=FAST)
    check_partition(arts, [s.article_ids for s in stories])
    shuffled = list(arts)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    again = cluster_articles(shuffled, config=FAST)
    assert [(s.id, s.title, s.article_ids) for s in again] == [
        (s.id, s.title, s.article_ids) for s in stories
    ]


@settings(max_examples=40, deadline=None)
@given(corpora())
def test_batch_ids_follow_the_rule(arts: list[Article]) -> None:
    by_id = {a.id: a for a in arts}
    for s in cluster_articles(arts, config=FAST):
        keys = [(by_id[i].published or "9999", i) for i in s.article_ids]
        assert keys == sorted(keys)
        assert s.id.startswith("s-" + s.article_ids[0][:12])


@settings(max_examples=40, deadline=None)
@given(corpora())
def test_stream_is_a_partition_consistent_with_add(arts: list[Article]) -> None:
    sc = StreamClusterer(FAST)
    ordered = sorted(arts, key=lambda a: (a.published or "9999", a.id))
    for a in ordered:
        sc.add(a)
    stories = sc.stories()
    check_partition(arts, [s.article_ids for s in stories])
    for s in stories:
        assert {sc.story_of(aid) for aid in s.article_ids} == {s.id}
        assert s.id.startswith("s-" + s.article_ids[0][:12])
