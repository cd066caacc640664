"""Same-kind events stay apart: the example corpus and two fictional warehouse fires.

The example corpus (examples/corpus, ground truth in examples/expected.json) has two
earthquakes eight days apart whose reports share vocabulary, an agency, a reporter and
cross-references. Articles are built the way the pipeline builds them (ingest, clean,
store, dedupe); batch and streaming clustering must both find exactly its 4 events.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from newsdesk import pipeline
from newsdesk.cluster import ClusterConfig, StreamClusterer, cluster_articles
from newsdesk.records import Article, Story
from newsdesk.store import Store
from test_cluster_fixtures import FAST, art

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"
EXPECTED = ROOT / "examples" / "expected.json"

DEFAULT = ClusterConfig()
CONFIGS = [pytest.param(FAST, id="words"), pytest.param(DEFAULT, id="default")]
NO_SIGNATURE = {"signature_floor": 1.0}

Groups = set[frozenset[str]]
Clusterer = Callable[[list[Article], ClusterConfig], list[Story]]


# ---------------------------------------------------------------- helpers


def groups(stories: Iterable[Story]) -> Groups:
    return {frozenset(s.article_ids) for s in stories}


def batch(articles: list[Article], config: ClusterConfig) -> list[Story]:
    return cluster_articles(articles, config=config)


def in_publication_order(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published or "9999", a.id))


def stream(articles: list[Article], config: ClusterConfig) -> list[Story]:
    """Feed the articles one at a time in the order given."""
    sc = StreamClusterer(config)
    for a in articles:
        sc.add(a)
    return sc.stories()


def undated(articles: list[Article]) -> list[Article]:
    """The same articles in publication order, with their dates removed."""
    return [dataclasses.replace(a, published=None) for a in in_publication_order(articles)]


CLUSTERERS = [pytest.param(batch, id="batch"), pytest.param(stream, id="stream")]


# ---------------------------------------------------------------- the example corpus


def _key(source: str) -> str:
    """``expected.json`` id of a source: path relative to examples/corpus + ``#`` part."""
    path, sep, part = source.partition("#")
    return Path(path).resolve().relative_to(EXAMPLES.resolve()).as_posix() + sep + part


