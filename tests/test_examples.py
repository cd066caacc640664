"""End to end on the bundled example corpus, against its ground truth (examples/expected.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk import pipeline
from newsdesk.records import Article
from newsdesk.store import Store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"
EXPECTED = json.loads((ROOT / "examples" / "expected.json").read_text(encoding="utf-8"))
DOCS: dict[str, dict[str, object]] = EXPECTED["documents"]


def _key(article: Article) -> str:
    return Path(article.source).resolve().relative_to(CORPUS.resolve()).as_posix()


def _key_of(source: str) -> str:
    path, _, anchor = source.partition("#")
    rel = Path(path).resolve().relative_to(CORPUS.resolve()).as_posix()
    return f"{rel}#{anchor}" if anchor else rel


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = Store(tmp_path_factory.mktemp("examples") / "nd.db")
    report = pipeline.ingest_paths(s, [CORPUS])
    assert report.errors == []
    pipeline.dedupe_store(s)
    return s


@pytest.fixture(scope="module")
def articles(store: Store) -> dict[str, Article]:
    return {_key_of(a.source): a for a in store.articles()}


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_every_document_is_ingested(articles: dict[str, Article]) -> None:
    assert sorted(articles) == sorted(DOCS)


@pytest.mark.parametrize("key", sorted(DOCS))
def test_stated_metadata_is_recovered(articles: dict[str, Article], key: str) -> None:
    doc, art = DOCS[key], articles[key]
    stated = doc["stated_in_source"]
    assert isinstance(stated, list)
    if "title" in stated:
        assert art.title == doc["title"]
    if "authors" in stated:
        assert list(art.authors) == doc["authors"]
    if "published" in stated:
        assert (art.published or "")[:10] == doc["published"]
    if "outlet" in stated:
        assert art.outlet == doc["outlet"]


@pytest.mark.parametrize("key", sorted(k for k, d in DOCS.items() if d.get("debris_lines")))
def test_debris_lines_are_removed(articles: dict[str, Article], key: str) -> None:
    body_lines = {line.strip() for line in articles[key].text.splitlines()}
    debris = DOCS[key]["debris_lines"]
    assert isinstance(debris, list)
    assert [line for line in debris if line.strip() in body_lines] == []
    removed = {_squash(r.text) for r in articles[key].removed}
    assert all(any(_squash(d) in r for r in removed) for d in debris)


@pytest.mark.parametrize("key", sorted(k for k, d in DOCS.items() if d.get("debris_strings")))
def test_page_furniture_stays_out(articles: dict[str, Article], key: str) -> None:
    strings = DOCS[key]["debris_strings"]
    assert isinstance(strings, list)
    assert [s for s in strings if s in articles[key].text] == []


@pytest.mark.parametrize("key", sorted(DOCS))
def test_body_sentences_are_kept(articles: dict[str, Article], key: str) -> None:
    body = _squash(articles[key].text)
    keep = DOCS[key]["keep_sentences"]
    assert isinstance(keep, list)
    assert [s for s in keep if _squash(s) not in body] == []


def test_wire_copies_are_marked_with_their_original(articles: dict[str, Article]) -> None:
    for dup in EXPECTED["duplicates"]:
        copy, original = articles[dup["source"]], articles[dup["original"]]
        assert (copy.duplicate_of, copy.duplicate_kind) == (original.id, dup["kind"])
    marked = {k for k, a in articles.items() if a.duplicate_of}
    assert marked == {d["source"] for d in EXPECTED["duplicates"]}


def test_paragraph_reuse_points_at_the_wire(store: Store, articles: dict[str, Article]) -> None:
    by_id = {a.id: k for k, a in articles.items()}
    found = {(by_id[r.article_id], by_id[r.original_id]) for r in store.paragraph_reuse()}
    for expected in EXPECTED["paragraph_reuse"]:
        assert (expected["source"], expected["original"]) in found
