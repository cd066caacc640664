"""Batch clustering on fictional reports: separate same-kind events, merge rewordings."""

from __future__ import annotations

import dataclasses

from newsdesk.cluster import ClusterConfig, cluster_articles
from newsdesk.records import Article, Story
from test_cluster_fixtures import (
    FAST,
    art,
    corpus,
    mayor_resigns,
    port_strike,
    quake_quillane,
    quake_velmora,
)


def groups(stories: list[Story]) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in stories}


def ids(articles: list[Article]) -> frozenset[str]:
    return frozenset(a.id for a in articles)


def test_two_earthquakes_are_two_stories() -> None:
    stories = cluster_articles(quake_velmora() + quake_quillane() + port_strike(), config=FAST)
    assert ids(quake_velmora()) in groups(stories)
    assert ids(quake_quillane()) in groups(stories)


def test_one_event_in_different_words_is_one_story() -> None:
    stories = cluster_articles(mayor_resigns() + port_strike(), config=FAST)
    assert ids(mayor_resigns()) in groups(stories)


def test_whole_corpus_finds_the_four_events() -> None:
    expected = {ids(f()) for f in (quake_velmora, quake_quillane, mayor_resigns, port_strike)}
    assert groups(cluster_articles(corpus(), config=FAST)) == expected


def test_dates_far_apart_keep_reworded_reports_of_same_kind_apart() -> None:
    # Same wording, same place name omitted: only the dates tell the two events apart.
    text = "A strong earthquake shook the valley; rescue teams searched collapsed buildings."
    early = [art(f"e{i}", "Earthquake shakes valley", text, "2031-01-0" + str(i)) for i in (1, 2)]
    late = [art(f"l{i}", "Earthquake shakes valley", text, "2031-09-0" + str(i)) for i in (1, 2)]
    strict = dataclasses.replace(FAST, date_floor=0.0, threshold=0.5)
    assert groups(cluster_articles(early + late, config=strict)) == {ids(early), ids(late)}
    assert (
        len(cluster_articles(early + late, config=dataclasses.replace(strict, date_floor=1.0))) == 1
    )


def test_story_id_title_and_order() -> None:
    stories = cluster_articles(corpus(), config=FAST)
    vel = next(s for s in stories if "vel-wire" in s.article_ids)
    # earliest by published then id: vel-courier and vel-harbor share 2031-03-04
    assert vel.id == "s-" + "vel-courier"[:12]
    assert vel.article_ids == ["vel-courier", "vel-harbor", "vel-wire"]
    assert vel.title in {a.title for a in quake_velmora()}
    # stories come ordered by their earliest article
    firsts = [s.article_ids[0] for s in stories]
    assert firsts == ["vel-courier", "ost-a", "strike-a", "qui-courier"]


def test_story_id_uses_first_twelve_characters() -> None:
    long = [dataclasses.replace(a, id="abcdefghijklmnop-" + a.id) for a in mayor_resigns()]
    (story,) = cluster_articles(long, config=FAST)
    assert story.id == "s-abcdefghijkl"


def test_colliding_id_prefixes_get_suffixes() -> None:
    arts = [dataclasses.replace(a, id="same-prefix-xx-" + a.id) for a in corpus()]
    sids = [s.id for s in cluster_articles(arts, config=FAST)]
    assert len(sids) == len(set(sids)) == 4
    assert sids[0] == "s-same-prefix-"
    assert sids[1] == "s-same-prefix--2"


def test_duplicates_follow_their_original() -> None:
    copy = art(
        "copy-1",
        "Totally unrelated headline",
        "Nothing alike.",
        "2031-08-01",
        duplicate_of="qui-harbor",
    )
    chain = art("copy-2", "x", "y", "2031-08-02", duplicate_of="copy-1")
    stories = cluster_articles([*corpus(), copy, chain], config=FAST)
    qui = next(s for s in stories if "qui-harbor" in s.article_ids)
    assert {"copy-1", "copy-2"} <= set(qui.article_ids)
    assert qui.article_ids[-2:] == ["copy-1", "copy-2"]


def test_duplicate_of_absent_article_is_clustered_normally() -> None:
    orphan = dataclasses.replace(mayor_resigns()[0], id="orphan", duplicate_of="not-here")
    stories = cluster_articles([*mayor_resigns()[1:], orphan], config=FAST)
    assert len(stories) == 1


def test_undated_articles_sort_last_in_a_story() -> None:
    arts = mayor_resigns()
    arts[0] = dataclasses.replace(arts[0], published=None)
    (story,) = cluster_articles(arts + port_strike(), config=FAST)[:1]
    assert story.article_ids[-1] == "ost-a"
    assert story.id == "s-ost-b"


def test_empty_and_single_inputs() -> None:
    assert cluster_articles([], config=FAST) == []
    (one,) = cluster_articles(mayor_resigns()[:1], config=FAST)
    assert one.article_ids == ["ost-a"]
    assert one.title == mayor_resigns()[0].title


def test_articles_without_words_are_singletons() -> None:
    blank = [art(f"b{i}", "", "", "2031-01-01") for i in range(3)]
    assert groups(cluster_articles(blank, config=FAST)) == {frozenset({f"b{i}"}) for i in range(3)}


def test_untitled_story_takes_first_body_line() -> None:
    arts = [dataclasses.replace(a, title="") for a in mayor_resigns()]
    (story,) = cluster_articles(arts, config=FAST)
    assert story.title.startswith(("Petra", "The mayor", "Ostrevik"))


def test_default_config_is_valid_and_entities_optional() -> None:
    assert ClusterConfig().use_entities is True
    assert FAST.use_entities is False
