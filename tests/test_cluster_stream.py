"""Streaming clustering: time-ordered assignment, ageing, duplicates, merges."""

from __future__ import annotations

import dataclasses

from newsdesk.cluster import StreamClusterer
from newsdesk.records import Article
from test_cluster_fixtures import (
    FAST,
    art,
    corpus,
    mayor_resigns,
    quake_quillane,
    quake_velmora,
)


def in_time_order(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published or "9999", a.id))


def feed(sc: StreamClusterer, articles: list[Article]) -> dict[str, str]:
    return {a.id: sc.add(a) for a in in_time_order(articles)}


def test_assigns_each_event_to_one_story_in_time_order() -> None:
    sc = StreamClusterer(FAST)
    got = feed(sc, corpus())
    assert {got[a.id] for a in quake_velmora()} == {"s-vel-courier"}
    assert {got[a.id] for a in quake_quillane()} == {"s-qui-courier"}
    assert {got[a.id] for a in mayor_resigns()} == {"s-ost-a"}
    assert len(sc.stories()) == 4


def test_first_article_founds_the_story_and_names_it() -> None:
    sc = StreamClusterer(FAST)
    first = quake_velmora()[0]
    assert sc.add(first) == "s-" + first.id[:12]
    (story,) = sc.stories()
    assert story.article_ids == [first.id]
    assert story.title == first.title


def test_stories_match_returned_ids() -> None:
    sc = StreamClusterer(FAST)
    got = feed(sc, corpus())
    for story in sc.stories():
        assert {got[aid] for aid in story.article_ids} == {story.id}
        assert story.article_ids == sorted(
            story.article_ids,
            key=lambda i: next((a.published, a.id) for a in corpus() if a.id == i),
        )


def test_stories_age_out_by_date_window_but_are_kept() -> None:
    sc = StreamClusterer(dataclasses.replace(FAST, window_days=30))
    feed(sc, quake_velmora())
    assert sc.active_story_ids() == ["s-vel-courier"]
    # Three months later, a follow-up in the same words starts a new story.
    late = dataclasses.replace(quake_velmora()[1], id="vel-late", published="2031-06-30")
    assert sc.add(late) == "s-vel-late"
    assert sc.active_story_ids() == ["s-vel-late"]
    assert [s.id for s in sc.stories()] == ["s-vel-courier", "s-vel-late"]


def test_stories_age_out_by_count() -> None:
    sc = StreamClusterer(dataclasses.replace(FAST, max_active=2, window_days=1e9))
    feed(sc, corpus())
    assert sc.active_story_ids() == ["s-strike-a", "s-qui-courier"]
    assert len(sc.stories()) == 4


def test_undated_stream_never_ages_by_date() -> None:
    sc = StreamClusterer(dataclasses.replace(FAST, window_days=0.0))
    for a in corpus():
        sc.add(dataclasses.replace(a, published=None))
    assert len(sc.active_story_ids()) == len(sc.stories()) >= 3


def test_duplicate_follows_original_without_changing_it() -> None:
    sc = StreamClusterer(FAST)
    feed(sc, mayor_resigns())
    copy = art(
        "ost-copy", "Unrelated", "Nothing to do with it.", "2031-04-09", duplicate_of="ost-b"
    )
    assert sc.add(copy) == "s-ost-a"
    assert sc.stories()[0].article_ids[-1] == "ost-copy"


def test_adding_the_same_article_twice_is_a_no_op() -> None:
    sc = StreamClusterer(FAST)
    a = mayor_resigns()[0]
    assert sc.add(a) == sc.add(a)
    assert sc.stories()[0].article_ids == [a.id]


def test_unrelated_articles_start_new_stories() -> None:
    sc = StreamClusterer(FAST)
    a = art(
        "x1", "Choir wins regional contest", "The Melbrook choir won the contest.", "2031-01-01"
    )
    b = art(
        "x2", "Bakery opens on Fenwick street", "A bakery opened near the bridge.", "2031-01-01"
    )
    assert sc.add(a) != sc.add(b)


def test_bridging_article_merges_stories_into_the_older_one() -> None:
    cfg = dataclasses.replace(FAST, stream_threshold=0.5, stream_merge_threshold=0.05)
    sc = StreamClusterer(cfg)
    x1 = art("x1", "", "alpha bravo charlie delta", "2031-01-01")
    x2 = art("x2", "", "alpha bravo charlie delta", "2031-01-01")
    y1 = art("y1", "", "echo foxtrot golf hotel alpha", "2031-01-02")
    z1 = art("z1", "", "alpha bravo charlie delta echo foxtrot golf hotel", "2031-01-03")
    assert [sc.add(a) for a in (x1, x2, y1)] == ["s-x1", "s-x1", "s-y1"]
    assert sc.add(z1) == "s-x1"
    assert sc.resolve("s-y1") == "s-x1"
    assert sc.story_of("y1") == "s-x1"
    assert [(s.id, s.article_ids) for s in sc.stories()] == [("s-x1", ["x1", "x2", "y1", "z1"])]
    assert sc.active_story_ids() == ["s-x1"]


def test_merging_can_be_switched_off() -> None:
    cfg = dataclasses.replace(FAST, stream_threshold=0.5, stream_merge_threshold=1.0)
    sc = StreamClusterer(cfg)
    texts = ["alpha bravo charlie delta"] * 2 + [
        "echo foxtrot golf hotel alpha",
        "alpha bravo charlie delta echo foxtrot golf hotel",
    ]
    got = [sc.add(art(f"a{i}", "", t, "2031-01-01")) for i, t in enumerate(texts)]
    # The last text shares its rarer words with a2 (mean cosine, no size bonus).
    assert got == ["s-a0", "s-a0", "s-a2", "s-a2"]
    assert len(sc.stories()) == 2


def test_ids_are_deterministic() -> None:
    runs = []
    for _ in range(2):
        sc = StreamClusterer(FAST)
        feed(sc, corpus())
        runs.append([(s.id, s.title, s.article_ids) for s in sc.stories()])
    assert runs[0] == runs[1]
