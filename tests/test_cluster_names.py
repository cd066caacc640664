"""Cheap names and the lead signature (newsdesk.cluster.names), on fictional text."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.cluster import ClusterConfig
from newsdesk.cluster.names import article_names, factor_of, lead_length, signature_factor
from test_cluster_fixtures import art

CFG = ClusterConfig()


def names_of(title: str, text: str, **kw: object) -> tuple[list[str], dict[str, float]]:
    found = article_names(dataclasses.replace(art("n", title, text), **kw), CFG)
    return list(found.phrases), found.signature


def test_mid_sentence_capitals_are_names() -> None:
    phrases, _ = names_of("", "Rescuers reached the village of Ostmark Falls on Friday.")
    assert phrases == ["ostmark falls"]


def test_sentence_initial_capital_needs_confirmation() -> None:
    phrases, _ = names_of("", "Engineers arrived. Teams followed. Officials met engineers.")
    assert phrases == []
    phrases, _ = names_of("", "Brelin arrived. Later the crews met Brelin at the bridge.")
    assert phrases == ["brelin", "brelin"]


def test_words_mostly_written_in_lower_case_are_not_names() -> None:
    text = "The Harbour was shut. Ships left the harbour, and the harbour emptied."
    assert names_of("", text)[0] == []


def test_title_case_headline_gives_no_names_of_its_own() -> None:
    phrases, sig = names_of("Storm Floods Coastal Road In Kelmoor", "Water covered the road.")
    assert phrases == []
    assert sig == {}
    phrases, sig = names_of("Storm Floods Coastal Road In Kelmoor", "Water reached Kelmoor.")
    assert phrases == ["kelmoor", "kelmoor"]
    assert set(sig) == {"kelmoor"}


def test_weekdays_months_and_honorifics_are_not_names() -> None:
    text = "On Monday in March the crews met Mayor Ines Talvary and Dr Aalund."
    assert names_of("", text)[0] == ["ines talvary", "aalund"]


def test_of_links_two_names_into_one_phrase() -> None:
    text = "The figure came from the Calvane Chamber of Commerce, a trade body."
    assert names_of("", text)[0] == ["calvane chamber of commerce"]


def test_signature_comes_from_title_and_lead_only() -> None:
    lead = "A fire destroyed a warehouse in Kolvik on Sunday, firefighters said."
    later = " Filler sentence about the weather." * 20 + " It followed a blaze in Ambersee."
    _, sig = names_of("Warehouse fire in Kolvik", lead + later)
    assert set(sig) == {"kolvik"}
    phrases, _ = names_of("Warehouse fire in Kolvik", lead + later)
    assert "ambersee" in phrases  # still an entity, just not part of the signature


def test_signature_weights_repeated_names_and_has_unit_length() -> None:
    text = "Crews in Kolvik, near Dunmere, worked all night. Kolvik residents waited in Kolvik."
    _, sig = names_of("", text)
    assert sig["kolvik"] > sig["dunmere"]
    assert math.isclose(math.sqrt(sum(v * v for v in sig.values())), 1.0)


def test_outlet_and_author_names_are_not_the_event() -> None:
    text = "KOLVIK (Meridian Wire) - A fire destroyed a warehouse in Kolvik, Meridian Wire said."
    phrases, sig = names_of("", text, outlet="Meridian Wire", authors=("Maren Holt",))
    assert "meridian" not in sig and "wire" not in sig
    assert "meridian wire" not in phrases
    _, sig = names_of("", text, outlet="Valley Post")
    assert "meridian" in sig


def test_web_address_lines_are_skipped() -> None:
    text = "http://news.example/kolvik-fire\nA fire broke out in Kolvik, crews said."
    phrases, sig = names_of("", text)
    assert phrases == ["kolvik"]
    assert set(sig) == {"kolvik"}


def test_empty_article_has_no_names() -> None:
    assert names_of("", "") == ([], {})


# ---------------------------------------------------------------- signature factor


def test_signature_factor_bounds() -> None:
    a, b = {"kolvik": 1.0}, {"ambersee": 1.0}
    assert signature_factor(a, b, CFG) == CFG.signature_floor
    assert signature_factor(a, a, CFG) == 1.0
    assert signature_factor(a, {}, CFG) == 1.0  # no signature: no evidence either way
    off = dataclasses.replace(CFG, signature_floor=1.0)
    assert signature_factor(a, b, off) == 1.0


def test_partial_overlap_lies_between_floor_and_one() -> None:
    cfg = dataclasses.replace(CFG, signature_match=0.5)
    a = {"kolvik": 0.6, "dunmere": 0.8}
    b = {"dunmere": 0.1, "ambersee": math.sqrt(0.99)}
    assert cfg.signature_floor < signature_factor(a, b, cfg) < 1.0


sigs = st.dictionaries(
    st.sampled_from(["kolvik", "ambersee", "dunmere", "ostmark", "brelin"]),
    st.floats(0.01, 5.0),
    max_size=5,
)


@given(sigs, sigs)
def test_signature_factor_is_symmetric_and_bounded(
    a: dict[str, float], b: dict[str, float]
) -> None:
    f = signature_factor(a, b, CFG)
    assert f == pytest.approx(signature_factor(b, a, CFG))
    assert CFG.signature_floor - 1e-12 <= f <= 1.0 + 1e-12


@given(sigs, sigs)
def test_factor_of_matches_signature_factor(a: dict[str, float], b: dict[str, float]) -> None:
    shared = sum(w * b.get(t, 0.0) for t, w in a.items())
    sq_a, sq_b = sum(w * w for w in a.values()), sum(w * w for w in b.values())
    assert factor_of(shared, sq_a, sq_b, CFG) == pytest.approx(signature_factor(a, b, CFG))


def test_lead_ends_at_the_first_sentence_after_the_minimum() -> None:
    first = "A fire destroyed a timber warehouse in the lake town of Ambersee on Thursday, "
    first += "killing one worker and injuring three people, the regional fire service said."
    second = " It was the second fire in a week, after a blaze in Kolvik."
    assert lead_length(first + second, CFG) == len(first)
    _, sig = names_of("Warehouse fire", first + second)
    assert set(sig) == {"ambersee"}
    short = dataclasses.replace(CFG, signature_min_chars=10_000)
    assert lead_length(first + second, short) == short.signature_chars


def test_lead_stops_at_a_paragraph_break() -> None:
    body = "Ambersee " * 20 + "\n\nKolvik " * 10
    assert lead_length(body, CFG) == len("Ambersee " * 20) + 2