@pytest.fixture(scope="module")
def example_articles(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    if not EXAMPLES.is_dir() or not EXPECTED.is_file():
        pytest.skip("example corpus not found")
    store = Store(tmp_path_factory.mktemp("examples") / "store.db")
    try:
        pipeline.ingest_paths(store, [EXAMPLES])
        pipeline.dedupe_store(store)
        return store.articles()
    finally:
        store.close()


@pytest.fixture(scope="module")
def example_events(example_articles: list[Article]) -> Groups:
    docs = json.loads(EXPECTED.read_text(encoding="utf-8"))["documents"]
    by_event: dict[str, set[str]] = {}
    for a in example_articles:
        by_event.setdefault(docs[_key(a.source)]["event"], set()).add(a.id)
    return {frozenset(ids) for ids in by_event.values()}


def test_example_corpus_is_read_whole(
    example_articles: list[Article], example_events: Groups
) -> None:
    assert len(example_articles) == 17
    assert sorted(len(g) for g in example_events) == [4, 4, 4, 5]
    assert any(a.duplicate_of for a in example_articles)  # the wire copies were found


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("clusterer", CLUSTERERS)
def test_example_corpus_clusters_into_its_four_events(
    example_articles: list[Article],
    example_events: Groups,
    clusterer: Clusterer,
    config: ClusterConfig,
) -> None:
    assert groups(clusterer(in_publication_order(example_articles), config)) == example_events


@pytest.mark.parametrize("clusterer", CLUSTERERS)
def test_example_quakes_split_by_signature_alone(
    example_articles: list[Article], example_events: Groups, clusterer: Clusterer
) -> None:
    # Publication order kept, but no dates: only the lead names tell the quakes apart.
    assert groups(clusterer(undated(example_articles), FAST)) == example_events


@pytest.mark.parametrize("clusterer", CLUSTERERS)
def test_example_quakes_split_by_dates_alone(
    example_articles: list[Article], example_events: Groups, clusterer: Clusterer
) -> None:
    config = dataclasses.replace(FAST, **NO_SIGNATURE)
    assert groups(clusterer(in_publication_order(example_articles), config)) == example_events


# ---------------------------------------------------------------- two warehouse fires


def fire_kolvik() -> list[Article]:
    """A warehouse fire in the fictional river port of Kolvik, 2 October 2031."""
    return [
        art(
            "kol-wire",
            "Warehouse fire in Kolvik kills two workers",
            "KOLVIK (Norrland Wire) - A fire tore through a grain warehouse in the river port "
            "of Kolvik on Thursday night, killing two workers and injuring five, the Norrland "
            "Fire Service said.\n\nFire chief Ruth Ellery said 60 firefighters fought the blaze "
            "for six hours. Smoke closed the river bridge and the Kolvik ferry until morning. "
            "The cause of the fire is under investigation.",
            "2031-10-02",
            "Norrland Wire",
        ),
        art(
            "kol-gazette",
            "Kolvik counts the cost of grain warehouse blaze",
            "Two workers died and five were hurt when fire destroyed a grain warehouse on the "
            "Kolvik quay, the Norrland Fire Service said on Friday.\n\nFire chief Ruth Ellery "
            "told the Gazette the roof collapsed within an hour. Kolvik mayor Anders Lume said "
            "the port would reopen on Monday. Investigators are examining the wiring.",
            "2031-10-03",
            "Valley Gazette",
        ),
        art(
            "kol-post",
            "Kolvik quay reopens after deadly fire",
            "Boats returned to the Kolvik quay on Saturday, two days after a fire in a grain "
            "warehouse killed two workers. Mayor Anders Lume laid flowers at the gate.\n\n"
            "The Norrland Fire Service said faulty wiring was the likely cause of the blaze.",
            "2031-10-04",
            "Coast Post",
        ),
    ]


def fire_ambersee() -> list[Article]:
    """A second warehouse fire, in Ambersee, a week later; its reports recall Kolvik."""
    return [
        art(
            "amb-wire",
            "Second deadly warehouse fire in a week hits Ambersee",
            "AMBERSEE (Norrland Wire) - A fire destroyed a timber warehouse in the lake town of "
            "Ambersee on Thursday, killing one worker and injuring three, the Norrland Fire "
            "Service said.\n\nIt was the second deadly warehouse fire in the province in a week, "
            "after two workers died in a grain warehouse blaze in Kolvik. Fire chief Ruth "
            "Ellery, who also led the Kolvik firefighters, said 40 firefighters fought the "
            "blaze. Investigators from Kolvik were sent to Ambersee.",
            "2031-10-09",
            "Norrland Wire",
        ),
        art(
            "amb-gazette",
            "Ambersee timber warehouse fire kills one",
            "One worker died when fire swept through a timber warehouse in Ambersee on "
            "Thursday, the Norrland Fire Service said. Ambersee mayor Lina Corvo said three "
            "injured workers were in hospital.\n\nThe blaze came a week after the Kolvik "
            "warehouse fire. Fire chief Ruth Ellery said there was no sign the two fires were "
            "linked. The Kolvik quay reopened last weekend.",
            "2031-10-09",
            "Valley Gazette",
        ),
        art(
            "amb-post",
            "Ambersee mourns worker killed in warehouse fire",
            "Flags flew at half mast in Ambersee on Friday for the worker killed when a timber "
            "warehouse burned. Mayor Lina Corvo said the town would help the injured.\n\n"
            "Like the Kolvik fire a week earlier, the blaze was fought by the Norrland Fire "
            "Service under fire chief Ruth Ellery; investigators suspect faulty wiring.",
            "2031-10-10",
            "Coast Post",
        ),
    ]


def ferry_strike() -> list[Article]:
    """Unrelated background news in the same week."""
    return [
        art(
            "ferry-a",
            "Lake ferry crews strike over rosters",
            "Ferry crews on Lake Orsa walked out on Monday over new rosters, stranding "
            "commuters between Halby and Tennvik.",
            "2031-10-06",
            "Valley Gazette",
        ),
        art(
            "ferry-b",
            "Halby commuters stranded as Orsa ferry crews walk out",
            "Commuters waited in Halby after ferry crews on Lake Orsa began a strike over "
            "rosters on Monday; no boats crossed to Tennvik.",
            "2031-10-06",
            "Coast Post",
        ),
    ]


FIRES = {
    frozenset(a.id for a in fire_kolvik()),
    frozenset(a.id for a in fire_ambersee()),
    frozenset(a.id for a in ferry_strike()),
}


def fires() -> list[Article]:
    return fire_kolvik() + fire_ambersee() + ferry_strike()


def test_fire_reports_overlap_heavily() -> None:
    # The trap is real: both events share their key words and cross-reference each other.
    words = ("warehouse", "fire", "norrland", "ruth ellery", "kolvik", "investigators")
    for a in fire_ambersee():
        assert sum(w in a.text.lower() for w in words) >= 5


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("clusterer", CLUSTERERS)
def test_two_fires_in_different_towns_stay_apart(
    clusterer: Clusterer, config: ClusterConfig
) -> None:
    assert groups(clusterer(in_publication_order(fires()), config)) == FIRES


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("clusterer", CLUSTERERS)
def test_two_fires_stay_apart_without_dates(clusterer: Clusterer, config: ClusterConfig) -> None:
    assert groups(clusterer(undated(fires()), config)) == FIRES


@pytest.mark.parametrize("clusterer", CLUSTERERS)
def test_a_follow_up_two_days_later_joins_its_event(clusterer: Clusterer) -> None:
    follow = art(
        "kol-late",
        "Wiring blamed for Kolvik warehouse fire",
        "Faulty wiring caused the fire that killed two workers in a Kolvik grain warehouse "
        "last week, the Norrland Fire Service said on Monday. Fire chief Ruth Ellery said "
        "the warehouse had no working alarms.",
        "2031-10-06",
        "Coast Post",
    )
    found = groups(clusterer(in_publication_order([*fires(), follow]), DEFAULT))
    assert frozenset(a.id for a in [*fire_kolvik(), follow]) in found
