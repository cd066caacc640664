"""The streaming clusterer's state: saved as plain data, restored, it goes on unchanged."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.cluster import StreamClusterer
from newsdesk.cluster.stream_state import StreamState
from newsdesk.records import Article
from stream_scenarios import harbour_board, shootings
from test_cluster_fixtures import FAST
from test_cluster_properties import corpora


def in_order(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published or "9999", a.id))


def saved_and_restored(sc: StreamClusterer) -> StreamClusterer:
    """A new clusterer from ``sc``'s state after a trip through JSON text."""
    text = json.dumps(sc.state().to_dict())
    return StreamClusterer.from_state(StreamState.from_dict(json.loads(text)), sc.config)


def check_goes_on_unchanged(articles: list[Article], cut: int) -> None:
    whole, part = StreamClusterer(FAST), StreamClusterer(FAST)
    for a in articles[:cut]:
        whole.add(a)
        part.add(a)
    restored = saved_and_restored(part)
    assert [whole.add(a) for a in articles[cut:]] == [restored.add(a) for a in articles[cut:]]
    assert [(s.id, s.title, s.article_ids) for s in whole.stories()] == [
        (s.id, s.title, s.article_ids) for s in restored.stories()
    ]
    assert restored.active_story_ids() == whole.active_story_ids()


@settings(max_examples=30, deadline=None)
@given(corpora(), st.integers(0, 14))
def test_a_restored_clusterer_goes_on_as_the_original(arts: list[Article], cut: int) -> None:
    check_goes_on_unchanged(in_order(arts), min(cut, len(arts)))


def test_state_round_trip_on_a_news_stream() -> None:
    articles, _ = shootings()
    board, _ = harbour_board()
    stream = in_order([*articles, *board])
    for cut in (1, len(stream) // 2, len(stream) - 1):
        check_goes_on_unchanged(stream, cut)


def test_state_is_plain_json_data() -> None:
    sc = StreamClusterer(FAST)
    for a in harbour_board()[0]:
        sc.add(a)
    data = sc.state().to_dict()
    assert json.loads(json.dumps(data)) == json.loads(
        json.dumps(StreamState.from_dict(data).to_dict())
    )
    assert set(data) == {
        "df",
        "docs",
        "seen",
        "day",
        "stories",
        "article_story",
        "active",
        "pending",
    }
    assert data["active"] == sc.active_story_ids()
