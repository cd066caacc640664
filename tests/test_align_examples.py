"""Facts + align end to end on the fictional example corpus (bench/bench_align_examples.py).

The gate runs in-process; the other tests look at single cases of examples/expected.json:
the deliberate conflicts, the wire copies, the traps of equal numbers.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

import bench_align_examples  # bench/ is on the path (tests/conftest.py)


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return bench_align_examples


@pytest.fixture(scope="module")
def scores(bench: ModuleType) -> Any:
    if not (bench.CORPUS.is_dir() and bench.EXPECTED.is_file()):
        pytest.skip("example corpus not found")
    return bench.run()


def _groups_with(scores: Any, event: str, *quotes: str) -> list[Any]:
    """Predicted groups of ``event`` holding a mention whose sentence contains each quote."""
    return [
        g
        for g in scores.groups[event]
        if all(any(q in " ".join(f.sentence.split()) for f in g.mentions) for q in quotes)
    ]


def test_gate(bench: ModuleType, scores: Any) -> None:
    assert bench.gate(scores) == [], bench.report(scores, errors=True)


@pytest.mark.parametrize("group", ["tarrow-dead", "calvane-daily-cost"])
def test_deliberate_conflicts_are_found(scores: Any, group: str) -> None:
    assert scores.labels.get(group) == "conflicting"


@pytest.mark.parametrize("group", ["tarrow-rescuers", "tarrow-aftershocks", "tarrow-power"])
def test_wire_copies_make_one_origin(scores: Any, group: str) -> None:
    assert scores.labels.get(group) == "single-origin"


def test_same_primary_source_in_two_stories_is_one_origin(scores: Any) -> None:
    assert scores.labels.get("tarrow-magnitude") == "single-origin"
    assert scores.labels.get("calvane-ships-waiting") == "single-origin"


def test_independent_origins_corroborate(scores: Any) -> None:
    assert scores.labels.get("tarrow-shelters") == "corroborated"
    assert scores.labels.get("brackenford-cars-derailed") == "corroborated"


@pytest.mark.parametrize("group", ["tarrow-injured", "brackenford-evacuated", "velmora-buildings"])
def test_differing_precision_is_compatible(scores: Any, group: str) -> None:
    assert scores.labels.get(group) == "compatible"


@pytest.mark.parametrize(
    ("event", "first", "second"),
    [
        ("tarrow-quake", "Some 300 homes were damaged", "The ministry said 300 rescuers"),
        ("brackenford-derailment", "14 people were taken to", "was closed for 14 hours"),
        ("tarrow-quake", "41 of them so badly", "injuring more than 40"),
        ("calvane-strike", "wants a 12% raise", "its offer of 4.5%"),
    ],
)
def test_equal_numbers_of_different_things_stay_apart(
    scores: Any, event: str, first: str, second: str
) -> None:
    assert _groups_with(scores, event, first)
    assert _groups_with(scores, event, second)
    assert not _groups_with(scores, event, first, second)


def test_an_old_earthquake_is_not_todays(scores: Any) -> None:
    assert {"tarrow-dead", "tarrow-1987-dead"} <= scores.found_ids
    assert not _groups_with(scores, "tarrow-quake", "in 1987, killed 31", "killing 12 people")


def test_a_total_is_not_the_part(scores: Any) -> None:
    assert scores.labels.get("brackenford-train-length") == "single-origin"
    assert scores.labels.get("brackenford-cars-derailed") == "corroborated"


def test_relayed_wire_figures_name_the_wire(scores: Any) -> None:
    [group] = [
        g
        for g in _groups_with(scores, "calvane-strike", "18 million euros a day")
        if len(g.mentions) > 1
    ]
    sources = {f.attributed_to for f in group.mentions if "according to" in f.sentence}
    assert sources == {("Calvane Chamber of Commerce", "Meridian Wire")}
