"""The Spark job on the example corpus equals the single-machine pipeline on the same WARCs."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import JobRun, Reference
from newsdesk.errors import NewsdeskError
from newsdesk.pipeline import story_report
from newsdesk.records import Article
from newsdesk.spark import LoadError, load_into_store
from newsdesk.store import Store


def test_every_record_read(example_job: JobRun, example_reference: Reference) -> None:
    assert example_job.result.problem_count == 0
    assert example_job.result.archives == 4
    assert example_job.result.articles == example_reference.store.count_articles() == 17


def test_cleaned_articles_equal(example_job: JobRun, example_reference: Reference) -> None:
    ref = {a.id: a for a in example_reference.store.articles()}
    rows = {r["id"]: r for r in example_job.rows("articles")}
    assert set(rows) == set(ref)
    for aid, article in ref.items():
        row = rows[aid]
        assert row["text"] == article.text
        removed = [(r["text"], r["reason"], r["start"], r["end"]) for r in row["removed"]]
        assert removed == [(r.text, r.reason, r.start, r.end) for r in article.removed]
    assert sum(len(a.removed) for a in ref.values()) > 20  # the corpus's debris, removed alike


def test_duplicates_and_reuse_equal(example_job: JobRun, example_reference: Reference) -> None:
    store = example_reference.store
    marks = {(a.id, a.duplicate_of, a.duplicate_kind) for a in store.articles() if a.duplicate_of}
    links = {(r["article_id"], r["original_id"], r["kind"]) for r in example_job.rows("duplicates")}
    assert marks and links == marks
    reuse = sorted(tuple(r) for r in example_job.rows("reuse"))
    expected = [
        (r.article_id, r.paragraph_index, r.original_id, r.original_paragraph_index, r.similarity)
        for r in store.paragraph_reuse()
    ]
    assert reuse and reuse == sorted(expected)


def test_stories_equal(example_job: JobRun, example_reference: Reference) -> None:
    ref = {
        frozenset(r.story.article_ids): (r.story.id, r.story.title)
        for r in example_reference.reports
    }
    got = {frozenset(r["article_ids"]): (r["id"], r["title"]) for r in example_job.rows("stories")}
    assert len(got) == 4
    assert got == ref
    by_story = {r["id"]: r for r in example_job.rows("stories")}
    for report in example_reference.reports:
        assert by_story[report.story.id]["article_ids"] == report.story.article_ids


def test_fact_groups_equal(example_job: JobRun, example_reference: Reference) -> None:
    got = sorted(
        (r["story_id"], tuple(sorted(r["mentions"])), r["label"], r["independent_origins"])
        for r in example_job.rows("fact_groups")
    )
    expected = sorted(
        (
            rep.story.id,
            tuple(sorted(m.id for m in g.mentions)),
            g.label.value,
            g.independent_origins,
        )
        for rep in example_reference.reports
        for g in rep.groups
    )
    assert len(got) > 30
    assert got == expected
    labels = {label for _, _, label, _ in got}
    assert {"corroborated", "conflicting", "single-source"} <= labels


def test_facts_equal(example_job: JobRun, example_reference: Reference) -> None:
    got = {
        (r["id"], r["article_id"], r["sentence_index"], r["subject"])
        for r in example_job.rows("facts")
    }
    expected = {
        (f.id, f.article_id, f.sentence_index, f.subject)
        for rep in example_reference.reports
        for an in rep.analyses
        for f in an.facts
    }
    assert got == expected


def test_into_db_gives_the_single_machine_store(
    example_job: JobRun, example_reference: Reference, tmp_path: Path
) -> None:
    with Store(tmp_path / "loaded.db") as store:
        loaded = load_into_store(example_job.spark, str(example_job.out), store)
        assert loaded.added == 17
        ref = example_reference.store
        assert [a.id for a in store.articles()] == [a.id for a in ref.articles()]
        assert store.stories() == ref.stories()
        assert store.paragraph_reuse() == ref.paragraph_reuse()
        assert store.template_stats().overall == {
            k: n for k, n in ref.template_stats().overall.items() if n >= 3
        }
        # The loaded store briefs a story exactly as the reference does.
        story = ref.stories()[0]
        groups = [(g.id, g.label) for g in story_report(store, story).groups]
        assert groups == [(g.id, g.label) for g in story_report(ref, story).groups]
        again = load_into_store(example_job.spark, str(example_job.out), store)
        assert again.added == 0 and store.count_articles() == 17


def test_into_db_refuses_a_store_with_other_articles(example_job: JobRun, tmp_path: Path) -> None:
    other = Article(
        id="x" * 32, source="elsewhere.txt", format="txt", title="t", raw_text="b", text="b"
    )
    with Store(tmp_path / "other.db") as store:
        store.add_articles([other])
        with pytest.raises(LoadError, match="1 articles that are not in"):
            load_into_store(example_job.spark, str(example_job.out), store)
        assert isinstance(LoadError("x"), NewsdeskError)
        assert store.count_articles() == 1
