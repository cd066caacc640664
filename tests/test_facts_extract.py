"""extract_facts on fictional articles: subject, predicate, time, attribution, ids."""

from __future__ import annotations

from _factories import make_article
from newsdesk.facts import extract_facts, fact_id
from newsdesk.records import Bound, Fact

BODY = (
    "KORVEL (Reuters) - The Varnish navy has lost an estimated 40-odd ships since 2021.\n\n"
    "At least 1,200 sailors have been killed or wounded, a source familiar with the audit "
    "told the Korvel Herald last month.\n\n"
    "The navy deployed another 3,000 sailors in September 2023, officials said."
)


def facts() -> list[Fact]:
    return extract_facts(make_article(BODY, published="2024-01-05"))


def by_value(value: float) -> Fact:
    return next(f for f in facts() if f.quantity.value == value)


def test_one_fact_per_quantity() -> None:
    assert [f.quantity.value for f in facts()] == [40.0, 1200.0, 3000.0]


def test_lost_ships() -> None:
    f = by_value(40.0)
    assert (f.subject, f.predicate, f.quantity.bound) == ("ships", "lost", Bound.APPROX)
    assert f.time is not None and f.time.start == "2021-01-01"


def test_casualties_relayed_by_a_named_outlet() -> None:
    f = by_value(1200.0)
    assert (f.subject, f.predicate, f.quantity.bound) == ("sailors", "casualties", Bound.GE)
    assert f.attributed_to[0] == "Korvel Herald"
    assert f.time is None  # "told ... last month" dates the telling, not the casualties


def test_deployed_with_resolved_month() -> None:
    f = by_value(3000.0)
    assert (f.subject, f.predicate) == ("sailors", "deployed")
    assert f.time is not None and f.time.start == "2023-09-01"


def test_wire_credit_attributes_unattributed_facts() -> None:
    assert by_value(40.0).attributed_to == ("Reuters",)


def test_fact_fields_point_back_to_the_sentence() -> None:
    article = make_article(BODY, published="2024-01-05")
    for f in extract_facts(article):
        assert f.article_id == article.id
        assert f.sentence[f.quantity.start : f.quantity.end] == f.quantity.text
        assert f.id == fact_id(article.id, f.sentence_index, f.quantity)


def test_fact_ids_are_deterministic_and_distinct() -> None:
    first = [f.id for f in facts()]
    assert first == [f.id for f in facts()]
    assert len(set(first)) == len(first)


def test_human_losses_are_casualties() -> None:
    article = make_article("Having lost 500 soldiers, the brigade withdrew.")
    [f] = extract_facts(article)
    assert (f.subject, f.predicate) == ("soldiers", "casualties")


def test_dead_and_wounded_is_casualties() -> None:
    article = make_article("The storm left 30 villagers dead and wounded.")
    [f] = extract_facts(article)
    assert (f.subject, f.predicate) == ("villagers", "casualties")


def test_measure_subject_is_what_it_measures() -> None:
    article = make_article("Nearly 90% of the crew stayed aboard.")
    [f] = extract_facts(article)
    assert f.subject == "crew"


def test_article_without_numbers_has_no_facts() -> None:
    assert extract_facts(make_article("The ferry was late again.")) == []
