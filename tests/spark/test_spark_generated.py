"""The Spark job end to end on a generated set of CC-NEWS-style WARC files.

Synthetic reports of invented events (``bench/gen_corpus.py``) plus wire copies (exact)
and lightly edited copies (near), spread over several ``.warc.gz`` files named in a
listing together with a damaged archive and a missing one. Clustering runs in weekly
windows over a month of reports, so some stories cross a window boundary and the join pass
has work to do. (The generator's events of one kind share their wording, so even the
single-machine clusterer merges some of them: stories are compared with it, and both with
the generated events, rather than held to a perfect score.)
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conftest import JobRun
from make_warcs import Page, generated_pages, write_warcs
from newsdesk.cluster import cluster_articles
from newsdesk.dedupe import find_duplicates, find_paragraph_reuse
from newsdesk.spark import SparkJobConfig, WindowConfig, run_job
from newsdesk.spark._rows import row_article

N_GENERATED = 160
WINDOW_DAYS = 7


def _pages() -> tuple[list[Page], dict[str, str]]:
    from make_warcs import events_by_url

    pages = generated_pages(N_GENERATED, seed=11)
    events = events_by_url(N_GENERATED, seed=11)
    # Site template: each outlet's pages end with its own navigation line, which only the
    # cross-document statistics can tell from text.
    pages = [replace(p, text=f"{p.text}\n\n{p.outlet} | Home | Region | Weather") for p in pages]
    copies = []
    for i, page in enumerate(pages):
        if i % 10 == 0:  # a wire pickup: same text elsewhere
            copies.append(replace(page, url=page.url + "-wire", outlet="Meridian Wire"))
        elif i % 10 == 5:  # a lightly edited copy
            body, footer = page.text.rsplit("\n\n", 1)
            text = f"{body}\n\nOfficials later confirmed the figures.\n\n{footer}"
            copies.append(replace(page, url=page.url + "-edit", text=text))
    for copy in copies:
        events[copy.url] = events[copy.url.rsplit("-", 1)[0]]
    return pages + copies, events


def _bcubed_f1(got: dict[str, str], truth: dict[str, str]) -> float:
    """B-cubed F1 of a clustering (item -> label) against a reference one."""
    got_sizes = Counter(got.values())
    pair = Counter((got[i], truth[i]) for i in got)
    truth_sizes = Counter(truth[i] for i in got)
    p = sum(pair[(got[i], truth[i])] / got_sizes[got[i]] for i in got) / len(got)
    r = sum(pair[(got[i], truth[i])] / truth_sizes[truth[i]] for i in got) / len(got)
    return 2 * p * r / (p + r)


@pytest.fixture(scope="module")
def generated(
    spark: Any, tmp_path_factory: pytest.TempPathFactory
) -> tuple[JobRun, dict[str, str]]:
    root = tmp_path_factory.mktemp("ccnews-generated")
    pages, events = _pages()
    files = write_warcs(pages, root, files=3)
    bad = files[0].parent / "CC-NEWS-20250101000000-99999.warc.gz"
    bad.write_bytes(os.urandom(512))
    listing = root / "warc.paths"
    names = [str(f.relative_to(root)) for f in [*files, bad]] + ["crawl-data/missing.warc.gz"]
    listing.write_text("# CC-NEWS style listing\n" + "\n".join(names) + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("spark-generated-out")
    config = SparkJobConfig(
        window=WindowConfig(window_days=WINDOW_DAYS), partitions=2, base=str(root)
    )
    result = run_job(spark, [str(listing)], str(out), config)
    return JobRun(result, out, spark), events


def _articles(run: JobRun) -> list[Any]:
    rows = sorted(run.rows("articles"), key=lambda r: (r["file_index"], r["record"]))
    return [row_article(r) for r in rows]


def test_runs_end_to_end(generated: tuple[JobRun, dict[str, str]]) -> None:
    run, events = generated
    assert run.result.archives == 4  # three good, one damaged; the missing one is no archive
    assert run.result.articles == len(events)
    assert run.result.stories > 15 and run.result.facts > run.result.articles
    assert run.result.fact_groups > run.result.stories
    assert set(run.result.seconds) == {"read", "clean", "dedupe", "cluster", "facts", "write"}


def test_bad_inputs_are_reported_and_the_rest_goes_in(
    generated: tuple[JobRun, dict[str, str]],
) -> None:
    run, _ = generated
    errors = {Path(r["source"]).name: r["message"] for r in run.rows("errors")}
    assert set(errors) == {"CC-NEWS-20250101000000-99999.warc.gz", "missing.warc.gz"}
    assert errors["CC-NEWS-20250101000000-99999.warc.gz"].startswith("malformed")
    assert run.result.problem_count == 2


def test_every_article_in_exactly_one_story(generated: tuple[JobRun, dict[str, str]]) -> None:
    run, _ = generated
    members = [a for r in run.rows("stories") for a in r["article_ids"]]
    assert len(members) == len(set(members)) == run.result.articles
    story_of = {r["id"]: r["story_id"] for r in run.rows("articles")}
    for fact in run.rows("facts"):
        assert story_of[fact["article_id"]] == fact["story_id"]


def test_cleaning_equals_the_single_machine_clean(generated: tuple[JobRun, dict[str, str]]) -> None:
    from newsdesk.ingest import iter_documents
    from newsdesk.pipeline import clean_articles

    run, _ = generated
    files = list(dict.fromkeys(a.source.split("#")[0] for a in _articles(run)))
    docs = list(iter_documents(files, on_error=lambda e: None))
    expected = {a.id: (a.text, a.removed) for a in clean_articles(docs)[0]}
    got = {a.id: (a.text, a.removed) for a in _articles(run)}
    assert got == expected
    reasons = Counter(r.reason for _, removed in got.values() for r in removed)
    assert reasons["template"] >= N_GENERATED // 2


def test_duplicates_equal_the_single_machine_dedupe(
    generated: tuple[JobRun, dict[str, str]],
) -> None:
    run, _ = generated
    articles = _articles(run)
    expected = {
        (d.article_id, d.original_id, d.kind, d.similarity) for d in find_duplicates(articles)
    }
    got = {tuple(r) for r in run.rows("duplicates")}
    kinds = Counter(kind for _, _, kind, _ in got)
    # Reports of one generated event repeat its sentences, so near copies abound.
    assert kinds["exact"] >= 5 and kinds["near"] >= N_GENERATED // 10
    assert got == expected


def test_paragraph_reuse_equals_the_single_machine_dedupe(
    generated: tuple[JobRun, dict[str, str]],
) -> None:
    run, _ = generated
    expected = {
        (r.article_id, r.paragraph_index, r.original_id, r.original_paragraph_index, r.similarity)
        for r in find_paragraph_reuse(_articles(run))
    }
    got = {tuple(r) for r in run.rows("reuse")}
    assert len(got) > N_GENERATED and got == expected


def test_windowed_stories_match_the_single_machine_clustering(
    generated: tuple[JobRun, dict[str, str]],
) -> None:
    run, events = generated
    url_of = {r["id"]: r["url"] for r in run.rows("articles")}
    got = {a: r["id"] for r in run.rows("stories") for a in r["article_ids"]}
    dup = {r["article_id"]: r["original_id"] for r in run.rows("duplicates")}
    articles = [replace(a, duplicate_of=dup.get(a.id)) for a in _articles(run)]
    single = {a: s.id for s in cluster_articles(articles) for a in s.article_ids}
    truth = {a: events[url_of[a]] for a in got}
    assert _bcubed_f1(got, single) >= 0.75
    assert _bcubed_f1(got, truth) >= _bcubed_f1(single, truth) - 0.05
    # Stories do cross window boundaries: the join pass put them together.
    crossing = [
        r
        for r in run.rows("stories")
        if _window(r["first_published"]) != _window(r["last_published"])
    ]
    assert crossing


def _window(published: str) -> int:
    from datetime import date

    return date.fromisoformat(published[:10]).toordinal() // WINDOW_DAYS
