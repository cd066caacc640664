"""Named entities (spaCy) as clustering features, and the date and text helpers."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from newsdesk.cluster import ClusterConfig, cluster_articles
from newsdesk.cluster.features import (
    date_factor,
    dateline,
    extract_entities,
    load_nlp,
    normalize_entity,
    parse_iso,
    weighted_text,
)
from test_cluster_fixtures import FAST, art, corpus, quake_quillane, quake_velmora

WITH_ENTITIES = ClusterConfig(use_entities=True)
SPACY = ClusterConfig(use_entities=True, entity_source="spacy")


def undated(articles: list) -> list:  # type: ignore[type-arg]
    return [dataclasses.replace(a, published=None) for a in articles]


@pytest.mark.parametrize("config", [WITH_ENTITIES, SPACY], ids=["names", "spacy"])
def test_entities_are_extracted_and_normalised(config: ClusterConfig) -> None:
    (ents,) = extract_entities(quake_velmora()[:1], config)
    assert "velmora" in ents
    assert "oskar brelin" in ents


def test_default_entities_are_the_cheap_names() -> None:
    assert ClusterConfig().entity_source == "names"
    (ents,) = extract_entities(quake_velmora()[:1], WITH_ENTITIES)
    assert "tarnholt" in ents
    assert "lieutenant oskar brelin" not in ents  # honorifics are not part of a name


def test_spacy_reads_only_the_title_and_lead() -> None:
    late = art("late", "Quiet day", "Nothing happened. " * 100 + "Oskar Brelin spoke in Tarnholt.")
    (ents,) = extract_entities([late], dataclasses.replace(SPACY, entity_chars=1500))
    assert "oskar brelin" not in ents
    (ents,) = extract_entities([late], dataclasses.replace(SPACY, entity_chars=5000))
    assert "oskar brelin" in ents


def test_model_is_loaded_once_with_only_ner_running() -> None:
    nlp = load_nlp(SPACY.spacy_model)
    assert nlp is load_nlp(SPACY.spacy_model)
    assert nlp.pipe_names == ["ner"]


def test_unknown_entity_source_is_rejected() -> None:
    with pytest.raises(ValueError, match="entity_source"):
        ClusterConfig(entity_source="regex")


def test_default_date_model_separates_a_week_but_not_a_follow_up() -> None:
    cfg = ClusterConfig()
    assert date_factor((0, 0), (3, 3), cfg) == 1.0  # follow-ups within ~3 days
    assert date_factor((0, 0), (8, 8), cfg) < 0.6  # same-kind events 8 days apart
    assert date_factor((0, 0), (365, 365), cfg) == cfg.date_floor


def test_entities_separate_undated_earthquakes() -> None:
    stories = cluster_articles(undated(corpus()), config=WITH_ENTITIES)
    groups = {frozenset(s.article_ids) for s in stories}
    assert frozenset(a.id for a in quake_velmora()) in groups
    assert frozenset(a.id for a in quake_quillane()) in groups


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Posted May 3, 2013 | by staff", dt.date(2013, 5, 3)),
        ("LONDON, 14 February 2031 - The council", dt.date(2031, 2, 14)),
        ("http://example.org/2012/08/07/story", dt.date(2012, 8, 7)),
        ("No date here at all", None),
        ("February 30, 2031 is not a day", None),
    ],
)
def test_dateline(text: str, expected: dt.date | None) -> None:
    got = dateline(text)
    assert got == (expected.toordinal() if expected else None)


def test_parse_iso_accepts_dates_and_datetimes() -> None:
    assert parse_iso("2031-03-04") == dt.date(2031, 3, 4).toordinal()
    assert parse_iso("2031-03-04T10:00:00Z") == dt.date(2031, 3, 4).toordinal()
    assert parse_iso("yesterday") is None
    assert parse_iso(None) is None


def test_date_factor_grace_decay_and_floor() -> None:
    cfg = ClusterConfig(date_grace_days=7, date_decay_days=30, date_floor=0.5)
    assert date_factor((0, 3), (8, 9), cfg) == 1.0
    assert date_factor(None, (100, 100), cfg) == 1.0
    assert 0.5 < date_factor((0, 0), (20, 20), cfg) < 1.0
    assert date_factor((0, 0), (1000, 1000), cfg) == 0.5


def test_normalize_entity() -> None:
    assert normalize_entity("The  Harbour Board's") == "harbour board"


def test_lead_is_counted_twice() -> None:
    a = quake_velmora()[0]
    text = weighted_text(a, FAST)
    assert text.count(a.title) == 2
    assert text.endswith(a.text)
