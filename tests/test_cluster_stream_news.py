"""Streaming clustering on news-like streams: no snowball, follow-ups join, bounded work."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from newsdesk.cluster import ClusterConfig, StreamClusterer
from newsdesk.records import Article, Story
from stream_scenarios import follow_up, harbour_board, long_story, shootings
from test_cluster_fixtures import FAST

DEFAULT = ClusterConfig()
CONFIGS = [pytest.param(FAST, id="words"), pytest.param(DEFAULT, id="default")]


def stream(articles: list[Article], config: ClusterConfig) -> list[Story]:
    sc = StreamClusterer(config)
    for a in articles:
        sc.add(a)
    return sc.stories()


def undated(articles: list[Article]) -> list[Article]:
    return [dataclasses.replace(a, published=None) for a in articles]


@pytest.mark.parametrize("config", CONFIGS)
def test_a_long_running_subject_does_not_snowball(config: ClusterConfig) -> None:
    articles, decision = harbour_board()
    for story in stream(articles, config):
        assert len({decision[a] for a in story.article_ids}) == 1, story.title
    assert len(stream(articles, config)) == len(set(decision.values()))


@pytest.mark.parametrize("config", CONFIGS)
def test_a_long_running_subject_without_dates_keeps_its_stories_apart(
    config: ClusterConfig,
) -> None:
    # Without dates only words and names tell the decisions apart: a stray report may
    # land in a neighbouring decision's story, but no story gathers three decisions and
    # most stay whole.
    articles, decision = harbour_board()
    stories = stream(undated(articles), config)
    assert max(len({decision[a] for a in s.article_ids}) for s in stories) <= 2
    pure = [s for s in stories if len({decision[a] for a in s.article_ids}) == 1]
    assert sum(len(s.article_ids) == 3 for s in pure) >= 6


LATER = "2031-09-16"
"""Eleven days after the Harlow Creek shooting: the charges, and another shooting."""


def incidents(config: ClusterConfig) -> tuple[set[str], set[str]]:
    """The stories holding the Harlow Creek and the Pellam Ridge reports."""
    articles, incident = shootings(LATER)
    story_of = {aid: s.id for s in stream(articles, config) for aid in s.article_ids}
    harlow = {story_of[a] for a, i in incident.items() if i == "harlow"}
    pellam = {story_of[a] for a, i in incident.items() if i == "pellam"}
    return harlow, pellam


@pytest.mark.parametrize("config", CONFIGS)
def test_a_follow_up_days_later_joins_its_story_by_its_names(config: ClusterConfig) -> None:
    harlow, pellam = incidents(config)
    assert len(harlow) == 1 and len(pellam) == 1
    assert harlow != pellam


def test_shared_names_are_what_bridges_the_days() -> None:
    # Words only and no stretch of the date decay by shared names: the charges, eleven
    # days later, start a story of their own.
    harlow, _ = incidents(dataclasses.replace(FAST, stream_follow_up=0.0))
    assert len(harlow) == 2


def test_without_shared_names_the_week_counts_against_joining() -> None:
    # The same charges report with the victim, street and town left out: only words
    # shared with the shooting remain, a week later, so it starts its own story.
    articles, _ = shootings(LATER)
    vague = dataclasses.replace(
        follow_up(LATER),
        id="vague-charged",
        title="Suspect charged with murder",
        text="A 24-year-old man was charged with murder on Friday over a death in a "
        "shooting.\n\nProsecutors told a court that the suspect fled in a borrowed car.",
    )
    others = [a for a in articles if a.id != "harlow-charged"]
    story_of = {aid: s.id for s in stream([*others, vague], DEFAULT) for aid in s.article_ids}
    assert story_of["vague-charged"] != story_of["harlow-a"]


def test_a_lone_report_is_absorbed_by_its_nearest_story_on_review() -> None:
    cfg = dataclasses.replace(
        FAST, stream_review_after=3, stream_threshold=0.9, stream_merge_threshold=1.0
    )
    sc = StreamClusterer(cfg)
    articles, _ = harbour_board()
    first, second = articles[:3], articles[3:6]
    for a in first:
        sc.add(a)
    # With a threshold nobody reaches, every report starts its own story...
    assert len({sc.story_of(a.id) for a in first}) == 3
    for a in second:
        sc.add(a)
    # ... and three articles later each lone report joins its best story: its own event's
    # reports find each other, the other event's do not come in.
    ids = {a.id: sc.story_of(a.id) for a in [*first, *second]}
    assert len({ids[a.id] for a in first}) == 1
    assert {ids[a.id] for a in first}.isdisjoint(ids[a.id] for a in second)


def test_work_per_article_stays_bounded_as_a_story_grows() -> None:
    cfg = DEFAULT
    sc = StreamClusterer(cfg)
    for a in long_story(600):
        sc.add(a)
    stories = sc.stories()
    biggest = max(stories, key=lambda s: len(s.article_ids))
    assert len(biggest.article_ids) >= 400  # one story grew large...
    stats = sc.stats()
    # ... yet no article was compared with more than the capped centroid terms, or with
    # more stories, or read more index entries, than the settings allow.
    assert stats.max_terms <= 1.25 * cfg.stream_centroid_terms
    assert stats.max_candidates <= cfg.stream_candidates
    assert stats.max_postings <= cfg.stream_query_terms * cfg.stream_max_postings
    state = sc.state()
    for sid in sc.active_story_ids():
        story = state.stories[sid]
        assert len(story.centroid) <= 1.25 * cfg.stream_centroid_terms
        assert len(story.signature) <= 1.25 * cfg.stream_signature_names
        assert len(story.names) <= 1.25 * cfg.stream_story_names
        assert len(story.title_pool) <= 4


def test_the_growing_story_keeps_only_its_own_reports() -> None:
    stories = stream(long_story(300), DEFAULT)
    for s in stories:
        kinds = Counter(aid.split("-")[0] for aid in s.article_ids)
        assert len(kinds) == 1, kinds


def test_topic_settings_score_by_centroid_with_a_size_bonus() -> None:
    topics = ClusterConfig().for_topics()
    assert topics.stream_link == 0.0 and topics.stream_size_bonus > 0
    assert topics.stream_review_after == 0
    assert ClusterConfig().stream_link == 1.0 and ClusterConfig().stream_size_bonus == 0.0
